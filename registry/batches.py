"""Batch runs and their rows: how far a ``muni advance`` over many cases got.

A run is what one command set out to do; a row is one case (or one line of a batch file) in
it. ``mark_step`` is called inside the transaction of the step it records (through
``commit_plan``'s ``within`` hook), so after any crash the registry says exactly which rows
were applied: a re-run skips them, and a row is never applied twice — also not by two
processes running the same batch at once (the update is a compare-and-set on ``steps``).

Keys: a batch file's run is found by the file's content hash, so each of its rows is applied
once, ever. A selection's run (``--workflow``, ``--state``, ids …) is found by its options
while unfinished: an interrupted command run again continues; a finished one run again
starts a new run (it is a new request).
"""

from __future__ import annotations

from collections.abc import Iterator

from . import cases
from .db import Registry, write_transaction


def find_or_open(db: Registry, *, key: str, kind: str, source: str, actor: str,
                 now: str, snapshot: cases.Filter | None = None) -> tuple[int, bool]:
    """The run to continue for ``key``, or a new one; returns ``(run_id, resumed)``.

    ``snapshot`` (the selection's ``cases.Filter``) records the selected
    cases with their versions in the same transaction as the new run: a case that another
    process moves after this moment is skipped, never moved a second time.
    """
    with write_transaction(db):
        if kind == "file":
            found = db.execute("SELECT id FROM batch_runs WHERE key = ? AND kind = 'file'",
                               [key]).fetchone()
        else:
            found = db.execute(
                "SELECT id FROM batch_runs WHERE key = ? AND kind = 'selection' AND "
                "finished_at IS NULL ORDER BY id DESC LIMIT 1", [key]).fetchone()
        if found:
            return int(found[0]), True
        run_id = int(db.execute(
            "INSERT INTO batch_runs(key, kind, source, actor, started_at) VALUES (?, ?, ?, ?, ?)",
            [key, kind, source, actor, now]).lastrowid)
        if snapshot is not None:
            where, params = snapshot.sql()
            db.execute(
                "INSERT INTO batch_rows(run_id, row, case_id, version) "
                f"SELECT ?, id, id, version FROM cases WHERE {where}", [run_id, *params])
    return run_id, False


def finish(db: Registry, run_id: int, now: str) -> None:
    """The run went through all its rows (whatever their outcome)."""
    with write_transaction(db):
        db.execute("UPDATE batch_runs SET finished_at = ? WHERE id = ?", [now, run_id])


def count_pending(db: Registry, run_id: int) -> tuple[int, int]:
    """``(rows not done, rows done)`` of a selection run."""
    row = db.execute("SELECT count(*) - coalesce(sum(done), 0), coalesce(sum(done), 0) "
                     "FROM batch_rows WHERE run_id = ?", [run_id]).fetchone()
    return int(row[0]), int(row[1])


def pending(db: Registry, run_id: int, page: int = 500) -> Iterator[dict]:
    """The run's rows not done yet, in row order, read a page at a time (keyset paging), so
    a run over 100,000 cases never holds them all."""
    after = -1
    while True:
        rows = list(db.query(
            "SELECT row, case_id, version, steps FROM batch_rows WHERE run_id = ? AND row > ? "
            "AND done = 0 ORDER BY row LIMIT ?", [run_id, after, page]))
        yield from rows
        if len(rows) < page:
            return
        after = rows[-1]["row"]


def row_state(db: Registry, run_id: int, row: int) -> dict | None:
    """``{"steps", "done", "version", "state"}`` of one row, None if it never took a step."""
    return next(db.query("SELECT steps, done, version, state FROM batch_rows "
                         "WHERE run_id = ? AND row = ?", [run_id, row]), None)


def mark_step(db: Registry, *, run_id: int, row: int, case_id: int,
              steps_before: int, state: str, version: int, done: bool, now: str) -> bool:
    """Record one more step of ``row``, inside the step's own transaction.

    False when the row is no longer at ``steps_before`` — another process applied it
    meanwhile; the caller then rolls its step back.
    """
    if not db.conn.in_transaction:
        raise RuntimeError("batch rows are marked inside the step's write transaction")
    cur = db.execute(
        "INSERT INTO batch_rows(run_id, row, case_id, version, steps, state, done, updated_at) "
        "VALUES (?, ?, ?, ?, 1, ?, ?, ?) ON CONFLICT(run_id, row) DO UPDATE SET "
        "steps = steps + 1, state = excluded.state, version = excluded.version, "
        "done = excluded.done, updated_at = excluded.updated_at "
        "WHERE batch_rows.steps = ?",
        [run_id, row, case_id, version, state, int(done), now, steps_before])
    return cur.rowcount == 1 and (steps_before == 0 or _steps(db, run_id, row) == steps_before + 1)


def _steps(db: Registry, run_id: int, row: int) -> int:
    found = db.execute("SELECT steps FROM batch_rows WHERE run_id = ? AND row = ?",
                       [run_id, row]).fetchone()
    return int(found[0]) if found else 0
