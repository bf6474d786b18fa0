"""A full disk is a clear error (exit 16) naming the path, and leaves nothing behind: no
``.part`` file, no empty folder, no state, number or audit record of the failed step.

Two ways to fill the disk: ENOSPC injected where documents are written (every machine), and
a real small filesystem (a tmpfs, where the tests run as root and may mount one)."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import EXAMPLES, working_group
from snapshots import snapshot

from muni.engine import files

DISK_FULL = 16
CASE = EXAMPLES / "working_group_case.yaml"


class _FullDisk:
    """``open`` for the documents' writer: files open, and a write of more than
    ``room`` bytes writes what fits and fails with ENOSPC, as a full disk does."""

    def __init__(self, room: int = 4096, after: int = 0):
        self.room, self.after, self.opened = room, after, 0

    def __call__(self, path, mode="r", *args, **kwargs):
        handle = open(path, mode, *args, **kwargs)  # noqa: SIM115 - returned to the caller
        if "w" not in mode:
            return handle
        self.opened += 1
        if self.opened <= self.after:
            return handle
        room, write = self.room, handle.write

        def full_write(data: bytes) -> int:
            write(data[:room])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

        handle.write = full_write
        return handle


def parts(root: Path) -> list[Path]:
    return sorted(root.rglob("*.part"))


def test_a_step_on_a_full_disk_names_the_path_and_leaves_nothing(sample_muni, monkeypatch):
    muni = sample_muni
    case = muni.json("case", "new", "working_group", "-m", "lipenka", "--data", CASE)["case"]
    before = snapshot(muni.tmp, muni.db_path)
    with monkeypatch.context() as full:
        full.setattr(files, "open", _FullDisk(), raising=False)
        result = muni("advance", case, ok=False)
        out = muni.json("advance", case, ok=False)
    assert result.exit_code == DISK_FULL, result.output
    folder = muni.tmp / "documents" / "lipenka" / "2026" / f"case-{case}"
    assert (f"no space left on the disk writing {folder / '01-draft_order-working_group_order-'}"
            in result.stderr)
    assert ("bytes to write): that step was not recorded and its partial files were removed "
            "— free some space and run the same command again") in result.stderr
    assert parts(muni.tmp) == []
    assert snapshot(muni.tmp, muni.db_path) == before
    assert out["error"] == "disk_full" and out["needed"] > 4096
    assert out["path"].startswith(str(folder)) and out["path"].endswith(".docx.part")
    muni("advance", case)   # space again: the same command works


def test_a_batch_on_a_full_disk_stops_removes_its_group_and_can_continue(sample_muni,
                                                                         monkeypatch):
    muni = sample_muni
    for _ in range(6):
        muni("case", "new", "working_group", "-m", "lipenka", "--data", CASE)
    before = snapshot(muni.tmp, muni.db_path)
    with monkeypatch.context() as full:
        full.setattr(files, "open", _FullDisk(after=3), raising=False)
        result = muni("advance", "--all", "--jobs", "1", ok=False)
    assert result.exit_code == DISK_FULL, result.output
    assert "no space left on the disk writing" in result.stderr
    assert parts(muni.tmp) == []
    assert snapshot(muni.tmp, muni.db_path)["files"] == before["files"]
    done = muni.json("advance", "--all", "--jobs", "1")
    assert done["advanced"] == 6 and done["exit"] == 0


@pytest.fixture
def small_disk(tmp_path) -> Iterator[Path]:
    """A 3 MB tmpfs at ``tmp_path/disk``: a real filesystem that fills up. Needs root and
    mount(8); skipped elsewhere (CI runners without privileges)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small filesystem needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(disk)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def fill(disk: Path, leave: int) -> Path:
    """Take all the space on ``disk`` but ``leave`` bytes."""
    filler = disk / "filler"
    free = shutil.disk_usage(disk).free
    with open(filler, "wb") as fh:
        fh.write(b"\0" * max(free - leave, 0))
    return filler


def test_a_real_full_filesystem(small_disk, monkeypatch, muni):
    registry = small_disk / "muni.db"
    monkeypatch.setenv("MUNI_DB", str(registry))
    muni.db_path = registry
    muni.tmp = small_disk
    muni("init")
    muni("import", EXAMPLES / "sample_municipality.yaml")
    case = working_group(muni, ())
    muni("advance", case, actor="clerk")          # the draft: room enough
    import gc
    import sqlite3
    gc.collect()
    with sqlite3.connect(registry) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    filler = fill(small_disk, 64 * 1024)
    before = snapshot(small_disk, registry)
    result = muni("advance", case, ok=False, actor="head")
    assert result.exit_code == DISK_FULL, result.output
    assert "Traceback" not in result.output
    assert "full" in result.stderr and str(small_disk) in result.stderr
    assert parts(small_disk) == []
    after = snapshot(small_disk, registry)
    assert after == before
    filler.unlink()
    signed = muni.json("advance", case, actor="head")
    assert signed["documents"][0]["number"] == 12
