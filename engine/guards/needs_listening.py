"""Rules of the ЖМБА's listening stages (seed 002, forms 5–10): the sessions with each age
group, the session report, the focus groups and the planning meeting — and the deadlines of
the focus groups and the planning meeting, beside the rules whose days they read.

Each check receives ``NeedsFacts`` (``contexts/needs_facts.py``) and its rule's parameters from
the profile in force; its message (a ``Say``, worded in ``workflows/messages/*.ftl``) names the
field (``sessions[2].participants``) and the numbers, so a clerk knows what to fix. Whether a
failing rule refuses the step or only warns is the profile's ``severity``, not code.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..contexts.needs_facts import AGE_GROUPS, Event, NeedsFacts
from ..messages import Say, listing
from ..rules import Profile
from .base import Result, check, deadline
from .needs_common import join, label, women_share

# --- sessions -----------------------------------------------------------------------------

@check("na.sessions_per_village")
def sessions_per_village(f: NeedsFacts, p: dict[str, Any]) -> Result:
    low, high = int(p["min"]), int(p["max"])
    if not f.sessions:
        return False, Say("na.sessions_per_village/none")
    problems, counts = [], []
    for village in f.villages:
        n = len(f.village_sessions.get(village, []))
        if n == 0 and not any(e.village == village for e in f.schedule if e.kind == "session"):
            continue
        counts.append(Say("na.sessions_per_village/count", village=village, n=n))
        if not low <= n <= high:
            problems.append(Say("na.sessions_per_village/village", village=village, n=n,
                                min=low, max=high))
    if problems:
        return False, Say("na.sessions_per_village/bad", items=listing(problems, None))
    return True, Say("na.sessions_per_village/ok", counts=listing(counts, None, ", "))


@check("na.age_groups_covered")
def age_groups_covered(f: NeedsFacts, p: dict[str, Any]) -> Result:
    problems = []
    for village, evs in f.village_sessions.items():
        if not evs:
            continue
        held = [e.age_group for e in evs]
        missing = [g for g in AGE_GROUPS if g not in held]
        if missing:
            problems.append(Say("na.age_groups_covered/missing", village=village,
                                groups=listing(missing, None, ", ")))
        extra = [g for g in AGE_GROUPS if held.count(g) > 2]
        if extra:
            problems.append(Say("na.age_groups_covered/extra", village=village,
                                groups=listing(extra, None, ", ")))
    if problems:
        return False, Say("na.age_groups_covered/bad", items=listing(problems, None))
    return True, Say("na.age_groups_covered/ok")


@check("na.session_size")
def session_size(f: NeedsFacts, p: dict[str, Any]) -> Result:
    minimum = int(p["min"])
    small = [Say("na.session_size/item", event=label(e), n=e.total) for e in f.sessions
             if e.total < minimum]
    if small:
        return False, Say("na.session_size/bad", min=minimum, items=join(small))
    sizes = [e.total for e in f.sessions]
    return True, Say("na.session_size/ok", sessions=len(sizes), low=min(sizes, default=0),
                     high=max(sizes, default=0), min=minimum)


@check("na.participant_ages")
def participant_ages(f: NeedsFacts, p: dict[str, Any]) -> Result:
    wrong = [Say("na.participant_ages/item", where=f"{e.where}.participants", age=e.age_group,
                 people=listing(e.ages_outside, None, ", "))
             for e in f.sessions if e.ages_outside]
    if wrong:
        return False, Say("na.participant_ages/bad", items=join(wrong, 4))
    return True, Say("na.participant_ages/ok")


def _facilitator_count(events: list[Event], minimum: int) -> Result:
    few = [Say("facilitators/item", event=label(e), n=len(e.facilitators)) for e in events
           if len(e.facilitators) < minimum]
    if few:
        return False, Say("facilitators/bad", min=minimum, items=join(few))
    return True, Say("facilitators/ok", events=len(events), min=minimum)


@check("na.session_facilitators")
def session_facilitators(f: NeedsFacts, p: dict[str, Any]) -> Result:
    return _facilitator_count(f.sessions, int(p["min"]))


@check("na.sessions_after_plan")
def sessions_after_plan(f: NeedsFacts, p: dict[str, Any]) -> Result:
    early = [Say("na.sessions_after_plan/item", event=label(e), on=e.date) for e in f.sessions
             if e.date and e.date < f.act_date]
    if early:
        return False, Say("na.sessions_after_plan/bad", plan=f.act_date, items=join(early))
    return True, Say("na.sessions_after_plan/ok", plan=f.act_date)


@check("na.typed_totals")
def typed_totals(f: NeedsFacts, p: dict[str, Any]) -> Result:
    if f.mismatches:
        return False, Say("na.typed_totals/bad", items=join([m.say() for m in f.mismatches]))
    return True, Say("na.typed_totals/ok")


@check("na.votes_plausible")
def votes_plausible(f: NeedsFacts, p: dict[str, Any]) -> Result:
    per = int(p["stickers"])
    over = [Say("na.votes_plausible/item", event=label(e), votes=e.votes, total=e.total,
                most=per * e.total) for e in f.sessions if e.votes > per * e.total]
    if over:
        return False, Say("na.votes_plausible/bad", items=join(over))
    return True, Say("na.votes_plausible/ok", per=per)


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
        return False, Say("na.session_report_after_sessions/no_date")
    if not f.session_report.get("compiler"):
        return False, Say("na.session_report_after_sessions/no_compiler")
    last = max((e.date for e in f.sessions if e.date), default=None)
    if last is None:
        return True, Say("na.session_report_after_sessions/ok_alone", date=date)
    if date < last:
        return False, Say("na.session_report_after_sessions/early", date=date, last=last)
    return True, Say("na.session_report_after_sessions/ok", date=date, last=last)


@check("na.active_residents")
def active_residents(f: NeedsFacts, p: dict[str, Any]) -> Result:
    chosen = f.session_report.get("active_residents") or []
    if not chosen:
        return False, Say("na.active_residents/none")
    return True, Say("na.active_residents/ok", n=len(chosen))


# --- focus groups -------------------------------------------------------------------------

def _villages_with_sessions(f: NeedsFacts) -> list[str]:
    return [v for v, evs in f.village_sessions.items() if evs]


@check("na.focus_group_per_village")
def focus_group_per_village(f: NeedsFacts, p: dict[str, Any]) -> Result:
    problems = []
    for village in _villages_with_sessions(f):
        n = sum(1 for e in f.focus_groups if e.village == village)
        if n != 1:
            problems.append(Say("na.focus_group_per_village/item", village=village, n=n))
    strays = sorted({e.village for e in f.focus_groups} - set(_villages_with_sessions(f)))
    problems += [Say("na.focus_group_per_village/stray", village=v) for v in strays]
    if problems:
        return False, Say("na.focus_group_per_village/bad", items=listing(problems, None))
    return True, Say("na.focus_group_per_village/ok", villages=len(f.focus_groups))


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
    bad = [Say("na.focus_group_not_late/item", event=label(e), on=e.date, days=gap, last=last)
           for e, last, gap in _gaps(f) if gap > latest or gap < 0]
    if bad:
        return False, Say("na.focus_group_not_late/bad", max=latest, items=join(bad))
    gaps = [Say("na.focus_group_not_late/gap", village=e.village, days=gap)
            for e, _, gap in _gaps(f)]
    if not gaps:
        return True, Say("na.focus_group_not_late/none")
    return True, Say("na.focus_group_not_late/ok", items=listing(gaps, None))


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
        out.append({"what": Say("na.focus_group_not_late/due", village=village, min=early,
                                max=late, last=last), "due": due, "from": start,
                    "met": None if not held else all(start <= e.date <= due
                                                     for e in held if e.date)})
    return out


@check("na.focus_group_not_early")
def focus_group_not_early(f: NeedsFacts, p: dict[str, Any]) -> Result:
    earliest = int(p["min_days"])
    early = [Say("na.focus_group_not_early/item", event=label(e), days=gap, last=last)
             for e, last, gap in _gaps(f) if 0 <= gap < earliest]
    if early:
        return False, Say("na.focus_group_not_early/bad", items=join(early))
    return True, Say("na.focus_group_not_early/ok", min=earliest)


@check("na.focus_group_max_size")
def focus_group_max_size(f: NeedsFacts, p: dict[str, Any]) -> Result:
    high = int(p["max"])
    big = [Say("na.focus_group_max_size/item", event=label(e), n=e.total)
           for e in f.focus_groups if e.total > high]
    if big:
        return False, Say("na.focus_group_max_size/bad", max=high, items=join(big))
    return True, Say("na.focus_group_max_size/ok", max=high)


@check("na.focus_group_min_size")
def focus_group_min_size(f: NeedsFacts, p: dict[str, Any]) -> Result:
    low = int(p["min"])
    small = [Say("na.focus_group_min_size/item", event=label(e), n=e.total)
             for e in f.focus_groups if e.total < low]
    if small:
        return False, Say("na.focus_group_min_size/bad", min=low, items=join(small))
    return True, Say("na.focus_group_min_size/ok", min=low)


@check("na.focus_group_facilitators")
def focus_group_facilitators(f: NeedsFacts, p: dict[str, Any]) -> Result:
    return _facilitator_count(f.focus_groups, int(p["min"]))


@check("na.focus_group_problems")
def focus_group_problems(f: NeedsFacts, p: dict[str, Any]) -> Result:
    problems = []
    for village, analysed in f.focus_problems.items():
        top = f.village_top.get(village, [])
        if not analysed:
            problems.append(Say("na.focus_group_problems/none_analysed", village=village))
        stray = [x for x in analysed if x not in top]
        if stray:
            problems.append(Say("na.focus_group_problems/stray", village=village,
                                problems=listing(stray, None, "», «"),
                                top=listing(top, None, ", ")))
    if problems:
        return False, Say("na.focus_group_problems/bad", items=join(problems))
    done = [Say("na.focus_group_problems/village", village=v, n=len(a))
            for v, a in f.focus_problems.items()]
    if not done:
        return True, Say("na.focus_group_problems/none")
    return True, Say("na.focus_group_problems/ok", items=listing(done, None))


@check("na.focus_women_share")
def focus_women_share(f: NeedsFacts, p: dict[str, Any]) -> Result:
    return women_share(list(f.focus_groups), p, "focus_group")


# --- planning meeting ---------------------------------------------------------------------

@check("na.planning_within_week")
def planning_within_week(f: NeedsFacts, p: dict[str, Any]) -> Result:
    days = int(p["max_days"])
    if f.planning is None:
        return False, Say("na.planning_within_week/none")
    if not f.focus_groups:
        return False, Say("na.planning_within_week/no_focus")
    last = max(e.date for e in f.focus_groups if e.date)
    gap = (f.planning.date - last).days
    if gap < 0 or gap > days:
        return False, Say("na.planning_within_week/bad", date=f.planning.date, days=gap,
                          last=last, max=days, by=last + dt.timedelta(days=days))
    return True, Say("na.planning_within_week/ok", days=gap, last=last)


@deadline("na.planning_within_week")
def planning_due(f: NeedsFacts, profile: Profile) -> list[dict[str, Any]]:
    if not f.focus_groups:
        return []
    days = int(profile.rule("na.planning_within_week").params["max_days"])
    last = max(e.date for e in f.focus_groups if e.date)
    due = last + dt.timedelta(days=days)
    return [{"what": Say("na.planning_within_week/due", max=days, last=last),
             "due": due, "met": None if f.planning is None else f.planning.date <= due}]


@check("na.planning_size")
def planning_size(f: NeedsFacts, p: dict[str, Any]) -> Result:
    if f.planning is None:
        return True, Say("na.planning_size/none")
    high = int(p["max"])
    if f.planning.total > high:
        return False, Say("na.planning_size/big", n=f.planning.total, max=high)
    return True, Say("na.planning_size/ok", n=f.planning.total, max=high)


@check("na.planning_women_share")
def planning_women_share(f: NeedsFacts, p: dict[str, Any]) -> Result:
    return women_share([f.planning], p, "planning_meeting")
