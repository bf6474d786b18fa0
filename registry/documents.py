"""The documents table: every file a step wrote, with its hash and journal line.

An index over the audit log (each document is also listed, with its sha256, in the audit
record of the step that wrote it), kept so a case's documents, the file behind a path and the
latest registered document of a template are one query away. ``verify`` cross-checks it
against the audit records.
"""

from __future__ import annotations

import json

from .db import Registry


def add(db: Registry, *, case_id: int, audit_id: int, template: str, lang: str,
        journal_id: int | None, path: str, sha256: str, draft: bool) -> None:
    """One written document, inside the step's write transaction."""
    db.execute(
        "INSERT INTO documents(case_id, audit_id, template, lang, journal_id, path, sha256,"
        " draft) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [case_id, audit_id, template, lang, journal_id, path, sha256, int(draft)])


def known_path(db: Registry, path: str) -> bool:
    """Does a committed step name this file (``recover`` publishes it, else deletes it)?"""
    return db.execute("SELECT 1 FROM documents WHERE path = ?", [path]).fetchone() is not None


def latest(db: Registry, case_id: int, template: str) -> dict | None:
    """``{"path", "sha256"}`` of the case's latest registered (not draft) document of
    ``template``, or None."""
    return next(db.query(
        "SELECT path, sha256 FROM documents WHERE case_id = ? AND template = ? AND draft = 0 "
        "ORDER BY id DESC LIMIT 1", [case_id, template]), None)


def for_case(db: Registry, case_id: int) -> list[dict]:
    """The case's documents in the order written, each with its step's trigger, the case's
    municipality and workflow, its journal number, and the render context the audit record
    stored for it (``context``; None when the record holds none)."""
    out = []
    for row in db.query(
            "SELECT d.id, d.case_id, d.audit_id, d.template, d.lang, d.path, d.sha256, d.draft,"
            " a.trigger, a.data AS audit_data, a.documents AS audit_documents,"
            " c.municipality, c.workflow, j.number FROM documents d"
            " JOIN audit a ON a.id = d.audit_id JOIN cases c ON c.id = d.case_id"
            " LEFT JOIN journal j ON j.id = d.journal_id WHERE d.case_id = ? ORDER BY d.id",
            [case_id]):
        stored = json.loads(row.pop("audit_data"))
        paths = [d["path"] for d in json.loads(row.pop("audit_documents"))]
        contexts = stored.get("documents") or []
        index = paths.index(row["path"]) if row["path"] in paths else -1
        row["context"] = contexts[index] if 0 <= index < len(contexts) else None
        row["draft"] = bool(row["draft"])
        out.append(row)
    return out


def with_numbers(db: Registry, case_id: int | None = None) -> list[dict]:
    """Every documents row (of one case if given) with its journal line's number
    (``journal_number``)."""
    where, params = (" WHERE d.case_id = ?", [case_id]) if case_id is not None else ("", [])
    return list(db.query("SELECT d.*, j.number AS journal_number FROM documents d "
                         "LEFT JOIN journal j ON j.id = d.journal_id" + where + " ORDER BY d.id",
                         params))
