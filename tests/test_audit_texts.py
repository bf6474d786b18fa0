"""Verdict texts stored once (schema 6): a record names each rule's title, basis, citation and
status by its SHA-256 instead of repeating them, and nothing a reader or ``verify`` needs is
lost — for records written that way and for records written whole before it."""

from __future__ import annotations

import json
import sqlite3

import pytest
from conftest import working_group
from hypothesis import given, settings
from hypothesis import strategies as st
from test_verify import INTEGRITY_EXIT, kinds, tamper, verify

from muni.engine.data import jsonable
from muni.engine.render import number_hole
from muni.registry import audit


def stored_guards(db_path, audit_id: int) -> list[dict]:
    con = sqlite3.connect(db_path)
    text = con.execute("SELECT guards FROM audit WHERE id = ?", [audit_id]).fetchone()[0]
    con.close()
    return json.loads(text)


def texts_table(db_path) -> dict[str, str]:
    con = sqlite3.connect(db_path)
    rows = dict(con.execute("SELECT hash, body FROM audit_texts"))
    con.close()
    return rows


def test_a_record_names_the_shared_texts_and_history_gives_them_back(sample_muni):
    muni = sample_muni
    case = working_group(muni)
    sign = stored_guards(muni.db_path, 3)
    # what the check found is kept as its key and values (``say``); the words are the
    # catalogs', given when read — no English copy is stored since 1 December 2026
    assert sign and all(set(v) == {"rule", "ok", "severity", "params", "profile",
                                   "say", "text"} for v in sign)
    shared = texts_table(muni.db_path)
    assert {v["text"] for v in sign} <= set(shared)
    for key, body in shared.items():
        assert audit.text_hash(body) == key
        assert set(json.loads(body)) == set(audit.SHARED_VERDICT_FIELDS)
    # a second case judged under the same profile adds no text
    before = len(shared)
    working_group(muni)
    assert len(texts_table(muni.db_path)) == before

    explained = muni.json("explain", case, "--at", "2026-11-22")
    [step] = [s for s in explained["history"] if s["trigger"] == "sign_order"]
    head = next(g for g in step["guards"] if g["rule"] == "order.signer_is_head")
    assert head["message"] == "Асанов Бакыт Кадырбекович is the head on record on 2026-11-20"
    assert "Law No. 123 of 20.10.2021" in head["basis"]
    assert head["title"] and head["cite"]["ky"] and "verified" in head["status"]
    assert "text" not in head


def test_records_written_whole_before_schema_6_still_verify_and_explain(sample_muni,
                                                                         monkeypatch):
    """A registry a muni before schema 6 wrote: every verdict whole in its record."""
    muni = sample_muni
    with monkeypatch.context() as m:
        m.setattr(audit, "share_texts", lambda db, guards, written=None: guards)
        case = working_group(muni)
    assert texts_table(muni.db_path) == {}
    old = stored_guards(muni.db_path, 3)
    assert "basis" in old[0] and "text" not in old[0]
    code, report = verify(muni)
    assert code == 0 and report["findings"] == []
    explained = muni.json("explain", case, "--at", "2026-11-22")
    [step] = [s for s in explained["history"] if s["trigger"] == "sign_order"]
    head = next(g for g in step["guards"] if g["rule"] == "order.signer_is_head")
    assert "Law No. 123 of 20.10.2021" in head["basis"]

    # new steps beside the old ones share their texts; both kinds verify and explain
    new_case = working_group(muni)
    assert stored_guards(muni.db_path, 7)[0].keys() >= {"text"}
    code, report = verify(muni)
    assert code == 0 and report["findings"] == []
    for c in (case, new_case):
        explained = muni.json("explain", c, "--at", "2026-11-22")
        [step] = [s for s in explained["history"] if s["trigger"] == "sign_order"]
        assert {g["rule"]: g["basis"] for g in step["guards"]}["order.signer_is_head"] \
            == head["basis"]


@pytest.fixture
def done(sample_muni):
    working_group(sample_muni)
    return sample_muni


def drop_text_triggers(sql: str) -> str:
    return ("DROP TRIGGER IF EXISTS audit_texts_no_update;\n"
            "DROP TRIGGER IF EXISTS audit_texts_no_delete;\n" + sql)


def test_an_edited_shared_text_is_caught(done):
    key = stored_guards(done.db_path, 3)[0]["text"]
    tamper(done.db_path, drop_text_triggers(
        f"UPDATE audit_texts SET body = replace(body, 'basis', 'BASIS') WHERE hash = '{key}';"))
    code, report = verify(done)
    assert code == INTEGRITY_EXIT and kinds(report) == {"verdict_text_altered"}
    assert key[:16] in report["findings"][0]["message"]


def test_a_deleted_shared_text_is_caught(done):
    key = stored_guards(done.db_path, 3)[0]["text"]
    tamper(done.db_path, drop_text_triggers(f"DELETE FROM audit_texts WHERE hash = '{key}';"))
    code, report = verify(done)
    assert code == INTEGRITY_EXIT and kinds(report) == {"verdict_text_missing"}
    assert {f["audit_id"] for f in report["findings"]} >= {3}


def test_the_shared_texts_are_append_only(done):
    con = sqlite3.connect(done.db_path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        con.execute("DELETE FROM audit_texts")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        con.execute("UPDATE audit_texts SET body = '{}'")
    con.close()


def test_a_shared_text_made_before_is_the_text_of_these_values():
    """``shared_text`` keeps what it made, by the pickle of the values: values a JSON reader
    would call equal but that encode differently (True, 1, 1.0) never share a text."""
    base = {"title": "T", "basis": "B", "verified": True, "status": {"current": True},
            "cite": {"ky": "Мыйзам"}, "titles": {"en": "T"}}
    variants = [base, {**base, "verified": 1}, {**base, "verified": 1.0},
                {**base, "status": {"current": 1}}, {**base, "titles": {"en": "Т"}},
                {**base, "cite": {"ky": "Мыйзам", "ru": None}}, base]
    keys = set()
    for values in variants:
        body = audit.canonical(values)
        assert audit.shared_text(dict(values)) == (audit.text_hash(body), body)
        assert audit.shared_text(dict(values)) == (audit.text_hash(body), body)
        keys.add(audit.text_hash(body))
    assert len(keys) == 6


_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8)
    | st.dates() | st.decimals(allow_nan=False, allow_infinity=False)
    | st.builds(number_hole),
    lambda inner: st.lists(inner, max_size=3) | st.tuples(inner, inner)
    | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=12)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(max_size=6), _VALUES, max_size=4))
def test_a_context_is_recorded_as_its_json_ready_copy_would_be(context):
    """The audit records a document's context as it was rendered — dates, decimals, tuples,
    the number's hole — and writes exactly the text its ``jsonable`` copy gave when the
    copy was made for it: the records, and so their hashes, are what they were."""
    assert audit.canonical(context) == audit.canonical(jsonable(context))


def test_records_a_transaction_writes_chain_to_each_other_not_to_a_row_read_once(db):
    """``audit.Written`` holds the chain's last record as the transaction wrote it: a
    second record in one step follows the first; a rolled-back step's record is forgotten
    and the next follows the last record kept; every link holds."""
    from muni.registry.db import savepoint, write_transaction

    written = audit.Written()

    def record(db, case_id):
        return audit.append(db, case_id=case_id, at="2026-11-21T00:00:00Z", actor="clerk",
                            trigger="update_data", from_state=None, to_state="s",
                            profile=None, guards=[], data={"n": case_id}, documents=[],
                            written=written)

    case = db.execute("INSERT INTO cases(workflow, municipality, state, data, created_at, "
                      "updated_at) VALUES ('working_group', 'lipenka', 's', '{}', 'x', 'x')"
                      ).lastrowid
    with write_transaction(db):
        with savepoint(db):
            first = record(db, case)
        written.keep()
        with savepoint(db):  # two records in one step, after a step kept
            second, third = record(db, case), record(db, case)
        written.keep()
        with pytest.raises(RuntimeError, match="boom"), savepoint(db):
            record(db, case)
            raise RuntimeError("boom")
        written.forget()
        fourth = record(db, case)
        written.keep()
    assert [second, third, fourth] == [first + 1, first + 2, first + 3]
    chain = db.execute("SELECT id, prev_hash, hash FROM audit ORDER BY id").fetchall()
    assert all(chain[i][1] == chain[i - 1][2] for i in range(1, len(chain)))
    assert [r[0] for r in chain[-4:]] == [first, second, third, fourth]
