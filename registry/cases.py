"""Cases: one procedure in one municipality, with its data and current state."""

from __future__ import annotations

import json

from .db import Registry, where_equal


def create(
    db: Registry, *, workflow: str, municipality: str, state: str, data: dict, now: str
) -> int:
    cur = db.execute(
        "INSERT INTO cases(workflow, municipality, state, data, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [workflow, municipality, state, json.dumps(data, ensure_ascii=False), now, now],
    )
    return int(cur.lastrowid)


def get(db: Registry, case_id: int) -> dict | None:
    row = next(db.query("SELECT * FROM cases WHERE id = ?", [case_id]), None)
    if row is not None:
        row["data"] = json.loads(row["data"])
    return row


def move(
    db: Registry, case_id: int, *, from_state: str, to_state: str, version: int,
    now: str,
) -> bool:
    """Compare-and-set the state; False when another process moved the case first."""
    cur = db.execute(
        "UPDATE cases SET state = ?, updated_at = ?, version = version + 1 "
        "WHERE id = ? AND state = ? AND version = ?",
        [to_state, now, case_id, from_state, version],
    )
    return cur.rowcount == 1


def replace_data(db: Registry, case_id: int, data: dict, now: str) -> None:
    db.execute(
        "UPDATE cases SET data = ?, updated_at = ?, version = version + 1 WHERE id = ?",
        [json.dumps(data, ensure_ascii=False), now, case_id],
    )


def select(
    db: Registry,
    *,
    ids: list[int] | None = None,
    workflow: str | None = None,
    state: str | None = None,
    municipality: str | None = None,
    limit: int | None = None,
    newest_first: bool = False,
) -> list[dict]:
    """Cases matching all given filters, by id (or the most recently changed first);
    ``data`` stays JSON text (cheap listing)."""
    where, params = _where(ids, workflow, state, municipality)
    sql = "SELECT id, workflow, municipality, state, created_at, updated_at, version FROM cases"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY updated_at DESC, id DESC" if newest_first else " ORDER BY id"
    if limit:
        sql += f" LIMIT {int(limit)}"
    return list(db.query(sql, params))


def count_by_state(
    db: Registry,
    *,
    workflow: str | None = None,
    state: str | None = None,
    municipality: str | None = None,
) -> list[dict]:
    """``{"workflow", "state", "cases"}`` per workflow and state: the overview of a registry
    too large to list (an index scan, ~2 ms for 10,000 cases)."""
    where, params = _where(None, workflow, state, municipality)
    sql = "SELECT workflow, state, count(*) AS cases FROM cases"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " GROUP BY workflow, state ORDER BY workflow, cases DESC, state"
    return list(db.query(sql, params))


def _where(ids: list[int] | None, workflow: str | None, state: str | None,
           municipality: str | None) -> tuple[list[str], list]:
    where, params = where_equal(workflow=workflow, state=state, municipality=municipality)
    if ids:
        where.insert(0, f"id IN ({', '.join('?' for _ in ids)})")
        params[:0] = ids
    return where, params
