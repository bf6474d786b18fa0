"""The PDF log: the SHA-256 of every PDF muni made of a recorded document.

A PDF is made after its step is committed (``advance --pdf``), or later (``render --pdf``),
so its hash cannot be in the step's audit record, which is written before and never changes.
It goes here instead: one row per PDF made, naming the document, the audit record of the step
that issued it and the ``.docx`` hash it was made from — so a reviewer holding a signed PDF
can match it to muni's record. Append-only and hash-chained like the audit log
(``verify_chain``); ``engine/verify.py`` also checks each PDF on disk against its latest row.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

from .audit import canonical
from .chain import GENESIS, walk
from .db import Registry

#: The columns a row's hash is taken over (with the hash of the row before it).
HASHED = ("document_id", "audit_id", "case_id", "at", "actor", "path", "sha256",
          "docx_sha256", "prev_hash")


def row_hash(row: dict[str, Any]) -> str:
    return hashlib.sha256(canonical({k: row[k] for k in HASHED}).encode("utf-8")).hexdigest()


def document_for(db: Registry, path: str) -> dict | None:
    """``{"id", "audit_id", "case_id", "sha256"}`` of the recorded document at ``path``."""
    return next(db.query("SELECT id, audit_id, case_id, sha256 FROM documents WHERE path = ?",
                         [path]), None)


def latest(db: Registry, document_id: int) -> dict | None:
    """The last PDF recorded of a document, or None."""
    return next(db.query("SELECT * FROM pdfs WHERE document_id = ? ORDER BY id DESC LIMIT 1",
                         [document_id]), None)


def append(db: Registry, *, document: dict, at: str, actor: str, path: str,
           sha256: str) -> int:
    """Record one PDF of ``document`` (a ``document_for`` row), inside the caller's write
    transaction; returns its id."""
    if not db.conn.in_transaction:
        raise RuntimeError("PDF records must be appended inside a write transaction")
    last = db.execute("SELECT hash FROM pdfs ORDER BY id DESC LIMIT 1").fetchone()
    row: dict[str, Any] = {
        "document_id": document["id"], "audit_id": document["audit_id"],
        "case_id": document["case_id"], "at": at, "actor": actor, "path": path,
        "sha256": sha256, "docx_sha256": document["sha256"],
        "prev_hash": last[0] if last else GENESIS}
    row["hash"] = row_hash(row)
    cur = db.execute(f"INSERT INTO pdfs({', '.join(row)}) VALUES "
                     f"({', '.join('?' for _ in row)})", list(row.values()))
    return int(cur.lastrowid)


def for_case(db: Registry, case_id: int) -> list[dict]:
    """The PDFs recorded of a case's documents, oldest first."""
    return list(db.query("SELECT * FROM pdfs WHERE case_id = ? ORDER BY id", [case_id]))


def latest_each(db: Registry, case_id: int | None = None) -> Iterator[dict]:
    """Per document, its last recorded PDF with the document's recorded ``.docx`` hash
    (``document_sha256``; None when the document row is gone)."""
    where, args = ("WHERE p.case_id = ?", [case_id]) if case_id is not None else ("", [])
    yield from db.query(
        "SELECT p.*, d.sha256 AS document_sha256 FROM pdfs p LEFT JOIN documents d "
        "ON d.id = p.document_id WHERE p.id IN (SELECT max(id) FROM pdfs GROUP BY document_id) "
        + where.replace("WHERE", "AND") + " ORDER BY p.id", args)


def verify_chain(db: Registry) -> list[dict]:
    """Walk the PDF log's chain: one finding per broken link or edited row."""
    findings = []
    for row, broken, altered in walk(db.query("SELECT * FROM pdfs ORDER BY id"), row_hash):
        if broken:
            findings.append({
                "kind": "pdf_log_broken", "message": f"PDF record #{row['id']}: previous-hash "
                "link does not match the record before it (a record was deleted, inserted or "
                "reordered)"})
        if altered:
            findings.append({
                "kind": "pdf_record_altered", "message": f"PDF record #{row['id']}: content "
                "does not match its hash (edited)"})
    return findings
