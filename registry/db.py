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
_SQLITE_MAGIC = b"SQLite format 3\x00"


class RegistryFileError(Exception):
    """The registry file itself cannot be used, and nothing was written to it.

    ``reason`` says why, so an interface can give each its exit code: ``not_a_database``,
    ``damaged`` (truncated or corrupt), ``newer_schema`` (written by a newer muni),
    ``read_only`` (a command that writes, on a file muni may only read), ``locked`` (another
    process held the write lock past the busy timeout), ``full`` (no space left for the
    registry's writes), ``cannot_open``. The message names the file and what to do.
    """

    def __init__(self, path: str | os.PathLike[str], reason: str, message: str):
        super().__init__(message)
        self.path = Path(path)
        self.reason = reason
        self.message = message


def file_error(exc: BaseException, path: str | os.PathLike[str]) -> RegistryFileError | None:
    """The ``RegistryFileError`` an SQLite error raised while using the registry at ``path``
    stands for, or None when it is not about the file (a bug, a constraint)."""
    if isinstance(exc, RegistryFileError):
        return exc
    if not isinstance(exc, sqlite3.Error):
        return None
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    p = Path(path)
    if code in (5, 6):  # SQLITE_BUSY, SQLITE_LOCKED
        return RegistryFileError(p, "locked", (
            f"{p} is locked by another process (waited {BUSY_TIMEOUT_S:g} s); nothing was "
            "written — run the command again when the other one has finished"))
    if code == 8:  # SQLITE_READONLY
        return RegistryFileError(p, "read_only", _read_only(p))
    if code == 11:  # SQLITE_CORRUPT
        return RegistryFileError(p, "damaged", (
            f"{p} is damaged ({exc}); restore it from a backup — muni wrote nothing to it"))
    if code == 26:  # SQLITE_NOTADB
        return RegistryFileError(p, "not_a_database", _not_a_database(p))
    if code == 13:  # SQLITE_FULL
        return RegistryFileError(p, "full", (
            f"the disk holding {p} is full: nothing was written; free some space and run the "
            "command again"))
    if code in (10, 14):  # SQLITE_IOERR, SQLITE_CANTOPEN
        return RegistryFileError(p, "cannot_open", f"cannot use {p} ({exc})")
    return None


def _read_only(p: Path) -> str:
    return (f"{p} is read-only: muni can read it (status, explain, history, verify, review) "
            "but cannot record anything in it; nothing was written")


def _not_a_database(p: Path) -> str:
    return (f"{p} is not a muni registry (not an SQLite database); check --db or MUNI_DB — "
            "muni did not change it")


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

    def __init__(self, conn: sqlite3.Connection, path: Path | None = None,
                 read_only: bool = False):
        self.conn = conn
        self.path = path
        #: Opened read-only because the file (or its folder) cannot be written: reading works,
        #: ``write_transaction`` refuses before anything is done.
        self.read_only = read_only
        self._utils: sqlite_utils.Database | None = None
        #: The directory's memo while a batch prepares its steps (``directory.remembering``).
        self.directory_memo: Any = None

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

    Without ``create`` a missing (or empty) file is an error rather than a fresh empty
    registry, so a typo in ``--db`` never silently starts a new municipality journal at
    number 1. A file that is no registry, is cut short or comes from a newer muni is refused
    with a ``RegistryFileError`` before SQLite writes anything to it. A file muni may not
    write (a reviewer's copy, a read-only share) is opened read-only: reading works.
    """
    p = Path(path)
    if not create and (not p.exists() or _is_empty(p)):
        raise FileNotFoundError(p)
    _check_header(p)
    if create:
        p.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(p), timeout=BUSY_TIMEOUT_S, isolation_level=None)
    try:
        schema.check_version(conn)
        conn.execute("PRAGMA journal_mode=WAL")
        # FULL, not NORMAL: in WAL mode NORMAL may lose the last commits on a power cut, and
        # a document already published under its journal number would then have no registry
        # row while the number is issued again. FULL syncs the WAL at each COMMIT (~0.3 ms).
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
        # SQLite opens a file it may not write read-only without a word; say so up front,
        # so a command that writes is refused before it does anything.
        read_only = p.exists() and not os.access(p, os.W_OK)
        schema.migrate(conn)
        return Registry(conn, p, read_only=read_only)
    except schema.NewerSchema as exc:
        conn.close()
        raise RegistryFileError(p, "newer_schema", f"{p} was written by a newer muni: {exc}; "
                                "upgrade muni to use it — this one did not change it") from None
    except sqlite3.Error as exc:
        conn.close()
        error = file_error(exc, p)
        if error is not None and error.reason in ("read_only", "cannot_open") and not create:
            return _connect_read_only(p)
        if error is not None:
            raise error from None
        raise


def _connect_read_only(p: Path) -> Registry:
    """The registry opened for reading only: ``mode=ro``, or where even SQLite's shared
    memory file cannot be made beside it (a read-only folder), ``immutable`` — then only
    when no write-ahead log holds changes it would not see."""
    uri = p.resolve().as_uri()
    wal = p.with_name(p.name + "-wal")
    attempts = [f"{uri}?mode=ro"]
    if not wal.exists() or wal.stat().st_size == 0:
        attempts.append(f"{uri}?immutable=1")
    last: sqlite3.Error | None = None
    for target in attempts:
        conn = sqlite3.connect(target, uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        try:
            schema.check_version(conn)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            if schema.needs_migration(conn):
                conn.close()
                raise RegistryFileError(p, "read_only", (
                    f"{p} is read-only and was written by an older muni: open it once with "
                    "write access so muni can upgrade it"))
            conn.execute("PRAGMA foreign_keys=ON")
            return Registry(conn, p, read_only=True)
        except schema.NewerSchema as exc:
            conn.close()
            raise RegistryFileError(p, "newer_schema", f"{p} was written by a newer muni: "
                                    f"{exc}; upgrade muni to use it") from None
        except sqlite3.Error as exc:
            conn.close()
            last = exc
    error = file_error(last, p) if last is not None else None
    raise error or RegistryFileError(p, "cannot_open", f"cannot open {p}")


def _is_empty(p: Path) -> bool:
    try:
        return p.is_file() and p.stat().st_size == 0
    except OSError:
        return False


def _check_header(p: Path) -> None:
    """Refuse a file that is no SQLite database, or one cut short (an interrupted copy):
    its header records how many pages it has. Read before SQLite opens it, so nothing is
    written to a file that is not ours. A write-ahead log beside it may hold pages the main
    file does not have yet; then SQLite itself is the judge."""
    try:
        size = p.stat().st_size
        if size == 0 or not p.is_file():
            return
        with open(p, "rb") as fh:
            head = fh.read(100)
    except OSError:
        return  # SQLite reports what it cannot open
    if len(head) < 100 or not head.startswith(_SQLITE_MAGIC):
        raise RegistryFileError(p, "not_a_database", _not_a_database(p))
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    header_valid = head[24:28] == head[92:96] and pages > 0 and page_size >= 512
    wal = p.with_name(p.name + "-wal")
    if not header_valid or (wal.exists() and wal.stat().st_size > 0):
        return
    if size < pages * page_size or size % page_size:
        raise RegistryFileError(p, "damaged", (
            f"{p} is damaged: it has {size:,} bytes where its header records "
            f"{pages * page_size:,} — it was cut short (an interrupted copy?). Restore it "
            "from a backup; muni did not change it"))


@contextlib.contextmanager
def write_transaction(db: Registry) -> Iterator[Registry]:
    """``BEGIN IMMEDIATE`` … ``COMMIT``; any exception rolls everything back."""
    refuse_if_read_only(db)
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    else:
        db.conn.execute("COMMIT")


def begin(db: Registry) -> None:
    """``BEGIN IMMEDIATE`` for a caller that commits itself (a batch's group of steps syncs
    its files between the last write and the COMMIT); see ``write_transaction``."""
    refuse_if_read_only(db)
    db.conn.execute("BEGIN IMMEDIATE")


def commit(db: Registry) -> None:
    db.conn.execute("COMMIT")


def rollback(db: Registry) -> None:
    """Roll back the open transaction, if one is open."""
    if db.conn.in_transaction:
        db.conn.execute("ROLLBACK")


def refuse_if_read_only(db: Registry) -> None:
    """Before a write begins: a registry opened read-only says so, naming the file."""
    if db.read_only:
        path = db.path or Path("the registry")
        raise RegistryFileError(path, "read_only", _read_only(path))


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
