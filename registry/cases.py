"""Cases: one procedure in one municipality, with its data and current state."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .db import Registry, where_equal
from .values import in_int_range


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
    """The case, or None — also for an id no SQLite integer can be (no such case)."""
    if not in_int_range(case_id):
        return None
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


def select(db: Registry, **filters: Any) -> list[dict]:
    """``iter_select``'s rows as a list (same filters)."""
    return list(iter_select(db, **filters))


def iter_select(
    db: Registry,
    *,
    ids: list[int] | None = None,
    workflow: str | None = None,
    state: str | None = None,
    municipality: str | None = None,
    limit: int | None = None,
    newest_first: bool = False,
) -> Iterator[dict]:
    """Cases matching all given filters, by id (or the most recently changed first), as
    SQLite reads them: a country's 100,000 cases are listed without waiting for the last
    (or holding them all); ``data`` stays JSON text (cheap listing)."""
    where, params = _where(ids, workflow, state, municipality)
    sql = "SELECT id, workflow, municipality, state, created_at, updated_at, version FROM cases"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY updated_at DESC, id DESC" if newest_first else " ORDER BY id"
    if limit:
        sql += f" LIMIT {int(limit)}"
    return db.query(sql, params)


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


def current(db: Registry, case_id: int) -> tuple[str, int] | None:
    """``(state, version)`` as stored now (None when the case is gone): a step planned from
    another version is not taken."""
    row = db.execute("SELECT state, version FROM cases WHERE id = ?", [case_id]).fetchone()
    return (row[0], int(row[1])) if row else None


def existing(db: Registry, ids: list[int] | tuple[int, ...]) -> set[int]:
    """Which of ``ids`` are cases."""
    if not ids:
        return set()
    marks = ", ".join("?" for _ in ids)
    return {r[0] for r in db.execute(f"SELECT id FROM cases WHERE id IN ({marks})", list(ids))}


@dataclass(frozen=True)
class Filter:
    """Cases chosen by ids and/or equal columns (all must hold), leaving out, per workflow,
    the states named in ``exclude`` (``((workflow, (state, …)), …)``: a batch over "every
    case" skips finished ones)."""

    ids: tuple[int, ...] = ()
    workflow: str | None = None
    state: str | None = None
    municipality: str | None = None
    exclude: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def sql(self) -> tuple[str, list]:
        where, params = _where(list(self.ids), self.workflow, self.state, self.municipality)
        for workflow, states in self.exclude:
            if states:
                where.append(f"NOT (workflow = ? AND state IN ({', '.join('?' for _ in states)}))")
                params += [workflow, *states]
        return " AND ".join(where) or "1 = 1", params


def count(db: Registry, selected: Filter) -> int:
    where, params = selected.sql()
    return int(db.execute(f"SELECT count(*) FROM cases WHERE {where}", params).fetchone()[0])


def ids_and_versions(db: Registry, selected: Filter, page: int = 500) -> Iterator[dict]:
    """``{"id", "version"}`` of the selected cases, by id, a page at a time."""
    where, params = selected.sql()
    after = 0
    while True:
        rows = list(db.query(f"SELECT id, version FROM cases WHERE id > ? AND ({where}) "
                             "ORDER BY id LIMIT ?", [after, *params, page]))
        yield from rows
        if len(rows) < page:
            return
        after = rows[-1]["id"]


# --- finders on case data: the workflow names the JSON paths, the registry runs them ---------

def _decoded(rows: Iterator[dict]) -> list[dict]:
    out = []
    for r in rows:
        r["data"] = json.loads(r["data"])
        out.append(r)
    return out


def of_workflow(db: Registry, workflow: str, municipality: str | None = None) -> list[dict]:
    """The workflow's cases (of one municipality if given), by id, data decoded."""
    where, params = _where(None, workflow, None, municipality)
    return _decoded(db.query(f"SELECT * FROM cases WHERE {' AND '.join(where)} ORDER BY id",
                             params))


def with_values(db: Registry, *, workflow: str, values: dict[str, object],
                municipality: str | None = None, other_than: int | None = None,
                not_state: str | None = None) -> list[int]:
    """Ids of the workflow's cases whose data holds each value at its JSON path
    (``{"$.register.number": "LIP-9"}``), other than case ``other_than``, not in
    ``not_state``."""
    sql = "SELECT id FROM cases WHERE workflow = ?"
    params: list = [workflow]
    for path, value in values.items():
        sql += " AND json_extract(data, ?) = ?"
        params += [path, value]
    for clause, given in (("municipality = ?", municipality), ("id != ?", other_than),
                          ("state != ?", not_state)):
        if given is not None:
            sql += f" AND {clause}"
            params.append(given)
    return [r[0] for r in db.execute(sql + " ORDER BY id", params)]


def listing_in(db: Registry, *, workflow: str, municipality: str, list_path: str, key: str,
               value: object, order_path: str) -> list[dict]:
    """The workflow's cases whose list at ``list_path`` has an item whose ``key`` is
    ``value`` (the sessions whose agenda lists a draft), ordered by the value at
    ``order_path``, then id; data decoded."""
    return _decoded(db.query(
        "SELECT * FROM cases WHERE workflow = ? AND municipality = ? AND EXISTS"
        " (SELECT 1 FROM json_each(cases.data, ?) a WHERE json_extract(a.value, ?) = ?)"
        " ORDER BY json_extract(data, ?), id",
        [workflow, municipality, list_path, f"$.{key}", value, order_path]))


def referring(db: Registry, *, workflow: str, municipality: str, path: str,
              case_id: int) -> list[dict]:
    """The workflow's cases whose data at ``path`` is ``case_id`` or a list holding it
    (decisions that replace or repeal another); data decoded."""
    return _decoded(db.query(
        "SELECT * FROM cases WHERE workflow = ? AND municipality = ? AND ("
        " json_extract(data, ?) = ? OR EXISTS (SELECT 1 FROM json_each(CASE json_type(data, ?)"
        " WHEN 'array' THEN json_extract(data, ?) ELSE '[]' END) WHERE value = ?))",
        [workflow, municipality, path, case_id, path, path, case_id]))
