"""Cases: one procedure in one municipality, with its data and current state."""

from __future__ import annotations

import json

import sqlite_utils


def create(
    db: sqlite_utils.Database, *, workflow: str, municipality: str, state: str, data: dict, now: str
) -> int:
    cur = db.execute(
        "INSERT INTO cases(workflow, municipality, state, data, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [workflow, municipality, state, json.dumps(data, ensure_ascii=False), now, now],
    )
    return int(cur.lastrowid)


def get(db: sqlite_utils.Database, case_id: int) -> dict | None:
    row = next(db.query("SELECT * FROM cases WHERE id = ?", [case_id]), None)
    if row is not None:
        row["data"] = json.loads(row["data"])
    return row


def move(
    db: sqlite_utils.Database, case_id: int, *, from_state: str, to_state: str, version: int,
    now: str,
) -> bool:
    """Compare-and-set the state; False when another process moved the case first."""
    cur = db.execute(
        "UPDATE cases SET state = ?, updated_at = ?, version = version + 1 "
        "WHERE id = ? AND state = ? AND version = ?",
        [to_state, now, case_id, from_state, version],
    )
    return cur.rowcount == 1


def replace_data(db: sqlite_utils.Database, case_id: int, data: dict, now: str) -> None:
    db.execute(
        "UPDATE cases SET data = ?, updated_at = ?, version = version + 1 WHERE id = ?",
        [json.dumps(data, ensure_ascii=False), now, case_id],
    )


def select(
    db: sqlite_utils.Database,
    *,
    ids: list[int] | None = None,
    workflow: str | None = None,
    state: str | None = None,
    municipality: str | None = None,
    limit: int | None = None,
) -> list[dict]:
    """Cases matching all given filters, by id; ``data`` stays JSON text (cheap listing)."""
    where, params = [], []
    if ids:
        where.append(f"id IN ({', '.join('?' for _ in ids)})")
        params.extend(ids)
    for column, value in (("workflow", workflow), ("state", state), ("municipality", municipality)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    sql = "SELECT id, workflow, municipality, state, created_at, updated_at, version FROM cases"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY id"
    if limit:
        sql += f" LIMIT {int(limit)}"
    return list(db.query(sql, params))
