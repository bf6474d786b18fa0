"""One advance is atomic, numbers never repeat or skip, stored states are checked."""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES
from hypothesis import given, settings
from hypothesis import strategies as st

from muni.engine import advance as adv
from muni.engine import intake, verify
from muni.engine import plan as planning
from muni.engine.actor import Actor
from muni.engine.errors import StateError, TemplateError
from muni.engine.render import CompiledTemplate, TemplateStore
from muni.registry import db as regdb
from muni.registry import journal

TODAY = dt.date(2026, 11, 21)


def new_case(db) -> int:
    data = intake.read_data_file(EXAMPLES / "working_group_case.yaml")
    return intake.open_case(db, "working_group", "lipenka", data, actor=Actor("clerk"))


def snapshot(db) -> dict:
    return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("audit", "journal", "documents")} | {
        "state": db.execute("SELECT state FROM cases").fetchone()[0],
        "counter": db.execute("SELECT last FROM counters").fetchone()[0],
    }


def test_failure_while_rendering_leaves_nothing(db, tmp_path, store, monkeypatch):
    case = new_case(db)
    out = tmp_path / "docs"
    adv.advance(db, case, actor=Actor("clerk"), out_dir=out, store=store, today=TODAY)
    before = snapshot(db)

    def exploding(self, *args, **kwargs):
        raise TemplateError("boom in the middle of rendering")

    with monkeypatch.context() as m:  # every way a step renders goes through render_xml
        m.setattr(CompiledTemplate, "render_xml", exploding)
        with pytest.raises(TemplateError, match="boom in the middle"):
            adv.advance(db, case, actor=Actor("head"), out_dir=out, store=TemplateStore(),
                        today=TODAY)
    assert snapshot(db) == before
    assert sorted(p.name for p in out.rglob("*") if p.is_file()) == [
        "01-draft_order-working_group_order-draft.ky.docx"]
    result = adv.advance(db, case, actor=Actor("head"), out_dir=out, store=store, today=TODAY)
    assert result.documents[0]["number"] == 12  # the failed attempt gave its number back


def test_failure_after_rendering_removes_the_part_file(db, tmp_path, store, monkeypatch):
    case = new_case(db)
    out = tmp_path / "docs"
    adv.advance(db, case, actor=Actor("clerk"), out_dir=out, store=store, today=TODAY)
    from muni.registry import audit

    def broken_append(*a, **k):
        raise RuntimeError("disk full while writing the audit record")

    monkeypatch.setattr(audit, "append", broken_append)
    with pytest.raises(RuntimeError):
        adv.advance(db, case, actor=Actor("head"), out_dir=out, store=store, today=TODAY)
    assert not list(out.rglob("*.part"))
    assert not list(out.rglob("*no12*"))
    assert db.execute("SELECT count(*) FROM journal").fetchone()[0] == 0


def test_unknown_stored_state_is_an_error_not_a_new_state(db, tmp_path, store):
    case = new_case(db)
    db.execute("UPDATE cases SET state = 'bogus' WHERE id = ?", [case])
    with pytest.raises(StateError, match="stored state 'bogus' is not a state of workflow"):
        adv.advance(db, case, actor=Actor("clerk"), out_dir=tmp_path, store=store, today=TODAY)


CRASH = """
import os, sys
from muni import cli
from muni.engine import advance
real_write = advance.write_part
if sys.argv[1] == "after_commit":
    def publish(final):
        os._exit(9)  # the COMMIT is done, the document is not renamed yet
    advance.publish = publish
else:
    def write_part(final, data, sync=True):
        real_write(final, data, sync=sync)
        os._exit(9)  # the .part is written, the COMMIT never happens
    advance.write_part = write_part
sys.argv = ["muni", "advance", sys.argv[2]]
cli.main()
"""


def crash(db_path: Path, case: int, where: str) -> None:
    """``muni advance CASE`` in a child process that dies at ``where``."""
    env = {**os.environ, "MUNI_DB": str(db_path), "MUNI_TODAY": TODAY.isoformat(),
           "MUNI_ACTOR": "clerk"}
    done = subprocess.run([sys.executable, "-c", CRASH, where, str(case)], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 9, done.stdout + done.stderr


def test_recover_finishes_what_a_crash_left_and_nothing_else(db, tmp_path):
    """Issue 14: only the ``.part`` files muni's own transactions listed are renamed or
    deleted, without walking the folder; a clerk's own ``minutes.docx.part`` in the
    documents folder stays."""
    case = new_case(db)
    out = tmp_path / "documents"  # the CLI's default: next to the registry
    theirs = out / "lipenka" / "notes" / "minutes.docx.part"
    theirs.parent.mkdir(parents=True)
    theirs.write_bytes(b"a clerk's own file")

    crash(tmp_path / "muni.db", case, "before_commit")
    [part] = [p for p in out.rglob("*.part") if p != theirs]
    assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 0
    assert adv.recover(db, out) == {"published": 0, "deleted": 1}
    assert not part.exists() and theirs.read_bytes() == b"a clerk's own file"
    assert not (out / ".muni-pending").exists()

    crash(tmp_path / "muni.db", case, "after_commit")
    [(path, digest)] = db.execute("SELECT path, sha256 FROM documents").fetchall()
    final = Path(path)
    assert not final.exists() and final.with_name(final.name + ".part").exists()
    report = verify.verify(db)
    assert report["ok"] and report["pending"] == [
        {"case": case, "audit_id": 2, "path": path}]
    assert adv.recover(db, out) == {"published": 1, "deleted": 0}
    assert hashlib.sha256(final.read_bytes()).hexdigest() == digest
    assert verify.verify(db)["pending"] == []
    assert theirs.exists() and not (out / ".muni-pending").exists()
    assert adv.recover(db, out) == {"published": 0, "deleted": 0}


def test_a_manifest_never_leads_outside_the_documents_folder(db, tmp_path):
    """A manifest edited to list a path outside the documents folder: that file is not
    touched, whatever its name."""
    out = tmp_path / "documents"
    outside = tmp_path / "elsewhere" / "x.docx.part"
    outside.parent.mkdir()
    outside.write_bytes(b"not muni's")
    (out / ".muni-pending").mkdir(parents=True)
    (out / ".muni-pending" / "1-1-dead").write_text(
        f"{outside.with_suffix('')}\n{out / '..' / 'elsewhere' / 'x.docx'}\nrelative.docx\n")
    assert adv.recover(db, out) == {"published": 0, "deleted": 0}
    assert outside.read_bytes() == b"not muni's"
    assert not (out / ".muni-pending").exists()


def test_a_step_leaves_no_manifest_behind(db, tmp_path, store):
    case = new_case(db)
    out = tmp_path / "documents"
    adv.advance(db, case, actor=Actor("clerk"), out_dir=out, store=store, today=TODAY)
    assert sorted(p.name for p in out.iterdir()) == ["lipenka"]


def test_a_case_moved_meanwhile_is_refused(db, tmp_path, store):
    case = new_case(db)
    plan = planning.plan(db, case, today=TODAY)
    adv.advance(db, case, actor=Actor("clerk"), out_dir=tmp_path, store=store, today=TODAY)
    with pytest.raises(StateError, match="changed while this step was prepared"):
        adv.commit_plan(db, plan, actor=Actor("other"), out_dir=tmp_path, store=store)



def test_a_case_edited_after_the_plan_is_refused_with_nothing_written(db, tmp_path, store):
    """The compare-and-set on the case's state and version is the step's first write: a
    case whose data changed since the plan (same state, next version) is refused, and the
    step leaves no number, record, document or file."""
    from muni.registry import cases

    case = new_case(db)
    adv.advance(db, case, actor=Actor("clerk"), out_dir=tmp_path, store=store, today=TODAY)
    plan = planning.plan(db, case, today=TODAY)           # the signing step, numbered
    before = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("audit", "journal", "documents")}
    with regdb.write_transaction(db):
        cases.replace_data(db, case, cases.get(db, case)["data"], "2026-11-21T10:00:00+00:00")
    files = sorted(p.name for p in tmp_path.rglob("*") if p.is_file())
    with pytest.raises(StateError, match=f"case {case} changed while this step was prepared "
                                         r"\(now in 'order_drafted'\)"):
        adv.commit_plan(db, plan, actor=Actor("head"), out_dir=tmp_path, store=store)
    assert {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("audit", "journal", "documents")} == before
    assert cases.current(db, case) == ("order_drafted", plan.case["version"] + 1)
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == files


def _take_numbers(path: str, n: int, fail_every: int) -> list[int]:
    db = regdb.connect(path)
    taken = []
    for i in range(n):
        try:
            with regdb.write_transaction(db):
                number = journal.next_number(db, "m", "orders", 2026)
                if fail_every and i % fail_every == 0:
                    raise RuntimeError("rolled back")
                db.execute("INSERT INTO journal(municipality, series, year, number, act_date,"
                           " case_id, template, registered_at) VALUES ('m', 'orders', 2026, ?,"
                           " '2026-01-01', 1, 't', 'now')", [number])
                taken.append(number)
        except RuntimeError:
            pass
    return taken


def test_two_processes_never_repeat_or_skip_a_number(tmp_path):
    path = str(tmp_path / "n.db")
    db = regdb.connect(path, create=True)
    db.execute("PRAGMA foreign_keys=OFF")
    db.execute("INSERT INTO municipalities VALUES ('m','a','a','o','o','r','r','s','s','ky',"
               "NULL,NULL,NULL)")
    db.execute("INSERT INTO cases(id, workflow, municipality, state, data, created_at,"
               " updated_at) VALUES (1, 'w', 'm', 's', '{}', 'now', 'now')")
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(2) as pool:
        results = pool.starmap(_take_numbers, [(path, 300, 7), (path, 300, 11)])
    numbers = sorted(results[0] + results[1])
    assert numbers == list(range(1, len(numbers) + 1))
    stored = [r[0] for r in sqlite3.connect(path).execute(
        "SELECT number FROM journal ORDER BY number")]
    assert stored == numbers


@settings(max_examples=25, deadline=None)
@given(plan=st.lists(st.tuples(st.sampled_from(["orders", "decisions"]),
                               st.sampled_from([2025, 2026]), st.booleans()), max_size=30))
def test_numbering_is_gap_free_per_series_and_year(plan):
    db = regdb.connect(":memory:", create=True)
    expected: dict[tuple[str, int], int] = {}
    for series, year, fail in plan:
        try:
            with regdb.write_transaction(db):
                number = journal.next_number(db, "m", series, year)
                assert number == expected.get((series, year), 0) + 1
                if fail:
                    raise RuntimeError
        except RuntimeError:
            continue
        expected[(series, year)] = number
    for (series, year), last in expected.items():
        row = db.execute("SELECT last FROM counters WHERE series = ? AND year = ?",
                         [series, year]).fetchone()
        assert row[0] == last
