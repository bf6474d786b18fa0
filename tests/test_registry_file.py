"""A registry file muni cannot use — not a database, cut short, damaged, from a newer muni,
read-only, locked by another process — is a clear error with its own exit code, never a
traceback, and the file is left exactly as it was. A read-only registry can still be read."""

from __future__ import annotations

import contextlib
import gc
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from conftest import working_group
from snapshots import file_hash, snapshot

from muni.engine.sample import SAMPLE_MUNICIPALITY
from muni.registry import db as regdb
from muni.registry import schema

UNUSABLE, BUSY = 14, 15


def settle(db_path: Path) -> None:
    """Close the connections earlier in-process commands left open and fold the write-ahead
    log into the file, so the file's bytes are the registry."""
    gc.collect()
    with closing(sqlite3.connect(db_path)) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for side in ("-wal", "-shm"):
        db_path.with_name(db_path.name + side).unlink(missing_ok=True)


def folder(path: Path) -> dict[str, str]:
    """Every file beside the registry, SQLite's side files included, with its hash."""
    return {p.name: file_hash(p) for p in sorted(path.parent.iterdir()) if p.is_file()}


def refused(muni, *args: str, code: int) -> str:
    before = folder(muni.db_path)
    result = muni(*args, ok=False)
    assert result.exit_code == code, result.output
    assert folder(muni.db_path) == before
    return result.stderr


@pytest.fixture
def registry_with_a_case(sample_muni):
    working_group(sample_muni, ("clerk", "head"))   # order № 12 signed, a document written
    settle(sample_muni.db_path)
    return sample_muni


def test_a_file_that_is_not_a_database(muni):
    muni.db_path.write_text("municipality,series\nlipenka,orders\n" * 20, encoding="utf-8")
    message = refused(muni, "status", code=UNUSABLE)
    assert (f"Error: {muni.db_path} is not a muni registry (not an SQLite database); check "
            "--db or MUNI_DB — muni did not change it") in message
    refused(muni, "init", code=UNUSABLE)
    out = muni.json("status", ok=False)
    assert out["error"] == "registry" and out["reason"] == "not_a_database"
    assert out["path"] == str(muni.db_path)


def test_an_empty_file_is_no_registry_yet(muni):
    muni.db_path.write_bytes(b"")
    message = refused(muni, "status", code=3)
    assert f"no registry at {muni.db_path}; create it with `muni init`" in message
    muni("init")
    assert muni("status").stdout == "No cases.\n"


def test_a_registry_cut_short(registry_with_a_case):
    muni = registry_with_a_case
    data = muni.db_path.read_bytes()
    muni.db_path.write_bytes(data[: len(data) // 2 + 100])
    message = refused(muni, "status", code=UNUSABLE)
    assert (f"{muni.db_path} is damaged: it has {len(data) // 2 + 100:,} bytes where its header "
            f"records {len(data):,} — it was cut short (an interrupted copy?). Restore it from "
            "a backup; muni did not change it") in message
    refused(muni, "advance", "1", code=UNUSABLE)


def test_a_registry_damaged_inside(registry_with_a_case):
    muni = registry_with_a_case
    data = bytearray(muni.db_path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page:] = bytes(range(256)) * (len(data[page:]) // 256) + b"\x00" * (len(data) % 256)
    muni.db_path.write_bytes(bytes(data))
    message = refused(muni, "status", code=UNUSABLE)
    assert f"{muni.db_path} is damaged (" in message
    assert "restore it from a backup — muni wrote nothing to it" in message


def test_a_registry_from_a_newer_muni(registry_with_a_case):
    muni = registry_with_a_case
    with closing(sqlite3.connect(muni.db_path)) as con:
        con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
        con.commit()
    settle(muni.db_path)
    message = refused(muni, "status", code=UNUSABLE)
    assert (f"{muni.db_path} was written by a newer muni: registry schema version 99 is newer "
            f"than this muni ({schema.SCHEMA_VERSION}); upgrade muni to use it — this one did not "
            "change it") in message
    refused(muni, "init", code=UNUSABLE)


@contextlib.contextmanager
def read_only(*paths: Path) -> Iterator[None]:
    """Make files (and folders) unwritable for muni: permissions for an ordinary user; for
    root, who ignores permissions, the immutable attribute (skipped where unavailable)."""
    if os.geteuid() != 0:
        modes = [p.stat().st_mode for p in paths]
        for p in paths:
            p.chmod(p.stat().st_mode & ~0o222)
        try:
            yield
        finally:
            for p, mode in zip(paths, modes, strict=True):
                p.chmod(mode)
        return
    if shutil.which("chattr") is None:
        pytest.skip("no chattr: cannot make a file read-only for root")
    done = subprocess.run(["chattr", "+i", *map(str, paths)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot make a file immutable here: {done.stderr.decode().strip()}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", *map(str, paths)], check=True)


@pytest.mark.parametrize("folder_too", [False, True], ids=["file", "file-and-folder"])
def test_a_read_only_registry_can_be_read_not_written(registry_with_a_case, folder_too):
    muni = registry_with_a_case
    before = snapshot(muni.tmp, muni.db_path)
    data = muni.db_path.read_bytes()
    paths = (muni.db_path, muni.tmp) if folder_too else (muni.db_path,)
    with read_only(*paths):
        status = muni.json("status")
        assert [(c["id"], c["state"]) for c in status] == [(1, "order_registered")]
        assert muni("verify").exit_code == 0
        assert "#3" in muni("history", "1").stdout
        result = muni("advance", "1", ok=False)
        assert result.exit_code == UNUSABLE, result.output
        assert (f"{muni.db_path} is read-only: muni can read it (status, explain, history, "
                "verify, review) but cannot record anything in it; nothing was written"
                ) in result.stderr
        result = muni("import", SAMPLE_MUNICIPALITY, ok=False)
        assert result.exit_code == UNUSABLE and "is read-only" in result.stderr
    assert muni.db_path.read_bytes() == data
    assert snapshot(muni.tmp, muni.db_path) == before


def test_a_registry_locked_past_the_busy_timeout(registry_with_a_case, monkeypatch):
    muni = registry_with_a_case
    monkeypatch.setattr(regdb, "BUSY_TIMEOUT_S", 0.2)
    change = muni.write("change.yaml", "responsible: lip-003\n")
    before = snapshot(muni.tmp, muni.db_path)
    other = sqlite3.connect(muni.db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")   # another process writing, for longer than we wait
    try:
        assert muni.json("status")[0]["state"] == "order_registered"   # reading goes on
        result = muni("advance", "1", ok=False)
        assert result.exit_code == BUSY, result.output
        assert (f"{muni.db_path} is locked by another process (waited 0.2 s); nothing was "
                "written — run the command again when the other one has finished"
                ) in result.stderr
        out = muni.json("case", "update", "1", "--data", change, ok=False)
        assert (out["error"], out["reason"], out["path"]) == ("busy", "locked",
                                                              str(muni.db_path))
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert snapshot(muni.tmp, muni.db_path) == before
    muni("advance", "1")   # once the other process is done, the same command works
