"""`muni verify`: every kind of tampering a reviewer must see, done the way a tamperer would —
with the sqlite3 command line, after dropping the append-only triggers."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from conftest import EXAMPLES, working_group

from muni.registry import audit

CASE = EXAMPLES / "working_group_case.yaml"
INTEGRITY_EXIT = 9


def tamper(db_path: Path, sql: str) -> None:
    """Run ``sql`` on the registry as an outsider: sqlite3 CLI (foreign keys off, the audit
    triggers dropped first); Python's sqlite3 where the CLI is not installed."""
    script = ("DROP TRIGGER IF EXISTS audit_no_update;\n"
              "DROP TRIGGER IF EXISTS audit_no_delete;\n" + sql)
    if shutil.which("sqlite3"):
        subprocess.run(["sqlite3", str(db_path)], input=script, text=True, check=True,
                       capture_output=True)
    else:  # pragma: no cover
        con = sqlite3.connect(db_path)
        con.executescript(script)
        con.close()


@pytest.fixture
def done(sample_muni):
    """A working-group case taken to its final state: audit #1 open, #2 draft_order,
    #3 sign_order (order № 12), #4 start_work."""
    working_group(sample_muni)
    return sample_muni


def verify(muni, *args: str) -> tuple[int, dict]:
    result = muni("verify", "--json", *args, ok=False)
    return result.exit_code, json.loads(result.stdout)


def kinds(report: dict) -> set[str]:
    return {f["kind"] for f in report["findings"]}


def documents(muni) -> list[str]:
    con = sqlite3.connect(muni.db_path)
    return [p for (p,) in con.execute("SELECT path FROM documents ORDER BY id")]


def test_an_untouched_registry_verifies(done):
    code, report = verify(done)
    assert code == 0 and report["ok"] is True and report["findings"] == []
    assert (report["records"], report["cases"], report["documents"]) == (4, 1, 2)
    assert report["head"]["id"] == 4 and len(report["head"]["hash"]) == 64
    text = done("verify").stdout
    assert "OK: 4 audit records, 1 case(s), 2 document(s); nothing altered." in text


def test_an_edited_record_is_caught(done):
    tamper(done.db_path, "UPDATE audit SET actor = 'someone else' WHERE id = 2;")
    code, report = verify(done)
    assert code == INTEGRITY_EXIT and report["ok"] is False
    [altered] = [f for f in report["findings"] if f["kind"] == "record_altered"]
    assert altered["audit_id"] == 2
    text = done("verify", ok=False).stdout
    assert "[record_altered] audit #2: content does not match its hash (edited)" in text


def test_an_edited_verdict_is_caught(done):
    # what a check found is recorded as its values: the group's size 8 made 9
    tamper(done.db_path, """UPDATE audit SET guards = replace(guards, '"size":8', '"size":9') """
                         "WHERE id = 3;")
    with sqlite3.connect(done.db_path) as con:
        assert '"size":9' in con.execute("SELECT guards FROM audit WHERE id = 3").fetchone()[0]
    _, report = verify(done)
    assert {(f["kind"], f["audit_id"]) for f in report["findings"]} == {("record_altered", 3)}


def test_a_deleted_record_in_the_middle_is_caught(done):
    tamper(done.db_path, "DELETE FROM audit WHERE id = 2;")
    code, report = verify(done)
    assert code == INTEGRITY_EXIT
    assert {"chain_broken", "sequence_broken", "version_mismatch",
            "document_without_audit"} <= kinds(report)
    assert any(f["kind"] == "chain_broken" and f["audit_id"] == 3 for f in report["findings"])


def test_a_deleted_last_record_is_caught_although_the_chain_is_intact(done):
    tamper(done.db_path, "DELETE FROM audit WHERE id = 4;")
    code, report = verify(done)
    assert code == INTEGRITY_EXIT
    assert "chain_broken" not in kinds(report)  # nothing after it to disagree
    assert {"state_mismatch", "version_mismatch"} <= kinds(report)
    [state] = [f for f in report["findings"] if f["kind"] == "state_mismatch"]
    assert "state is 'group_working' but its last audit record (#3) left it in " \
           "'order_registered'" in state["message"]


def test_deleting_the_last_record_and_covering_up_the_case_is_still_caught(sample_muni):
    """The tamperer removes the signing (last record) and puts the case back: the order's
    documents row, journal number and file still testify."""
    muni = sample_muni
    case = muni.json("case", "new", "working_group", "-m", "lipenka", "--data", CASE)["case"]
    muni("advance", case, actor="clerk")
    muni("advance", case, actor="head")
    tamper(muni.db_path, "DELETE FROM audit WHERE id = 3;"
           "UPDATE cases SET state = 'order_drafted', version = version - 1;")
    _, report = verify(muni)
    assert "document_without_audit" in kinds(report)
    assert not {"state_mismatch", "version_mismatch"} & kinds(report)
    tamper(muni.db_path, "DELETE FROM documents WHERE audit_id = 3;")
    _, report = verify(muni)
    assert kinds(report) == {"journal_without_document"}
    [f] = report["findings"]
    assert f["message"] == ("journal orders 2026 № 12 (case 1): no document carries this "
                            "number")


def test_swapped_records_are_caught(done):
    tamper(done.db_path, "UPDATE audit SET id = -2 WHERE id = 2;"
                         "UPDATE audit SET id = 2 WHERE id = 3;"
                         "UPDATE audit SET id = 3 WHERE id = -2;")
    code, report = verify(done)
    assert code == INTEGRITY_EXIT
    broken = {f["audit_id"] for f in report["findings"] if f["kind"] == "chain_broken"}
    assert {2, 3} <= broken
    assert {"sequence_broken", "document_not_in_audit"} <= kinds(report)


def test_a_changed_byte_in_a_document_is_caught(done):
    order = Path(documents(done)[1])
    data = bytearray(order.read_bytes())
    data[len(data) // 2] ^= 0x01
    order.write_bytes(bytes(data))
    code, report = verify(done)
    assert code == INTEGRITY_EXIT
    [f] = report["findings"]
    assert (f["kind"], f["path"], f["audit_id"]) == ("document_altered", str(order), 3)
    assert "bytes no longer match the recorded SHA-256" in f["message"]


def test_a_deleted_document_file_is_caught(done):
    Path(documents(done)[0]).unlink()
    _, report = verify(done)
    assert kinds(report) == {"document_missing"}


def test_a_document_row_edited_to_match_a_forged_file_is_caught(done):
    """The documents table can be forged; the hash inside the chained audit record cannot."""
    order = Path(documents(done)[1])
    order.write_bytes(order.read_bytes() + b"forged")
    forged = audit.hashlib.sha256(order.read_bytes()).hexdigest()
    tamper(done.db_path, f"UPDATE documents SET sha256 = '{forged}' WHERE id = 2;")
    _, report = verify(done)
    assert {"document_row_altered", "document_altered"} <= kinds(report)


def test_a_deleted_documents_row_and_journal_line_are_caught(done):
    tamper(done.db_path, "DELETE FROM documents WHERE id = 2; DELETE FROM journal;")
    _, report = verify(done)
    assert kinds(report) == {"document_row_missing", "journal_line_missing"}
    [line] = [f for f in report["findings"] if f["kind"] == "journal_line_missing"]
    assert line["message"] == ("audit #3 registered working_group_order as № 12 but the "
                               "journal has no such line (deleted)")


def test_a_taken_number_deleted_from_the_journal_is_caught(done):
    """A second order № 13, then its journal line deleted: the counter remembers."""
    con = sqlite3.connect(done.db_path)
    con.execute("INSERT INTO journal(municipality, series, year, number, act_date, case_id, "
                "template, registered_at) VALUES ('lipenka', 'orders', 2026, 13, '2026-11-21', "
                "1, 'x', 'now')")
    con.execute("UPDATE counters SET last = 13")
    con.commit()
    con.close()
    _, report = verify(done)
    assert kinds(report) == {"journal_without_document"}
    tamper(done.db_path, "DELETE FROM journal WHERE number = 13;")
    _, report = verify(done)
    assert kinds(report) == {"journal_gap"}
    assert "the counter stands at 13 but the last registered number is 12" in \
        report["findings"][0]["message"]


def test_case_state_and_data_edited_behind_muni_are_caught(done):
    tamper(done.db_path, "UPDATE cases SET state = 'order_drafted';")
    _, report = verify(done)
    assert "state_mismatch" in kinds(report)
    tamper(done.db_path, "UPDATE cases SET state = 'group_working', "
                         "data = json_set(data, '$.responsible', 'lip-002');")
    _, report = verify(done)
    assert kinds(report) == {"data_mismatch"}


def test_a_recorded_step_that_broke_four_eyes_is_caught(done):
    """Rewriting who signed breaks the record's hash, and the lawfulness check says why."""
    tamper(done.db_path, "UPDATE audit SET actor = 'clerk' WHERE id = 3;")
    _, report = verify(done)
    assert {"record_altered", "four_eyes_violated"} <= kinds(report)
    [f] = [f for f in report["findings"] if f["kind"] == "four_eyes_violated"]
    assert f["message"] == ("audit #3: 'sign_order' needs a second person, but 'clerk' also "
                            "prepared the step")


def test_a_rewritten_last_record_needs_the_anchor(done):
    """A tamperer who rewrites the last record *and* recomputes its hash leaves a valid chain;
    only a head hash written down elsewhere catches that."""
    _, before = verify(done)
    anchor = before["head"]["hash"]
    con = sqlite3.connect(done.db_path)
    row = dict(zip([d[0] for d in con.execute("SELECT * FROM audit WHERE id = 4").description],
                   con.execute("SELECT * FROM audit WHERE id = 4").fetchone(), strict=True))
    con.close()
    row["actor"] = "nobody"
    tamper(done.db_path, f"UPDATE audit SET actor = 'nobody', hash = '{audit.record_hash(row)}'"
                         " WHERE id = 4;")
    code, report = verify(done)
    assert code == 0  # the limit of a chain inside the file it protects
    code, report = verify(done, "--anchor", anchor)
    assert code == INTEGRITY_EXIT and kinds(report) == {"anchor_missing"}


def test_verify_one_case_and_an_unknown_case(done):
    code, report = verify(done, "--case", "1")
    assert code == 0 and report["cases"] == 1
    result = done("verify", "--case", "99", ok=False)
    assert result.exit_code == 3 and "no case 99" in result.stderr


def test_every_transition_records_the_profile_version_and_the_evaluation_date(done):
    from muni.engine import rules

    history = done.json("history", 1)
    sign = history[2]
    evaluation = sign["data"]["evaluation"]
    profile = next(p for p in rules.profiles() if p.id == "kg-2021")
    assert evaluation["profile"]["id"] == "kg-2021"
    assert evaluation["profile"]["sha256"] == profile.sha256
    # the profile's own file and every file it extends, each with its own hash
    assert set(evaluation["profile"]["files"]) == {p.name for p in profile.sources}
    assert {"kg-2015.yaml", "kg-2021.yaml"} <= set(evaluation["profile"]["files"])
    assert (evaluation["act_date"], evaluation["on"]) == ("2026-11-20", "2026-11-21")
    assert sign["documents"][0]["sha256"] == \
        audit.hashlib.sha256(Path(sign["documents"][0]["path"]).read_bytes()).hexdigest()


def test_the_recorded_profile_files_are_the_bytes_its_rules_were_read_from(tmp_path):
    """A batch keeps its profiles for its whole run: a rule file edited meanwhile must not
    be recorded as what the verdicts were judged by (its rules were read before the edit)."""
    import hashlib
    import shutil

    from muni.engine import rules

    folder = tmp_path / "rules"
    shutil.copytree(rules.RULES_DIR, folder)
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}
    profile = next(p for p in rules._profiles(folder) if p.id == "kg-2021")
    version = profile.version()
    assert version["files"] == {p.name: before[p.name] for p in profile.sources}
    edited = folder / "kg-2021.yaml"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert profile.version() == version                     # still what was read
    version["files"]["kg-2021.yaml"] = version["id"] = "changed by a caller"
    assert profile.version()["files"] == {p.name: before[p.name] for p in profile.sources}
    assert profile.version()["id"] == "kg-2021"             # each caller has its own copy
    assert next(p for p in rules._profiles(folder) if p.id == "kg-2021").version()["files"][
        "kg-2021.yaml"] == hashlib.sha256(edited.read_bytes()).hexdigest()


def test_signatures_on_declared_names_are_noted_not_failed(done):
    code, report = verify(done)
    assert code == 0 and report["ok"] is True
    assert report["notes"] == [{
        "kind": "four_eyes_declared", "case": 1, "audit_id": 3,
        "message": "audit #3: 'sign_order' — four eyes rested on declared names ('head', "
                   "'clerk'): no login proved who drafted or signed"}]
    text = done("verify").stdout
    assert "note [four_eyes_declared] audit #3: 'sign_order'" in text


def test_a_step_judged_on_a_day_that_had_not_come_is_flagged(sample_muni, monkeypatch):
    """`MUNI_TODAY` set ahead of the machine's clock: the record's evaluation date is after
    the moment it was written, and verify says so (a note: tests and the demo do this)."""
    muni = sample_muni
    muni("case", "new", "working_group", "-m", "lipenka", "--data", CASE)
    monkeypatch.setenv("MUNI_TODAY", "2099-01-01")
    muni("advance", 1)
    code, report = verify(muni)
    assert code == 0 and report["findings"] == []
    [note] = report["notes"]
    assert note["kind"] == "evaluated_after_written" and note["audit_id"] == 2
    assert note["message"].startswith("audit #2: its rules were evaluated on 2099-01-01, a "
                                      "day that had not come when the record was written (")
    assert "note [evaluated_after_written] audit #2" in muni("verify").stdout
    history = muni.json("history", 1)
    assert history[1]["data"]["evaluation"]["clock"] == "declared"


def test_verify_since_an_anchor_checks_only_what_came_after(done):
    """The daily check of a large registry: the head written down yesterday, and today only
    the records after it and the cases they touched — all of those cases' records,
    documents and journal lines."""
    _, before = verify(done)
    anchor = before["head"]["hash"]
    second = working_group(done, ("clerk",))  # case 2: opened and drafted after the anchor
    code, report = verify(done, "--since", anchor)
    assert code == 0 and report["findings"] == []
    assert (report["records"], report["cases"], report["documents"]) == (3, 1, 1)
    assert report["head"]["id"] == 6 and report["since"] == anchor
    draft = Path(documents(done)[2])
    draft.write_bytes(draft.read_bytes() + b"edited")
    tamper(done.db_path, "UPDATE audit SET actor = 'someone else' WHERE id = 6;")
    code, report = verify(done, "--since", anchor)
    assert code == INTEGRITY_EXIT
    assert {(f["kind"], f["case"]) for f in report["findings"]} >= {
        ("record_altered", None), ("document_altered", second)}
    assert "since " + anchor in done("verify", "--since", anchor, ok=False).stdout


def test_verify_since_an_anchor_the_chain_no_longer_holds(done):
    code, report = verify(done, "--since", "0" * 63 + "1")
    assert code == INTEGRITY_EXIT and kinds(report) == {"anchor_missing"}


def test_a_committed_document_still_waiting_as_part_is_pending_not_missing(done):
    """A crash between COMMIT and the rename leaves the document as ``<name>.part`` with the
    recorded bytes: the step happened, the rename is pending (the next advance does it)."""
    order = Path(documents(done)[1])
    order.rename(order.with_name(order.name + ".part"))
    code, report = verify(done)
    assert code == 0 and report["findings"] == []
    assert report["pending"] == [{"case": 1, "audit_id": 3, "path": str(order)}]
    assert (f"[pending] {order}: committed, still waiting as .part"
            in done("verify").stdout)
    # a .part with other bytes is not that document: the document is missing
    part = order.with_name(order.name + ".part")
    part.write_bytes(part.read_bytes() + b"x")
    code, report = verify(done)
    assert code == INTEGRITY_EXIT and report["pending"] == []
    assert {(f["kind"], f["path"]) for f in report["findings"]} == {
        ("document_missing", str(order))}
