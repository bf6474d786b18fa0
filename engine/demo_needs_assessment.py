"""The ЖМБА needs assessment in ``muni demo``: from the approved plan to the БАП at the council.

The sample case file holds every stage's data; the demo feeds it in the order a clerk would
(``intake.update_case`` between steps, as ``muni case update`` does), and shows one refusal
on the way: the readiness check answered «жок» for two items, refused naming them, then fixed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import sqlite_utils

from . import advance as adv
from . import intake
from .errors import GuardFailed
from .render import TemplateStore
from .sample import SAMPLE_CODE
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


def run(db: sqlite_utils.Database, *, group_case: int, clerk: str, head: str, docs_dir: Path,
        store: TemplateStore, lang: str, on: dt.date, log: list[str],
        documents: list[str]) -> int:
    """Open and run the needs-assessment case; returns its id. Appends to ``log``/``documents``."""
    wf = load("needs_assessment")
    data = intake.read_data_file(wf.example)
    data["working_group_case"] = group_case
    first = {k: data[k] for k in STAGES[0][1] if k in data}
    first["readiness"] = {**data["readiness"], "stationery": False, "invited": False}
    case_id = intake.open_case(db, wf.id, SAMPLE_CODE, first, actor=clerk)
    log.append(f"Case {case_id} opened ({wf.title['en']}): {len(data['schedule'])} events "
               f"scheduled in {len(data['villages'])} villages.")

    def step(trigger: str, actor: str) -> None:
        result = adv.advance(db, case_id, trigger, actor=actor, out_dir=docs_dir, store=store,
                             today=on, lang=lang)
        numbered = [d for d in result.documents if d["number"]]
        warned = [g for g in result.verdicts if not g["ok"] and g["severity"] == "warn"]
        log.append(f"  {trigger} by {actor}: {result.from_state} → {result.to_state}"
                   + (f" (order № {numbered[0]['number']})" if numbered else "")
                   + (f" — warnings: {', '.join(g['rule'] for g in warned)}" if warned else ""))
        documents.extend(d["path"] for d in result.documents)

    for trigger, sections in STAGES:
        if sections and trigger != STAGES[0][0]:
            intake.update_case(db, case_id, {k: data[k] for k in sections}, actor=clerk)
            log.append(f"  data added: {', '.join(sections)}")
        if trigger == "confirm_readiness":
            try:
                step(trigger, clerk)
            except GuardFailed as exc:
                log.append(f"  {trigger}: refused — {_first_detail(exc)}")
                intake.update_case(db, case_id, {"readiness": data["readiness"]}, actor=clerk)
                log.append("  data corrected: readiness (stationery bought, participants "
                           "invited)")
        step(trigger, head if trigger in ("approve_plan", "form_initiative_groups") else clerk)
    return case_id


def _first_detail(exc: GuardFailed) -> str:
    return exc.details[0] if exc.details else exc.message


def summary(db: sqlite_utils.Database, case_id: int) -> dict[str, Any]:
    """What the council-decision workflow takes from the case (for the demo's last line)."""
    row = db.execute("SELECT path FROM documents WHERE case_id = ? AND template = "
                     "'na_action_plan' ORDER BY id DESC LIMIT 1", [case_id]).fetchone()
    return {"case": case_id, "action_plan": row[0] if row else None}
