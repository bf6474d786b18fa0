"""Each PDF muni makes is recorded with its SHA-256, tied to the audit record of the step
that issued its document (issue 13 item 9), and `muni verify` checks the PDFs on disk
against it: a reviewer holding a signed PDF can match it to muni's record."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

from conftest import EXAMPLES, working_group
from test_render_pdf_cli import needs_soffice
from test_verify import INTEGRITY_EXIT, tamper

CASE = EXAMPLES / "working_group_case.yaml"


def _pdf_rows(muni) -> list[dict]:
    con = sqlite3.connect(muni.db_path)
    con.row_factory = sqlite3.Row
    return [dict(r) for r in con.execute("SELECT * FROM pdfs ORDER BY id")]


def _sha(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@needs_soffice
def test_advance_pdf_records_the_pdfs_hash_with_its_step(sample_muni):
    muni = sample_muni
    case = working_group(muni, ("clerk",))           # the order drafted
    step = muni.json("advance", case, "--pdf", actor="head")  # signed: order № 12 and its PDF
    [order] = step["documents"]
    assert order["number"] == 12
    assert order["pdf_sha256"] == _sha(order["pdf"])
    [row] = _pdf_rows(muni)
    assert (row["case_id"], row["audit_id"], row["actor"]) == (case, step["audit_id"], "head")
    assert (row["path"], row["sha256"]) == (order["pdf"], order["pdf_sha256"])
    assert row["docx_sha256"] == order["sha256"] == _sha(order["path"])
    result = muni("verify", "--json")
    assert result.exit_code == 0, result.output


@needs_soffice
def test_render_pdf_records_each_pdf_once_and_verify_finds_a_changed_one(sample_muni):
    muni = sample_muni
    case = working_group(muni, ("clerk", "head"))
    out = muni.json("render", case, "--pdf", "--no-drafts", "--actor", "aigul")
    [order] = out["documents"]
    assert order["pdf_sha256"] == _sha(order["pdf"])
    [row] = _pdf_rows(muni)
    assert row["actor"] == "aigul" and row["sha256"] == order["pdf_sha256"]
    signed = sqlite3.connect(muni.db_path).execute(
        "SELECT id FROM audit WHERE case_id = ? AND trigger = 'sign_order'", [case]
    ).fetchone()[0]
    assert row["audit_id"] == signed
    text = muni("render", case, "--pdf", "--no-drafts").stdout
    assert f"  sha256 {order['pdf_sha256']}" in text
    assert len(_pdf_rows(muni)) == 1  # up to date, same bytes: not recorded twice

    # a PDF replaced after muni made it
    with open(order["pdf"], "ab") as fh:
        fh.write(b"% edited\n")
    result = muni("verify", "--json", ok=False)
    assert result.exit_code == INTEGRITY_EXIT
    [changed] = [f for f in json.loads(result.stdout)["findings"] if f["kind"] == "pdf_changed"]
    assert changed["path"] == order["pdf"] and changed["audit_id"] == signed
    assert changed["message"].startswith(f"{order['pdf']}: differs from the PDF muni made "
                                         f"(sha256 {_sha(order['pdf'])[:12]}…, recorded "
                                         f"{order['pdf_sha256'][:12]}…")

    # made again (--force): a new record of the new PDF, and verify is content again
    again = muni.json("render", case, "--pdf", "--no-drafts", "--force")
    assert len(_pdf_rows(muni)) == 2
    assert again["documents"][0]["pdf_sha256"] == _sha(order["pdf"])
    assert muni("verify", "--json").exit_code == 0


@needs_soffice
def test_an_edited_pdf_record_breaks_the_pdf_logs_chain(sample_muni):
    muni = sample_muni
    case = working_group(muni, ("clerk", "head"))
    muni.json("render", case, "--pdf", "--no-drafts")
    tamper(muni.db_path, "DROP TRIGGER pdfs_no_update; "
                         "UPDATE pdfs SET sha256 = sha256 || '0';")
    result = muni("verify", "--json", ok=False)
    assert result.exit_code == INTEGRITY_EXIT
    kinds = {f["kind"] for f in json.loads(result.stdout)["findings"]}
    assert {"pdf_record_altered", "pdf_changed"} <= kinds
