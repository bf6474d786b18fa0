"""A batch killed with SIGKILL at random points, then run again, ends as if it had never
been interrupted: each case advanced once per step, journal numbers contiguous with no
duplicate, every registered document on disk with its hash, no .part and no stray file.

The kill point is chosen by seed: the test waits (polling the registry, as an operator
watching the progress would) until a random number of steps has been committed, then kills
the whole process group at once. Two windows a random kill rarely hits — after the COMMIT
but before the renames, and after the .part files but before the COMMIT — are forced
deterministically with a crash injected in a child process; after the first, ``muni verify``
passes and reports the committed documents still waiting as ``.part`` as pending.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from batch_checks import MUNI, build_fleet, check_invariants, cli_env, triggers_by_case

CASES = (3, 30)   # municipalities × cases: 90 cases, several commit groups per phase
PHASES = (("clerk", "order_drafted", "draft_order"), ("head", "order_registered", "sign_order"))


def count_steps(db_path: Path, trigger: str) -> int:
    try:
        con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5)
        try:
            return con.execute("SELECT count(*) FROM audit WHERE trigger = ?",
                               [trigger]).fetchone()[0]
        finally:
            con.close()
    except sqlite3.OperationalError:
        return 0


def advance_cmd(until: str, jobs: int) -> list[str]:
    return [MUNI, "advance", "--workflow", "working_group", "--until", until,
            "--jobs", str(jobs), "--json"]


def run_and_kill(db_path: Path, actor: str, until: str, trigger: str, jobs: int,
                 after_steps: int) -> bool:
    """Start the batch, kill -9 it once ``after_steps`` steps are committed; False when it
    finished before that."""
    proc = subprocess.Popen(advance_cmd(until, jobs), env=cli_env(db_path, actor),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    deadline = time.monotonic() + 120
    while proc.poll() is None and count_steps(db_path, trigger) < after_steps:
        assert time.monotonic() < deadline, "the batch made no progress"
        time.sleep(0.002)
    finished = proc.poll() is not None
    if not finished:
        os.killpg(proc.pid, signal.SIGKILL)  # the command and its workers, like a power cut
    proc.wait()
    proc.stderr.close()
    return not finished


def finish(db_path: Path, actor: str, until: str, jobs: int) -> None:
    done = subprocess.run(advance_cmd(until, jobs), env=cli_env(db_path, actor),
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("seed", [3, 17, 29, 41])
def test_kill_9_at_random_points_then_rerun(tmp_path, seed):
    rng = random.Random(seed)
    db_path = build_fleet(tmp_path, *CASES)
    total = CASES[0] * CASES[1]
    jobs = 1 + seed % 2
    killed = 0
    for actor, until, trigger in PHASES:
        for _ in range(2):  # two kills per phase, the second during the resumed run
            done = count_steps(db_path, trigger)
            if done < total - 1:
                killed += run_and_kill(db_path, actor, until, trigger, jobs,
                                       rng.randint(done + 1, total - 1))
        finish(db_path, actor, until, jobs)
        assert count_steps(db_path, trigger) == total
    assert killed >= 2
    steps = triggers_by_case(db_path)
    assert len(steps) == total
    assert all(t == ["draft_order", "sign_order"] for t in steps.values())
    check_invariants(db_path, tmp_path / "documents")


CRASH = """
import os, sys
from muni import cli
from muni.engine import advance
where = sys.argv[1]
if where == "after_commit":
    def publish(final):
        os._exit(9)  # the COMMIT is done, no document is renamed yet
    advance.publish = publish
else:
    def sync_files(paths):
        os._exit(9)  # the .part files are written, the COMMIT never happens
    advance.sync_files = sync_files
sys.argv = ["muni", "advance", "--workflow", "working_group", "--until", sys.argv[2],
            "--jobs", "1"]
cli.main()
"""


@pytest.mark.parametrize("where", ["after_commit", "before_commit"])
def test_a_crash_in_either_window_of_a_commit_is_recovered(tmp_path, where):
    db_path = build_fleet(tmp_path, 2, 5)
    for actor, until, trigger in PHASES:
        crashed = subprocess.run([sys.executable, "-c", CRASH, where, until],
                                 env=cli_env(db_path, actor), capture_output=True, text=True,
                                 timeout=120)
        assert crashed.returncode == 9, crashed.stderr
        parts = list((tmp_path / "documents").rglob("*.part"))
        assert parts, "the crash left .part files behind"
        committed = count_steps(db_path, trigger)
        assert committed == (10 if where == "after_commit" else 0)
        if where == "after_commit":  # committed documents waiting as .part are pending
            checked = subprocess.run([MUNI, "verify", "--json"], env=cli_env(db_path, actor),
                                     capture_output=True, text=True, timeout=120)
            assert checked.returncode == 0, checked.stdout + checked.stderr
            report = json.loads(checked.stdout)
            assert report["findings"] == []
            assert sorted(p["path"] + ".part" for p in report["pending"]) == \
                sorted(str(p) for p in parts)
        finish(db_path, actor, until, 1)
        assert count_steps(db_path, trigger) == 10
    assert all(t == ["draft_order", "sign_order"] for t in triggers_by_case(db_path).values())
    check_invariants(db_path, tmp_path / "documents")
