"""What a refused command must leave exactly as it was: the registry (its content, so the
journal and the audit log too) and every file under the folder that holds it (documents,
templates, inputs), by content hash."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

#: SQLite's own companions of the registry: they come and go with every connection.
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


def registry_dump(db: Path) -> list[str]:
    """The registry as SQL statements: every table's rows, the journal and the audit log."""
    with closing(sqlite3.connect(db)) as con:
        return list(con.iterdump())


def files(root: Path, *, skip: tuple[Path, ...] = ()) -> dict[str, str]:
    """Every file under ``root`` (SQLite's side files aside): relative path → sha256; and
    every folder (→ "folder"), so an empty one left behind is seen too."""
    return {str(p.relative_to(root)): ("folder" if p.is_dir() else
                                       hashlib.sha256(p.read_bytes()).hexdigest())
            for p in sorted(root.rglob("*"))
            if not p.name.endswith(SQLITE_SIDE_FILES) and p not in skip}


def snapshot(root: Path, db: Path) -> dict[str, Any]:
    """The registry's content and the files beside it."""
    return {"registry": registry_dump(db), "files": files(root, skip=(db,))}


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
