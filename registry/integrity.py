"""The reads ``muni verify`` makes, streamed in an order that lets it hold one case at a time.

Why streams and not lists: a country's registry holds 100,000 cases and 300,000 audit
records; loading them all (and decoding every record's JSON) took 8.5 GB. Every function
here returns rows as SQLite reads them, in case order where verify joins them, so its
memory stays that of one case whatever the registry's size.

``Scope`` says which cases are read: all, one, or those with an audit record after a given
one (``verify --since``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .db import Registry


@dataclass(frozen=True)
class Scope:
    """Which cases: every one (the default), ``case`` alone, or those touched by an audit
    record with an id above ``after``; of those, the ids from ``low`` to ``high`` (either
    open) — the share of one of several processes checking a large registry."""

    case: int | None = None
    after: int | None = None
    low: int | None = None
    high: int | None = None

    def where(self, column: str = "case_id") -> tuple[str, list[Any]]:
        conditions: list[str] = []
        params: list[Any] = []
        if self.case is not None:
            conditions.append(f"{column} = ?")
            params.append(self.case)
        elif self.after is not None:
            conditions.append(f"{column} IN (SELECT case_id FROM audit WHERE id > ?)")
            params.append(self.after)
        if self.low is not None:
            conditions.append(f"{column} >= ?")
            params.append(self.low)
        if self.high is not None:
            conditions.append(f"{column} <= ?")
            params.append(self.high)
        return (" WHERE " + " AND ".join(conditions) if conditions else ""), params


def case_boundaries(db: Registry, parts: int) -> list[int]:
    """``parts - 1`` case ids that cut the cases into ``parts`` shares of about equal size
    (fewer when there are fewer cases), ascending."""
    total = db.execute("SELECT count(*) FROM cases").fetchone()[0]
    cuts = []
    for k in range(1, parts):
        row = db.execute("SELECT id FROM cases ORDER BY id LIMIT 1 OFFSET ?",
                         [total * k // parts]).fetchone()
        if row and (not cuts or row[0] > cuts[-1]):
            cuts.append(row[0])
    return cuts


def chain(db: Registry, start: int = 0) -> Iterator[dict[str, Any]]:
    """Audit records from the id ``start`` on, in id order, their JSON columns as stored
    (the record hash covers the stored text; nothing needs decoding to check it)."""
    return db.query("SELECT * FROM audit WHERE id >= ? ORDER BY id", [start])


def case_links(db: Registry, case_id: int, start: int = 0
               ) -> Iterator[tuple[dict[str, Any], str | None, tuple[int, str] | None]]:
    """Each of one case's audit records from the id ``start`` on, as ``chain`` gives it,
    with the hash of the record just before it in the chain (None: it is the first) and the
    id and link of the record just after it (None: it is the head) — two lookups by id
    each, whatever the chain's length."""
    for row in case_chain(db, case_id, start):
        before = db.execute("SELECT hash FROM audit WHERE id < ? ORDER BY id DESC LIMIT 1",
                            [row["id"]]).fetchone()
        after = db.execute("SELECT id, prev_hash FROM audit WHERE id > ? ORDER BY id LIMIT 1",
                           [row["id"]]).fetchone()
        yield row, before[0] if before else None, (after[0], after[1]) if after else None


def head(db: Registry) -> dict[str, Any] | None:
    """The chain's last record: ``{"id", "hash"}``, or None when it is empty."""
    row = db.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    return {"id": row[0], "hash": row[1]} if row else None


def case_chain(db: Registry, case_id: int, start: int = 0) -> Iterator[dict[str, Any]]:
    """One case's audit records from the id ``start`` on, as ``chain`` gives them."""
    return db.query("SELECT * FROM audit WHERE case_id = ? AND id >= ? ORDER BY id",
                    [case_id, start])


def verdict_texts(db: Registry) -> Iterator[tuple[str, str]]:
    """Every shared verdict text ``(hash, body)`` (none in a registry older than schema 6
    opened read-only, which has no such table)."""
    if not db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = "
                      "'audit_texts'").fetchone():
        return iter(())
    return db.execute("SELECT hash, body FROM audit_texts")


def records_from(db: Registry, start: int = 0) -> int:
    """How many audit records have an id from ``start`` on."""
    return db.execute("SELECT count(*) FROM audit WHERE id >= ?", [start]).fetchone()[0]


def record_id(db: Registry, record_hash: str) -> int | None:
    """The id of the audit record with this hash, or None."""
    row = db.execute("SELECT id FROM audit WHERE hash = ?", [record_hash]).fetchone()
    return row[0] if row else None


def record_case(db: Registry, audit_id: int) -> tuple[int, str] | None:
    """``(case_id, documents)`` of one audit record, or None when it does not exist."""
    row = db.execute("SELECT case_id, documents FROM audit WHERE id = ?",
                     [audit_id]).fetchone()
    return (row[0], row[1]) if row else None


def cases(db: Registry, scope: Scope) -> Iterator[dict[str, Any]]:
    """Case rows in id order."""
    where, params = scope.where("id")
    return db.query("SELECT * FROM cases" + where + " ORDER BY id", params)


def records_by_case(db: Registry, scope: Scope) -> Iterator[dict[str, Any]]:
    """Audit records ordered by case, then id (the ``audit_case`` index). ``data`` — the
    step's whole context, nine tenths of a record — only for a case's last record (None for
    the others): verify compares only that one with the case; of the others it gets what
    its checks read, from SQLite's JSON functions: whether ``data`` is JSON at all
    (``data_valid``) and the day the rules were evaluated on (``evaluated_on``)."""
    columns = [c for c in _columns(db, "audit") if c != "data"]
    where, params = scope.where("a.case_id")
    return db.query(
        "SELECT " + ", ".join(f"a.{c}" for c in columns) + ","
        " CASE WHEN a.id = (SELECT max(b.id) FROM audit b WHERE b.case_id = a.case_id)"
        " THEN a.data END AS data, json_valid(a.data) AS data_valid,"
        " CASE WHEN json_valid(a.data) THEN json_extract(a.data, '$.evaluation.on') END"
        " AS evaluated_on FROM audit a" + where + " ORDER BY a.case_id, a.id", params)


def _columns(db: Registry, table: str) -> list[str]:
    return [r[1] for r in db.execute(f"PRAGMA table_info({table})")]


def documents_by_case(db: Registry, scope: Scope) -> Iterator[dict[str, Any]]:
    """``documents`` rows with the number of their journal line, ordered by case, then id."""
    where, params = scope.where("d.case_id")
    return db.query("SELECT d.*, j.number AS journal_number FROM documents d "
                    "LEFT JOIN journal j ON j.id = d.journal_id" + where
                    + " ORDER BY d.case_id, d.id", params)


def journal_by_case(db: Registry, scope: Scope) -> Iterator[dict[str, Any]]:
    """Journal lines (case, template, number) ordered by case."""
    where, params = scope.where()
    return db.query("SELECT case_id, template, number FROM journal" + where
                    + " ORDER BY case_id, id", params)


def journal_without_document(db: Registry, scope: Scope) -> Iterator[dict[str, Any]]:
    """Journal lines no ``documents`` row points to."""
    where, params = scope.where("j.case_id")
    return db.query("SELECT j.* FROM journal j LEFT JOIN documents d ON d.journal_id = j.id"
                    + where + (" AND" if where else " WHERE") + " d.id IS NULL", params)


def journal_series(db: Registry) -> Iterator[dict[str, Any]]:
    """Per series and year: how many lines, the lowest and highest number, and the counter."""
    return db.query(
        "SELECT j.municipality, j.series, j.year, count(*) AS lines, min(j.number) AS first,"
        " max(j.number) AS last, c.last AS counter FROM journal j LEFT JOIN counters c"
        " ON (c.municipality, c.series, c.year) = (j.municipality, j.series, j.year)"
        " GROUP BY j.municipality, j.series, j.year ORDER BY j.municipality, j.series, j.year")


def journal_numbers(db: Registry, municipality: str, series: str, year: int) -> list[int]:
    """The numbers of one series and year, ascending."""
    return [r[0] for r in db.execute(
        "SELECT number FROM journal WHERE municipality = ? AND series = ? AND year = ? "
        "ORDER BY number", [municipality, series, year])]


def count_documents(db: Registry, scope: Scope) -> int:
    where, params = scope.where()
    return db.execute("SELECT count(*) FROM documents" + where, params).fetchone()[0]
