"""The floor: ``python -m benchmarks.floor REGISTRY OUT [--xml-check]``.

What any program that keeps muni's promises must spend per document, measured on the same
documents muni wrote into REGISTRY, so muni's batch can be judged by its distance to it
(``floor ratio``) rather than to raw docxtpl, which promises nothing:

- the same render: muni's compiled template (Jinja over the patched parts, the same zip
  writer with the unchanged members deflated once); with ``--xml-check`` also muni's strict
  XML parse of every rendered part (``CompiledTemplate.render``);
- the same durability: each document written as ``.part``, one ``syncfs`` per group before
  the COMMIT, renamed after it; SQLite in WAL mode with ``synchronous=FULL``; up to
  ``GROUP`` (muni's batch group, 32) documents per ``BEGIN IMMEDIATE`` … ``COMMIT``;
- the least registry that still holds what was done: a gap-free counter per municipality
  (``INSERT … ON CONFLICT DO UPDATE … RETURNING``) for numbered documents, and one row per
  document with its path, SHA-256 and the context it was rendered from.

No rules, no state machine, no audit chain, no workflow: what muni adds on top of this is
what the ratio measures. Prints ``{"documents": N, "seconds": S}`` (the pipeline alone).
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

from .fixtures import documents

SCHEMA = """
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
    jobs = [(store.get(d["template"], d["lang"], d["municipality"]), d)
            for d in documents(db_path)]
    out.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(out / "floor.db", isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.executescript(SCHEMA)
    started = time.perf_counter()
    for first in range(0, len(jobs), GROUP):
        parts: list[Path] = []
        finals: list[Path] = []
        con.execute("BEGIN IMMEDIATE")
        for i, (compiled, doc) in enumerate(jobs[first:first + GROUP], start=first):
            context = doc["context"]
            data = compiled.render(context) if xml_check else render_unchecked(compiled,
                                                                                 context)
            number = None
            if not context.get("draft"):
                number = con.execute(
                    "INSERT INTO counters(municipality, last) VALUES (?, 1) "
                    "ON CONFLICT(municipality) DO UPDATE SET last = last + 1 RETURNING last",
                    [doc["municipality"]]).fetchone()[0]
            final = out / doc["municipality"] / f"case-{doc['case']}" / f"{i}.docx"
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
    return {"documents": len(jobs), "seconds": elapsed}


if __name__ == "__main__":
    args = sys.argv[1:]
    check = "--xml-check" in args
    paths = [a for a in args if a != "--xml-check"]
    print(json.dumps(main(Path(paths[0]), Path(paths[1]), xml_check=check)))
