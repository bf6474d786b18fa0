"""One way for every part of the demo to take a step and say what happened."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from muni.registry.db import Registry

from .actor import Actor
from .advance import StepResult, advance
from .intake import open_case, update_case
from .render import TemplateStore
from .sample import SAMPLE_CODE


class Runner:
    """Takes steps on the demo registry; appends log lines and document paths."""

    def __init__(self, db: Registry, docs_dir: Path, store: TemplateStore,
                 lang: str, log: list[str], documents: list[str], *, on: dt.date,
                 actor: Actor):
        self.db, self.docs_dir, self.store, self.lang = db, docs_dir, store, lang
        self.log, self.documents, self.on, self.actor = log, documents, on, actor

    def step(self, case_id: int, trigger: str, on: str | dt.date | None = None,
             actor: Actor | None = None) -> StepResult:
        """Advance ``case_id`` by ``trigger`` as of ``on`` (default: the demo's day)."""
        day = dt.date.fromisoformat(on) if isinstance(on, str) else (on or self.on)
        actor = actor or self.actor
        result = advance(self.db, case_id, trigger, actor=actor, out_dir=self.docs_dir,
                             store=self.store, today=day, lang=self.lang)
        numbered = [f"{d['template']} № {d['number']}" for d in result.documents
                    if d["number"]]
        warned = [g["rule"] for g in result.verdicts if not g["ok"]
                  and g["severity"] == "warn"]
        self.log.append(
            f"  case {case_id} {trigger} by {actor.name}" + (f" ({day})" if on else "")
            + f": {result.from_state} → {result.to_state}"
            + (f" ({', '.join(numbered)})" if numbered else "")
            + (f" — warnings: {', '.join(warned)}" if warned else ""))
        self.documents.extend(d["path"] for d in result.documents)
        return result

    def update(self, case_id: int, changes: dict[str, Any], what: str,
               actor: Actor | None = None) -> None:
        update_case(self.db, case_id, changes, actor=actor or self.actor)
        self.log.append(f"  case {case_id}: recorded {what}")

    def open(self, workflow: str, data: dict[str, Any], what: str,
             actor: Actor | None = None) -> int:
        case_id = open_case(self.db, workflow, SAMPLE_CODE, data,
                                   actor=actor or self.actor)
        self.log.append(f"Case {case_id} opened ({workflow}): {what}")
        return case_id
