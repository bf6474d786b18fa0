"""The municipality's journal of numbered acts: orders (тескеме), decisions (токтом), ….

Numbers run per municipality, per series and per calendar year, starting at 1. They are
taken inside the caller's ``BEGIN IMMEDIATE`` transaction: the counter's upsert-and-return is
a single statement, and the UNIQUE constraint on the journal is the second line of defence, so
a number is neither repeated nor skipped (a rolled-back advance gives its number back).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .db import Registry, where_equal


def next_number(db: Registry, municipality: str, series: str, year: int) -> int:
    """Take the next number of ``series`` for ``year``; call only inside a write transaction."""
    if not db.conn.in_transaction:
        raise RuntimeError("journal numbers must be taken inside a write transaction")
    row = db.execute(
        "INSERT INTO counters(municipality, series, year, last) VALUES (?, ?, ?, 1) "
        "ON CONFLICT(municipality, series, year) DO UPDATE SET last = last + 1 "
        "RETURNING last",
        [municipality, series, year],
    ).fetchone()
    return int(row[0])


def register(
    db: Registry,
    *,
    municipality: str,
    series: str,
    act_date: str,
    case_id: int,
    template: str,
    registered_at: str,
) -> tuple[int, int]:
    """Take a number and write its journal line; returns ``(journal_id, number)``."""
    year = int(act_date[:4])
    number = next_number(db, municipality, series, year)
    cur = db.execute(
        "INSERT INTO journal(municipality, series, year, number, act_date, case_id, template,"
        " registered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [municipality, series, year, number, act_date, case_id, template, registered_at],
    )
    return int(cur.lastrowid), number


def entries(db: Registry, **filters: Any) -> list[dict]:
    """Journal lines in number order, optionally filtered (``iter_entries`` as a list)."""
    return list(iter_entries(db, **filters))


def iter_entries(
    db: Registry,
    *,
    municipality: str | None = None,
    series: str | None = None,
    year: int | None = None,
) -> Iterator[dict]:
    """``entries`` as SQLite reads them: a country's journal is listed without waiting for
    its last line (or holding them all)."""
    where, params = where_equal(municipality=municipality, series=series, year=year)
    sql = "SELECT * FROM journal"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY municipality, series, year, number"
    return db.query(sql, params)


def number_for(db: Registry, case_id: int, series: str) -> int | None:
    """The latest number the case was given in ``series`` (None before it has one)."""
    row = db.execute("SELECT number FROM journal WHERE case_id = ? AND series = ? "
                     "ORDER BY id DESC LIMIT 1", [case_id, series]).fetchone()
    return int(row[0]) if row else None
