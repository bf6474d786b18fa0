"""Rules of the local council: drafts, sessions, votes, decisions, normative acts, oversight.

Each function gets the facts computed by ``engine/contexts/council.py`` and its rule's
parameters from the profile in force on the session's date; it returns ``(ok, Say(key,
**values))``, worded for the clerk by the catalogs ``workflows/messages/*.ftl``. The vote
arithmetic is ``engine/votes.py``: the checks and the protocol use the same computation, so a
protocol cannot state a threshold the rules did not apply (a threshold's words come from
there, in each language: ``Words``). Dates: no recorded date may lie ahead of the day the step
is recorded, and each date follows the dates it depends on (publication after the signature,
the letter to the Register after the publication, the entry after the letter).
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
from ..messages import LANGS, Say, Words, listing
from .base import Check, Result, check, deadline


def _session(f: Any) -> Session | None:
    return f.session


def _not_ahead(f: Any, when: dt.date, what: str, field: str = "") -> Say | None:
    """Why a recorded date cannot be right yet: it lies after the day the step is recorded.
    ``what`` names the date (a choice of the message ``not_ahead/date``)."""
    if when > f.today:
        return Say("not_ahead/date", what=what, field=field, on=when, today=f.today)
    return None


def _words(fn: Any) -> Words:
    """A text the vote arithmetic words itself, in every language."""
    return Words({lang: fn(lang) for lang in LANGS})


def _states(states: Any) -> Any:
    return listing([str(s) for s in states], None, " / ")


# --- drafts -----------------------------------------------------------------------------------

@check("draft.source_case_ready")
def source_case_ready(f: DecisionFacts, p: dict[str, Any]) -> Result:
    wanted = f.data.get("draft", {}).get("source_case")
    if wanted is None:
        return True, Say("draft.source_case_ready/own")
    src = f.source_case
    if src is None:
        return False, Say("draft.source_case_ready/missing", case=wanted)
    if src["municipality"] != f.municipality:
        return False, Say("draft.source_case_ready/foreign", case=wanted,
                          municipality=src["municipality"], here=f.municipality)
    if not f.source_handed:
        return False, Say("draft.source_case_ready/not_handed", case=wanted,
                          workflow=src["workflow"], state=src["state"],
                          states=_states(f.handing_states))
    if f.source_plan is not None:
        problems = _plan_named(f, f.source_plan, wanted)
        if problems:
            return False, Say("draft.source_case_ready/plan", items=listing(problems, None))
        return True, Say("draft.source_case_ready/handed_plan", case=wanted,
                         workflow=src["workflow"], plan=Words(f.source_plan))
    return True, Say("draft.source_case_ready/handed", case=wanted, workflow=src["workflow"])


_PERIOD = {"ky": re.compile(r"\d{4}(?:[-–]\d{4})?-жыл\w*(?: карата)?"),
           "ru": re.compile(r"на \d{4}(?:[-–]\d{4})?\s*год\w*")}


def _plan_named(f: DecisionFacts, plan: dict[str, str], case_id: Any) -> list[Say]:
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
            problems.append(Say("draft.source_case_ready/annex_title", title=title,
                                case=case_id, plan=want,
                                field=f"draft.annexes[0].title.{lang}"))
        period = _PERIOD[lang].search(want)
        if period is None:
            continue
        said = text(draft.get("title"), lang)
        if period.group(0) not in said:
            problems.append(Say("draft.source_case_ready/title_period", title=said,
                                period=period.group(0), field=f"draft.title.{lang}"))
        if approve is not None and period.group(0) not in text(approve, lang):
            problems.append(Say("draft.source_case_ready/clause_period",
                                clause=text(approve, lang), period=period.group(0)))
    if approve is not None and text(approve, "ky") != plan["ky"]:
        problems.append(Say("draft.source_case_ready/clause_plan", clause=text(approve, "ky"),
                            plan=plan["ky"]))
    return problems


@check("draft.annex_text")
def annex_text(f: DecisionFacts, p: dict[str, Any]) -> Result:
    annexes = (f.data.get("draft") or {}).get("annexes") or []
    empty = [Say("draft.annex_text/annex", n=i + 1, title=text(a["title"], "ky"),
                 field=f"draft.annexes[{i}].text")
             for i, a in enumerate(annexes)
             if not any(s.get("items") for s in a.get("text") or [])
             and not (i == 0 and f.source_plan is not None)]
    if empty:
        return False, Say("draft.annex_text/empty", items=listing(empty, None))
    if not annexes:
        return True, Say("draft.annex_text/none")
    return True, Say("draft.annex_text/ok", n=len(annexes))


@check("act.public_discussion_started")
def public_discussion_started(f: DecisionFacts, p: dict[str, Any]) -> Result:
    if not f.normative:
        return False, Say("act.public_discussion_started/not_normative")
    published = f.date("discussion.published")
    if published is None:
        return False, Say("act.public_discussion_started/unpublished")
    if published < f.registered:
        return False, Say("act.public_discussion_started/before_registered",
                          published=published, registered=f.registered)
    if (why := _not_ahead(f, published, "discussion_published")) is not None:
        return False, why
    if not f.data["discussion"].get("where"):
        return False, Say("act.public_discussion_started/no_where")
    return True, Say("act.public_discussion_started/ok", published=published,
                     start=published + dt.timedelta(days=1))


@check("act.public_discussion")
def public_discussion(f: DecisionFacts, p: dict[str, Any]) -> Result:
    if not f.normative:
        return True, Say("act.public_discussion/not_normative")
    months = int(p["months"])
    published, end = f.date("discussion.published"), f.date("discussion.end")
    if published is None or end is None:
        return False, Say("act.public_discussion/unrecorded", months=months)
    earliest = workdays.month_term_end(published, months)
    if end < earliest:
        return False, Say("act.public_discussion/short", end=end, published=published,
                          months=months, earliest=earliest)
    if (why := _not_ahead(f, end, "discussion_end")) is not None:
        return False, why
    if f.data["discussion"].get("comments") is None:
        return False, Say("act.public_discussion/no_comments")
    return True, Say("act.public_discussion/ok", published=published, end=end, months=months,
                     earliest=earliest, comments=f.data["discussion"]["comments"])


_PACKAGE = ("cover_letter", "justification", "comparison_table")


@check("draft.package")
def package(f: DecisionFacts, p: dict[str, Any]) -> Result:
    if not f.normative:
        return True, Say("draft.package/not_normative")
    pkg = f.data.get("package") or {}
    missing = [Say("draft.package/missing_part", part=key)
               for key in ("cover_letter", "justification") if not pkg.get(key)]
    amends = f.data.get("draft", {}).get("amends") or []
    if amends and not pkg.get("comparison_table"):
        missing.append(Say("draft.package/missing_table",
                           amends=listing([str(a) for a in amends], None, ", ")))
    if missing:
        return False, Say("draft.package/missing", items=listing(missing, None, ", "))
    end = f.date("discussion.end")
    for key in _PACKAGE:
        when = f.date(f"package.{key}.date")
        if when is None:
            continue
        if end is not None and when < end:
            return False, Say("draft.package/early", field=f"package.{key}", on=when, end=end)
        if (why := _not_ahead(f, when, "package", f"package.{key}")) is not None:
            return False, why
    return True, Say("draft.package/ok", items=listing(
        [Say("draft.package/part", part=k) for k in _PACKAGE if pkg.get(k)], None, ", "))


@check("draft.commission_examined")
def commission_examined(f: DecisionFacts, p: dict[str, Any]) -> Result:
    c = f.data.get("commission")
    if not c:
        return False, Say("draft.commission_examined/none")
    when = f.date("commission.date")
    if when < f.registered:
        return False, Say("draft.commission_examined/before_registered", on=when,
                          registered=f.registered)
    submitted = f.date("package.cover_letter.date")
    if f.normative and submitted is not None and when < submitted:
        return False, Say("draft.commission_examined/before_submitted", on=when,
                          submitted=submitted)
    if (why := _not_ahead(f, when, "commission")) is not None:
        return False, why
    last = max((s.date for s in f.past_sessions + ([f.session] if f.session else [])),
               default=None)
    if last is not None and when <= last:
        return False, Say("draft.commission_examined/stale", on=when, last=last)
    if c["conclusion"] == "not_recommend":
        return False, Say("draft.commission_examined/not_recommended")
    return True, Say("draft.commission_examined/ok", on=when, conclusion=c["conclusion"])


@check("draft.on_convened_session")
def on_convened_session(f: DecisionFacts, p: dict[str, Any]) -> Result:
    s = f.session
    if s is None or not s.convened:
        return False, Say("draft.on_convened_session/none")
    return True, Say("draft.on_convened_session/ok", number=s.number,
                     convocation=s.convocation, date=s.date,
                     item=f.item.index if f.item else "?")


@check("draft.session_held")
def session_held(f: DecisionFacts, p: dict[str, Any]) -> Result:
    s = f.session
    if s is None or not s.held:
        return False, Say("draft.session_held/not_held")
    if f.item is None or f.item.tally is None:
        return False, Say("draft.session_held/no_vote", number=s.number)
    return True, Say("draft.session_held/ok", number=s.number, date=s.date)


# --- sessions ---------------------------------------------------------------------------------

@check("session.numbered")
def session_numbered(f: SessionFacts, p: dict[str, Any]) -> Result:
    s = f.session
    if f.same_number:
        return False, Say("session.numbered/taken", number=s.number, convocation=s.convocation,
                          case=f.same_number[0])
    return True, Say("session.numbered/ok", number=s.number, convocation=s.convocation)


@check("session.agenda_ready")
def agenda_ready(f: SessionFacts, p: dict[str, Any]) -> Result:
    if not f.session.items:
        return False, Say("session.agenda_ready/empty")
    problems = [why for ok, why in f.ready.values() if not ok]
    if problems:
        return False, Say("session.agenda_ready/bad", items=listing(problems, None))
    return True, Say("session.agenda_ready/ok", n=len(f.session.items))


@check("session.notice_in_time")
def notice_in_time(f: SessionFacts, p: dict[str, Any]) -> Result:
    s = f.session
    days = int(p["ordinary_days" if s.kind == "ordinary" else "extraordinary_days"])
    if s.notice_date is None:
        return False, Say("session.notice_in_time/none")
    if s.notice_date >= s.date:
        return False, Say("session.notice_in_time/not_before", notice=s.notice_date,
                          date=s.date)
    if (why := _not_ahead(f, s.notice_date, "notice")) is not None:
        return False, why
    gap = (s.date - s.notice_date).days
    if gap < days:
        return False, Say("session.notice_in_time/short", gap=gap, kind=s.kind, days=days)
    return True, Say("session.notice_in_time/ok", gap=gap, kind=s.kind, days=days)


@check("session.extraordinary_demand")
def extraordinary_demand(f: SessionFacts, p: dict[str, Any]) -> Result:
    s = f.session
    if s.kind != "extraordinary":
        return True, Say("session.extraordinary_demand/ordinary")
    demand = s.demand or {}
    if not demand.get("deputies"):
        return False, Say("session.extraordinary_demand/none")
    on = f.demand_deputies
    names = [str(d) for d in demand["deputies"]]
    strangers = [d for d in names if d not in on]
    if strangers:
        return False, Say("session.extraordinary_demand/strangers", date=str(demand["date"]),
                          ids=listing(strangers, None, ", "))
    if len(set(names)) != len(names):
        return False, Say("session.extraordinary_demand/twice")
    strict = bool(p.get("strict", False))
    needed = votes.threshold(s.elected, votes.fraction_of(p), strict)
    words = _words(lambda lang: votes.describe(votes.fraction_of(p), strict, lang))
    when = f"{demand['date']}"
    if len(names) < needed:
        return False, Say("session.extraordinary_demand/too_few", n=len(names), needed=needed,
                          words=words, elected=s.elected)
    if s.notice_date is not None and str(s.notice_date) < when:
        return False, Say("session.extraordinary_demand/notice_first", notice=s.notice_date,
                          date=when)
    return True, Say("session.extraordinary_demand/ok", date=when, n=len(names), needed=needed,
                     words=words, elected=s.elected,
                     names=listing([on[d]["name"] for d in names], None, ", "))


@check("session.votes_recorded")
def votes_recorded(f: SessionFacts, p: dict[str, Any]) -> Result:
    missing = [str(i.index) for i in f.session.items if i.tally is None]
    if f.session.present_count is None:
        return False, Say("session.votes_recorded/no_attendance")
    if missing:
        return False, Say("session.votes_recorded/missing", items=listing(missing, None, ", "))
    return True, Say("session.votes_recorded/ok", n=len(f.session.items))


# --- votes (both workflows: a session's facts, or a decision's) -----------------------------

@check("vote.attendance")
def attendance(f: SessionFacts | DecisionFacts, p: dict[str, Any]) -> Result:
    s = _session(f)
    if s is None or s.present_count is None:
        return False, Say("vote.attendance/none")
    if s.present_count > s.elected:
        return False, Say("vote.attendance/too_many", present=s.present_count,
                          elected=s.elected)
    if s.present_ids is None:
        return True, Say("vote.attendance/count", present=s.present_count)
    dup = sorted({x for x in s.present_ids if s.present_ids.count(x) > 1})
    if dup:
        return False, Say("vote.attendance/twice", ids=listing(dup, None, ", "))
    strangers = [x for x in s.present_ids if x not in s.deputies]
    if strangers:
        return False, Say("vote.attendance/strangers", date=s.date,
                          ids=listing(strangers, None, ", "))
    return True, Say("vote.attendance/ok", present=s.present_count, date=s.date)


@check("vote.quorum")
def quorum(f: SessionFacts | DecisionFacts, p: dict[str, Any]) -> Result:
    s = _session(f)
    if s is None or s.present_count is None:
        return False, Say("vote.quorum/none")
    q = votes.quorum(s.elected, p)
    words = _words(q.words)
    if not q.met(None, s.present_count):
        return False, Say("vote.quorum/no", present=s.present_count, elected=s.elected,
                          needed=q.needed, words=words)
    return True, Say("vote.quorum/ok", present=s.present_count, elected=s.elected,
                     needed=q.needed, words=words)


def _tallies(f: SessionFacts | DecisionFacts) -> list[tuple[int, list[Say]]]:
    s = _session(f)
    items = [f.item] if isinstance(f, DecisionFacts) else s.items
    out = []
    for item in items:
        if item is None or item.tally is None:
            continue
        ids = frozenset(s.present_ids) if s.present_ids is not None else None
        out.append((item.index, votes.tally_findings(item.tally, s.present_count or 0,
                                                     s.elected, ids)))
    return out


@check("vote.tally")
def tally(f: SessionFacts | DecisionFacts, p: dict[str, Any]) -> Result:
    s = _session(f)
    if s is None:
        return False, Say("vote.tally/no_session")
    results = _tallies(f)
    if not results:
        return False, Say("vote.tally/no_vote")
    bad = [Say("vote.tally/item", item=i, problems=listing(problems, None))
           for i, problems in results if problems]
    if bad:
        return False, Say("vote.tally/bad", items=listing(bad, None))
    return True, Say("vote.tally/ok", n=len(results), present=s.present_count)


def _threshold(f: DecisionFacts, rule_id: str) -> Result:
    """One threshold of the decision's kind, from the same outcome the protocol prints."""
    out = f.outcome
    if out is None or out.tally is None:
        return False, Say("vote.threshold/no_vote")
    r = next((r for r in out.requirements if r.rule == rule_id), None)
    if r is None:
        return True, Say("vote.threshold/not_required", kind=f.kind)
    got = r.count(out.tally)
    return got >= r.needed, Say("vote.threshold/count", got=got, measure=r.measure,
                                needed=r.needed, words=_words(r.words), base=r.base)


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


def _required(reqs: list[votes.Requirement]) -> Any:
    return listing([Say("vote.not_adopted/requirement", words=_words(r.words), needed=r.needed)
                    for r in reqs], None)


@check("vote.not_adopted")
def not_adopted(f: DecisionFacts, p: dict[str, Any]) -> Result:
    if f.session is None or f.item is None or f.item.tally is None:
        return False, Say("vote.not_adopted/no_vote")
    out = outcome(f.session, f.item, f.profile)
    if out.adopted:
        return False, Say("vote.not_adopted/adopted", votes=out.tally.for_,
                          required=_required(out.requirements))
    if not out.has_quorum:
        return True, Say("vote.not_adopted/no_quorum", present=out.present,
                         needed=out.quorum_needed)
    failed = [r for r in out.requirements if r.blocking and not r.met(out.tally)]
    return True, Say("vote.not_adopted/failed", votes=out.tally.for_, required=_required(failed))


# --- decisions --------------------------------------------------------------------------------

@check("decision.signer_is_chair")
def signer_is_chair(f: DecisionFacts, p: dict[str, Any]) -> Result:
    """The chair on record on the session's date signs (the presiding deputy only while no
    chair is in office); ``f.signer`` is the logged-in account's person when one signs."""
    s = f.session
    if s is None:
        return False, Say("decision.signer_is_chair/no_session")
    if f.signer is not None:
        expected = s.chair["person"] if s.chair is not None else (
            s.presiding["id"] if s.presiding is not None else None)
        if f.signer != expected:
            if s.chair is not None:
                return False, Say("decision.signer_is_chair/account_not_chair",
                                  signer=f.signer, date=s.date, name=s.chair["name"])
            if s.presiding is not None:
                return False, Say("decision.signer_is_chair/account_not_presiding",
                                  signer=f.signer, date=s.date, name=s.presiding["name"])
            return False, Say("decision.signer_is_chair/account_nobody", signer=f.signer,
                              date=s.date)
    if s.chair is not None:
        if s.presiding is not None and s.presiding["id"] != s.chair["person"]:
            return False, Say("decision.signer_is_chair/chair_in_office", date=s.date,
                              name=s.chair["name"], presiding=s.presiding["id"])
        return True, Say("decision.signer_is_chair/chair", name=s.chair["name"], date=s.date)
    if s.presiding is None:
        return False, Say("decision.signer_is_chair/nobody", date=s.date)
    if s.presiding["id"] not in s.deputies:
        return False, Say("decision.signer_is_chair/not_deputy", presiding=s.presiding["id"],
                          date=s.date)
    return True, Say("decision.signer_is_chair/presiding", date=s.date,
                     name=s.presiding["name"])


# --- normative acts: publication, the State Register, force ----------------------------------

@check("act.is_normative")
def is_normative(f: DecisionFacts, p: dict[str, Any]) -> Result:
    if not f.normative:
        return False, Say("act.is_normative/no")
    return True, Say("act.is_normative/ok")


@check("act.publication_recorded")
def publication_recorded(f: DecisionFacts, p: dict[str, Any]) -> Result:
    when = f.published
    if when is None:
        return False, Say("act.publication_recorded/none")
    signed = f.signed_on or f.act_date
    if when < signed:
        return False, Say("act.publication_recorded/before", on=when, signed=signed)
    if (why := _not_ahead(f, when, "publication")) is not None:
        return False, why
    return True, Say("act.publication_recorded/ok", on=when,
                     source=Words(f.data["publication"]["source"]))


@check("act.register_after_publication")
def register_after_publication(f: DecisionFacts, p: dict[str, Any]) -> Result:
    if f.published is None:
        return False, Say("act.register_after_publication/none")
    return True, Say("act.register_after_publication/ok", on=f.published)


@check("act.register_sent_recorded")
def register_sent_recorded(f: DecisionFacts, p: dict[str, Any]) -> Result:
    sent = f.date("register.sent")
    if sent is None:
        return False, Say("act.register_sent_recorded/none")
    if f.published is not None and sent < f.published:
        return False, Say("act.register_sent_recorded/before", sent=sent,
                          published=f.published)
    if (why := _not_ahead(f, sent, "register_letter")) is not None:
        return False, why
    if not f.data.get("register", {}).get("pages"):
        return False, Say("act.register_sent_recorded/no_pages")
    return True, Say("act.register_sent_recorded/ok", sent=sent,
                     pages=f.data["register"]["pages"])


def _register_term(f: DecisionFacts, p: dict[str, Any]) -> workdays.Term | None:
    """The State Register's term for a published normative act: ``params.working_days``
    working days from its publication, by the holiday calendar (None: no term runs)."""
    if not f.normative or f.published is None:
        return None
    return workdays.working_day_term(f.published, int(p["working_days"]))


def term_words(term: workdays.Term) -> Say:
    """A term of working days as a message: its due day and the holidays it skips, or why the
    due day is unknown (``Term.words`` in each language)."""
    if term.due is None:
        return Say("term/unknown", days=term.working_days, start=term.start, why=term.unknown)
    skipped = [Say("term/holiday", date=d.date, name=Words(d.name)) for d in term.skipped]
    return Say("term/due", due=term.due, days=term.working_days, start=term.start,
               count=len(skipped), skipped=listing(skipped, None, ", "))


@check("act.register_term")
def register_term(f: DecisionFacts, p: dict[str, Any]) -> Result:
    term = _register_term(f, p)
    if term is None:
        return True, Say("act.register_term/none")
    entered = f.date("register.date")
    if term.due is None:
        return False, Say("act.register_term/term", term=term_words(term))
    if entered is not None and entered > term.due:
        return False, Say("act.register_term/late", entered=entered, term=term_words(term))
    if entered is None and f.today > term.due:
        return False, Say("act.register_term/passed", term=term_words(term))
    return True, Say("act.register_term/term", term=term_words(term))


@deadline("act.register_term")
def register_term_due(f: DecisionFacts, profile: Any) -> list[dict[str, Any]]:
    """The entry the Ministry of Justice owes: due the last working day of the term, or
    unknown (with why) where the calendar lacks a year; met by the entry or the refusal."""
    term = _register_term(f, profile.rule("act.register_term").params)
    if term is None:
        return []
    answered = f.date("register.date") or f.date("refusal.date")
    return [{"what": Say("act.register_term/due"), "due": term.due,
             "from": f.published, "unknown": term.unknown,
             "met": answered <= term.due if answered and term.due else None}]


@check("act.register_number_unique")
def register_number_unique(f: DecisionFacts, p: dict[str, Any]) -> Result:
    reg = f.data.get("register") or {}
    if not reg.get("number") or not reg.get("date"):
        return False, Say("act.register_number_unique/none")
    if f.same_register_number:
        return False, Say("act.register_number_unique/taken", number=reg["number"],
                          case=f.same_register_number[0])
    included = f.date("register.date")
    sent = f.date("register.sent")
    if sent is None:
        return False, Say("act.register_number_unique/unsent")
    if included < sent:
        return False, Say("act.register_number_unique/before", on=str(reg["date"]), sent=sent)
    if (why := _not_ahead(f, included, "inclusion")) is not None:
        return False, why
    return True, Say("act.register_number_unique/ok", number=reg["number"],
                     on=str(reg["date"]))


@check("act.refusal_recorded")
def refusal_recorded(f: DecisionFacts, p: dict[str, Any]) -> Result:
    if not f.data.get("refusal"):
        return False, Say("act.refusal_recorded/none")
    when, sent = f.date("refusal.date"), f.date("register.sent")
    if sent is not None and when < sent:
        return False, Say("act.refusal_recorded/before", on=when, sent=sent)
    if (why := _not_ahead(f, when, "refusal")) is not None:
        return False, why
    return True, Say("act.refusal_recorded/ok", on=when,
                     grounds=Words(f.data["refusal"]["grounds"]))


def _cases(rows: list[dict]) -> Any:
    return listing([Say("case/state", case=c["id"], state=c["state"]) for c in rows], None,
                   ", ")


@check("act.conformity_decision")
def conformity_decision(f: DecisionFacts, p: dict[str, Any]) -> Result:
    signed = [c for c in f.conforming if c["standing"]]
    if not signed:
        if f.conforming:
            return False, Say("act.conformity_decision/pending", case=f.case_id,
                              pending=_cases(f.conforming))
        return False, Say("act.conformity_decision/none", case=f.case_id)
    return True, Say("act.conformity_decision/ok", case=signed[0]["id"],
                     state=signed[0]["state"])


@check("act.withdrawal_recorded")
def withdrawal_recorded(f: DecisionFacts, p: dict[str, Any]) -> Result:
    if not f.data.get("withdrawal"):
        return False, Say("act.withdrawal_recorded/none")
    when = f.date("withdrawal.date")
    if (why := _not_ahead(f, when, "withdrawal")) is not None:
        return False, why
    return True, Say("act.withdrawal_recorded/ok", on=when)


@check("act.in_force_requires_register")
def in_force_requires_register(f: DecisionFacts, p: dict[str, Any]) -> Result:
    if not f.normative:
        return True, Say("act.in_force_requires_register/not_normative")
    if f.published is None:
        return False, Say("act.in_force_requires_register/unpublished")
    reg = f.data.get("register") or {}
    if not reg.get("number") or not f.in_register:
        return False, Say("act.in_force_requires_register/unregistered")
    return True, Say("act.in_force_requires_register/ok", number=reg["number"],
                     on=str(reg["date"]), published=f.published)


@check("act.in_force_date")
def in_force_date(f: DecisionFacts, p: dict[str, Any]) -> Result:
    if f.in_force_date is None:
        return False, Say("act.in_force_date/unpublished")
    floor = int(p.get("business_min_days", 0))
    if f.data.get("draft", {}).get("business") and f.published is not None and \
            f.in_force_date < f.published + dt.timedelta(days=floor):
        earliest = f.published + dt.timedelta(days=floor)
        return False, Say("act.in_force_date/business", days=floor, earliest=earliest,
                          named=f.in_force_date)
    if f.today < f.in_force_date:
        return False, Say("act.in_force_date/future", on=f.in_force_date)
    return True, Say("act.in_force_date/ok", on=f.in_force_date)


@check("act.repealing_act_in_force")
def repealing_act_in_force(f: DecisionFacts, p: dict[str, Any]) -> Result:
    live = [c for c in f.repealing if c["in_force"]]
    if not live:
        return False, Say("act.repealing_act_in_force/none", case=f.case_id)
    return True, Say("act.repealing_act_in_force/ok", case=live[0]["id"])


# --- oversight through the prosecutor --------------------------------------------------------

@check("oversight.protest_recorded")
def protest_recorded(f: DecisionFacts, p: dict[str, Any]) -> Result:
    pr = (f.data.get("oversight") or {}).get("protest")
    if not pr:
        return False, Say("oversight.protest_recorded/none")
    when = f.date("oversight.protest.date")
    if f.published is not None and when < f.published:
        return False, Say("oversight.protest_recorded/before", on=when)
    if (why := _not_ahead(f, when, "protest")) is not None:
        return False, why
    return True, Say("oversight.protest_recorded/ok", number=pr["number"], on=when,
                     prosecutor=Words(pr["prosecutor"]))


def _kenesh_answer(f: DecisionFacts, effect: str) -> Result:
    """The kenesh answers the prosecutor by its own decision in session, naming this act."""
    protest = (f.data.get("oversight") or {}).get("protest")
    if not protest:
        return False, Say("oversight.answer/no_protest")
    answer = f.response(effect)
    if answer is None:
        if f.responses:
            return False, Say("oversight.answer/pending", effect=effect, case=f.case_id,
                              pending=_cases(f.responses))
        return False, Say("oversight.answer/none", effect=effect, case=f.case_id)
    return True, Say("oversight.answer/ok", effect=effect, case=answer["id"],
                     state=answer["state"])


def _answer_check(rule_id: str, effect: str) -> Check:
    """The check that the kenesh answered the prosecutor by a decision doing ``effect``."""
    @check(rule_id)
    def judge(f: DecisionFacts, p: dict[str, Any]) -> Result:
        return _kenesh_answer(f, effect)
    judge.__name__ = judge.__qualname__ = rule_id.replace(".", "_")
    return judge


kenesh_suspends = _answer_check("oversight.kenesh_suspends", "suspend")
kenesh_cancels = _answer_check("oversight.kenesh_cancels", "cancel")
kenesh_amends = _answer_check("oversight.kenesh_amends", "amend")
protest_rejected = _answer_check("oversight.protest_rejected", "reject")


@check("oversight.court_application_recorded")
def court_application_recorded(f: DecisionFacts, p: dict[str, Any]) -> Result:
    rejected = f.response("reject")
    if rejected is None:
        return False, Say("oversight.court_application_recorded/no_rejection")
    app = (f.data.get("oversight") or {}).get("court_application")
    if not app:
        return False, Say("oversight.court_application_recorded/none")
    when = f.date("oversight.court_application.date")
    if (why := _not_ahead(f, when, "court_application")) is not None:
        return False, why
    return True, Say("oversight.court_application_recorded/ok", court=Words(app["court"]),
                     on=when)


def _court(f: DecisionFacts, outcome_wanted: str) -> Result:
    c = (f.data.get("oversight") or {}).get("court")
    if not c:
        return False, Say("oversight.court/none")
    when = f.date("oversight.court.date")
    applied = f.date("oversight.court_application.date")
    if applied is not None and when < applied:
        return False, Say("oversight.court/before", on=when, applied=applied)
    if (why := _not_ahead(f, when, "court_decision")) is not None:
        return False, why
    if c["outcome"] != outcome_wanted:
        return False, Say("oversight.court/other", outcome=c["outcome"], wanted=outcome_wanted)
    published = (c.get("publication") or {}).get("date")
    if published:
        return True, Say("oversight.court/ok_published", outcome=c["outcome"],
                         court=Words(c["court"]), on=when, document=c["document"],
                         published=str(published))
    return True, Say("oversight.court/ok", outcome=c["outcome"], court=Words(c["court"]),
                     on=when, document=c["document"])


@check("oversight.court_invalidates")
def court_invalidates(f: DecisionFacts, p: dict[str, Any]) -> Result:
    return _court(f, "invalid")


@check("oversight.court_upholds")
def court_upholds(f: DecisionFacts, p: dict[str, Any]) -> Result:
    return _court(f, "upheld")
