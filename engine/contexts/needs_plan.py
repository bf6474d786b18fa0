"""The ЖМБА's planning stages (seed 002): the work plan and schedule (annexes 1–2), the
readiness checklist and the programmes (forms 4–5), the initiative groups, the joint action
plan (БАП) and its sums, the hearing on it and the hand-over to the council.

Each function is one stage of ``build_needs_assessment``: it reads the case through the
``Build`` and adds its part of the facts the rules check and of the forms' context. Every
number a form states is computed here from the recorded lists.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from muni.registry import documents

from ..data import parse_date
from .common import BLANK
from .needs_facts import (
    ACTION_PLAN_TEMPLATE,
    AGE_GROUPS,
    Build,
    Event,
    money,
    money_text,
    optional_date,
    share,
    women_ctx,
)


def plan_and_schedule(b: Build) -> None:
    """The work plan (annex 1), the schedule (annex 2), readiness (form 4) and the
    programmes (form 5: slots and facilitators per village, from the schedule)."""
    data, people, labels = b.data, b.people, b.labels
    plan_rows = []
    for i, row in enumerate(data.get("plan") or []):
        where = f"plan[{i}]"
        plan_rows.append({"n": i + 1, "activity": row["activity"],
                          "due": parse_date(row["due"], f"{where}.due"),
                          "responsible": people.get(row["responsible"],
                                                    f"{where}.responsible").short,
                          "result": row.get("result", "")})
    schedule: list[Event] = []
    schedule_rows = []
    for i, ev in enumerate(data.get("schedule") or []):
        where = f"schedule[{i}]"
        date = optional_date(ev.get("date"), f"{where}.date")
        ids = list(ev.get("facilitators") or [])
        schedule.append(Event(where=where, kind=ev["kind"], village=ev["village"], date=date,
                              place=ev.get("place", ""), facilitators=ids,
                              age_group=ev.get("age_group")))
        schedule_rows.append({
            "n": i + 1, "event": ev["event"], "kind": labels["event_kinds"][ev["kind"]],
            "village": ev["village"],
            "group": (labels["age_groups"][ev["age_group"]] if ev.get("age_group")
                      else {"ky": "", "ru": ""}),
            "date": date or BLANK, "time": ev.get("time", ""), "place": ev.get("place", ""),
            "facilitators": ", ".join(f["short"] for f in b.facilitators(
                ids, f"{where}.facilitators")),
            "planned": ev.get("planned", ""),
            "men": ev.get("planned_men", BLANK), "women": ev.get("planned_women", BLANK),
        })
    readiness_data = data.get("readiness") or {}
    readiness = {k: bool(readiness_data.get(k, False)) for k in labels["readiness"]}

    programmes = []
    for village in dict.fromkeys(e.village for e in schedule if e.kind == "session"):
        evs = [(e, r) for e, r in zip(schedule, schedule_rows, strict=True)
               if e.village == village and e.kind == "session"]
        slots: dict[str, int] = {}
        for _, r in evs:
            slots[r["time"] or BLANK] = slots.get(r["time"] or BLANK, 0) + 1
        focus = next(((e, r) for e, r in zip(schedule, schedule_rows, strict=True)
                      if e.village == village and e.kind == "focus_group"), None)
        dates = sorted({e.date for e, _ in evs if e.date})
        programmes.append({
            "village": village, "dates": dates, "date": dates[0] if dates else BLANK,
            "slots": [{"time": t, "groups": n} for t, n in sorted(slots.items())],
            "planned": max((r["planned"] for _, r in evs if r["planned"] != ""), default=BLANK),
            # form 5: the planned men/women split of each group (blanks to fill in by hand)
            "groups": [{"label": r["group"], "time": r["time"], "planned": r["planned"] or BLANK,
                        "men": r["men"], "women": r["women"]} for _, r in evs],
            "facilitators": ", ".join(dict.fromkeys(
                x.strip() for _, r in evs for x in r["facilitators"].split(",") if x.strip())),
            "focus": {"date": focus[1]["date"] if focus else BLANK,
                      "time": focus[1]["time"] if focus else BLANK,
                      "place": focus[1]["place"] if focus else "",
                      "facilitators": focus[1]["facilitators"] if focus else ""},
        })
    b.facts.update(schedule=schedule, readiness=readiness)
    b.context.update(
        plan=plan_rows, schedule=schedule_rows, programmes=programmes,
        **sign_sheets(data, schedule, schedule_rows),
        readiness=[{"n": i + 1, "question": q, "yes": readiness[k]}
                   for i, (k, q) in enumerate(labels["readiness"].items())])


#: Rows of a blank sheet when the schedule does not plan a number.
SHEET_ROWS = 25


def sign_sheets(data: dict[str, Any], schedule: list[Event],
                rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The registration sheets people sign at the event, printed before it: one per
    scheduled session (numbered per village in the order the recorded sessions are) and one
    per focus group, each with the event's heading, date, time and place and one empty row
    per planned participant."""
    order = [v["name"] for v in data.get("villages") or []]
    order += [e.village for e in schedule if e.village not in order]

    def sheet(event: Event, row: dict[str, Any]) -> dict[str, Any]:
        planned = row["planned"] if isinstance(row["planned"], int) and row["planned"] else \
            SHEET_ROWS
        return {"village": event.village, "group": row["group"], "date": row["date"],
                "time": row["time"], "place": row["place"] or BLANK,
                "rows": list(range(1, planned + 1))}

    sessions = sorted(((e, r) for e, r in zip(schedule, rows, strict=True)
                       if e.kind == "session"),
                      key=lambda er: (order.index(er[0].village), er[0].date or dt.date.max,
                                      er[1]["time"], AGE_GROUPS.index(er[0].age_group)
                                      if er[0].age_group in AGE_GROUPS else len(AGE_GROUPS)))
    numbers: dict[str, int] = {}
    session_sheets = []
    for event, row in sessions:
        numbers[event.village] = numbers.get(event.village, 0) + 1
        session_sheets.append({"number": numbers[event.village], **sheet(event, row)})
    focus_sheets = [sheet(e, r) for e, r in zip(schedule, rows, strict=True)
                    if e.kind == "focus_group"]
    return {"session_sheets": session_sheets, "focus_sheets": focus_sheets}


def initiative_groups(b: Build) -> None:
    """The initiative groups the head's order forms, with their members."""
    data = b.data
    initiative_date = optional_date((data.get("initiative_order") or {}).get("date"),
                                    "initiative_order.date")
    groups = []
    for i, g in enumerate(data.get("initiative_groups") or []):
        plist, total, women, _ = b.participants(g["members"])
        groups.append({"n": i + 1, "name": g["name"], "problem": g["problem"],
                       "members": plist, **women_ctx(total, women)})
    b.facts.update(initiative_date=initiative_date, initiative_groups=groups)
    b.context.update(initiative_order={"number": BLANK, "date": initiative_date or BLANK},
                     initiative_groups=groups)


def action_plan(b: Build) -> None:
    """The joint action plan (БАП): goals, activities and their funding, summed per activity,
    per source and in all."""
    sources = b.labels["funding_sources"]
    ap = b.data.get("action_plan")
    plan_ctx: dict[str, Any] = {"date": BLANK, "title": {"ky": BLANK, "ru": BLANK},
                                "goals": [], "sources": [], "total": "0",
                                "total_text": "0,00"}
    ap_problems: list[str] = []
    if ap:
        by_source: dict[str, Decimal] = {}
        goals = []
        grand = Decimal(0)
        for gi, g in enumerate(ap["goals"]):
            ap_problems.append(g["problem"])
            acts = []
            for ai, a in enumerate(g["activities"]):
                where = f"action_plan.goals[{gi}].activities[{ai}]"
                funding = []
                subtotal = Decimal(0)
                for fi, f in enumerate(a["funding"]):
                    amount = money(f["amount"], f"{where}.funding[{fi}].amount")
                    subtotal += amount
                    by_source[f["source"]] = by_source.get(f["source"], Decimal(0)) + amount
                    funding.append({"source": sources[f["source"]],
                                    "amount": f"{amount:.2f}", "text": money_text(amount),
                                    "note": f.get("note", "")})
                grand += subtotal
                acts.append({"n": f"{gi + 1}.{ai + 1}", "activity": a["activity"],
                             "indicator": a["indicator"],
                             "deadline": parse_date(a["deadline"], f"{where}.deadline"),
                             "responsible": a["responsible"],
                             "beneficiaries": a["beneficiaries"], "funding": funding,
                             "total": f"{subtotal:.2f}", "total_text": money_text(subtotal)})
            goals.append({"n": gi + 1, "problem": g["problem"], "goal": g["goal"],
                          "tasks": list(g.get("tasks") or []), "activities": acts})
        plan_ctx = {
            "date": parse_date(ap["date"], "action_plan.date"),
            "title": (b.people.wording.both(ap["title"], "action_plan.title")
                      if b.people.wording else ap["title"]),
            "goals": goals,
            "sources": [{"source": sources[k], "amount": f"{v:.2f}",
                         "text": money_text(v),
                         "share": share(int(v * 100), int(grand * 100)) if grand else 0}
                        for k, v in sorted(by_source.items(), key=lambda kv: -kv[1])],
            "total": f"{grand:.2f}", "total_text": money_text(grand),
        }
    b.facts.update(action_plan=ap, action_plan_problems=ap_problems)
    b.context.update(action_plan=plan_ctx)


def hearing(b: Build) -> None:
    """The assembly or public hearing on the БАП: participants, proposals and the vote."""
    kinds, people = b.labels["hearing_kinds"], b.people
    event = None
    hearing_votes = None
    hearing_ctx: dict[str, Any] = {"held": False, "date": BLANK, "kind": kinds["assembly"],
                                   "place": "", **women_ctx(0, 0), "speakers": [],
                                   "proposals": [], "votes": {"for": 0, "against": 0,
                                                              "abstained": 0, "total": 0},
                                   "supported": False,
                                   "chair": people.ctx(None, ""),
                                   "secretary": people.ctx(None, "")}
    hd = b.data.get("hearing")
    if hd:
        date = parse_date(hd["date"], "hearing.date")
        total, women = int(hd["participants_total"]), int(hd.get("women", 0))
        event = Event(where="hearing", kind="hearing", village="", date=date,
                      place=hd["place"], facilitators=[], total=total, women=women)
        votes = hd.get("votes")
        if votes:
            hearing_votes = {k: int(votes[k]) for k in ("for", "against", "abstained")}
        v = hearing_votes or {"for": 0, "against": 0, "abstained": 0}
        hearing_ctx = {
            "held": True, "date": date, "kind": kinds[hd["kind"]], "place": hd["place"],
            **women_ctx(total, women),
            "speakers": list(hd.get("speakers") or []),
            "proposals": [{"n": i + 1, "text": p["text"], "accepted": bool(p["accepted"])}
                          for i, p in enumerate(hd.get("proposals") or [])],
            "votes": {**v, "total": sum(v.values())},
            # a majority of the votes cast; the seed gives no voting rule for hearings
            "supported": v["for"] > v["against"] + v["abstained"],
            "chair": people.ctx(hd.get("chair"), "hearing.chair"),
            "secretary": people.ctx(hd.get("secretary"), "hearing.secretary"),
        }
    b.facts.update(hearing=event, hearing_votes=hearing_votes)
    b.context.update(hearing=hearing_ctx)


def handover(b: Build) -> None:
    """The hand-over to the council: the registered БАП (its file and hash) and the hearing,
    as the council's decision will cite them. After ``action_plan`` and ``hearing``."""
    case = b.case
    handover_date = optional_date((b.data.get("handover") or {}).get("date"), "handover.date")
    doc_row = (documents.latest(b.db, case["id"], ACTION_PLAN_TEMPLATE)
               if isinstance(case.get("id"), int) else None)
    plan_ctx, hearing_ctx = b.context["action_plan"], b.context["hearing"]
    b.facts.update(handover_date=handover_date,
                   action_plan_document=doc_row["path"] if doc_row else None)
    b.context.update(council_handoff={
        "case": case.get("id"), "title": plan_ctx["title"],
        "action_plan_date": plan_ctx["date"],
        "action_plan_document": doc_row["path"] if doc_row else None,
        "action_plan_sha256": doc_row["sha256"] if doc_row else None,
        "hearing_date": hearing_ctx["date"], "hearing_kind": hearing_ctx["kind"],
        "handover_date": handover_date or BLANK, "total": plan_ctx["total"],
    })
