"""The embedded sample municipality: one fixture for the demo, the examples and the checks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from muni.registry import db as regdb
from muni.registry.db import Registry
from muni.registry.importer import KINDS

from .actor import Actor
from .imports import import_files, read_file
from .spec import PACKAGE_ROOT

EXAMPLES = PACKAGE_ROOT / "examples"
SAMPLE_MUNICIPALITY = EXAMPLES / "sample_municipality.yaml"
SAMPLE_CODE = "lipenka"


def registry(path: str | Path = ":memory:") -> Registry:
    """A registry (in memory by default) holding the sample municipality."""
    db = regdb.connect(path, create=True)
    import_files(db, [SAMPLE_MUNICIPALITY])
    return db


def copy_municipalities(db: Registry, count: int, workdir: Path) -> list[str]:
    """Import ``count`` copies of the sample municipality (codes ``m0001`` …, people
    ``m0001-001`` …): a registry the size of a district or an oblast, for benchmarks and
    batch tests. Goes through ``import_files`` like any real import; ``workdir`` holds the
    generated file."""
    parsed = read_file(SAMPLE_MUNICIPALITY)
    doc: dict[str, list[dict]] = {kind: [] for kind in KINDS}
    codes = []
    for k in range(1, count + 1):
        code = f"m{k:04d}"
        codes.append(code)
        for kind, rows in parsed.items():
            for _, row in rows:
                doc[kind].append(_renamed(row, code))
    path = Path(workdir) / f"municipalities-{count}.json"
    path.write_text(json.dumps(doc, ensure_ascii=False, default=str), encoding="utf-8")
    import_files(db, [path])
    return codes


def _renamed(value: Any, code: str) -> Any:
    """The sample's ids and code rewritten for municipality ``code``."""
    if isinstance(value, dict):
        return {k: _renamed(v, code) for k, v in value.items()}
    if isinstance(value, list):
        return [_renamed(v, code) for v in value]
    if value == SAMPLE_CODE:
        return code
    if isinstance(value, str) and value.startswith("lip-"):
        return f"{code}-{value[4:]}"
    return value


def open_cases(db: Registry, codes: list[str], per_municipality: int, *,
               actor: Actor | None = None) -> int:
    """Open ``per_municipality`` working-group cases (the example data) in each municipality.

    A fixture for benchmarks and batch tests, not a clerk's path (that is
    ``intake.open_case``, which the demo's scenarios take): the first case of each
    municipality goes through ``intake.open_case`` (schema and references checked); the
    others have the same data, so they are written directly — in one transaction, as
    ``open_case`` writes them — to build 10,000 cases in seconds."""
    from muni.registry import audit, cases
    from muni.registry.db import write_transaction

    from .data import utc_now
    from .intake import open_case, read_data_file
    from .spec import load

    actor = actor or Actor.declared("clerk")
    workflow = load("working_group")
    example = read_data_file(workflow.example)
    opened = 0
    for code in codes:
        data = _renamed(example, code)
        open_case(db, workflow.id, code, data, actor=actor)
        opened += 1
        now = utc_now()
        with write_transaction(db):
            for _ in range(per_municipality - 1):
                case_id = cases.create(db, workflow=workflow.id, municipality=code,
                                       state=workflow.initial, data=data, now=now)
                audit.append(db, case_id=case_id, at=now, actor=actor.name, trigger="open",
                             from_state=None, to_state=workflow.initial, profile=None,
                             guards=[], data={"case": data}, documents=[])
                opened += 1
    return opened
