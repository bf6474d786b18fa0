"""The floor: ``python -m benchmarks.floor REGISTRY OUT [--xml-check]``.

What any program that keeps muni's promises must spend per document, measured on the same
steps and documents muni wrote into REGISTRY, so muni's batch can be judged by its distance
to it (``floor ratio``) rather than to raw docxtpl, which promises nothing:

- the same render: muni's compiled template (Jinja over the patched parts, the same zip
  writer with the unchanged members deflated once); with ``--xml-check`` also muni's strict
  XML parse of every rendered part (``CompiledTemplate.render``);
- the same durability: each document written as ``.part``, one ``syncfs`` per group before
  the COMMIT, renamed after it; SQLite in WAL mode with ``synchronous=FULL``; up to
  ``GROUP`` (muni's batch group, 32) steps per ``BEGIN IMMEDIATE`` … ``COMMIT``, a step with
  its documents — steps without a document too (the working group starting work): that a
  case moved is what was done, and it is made durable like a document;
- the least registry that still holds what was done: one row per step (case, trigger, the
  state reached, who, when), a gap-free counter per municipality (``INSERT … ON CONFLICT DO
  UPDATE … RETURNING``) for numbered documents, and one row per document with its path,
  SHA-256 and the context it was rendered from.

No rules, no state machine, no audit chain, no workflow: what muni adds on top of this is
what the ratio measures. Prints ``{"documents": N, "steps": N, "seconds": S}`` (the
pipeline alone).
"""

from __future__ import annotations

import json
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

from muni.engine import ooxml
from muni.engine.batch.pool import GROUP
from muni.engine.files import publish, sha256, sync_files, write_part
from muni.engine.render import _BODY_MARK, CompiledTemplate, Rendition, TemplateStore

from .fixtures import steps

SCHEMA = """
CREATE TABLE IF NOT EXISTS steps (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL,
    trigger TEXT NOT NULL,
    state TEXT NOT NULL,
    actor TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS counters (municipality TEXT PRIMARY KEY, last INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL,
    number INTEGER,
    path TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL,
    context TEXT NOT NULL
);
"""


def render_unchecked(compiled: CompiledTemplate, context: dict[str, Any]) -> bytes:
    """``compiled.render(context)`` without the strict XML parse of each part."""
    parts = []
    for name, (template, wrapper) in compiled._parts.items():
        xml = compiled._render_part(template, context, name)
        if wrapper:
            xml = wrapper.replace(_BODY_MARK, xml)
        parts.append(ooxml.Pieces.pack(compiled._headers[name], xml.encode("utf-8")))
    return compiled.finish(Rendition(template=compiled.path, stamp=compiled.stamp,
                                     parts=tuple(parts)))


def main(db_path: Path, out: Path, *, xml_check: bool = False) -> dict[str, Any]:
    store = TemplateStore()
    taken = [(step, [(store.get(d["template"], d["lang"], d["municipality"]), d)
                     for d in step["documents"]])
             for step in steps(db_path)]
    out.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(out / "floor.db", isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.executescript(SCHEMA)
    count = 0
    started = time.perf_counter()
    for first in range(0, len(taken), GROUP):
        parts: list[Path] = []
        finals: list[Path] = []
        con.execute("BEGIN IMMEDIATE")
        for step, jobs in taken[first:first + GROUP]:
            con.execute("INSERT INTO steps(case_id, trigger, state, actor, at) "
                        "VALUES (?, ?, ?, ?, ?)",
                        [step["case"], step["trigger"], step["state"], step["actor"],
                         step["at"]])
            for compiled, doc in jobs:
                context = doc["context"]
                data = compiled.render(context) if xml_check else render_unchecked(compiled,
                                                                                     context)
                number = None
                if not context.get("draft"):
                    number = con.execute(
                        "INSERT INTO counters(municipality, last) VALUES (?, 1) "
                        "ON CONFLICT(municipality) DO UPDATE SET last = last + 1 "
                        "RETURNING last", [doc["municipality"]]).fetchone()[0]
                final = out / doc["municipality"] / f"case-{doc['case']}" / f"{count}.docx"
                count += 1
                parts.append(write_part(final, data, sync=False))
                finals.append(final)
                con.execute("INSERT INTO documents(case_id, number, path, sha256, context) "
                            "VALUES (?, ?, ?, ?, ?)",
                            [doc["case"], number, str(final), sha256(data),
                             json.dumps(context, ensure_ascii=False, sort_keys=True)])
        sync_files(parts)
        con.execute("COMMIT")
        for final in finals:
            publish(final)
    elapsed = time.perf_counter() - started
    con.close()
    return {"documents": count, "steps": len(taken), "seconds": elapsed}


if __name__ == "__main__":
    args = sys.argv[1:]
    check = "--xml-check" in args
    paths = [a for a in args if a != "--xml-check"]
    print(json.dumps(main(Path(paths[0]), Path(paths[1]), xml_check=check)))
