"""Read-only views for clerks and legal reviewers: explain a case, preview its next step.

Both reuse ``advance.plan`` — the same rules, the same context — and write nothing to the
registry; a preview's documents are marked as drafts and carry no journal number.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
from pathlib import Path
from typing import Any

import sqlite_utils

from . import context as ctx
from .advance import choose_transition, load_case, plan_transition, preparers
from .errors import InputError
from .render import TemplateStore


def explain(db: sqlite_utils.Database, case_id: int, *, today: dt.date | None = None
            ) -> dict[str, Any]:
    """The case's state and, for every trigger leaving it, each rule's verdict and basis."""
    case, workflow = load_case(db, case_id)
    state = workflow.state(case["state"])
    out: dict[str, Any] = {
        "case": case["id"], "workflow": workflow.id, "municipality": case["municipality"],
        "state": {"name": state.name, "title": state.title, "final": state.final},
        "on": (today or dt.date.today()).isoformat(), "profile": None, "triggers": [],
        "problems": [],
    }
    for t in workflow.transitions_from(case["state"]):
        entry: dict[str, Any] = {
            "trigger": t.trigger, "title": t.title, "to": t.dest, "allowed": False,
            "four_eyes": t.four_eyes, "prepared_by": sorted(preparers(db, case_id))
            if t.four_eyes else [],
            "documents": [{"template": d.template, "journal": d.journal, "draft": d.draft}
                          for d in t.documents],
            "guards": [],
        }
        try:
            p = plan_transition(db, case, workflow, t, today=today)
        except InputError as exc:
            entry["problems"] = [str(exc)]
            out["problems"].append(f"{t.trigger}: {exc}")
        else:
            entry["allowed"] = p.allowed
            entry["guards"] = [v.to_json() for v in p.verdicts]
            out["profile"] = {"id": p.profile.id, "title": p.profile.title,
                              "effective_from": p.profile.effective_from.isoformat()}
            out["act_date"] = p.prepared.act_date.isoformat()
        out["triggers"].append(entry)
    return out


def preview(db: sqlite_utils.Database, case_id: int, trigger: str | None = None, *,
            out_dir: Path, store: TemplateStore, today: dt.date | None = None,
            lang: str | None = None) -> dict[str, Any]:
    """Render the next step's documents as drafts into ``out_dir``; record nothing."""
    case, workflow = load_case(db, case_id)
    t = choose_transition(workflow, case, trigger)
    p = plan_transition(db, case, workflow, t, today=today, lang=lang)
    paths = []
    for d in t.documents:
        context = copy.deepcopy(p.prepared.context)
        context["draft"] = True
        if d.number_at:
            ctx.set_dotted(context, d.number_at, ctx.BLANK)
        data = store.render(d.template, p.lang, case["municipality"], context)
        final = out_dir / f"case-{case['id']}-{t.trigger}-{d.template}-preview.{p.lang}.docx"
        final.parent.mkdir(parents=True, exist_ok=True)
        tmp = final.with_name(final.name + ".part")
        tmp.write_bytes(data)
        os.replace(tmp, final)
        paths.append(str(final.resolve()))
    return {"case": case["id"], "trigger": t.trigger, "allowed": p.allowed,
            "guards": [v.to_json() for v in p.verdicts], "documents": paths}
