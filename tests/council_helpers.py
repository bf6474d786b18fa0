"""Helpers for the council and acts tests: a registry with all 15 deputies, and steps."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

from muni.engine import advance as adv
from muni.engine import intake
from muni.engine.actor import Actor
from muni.engine.imports import import_files
from muni.engine.render import TemplateStore
from muni.engine.sample import registry

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DEPUTIES = EXAMPLES / "council_deputies.yaml"
PLAN = EXAMPLES / "council_decision_case.yaml"
NORMATIVE = EXAMPLES / "council_normative_case.yaml"
SESSION = EXAMPLES / "council_session_case.yaml"
#: 15 deputies on record: lip-010 (chair) … lip-013, lip-030 … lip-040.
ALL_DEPUTIES = ["lip-010", "lip-011", "lip-012", "lip-013"] + [f"lip-{i:03d}"
                                                                for i in range(30, 41)]


def council_registry(path: Path):
    db = registry(path)
    import_files(db, [DEPUTIES])
    return db


#: The text of the plan annex where a test has no needs-assessment case to hand it over (the
#: example names its source case only in the demo): the annex must carry the text it approves.
PLAN_TEXT = [{"title": {"ky": "1. Ичүүчү суу", "ru": "1. Питьевая вода"},
              "items": [{"ky": "Липенка айылында суу түтүгүн оңдоо (2027-жылдын IV чейреги).",
                         "ru": "Ремонт водопровода в селе Липенка (IV квартал 2027 года)."}]}]


def data(path: Path, **changes: Any) -> dict:
    out = copy.deepcopy(intake.read_data_file(path))
    out.update(changes)
    if path == PLAN:
        out["draft"]["annexes"][0].setdefault("text", copy.deepcopy(PLAN_TEXT))
    return out


class Council:
    """Steps on one registry; every advance goes through the one path."""

    def __init__(self, db, out: Path):
        self.db, self.out, self.store = db, out, TemplateStore()

    def open(self, workflow: str, payload: dict) -> int:
        return intake.open_case(self.db, workflow, "lipenka", payload, actor=Actor("clerk"))

    def update(self, case: int, changes: dict) -> None:
        intake.update_case(self.db, case, changes, actor=Actor("clerk"))

    def step(self, case: int, trigger: str, on: str = "2026-12-20", actor: str = "clerk",
             lang: str | None = None):
        return adv.advance(self.db, case, trigger, actor=Actor(actor), out_dir=self.out,
                           store=self.store, today=dt.date.fromisoformat(on), lang=lang)

    def state(self, case: int) -> str:
        return self.db.execute("SELECT state FROM cases WHERE id = ?", [case]).fetchone()[0]

    def session(self, drafts: list[int], number: int = 7, date: str = "2026-12-10",
                notice: str = "2026-11-30", **extra: Any) -> int:
        payload = data(SESSION)
        payload["session"].update(number=number, date=date)
        payload["notice"] = {"date": notice}
        payload["agenda"] = [{"draft": d, "speakers": ["lip-001"]} for d in drafts]
        payload.update(extra)
        return self.open("council_session", payload)

    def hold(self, session: int, votes: dict[int, dict], present: list[str] | None = None,
             on: str = "2026-12-10") -> None:
        self.update(session, {
            "attendance": {"present": present if present is not None else ALL_DEPUTIES[:11]},
            "agenda": [{"draft": d, "speakers": ["lip-001", "lip-013"], "vote": v}
                       for d, v in votes.items()]})
        self.step(session, "hold", on)

    def examined_plan(self, **draft: Any) -> int:
        payload = data(PLAN)
        payload["draft"].update(draft)
        case = self.open("council_decision", payload)
        self.step(case, "examine", "2026-11-28")
        return case

    def adopted(self, case: int, votes: dict | None = None, number: int = 7,
                date: str = "2026-12-10", notice: str = "2026-11-30") -> int:
        """Put an examined/discussed draft on a new session and hold it; returns the session."""
        s = self.session([case], number=number, date=date, notice=notice)
        self.step(s, "convene", notice)
        self.step(case, "schedule", notice)
        self.hold(s, {case: votes or {"for": 10, "against": 0, "abstained": 1}}, on=date)
        return s

    def discussed_normative(self, **draft: Any) -> int:
        payload = data(NORMATIVE)
        payload["draft"].update(draft)
        case = self.open("council_decision", payload)
        self.step(case, "open_discussion", "2026-10-05")
        self.step(case, "close_discussion", "2026-11-07")
        self.step(case, "examine", "2026-11-12")
        return case
