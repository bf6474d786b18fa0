"""``muni demo``: the procedures run end to end on the embedded sample municipality.

Returns what happened as data (log lines and document paths); the CLI prints it.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

from muni.registry import db as regdb

from .actor import Actor
from .demo_council import run as run_council
from .demo_needs_assessment import run as run_needs_assessment
from .demo_needs_assessment import summary as needs_summary
from .demo_runner import Runner
from .errors import MuniError
from .explain import explain
from .imports import import_files
from .intake import open_case, read_data_file
from .render import TemplateStore
from .sample import SAMPLE_CODE, SAMPLE_MUNICIPALITY
from .spec import load

CLERK = Actor.declared("Мамбетова А. (катчы)")
HEAD = Actor.declared("Асанов Б. (башчы)")


def run(out_dir: Path, *, lang: str = "ky", on: dt.date | None = None) -> dict[str, Any]:
    """Build a fresh demo registry in ``out_dir`` and take the working group to work."""
    on = on or dt.date.today()
    out_dir.mkdir(parents=True, exist_ok=True)
    db_path = out_dir / "muni.db"
    docs_dir = out_dir / "documents"
    for leftover in (db_path, db_path.with_name("muni.db-wal"), db_path.with_name("muni.db-shm")):
        leftover.unlink(missing_ok=True)
    shutil.rmtree(docs_dir, ignore_errors=True)

    db = regdb.connect(db_path, create=True)
    store = TemplateStore(out_dir / "templates")
    log: list[str] = []
    documents: list[str] = []
    counts = import_files(db, [SAMPLE_MUNICIPALITY]).counts
    log.append(f"Imported the sample municipality '{SAMPLE_CODE}': {counts['people']} people, "
               f"{counts['officials']} offices.")

    wf = load("working_group")
    data = read_data_file(wf.example)
    case_id = open_case(db, wf.id, SAMPLE_CODE, data, actor=CLERK)
    log.append(f"Case {case_id} opened ({wf.title['en']}): council decision "
               f"№ {data['initiative']['number']} of {data['initiative']['date']}.")

    runner = Runner(db, docs_dir, store, lang, log, documents, on=on, actor=CLERK)
    runner.step(case_id, "draft_order")
    try:
        runner.step(case_id, "sign_order")
    except MuniError as exc:
        log.append(f"  case {case_id} sign_order by {CLERK.name}: refused — {exc.message}")
    runner.step(case_id, "sign_order", actor=HEAD)
    runner.step(case_id, "start_work")
    explained = explain(db, case_id, today=on)
    log.append(f"Case {case_id} is now '{explained['state']['name']}'.")
    needs_case = run_needs_assessment(runner, group_case=case_id, head=HEAD)
    handed = needs_summary(db, needs_case)
    log.append(f"Case {needs_case} is now 'handed_to_council': the БАП {handed['action_plan']} "
               "awaits the council's decision.")
    council_cases = run_council(
        db, source_case=needs_case, action_plan=handed["action_plan"], docs_dir=docs_dir,
        store=store, lang=lang, log=log, documents=documents)
    db.close()
    return {"db": str(db_path.resolve()), "log": log, "documents": documents,
            "cases": [case_id, needs_case, *council_cases]}
