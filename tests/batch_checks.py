"""Shared by the batch tests: a registry of several municipalities, and the invariants a
batch must leave behind whatever happened to it (crash, kill -9, a second process)."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
from collections import defaultdict
from pathlib import Path

from muni.engine import sample
from muni.registry import db as regdb

#: Where the sample municipality's paper journal of orders stopped (examples/…yaml).
JOURNAL_START = 11
MUNI = str(Path(sys.executable).with_name("muni"))


def build_fleet(directory: Path, municipalities: int, per_municipality: int) -> Path:
    """``directory/muni.db`` with copies of the sample municipality and working-group cases."""
    db_path = directory / "muni.db"
    db = regdb.connect(db_path, create=True)
    codes = sample.copy_municipalities(db, municipalities, directory)
    sample.open_cases(db, codes, per_municipality)
    db.close()
    return db_path


def cli_env(db_path: Path, actor: str) -> dict[str, str]:
    return {**os.environ, "MUNI_DB": str(db_path), "MUNI_TODAY": "2026-11-21",
            "MUNI_ACTOR": actor}


def triggers_by_case(db_path: Path) -> dict[int, list[str]]:
    con = sqlite3.connect(db_path)
    out: dict[int, list[str]] = defaultdict(list)
    for case_id, trigger in con.execute(
            "SELECT case_id, trigger FROM audit WHERE trigger NOT IN ('open', 'update_data') "
            "ORDER BY id"):
        out[case_id].append(trigger)
    con.close()
    return out


def check_invariants(db_path: Path, out_dir: Path) -> None:
    """Numbers 12…N+11 per municipality and year, no duplicates; every document row's file
    exists with its hash; no ``.part`` and no file the registry does not know; the audit
    chain unbroken."""
    con = sqlite3.connect(db_path)
    numbers: dict[tuple, list[int]] = defaultdict(list)
    for mun, series, year, number in con.execute(
            "SELECT municipality, series, year, number FROM journal"):
        numbers[(mun, series, year)].append(number)
    for key, got in numbers.items():
        assert sorted(got) == list(range(JOURNAL_START + 1, JOURNAL_START + 1 + len(got))), key
        last = con.execute("SELECT last FROM counters WHERE municipality = ? AND series = ? "
                           "AND year = ?", list(key)).fetchone()[0]
        assert last == JOURNAL_START + len(got), key
    # a number taken belongs to a sign_order step of its case, once
    signed = con.execute("SELECT count(*) FROM audit WHERE trigger = 'sign_order'").fetchone()[0]
    assert sum(map(len, numbers.values())) == signed
    known = {}
    for path, digest in con.execute("SELECT path, sha256 FROM documents"):
        p = Path(path)
        assert p.is_file(), f"registered document missing: {p}"
        assert hashlib.sha256(p.read_bytes()).hexdigest() == digest, f"altered: {p}"
        known[p.resolve()] = digest
    on_disk = {p.resolve() for p in out_dir.rglob("*") if p.is_file()} if out_dir.exists() \
        else set()
    assert not [p for p in on_disk if p.name.endswith(".part")], "a .part file was left"
    assert on_disk == set(known), f"files not in the registry: {sorted(on_disk - set(known))}"
    import sqlite_utils

    from muni.registry import audit

    assert audit.verify_chain(sqlite_utils.Database(con)) == []
    con.close()
