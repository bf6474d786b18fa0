"""Rules of the ЖМБА's listening stages (seed 002, forms 5–10): the sessions with each age
group, the session report, the focus groups and the planning meeting — and the deadlines of
the focus groups and the planning meeting, beside the rules whose days they read.

Each check receives ``NeedsFacts`` (``contexts/needs_facts.py``) and its rule's parameters from
the profile in force; a message names the field (``sessions[2].participants``) and the
numbers, so a clerk knows what to fix. Whether a failing rule refuses the step or only warns
is the profile's ``severity``, not code.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..contexts.needs_facts import AGE_GROUPS, Event, NeedsFacts
from ..rules import Profile
from .base import Result, check, deadline
from .needs_common import join, women_share

# --- sessions -----------------------------------------------------------------------------

@check("na.sessions_per_village")
def sessions_per_village(f: NeedsFacts, p: dict[str, Any]) -> Result:
    low, high = int(p["min"]), int(p["max"])
    if not f.sessions:
        return False, "sessions: no session is recorded yet (add them with `muni case update`)"
    problems, counts = [], []
    for village in f.villages:
        n = len(f.village_sessions.get(village, []))
        if n == 0 and not any(e.village == village for e in f.schedule if e.kind == "session"):
            continue
        counts.append(f"{village} {n}")
        if not low <= n <= high:
            problems.append(f"{village}: {n} sessions (between {low} and {high} required)")
    if problems:
        return False, "; ".join(problems)
    return True, "sessions per village: " + ", ".join(counts)


@check("na.age_groups_covered")
def age_groups_covered(f: NeedsFacts, p: dict[str, Any]) -> Result:
    problems = []
    for village, evs in f.village_sessions.items():
        if not evs:
            continue
        held = [e.age_group for e in evs]
        missing = [g for g in AGE_GROUPS if g not in held]
        if missing:
            problems.append(f"{village}: no session for {', '.join(missing)}")
        extra = [g for g in AGE_GROUPS if held.count(g) > 2]
        if extra:
            problems.append(f"{village}: more than two sessions for {', '.join(extra)}")
    if problems:
        return False, "; ".join(problems)
    return True, "every village has a session for each age group (18–35, 36–55, 56+)"


@check("na.session_size")
def session_size(f: NeedsFacts, p: dict[str, Any]) -> Result:
    minimum = int(p["min"])
    small = [f"{e.label}: {e.total} participants" for e in f.sessions
             if e.total < minimum]
    if small:
        return False, f"fewer than {minimum} participants: " + join(small)
    sizes = [e.total for e in f.sessions]
    return True, (f"{len(sizes)} sessions with {min(sizes, default=0)}–{max(sizes, default=0)} "
                  f"participants (at least {minimum})")


@check("na.participant_ages")
def participant_ages(f: NeedsFacts, p: dict[str, Any]) -> Result:
    wrong = [f"{e.where}.participants ({e.age_group}): {', '.join(e.ages_outside)}"
             for e in f.sessions if e.ages_outside]
    if wrong:
        return False, "ages outside the session's group: " + join(wrong, 4)
    return True, "every listed participant's age is within the session's age group"


def _facilitator_count(events: list[Event], minimum: int) -> Result:
    few = [f"{e.label}: {len(e.facilitators)}" for e in events
           if len(e.facilitators) < minimum]
    if few:
        return False, f"fewer than {minimum} facilitators: " + join(few)
    return True, f"{len(events)} events, each run by at least {minimum} facilitators"


@check("na.session_facilitators")
def session_facilitators(f: NeedsFacts, p: dict[str, Any]) -> Result:
    return _facilitator_count(f.sessions, int(p["min"]))


@check("na.sessions_after_plan")
def sessions_after_plan(f: NeedsFacts, p: dict[str, Any]) -> Result:
    early = [f"{e.label} on {e.date}" for e in f.sessions if e.date and
             e.date < f.act_date]
    if early:
        return False, (f"sessions dated before the plan order of {f.act_date}: " + join(early))
    return True, f"every session is on or after the plan order of {f.act_date}"


@check("na.typed_totals")
def typed_totals(f: NeedsFacts, p: dict[str, Any]) -> Result:
    if f.mismatches:
        return False, join([str(m) for m in f.mismatches])
    return True, "every typed total agrees with its list"


@check("na.votes_plausible")
def votes_plausible(f: NeedsFacts, p: dict[str, Any]) -> Result:
    per = int(p["stickers"])
    over = [f"{e.label}: {e.votes} votes from {e.total} participants (at most "
            f"{per * e.total})" for e in f.sessions if e.votes > per * e.total]
    if over:
        return False, join(over)
    return True, f"no session has more votes than {per} stickers per participant"


@check("na.sessions_women_share")
def sessions_women_share(f: NeedsFacts, p: dict[str, Any]) -> Result:
    return women_share(list(f.sessions), p, "session")


# --- session report -----------------------------------------------------------------------

def _report_date(f: NeedsFacts) -> dt.date | None:
    raw = f.session_report.get("date")
    return dt.date.fromisoformat(str(raw)) if raw else None


@check("na.session_report_after_sessions")
def session_report_after_sessions(f: NeedsFacts, p: dict[str, Any]) -> Result:
    date = _report_date(f)
    if date is None:
        return False, "session_report.date: required (the day the report is compiled)"
    if not f.session_report.get("compiler"):
        return False, "session_report.compiler: name who compiled the report (person id)"
    last = max((e.date for e in f.sessions if e.date), default=None)
    if last and date < last:
        return False, f"session_report.date {date} is before the last session ({last})"
    return True, f"report of {date}, after the last session ({last})"


@check("na.active_residents")
def active_residents(f: NeedsFacts, p: dict[str, Any]) -> Result:
    chosen = f.session_report.get("active_residents") or []
    if not chosen:
        return False, ("session_report.active_residents: select the active residents to invite "
                       "to the focus groups")
    return True, f"{len(chosen)} active residents selected for the focus groups"


# --- focus groups -------------------------------------------------------------------------

def _villages_with_sessions(f: NeedsFacts) -> list[str]:
    return [v for v, evs in f.village_sessions.items() if evs]


@check("na.focus_group_per_village")
def focus_group_per_village(f: NeedsFacts, p: dict[str, Any]) -> Result:
    problems = []
    for village in _villages_with_sessions(f):
        n = sum(1 for e in f.focus_groups if e.village == village)
        if n != 1:
            problems.append(f"{village}: {n} focus groups")
    strays = sorted({e.village for e in f.focus_groups} - set(_villages_with_sessions(f)))
    problems += [f"{v}: a focus group without sessions" for v in strays]
    if problems:
        return False, "one focus group per village is required: " + "; ".join(problems)
    return True, f"one focus group in each of {len(f.focus_groups)} villages"


def _gaps(f: NeedsFacts) -> list[tuple[Event, dt.date, int]]:
    out = []
    for e in f.focus_groups:
        dates = [s.date for s in f.village_sessions.get(e.village, []) if s.date]
        if dates and e.date:
            last = max(dates)
            out.append((e, last, (e.date - last).days))
    return out


@check("na.focus_group_not_late")
def focus_group_not_late(f: NeedsFacts, p: dict[str, Any]) -> Result:
    latest = int(p["max_days"])
    bad = [f"{e.label}: {e.date} is {gap} days after the last session ({last})"
           for e, last, gap in _gaps(f) if gap > latest or gap < 0]
    if bad:
        return False, f"must be within {latest} days after the sessions: " + join(bad)
    return True, "; ".join(f"{e.village}: {gap} days after the sessions"
                           for e, _, gap in _gaps(f)) or "no focus group recorded"


@deadline("na.focus_group_not_late")
def focus_group_window(f: NeedsFacts, profile: Profile) -> list[dict[str, Any]]:
    """Each village's focus group falls due between the two rules' days after its last
    session (``na.focus_group_not_early`` … ``na.focus_group_not_late``)."""
    early = int(profile.rule("na.focus_group_not_early").params["min_days"])
    late = int(profile.rule("na.focus_group_not_late").params["max_days"])
    out = []
    for village, evs in f.village_sessions.items():
        if not evs:
            continue
        last = max(e.date for e in evs if e.date)
        start, due = last + dt.timedelta(days=early), last + dt.timedelta(days=late)
        held = [e for e in f.focus_groups if e.village == village]
        out.append({"what": f"focus group in {village} ({early}–{late} days after its last "
                            f"session, {last})", "due": due, "from": start,
                    "met": None if not held else all(start <= e.date <= due
                                                     for e in held if e.date)})
    return out


@check("na.focus_group_not_early")
def focus_group_not_early(f: NeedsFacts, p: dict[str, Any]) -> Result:
    earliest = int(p["min_days"])
    early = [f"{e.label}: only {gap} days after the last session ({last})"
             for e, last, gap in _gaps(f) if 0 <= gap < earliest]
    if early:
        return False, join(early)
    return True, f"every focus group is at least {earliest} days after its village's sessions"


@check("na.focus_group_max_size")
def focus_group_max_size(f: NeedsFacts, p: dict[str, Any]) -> Result:
    high = int(p["max"])
    big = [f"{e.label}: {e.total}" for e in f.focus_groups if e.total > high]
    if big:
        return False, f"more than {high} participants: " + join(big)
    return True, f"no focus group has more than {high} participants"


@check("na.focus_group_min_size")
def focus_group_min_size(f: NeedsFacts, p: dict[str, Any]) -> Result:
    low = int(p["min"])
    small = [f"{e.label}: {e.total}" for e in f.focus_groups if e.total < low]
    if small:
        return False, f"fewer than {low} participants: " + join(small)
    return True, f"every focus group has at least {low} participants"


@check("na.focus_group_facilitators")
def focus_group_facilitators(f: NeedsFacts, p: dict[str, Any]) -> Result:
    return _facilitator_count(f.focus_groups, int(p["min"]))


@check("na.focus_group_problems")
def focus_group_problems(f: NeedsFacts, p: dict[str, Any]) -> Result:
    problems = []
    for village, analysed in f.focus_problems.items():
        top = f.village_top.get(village, [])
        if not analysed:
            problems.append(f"{village}: no problem analysed")
        stray = [x for x in analysed if x not in top]
        if stray:
            problems.append(f"{village}: «{'», «'.join(stray)}» is not among the village's "
                            f"priorities ({', '.join(top)})")
    if problems:
        return False, join(problems)
    return True, "; ".join(f"{v}: {len(a)} priority problems analysed"
                           for v, a in f.focus_problems.items()) or "no focus group recorded"


@check("na.focus_women_share")
def focus_women_share(f: NeedsFacts, p: dict[str, Any]) -> Result:
    return women_share(list(f.focus_groups), p, "focus group")


# --- planning meeting ---------------------------------------------------------------------

@check("na.planning_within_week")
def planning_within_week(f: NeedsFacts, p: dict[str, Any]) -> Result:
    days = int(p["max_days"])
    if f.planning is None:
        return False, "planning_meeting: not recorded yet"
    if not f.focus_groups:
        return False, "no focus group is recorded: the planning meeting follows them"
    last = max(e.date for e in f.focus_groups if e.date)
    gap = (f.planning.date - last).days
    if gap < 0 or gap > days:
        return False, (f"planning_meeting.date {f.planning.date} is {gap} days after the last "
                       f"focus group ({last}); it must be held within {days} days, by "
                       f"{last + dt.timedelta(days=days)}")
    return True, f"held {gap} days after the last focus group ({last})"


@deadline("na.planning_within_week")
def planning_due(f: NeedsFacts, profile: Profile) -> list[dict[str, Any]]:
    if not f.focus_groups:
        return []
    days = int(profile.rule("na.planning_within_week").params["max_days"])
    last = max(e.date for e in f.focus_groups if e.date)
    due = last + dt.timedelta(days=days)
    return [{"what": f"planning meeting (within {days} days of the last focus group, {last})",
             "due": due, "met": None if f.planning is None else f.planning.date <= due}]


@check("na.planning_size")
def planning_size(f: NeedsFacts, p: dict[str, Any]) -> Result:
    if f.planning is None:
        return True, "no planning meeting recorded"
    high = int(p["max"])
    if f.planning.total > high:
        return False, f"{f.planning.total} participants; typically up to {high}"
    return True, f"{f.planning.total} participants (typically up to {high})"


@check("na.planning_women_share")
def planning_women_share(f: NeedsFacts, p: dict[str, Any]) -> Result:
    return women_share([f.planning], p, "planning meeting")
