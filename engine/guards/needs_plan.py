"""Rules of the ЖМБА's planning stages (seed 002: forms 2–4, the initiative groups, the
joint action plan, its hearing and the hand-over to the council) — and the БАП's deadline,
beside the rule whose days it reads.

Each check receives ``NeedsFacts`` (``contexts/needs_facts.py``) and its rule's parameters from
the profile in force; its message (a ``Say``, worded in ``workflows/messages/*.ftl``) names the
field and the numbers, so a clerk knows what to fix.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..contexts.needs_facts import AGE_GROUPS, Event, NeedsFacts, labels
from ..messages import Say, listing
from ..rules import Profile
from .base import Result, check, deadline, head_on_record
from .needs_common import join, label, women_share


def _name(f: NeedsFacts, pid: str) -> str:
    return f.names.get(pid, pid)


# --- the working group and the plan order -------------------------------------------------

@check("na.group_registered")
def group_registered(f: NeedsFacts, p: dict[str, Any]) -> Result:
    if f.group_case_id is None:
        return False, Say("na.group_registered/none")
    if f.group_case is None:
        return False, Say("na.group_registered/missing", case=f.group_case_id)
    if f.group_case.get("foreign"):
        return False, Say("na.group_registered/foreign", case=f.group_case_id,
                          workflow=f.group_case["workflow"],
                          municipality=f.group_case["municipality"], here=f.municipality)
    state = f.group_case["state"]
    if not f.group_formed:
        return False, Say("na.group_registered/not_formed", case=f.group_case_id, state=state,
                          states=listing(list(f.group_formed_states), None, " / "))
    return True, Say("na.group_registered/ok", case=f.group_case_id, state=state,
                     n=len(f.group_members))


@check("na.plan_signer_is_head")
def plan_signer_is_head(f: NeedsFacts, p: dict[str, Any]) -> Result:
    return head_on_record(f.head, f.signer, f.act_date, "plan_order.signer")


@check("na.plan_after_group_order")
def plan_after_group_order(f: NeedsFacts, p: dict[str, Any]) -> Result:
    if f.group_case is None or f.group_case.get("foreign"):
        return False, Say("na.plan_after_group_order/unknown")
    raw = ((f.group_case.get("data") or {}).get("order") or {}).get("date")
    if not raw:
        return False, Say("na.plan_after_group_order/no_date", case=f.group_case_id)
    group_date = dt.date.fromisoformat(str(raw))
    if f.act_date < group_date:
        return False, Say("na.plan_after_group_order/before", act=f.act_date, group=group_date)
    return True, Say("na.plan_after_group_order/ok", act=f.act_date, group=group_date)


@check("na.schedule_complete")
def schedule_complete(f: NeedsFacts, p: dict[str, Any]) -> Result:
    minimum = int(p["min_facilitators"])
    problems = []
    for e in f.schedule:
        missing = [k for k, v in (("date", e.date), ("place", e.place)) if not v]
        if missing:
            problems.append(Say("na.schedule_complete/lacks", event=label(e),
                                missing="_".join(missing)))
        if len(e.facilitators) < minimum:
            problems.append(Say("na.schedule_complete/few", event=label(e),
                                n=len(e.facilitators), min=minimum))
        if e.kind == "session" and not e.age_group:
            problems.append(Say("na.schedule_complete/no_age", event=label(e)))
    for village in sorted({e.village for e in f.schedule if e.kind == "session"}):
        groups = {e.age_group for e in f.schedule if e.kind == "session" and e.village == village}
        lacking = [g for g in AGE_GROUPS if g not in groups]
        if lacking:
            problems.append(Say("na.schedule_complete/lacking", village=village,
                                groups=listing(lacking, None, ", ")))
    if not any(e.kind == "session" for e in f.schedule):
        problems.append(Say("na.schedule_complete/none"))
    if problems:
        return False, Say("na.schedule_complete/bad", items=join(problems))
    return True, Say("na.schedule_complete/ok", events=len(f.schedule), min=minimum)


@check("na.facilitators_in_group")
def facilitators_in_group(f: NeedsFacts, p: dict[str, Any]) -> Result:
    events = [*f.schedule, *f.sessions, *f.focus_groups,
              *([f.planning] if f.planning else [])]
    if not f.group_members:
        return False, Say("na.facilitators_in_group/unknown")
    outsiders = [Say("na.facilitators_in_group/item", where=f"{e.where}.facilitators",
                     name=_name(f, pid), person=pid)
                 for e in events for pid in e.facilitators if pid not in f.group_members]
    if outsiders:
        return False, Say("na.facilitators_in_group/bad", items=join(outsiders))
    return True, Say("na.facilitators_in_group/ok", events=len(events))


# --- readiness ----------------------------------------------------------------------------

@check("na.readiness")
def readiness(f: NeedsFacts, p: dict[str, Any]) -> Result:
    questions = labels()["readiness"]
    no = [Say("na.readiness/item", n=i, field=f"readiness.{k}", question_ky=q["ky"],
              question_ru=q["ru"])
          for i, (k, q) in enumerate(questions.items(), 1) if not f.readiness.get(k)]
    if no:
        return False, Say("na.readiness/bad", no=len(no), items=listing(no, None))
    return True, Say("na.readiness/ok")


# --- initiative groups --------------------------------------------------------------------

@check("na.initiative_groups_formed")
def initiative_groups_formed(f: NeedsFacts, p: dict[str, Any]) -> Result:
    if f.initiative_date is None:
        return False, Say("na.initiative_groups_formed/no_date")
    if not f.initiative_groups:
        return False, Say("na.initiative_groups_formed/none")
    problems = []
    if f.planning and f.initiative_date < f.planning.date:
        problems.append(Say("na.initiative_groups_formed/before", date=f.initiative_date,
                            planning=f.planning.date))
    priorities = {x for top in f.village_top.values() for x in top}
    for g in f.initiative_groups:
        where = f"initiative_groups[{g['n'] - 1}]"
        if g["total"] == 0:
            problems.append(Say("na.initiative_groups_formed/empty", where=where,
                                name=g["name"]))
        if g["problem"] not in priorities:
            problems.append(Say("na.initiative_groups_formed/not_priority", where=where,
                                name=g["name"], problem=g["problem"]))
    if problems:
        return False, Say("na.initiative_groups_formed/bad", items=join(problems))
    return True, Say("na.initiative_groups_formed/ok", groups=listing(
        [Say("na.initiative_groups_formed/group", name=g["name"], n=g["total"])
         for g in f.initiative_groups], None, ", "))


@check("na.initiative_gender_balance")
def initiative_gender_balance(f: NeedsFacts, p: dict[str, Any]) -> Result:
    events = [Event(where=f"initiative_groups[{g['n'] - 1}] «{g['name']}»", kind="group",
                    village="", date=None, place="", facilitators=[], total=g["total"],
                    women=g["women"]) for g in f.initiative_groups]
    return women_share(list(events), p, "group")


# --- joint action plan (БАП) --------------------------------------------------------------

@check("na.action_plan_content")
def action_plan_content(f: NeedsFacts, p: dict[str, Any]) -> Result:
    ap = f.action_plan
    if not ap:
        return False, Say("na.action_plan_content/none")
    date = dt.date.fromisoformat(str(ap["date"]))
    priorities = {x for top in f.village_top.values() for x in top}
    problems = []
    for gi, g in enumerate(ap["goals"]):
        where = f"action_plan.goals[{gi}]"
        if g["problem"] not in priorities:
            problems.append(Say("na.action_plan_content/not_priority", where=where,
                                problem=g["problem"]))
        if not g.get("tasks"):
            problems.append(Say("na.action_plan_content/no_tasks", where=where))
        for ai, a in enumerate(g["activities"]):
            deadline = dt.date.fromisoformat(str(a["deadline"]))
            if deadline < date:
                problems.append(Say("na.action_plan_content/early_deadline",
                                    where=f"{where}.activities[{ai}]", deadline=deadline,
                                    date=date))
    if f.planning and date < f.planning.date:
        problems.append(Say("na.action_plan_content/before_planning", date=date,
                            planning=f.planning.date))
    if problems:
        return False, Say("na.action_plan_content/bad", items=join(problems))
    n = sum(len(g["activities"]) for g in ap["goals"])
    return True, Say("na.action_plan_content/ok", goals=len(ap["goals"]), activities=n)


@check("na.action_plan_duration")
def action_plan_duration(f: NeedsFacts, p: dict[str, Any]) -> Result:
    if not f.action_plan or f.planning is None:
        return True, Say("na.action_plan_duration/nothing")
    date = dt.date.fromisoformat(str(f.action_plan["date"]))
    days = (date - f.planning.date).days
    low, high = int(p["min_days"]), int(p["max_days"])
    if not low <= days <= high:
        return False, Say("na.action_plan_duration/bad", days=days, min=low, max=high)
    return True, Say("na.action_plan_duration/ok", days=days)


@deadline("na.action_plan_duration")
def action_plan_due(f: NeedsFacts, profile: Profile) -> list[dict[str, Any]]:
    if f.planning is None:
        return []
    p = profile.rule("na.action_plan_duration").params
    low, high = int(p["min_days"]), int(p["max_days"])
    due = f.planning.date + dt.timedelta(days=high)
    drafted = dt.date.fromisoformat(str(f.action_plan["date"])) if f.action_plan else None
    return [{"what": Say("na.action_plan_duration/due", min=low, max=high), "due": due,
             "met": None if drafted is None else drafted <= due}]


# --- the БАП before the community, then to the council -------------------------------------

@check("na.hearing_held")
def hearing_held(f: NeedsFacts, p: dict[str, Any]) -> Result:
    if f.hearing is None:
        return False, Say("na.hearing_held/none")
    problems = []
    date = dt.date.fromisoformat(str(f.action_plan["date"])) if f.action_plan else None
    if date and f.hearing.date < date:
        problems.append(Say("na.hearing_held/before", date=f.hearing.date, plan=date))
    if f.hearing.women > f.hearing.total:
        problems.append(Say("na.hearing_held/women", women=f.hearing.women,
                            total=f.hearing.total))
    if f.hearing_votes:
        cast = sum(f.hearing_votes.values())
        if cast > f.hearing.total:
            problems.append(Say("na.hearing_held/votes", cast=cast,
                                for_=f.hearing_votes["for"],
                                against=f.hearing_votes["against"],
                                abstained=f.hearing_votes["abstained"], total=f.hearing.total))
    if problems:
        return False, Say("na.hearing_held/bad", items=join(problems))
    return True, Say("na.hearing_held/ok", date=f.hearing.date, total=f.hearing.total)


@check("na.hearing_women_share")
def hearing_women_share(f: NeedsFacts, p: dict[str, Any]) -> Result:
    return women_share([f.hearing], p, "hearing")


@check("na.handover_ready")
def handover_ready(f: NeedsFacts, p: dict[str, Any]) -> Result:
    if f.handover_date is None:
        return False, Say("na.handover_ready/no_date")
    if f.hearing is None:
        return False, Say("na.handover_ready/no_hearing")
    if f.handover_date < f.hearing.date:
        return False, Say("na.handover_ready/before", date=f.handover_date,
                          hearing=f.hearing.date)
    if not f.action_plan_document:
        return False, Say("na.handover_ready/no_document")
    return True, Say("na.handover_ready/ok", date=f.handover_date)
