"""Rules of the local council: sessions, votes, decisions and normative acts.

Each function gets the facts computed by ``engine/contexts/council.py`` and its rule's
parameters from the profile in force on the session's date; it returns ``(ok, message)`` with
a message a clerk can act on. The vote arithmetic is ``engine/votes.py``: the guards and the
protocol use the same computation, so a protocol cannot state a threshold the rules did not
apply.
"""

from __future__ import annotations

from typing import Any

from ..contexts.council import DecisionFacts, Session, SessionFacts, outcome
from ..votes import describe, fraction_of, quorum_needed, tally_problems
from .base import Result, check, deadline


def _session(f: Any) -> Session | None:
    return f.session


# --- drafts -----------------------------------------------------------------------------------

@check("draft.source_case_ready")
def source_case_ready(f: DecisionFacts, p: dict[str, Any]) -> Result:
    wanted = f.data.get("draft", {}).get("source_case")
    if wanted is None:
        return True, "the draft does not come from another procedure"
    src = f.source_case
    if src is None:
        return False, f"draft.source_case: there is no case {wanted}"
    if src["municipality"] != f.municipality:
        return False, (f"draft.source_case: case {wanted} belongs to '{src['municipality']}', "
                       f"not '{f.municipality}'")
    if not f.source_handed:
        return False, (f"draft.source_case: case {wanted} ({src['workflow']}) is in state "
                       f"'{src['state']}', not '{' or '.join(f.handing_states)}'")
    return True, f"case {wanted} ({src['workflow']}) was handed to the council"


@check("draft.commission_examined")
def commission_examined(f: DecisionFacts, p: dict[str, Any]) -> Result:
    c = f.data.get("commission")
    if not c:
        return False, "no standing commission's conclusion is recorded (commission)"
    when = f.date("commission.date")
    if when < f.registered:
        return False, (f"the commission's conclusion is dated {when}, before the draft was "
                       f"registered on {f.registered}")
    last = max((s.date for s in f.past_sessions + ([f.session] if f.session else [])),
               default=None)
    if last is not None and when <= last:
        return False, (f"the commission's conclusion is dated {when}; after the session of "
                       f"{last} the draft needs a new examination (commission.date)")
    if c["conclusion"] == "not_recommend":
        return False, "the commission does not recommend the draft (commission.conclusion)"
    return True, f"examined on {when}: {c['conclusion'].replace('_', ' ')}"


@check("act.public_discussion_started")
def public_discussion_started(f: DecisionFacts, p: dict[str, Any]) -> Result:
    if not f.normative:
        return False, "the draft is not a normative act; public discussion is not required"
    if not f.data.get("discussion"):
        return False, "the discussion's start is not recorded (discussion.start)"
    return True, f"public discussion from {f.date('discussion.start')}"


@check("act.public_discussion")
def public_discussion(f: DecisionFacts, p: dict[str, Any]) -> Result:
    if not f.normative:
        return True, "not a normative act: no public discussion required"
    start, end = f.date("discussion.start"), f.date("discussion.end")
    minimum = int(p["min_days"])
    if start is None or end is None:
        return False, (f"a normative act needs a public discussion of at least {minimum} days; "
                       "record discussion.start and discussion.end")
    days = (end - start).days
    if days < minimum:
        return False, (f"the public discussion ran {days} days ({start} – {end}); at least "
                       f"{minimum} are required")
    if end > f.today:
        return False, f"the public discussion runs until {end}"
    if f.data["discussion"].get("comments") is None:
        return False, "record how many comments were received (discussion.comments)"
    return True, (f"discussed {days} days ({start} – {end}), "
                  f"{f.data['discussion']['comments']} comments")


@check("draft.on_convened_session")
def on_convened_session(f: DecisionFacts, p: dict[str, Any]) -> Result:
    s = f.session
    if s is None or not s.convened:
        return False, ("no convened session lists this draft on its agenda; add it to a "
                       "session's agenda and convene the session")
    return True, (f"on the agenda of session № {s.number} (convocation {s.convocation}) of "
                  f"{s.date}, item {f.item.index if f.item else '?'}")


@check("draft.session_held")
def session_held(f: DecisionFacts, p: dict[str, Any]) -> Result:
    s = f.session
    if s is None or not s.held:
        return False, ("the session that lists this draft has not been held (a commission's "
                       "approval is not an adoption)")
    if f.item is None or f.item.tally is None:
        return False, f"session № {s.number} recorded no vote on this draft"
    return True, f"session № {s.number} of {s.date} was held and voted"


# --- sessions ---------------------------------------------------------------------------------

@check("session.numbered")
def session_numbered(f: SessionFacts, p: dict[str, Any]) -> Result:
    s = f.session
    if f.same_number:
        return False, (f"session № {s.number} of convocation {s.convocation} is already "
                       f"case {f.same_number[0]}")
    return True, f"session № {s.number} of convocation {s.convocation}"


@check("session.agenda_ready")
def agenda_ready(f: SessionFacts, p: dict[str, Any]) -> Result:
    if not f.session.items:
        return False, "the agenda is empty (agenda)"
    problems = [why for ok, why in f.ready.values() if not ok]
    if problems:
        return False, "; ".join(problems)
    return True, f"{len(f.session.items)} drafts, each ready for the session"


@check("session.notice_in_time")
def notice_in_time(f: SessionFacts, p: dict[str, Any]) -> Result:
    s = f.session
    days = int(p["ordinary_days" if s.kind == "ordinary" else "extraordinary_days"])
    if s.notice_date is None:
        return False, "the date the deputies were notified is not recorded (notice.date)"
    gap = (s.date - s.notice_date).days
    if gap < days:
        return False, (f"the deputies were notified {gap} days before the {s.kind} session; "
                       f"at least {days} are required")
    return True, f"notified {gap} days before the {s.kind} session (at least {days})"


@check("session.votes_recorded")
def votes_recorded(f: SessionFacts, p: dict[str, Any]) -> Result:
    missing = [str(i.index) for i in f.session.items if i.tally is None]
    if f.session.present_count is None:
        return False, "the attendance is not recorded (attendance.present or attendance.count)"
    if missing:
        return False, f"no vote recorded for agenda item(s) {', '.join(missing)}"
    return True, f"votes recorded on all {len(f.session.items)} items"


# --- votes (both workflows: a session's facts, or a decision's) -----------------------------

@check("vote.attendance")
def attendance(f: SessionFacts | DecisionFacts, p: dict[str, Any]) -> Result:
    s = _session(f)
    if s is None or s.present_count is None:
        return False, "the attendance is not recorded"
    if s.present_count > s.elected:
        return False, (f"{s.present_count} present, but the council has {s.elected} elected "
                       "deputies")
    if s.present_ids is None:
        return True, f"{s.present_count} deputies present (recorded as a count)"
    dup = sorted({x for x in s.present_ids if s.present_ids.count(x) > 1})
    if dup:
        return False, f"listed as present more than once: {', '.join(dup)}"
    strangers = [x for x in s.present_ids if x not in s.deputies]
    if strangers:
        return False, (f"not deputies on record on {s.date}: {', '.join(strangers)} "
                       "(officials, role 'deputy')")
    return True, f"{s.present_count} deputies present, each on record on {s.date}"


@check("vote.quorum")
def quorum(f: SessionFacts | DecisionFacts, p: dict[str, Any]) -> Result:
    s = _session(f)
    if s is None or s.present_count is None:
        return False, "the attendance is not recorded"
    needed = quorum_needed(s.elected, p)
    words = describe(fraction_of(p), bool(p.get("strict", True)))
    if s.present_count < needed:
        return False, (f"{s.present_count} of {s.elected} elected deputies present; a quorum "
                       f"needs {needed} ({words} of the elected deputies)")
    return True, (f"{s.present_count} of {s.elected} elected deputies present; quorum {needed} "
                  f"({words})")


def _tallies(f: SessionFacts | DecisionFacts) -> list[tuple[int, list[str]]]:
    s = _session(f)
    items = [f.item] if isinstance(f, DecisionFacts) else s.items
    out = []
    for item in items:
        if item is None or item.tally is None:
            continue
        ids = frozenset(s.present_ids) if s.present_ids is not None else None
        out.append((item.index, tally_problems(item.tally, s.present_count or 0,
                                                     s.elected, ids)))
    return out


@check("vote.tally")
def tally(f: SessionFacts | DecisionFacts, p: dict[str, Any]) -> Result:
    s = _session(f)
    if s is None:
        return False, "no session record"
    results = _tallies(f)
    if not results:
        return False, "no vote is recorded"
    bad = [f"item {i}: {'; '.join(problems)}" for i, problems in results if problems]
    if bad:
        return False, "; ".join(bad)
    return True, f"{len(results)} tally(ies) consistent with {s.present_count} present"


def _majority(f: DecisionFacts, rule_id: str) -> Result:
    out = f.outcome
    if out is None or out.tally is None:
        return False, "no vote is recorded on this draft"
    reqs = [r for r in out.requirements if r.rule == rule_id]
    if not reqs:
        return True, f"not required for a decision of kind '{f.kind}'"
    r = reqs[0]
    if out.tally.for_ < r.needed:
        return False, (f"{out.tally.for_} votes for; {r.needed} required ({r.words()}: "
                       f"{r.base})")
    return True, f"{out.tally.for_} votes for; {r.needed} required ({r.words()}: {r.base})"


@check("vote.majority")
def majority(f: DecisionFacts, p: dict[str, Any]) -> Result:
    return _majority(f, "vote.majority")


@check("vote.special_majority")
def special_majority(f: DecisionFacts, p: dict[str, Any]) -> Result:
    return _majority(f, "vote.special_majority")


@check("vote.not_adopted")
def not_adopted(f: DecisionFacts, p: dict[str, Any]) -> Result:
    if f.session is None or f.item is None or f.item.tally is None:
        return False, "no vote is recorded on this draft"
    out = outcome(f.session, f.item)
    if out.adopted:
        return False, (f"the draft was adopted ({out.tally.for_} for; "
                       f"{out.rule_words('en')}); record the adoption instead")
    if not out.quorum:
        return True, f"no quorum ({out.present} present, {out.quorum_needed} needed)"
    return True, f"{out.tally.for_} for; required {out.rule_words('en')}"


# --- decisions and acts -----------------------------------------------------------------------

@check("decision.signer_is_chair")
def signer_is_chair(f: DecisionFacts, p: dict[str, Any]) -> Result:
    s = f.session
    if s is None:
        return False, "no session adopted this draft"
    if s.chair is not None:
        if s.presiding is not None and s.presiding["id"] != s.chair["person"]:
            return False, (f"the council chair on record on {s.date} is {s.chair['name']}; "
                           f"'{s.presiding['id']}' cannot sign while a chair is in office")
        return True, f"{s.chair['name']} is the council chair on record on {s.date}"
    if s.presiding is None:
        return False, (f"no council chair is on record on {s.date} and no presiding deputy is "
                       "named (session case: presiding)")
    if s.presiding["id"] not in s.deputies:
        return False, f"the presiding '{s.presiding['id']}' is not a deputy on {s.date}"
    return True, f"no chair on record on {s.date}: the presiding deputy {s.presiding['name']} signs"


@check("act.not_normative")
def not_normative(f: DecisionFacts, p: dict[str, Any]) -> Result:
    if f.normative:
        return False, ("a normative act is published after its inclusion in the State "
                       "Register; use send_to_register")
    return True, "not a normative act"


@check("act.is_normative")
def is_normative(f: DecisionFacts, p: dict[str, Any]) -> Result:
    if not f.normative:
        return False, "only normative acts go to the State Register (draft.normative is false)"
    return True, "a normative act"


@check("act.publication_recorded")
def publication_recorded(f: DecisionFacts, p: dict[str, Any]) -> Result:
    when = f.date("publication.date")
    if when is None:
        return False, "the publication is not recorded (publication.source, publication.date)"
    if when < f.act_date:
        return False, f"published {when}, before the decision's date {f.act_date}"
    if f.in_register:
        included = f.date("register.date")
        if included and when < included:
            return False, (f"published {when}, before the inclusion in the State Register on "
                           f"{included}")
    return True, f"published {when} in {f.data['publication']['source']['ky']}"


@check("act.in_force_requires_register")
def in_force_requires_register(f: DecisionFacts, p: dict[str, Any]) -> Result:
    if not f.normative:
        return True, "not a normative act"
    if not f.data.get("register", {}).get("number"):
        return False, "a normative act enters into force only once included in the State Register"
    if f.date("publication.date") is None:
        return False, "a normative act enters into force only once published"
    return True, (f"included as {f.data['register']['number']} and published "
                  f"{f.date('publication.date')}")


@check("act.in_force_date")
def in_force_date(f: DecisionFacts, p: dict[str, Any]) -> Result:
    if f.in_force_date is None:
        return False, "not published yet: the entry-into-force date cannot be computed"
    if f.today < f.in_force_date:
        return False, f"the act enters into force on {f.in_force_date}"
    return True, f"in force from {f.in_force_date}"


@check("act.register_sent_recorded")
def register_sent_recorded(f: DecisionFacts, p: dict[str, Any]) -> Result:
    sent = f.date("register.sent")
    if sent is None:
        return False, "the date sent is not recorded (register.sent)"
    if sent < f.act_date:
        return False, f"sent {sent}, before the decision's date {f.act_date}"
    if not f.data.get("register", {}).get("pages"):
        return False, "the number of pages is not recorded (register.pages)"
    return True, f"sent {sent}, {f.data['register']['pages']} pages"


@check("act.register_deadline")
def register_deadline(f: DecisionFacts, p: dict[str, Any]) -> Result:
    due = f.register_due
    if due is None:
        return True, "no deadline (not a normative act)"
    sent = f.date("register.sent")
    on = sent or f.today
    days = (due - f.act_date).days  # set by the profile in force on the decision's date
    if on > due:
        return False, (f"sent {on} — after the deadline {due} ({days} days after the "
                       f"decision of {f.act_date})" if sent else
                       f"not sent; the deadline was {due} ({days} days after "
                       f"{f.act_date})")
    return True, f"deadline {due} ({days} days after {f.act_date})"


@deadline("act.register_deadline")
def register_due(f: DecisionFacts, profile: Any) -> list[dict[str, Any]]:
    """A normative act is sent for inclusion in the State Register within the profile's days
    of its decision (``f.register_due``, computed from the same ``params``)."""
    if f.register_due is None:
        return []
    sent = f.date("register.sent")
    return [{"what": "send the act for inclusion in the State Register",
             "due": f.register_due, "met": sent <= f.register_due if sent else None}]


@check("act.register_number_unique")
def register_number_unique(f: DecisionFacts, p: dict[str, Any]) -> Result:
    reg = f.data.get("register") or {}
    if not reg.get("number") or not reg.get("date"):
        return False, "record the register number and date of inclusion (register.number, .date)"
    if f.same_register_number:
        return False, (f"register number {reg['number']} is already recorded for case "
                       f"{f.same_register_number[0]}")
    if f.date("register.date") < (f.date("register.sent") or f.act_date):
        return False, f"included {reg['date']}, before it was sent"
    return True, f"register number {reg['number']} of {reg['date']}"


@check("act.refusal_recorded")
def refusal_recorded(f: DecisionFacts, p: dict[str, Any]) -> Result:
    if not f.data.get("refusal"):
        return False, "record the refusal's date and grounds (refusal.date, refusal.grounds)"
    return True, f"refused {f.data['refusal']['date']}: {f.data['refusal']['grounds']['ky']}"


@check("act.conformity_decision")
def conformity_decision(f: DecisionFacts, p: dict[str, Any]) -> Result:
    signed = [c for c in f.conforming if c["standing"]]
    if not signed:
        pending = ", ".join(f"{c['id']} ({c['state']})" for c in f.conforming)
        return False, ("no signed council decision replaces this act (draft.replaces: "
                       f"{f.case_id})" + (f"; pending: {pending}" if pending else ""))
    return True, f"replaced by decision case {signed[0]['id']} ({signed[0]['state']})"


@check("act.withdrawal_recorded")
def withdrawal_recorded(f: DecisionFacts, p: dict[str, Any]) -> Result:
    if not f.data.get("withdrawal"):
        return False, "record the withdrawal's date and basis (withdrawal.date, .basis)"
    return True, f"withdrawn {f.data['withdrawal']['date']}"


@check("oversight.suspension_recorded")
def suspension_recorded(f: DecisionFacts, p: dict[str, Any]) -> Result:
    s = (f.data.get("oversight") or {}).get("suspension")
    if not s:
        return False, "record the suspension (oversight.suspension: date, by, document)"
    if not s.get("prosecutor_notified"):
        return False, "record when the prosecutor was notified (prosecutor_notified)"
    return True, f"suspended {s['date']} by {s['by']['ky']} ({s['document']})"


@check("oversight.court_decision_recorded")
def court_decision_recorded(f: DecisionFacts, p: dict[str, Any]) -> Result:
    c = (f.data.get("oversight") or {}).get("court")
    if not c:
        return False, ("record the court's decision (oversight.court: date, court, document, "
                       "outcome)")
    suspended = f.date("oversight.suspension.date")
    if suspended and f.date("oversight.court.date") < suspended:
        return False, f"the court's decision of {c['date']} precedes the suspension"
    return True, f"{c['outcome']} by {c['court']['ky']} on {c['date']} ({c['document']})"


@check("act.repealing_act_in_force")
def repealing_act_in_force(f: DecisionFacts, p: dict[str, Any]) -> Result:
    live = [c for c in f.repealing if c["in_force"]]
    if not live:
        return False, f"no act in force repeals this one (draft.repeals: [{f.case_id}])"
    return True, f"repealed by decision case {live[0]['id']}"
