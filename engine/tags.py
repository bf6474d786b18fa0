"""The state tags Python asks about, and the workflow whose states must carry each.

A workflow file names its states; Python must not repeat those names to ask "is this draft
ready for a session?" or "is this an act?" — renaming a state in the file would silently
change the answer. Instead a state carries tags (``tags: [act, standing]``, the vocabulary
of transitions' ``Tags`` extension) and Python asks ``Workflow.states_tagged(ACT)``.
``muni workflows lint`` reports a tag listed here that no state of its workflow declares.
"""

from __future__ import annotations

# council_decision
READY_FOR_AGENDA = "ready_for_agenda"   # examined (and, if normative, discussed): agenda-ready
DISCUSSION_OVER = "discussion_over"     # a normative draft's public discussion is over
ON_AGENDA = "on_agenda"                 # listed on a session's agenda
ADOPTED = "adopted"                     # the kenesh voted it through (and every state after)
ACT = "act"                             # signed: an act exists (whatever became of it since)
STANDING = "standing"                   # a signed act neither refused nor ended
TO_REGISTER = "to_register"             # signed; sending to the State Register comes next
REGISTERED = "registered"               # included in the State Register (and after)
PUBLISHED = "published"                 # officially published (and after)
ENTERED_INTO_FORCE = "entered_into_force"   # in force, or was (suspended, annulled, repealed)
IN_FORCE = "in_force"                   # in force now
# council_session
CONVENED = "convened"                   # agenda and notice sent; not held yet
HELD = "held"                           # the session took place
# working_group
GROUP_FORMED = "group_formed"           # the order forming the group is signed
# any procedure that hands its result to the council (a draft decision's source case)
HANDED_TO_COUNCIL = "handed_to_council"

#: Workflow id → the tags Python asks its states about.
ASKED: dict[str, tuple[str, ...]] = {
    "council_decision": (READY_FOR_AGENDA, DISCUSSION_OVER, ON_AGENDA, ADOPTED, ACT, STANDING,
                         TO_REGISTER, REGISTERED, PUBLISHED, ENTERED_INTO_FORCE, IN_FORCE),
    "council_session": (CONVENED, HELD),
    "working_group": (GROUP_FORMED,),
}
#: Tags some workflow must carry when the workflow asking about them is there: a council
#: decision takes its source case from any procedure in a ``handed_to_council`` state.
ASKED_OF_ANY: dict[str, str] = {HANDED_TO_COUNCIL: "council_decision"}
