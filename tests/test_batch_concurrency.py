"""Two batches started at once over overlapping cases: each case advances once per step,
and the journal numbers stay gap-free — whichever process commits a case first wins, the
other finds it changed under it and skips it."""

from __future__ import annotations

import json
import subprocess

from batch_checks import MUNI, build_fleet, check_invariants, cli_env, triggers_by_case


def start(db_path, actor: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen([MUNI, "advance", *args, "--json"], env=cli_env(db_path, actor),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def outcome(proc: subprocess.Popen) -> dict:
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, out + err
    return json.loads(out)


def test_two_overlapping_batches_at_once(tmp_path):
    db_path = build_fleet(tmp_path, 2, 30)  # cases 1–60
    ids_a = [str(i) for i in range(1, 41)]
    ids_b = [str(i) for i in range(21, 61)]
    for actor, until in (("clerk", "order_drafted"), ("head", "order_registered")):
        a = start(db_path, actor, *ids_a, "--until", until, "--jobs", "2")
        b = start(db_path, actor, *ids_b, "--until", until, "--jobs", "1")
        ra, rb = outcome(a), outcome(b)
        summary = {k: (ra[k], rb[k]) for k in ("rows", "advanced", "blocked", "failed",
                                                "skipped")}
        assert (ra["rows"], rb["rows"]) == (40, 40), summary
        assert ra["failed"] == rb["failed"] == ra["blocked"] == rb["blocked"] == [], summary
        # every case was advanced by exactly one of the two; the other skipped it
        assert ra["advanced"] + rb["advanced"] == 60, summary
        skipped = sorted(s["case"] for s in ra["skipped"] + rb["skipped"])
        assert skipped == list(range(21, 41)), summary
    steps = triggers_by_case(db_path)
    assert len(steps) == 60
    assert all(t == ["draft_order", "sign_order"] for t in steps.values())
    check_invariants(db_path, tmp_path / "documents")


def test_the_same_batch_file_twice_at_once(tmp_path):
    db_path = build_fleet(tmp_path, 2, 20)
    rows = "case,trigger\n" + "".join(f"{i},draft_order\n" for i in range(1, 41))
    path = tmp_path / "rows.csv"
    path.write_text(rows, encoding="utf-8")
    a = start(db_path, "clerk", "--batch", str(path), "--jobs", "2")
    b = start(db_path, "clerk", "--batch", str(path), "--jobs", "2")
    ra, rb = outcome(a), outcome(b)
    assert ra["advanced"] + rb["advanced"] == 40
    assert all(t == ["draft_order"] for t in triggers_by_case(db_path).values())
    check_invariants(db_path, tmp_path / "documents")


def test_one_step_batches_started_together_step_each_case_once(tmp_path):
    """Deterministic interleaving: both batches select before either commits; the second
    to reach an overlapping case finds it moved and skips it."""
    import datetime as dt

    from muni.engine import batch
    from muni.engine.actor import Actor
    from muni.engine.render import TemplateStore
    from muni.registry import db as regdb

    db_path = build_fleet(tmp_path, 1, 12)

    def start_run(ids):
        db = regdb.connect(db_path)
        events = batch.run(db, batch.Selection(ids=tuple(ids)), db_path=db_path,
                           actor=Actor("clerk"), out_dir=tmp_path / "documents",
                           store=TemplateStore(), today=dt.date(2026, 11, 21), jobs=1)
        assert next(events).total == len(ids)  # the selection is recorded here
        return events

    a, b = start_run(range(1, 9)), start_run(range(5, 13))
    done_a = [e for e in a if isinstance(e, batch.Outcome)]
    done_b = [e for e in b if isinstance(e, batch.Outcome)]
    assert [o.case for o in done_a if o.status == "advanced"] == list(range(1, 9))
    assert [o.case for o in done_b if o.status == "advanced"] == [9, 10, 11, 12]
    assert [o.case for o in done_b if o.status == "skipped"] == [5, 6, 7, 8]
    assert all(t == ["draft_order"] for t in triggers_by_case(db_path).values())
    check_invariants(db_path, tmp_path / "documents")
