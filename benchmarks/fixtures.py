"""The registries the benchmarks run on, and the documents muni wrote into them.

A registry of N working-group cases is N copies of the example case spread over copies of
the sample municipality (``engine.sample``): the data a district enters, multiplied.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

#: The working-group procedure in three batches: who runs it, and up to which state. Two of
#: its three steps write a document (the draft order, the signed and numbered order).
PROCEDURE = (("clerk", "order_drafted"), ("head", "order_registered"), ("clerk", "group_working"))


def build(directory: Path, municipalities: int, per: int, extra: int = 0) -> Path:
    """A registry of ``municipalities`` copies of the sample with ``per`` cases each, and
    ``extra`` more cases in the first ones (one each) — ``municipalities * per + extra``
    cases in all. Returns the registry's path; documents go to ``directory/documents``."""
    from muni.engine import sample
    from muni.registry import db as regdb

    directory.mkdir(parents=True, exist_ok=True)
    db_path = directory / "muni.db"
    db = regdb.connect(db_path, create=True)
    codes = sample.copy_municipalities(db, municipalities, directory)
    sample.open_cases(db, codes, per)
    if extra:
        sample.open_cases(db, codes[:extra], 1)
    checkpoint(db.conn)
    db.close()
    return db_path


def build_cases(directory: Path, cases: int, per_municipality: int = 200) -> Path:
    """A registry of exactly ``cases`` cases across ~``cases / per_municipality``
    municipalities (at least one)."""
    municipalities = max(1, cases // per_municipality)
    per, extra = divmod(cases, municipalities)
    return build(directory, municipalities, per, extra)


def open_more(db_path: Path, count: int, municipality: str = "m0001") -> list[int]:
    """Open ``count`` more working-group cases (ready for their first step); their ids."""
    from muni.engine import sample
    from muni.registry import db as regdb

    db = regdb.connect(db_path)
    before = db.execute("SELECT max(id) FROM cases").fetchone()[0] or 0
    sample.open_cases(db, [municipality], count)
    ids = [r[0] for r in db.execute("SELECT id FROM cases WHERE id > ? ORDER BY id", [before])]
    db.close()
    return ids


def checkpoint(conn: sqlite3.Connection) -> None:
    """Fold the write-ahead log into the file, so a copy or a size is the whole registry."""
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def checkpoint_file(db_path: Path) -> None:
    con = sqlite3.connect(db_path)
    checkpoint(con)
    con.close()


def clone(db_path: Path, directory: Path) -> Path:
    """A copy of a (checkpointed, documents-free) registry in ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / "muni.db"
    shutil.copyfile(db_path, target)
    return target


def steps(db_path: Path) -> list[dict[str, Any]]:
    """Every step muni took after the cases were opened, in order: who took which trigger on
    which case, the state it reached, and its documents (each with what it was rendered
    from: template, language and the context its audit record holds, the number included)."""
    con = sqlite3.connect(db_path)
    out = []
    rows = con.execute("SELECT a.case_id, a.trigger, a.to_state, a.actor, a.at, a.data, "
                       "a.documents, c.municipality FROM audit a "
                       "JOIN cases c ON c.id = a.case_id WHERE a.trigger != 'open' "
                       "ORDER BY a.id")
    for case_id, trigger, state, actor, at, data, docs, municipality in rows:
        contexts = json.loads(data)["documents"]
        out.append({"case": case_id, "trigger": trigger, "state": state, "actor": actor,
                    "at": at, "municipality": municipality, "documents": [
                        {"case": case_id, "template": doc["template"],
                         "lang": doc["path"].rsplit(".", 2)[-2],
                         "municipality": municipality, "context": context}
                        for doc, context in zip(json.loads(docs), contexts, strict=True)]})
    con.close()
    return out


def documents(db_path: Path) -> list[dict[str, Any]]:
    """Every document muni wrote, in order (``steps``' documents, one after another)."""
    return [doc for step in steps(db_path) for doc in step["documents"]]


def case_ids(db_path: Path, limit: int | None = None) -> list[int]:
    con = sqlite3.connect(db_path)
    sql = "SELECT id FROM cases ORDER BY id" + (f" LIMIT {int(limit)}" if limit else "")
    ids = [r[0] for r in con.execute(sql)]
    con.close()
    return ids


def municipalities(db_path: Path) -> list[str]:
    con = sqlite3.connect(db_path)
    codes = [r[0] for r in con.execute("SELECT code FROM municipalities ORDER BY code")]
    con.close()
    return codes


def size_on_disk(db_path: Path) -> int:
    """The registry's bytes: the file and its write-ahead log and shared memory."""
    return sum(p.stat().st_size for p in (db_path, db_path.with_name(db_path.name + "-wal"),
                                           db_path.with_name(db_path.name + "-shm"))
               if p.exists())


def table_bytes(db_path: Path) -> dict[str, int]:
    """Bytes of each table with its indexes (SQLite's ``dbstat``)."""
    con = sqlite3.connect(db_path)
    tables = {name: name for (name,) in con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    for name, table in con.execute("SELECT name, tbl_name FROM sqlite_master "
                                   "WHERE type = 'index'"):
        tables[name] = table
    out: dict[str, int] = {}
    for name, size in con.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"):
        table = tables.get(name, name)
        out[table] = out.get(table, 0) + size
    con.close()
    return out


def folder_bytes(folder: Path) -> tuple[int, int]:
    """Files under ``folder`` and their bytes."""
    import os

    count = total = 0
    for root, _, names in os.walk(folder):
        for name in names:
            count += 1
            total += os.stat(os.path.join(root, name)).st_size
    return count, total
