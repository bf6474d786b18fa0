"""Local council (жергиликтүү кеңеш): sessions and their decisions (токтом).

Two workflows share this module. A ``council_session`` case lists the drafts on its agenda and
records attendance and votes; a ``council_decision`` case is one draft and what becomes of it
(signature, publication, the State Register, oversight). Neither copies the other's data: a
decision reads the latest session that lists it, so the protocol, the extract and the guards
all see one record of the vote, and a draft rejected at one session and put to a later one
keeps both in its history.

Everything a document states that can be computed — quorum, the majority required and which
rule requires it, the outcome, the decision's date (the session's), the entry-into-force date —
is computed here from recorded data and the rule profile in force on the session's date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import muni.engine.citations as citations
import muni.engine.rules as rules
import muni.engine.tags as tags
import muni.engine.votes as votes
from muni.registry import audit, cases, directory, journal
from muni.registry.db import Registry

from ..data import dotted, parse_date
from ..errors import InputError, NotFound
from ..messages import Say
from ..spec import Workflow, all_workflows, load
from .common import (
    BLANK,
    People,
    Prepared,
    case_municipality,
    municipality_context,
)
from .needs_assessment import build_needs_assessment
from .wording import Wording

#: The two workflows of this module (their states are asked about by tag, ``engine/tags``).
DECISION, SESSION = "council_decision", "council_session"
#: The kenesh's own journal series for its decisions (the ayil okmotu's orders are "orders").
DECISIONS_SERIES = "council_decisions"

KIND_WORDS = {"ordinary": {"ky": "кезектеги", "ru": "очередная"},
              "extraordinary": {"ky": "кезексиз", "ru": "внеочередная"}}


def roman(n: int) -> str:
    """Session and convocation numbers are written in Roman numerals (VII чакырылыш)."""
    if n <= 0:
        return str(n)
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                       (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                       (4, "IV"), (1, "I")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def text(value: Any, lang: str) -> str:
    """A ``{ky, ru}`` text in ``lang``; the Kyrgyz original where no Russian is given."""
    if not value:
        return ""
    if isinstance(value, str):
        return value
    return str(value.get(lang) or value.get("ky") or "")


# --------------------------------------------------------------------------------------------
# The session record
# --------------------------------------------------------------------------------------------

@dataclass
class Item:
    """One agenda item: a draft and, once the session is held, its vote."""

    index: int
    draft_id: int
    draft: dict | None                 # the council_decision case (None: unknown id)
    speakers: list[dict]
    tally: votes.Tally | None
    number: int | None = None          # the decision's journal number, once signed

    @property
    def kind(self) -> str:
        return str(dotted(self.draft["data"], "draft.kind") or "ordinary") if self.draft else ""


@dataclass
class Session:
    """A council session as recorded, with the deputies resolved on its date."""

    case_id: int
    state: str
    municipality: str
    number: int
    convocation: int
    kind: str
    date: dt.date
    time: str
    place: dict
    notice_date: dt.date | None
    elected: int
    deputies: dict[str, dict]          # deputies on record on the session's date, by person id
    present_ids: list[str] | None      # None: attendance recorded as a count only
    present_count: int | None          # None: attendance not recorded yet
    chair: dict | None                 # the council chair on record on the session's date
    presiding: dict | None             # who presided (chair, or the deputy named)
    secretary: dict | None
    items: list[Item]
    people: dict[str, dict] = field(default_factory=dict)
    #: An extraordinary session's demand: ``{"date", "deputies": [person ids]}``.
    demand: dict | None = None
    convened: bool = False             # convened and not yet held (tag ``convened``)
    held: bool = False                 # the session took place (tag ``held``)

    def item_for(self, draft_id: int) -> Item | None:
        return next((i for i in self.items if i.draft_id == draft_id), None)


def _row(people: People, person_id: str | None, where: str) -> dict | None:
    """The registry row of the person named at ``where`` (``People``: known, of the
    municipality), or None when the field is empty; the caller's own copy."""
    person = people.optional(person_id, where)
    return dict(person.row) if person else None


def load_session(db: Registry, case: dict) -> Session:
    """The session case ``case`` resolved against the registry on the session's date."""
    data = case["data"]
    code = case["municipality"]
    mun = case_municipality(db, case)
    on = parse_date(dotted(data, "session.date"), "session.date")
    iso = on.isoformat()
    deputies = {r["person"]: r for r in directory.holders_on(db, code, "deputy", iso)}
    chairs = directory.holders_on(db, code, "council_chair", iso)
    chair = chairs[0] if chairs else None
    elected = int(mun.get("council_seats") or 0) or len(deputies)
    attendance = data.get("attendance") or {}
    present_ids = [str(p) for p in attendance["present"]] if "present" in attendance else None
    present_count = (len(present_ids) if present_ids is not None
                     else int(attendance["count"]) if "count" in attendance else None)
    named = People(db, code, on)
    presiding = _row(named, data.get("presiding"), "presiding") or (
        directory.person(db, chair["person"]) if chair else None)
    secretary = _row(named, data.get("secretary"), "secretary")
    items = []
    people: dict[str, dict] = {}
    for i, entry in enumerate(data.get("agenda") or []):
        draft = None
        draft_id = int(entry["draft"])
        row = cases.get(db, draft_id)
        if row is not None and row["workflow"] == DECISION \
                and row["municipality"] == code:
            draft = row
        speakers = []
        for j, pid in enumerate(entry.get("speakers") or []):
            speakers.append(_row(named, pid, f"agenda[{i}].speakers[{j}]"))
        vote = entry.get("vote")
        items.append(Item(index=i + 1, draft_id=draft_id, draft=draft, speakers=speakers,
                          tally=votes.tally_from(vote) if vote else None,
                          number=decision_number(db, draft_id)))
    for pid in present_ids or []:
        person = directory.person(db, pid)
        if person is not None:
            people[pid] = person
    sessions = load(SESSION)
    state = case.get("state", sessions.initial)
    return Session(
        case_id=case["id"], state=state, municipality=code,
        number=int(dotted(data, "session.number")),
        convocation=int(dotted(data, "session.convocation")),
        kind=str(dotted(data, "session.kind")), date=on,
        time=str(dotted(data, "session.time") or ""),
        place=dotted(data, "session.place") or {},
        notice_date=(parse_date(dotted(data, "notice.date"), "notice.date")
                     if dotted(data, "notice.date") else None),
        elected=elected, deputies=deputies, present_ids=present_ids,
        present_count=present_count, chair=chair, presiding=presiding, secretary=secretary,
        items=items, people=people, demand=data.get("demand"),
        convened=sessions.tagged(state, tags.CONVENED), held=sessions.tagged(state, tags.HELD),
    )


def decision_number(db: Registry, case_id: int) -> int | None:
    """The number the kenesh's journal gave the decision when it was signed (None before)."""
    return journal.number_for(db, case_id, DECISIONS_SERIES)


def sessions_listing(db: Registry, municipality: str, draft_id: int
                     ) -> list[dict]:
    """Session cases whose agenda lists the draft, oldest session first."""
    return cases.listing_in(db, workflow=SESSION, municipality=municipality,
                            list_path="$.agenda", key="draft", value=draft_id,
                            order_path="$.session.date")


def vote_rules(profile: rules.Profile) -> list[votes.VoteRule]:
    """The profile's thresholds on decisions — its rules with a ``base`` (the majority of the
    total, and each rule that names kinds of decision), in the profile's order."""
    return [votes.VoteRule(r.id, r.params, blocking=r.severity == "block", withdrawn=r.withdrawn)
            for r in profile.rules.values() if "base" in r.params]


@dataclass
class Outcome:
    """What the vote on one item means under the profile in force on the session's date."""

    profile: rules.Profile
    present: int | None
    quorum: votes.Requirement
    requirements: list[votes.Requirement]
    tally: votes.Tally | None
    problems: list[str]

    @property
    def quorum_needed(self) -> int:
        return self.quorum.needed

    @property
    def has_quorum(self) -> bool:
        return self.present is not None and self.quorum.met(None, self.present)

    @property
    def adopted(self) -> bool:
        """Quorum, a consistent tally, and every blocking threshold met (a threshold that only
        warns, e.g. one in doubt under the profile, does not decide)."""
        return (self.tally is not None and self.has_quorum and not self.problems
                and all(r.met(self.tally) for r in self.requirements if r.blocking))

    @property
    def warnings(self) -> list[votes.Requirement]:
        return [r for r in self.requirements if not r.blocking and not r.met(self.tally)]

    def legal(self, rule_id: str, lang: str) -> str:
        return self.profile.legal_words(rule_id, lang)

    def rule_words(self, lang: str) -> str:
        """The thresholds as the protocol and the extract state them: the rule in words, the
        number, and its legal basis in words — never a rule id."""
        return "; ".join(f"{r.words(lang)} — {r.needed} ({self.legal(r.rule, lang)})"
                         for r in self.requirements)

    def quorum_words(self, lang: str) -> str:
        return (f"{self.quorum.words(lang)} — {self.quorum.needed} "
                f"({self.legal('vote.quorum', lang)})")


def outcome(session: Session, item: Item, profile: rules.Profile | None = None) -> Outcome:
    """Quorum, the thresholds the item's kind must meet, and whether they were reached."""
    profile = profile or rules.profile_for(session.date)
    present = session.present_count
    reqs = votes.requirements(item.kind, session.elected, present or 0, vote_rules(profile))
    problems = []
    if item.tally is not None:
        present_ids = frozenset(session.present_ids) if session.present_ids is not None else None
        problems = votes.tally_problems(item.tally, present or 0, session.elected, present_ids)
    return Outcome(profile=profile, present=present,
                   quorum=votes.quorum(session.elected, profile.rule("vote.quorum").params),
                   requirements=reqs, tally=item.tally, problems=problems)


# --------------------------------------------------------------------------------------------
# council_session
# --------------------------------------------------------------------------------------------

@dataclass
class SessionFacts:
    session: Session
    today: dt.date
    same_number: list[int]             # other session cases with this convocation and number
    ready: dict[int, tuple[bool, Say]]  # draft id → (ready?, why)
    profile: rules.Profile
    #: Deputies on record on the demand's date (an extraordinary session), by person id.
    demand_deputies: dict[str, dict] = field(default_factory=dict)

    @property
    def act_date(self) -> dt.date:
        """The date the session's record states: the session's own date."""
        return self.session.date


def _draft_ready(db: Registry, item: Item, session: Session) -> tuple[bool, Say]:
    """Is the agenda item's draft ready for this session, and why (``session.agenda_ready``)."""
    if item.draft is None:
        return False, Say("session.agenda_ready/not_draft", index=item.index,
                          case=item.draft_id, municipality=session.municipality)
    d = item.draft
    state = d["state"]
    decisions, sessions = load(DECISION), load(SESSION)
    if decisions.tagged(state, tags.ON_AGENDA):
        listing = [s for s in sessions_listing(db, session.municipality, item.draft_id)
                   if s["id"] != session.case_id and not sessions.tagged(s["state"], tags.HELD)]
        if listing:
            return False, Say("session.agenda_ready/listed", index=item.index,
                              draft=item.draft_id, session=listing[0]["id"])
        return True, Say("session.agenda_ready/on_agenda", draft=item.draft_id)
    if not decisions.tagged(state, tags.READY_FOR_AGENDA):
        return False, Say("session.agenda_ready/not_ready", index=item.index,
                          draft=item.draft_id, state=state)
    normative = bool(dotted(d["data"], "draft.normative"))
    end = dotted(d["data"], "discussion.end")
    if normative and end and parse_date(end, "discussion.end") >= session.date:
        return False, Say("session.agenda_ready/discussion_open", index=item.index,
                          draft=item.draft_id, end=str(end))
    return True, Say("session.agenda_ready/ready", draft=item.draft_id, state=state)


def _session_context(session: Session, profile: rules.Profile | None,
                     wording: Wording) -> dict[str, Any]:
    """The session as the protocol, notice and extracts print it; its texts and the agenda's
    titles (other cases' data) in both languages, a missing Russian noted in ``wording``."""
    def name(p: dict | None) -> str:
        return directory.short_name(p) if p else BLANK

    present = session.present_ids or []
    items = []
    for item in session.items:
        entry: dict[str, Any] = {
            "n": item.index, "draft": item.draft_id,
            **_pair("title", wording.both(
                dotted(item.draft["data"], "draft.title") if item.draft else BLANK,
                f"case {item.draft_id}: draft.title")),
            "speaker": name(item.speakers[0]) if item.speakers else BLANK,
            "speakers": ", ".join(name(p) for p in item.speakers[1:]),
            "number": item.number or "",
            "voted": item.tally is not None,
            "yes": item.tally.for_ if item.tally else 0,
            "no": item.tally.against if item.tally else 0,
            "abstained": item.tally.abstained if item.tally else 0,
            "adopted": False, "rule_ky": "", "rule_ru": "",
        }
        if profile is not None:
            out = outcome(session, item, profile)
            entry.update(adopted=out.adopted, rule_ky=out.rule_words("ky"),
                         rule_ru=out.rule_words("ru"))
        items.append(entry)
    q = votes.quorum(session.elected, profile.rule("vote.quorum").params) if profile else None
    quorum = q.needed if q else 0
    return {
        "number": session.number, "number_roman": roman(session.number),
        "convocation": session.convocation, "convocation_roman": roman(session.convocation),
        "kind_ky": KIND_WORDS[session.kind]["ky"], "kind_ru": KIND_WORDS[session.kind]["ru"],
        "date": session.date, "time": session.time,
        **_pair("place", wording.both(session.place, f"case {session.case_id}: session.place")),
        "notice_date": session.notice_date or session.date,
        "elected": session.elected,
        "present": session.present_count if session.present_count is not None else 0,
        "absent": session.elected - (session.present_count or 0),
        "quorum": quorum, "has_quorum": (session.present_count or 0) >= quorum,
        "quorum_ky": (f"{q.words('ky')} — {quorum} ({profile.legal_words('vote.quorum', 'ky')})"
                      if profile and q else ""),
        "quorum_ru": (f"{q.words('ru')} — {quorum} ({profile.legal_words('vote.quorum', 'ru')})"
                      if profile and q else ""),
        "present_names": [session.people[p]["name"] if p in session.people else p
                          for p in present],
        "presiding": name(session.presiding),
        "secretary": name(session.secretary),
        "agenda": items,
    }


def build_council_session(db: Registry, case: dict, workflow: Workflow, *,
                          today: dt.date, lang: str = "ky",
                          act_date_path: str | None = None) -> Prepared:
    """A session: its agenda's readiness, attendance, quorum and each item's outcome."""
    mun = case_municipality(db, case)
    session = load_session(db, {**case, "state": case.get("state", workflow.initial)})
    profile = rules.profile_for(session.date)
    same = cases.with_values(  # a session that never convened does not use its number
        db, workflow=SESSION, municipality=case["municipality"],
        not_state=workflow.initial, other_than=case["id"] if isinstance(case["id"], int) else -1,
        values={"$.session.convocation": session.convocation,
                "$.session.number": session.number})
    ready = {item.draft_id: _draft_ready(db, item, session) for item in session.items}
    demand_on = dotted(case["data"], "demand.date")
    demand_deputies = ({r["person"]: r for r in directory.holders_on(
        db, case["municipality"], "deputy",
        parse_date(demand_on, "demand.date").isoformat())} if demand_on else {})
    facts = SessionFacts(session=session, today=today, same_number=same, ready=ready,
                         profile=profile, demand_deputies=demand_deputies)
    wording = Wording(case["data"], lang, case.get("id"))
    wording.fill(case["data"])  # the session's texts: each needs its Russian
    context = {
        "draft": False,
        "municipality": municipality_context(mun),
        "session": _session_context(session, profile, wording),
        "chair": {"name": directory.short_name(session.presiding) if session.presiding
                  else BLANK},
    }
    return Prepared(act_date=_step_date(case["data"], act_date_path, session.date),
                    facts=facts, context=context, wording=wording)


# --------------------------------------------------------------------------------------------
# council_decision
# --------------------------------------------------------------------------------------------

@dataclass
class DecisionFacts:
    """One draft / decision and everything its rules look at, as of its act's date."""

    case_id: int
    municipality: str
    state: str
    today: dt.date
    data: dict
    registered: dt.date
    normative: bool
    kind: str
    session: Session | None            # the latest session listing the draft
    item: Item | None
    past_sessions: list[Session]       # earlier sessions listing it (e.g. a rejection)
    outcome: Outcome | None
    source_case: dict | None
    signer: str | None                 # the case's signer override (data), if any
    act_date: dt.date                  # the decision's date: its session's (or registration's)
    profile: rules.Profile
    signed_on: dt.date | None          # the day the decision was signed (its sign step)
    published: dt.date | None          # the day of its official publication
    in_force_date: dt.date | None      # the date the act names (or the default after publication)
    same_register_number: list[int]
    conforming: list[dict]             # later decisions that replace this one (+ "standing")
    repealing: list[dict]              # later decisions that repeal this one (+ "in_force")
    responses: list[dict]              # decisions answering a prosecutor's act (+ "act")
    source_plan: dict | None = None    # the handed-over plan's title {ky, ru}, if any
    in_register: bool = False          # entered in the State Register (tag ``registered``)
    source_handed: bool = False        # the source case is in a state handing it over
    handing_states: tuple[str, ...] = ()   # the states that hand a case to the council

    def date(self, path: str) -> dt.date | None:
        value = dotted(self.data, path)
        return parse_date(value, path) if value else None

    def response(self, effect: str) -> dict | None:
        """The latest signed decision of the kenesh that does ``effect`` to this act."""
        signed = [r for r in self.responses if r["act"]
                  and dotted(r["data"], "draft.oversight.effect") == effect]
        return signed[-1] if signed else None


def _pair(key: str, both: dict[str, str]) -> dict[str, str]:
    """``{key_ky, key_ru}`` of a ``{ky, ru}`` text."""
    return {f"{key}_ky": both["ky"], f"{key}_ru": both["ru"]}


def _both(value: Any) -> dict[str, str]:
    """A ``{ky, ru}`` text with the Russian filled from the Kyrgyz original where missing."""
    return {"ky": text(value, "ky"), "ru": text(value, "ru")}


def clauses(data: dict, default_days: int, repealed: list[dict]) -> list[dict[str, Any]]:
    """The operative clauses as data for the template, which holds their formulas (seed 003
    §2.1: «… N-тиркемеге ылайык бекитилсин», «… тапшырылсын», «… жүктөлсүн»): what the
    clerk typed (approve / assign / text), one repeal per act this decision replaces or
    repeals, control, and entry into force (the draft's choice or the profile's default)."""
    out: list[dict[str, Any]] = []
    for i, c in enumerate(dotted(data, "draft.clauses") or []):
        if "approve" in c:
            out.append({"kind": "approve", **_both(c["approve"]), "annex": c.get("annex")})
        elif "assign" in c:
            out.append({"kind": "assign", "to": _both(c["to"]), "task": _both(c["assign"])})
        elif "text" in c:
            out.append({"kind": "text", **_both(c["text"])})
        else:  # pragma: no cover - the schema allows nothing else
            raise InputError(f"draft.clauses[{i}]: expected approve, assign or text")
    out.extend({"kind": "repeal", **r} for r in repealed)
    control = dotted(data, "draft.control")
    if control:
        out.append({"kind": "control", **_both(control)})
    rule = dotted(data, "draft.in_force") or {}
    if rule.get("date"):
        out.append({"kind": "in_force", "mode": "date",
                    "date": parse_date(rule["date"], "draft.in_force.date")})
    elif rule.get("on_publication"):
        out.append({"kind": "in_force", "mode": "publication"})
    else:
        out.append({"kind": "in_force", "mode": "days",
                    "days": int(rule.get("days_after_publication") or default_days)})
    return out


def _topic(data: dict) -> str | None:
    """Which matter of the kenesh's competence a decision is (profile rule
    decision.competence, params.items)."""
    kind = str(dotted(data, "draft.kind") or "ordinary")
    if kind != "ordinary":
        return kind
    if dotted(data, "draft.source_case") is not None:
        return "development_plan"
    return "local_rules" if dotted(data, "draft.normative") else None


def preamble(data: dict, profile: rules.Profile, lang: str) -> str:
    """The preamble: the purpose the clerk typed, then the legal basis in words — the law on
    local self-government in force and the article giving the kenesh the matter (profile rule
    decision.competence; where that law's articles were not read, the law without an article
    unless the draft names it), and for a normative act the law on normative legal acts."""
    purpose = text(dotted(data, "draft.preamble"), lang).strip().rstrip(",")
    lsg_id = profile.in_force.get("lsg")
    laws = []
    if lsg_id:
        competence = profile.rules.get("decision.competence")
        article = dotted(data, "draft.competence")
        if article is None and competence and competence.refs \
                and competence.refs[0]["source"] == lsg_id:
            item = (competence.params.get("items") or {}).get(_topic(data))
            base = str(competence.refs[0]["article"])
            article = f"{base}({item})" if item else base
        laws.append(citations.according_to(profile.texts[lsg_id], article, lang))
    if dotted(data, "draft.normative") and profile.in_force.get("npa"):
        laws.append(citations.according_to(profile.texts[profile.in_force["npa"]], None, lang))
    if not laws:
        return purpose
    if lang == "ky":
        basis = f"{', '.join(laws)} ылайык,"
        return f"{purpose}, {basis}" if purpose else basis
    basis = f"в соответствии с {', '.join(laws)}"
    return f"{purpose}, {basis}" if purpose else basis[0].upper() + basis[1:]


#: Where the law sends a normative act for the State Register when the clerk has not recorded
#: the division's own name (Law No. 101 art. 15(5); Typical Charter item 41.8).
REGISTER_BODY = {"ky": "Кыргыз Республикасынын Юстиция министрлигинин аймактык бөлүмүнө",
                 "ru": "Территориальному подразделению Министерства юстиции Кыргызской "
                       "Республики"}
CHARTER_KINDS = ("charter_adoption", "charter_amendment")


def register_basis(data: dict, profile: rules.Profile, lang: str) -> str:
    """The law the cover letter to the State Register sends the act under, in words: the
    articles of rule act.register_after_publication in the law on normative acts in force (and,
    for a charter, in the law on local self-government), else that law without an article —
    never an edition that is no longer in force."""
    roles = ("npa", "lsg") if dotted(data, "draft.kind") in CHARTER_KINDS else ("npa",)
    wanted = [profile.in_force[r] for r in roles if r in profile.in_force]
    rule = profile.rules.get("act.register_after_publication")
    laws = [citations.according_to(profile.texts[ref["source"]], str(ref["article"]), lang)
            for ref in (rule.refs if rule else ()) if ref["source"] in wanted]
    if not laws and "npa" in profile.in_force:
        laws = [citations.according_to(profile.texts[profile.in_force["npa"]], None, lang)]
    joiner = " жана " if lang == "ky" else " и "
    return joiner.join(laws)


def in_force_default_days(profile: rules.Profile) -> int:
    """Days after publication an act enters into force when it names no date: the
    ``act.in_force_date`` rule's parameter in ``profile`` (the builder and the register of
    acts both read it here)."""
    return int(profile.rule("act.in_force_date").params.get("default_days_after_publication",
                                                            0))


def in_force_on(data: dict, published: dt.date | None, default_days: int) -> dt.date | None:
    """The date the act names for its entry into force (or the default after publication):
    computed, never typed; never before publication. The State Register's entry, which a
    normative act also needs, is checked apart (act.in_force_requires_register)."""
    if published is None:
        return None
    rule = dotted(data, "draft.in_force") or {}
    if rule.get("date"):
        return max(parse_date(rule["date"], "draft.in_force.date"), published)
    if rule.get("on_publication"):
        return published
    days = int(rule.get("days_after_publication") or default_days)
    return published + dt.timedelta(days=days)


def in_force_from(data: dict, published: dt.date | None, profile: rules.Profile
                  ) -> dt.date | None:
    """The day the act has force: its date and, for a normative act where the profile makes
    the State Register a condition (Law No. 241 art. 28(5)), not before its entry."""
    start = in_force_on(data, published, in_force_default_days(profile))
    included = dotted(data, "register.date")
    if (start is not None and included and dotted(data, "draft.normative")
            and profile.rule("act.in_force_requires_register").severity == "block"):
        start = max(start, parse_date(included, "register.date"))
    return start


def _cases_referring(db: Registry, municipality: str, key: str, case_id: int
                     ) -> list[dict]:
    """council_decision cases whose ``draft.<key>`` is ``case_id`` or a list containing it."""
    return cases.referring(db, workflow=DECISION, municipality=municipality,
                           path=f"$.draft.{key}", case_id=case_id)


def _handing_states() -> tuple[str, ...]:
    """Every workflow's states that hand a case to the council (tag ``handed_to_council``)."""
    return tuple(sorted({s for wf in all_workflows().values()
                         for s in wf.states_tagged(tags.HANDED_TO_COUNCIL)}))


def _hands_over(case: dict | None) -> bool:
    """Is ``case`` in a state of its workflow that hands it to the council?"""
    if case is None:
        return False
    try:
        return load(case["workflow"]).tagged(case["state"], tags.HANDED_TO_COUNCIL)
    except NotFound:
        return False


def _repealed(db: Registry, code: str, data: dict, wording: Wording) -> list[dict[str, Any]]:
    """The acts this decision replaces (a refused one) or repeals, as its repeal clauses name
    them: date, number and title («… № 3 «…» токтому күчүн жоготту деп таанылсын»)."""
    ids = ([dotted(data, "draft.replaces")] if dotted(data, "draft.replaces") else []) + list(
        dotted(data, "draft.repeals") or [])
    out = []
    for act_id in ids:
        row = cases.get(db, int(act_id))
        if row is None or (row["municipality"], row["workflow"]) != (code, DECISION):
            raise InputError(f"draft: case {act_id} is no council decision of '{code}'")
        listing = sessions_listing(db, code, int(act_id))
        out.append({"case": int(act_id), "number": decision_number(db, int(act_id)) or BLANK,
                    "date": load_session(db, listing[-1]).date if listing else None,
                    "title": wording.both(dotted(row["data"], "draft.title"),
                                          f"case {act_id}: draft.title")})
    return out


def _source_plan(db: Registry, source: dict | None, today: dt.date, lang: str,
                 wording: Wording) -> dict[str, Any] | None:
    """The plan a handed-over case carries (the ЖМБА's БАП): its title, and its context as the
    decision's annex prints it — built by that case's own builder, so the annex is the plan."""
    if source is None or source["workflow"] != "needs_assessment":
        return None
    case = cases.get(db, int(source["id"]))
    if case is None or not dotted(case["data"], "action_plan"):
        return None
    built = build_needs_assessment(db, case, load("needs_assessment"), today=today, lang=lang)
    if built.wording is not None:  # the annex prints the plan: its Russian is needed too
        wording.merge(built.wording, f"case {case['id']}: ")
    plan = built.context["action_plan"]
    return {"title": plan["title"], "context": plan}


def annex_sections(text_: list[dict]) -> list[dict[str, Any]]:
    """An annex's sections with their items numbered on through the whole text (1, 2, 3 …
    across the chapters, as local rules are numbered), so an item is cited by one number."""
    out, n = [], 0
    for sec in text_:
        points = []
        for x in sec.get("items") or []:
            n += 1
            points.append({"n": n, **_both(x)})
        out.append({"title": _both(sec.get("title")) if sec.get("title") else None,
                    "points": points})
    return out


def build_council_decision(db: Registry, case: dict, workflow: Workflow, *,
                           today: dt.date, lang: str = "ky",
                           act_date_path: str | None = None) -> Prepared:
    """A draft decision: its session, vote, outcome, dates and the act's documents. Its
    ``{ky, ru}`` texts get their Russian from the case's glossary where not given
    (``Wording.fill``); the ones that have none are noted for a Russian document."""
    wording = Wording(case["data"], lang, case.get("id"))
    data = wording.fill(case["data"])
    code = case["municipality"]
    mun = case_municipality(db, case)
    registered = parse_date(dotted(data, "draft.registered"), "draft.registered")
    People(db, code, registered).optional(dotted(data, "draft.initiator"), "draft.initiator")
    case_id = case["id"] if isinstance(case["id"], int) else -1
    listing = [load_session(db, s) for s in sessions_listing(db, code, case_id)]
    session = listing[-1] if listing else None
    item = session.item_for(case_id) if session else None
    act_date = session.date if session else registered
    profile = rules.profile_for(act_date)
    result = outcome(session, item, profile) if session and item else None
    source = None
    if dotted(data, "draft.source_case") is not None:
        source = cases.get(db, int(dotted(data, "draft.source_case")))
    source_plan = _source_plan(db, source, today, lang, wording)
    default_days = in_force_default_days(profile)
    published = (parse_date(dotted(data, "publication.date"), "publication.date")
                 if dotted(data, "publication.date") else None)
    in_force = in_force_on(data, published, default_days)
    normative = bool(dotted(data, "draft.normative"))
    signed_on = audit.step_date(db, case_id, "sign") if case_id > 0 else None
    number = dotted(data, "register.number")
    same_number = cases.with_values(db, workflow=DECISION, other_than=case_id,
                                    values={"$.register.number": number}) if number else []
    facts = DecisionFacts(
        case_id=case_id, municipality=code, state=case.get("state", workflow.initial),
        today=today, data=data, registered=registered, normative=normative,
        kind=str(dotted(data, "draft.kind") or "ordinary"), session=session, item=item,
        past_sessions=listing[:-1], outcome=result, source_case=source,
        signer=None, act_date=act_date, profile=profile,
        signed_on=dt.date.fromisoformat(signed_on) if signed_on else None,
        published=published, in_force_date=in_force,
        same_register_number=same_number,
        conforming=[{**c, "standing": workflow.tagged(c["state"], tags.STANDING)}
                    for c in _cases_referring(db, code, "replaces", case_id)],
        repealing=[{**c, "in_force": workflow.tagged(c["state"], tags.IN_FORCE)}
                   for c in _cases_referring(db, code, "repeals", case_id)],
        responses=[{**c, "act": workflow.tagged(c["state"], tags.ACT)}
                   for c in _cases_referring(db, code, "oversight.act", case_id)],
        source_plan=source_plan["title"] if source_plan else None,
        in_register=workflow.tagged(case.get("state", workflow.initial), tags.REGISTERED),
        source_handed=_hands_over(source), handing_states=_handing_states(),
    )
    chair = session.presiding if session else None
    if session is None:  # a draft: the chair on record when it was registered would sign
        chairs = directory.holders_on(db, code, "council_chair", registered.isoformat())
        chair = directory.person(db, chairs[0]["person"]) if chairs else None
    chair_is_elected = bool(session and session.chair and chair
                            and session.chair["person"] == chair["id"])
    session_ctx = _session_context(session, profile, wording) if session else {
        "number": BLANK, "number_roman": BLANK, "convocation": BLANK,
        "convocation_roman": BLANK, "kind_ky": "", "kind_ru": "", "date": registered,
        "time": "", "place_ky": "", "place_ru": "", "notice_date": registered, "elected": 0,
        "present": 0, "absent": 0, "quorum": 0, "has_quorum": False, "quorum_ky": "",
        "quorum_ru": "", "present_names": [], "presiding": BLANK, "secretary": BLANK,
        "agenda": []}
    item_ctx = next((i for i in session_ctx["agenda"] if i["draft"] == case_id), None) or {
        "n": BLANK, "draft": case_id, "title_ky": text(dotted(data, "draft.title"), "ky"),
        "title_ru": text(dotted(data, "draft.title"), "ru"), "speaker": BLANK, "speakers": "",
        "number": "",
        "voted": False, "yes": 0, "no": 0, "abstained": 0, "adopted": False,
        "rule_ky": "", "rule_ru": ""}
    annexes = []
    for i, a in enumerate(dotted(data, "draft.annexes") or []):
        annexes.append({
            "n": i + 1, "title_ky": text(a["title"], "ky"), "title_ru": text(a["title"], "ru"),
            # the approved text: the normative act's own sections and items …
            "sections": annex_sections(a.get("text") or []),
            # … or, for the first annex of a decision on a handed-over case, its plan
            "plan": source_plan["context"] if (i == 0 and source_plan) else None,
        })
    context = {
        "draft": False,
        "municipality": municipality_context(mun),
        "session": session_ctx,
        "item": item_ctx,
        "decision": {
            "number": decision_number(db, case_id) or BLANK, "date": act_date,
            "normative": normative,
            "title_ky": text(dotted(data, "draft.title"), "ky"),
            "title_ru": text(dotted(data, "draft.title"), "ru"),
            "preamble_ky": preamble(data, profile, "ky"),
            "preamble_ru": preamble(data, profile, "ru"),
            "clauses": clauses(data, default_days, _repealed(db, code, data, wording)),
            "annexes": annexes,
            "pages": int(dotted(data, "register.pages") or 0),
            "published": published,
            "publication_ky": text(dotted(data, "publication.source"), "ky"),
            "publication_ru": text(dotted(data, "publication.source"), "ru"),
            "issue": str(dotted(data, "publication.issue") or ""),
        },
        "chair": {
            "name": directory.short_name(chair) if chair else BLANK,
            "position_ky": "Айылдык кеңештин төрагасы" if chair_is_elected or not session
            else "Сессияда төрагалык кылуучу",
            "position_ru": "Председатель айылного кенеша" if chair_is_elected or not session
            else "Председательствующий на сессии",
        },
        "letter": {
            "number": BLANK,
            "addressee_ky": text(dotted(data, "register.addressee"), "ky") or REGISTER_BODY["ky"],
            "addressee_ru": text(dotted(data, "register.addressee"), "ru") or REGISTER_BODY["ru"],
            "basis_ky": register_basis(data, profile, "ky"),
            "basis_ru": register_basis(data, profile, "ru"),
            "date": (parse_date(dotted(data, "register.sent"), "register.sent")
                     if dotted(data, "register.sent") else today),
            "attachments_ky": [text(a, "ky") for a in dotted(data, "register.attachments")
                               or []],
            "attachments_ru": [text(a, "ru") for a in dotted(data, "register.attachments")
                               or []],
        },
    }
    # The cover letter to the State Register is numbered in the year it is sent, not the
    # decision's: for that one step the journal (and the profile) go by the sending date.
    journal_date = act_date
    sent = dotted(data, "register.sent")
    if workflow.tagged(facts.state, tags.TO_REGISTER) and normative and sent:
        journal_date = max(act_date, parse_date(sent, "register.sent"))
    return Prepared(act_date=_step_date(data, act_date_path, journal_date), facts=facts,
                    context=context, wording=wording)


def _step_date(data: dict, act_date_path: str | None, default: dt.date) -> dt.date:
    """The act date a transition names for itself (``act_date:``), else ``default``."""
    return parse_date(dotted(data, act_date_path), act_date_path) if act_date_path else default
