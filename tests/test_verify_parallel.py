"""``verify`` with several processes (a large registry's cases cut into ranges of ids) gives
the report one process gives: the same findings, notes, pending documents and counts."""

from __future__ import annotations

import json

import pytest
from conftest import working_group
from test_verify import tamper

from muni.engine import spool
from muni.engine import verify as verifying
from muni.registry import db as regdb


def test_several_processes_report_what_one_does(sample_muni):
    muni = sample_muni
    for _ in range(5):
        working_group(muni)
    con = regdb.connect(muni.db_path)
    paths = [r[0] for r in con.execute("SELECT path FROM documents ORDER BY id")]
    con.close()
    with open(paths[5], "ab") as f:  # case 3's order
        f.write(b"tampered")
    tamper(muni.db_path, "UPDATE audit SET actor = 'x' WHERE id = 6;\n"
                         "UPDATE cases SET state = 'order_drafted' WHERE id = 5;")
    db = regdb.connect(muni.db_path)
    try:
        one = verifying.verify(db, jobs=1)
        several = verifying.verify(db, jobs=3, parallel_from=0)
    finally:
        db.close()
    assert not one["ok"]
    assert {f["kind"] for f in one["findings"]} >= {"record_altered", "document_altered",
                                                    "state_mismatch"}
    def listed(report: dict, key: str) -> list[str]:
        return sorted(json.dumps(x, sort_keys=True) for x in report[key])

    for key in ("findings", "notes", "pending"):
        assert listed(several, key) == listed(one, key)
    assert {k: v for k, v in several.items() if k not in ("findings", "notes", "pending")} \
        == {k: v for k, v in one.items() if k not in ("findings", "notes", "pending")}
    assert several["cases"] == 5 and several["documents"] == 10


def test_verify_takes_jobs_on_the_command_line(sample_muni):
    working_group(sample_muni)
    report = sample_muni.json("verify", "--jobs", "2")
    assert report["ok"] is True and report["cases"] == 1



@pytest.fixture
def three_cases(sample_muni):
    """Three working-group cases to the end (three four-eyes notes), the state of cases 2
    and 3 changed outside muni (two findings)."""
    for _ in range(3):
        working_group(sample_muni)
    tamper(sample_muni.db_path, "UPDATE cases SET state = 'order_drafted' WHERE id IN (2, 3);")
    return sample_muni


def one_process(db_path) -> dict:
    db = regdb.connect(db_path)
    try:
        return verifying.verify(db, jobs=1)
    finally:
        db.close()


def test_a_spooled_report_is_the_report_and_its_folder_goes(three_cases, monkeypatch):
    """``verifying`` (what ``muni verify`` writes out) holds a few items in memory and the
    rest in files — here one item, so every note of three cases and every finding goes
    through a file, from the worker processes too — and gives the report ``verify`` gives,
    in the same order; the files go when the block ends."""
    expected = one_process(three_cases.db_path)
    db = regdb.connect(three_cases.db_path)
    try:
        monkeypatch.setattr(spool, "KEEP", 1)
        for jobs in (1, 3):
            with verifying.verifying(db, jobs=jobs, parallel_from=0) as report:
                folder = report["notes"].folder
                assert len(list(folder.iterdir())) >= 3 + 2   # 3 notes, 2 findings written
                got = {**report, **{k: list(report[k]) for k in verifying.SPOOLED}}
            assert got == expected and not folder.exists()
    finally:
        db.close()
    assert [n["case"] for n in expected["notes"]] == [1, 2, 3]
    assert [(f["kind"], f["case"]) for f in expected["findings"]] == [
        ("state_mismatch", 2), ("state_mismatch", 3)]


def test_the_command_line_writes_a_spooled_report_whole(three_cases, monkeypatch):
    """``muni verify --json`` streams the lists out of the spool: the same JSON, each note
    on a line of its own; the text form prints each finding and note."""
    muni = three_cases
    expected = one_process(muni.db_path)
    monkeypatch.setattr(spool, "KEEP", 1)
    result = muni("verify", "--json", ok=False)
    assert result.exit_code == 9 and json.loads(result.stdout) == expected
    assert [n["case"] for n in expected["notes"]] == [1, 2, 3]
    lines = result.stdout.splitlines()
    assert sum(line.startswith('    {"kind": "four_eyes_declared"') for line in lines) == 3
    text = muni("verify", ok=False).stdout.splitlines()
    assert [line for line in text if line.startswith("note ")] == [
        f"note [four_eyes_declared] {n['message']}" for n in expected["notes"]]
    assert [line[:37] for line in text[:2]] == [
        "[state_mismatch] case 2: state is 'or", "[state_mismatch] case 3: state is 'or"]
    assert text[-2] == "2 finding(s) in 12 audit records, 3 case(s), 6 document(s)."
