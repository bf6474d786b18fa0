"""`muni advance` over many cases: selection, --until, --dry-run, batch files, exit codes,
resuming an interrupted run, and the group commit keeping one failure to itself."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from batch_checks import build_fleet, check_invariants, triggers_by_case
from conftest import Muni

from muni.engine import advance as adv
from muni.engine import batch, intake
from muni.engine import plan as planning
from muni.engine.actor import Actor
from muni.engine.render import TemplateStore
from muni.registry import db as regdb
from muni.registry import journal

TODAY = dt.date(2026, 11, 21)


@pytest.fixture
def fleet(tmp_path, monkeypatch) -> Muni:
    """Three copies of the sample municipality (m0001…m0003), four cases each (ids 1–12),
    and the `muni` command on that registry."""
    build_fleet(tmp_path, 3, 4)
    return Muni(tmp_path, monkeypatch)


def states(muni: Muni) -> dict[int, str]:
    con = sqlite3.connect(muni.db_path)
    out = dict(con.execute("SELECT id, state FROM cases"))
    con.close()
    return out


def run_json(muni: Muni, *args: str, actor: str = "clerk", code: int = 0) -> dict:
    result = muni("advance", *args, "--json", actor=actor, ok=False)
    assert result.exit_code == code, result.output
    return json.loads(result.stdout)


def test_a_workflow_goes_one_step_by_default(fleet):
    out = run_json(fleet, "--workflow", "working_group")
    assert (out["advanced"], out["documents"], out["steps"]) == (12, 12, 12)
    assert (out["blocked"], out["failed"], out["skipped"]) == ([], [], [])
    assert set(states(fleet).values()) == {"order_drafted"}
    assert all(t == ["draft_order"] for t in triggers_by_case(fleet.db_path).values())
    check_invariants(fleet.db_path, fleet.tmp / "documents")


def test_until_goes_on_and_stops_each_case_at_its_first_failing_rule(fleet):
    run_json(fleet, "--all", "--until", "order_drafted")
    db = regdb.connect(fleet.db_path)
    intake.update_case(db, 5, {"order": {"signer": "m0002-002"}},  # not the head
                       actor=Actor("clerk"))
    db.close()
    out = run_json(fleet, "--all", "--until", "group_working", actor="head")
    assert out["advanced"] == 11 and out["steps"] == 22 and out["documents"] == 11
    [blocked] = out["blocked"]
    assert (blocked["case"], blocked["state"], blocked["rules"]) == (
        5, "order_drafted", ["order.signer_is_head"])
    assert any(d.startswith("order.signer_is_head:") and "'m0002-002'" in d
               for d in blocked["details"])
    assert states(fleet)[5] == "order_drafted"
    assert {s for c, s in states(fleet).items() if c != 5} == {"group_working"}
    # numbers of m0002 stay gap-free around the blocked case
    nums = [e["number"] for e in journal.entries(regdb.connect(fleet.db_path),
                                                 municipality="m0002")]
    assert nums == [12, 13, 14]
    check_invariants(fleet.db_path, fleet.tmp / "documents")


def test_strict_makes_a_blocked_case_an_error(fleet):
    run_json(fleet, "--all", "--until", "order_drafted")
    out = run_json(fleet, "1", "2", "--until", "order_registered", "--strict", code=11)
    assert [b["rules"] for b in out["blocked"]] == [["four_eyes"], ["four_eyes"]]
    assert out["exit"] == 11
    text = fleet("advance", "3", "4", "--strict", actor="clerk", ok=False)
    assert text.exit_code == 11
    assert "case 3 [four_eyes]: 'sign_order' needs a second person" in text.stdout


def attempts(db_path: Path) -> list[tuple]:
    con = sqlite3.connect(db_path)
    rows = con.execute("SELECT case_id, actor, action, refused_by, message FROM attempts "
                       "ORDER BY id").fetchall()
    con.close()
    return rows


def test_a_batchs_refused_steps_go_to_the_attempts_log_like_a_single_steps(fleet):
    """Who tried which step of which case and which rule refused it, as ``muni advance
    CASE`` records it: four eyes refused at planning, a rule refused under the lock — in
    the group's transaction, each refused row once; a dry run records nothing; the log's
    chain verifies."""
    run_json(fleet, "--all", "--until", "order_drafted")
    db = regdb.connect(fleet.db_path)
    intake.update_case(db, 5, {"order": {"signer": "m0002-002"}},  # not the head
                       actor=Actor("clerk"))
    db.close()
    run_json(fleet, "1", "2", "--until", "order_registered", "--dry-run")
    assert attempts(fleet.db_path) == []
    run_json(fleet, "1", "2", "--until", "order_registered")  # the clerk drafted them
    out = run_json(fleet, "5", "6", actor="head")
    assert [(b["case"], b["rules"]) for b in out["blocked"]] == [(5, ["order.signer_is_head"])]
    logged = attempts(fleet.db_path)
    assert [row[:4] for row in logged] == [
        (1, "clerk", "sign_order", "four_eyes"), (2, "clerk", "sign_order", "four_eyes"),
        (5, "head", "sign_order", "order.signer_is_head")]
    assert "needs a second person" in logged[0][4]
    assert "order.signer_is_head" in logged[2][4]
    verified = fleet("verify", "--json", ok=False)
    assert verified.exit_code == 0, verified.output
    check_invariants(fleet.db_path, fleet.tmp / "documents")


def test_filters_select_by_municipality_state_and_ids(fleet):
    out = run_json(fleet, "--municipality", "m0002")
    assert out["advanced"] == 4
    assert [c for c, s in states(fleet).items() if s == "order_drafted"] == [5, 6, 7, 8]
    out = run_json(fleet, "--state", "initiative_recorded", "--workflow", "working_group",
                   "-j", "1")
    assert out["advanced"] == 8
    out = run_json(fleet, "1", "9", actor="head")
    assert out["advanced"] == 2
    assert (states(fleet)[1], states(fleet)[9]) == ("order_registered", "order_registered")


def test_all_leaves_finished_cases_out_and_ids_name_them(fleet):
    run_json(fleet, "1", "--until", "order_drafted")
    run_json(fleet, "1", "--until", "group_working", actor="head")
    out = run_json(fleet, "--all", "--until", "order_drafted")
    assert out["rows"] == 11 and out["advanced"] == 11
    out = run_json(fleet, "1", "2", actor="head", code=10)
    [failed] = out["failed"]
    assert failed["case"] == 1 and "final state 'group_working'" in failed["message"]
    assert out["advanced"] == 1


def test_unknown_cases_fail_alone_with_exit_10(fleet):
    out = run_json(fleet, "3", "999", "4", code=10)
    assert [(f["case"], f["error"]) for f in out["failed"]] == [(999, "not_found")]
    assert out["advanced"] == 2
    result = fleet("advance", "3", "998", actor="clerk", ok=False)
    assert result.exit_code == 10 and "case 998: no case 998" in result.stdout


def test_until_an_unknown_state_is_bad_input(fleet):
    result = fleet("advance", "--all", "--until", "nowhere", ok=False)
    assert result.exit_code == 3 and "no workflow has a state 'nowhere'" in result.stderr
    result = fleet("advance", "--workflow", "working_group", "--state", "drafted", ok=False)
    assert result.exit_code == 3 and "has no state 'drafted'" in result.stderr
    result = fleet("advance", "--batch", "x.csv", "3", ok=False)
    assert result.exit_code == 3


def snapshot_bytes(muni: Muni) -> tuple[bytes, int]:
    """The database file's bytes and the size of its write-ahead log (after a checkpoint
    it is empty: any write would append frames to it)."""
    wal = muni.tmp / "muni.db-wal"
    return muni.db_path.read_bytes(), wal.stat().st_size if wal.exists() else 0


def counts(muni: Muni) -> dict[str, int]:
    con = sqlite3.connect(muni.db_path)
    out = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
           for t in ("audit", "journal", "documents", "batch_runs", "batch_rows", "counters")}
    con.close()
    return out


def test_dry_run_reports_and_writes_nothing(fleet):
    run_json(fleet, "1", "2", "--until", "order_drafted")
    db = regdb.connect(fleet.db_path)
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    before_bytes, before_counts = snapshot_bytes(fleet), counts(fleet)
    assert snapshot_bytes(fleet)[1] == 0
    files_before = sorted(p for p in fleet.tmp.rglob("*") if p.is_file()
                          if not p.name.startswith("muni.db-"))
    out = run_json(fleet, "--all", "--until", "group_working", "--dry-run", actor="head")
    assert out["dry_run"] is True and out["run"] is None
    by_case = {c["case"]: c for c in out["cases"]}
    assert [s["trigger"] for s in by_case[1]["steps"]] == ["sign_order", "start_work"]
    assert by_case[1]["status"] == "advanced"
    # the others would be drafted by the head, who then may not sign them himself
    assert by_case[3]["status"] == "blocked" and by_case[3]["rules"] == ["four_eyes"]
    assert [s["trigger"] for s in by_case[3]["steps"]] == ["draft_order"]
    text = fleet("advance", "--all", "--dry-run", actor="head")
    assert "case 1: would sign_order order_drafted → order_registered (working_group_order)" \
        in text.stdout
    assert "Dry run (nothing written)" in text.stdout
    assert snapshot_bytes(fleet) == before_bytes
    assert counts(fleet) == before_counts
    assert sorted(p for p in fleet.tmp.rglob("*") if p.is_file()
                  if not p.name.startswith("muni.db-")) == files_before


BATCH_CSV = """case,trigger,order.signer,data
1,draft_order,,
abc,draft_order,,
999,,,
2,fly,,
3,,m0001-001,
4,draft_order,,"{""responsible"": ""m0001-005""}"
"""


def test_batch_file_rows_fail_alone_and_are_applied_once(fleet):
    path = fleet.write("batch.csv", BATCH_CSV)
    out = run_json(fleet, "--batch", str(path), code=10)
    failed = {f["row"]: f for f in out["failed"]}
    assert sorted(failed) == [3, 4, 5]
    assert failed[3]["message"] == ("batch.csv row 3: field 'case': must be a case number, "
                                    "got 'abc'")
    assert failed[4]["message"] == "no case 999" and failed[4]["label"] == "batch.csv row 4"
    assert "workflow 'working_group' has no trigger 'fly'" in failed[5]["message"]
    assert out["advanced"] == 3
    assert (states(fleet)[1], states(fleet)[3], states(fleet)[4]) == ("order_drafted",) * 3
    db = regdb.connect(fleet.db_path)
    assert planning.load_case(db, 3)[0]["data"]["order"]["signer"] == "m0001-001"
    assert planning.load_case(db, 4)[0]["data"]["responsible"] == "m0001-005"
    db.close()
    audit_before = counts(fleet)["audit"]
    again = run_json(fleet, "--batch", str(path), code=10)
    assert again["resumed"] is True and again["advanced"] == 0
    assert sorted(s["row"] for s in again["skipped"]) == [2, 6, 7]
    assert all("already applied by run" in s["message"] for s in again["skipped"])
    assert counts(fleet)["audit"] == audit_before
    assert triggers_by_case(fleet.db_path)[1] == ["draft_order"]


def test_a_yaml_batch_file_with_data_changes(fleet):
    run_json(fleet, "1", "2", "--until", "order_drafted")
    path = fleet.write("sign.yaml", """
- {case: 1, trigger: sign_order}
- case: 2
  data: {order: {signer: m0001-002}}
- {case: 3, colour: red}
""")
    out = run_json(fleet, "--batch", str(path), actor="head", code=10)
    assert out["advanced"] == 1
    [blocked] = out["blocked"]
    # the head changed case 2's data, so signing it needs another person now
    assert (blocked["row"], blocked["rules"]) == (2, ["four_eyes"])
    [failed] = out["failed"]
    assert failed["message"] == "sign.yaml row 3: unknown key(s) colour (use case, trigger, data)"


def test_an_unreadable_batch_file_is_bad_input(fleet):
    path = fleet.write("rows.csv", "id,trigger\n1,draft_order\n")
    result = fleet("advance", "--batch", str(path), ok=False)
    assert result.exit_code == 3 and "needs a 'case' column" in result.stderr


def engine_run(db_path: Path, source, *, actor: str = "clerk", **kw):
    db = regdb.connect(db_path)
    return db, batch.run(db, source, db_path=db_path, actor=Actor(actor),
                         out_dir=db_path.parent / "documents", store=TemplateStore(),
                         today=TODAY, **kw)


def test_an_interrupted_selection_resumes_where_it_stopped(fleet, monkeypatch):
    monkeypatch.setattr(batch.pool, "GROUP", 2)  # commit two at a time: stop between groups
    selection = batch.Selection(workflow="working_group")
    db, events = engine_run(fleet.db_path, selection, jobs=1)
    started = next(events)
    assert (started.total, started.resumed) == (12, False)
    taken = [next(events) for _ in range(5)]
    assert all(o.status == "advanced" for o in taken)
    events.close()  # Ctrl-C: the generator stops between two outcomes
    db.close()
    done = {c for c, t in triggers_by_case(fleet.db_path).items() if t}
    assert len(done) >= 5  # the group of the fifth may hold a sixth

    db, events = engine_run(fleet.db_path, selection, jobs=1)
    started = next(events)
    assert started.resumed and started.already_done == len(done)
    assert started.total == 12 - len(done)
    *outcomes, finished = list(events)
    assert {o.case for o in outcomes} == set(range(1, 13)) - done
    assert finished.summary.advanced == 12 - len(done)
    assert all(t == ["draft_order"] for t in triggers_by_case(fleet.db_path).values())
    assert len(triggers_by_case(fleet.db_path)) == 12
    # finished: the same command again is a new request (a new run, one more step each)
    db, events = engine_run(fleet.db_path, selection, actor="head", jobs=1)
    assert next(events).resumed is False
    db.close()


def test_a_case_moved_by_someone_else_after_selection_is_skipped(fleet, monkeypatch):
    monkeypatch.setattr(batch.pool, "GROUP", 2)
    db, events = engine_run(fleet.db_path, batch.Selection(ids=tuple(range(1, 13))), jobs=1)
    next(events)
    first = next(events)
    other = regdb.connect(fleet.db_path)
    adv.advance(other, 12, actor=Actor("someone"), out_dir=fleet.tmp / "documents",
                store=TemplateStore(), today=TODAY)
    rest = [e for e in events if isinstance(e, batch.Outcome)]
    [skipped] = [o for o in [first, *rest] if o.status == "skipped"]
    assert skipped.case == 12 and "changed by someone else" in skipped.message
    assert triggers_by_case(fleet.db_path)[12] == ["draft_order"]
    db.close()


def failing_for_case(write, case_id: int, message: str):
    """``write`` (a registry function called with ``case_id=``) that raises
    ``OSError(message)`` for ``case_id`` alone."""

    def flaky(db, **kw):
        if kw["case_id"] == case_id:
            raise OSError(message)
        return write(db, **kw)
    return flaky


def test_a_group_reads_the_chains_last_record_once_and_links_every_record(fleet):
    """A group's steps take the previous record's hash from the step before them in the
    transaction (``audit.Written``), not from the log's last row at every step."""
    run_json(fleet, "--all", "--until", "order_drafted")
    statements: list[str] = []
    db, events = engine_run(fleet.db_path, batch.Selection(workflow="working_group"),
                            actor="head", jobs=1)
    db.conn.set_trace_callback(statements.append)
    *_, finished = list(events)
    assert finished.summary.advanced == 12
    reads = [s for s in statements if s.startswith("SELECT hash FROM audit ORDER BY id DESC")]
    assert len(reads) == 1  # 12 steps, one group
    db.close()
    con = sqlite3.connect(fleet.db_path)
    chain = con.execute("SELECT id, prev_hash, hash FROM audit ORDER BY id").fetchall()
    con.close()
    assert len(chain) == 36  # open, draft, sign for 12 cases
    assert all(chain[i][1] == chain[i - 1][2] for i in range(1, len(chain)))
    verified = fleet("verify", "--json", ok=False)
    assert verified.exit_code == 0, verified.output


def test_a_record_appended_beside_the_groups_chain_stops_that_step_not_the_chain(
        fleet, monkeypatch):
    """Code that appends a record inside a group's transaction without the group's
    ``written`` would leave the group's head behind: the next record would fork the chain.
    ``append`` sees that its record does not follow the head and stops that step; its
    savepoint takes both records back and the chain stays whole."""
    from muni.registry import audit

    run_json(fleet, "--all", "--until", "order_drafted")
    claim = adv.claim

    def claim_and_append_aside(db, plan_):
        if plan_.case["id"] == 5:
            audit.append(db, case_id=5, at="2026-11-21T00:00:00Z", actor="someone",
                         trigger="update_data", from_state=None, to_state=plan_.case["state"],
                         profile=None, guards=[], data={}, documents=[])
        return claim(db, plan_)
    monkeypatch.setattr(adv, "claim", claim_and_append_aside)
    db, events = engine_run(fleet.db_path, batch.Selection(workflow="working_group"),
                            actor="head", jobs=1)
    *_, finished = list(events)
    db.close()
    assert finished.summary.advanced == 11
    [failed] = finished.summary.failed
    assert failed["case"] == 5
    assert "does not follow" in failed["message"] and "not written" in failed["message"]
    con = sqlite3.connect(fleet.db_path)
    assert con.execute("SELECT count(*) FROM audit WHERE actor = 'someone'").fetchone() == (0,)
    assert con.execute("SELECT state FROM cases WHERE id = 5").fetchone() == ("order_drafted",)
    con.close()
    check_invariants(fleet.db_path, fleet.tmp / "documents")
    verified = fleet("verify", "--json", ok=False)
    assert verified.exit_code == 0, verified.output


def test_one_failing_step_does_not_roll_back_its_group(fleet, monkeypatch):
    run_json(fleet, "--all", "--until", "order_drafted")
    monkeypatch.setattr(journal, "register", failing_for_case(
        journal.register, 6, "disk trouble while case 6 was numbered"))
    db, events = engine_run(fleet.db_path, batch.Selection(workflow="working_group"),
                            actor="head", jobs=1)
    *_, finished = list(events)
    summary = finished.summary
    assert summary.advanced == 11
    [failed] = summary.failed
    assert failed["case"] == 6 and "disk trouble" in failed["message"]
    assert states(fleet)[6] == "order_drafted"
    nums = [e["number"] for e in journal.entries(db, municipality="m0002")]
    assert nums == [12, 13, 14]  # case 6's number went to the next case
    db.close()
    check_invariants(fleet.db_path, fleet.tmp / "documents")


def test_jobs_2_gives_the_same_registry(fleet):
    out = run_json(fleet, "--all", "--until", "order_drafted", "--jobs", "2")
    assert out["advanced"] == 12
    build_fleet(fleet.tmp / "more", 2, 20)
    db_path = fleet.tmp / "more" / "muni.db"
    db, events = engine_run(db_path, batch.Selection(everything=True), jobs=2,
                            until="order_drafted")
    started = next(events)
    assert started.jobs == 2
    *_, finished = list(events)
    assert finished.summary.advanced == 40
    db, events = engine_run(db_path, batch.Selection(everything=True), jobs=2,
                            until="order_registered", actor="head")
    *_, finished = list(events)
    assert finished.summary.advanced == 40 and finished.summary.documents == 40
    assert all(t == ["draft_order", "sign_order"]
               for t in triggers_by_case(db_path).values())
    check_invariants(db_path, fleet.tmp / "more" / "documents")


@pytest.mark.parametrize("name", ["batch_rows.csv", "batch_rows.yaml"])
def test_the_example_batch_files_draft_three_orders(sample_muni, name, monkeypatch):
    case_file = Path(__file__).resolve().parent.parent / "examples" / "working_group_case.yaml"
    for _ in range(3):
        sample_muni("case", "new", "working_group", "-m", "lipenka", "--data", case_file)
    out = run_json(sample_muni, "--batch",
                   str(Path(__file__).resolve().parent.parent / "examples" / name))
    assert out["advanced"] == 3 and out["documents"] == 3
    db = regdb.connect(sample_muni.db_path)
    assert planning.load_case(db, 2)[0]["data"]["responsible"] == "lip-005"
    assert planning.load_case(db, 3)[0]["data"]["order"]["date"] == "2026-11-25"
    db.close()
    signed = run_json(sample_muni, "--workflow", "working_group", "--state", "order_drafted",
                      actor="head")
    # Case 3's order is dated 25 November: it is not signed on the 21st (act.date_reached).
    assert signed["advanced"] == 2
    assert [(b["case"], b["rules"]) for b in signed["blocked"]] == [(3, ["act.date_reached"])]
    monkeypatch.setenv("MUNI_TODAY", "2026-11-25")
    signed = run_json(sample_muni, "--workflow", "working_group", "--state", "order_drafted",
                      actor="head")
    assert signed["advanced"] == 1
    assert [e["number"] for e in journal.entries(regdb.connect(sample_muni.db_path))] == [
        12, 13, 14]


def test_status_shows_counts_and_the_most_recently_changed(fleet):
    con = sqlite3.connect(fleet.db_path)  # the fleet was opened in this very second
    con.execute("UPDATE cases SET updated_at = '2026-01-01T00:00:00+00:00'")
    con.commit()
    con.close()
    run_json(fleet, "7", "3")
    text = fleet("status", "--limit", "2").stdout
    assert "working_group    initiative_recorded           10" in text
    assert "working_group    order_drafted                  2" in text
    assert "12 cases; the 2 most recently changed" in text
    listed = [line.split()[0] for line in text.splitlines()[-2:]]
    assert sorted(listed) == ["3", "7"]
    assert len(fleet.json("status")) == 12  # scripts get every case
    assert [r["id"] for r in fleet.json("status", "--limit", "2")] in ([7, 3], [3, 7])
    assert "cases; the" not in fleet("status").stdout  # all 12 fit: no overview


def chair_names(db_path: Path) -> dict[int, str]:
    """The group chair's name each case's drafted order printed (its audit context)."""
    con = sqlite3.connect(db_path)
    out = {case_id: json.loads(data)["documents"][0]["group"]["chair"]["name"]
           for case_id, data in con.execute(
               "SELECT case_id, data FROM audit WHERE trigger = 'draft_order'")}
    con.close()
    return out


def test_a_person_renamed_by_another_process_mid_batch_is_printed_anew(fleet, monkeypatch):
    """The batch remembers the directory's rows from one step to the next
    (``directory.remembering``), but never past another process's change."""
    monkeypatch.setattr(batch.pool, "GROUP", 2)
    db, events = engine_run(fleet.db_path, batch.Selection(workflow="working_group"), jobs=1)
    next(events)
    first = [next(events), next(events)]  # cases 1 and 2 of m0001: their group committed
    assert {o.case for o in first} == {1, 2}
    other = sqlite3.connect(fleet.db_path)
    with other:
        other.execute("UPDATE people SET name = 'Осмонова Салтанат Жаңыевна' "
                      "WHERE id = 'm0001-002'")
    other.close()
    rest = [e for e in events if isinstance(e, batch.Outcome)]
    assert all(o.status == "advanced" for o in [*first, *rest])
    names = chair_names(fleet.db_path)
    assert names[1] == names[2] == "Осмонова Салтанат Токтогуловна"
    assert names[3] == names[4] == "Осмонова Салтанат Жаңыевна"  # m0001's other cases
    assert names[5] == "Осмонова Салтанат Токтогуловна"          # m0002's own chair
    db.close()


def test_remembered_directory_rows_are_read_once_and_given_as_copies(fleet):
    from muni.registry import directory

    db = regdb.connect(fleet.db_path)
    memo = directory.Remembered()
    statements: list[str] = []
    with directory.remembering(db, memo):
        db.conn.set_trace_callback(statements.append)
        first = directory.people(db, ["m0001-002", "m0001-003"])
        first["m0001-002"]["name"] = "changed by a caller"
        again = directory.people(db, ["m0001-003", "m0001-002", "nobody"])
        offices = directory.offices_on(db, "m0001", ["m0001-001"], "2026-11-20")
        offices_again = directory.offices_on(db, "m0001", ["m0001-001"], "2026-11-20")
        db.conn.set_trace_callback(None)
    assert again["m0001-002"]["name"] == "Осмонова Салтанат Токтогуловна"
    assert set(again) == {"m0001-002", "m0001-003"}  # an unknown id stays unknown
    assert offices == offices_again and offices["m0001-001"][0]["role"] == "head"
    selects = [s for s in statements if s.startswith("SELECT")]
    assert len(selects) == 3, selects  # people, "nobody", offices: each once
    # outside `remembering` every read goes to the registry
    db.conn.set_trace_callback(statements.append)
    directory.people(db, ["m0001-002"])
    db.conn.set_trace_callback(None)
    assert len([s for s in statements if s.startswith("SELECT")]) == 4
    db.close()


def test_people_kept_between_steps_follow_the_directory_date_and_language(fleet):
    """A batch keeps the people it resolved for the next case (``People.known``, kept with
    the remembered rows): the same date and language give the same person; another date,
    another language or another process's change to the directory give them anew."""
    from muni.engine.contexts.common import People
    from muni.registry import directory

    db = regdb.connect(fleet.db_path)
    memo = directory.Remembered()
    on = dt.date(2026, 11, 20)
    with directory.remembering(db, memo):
        first = People(db, "m0001", on).get("m0001-002", "group.chair")
        again = People(db, "m0001", on)
        again.preload(["m0001-002", "m0001-010"])
        assert again.get("m0001-002", "group.chair") is first
        assert again.short_names == {"m0001-002": "С. Т. Осмонова",
                                     "m0001-010": "М. А. Абдылдаев"}
        russian = People(db, "m0001", on, "ru").get("m0001-002", "group.chair")
        before_council = People(db, "m0001", dt.date(2024, 11, 30)).get("m0001-010", "x")
        council = People(db, "m0001", on).get("m0001-010", "x")
        with pytest.raises(Exception, match="belongs to municipality 'm0001'"):
            People(db, "m0002", on).get("m0001-002", "group.chair")
    assert (first.position, first.category, first.offices) == (
        "Айыл өкмөт башчысынын орун басары", "staff", ("deputy_head",))
    assert russian.position == "Заместитель главы айыл окмоту"
    assert (before_council.category, before_council.offices) == ("community", ())
    assert (council.category, council.offices) == ("deputy", ("council_chair", "deputy"))

    other = sqlite3.connect(fleet.db_path)
    with other:
        other.execute("UPDATE people SET name = 'Осмонова Салтанат Жаңыевна' "
                      "WHERE id = 'm0001-002'")
        other.execute("UPDATE officials SET position = 'Башчынын орун басары' "
                      "WHERE person = 'm0001-002'")
    other.close()
    with directory.remembering(db, memo):
        people = People(db, "m0001", on)
        people.preload(["m0001-002"])
        renamed = people.get("m0001-002", "group.chair")
    assert (renamed.name, renamed.short, renamed.position) == (
        "Осмонова Салтанат Жаңыевна", "С. Ж. Осмонова", "Башчынын орун басары")
    db.close()


def _document_texts(db_path: Path, trigger: str) -> dict[int, str]:
    """The text of each case's document of its ``trigger`` step, by case."""
    import docx

    con = sqlite3.connect(db_path)
    rows = con.execute("SELECT d.case_id, d.path FROM documents d JOIN audit a "
                       "ON a.id = d.audit_id WHERE a.trigger = ?", [trigger]).fetchall()
    con.close()
    return {case: "\n".join(p.text for p in docx.Document(path).paragraphs)
            for case, path in rows}


def test_a_batch_prints_a_municipality_s_documents_with_one_version_of_a_form(fleet,
                                                                            monkeypatch):
    """A batch keeps the template it first used for a municipality (``TemplateStore.pinned``):
    an override a clerk saves meanwhile is used for the municipalities the batch reaches
    after it and by the next command, never for the rest of a municipality half done."""
    from test_render_xml_check import with_member_changed

    from muni.engine.render import BUILTIN_TEMPLATES

    monkeypatch.setattr(batch.pool, "GROUP", 2)
    overrides = fleet.db_path.parent / "templates"
    store = TemplateStore(overrides)
    builtin = BUILTIN_TEMPLATES / "ky" / "working_group_order.docx"
    db = regdb.connect(fleet.db_path)
    events = batch.run(db, batch.Selection(workflow="working_group"), db_path=fleet.db_path,
                       actor=Actor("clerk"), out_dir=fleet.db_path.parent / "documents",
                       store=store, today=TODAY, jobs=1)
    next(events)
    assert {next(events).case, next(events).case} == {1, 2}  # the first group committed
    saved = overrides / "ky" / builtin.name
    saved.parent.mkdir(parents=True)

    def marked(xml: bytes) -> bytes:
        head, sep, tail = xml.rpartition(b"<w:sectPr")
        return head + b"<w:p><w:r><w:t>OVERRIDE-MARK</w:t></w:r></w:p>" + sep + tail

    saved.write_bytes(with_member_changed(builtin, "word/document.xml", marked))
    assert store.get("working_group_order", "ky", "m0001").path == saved  # seen at once
    rest = [e for e in events if isinstance(e, batch.Outcome)]
    assert len(rest) == 10 and all(o.status == "advanced" for o in rest)
    drafts = _document_texts(fleet.db_path, "draft_order")
    marked_cases = {case for case, text in drafts.items() if "OVERRIDE-MARK" in text}
    assert marked_cases == set(range(5, 13))  # m0002 and m0003; m0001 (1–4) kept its form
    for _ in batch.run(db, batch.Selection(workflow="working_group"), db_path=fleet.db_path,
                       actor=Actor("head"), out_dir=fleet.db_path.parent / "documents",
                       store=store, today=TODAY, jobs=1):
        pass
    signed = _document_texts(fleet.db_path, "sign_order")
    assert len(signed) == 12
    assert all("OVERRIDE-MARK" in text for text in signed.values())
    db.close()


def test_a_step_rolled_back_in_its_group_takes_its_verdict_texts_and_the_next_writes_them(
        fleet, monkeypatch):
    """A group writes each verdict text once (``audit.Written``): the first step that
    names it writes it, the steps after it in the transaction do not. When that first step
    is rolled back after writing its record and texts, the texts go with it, and the next
    step writes them again — no record names a text the registry does not hold."""
    from muni.registry import audit, documents

    run_json(fleet, "--all", "--until", "order_drafted")
    monkeypatch.setattr(documents, "add", failing_for_case(
        documents.add, 1, "disk trouble after case 1's record was written"))
    statements: list[str] = []
    db, events = engine_run(fleet.db_path, batch.Selection(workflow="working_group"),
                            actor="head", jobs=1)
    db.conn.set_trace_callback(statements.append)
    *_, finished = list(events)
    assert finished.summary.advanced == 11
    assert [f["case"] for f in finished.summary.failed] == [1]
    con = sqlite3.connect(fleet.db_path)
    named = set().union(*(audit.text_keys(json.loads(g))
                          for (g,) in con.execute("SELECT guards FROM audit")))
    held = {k for (k,) in con.execute("SELECT hash FROM audit_texts")}
    con.close()
    assert named <= held
    writes = [s for s in statements if s.startswith("INSERT OR IGNORE INTO audit_texts")]
    assert len(writes) == 2  # case 1's, rolled back, and case 2's; none by cases 3-12
    db.close()
    check_invariants(fleet.db_path, fleet.tmp / "documents")
    verified = fleet("verify", "--json", ok=False)
    assert verified.exit_code == 0, verified.output
