"""Open the registry database and run its writes in short, exclusive transactions.

Why explicit ``BEGIN IMMEDIATE``: journal numbers must never repeat or skip, also with two
``muni`` processes at once. A plain ``BEGIN`` takes the write lock late and fails with
"database is locked" under contention; ``BEGIN IMMEDIATE`` takes it up front and waits for
it (busy timeout), so the read-increment-write of a counter is serialised.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils

from . import schema

DEFAULT_PATH = "muni.db"
BUSY_TIMEOUT_S = 30.0


def resolve_path(path: str | os.PathLike[str] | None) -> Path:
    """The registry file: an explicit path, else ``$MUNI_DB``, else ``./muni.db``."""
    return Path(path or os.environ.get("MUNI_DB") or DEFAULT_PATH)


def connect(path: str | os.PathLike[str], *, create: bool = False) -> sqlite_utils.Database:
    """Open the registry at ``path``; with ``create`` make it (and its schema) if missing.

    Without ``create`` a missing file is an error rather than a fresh empty registry, so a
    typo in ``--db`` never silently starts a new municipality journal at number 1.
    """
    p = Path(path)
    if not create and not p.exists():
        raise FileNotFoundError(p)
    if create:
        p.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(p), timeout=BUSY_TIMEOUT_S, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    # FULL, not NORMAL: in WAL mode NORMAL may lose the last commits on a power cut, and a
    # document already published under its journal number would then have no registry row
    # while the number is issued again. FULL syncs the WAL at each COMMIT (~0.3 ms).
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
    # No sqlite-utils plugins: whatever is installed must not change how the registry's
    # connection behaves, and scanning every installed package for them costs ~20 ms a run.
    db = sqlite_utils.Database(conn, execute_plugins=False)
    schema.migrate(db)
    return db


@contextlib.contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """``BEGIN IMMEDIATE`` … ``COMMIT``; any exception rolls everything back."""
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    else:
        db.conn.execute("COMMIT")


@contextlib.contextmanager
def savepoint(db: sqlite_utils.Database, name: str = "step") -> Iterator[sqlite_utils.Database]:
    """A nested transaction inside the caller's ``BEGIN IMMEDIATE``: on an exception only
    what happened since the savepoint is rolled back (batches commit many steps at once,
    and one failing step must not take the others with it)."""
    if not db.conn.in_transaction:
        raise RuntimeError("a savepoint needs an open write transaction")
    db.conn.execute(f"SAVEPOINT {name}")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute(f"ROLLBACK TO {name}")
            db.conn.execute(f"RELEASE {name}")
        raise
    else:
        db.conn.execute(f"RELEASE {name}")
