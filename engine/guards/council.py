"""Rules of the local council: drafts, sessions, votes, decisions, normative acts, oversight.

Each function gets the facts computed by ``engine/contexts/council.py`` and its rule's
parameters from the profile in force on the session's date; it returns ``(ok, message)`` with
a message a clerk can act on. The vote arithmetic is ``engine/votes.py``: the checks and the
protocol use the same computation, so a protocol cannot state a threshold the rules did not
apply. Dates: no recorded date may lie ahead of the day the step is recorded, and each date
follows the dates it depends on (publication after the signature, the letter to the Register
after the publication, the entry after the letter).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import muni.engine.votes as votes
import muni.engine.workdays as workdays

from ..contexts.council import (
    DecisionFacts,
    Session,
    SessionFacts,
    outcome,
    text,
)
from .base import Check, Result, check, deadline


def _session(f: Any) -> Session | None:
    return f.session


def _not_ahead(f: Any, when: dt.date, what: str) -> str | None:
    """Why a recorded date cannot be right yet: it lies after the day the step is recorded."""
    if when > f.today:
        return f"{what} is dated {when}, a date that has not come (today {f.today})"
    return None


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
    if f.source_plan is not None:
        problems = _plan_named(f, f.source_plan, wanted)
        if problems:
            return False, "; ".join(problems)
        return True, (f"case {wanted} ({src['workflow']}) was handed to the council with its "
                      f"plan «{f.source_plan['ky']}»")
    return True, f"case {wanted} ({src['workflow']}) was handed to the council"


_PERIOD = {"ky": re.compile(r"\d{4}(?:[-–]\d{4})?-жыл\w*(?: карата)?"),
           "ru": re.compile(r"на \d{4}(?:[-–]\d{4})?\s*год\w*")}


def _plan_named(f: DecisionFacts, plan: dict[str, str], case_id: Any) -> list[str]:
    """A decision approving a handed-over plan names that plan: its first annex is titled as
    the plan is, the approving clause names it, and the decision's title states its period."""
    draft = f.data.get("draft") or {}
    annexes = draft.get("annexes") or []
    approve = next((c["approve"] for c in draft.get("clauses") or []
                    if "approve" in c and c.get("annex") == 1), None)
    problems = []
    for lang in ("ky", "ru"):
        want = plan.get(lang) or plan["ky"]
        title = text(annexes[0]["title"], lang) if annexes else ""
        if title != want:
            problems.append(f"annex 1 is titled «{title}», but the plan handed over by case "
                            f"{case_id} is «{want}» (draft.annexes[0].title.{lang})")
        period = _PERIOD[lang].search(want)
        if period is None:
            continue
        said = text(draft.get("title"), lang)
        if period.group(0) not in said:
            problems.append(f"the decision's title «{said}» does not state the plan's period "
                            f"«{period.group(0)}» (draft.title.{lang})")
        if approve is not None and period.group(0) not in text(approve, lang):
            problems.append(f"the approving clause «{text(approve, lang)}» does not state the "
                            f"plan's period «{period.group(0)}»")
    if approve is not None and text(approve, "ky") != plan["ky"]:
        problems.append(f"the approving clause names «{text(approve, 'ky')}», not the plan "
                        f"«{plan['ky']}» (draft.clauses[].approve.ky)")
    return problems


@check("draft.annex_text")
def annex_text(f: DecisionFacts, p: dict[str, Any]) -> Result:
    annexes = (f.data.get("draft") or {}).get("annexes") or []
    empty = [f"annex {i + 1} «{text(a['title'], 'ky')}» (draft.annexes[{i}].text)"
             for i, a in enumerate(annexes)
             if not any(s.get("items") for s in a.get("text") or [])
             and not (i == 0 and f.source_plan is not None)]
    if empty:
        return False, ("an annex must carry the text it approves: record its sections and "
                       "items, or hand over the case whose plan it is (draft.source_case); "
                       "empty: " + "; ".join(empty))
    return True, (f"{len(annexes)} annex(es), each with its text" if annexes
                  else "the decision has no annexes")


@check("act.public_discussion_started")
def public_discussion_started(f: DecisionFacts, p: dict[str, Any]) -> Result:
    if not f.normative:
        return False, "the draft is not a normative act; public discussion is not required"
    published = f.date("discussion.published")
    if published is None:
        return False, ("record the draft's publication for discussion (discussion.published, "
                       "discussion.where)")
    if published < f.registered:
        return False, (f"the draft was published for discussion on {published}, before it was "
                       f"registered on {f.registered}")
    if (why := _not_ahead(f, published, "the publication for discussion")) is not None:
        return False, why
    if not f.data["discussion"].get("where"):
        return False, "record where the draft was published (discussion.where)"
    return True, (f"published for discussion on {published}; the month runs from "
                  f"{published + dt.timedelta(days=1)}")


@check("act.public_discussion")
def public_discussion(f: DecisionFacts, p: dict[str, Any]) -> Result:
    if not f.normative:
        return True, "not a normative act: no public discussion required"
    months = int(p["months"])
    published, end = f.date("discussion.published"), f.date("discussion.end")
    if published is None or end is None:
        return False, (f"a normative draft goes to public discussion for not less than "
                       f"{months} month(s) first: record discussion.published and "
                       "discussion.end")
    earliest = workdays.month_term_end(published, months)
    if end < earliest:
        return False, (f"the discussion closed on {end}; published on {published}, it runs "
                       f"not less than {months} calendar month(s) from the next day, until "
                       f"{earliest}")
    if (why := _not_ahead(f, end, "the close of the discussion")) is not None:
        return False, why
    if f.data["discussion"].get("comments") is None:
        return False, "record how many proposals were received (discussion.comments)"
    return True, (f"discussed {published} – {end} (not less than {months} month(s): until "
                  f"{earliest}), {f.data['discussion']['comments']} proposals")


@check("draft.package")
def package(f: DecisionFacts, p: dict[str, Any]) -> Result:
    if not f.normative:
        return True, "not a normative act: its package is not required"
    pkg = f.data.get("package") or {}
    missing = [name for key, name in (("cover_letter", "the cover letter"),
                                      ("justification", "the justification note"))
               if not pkg.get(key)]
    amends = f.data.get("draft", {}).get("amends") or []
    if amends and not pkg.get("comparison_table"):
        missing.append("the comparison table (the draft amends "
                       f"{', '.join(str(a) for a in amends)})")
    if missing:
        return False, ("a normative draft reaches the kenesh with its package; missing: "
                       + ", ".join(missing) + " (package); without it the draft is returned "
                       "unconsidered")
    end = f.date("discussion.end")
    for key in ("cover_letter", "justification", "comparison_table"):
        when = f.date(f"package.{key}.date")
        if when is None:
            continue
        if end is not None and when < end:
            return False, (f"package.{key} is dated {when}, before the discussion closed on "
                           f"{end}: the justification note holds its results")
        if (why := _not_ahead(f, when, f"package.{key}")) is not None:
            return False, why
    return True, "the package is recorded: " + ", ".join(
        k.replace("_", " ") for k in ("cover_letter", "justification", "comparison_table")
        if pkg.get(k))


@check("draft.commission_examined")
def commission_examined(f: DecisionFacts, p: dict[str, Any]) -> Result:
    c = f.data.get("commission")
    if not c:
        return False, "no standing commission's conclusion is recorded (commission)"
    when = f.date("commission.date")
    if when < f.registered:
        return False, (f"the commission's conclusion is dated {when}, before the draft was "
                       f"registered on {f.registered}")
    submitted = f.date("package.cover_letter.date")
    if f.normative and submitted is not None and when < submitted:
        return False, (f"the commission's conclusion is dated {when}, before the draft was "
                       f"submitted with its package on {submitted}")
    if (why := _not_ahead(f, when, "the commission's conclusion")) is not None:
        return False, why
    last = max((s.date for s in f.past_sessions + ([f.session] if f.session else [])),
               default=None)
    if last is not None and when <= last:
        return False, (f"the commission's conclusion is dated {when}; after the session of "
                       f"{last} the draft needs a new examination (commission.date)")
    if c["conclusion"] == "not_recommend":
        return False, "the commission does not recommend the draft (commission.conclusion)"
    return True, f"examined on {when}: {c['conclusion'].replace('_', ' ')}"


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
        return False, "the date the deputies and the public were notified is not recorded " \
                      "(notice.date)"
    if s.notice_date >= s.date:
        return False, (f"the notice is dated {s.notice_date}, not before the session of "
                       f"{s.date}: the public is informed in advance")
    if (why := _not_ahead(f, s.notice_date, "the notice")) is not None:
        return False, why
    gap = (s.date - s.notice_date).days
    if gap < days:
        return False, (f"notified {gap} days before the {s.kind} session; the kenesh's "
                       f"regulation asks at least {days}")
    return True, f"notified {gap} days before the {s.kind} session (at least {days})"


@check("session.extraordinary_demand")
def extraordinary_demand(f: SessionFacts, p: dict[str, Any]) -> Result:
    s = f.session
    if s.kind != "extraordinary":
        return True, "an ordinary session: no demand needed"
    demand = s.demand or {}
    if not demand.get("deputies"):
        return False, ("an extraordinary session is held on the demand of deputies: record the "
                       "demand's date and the deputies who made it (demand.date, "
                       "demand.deputies)")
    on = f.demand_deputies
    names = [str(d) for d in demand["deputies"]]
    strangers = [d for d in names if d not in on]
    if strangers:
        return False, (f"not deputies on record on {demand['date']}: {', '.join(strangers)} "
                       "(officials, role 'deputy')")
    if len(set(names)) != len(names):
        return False, "a deputy is listed twice in the demand"
    needed = votes.threshold(s.elected, votes.fraction_of(p), bool(p.get("strict", False)))
    words = votes.describe(votes.fraction_of(p), bool(p.get("strict", False)))
    if len(names) < needed:
        return False, (f"{len(names)} deputies demanded the session; {needed} are needed "
                       f"({words} of the total number of deputies: {s.elected})")
    when = f"{demand['date']}"
    if s.notice_date is not None and str(s.notice_date) < when:
        return False, f"the notice of {s.notice_date} precedes the demand of {when}"
    return True, (f"demanded on {when} by {len(names)} deputies ({needed} needed: {words} "
                  f"of {s.elected}): " + ", ".join(on[d]["name"] for d in names))


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
    q = votes.quorum(s.elected, p)
    if not q.met(None, s.present_count):
        return False, (f"{s.present_count} of {s.elected} deputies present; a quorum needs "
                       f"{q.needed} ({q.words()})")
    return True, f"{s.present_count} of {s.elected} deputies present; quorum {q.needed} " \
                 f"({q.words()})"


def _tallies(f: SessionFacts | DecisionFacts) -> list[tuple[int, list[str]]]:
    s = _session(f)
    items = [f.item] if isinstance(f, DecisionFacts) else s.items
    out = []
    for item in items:
        if item is None or item.tally is None:
            continue
        ids = frozenset(s.present_ids) if s.present_ids is not None else None
        out.append((item.index, votes.tally_problems(item.tally, s.present_count or 0,
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


_COUNTED = {"for": "votes for", "participants": "deputies took part"}


def _threshold(f: DecisionFacts, rule_id: str) -> Result:
    """One threshold of the decision's kind, from the same outcome the protocol prints."""
    out = f.outcome
    if out is None or out.tally is None:
        return False, "no vote is recorded on this draft"
    r = next((r for r in out.requirements if r.rule == rule_id), None)
    if r is None:
        return True, f"not required for a decision of kind '{f.kind}'"
    got = r.count(out.tally)
    text = (f"{got} {_COUNTED[r.measure]}; {r.needed} required "
            f"({r.words()}: {r.base})")
    return got >= r.needed, text


def _threshold_check(rule_id: str) -> Check:
    """The check of one vote rule: every threshold is judged by ``_threshold`` alike."""
    @check(rule_id)
    def judge(f: DecisionFacts, p: dict[str, Any]) -> Result:
        return _threshold(f, rule_id)
    judge.__name__ = judge.__qualname__ = rule_id.replace(".", "_")
    return judge


majority = _threshold_check("vote.majority")
chair_election = _threshold_check("vote.chair_election")
head_election = _threshold_check("vote.head_election")
charter_adoption = _threshold_check("vote.charter_adoption")
charter_amendment = _threshold_check("vote.charter_amendment")
self_dissolution = _threshold_check("vote.self_dissolution")
no_confidence = _threshold_check("vote.no_confidence")
chair_removal = _threshold_check("vote.chair_removal")
deputy_head_release = _threshold_check("vote.deputy_head_release")


@check("vote.not_adopted")
def not_adopted(f: DecisionFacts, p: dict[str, Any]) -> Result:
    if f.session is None or f.item is None or f.item.tally is None:
        return False, "no vote is recorded on this draft"
    out = outcome(f.session, f.item, f.profile)
    if out.adopted:
        return False, (f"the draft was adopted ({out.tally.for_} for; "
                       f"{'; '.join(r.words() + ' — ' + str(r.needed) for r in out.requirements)}"
                       "); record the adoption instead")
    if not out.has_quorum:
        return True, f"no quorum ({out.present} present, {out.quorum_needed} needed)"
    failed = [r for r in out.requirements if r.blocking and not r.met(out.tally)]
    return True, (f"{out.tally.for_} for; not reached: "
                  + "; ".join(f"{r.words()} — {r.needed}" for r in failed))


# --- decisions --------------------------------------------------------------------------------

@check("decision.signer_is_chair")
def signer_is_chair(f: DecisionFacts, p: dict[str, Any]) -> Result:
    """The chair on record on the session's date signs (the presiding deputy only while no
    chair is in office); ``f.signer`` is the logged-in account's person when one signs."""
    s = f.session
    if s is None:
        return False, "no session adopted this draft"
    if f.signer is not None:
        expected = s.chair["person"] if s.chair is not None else (
            s.presiding["id"] if s.presiding is not None else None)
        if f.signer != expected:
            who = (f"the council chair on record on {s.date} is {s.chair['name']}"
                   if s.chair is not None else f"no chair is on record on {s.date}; the "
                   f"presiding deputy is {s.presiding['name'] if s.presiding else 'not named'}")
            return False, f"the signing account's person is '{f.signer}', but {who}"
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


# --- normative acts: publication, the State Register, force ----------------------------------

@check("act.is_normative")
def is_normative(f: DecisionFacts, p: dict[str, Any]) -> Result:
    if not f.normative:
        return False, "only normative acts go to the State Register (draft.normative is false)"
    return True, "a normative act"


@check("act.publication_recorded")
def publication_recorded(f: DecisionFacts, p: dict[str, Any]) -> Result:
    when = f.published
    if when is None:
        return False, "the publication is not recorded (publication.source, publication.date)"
    signed = f.signed_on or f.act_date
    if when < signed:
        return False, f"published {when}, before the decision was signed on {signed}"
    if (why := _not_ahead(f, when, "the publication")) is not None:
        return False, why
    return True, f"published {when} in {f.data['publication']['source']['ky']}"


@check("act.register_after_publication")
def register_after_publication(f: DecisionFacts, p: dict[str, Any]) -> Result:
    if f.published is None:
        return False, ("a normative act goes to the State Register after its official "
                       "publication: record the publication first (publication)")
    return True, f"published {f.published}; it may now be sent to the State Register"


@check("act.register_sent_recorded")
def register_sent_recorded(f: DecisionFacts, p: dict[str, Any]) -> Result:
    sent = f.date("register.sent")
    if sent is None:
        return False, "the date sent is not recorded (register.sent)"
    if f.published is not None and sent < f.published:
        return False, f"sent {sent}, before the publication of {f.published}"
    if (why := _not_ahead(f, sent, "the letter to the State Register")) is not None:
        return False, why
    if not f.data.get("register", {}).get("pages"):
        return False, "the number of pages is not recorded (register.pages)"
    return True, f"sent {sent}, {f.data['register']['pages']} pages"


def _register_term(f: DecisionFacts, p: dict[str, Any]) -> workdays.Term | None:
    """The State Register's term for a published normative act: ``params.working_days``
    working days from its publication, by the holiday calendar (None: no term runs)."""
    if not f.normative or f.published is None:
        return None
    return workdays.working_day_term(f.published, int(p["working_days"]))


@check("act.register_term")
def register_term(f: DecisionFacts, p: dict[str, Any]) -> Result:
    term = _register_term(f, p)
    if term is None:
        return True, "no term: not a published normative act"
    entered = f.date("register.date")
    if term.due is None:
        return False, term.words()
    if entered is not None and entered > term.due:
        return False, f"entered on {entered}, after the term: {term.words()}"
    if entered is None and f.today > term.due:
        return False, f"not entered yet; the term has passed: {term.words()}"
    return True, term.words()


@deadline("act.register_term")
def register_term_due(f: DecisionFacts, profile: Any) -> list[dict[str, Any]]:
    """The entry the Ministry of Justice owes: due the last working day of the term, or
    unknown (with why) where the calendar lacks a year; met by the entry or the refusal."""
    term = _register_term(f, profile.rule("act.register_term").params)
    if term is None:
        return []
    answered = f.date("register.date") or f.date("refusal.date")
    return [{"what": "entry in the State Register (Ministry of Justice)", "due": term.due,
             "from": f.published, "unknown": term.unknown,
             "met": answered <= term.due if answered and term.due else None}]


@check("act.register_number_unique")
def register_number_unique(f: DecisionFacts, p: dict[str, Any]) -> Result:
    reg = f.data.get("register") or {}
    if not reg.get("number") or not reg.get("date"):
        return False, "record the register number and date of inclusion (register.number, .date)"
    if f.same_register_number:
        return False, (f"register number {reg['number']} is already recorded for case "
                       f"{f.same_register_number[0]}")
    included = f.date("register.date")
    sent = f.date("register.sent")
    if sent is None:
        return False, "the sending is not recorded (register.sent): send the act first"
    if included < sent:
        return False, f"included {reg['date']}, before it was sent on {sent}"
    if (why := _not_ahead(f, included, "the inclusion")) is not None:
        return False, why
    return True, f"register number {reg['number']} of {reg['date']}"


@check("act.refusal_recorded")
def refusal_recorded(f: DecisionFacts, p: dict[str, Any]) -> Result:
    if not f.data.get("refusal"):
        return False, "record the refusal's date and grounds (refusal.date, refusal.grounds)"
    when, sent = f.date("refusal.date"), f.date("register.sent")
    if sent is not None and when < sent:
        return False, f"refused {when}, before the act was sent on {sent}"
    if (why := _not_ahead(f, when, "the refusal")) is not None:
        return False, why
    return True, f"refused {when}: {f.data['refusal']['grounds']['ky']}"


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
    when = f.date("withdrawal.date")
    if (why := _not_ahead(f, when, "the withdrawal")) is not None:
        return False, why
    return True, f"withdrawn {when}"


@check("act.in_force_requires_register")
def in_force_requires_register(f: DecisionFacts, p: dict[str, Any]) -> Result:
    if not f.normative:
        return True, "not a normative act"
    if f.published is None:
        return False, "a normative act has force only once officially published"
    reg = f.data.get("register") or {}
    if not reg.get("number") or not f.in_register:
        return False, ("not entered in the State Register yet: a normative act not entered has "
                       "no legal force")
    return True, f"entered as {reg['number']} on {reg['date']}, published {f.published}"


@check("act.in_force_date")
def in_force_date(f: DecisionFacts, p: dict[str, Any]) -> Result:
    if f.in_force_date is None:
        return False, "not published yet: the entry-into-force date cannot be computed"
    floor = int(p.get("business_min_days", 0))
    if f.data.get("draft", {}).get("business") and f.published is not None and \
            f.in_force_date < f.published + dt.timedelta(days=floor):
        earliest = f.published + dt.timedelta(days=floor)
        return False, (f"an act regulating business enters into force not earlier than "
                       f"{floor} days after its publication ({earliest}); it names "
                       f"{f.in_force_date} (draft.in_force)")
    if f.today < f.in_force_date:
        return False, f"the act enters into force on {f.in_force_date}"
    return True, f"in force from {f.in_force_date}"


@check("act.repealing_act_in_force")
def repealing_act_in_force(f: DecisionFacts, p: dict[str, Any]) -> Result:
    live = [c for c in f.repealing if c["in_force"]]
    if not live:
        return False, f"no act in force repeals this one (draft.repeals: [{f.case_id}])"
    return True, f"repealed by decision case {live[0]['id']}"


# --- oversight through the prosecutor --------------------------------------------------------

@check("oversight.protest_recorded")
def protest_recorded(f: DecisionFacts, p: dict[str, Any]) -> Result:
    pr = (f.data.get("oversight") or {}).get("protest")
    if not pr:
        return False, ("record the prosecutor's act of response (oversight.protest: number, "
                       "date, prosecutor)")
    when = f.date("oversight.protest.date")
    if f.published is not None and when < f.published:
        return False, f"the prosecutor's act of {when} precedes the act's publication"
    if (why := _not_ahead(f, when, "the prosecutor's act")) is not None:
        return False, why
    return True, f"act of response № {pr['number']} of {when} ({pr['prosecutor']['ky']})"


def _kenesh_answer(f: DecisionFacts, effect: str, words: str) -> Result:
    """The kenesh answers the prosecutor by its own decision in session, naming this act."""
    protest = (f.data.get("oversight") or {}).get("protest")
    if not protest:
        return False, "no prosecutor's act of response is recorded (oversight.protest)"
    answer = f.response(effect)
    if answer is None:
        pending = ", ".join(f"{r['id']} ({r['state']})" for r in f.responses)
        return False, (f"no signed decision of the kenesh {words} this act (a council_decision "
                       f"with draft.oversight: {{act: {f.case_id}, effect: {effect}}})"
                       + (f"; pending: {pending}" if pending else ""))
    return True, f"decision case {answer['id']} {words} this act ({answer['state']})"


def _answer_check(rule_id: str, effect: str, words: str) -> Check:
    """The check that the kenesh answered the prosecutor by a decision doing ``effect``."""
    @check(rule_id)
    def judge(f: DecisionFacts, p: dict[str, Any]) -> Result:
        return _kenesh_answer(f, effect, words)
    judge.__name__ = judge.__qualname__ = rule_id.replace(".", "_")
    return judge


kenesh_suspends = _answer_check("oversight.kenesh_suspends", "suspend", "suspending")
kenesh_cancels = _answer_check("oversight.kenesh_cancels", "cancel", "cancelling")
kenesh_amends = _answer_check("oversight.kenesh_amends", "amend", "amending")
protest_rejected = _answer_check("oversight.protest_rejected", "reject",
                                 "rejecting the prosecutor's act on")


@check("oversight.court_application_recorded")
def court_application_recorded(f: DecisionFacts, p: dict[str, Any]) -> Result:
    rejected = f.response("reject")
    if rejected is None:
        return False, ("the prosecutor goes to court after the kenesh rejected the response; no "
                       "signed rejecting decision is recorded")
    app = (f.data.get("oversight") or {}).get("court_application")
    if not app:
        return False, "record the prosecutor's application (oversight.court_application: date, " \
                      "court)"
    when = f.date("oversight.court_application.date")
    if (why := _not_ahead(f, when, "the application")) is not None:
        return False, why
    return True, f"applied to {app['court']['ky']} on {when}"


def _court(f: DecisionFacts, outcome_wanted: str) -> Result:
    c = (f.data.get("oversight") or {}).get("court")
    if not c:
        return False, ("record the court's decision (oversight.court: date, court, document, "
                       "outcome)")
    when = f.date("oversight.court.date")
    applied = f.date("oversight.court_application.date")
    if applied is not None and when < applied:
        return False, f"the court's decision of {when} precedes the application of {applied}"
    if (why := _not_ahead(f, when, "the court's decision")) is not None:
        return False, why
    if c["outcome"] != outcome_wanted:
        return False, f"the court's decision recorded is '{c['outcome']}', not '{outcome_wanted}'"
    published = (c.get("publication") or {}).get("date")
    return True, (f"{c['outcome']}: {c['court']['ky']}, {when} ({c['document']})"
                  + (f", published {published}" if published else ""))


@check("oversight.court_invalidates")
def court_invalidates(f: DecisionFacts, p: dict[str, Any]) -> Result:
    return _court(f, "invalid")


@check("oversight.court_upholds")
def court_upholds(f: DecisionFacts, p: dict[str, Any]) -> Result:
    return _court(f, "upheld")

