"""One advance is atomic, numbers never repeat or skip, stored states are checked."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import sqlite3
from pathlib import Path

import pytest
from conftest import EXAMPLES
from hypothesis import given, settings
from hypothesis import strategies as st

from muni.engine import advance as adv
from muni.engine import intake
from muni.engine import plan as planning
from muni.engine.actor import Actor
from muni.engine.errors import StateError, TemplateError
from muni.engine.render import TemplateStore
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


class Exploding(TemplateStore):
    def render(self, *args, **kwargs):
        raise TemplateError("boom in the middle of rendering")

    prerender = render  # documents are rendered before the lock is taken


def test_failure_while_rendering_leaves_nothing(db, tmp_path, store):
    case = new_case(db)
    out = tmp_path / "docs"
    adv.advance(db, case, actor=Actor("clerk"), out_dir=out, store=store, today=TODAY)
    before = snapshot(db)
    with pytest.raises(TemplateError):
        adv.advance(db, case, actor=Actor("head"), out_dir=out, store=Exploding(), today=TODAY)
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


def test_recover_publishes_committed_parts_and_deletes_orphans(db, tmp_path, store):
    case = new_case(db)
    out = tmp_path / "docs"
    result = adv.advance(db, case, actor=Actor("clerk"), out_dir=out, store=store, today=TODAY)
    final = Path(result.documents[0]["path"])
    final.rename(final.with_name(final.name + ".part"))  # crash between COMMIT and rename
    orphan = out / "lipenka" / "2026" / "x.docx.part"  # crash before COMMIT
    orphan.write_bytes(b"half")
    assert adv.recover(db, out) == {"published": 1, "deleted": 1}
    assert final.exists() and not orphan.exists()


def test_a_case_moved_meanwhile_is_refused(db, tmp_path, store):
    case = new_case(db)
    plan = planning.plan(db, case, today=TODAY)
    adv.advance(db, case, actor=Actor("clerk"), out_dir=tmp_path, store=store, today=TODAY)
    with pytest.raises(StateError, match="changed while this step was prepared"):
        adv.commit_plan(db, plan, actor=Actor("other"), out_dir=tmp_path, store=store)


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
