"""Rules of the ЖМБА's planning stages (seed 002: forms 2–4, the initiative groups, the
joint action plan, its hearing and the hand-over to the council) — and the БАП's deadline,
beside the rule whose days it reads.

Each check receives ``NeedsFacts`` (``contexts/needs_facts.py``) and its rule's parameters from
the profile in force; a message names the field and the numbers, so a clerk knows what to fix.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..contexts.needs_facts import AGE_GROUPS, Event, NeedsFacts, labels
from ..rules import Profile
from .base import Result, check, deadline, head_on_record
from .needs_common import join, women_share


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


@check("na.schedule_complete")
def schedule_complete(f: NeedsFacts, p: dict[str, Any]) -> Result:
    minimum = int(p["min_facilitators"])
    problems = []
    for e in f.schedule:
        missing = [k for k, v in (("date", e.date), ("place", e.place)) if not v]
        if missing:
            problems.append(f"{e.label}: no {' and no '.join(missing)}")
        if len(e.facilitators) < minimum:
            problems.append(f"{e.label}: {len(e.facilitators)} facilitator(s), at least "
                            f"{minimum} needed")
        if e.kind == "session" and not e.age_group:
            problems.append(f"{e.label}: a session needs its age_group")
    for village in sorted({e.village for e in f.schedule if e.kind == "session"}):
        groups = {e.age_group for e in f.schedule if e.kind == "session" and e.village == village}
        lacking = [g for g in AGE_GROUPS if g not in groups]
        if lacking:
            problems.append(f"schedule: no session planned in {village} for the age group(s) "
                            + ", ".join(lacking))
    if not any(e.kind == "session" for e in f.schedule):
        problems.append("schedule: no session is planned")
    if problems:
        return False, join(problems)
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
        return False, ("not members of the working group: " + join(outsiders))
    return True, f"every facilitator of {len(events)} events is a member of the working group"


# --- readiness ----------------------------------------------------------------------------

@check("na.readiness")
def readiness(f: NeedsFacts, p: dict[str, Any]) -> Result:
    questions = labels()["readiness"]
    no = [f"{i}. readiness.{k} — «{q['ky']}»" for i, (k, q) in enumerate(questions.items(), 1)
          if not f.readiness.get(k)]
    if no:
        return False, f"{len(no)} of 8 answers are «жок»: " + "; ".join(no)
    return True, "all 8 answers are «ооба»"


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
        return False, join(problems)
    return True, ", ".join(f"«{g['name']}» {g['total']}" for g in f.initiative_groups)


@check("na.initiative_gender_balance")
def initiative_gender_balance(f: NeedsFacts, p: dict[str, Any]) -> Result:
    events = [Event(where=f"initiative_groups[{g['n'] - 1}] «{g['name']}»", kind="group",
                    village="", date=None, place="", facilitators=[], total=g["total"],
                    women=g["women"]) for g in f.initiative_groups]
    return women_share(list(events), p, "initiative group")


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
        return False, join(problems)
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
        return False, join(problems)
    return True, f"held on {f.hearing.date} with {f.hearing.total} participants"


@check("na.hearing_women_share")
def hearing_women_share(f: NeedsFacts, p: dict[str, Any]) -> Result:
    return women_share([f.hearing], p, "hearing")


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
