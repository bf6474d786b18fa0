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
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import schema

if TYPE_CHECKING:
    import sqlite_utils

DEFAULT_PATH = "muni.db"
BUSY_TIMEOUT_S = 30.0


class Registry:
    """The registry's connection, with the calls muni makes on every command done on sqlite3.

    Why not a ``sqlite_utils.Database`` throughout: importing sqlite-utils costs ~50 ms (its
    recipes pull in dateutil's parser) — a third of ``muni explain``'s wall time — and reading
    a case needs only ``execute`` and ``query``. Table operations (the importer's upserts) go
    to a sqlite-utils ``Database`` on the same connection, imported the first time one is
    needed (``registry.utils`` / ``registry[table]``). The connection is in autocommit mode
    (``isolation_level=None``): a lone write commits itself, as in sqlite-utils, and
    ``write_transaction`` groups writes explicitly.
    """

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self._utils: sqlite_utils.Database | None = None

    def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None
                ) -> sqlite3.Cursor:
        if parameters is None:
            return self.conn.execute(sql)
        return self.conn.execute(sql, parameters)

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None
              ) -> Iterator[dict[str, Any]]:
        """Rows of a SELECT as dicts (column name → value)."""
        cursor = self.execute(sql, params)
        keys = [d[0] for d in cursor.description]
        return (dict(zip(keys, row, strict=True)) for row in cursor)

    def executescript(self, sql: str) -> sqlite3.Cursor:
        return self.conn.executescript(sql)

    def table_names(self) -> list[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]

    @property
    def utils(self) -> sqlite_utils.Database:
        """A sqlite-utils ``Database`` on this connection (imported on first use)."""
        if self._utils is None:
            import sqlite_utils

            # No plugins: whatever is installed must not change how the registry behaves.
            self._utils = sqlite_utils.Database(self.conn, execute_plugins=False)
        return self._utils

    def __getitem__(self, table: str) -> sqlite_utils.db.Table:
        return self.utils[table]

    def close(self) -> None:
        self.conn.close()


def where_equal(**filters: object) -> tuple[list[str], list]:
    """``column = ?`` conditions and their values for the filters that are not None."""
    given = {column: value for column, value in filters.items() if value is not None}
    return [f"{column} = ?" for column in given], list(given.values())


def resolve_path(path: str | os.PathLike[str] | None) -> Path:
    """The registry file: an explicit path, else ``$MUNI_DB``, else ``./muni.db``."""
    return Path(path or os.environ.get("MUNI_DB") or DEFAULT_PATH)


def connect(path: str | os.PathLike[str], *, create: bool = False) -> Registry:
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
    schema.migrate(conn)
    return Registry(conn)


@contextlib.contextmanager
def write_transaction(db: Registry) -> Iterator[Registry]:
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
def savepoint(db: Registry, name: str = "step") -> Iterator[Registry]:
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
