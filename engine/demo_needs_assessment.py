"""The ЖМБА needs assessment in ``muni demo``: from the approved plan to the БАП at the council.

The sample case file holds every stage's data; the demo feeds it in the order a clerk would
(``intake.update_case`` between steps, as ``muni case update`` does), and shows one refusal
on the way: the readiness check answered «жок» for two items, refused naming them, then fixed.
"""

from __future__ import annotations

from typing import Any

from muni.registry import documents
from muni.registry.db import Registry

from .actor import Actor
from .demo_runner import Runner
from .errors import GuardFailed
from .intake import read_data_file
from .spec import load

#: Case-data sections added before each step (the first group opens the case).
STAGES: list[tuple[str, tuple[str, ...]]] = [
    ("approve_plan", ("working_group_case", "plan_order", "responsible", "villages", "plan",
                      "schedule", "readiness")),
    ("confirm_readiness", ()),
    ("record_sessions", ("sessions",)),
    ("report_sessions", ("session_report",)),
    ("record_focus_groups", ("focus_groups", "focus_report")),
    ("record_planning_meeting", ("planning_meeting",)),
    ("form_initiative_groups", ("initiative_order", "initiative_groups")),
    ("draft_action_plan", ("action_plan",)),
    ("discuss_action_plan", ("hearing",)),
    ("hand_to_council", ("handover",)),
]


def run(runner: Runner, *, group_case: int, head: Actor) -> int:
    """Open and run the needs-assessment case with ``runner`` (its actor is the clerk);
    returns the case id."""
    wf = load("needs_assessment")
    data = read_data_file(wf.example)
    data["working_group_case"] = group_case
    first = {k: data[k] for k in STAGES[0][1] if k in data}
    first["readiness"] = {**data["readiness"], "stationery": False, "invited": False}
    case_id = runner.open(wf.id, first, f"{wf.title['en']}: {len(data['schedule'])} events "
                          f"scheduled in {len(data['villages'])} villages")
    log = runner.log

    for trigger, sections in STAGES:
        if sections and trigger != STAGES[0][0]:
            runner.update(case_id, {k: data[k] for k in sections}, ", ".join(sections))
        if trigger == "confirm_readiness":
            try:
                runner.step(case_id, trigger)
            except GuardFailed as exc:
                log.append(f"  case {case_id} {trigger}: refused — {_first_detail(exc)}")
                runner.update(case_id, {"readiness": data["readiness"]},
                              "readiness corrected (stationery bought, participants invited)")
        runner.step(case_id, trigger,
                    actor=head if trigger in ("approve_plan", "form_initiative_groups") else None)
    return case_id


def _first_detail(exc: GuardFailed) -> str:
    return exc.details[0] if exc.details else exc.message


def summary(db: Registry, case_id: int) -> dict[str, Any]:
    """What the council-decision workflow takes from the case (for the demo's last line)."""
    row = documents.latest(db, case_id, "na_action_plan")
    return {"case": case_id, "action_plan": row["path"] if row else None}
