"""Rules of the ЖМБА procedure after the working group (seed 002: forms 2–10, the БАП).

Each function receives ``NeedsFacts`` (computed from the case data on the plan order's date)
and the rule's parameters from the profile in force; it returns ``(ok, message)``. A message
names the field (``sessions[2].participants``) and the numbers, so a clerk knows what to fix.
Whether a failing rule refuses the step or only warns is the profile's ``severity``, not code.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from ..contexts.needs_assessment import AGE_GROUPS, READINESS, Event, NeedsFacts, share
from ..rules import Profile
from .base import Result, check, deadline, head_on_record


def _join(items: list[str], limit: int = 8) -> str:
    shown = "; ".join(items[:limit])
    return shown + (f"; … and {len(items) - limit} more" if len(items) > limit else "")


def _name(f: NeedsFacts, pid: str) -> str:
    return f.names.get(pid, pid)


# --- the working group and the plan order -------------------------------------------------

@check("na.group_registered")
def group_registered(f: NeedsFacts, p: dict[str, Any]) -> Result:
    if f.group_case_id is None:
        return False, "working_group_case: name the working_group case whose order approved " \
                      "the group"
    if f.group_case is None:
        return False, f"working_group_case: there is no case {f.group_case_id}"
    if f.group_case.get("foreign"):
        return False, (f"working_group_case: case {f.group_case_id} is a "
                       f"'{f.group_case['workflow']}' case of '{f.group_case['municipality']}', "
                       f"not a working_group case of '{f.municipality}'")
    state = f.group_case["state"]
    if not f.group_formed:
        return False, (f"working_group_case: case {f.group_case_id} is in state '{state}'; "
                       "its order must be signed and registered first "
                       f"({' or '.join(f.group_formed_states)})")
    return True, (f"working group case {f.group_case_id} is '{state}' "
                  f"({len(f.group_members)} members)")


@check("na.plan_signer_is_head")
def plan_signer_is_head(f: NeedsFacts, p: dict[str, Any]) -> Result:
    return head_on_record(f.head, f.signer, f.act_date, "plan_order.signer")


@check("na.plan_after_group_order")
def plan_after_group_order(f: NeedsFacts, p: dict[str, Any]) -> Result:
    if f.group_case is None or f.group_case.get("foreign"):
        return False, "the working group's order is unknown (see na.group_registered)"
    raw = ((f.group_case.get("data") or {}).get("order") or {}).get("date")
    if not raw:
        return False, f"case {f.group_case_id} has no order date"
    group_date = dt.date.fromisoformat(str(raw))
    if f.act_date < group_date:
        return False, (f"plan_order.date {f.act_date} is before the order creating the group "
                       f"({group_date})")
    return True, f"plan order {f.act_date} is on or after the group's order of {group_date}"


def _event_label(e: Event) -> str:
    group = f" {e.age_group}" if e.age_group else ""
    return f"{e.where} ({e.kind} {e.village}{group})"


@check("na.schedule_complete")
def schedule_complete(f: NeedsFacts, p: dict[str, Any]) -> Result:
    minimum = int(p["min_facilitators"])
    problems = []
    for e in f.schedule:
        missing = [k for k, v in (("date", e.date), ("place", e.place)) if not v]
        if missing:
            problems.append(f"{_event_label(e)}: no {' and no '.join(missing)}")
        if len(e.facilitators) < minimum:
            problems.append(f"{_event_label(e)}: {len(e.facilitators)} facilitator(s), at least "
                            f"{minimum} needed")
        if e.kind == "session" and not e.age_group:
            problems.append(f"{_event_label(e)}: a session needs its age_group")
    for village in sorted({e.village for e in f.schedule if e.kind == "session"}):
        groups = {e.age_group for e in f.schedule if e.kind == "session" and e.village == village}
        lacking = [g for g in AGE_GROUPS if g not in groups]
        if lacking:
            problems.append(f"schedule: no session planned in {village} for the age group(s) "
                            + ", ".join(lacking))
    if not any(e.kind == "session" for e in f.schedule):
        problems.append("schedule: no session is planned")
    if problems:
        return False, _join(problems)
    return True, (f"{len(f.schedule)} events, each with a date, a place and at least {minimum} "
                  "facilitators")


@check("na.facilitators_in_group")
def facilitators_in_group(f: NeedsFacts, p: dict[str, Any]) -> Result:
    events = [*f.schedule, *f.sessions, *f.focus_groups,
              *([f.planning] if f.planning else [])]
    if not f.group_members:
        return False, "the working group's members are unknown (see na.group_registered)"
    outsiders = [f"{e.where}.facilitators: {_name(f, pid)} ({pid})"
                 for e in events for pid in e.facilitators if pid not in f.group_members]
    if outsiders:
        return False, ("not members of the working group: " + _join(outsiders))
    return True, f"every facilitator of {len(events)} events is a member of the working group"


# --- readiness ----------------------------------------------------------------------------

@check("na.readiness")
def readiness(f: NeedsFacts, p: dict[str, Any]) -> Result:
    no = [f"{i}. readiness.{k} — «{q['ky']}»" for i, (k, q) in enumerate(READINESS.items(), 1)
          if not f.readiness.get(k)]
    if no:
        return False, f"{len(no)} of 8 answers are «жок»: " + "; ".join(no)
    return True, "all 8 answers are «ооба»"


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
    small = [f"{_event_label(e)}: {e.total} participants" for e in f.sessions
             if e.total < minimum]
    if small:
        return False, f"fewer than {minimum} participants: " + _join(small)
    sizes = [e.total for e in f.sessions]
    return True, (f"{len(sizes)} sessions with {min(sizes, default=0)}–{max(sizes, default=0)} "
                  f"participants (at least {minimum})")


@check("na.participant_ages")
def participant_ages(f: NeedsFacts, p: dict[str, Any]) -> Result:
    wrong = [f"{e.where}.participants ({e.age_group}): {', '.join(e.ages_outside)}"
             for e in f.sessions if e.ages_outside]
    if wrong:
        return False, "ages outside the session's group: " + _join(wrong, 4)
    return True, "every listed participant's age is within the session's age group"


def _facilitator_count(events: list[Event], minimum: int) -> Result:
    few = [f"{_event_label(e)}: {len(e.facilitators)}" for e in events
           if len(e.facilitators) < minimum]
    if few:
        return False, f"fewer than {minimum} facilitators: " + _join(few)
    return True, f"{len(events)} events, each run by at least {minimum} facilitators"


@check("na.session_facilitators")
def session_facilitators(f: NeedsFacts, p: dict[str, Any]) -> Result:
    return _facilitator_count(f.sessions, int(p["min"]))


@check("na.sessions_after_plan")
def sessions_after_plan(f: NeedsFacts, p: dict[str, Any]) -> Result:
    early = [f"{_event_label(e)} on {e.date}" for e in f.sessions if e.date and
             e.date < f.act_date]
    if early:
        return False, (f"sessions dated before the plan order of {f.act_date}: " + _join(early))
    return True, f"every session is on or after the plan order of {f.act_date}"


@check("na.typed_totals")
def typed_totals(f: NeedsFacts, p: dict[str, Any]) -> Result:
    if f.mismatches:
        return False, _join([str(m) for m in f.mismatches])
    return True, "every typed total agrees with its list"


@check("na.votes_plausible")
def votes_plausible(f: NeedsFacts, p: dict[str, Any]) -> Result:
    per = int(p["stickers"])
    over = [f"{_event_label(e)}: {e.votes} votes from {e.total} participants (at most "
            f"{per * e.total})" for e in f.sessions if e.votes > per * e.total]
    if over:
        return False, _join(over)
    return True, f"no session has more votes than {per} stickers per participant"


def _women_share(events: list[Event | None], p: dict[str, Any], what: str) -> Result:
    minimum = float(p["min_share"])
    held = [e for e in events if e is not None]
    if not held:
        return True, f"no {what} recorded yet"
    low, parts = [], []
    for e in held:
        pct = share(e.women, e.total)
        label = _event_label(e) if e.kind in ("session", "focus_group") else e.where
        parts.append(f"{label}: {e.women} of {e.total} women ({pct} %)")
        minority = min(e.women, e.total - e.women)
        if e.total and minority < math.ceil(minimum * e.total - 1e-9):
            sex = "women" if e.women <= e.total - e.women else "men"
            low.append(f"{label}: {sex} {share(minority, e.total)} %")
    if low:
        return False, (f"the less represented sex is below {minimum:.0%}: " + _join(low))
    return True, _join(parts, 12)


@check("na.sessions_women_share")
def sessions_women_share(f: NeedsFacts, p: dict[str, Any]) -> Result:
    return _women_share(list(f.sessions), p, "session")


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
    bad = [f"{_event_label(e)}: {e.date} is {gap} days after the last session ({last})"
           for e, last, gap in _gaps(f) if gap > latest or gap < 0]
    if bad:
        return False, f"must be within {latest} days after the sessions: " + _join(bad)
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
    early = [f"{_event_label(e)}: only {gap} days after the last session ({last})"
             for e, last, gap in _gaps(f) if 0 <= gap < earliest]
    if early:
        return False, _join(early)
    return True, f"every focus group is at least {earliest} days after its village's sessions"


@check("na.focus_group_max_size")
def focus_group_max_size(f: NeedsFacts, p: dict[str, Any]) -> Result:
    high = int(p["max"])
    big = [f"{_event_label(e)}: {e.total}" for e in f.focus_groups if e.total > high]
    if big:
        return False, f"more than {high} participants: " + _join(big)
    return True, f"no focus group has more than {high} participants"


@check("na.focus_group_min_size")
def focus_group_min_size(f: NeedsFacts, p: dict[str, Any]) -> Result:
    low = int(p["min"])
    small = [f"{_event_label(e)}: {e.total}" for e in f.focus_groups if e.total < low]
    if small:
        return False, f"fewer than {low} participants: " + _join(small)
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
        return False, _join(problems)
    return True, "; ".join(f"{v}: {len(a)} priority problems analysed"
                           for v, a in f.focus_problems.items()) or "no focus group recorded"


@check("na.focus_women_share")
def focus_women_share(f: NeedsFacts, p: dict[str, Any]) -> Result:
    return _women_share(list(f.focus_groups), p, "focus group")


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
    return _women_share([f.planning], p, "planning meeting")


# --- initiative groups --------------------------------------------------------------------

@check("na.initiative_groups_formed")
def initiative_groups_formed(f: NeedsFacts, p: dict[str, Any]) -> Result:
    if f.initiative_date is None:
        return False, "initiative_order.date: required (the head's order forming the groups)"
    if not f.initiative_groups:
        return False, "initiative_groups: no group is listed"
    problems = []
    if f.planning and f.initiative_date < f.planning.date:
        problems.append(f"initiative_order.date {f.initiative_date} is before the planning "
                        f"meeting ({f.planning.date})")
    priorities = {x for top in f.village_top.values() for x in top}
    for g in f.initiative_groups:
        if g["total"] == 0:
            problems.append(f"initiative_groups[{g['n'] - 1}] «{g['name']}»: no members")
        if g["problem"] not in priorities:
            problems.append(f"initiative_groups[{g['n'] - 1}] «{g['name']}»: «{g['problem']}» is "
                            "not a village priority")
    if problems:
        return False, _join(problems)
    return True, ", ".join(f"«{g['name']}» {g['total']}" for g in f.initiative_groups)


@check("na.initiative_gender_balance")
def initiative_gender_balance(f: NeedsFacts, p: dict[str, Any]) -> Result:
    events = [Event(where=f"initiative_groups[{g['n'] - 1}] «{g['name']}»", kind="group",
                    village="", date=None, place="", facilitators=[], total=g["total"],
                    women=g["women"]) for g in f.initiative_groups]
    return _women_share(list(events), p, "initiative group")


# --- joint action plan (БАП) --------------------------------------------------------------

@check("na.action_plan_content")
def action_plan_content(f: NeedsFacts, p: dict[str, Any]) -> Result:
    ap = f.action_plan
    if not ap:
        return False, "action_plan: not recorded yet"
    date = dt.date.fromisoformat(str(ap["date"]))
    priorities = {x for top in f.village_top.values() for x in top}
    problems = []
    for gi, g in enumerate(ap["goals"]):
        if g["problem"] not in priorities:
            problems.append(f"action_plan.goals[{gi}].problem «{g['problem']}» is not a village "
                            "priority")
        if not g.get("tasks"):
            problems.append(f"action_plan.goals[{gi}].tasks: required (B-2)")
        for ai, a in enumerate(g["activities"]):
            deadline = dt.date.fromisoformat(str(a["deadline"]))
            if deadline < date:
                problems.append(f"action_plan.goals[{gi}].activities[{ai}].deadline {deadline} "
                                f"is before the plan's date {date}")
    if f.planning and date < f.planning.date:
        problems.append(f"action_plan.date {date} is before the planning meeting "
                        f"({f.planning.date})")
    if problems:
        return False, _join(problems)
    n = sum(len(g["activities"]) for g in ap["goals"])
    return True, f"{len(ap['goals'])} goals, {n} activities, each with every required field"


@check("na.action_plan_duration")
def action_plan_duration(f: NeedsFacts, p: dict[str, Any]) -> Result:
    if not f.action_plan or f.planning is None:
        return True, "nothing to compare"
    date = dt.date.fromisoformat(str(f.action_plan["date"]))
    days = (date - f.planning.date).days
    low, high = int(p["min_days"]), int(p["max_days"])
    if not low <= days <= high:
        return False, f"drafted {days} days after the planning meeting; typically {low}–{high}"
    return True, f"drafted {days} days after the planning meeting"


@deadline("na.action_plan_duration")
def action_plan_due(f: NeedsFacts, profile: Profile) -> list[dict[str, Any]]:
    if f.planning is None:
        return []
    p = profile.rule("na.action_plan_duration").params
    low, high = int(p["min_days"]), int(p["max_days"])
    due = f.planning.date + dt.timedelta(days=high)
    drafted = dt.date.fromisoformat(str(f.action_plan["date"])) if f.action_plan else None
    return [{"what": f"joint action plan drafted ({low}–{high} days after the planning "
                     "meeting)", "due": due, "met": None if drafted is None else drafted <= due}]


# --- the БАП before the community, then to the council -------------------------------------

@check("na.hearing_held")
def hearing_held(f: NeedsFacts, p: dict[str, Any]) -> Result:
    if f.hearing is None:
        return False, "hearing: not recorded yet (assembly or public hearing on the БАП)"
    problems = []
    date = dt.date.fromisoformat(str(f.action_plan["date"])) if f.action_plan else None
    if date and f.hearing.date < date:
        problems.append(f"hearing.date {f.hearing.date} is before the БАП of {date}")
    if f.hearing.women > f.hearing.total:
        problems.append(f"hearing.women {f.hearing.women} exceeds hearing.participants_total "
                        f"{f.hearing.total}")
    if f.hearing_votes:
        cast = sum(f.hearing_votes.values())
        if cast > f.hearing.total:
            problems.append(f"hearing.votes: {cast} votes cast (for {f.hearing_votes['for']}, "
                            f"against {f.hearing_votes['against']}, abstained "
                            f"{f.hearing_votes['abstained']}) but only {f.hearing.total} "
                            "participants")
    if problems:
        return False, _join(problems)
    return True, f"held on {f.hearing.date} with {f.hearing.total} participants"


@check("na.hearing_women_share")
def hearing_women_share(f: NeedsFacts, p: dict[str, Any]) -> Result:
    return _women_share([f.hearing], p, "hearing")


@check("na.handover_ready")
def handover_ready(f: NeedsFacts, p: dict[str, Any]) -> Result:
    if f.handover_date is None:
        return False, "handover.date: required (the day the БАП goes to the council)"
    if f.hearing is None:
        return False, "the БАП has not been discussed with the community (hearing)"
    if f.handover_date < f.hearing.date:
        return False, (f"handover.date {f.handover_date} is before the hearing "
                       f"({f.hearing.date})")
    if not f.action_plan_document:
        return False, "no registered БАП document in this case (step draft_action_plan)"
    return True, f"the БАП and the hearing's protocol go to the council on {f.handover_date}"
