"""``verify`` with several processes (a large registry's cases cut into ranges of ids) gives
the report one process gives: the same findings, notes, pending documents and counts."""

from __future__ import annotations

import json

from conftest import working_group
from test_verify import tamper

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

