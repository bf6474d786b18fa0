"""`muni render CASE [--pdf]`: recorded documents checked against the audit log, PDFs next to
them; and the errors a clerk sees when LibreOffice is missing or produces nothing."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES, working_group

from muni.engine import pdf

CASE = EXAMPLES / "working_group_case.yaml"
needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice is not installed (apt package libreoffice-writer-nogui; "
           "scripts/bootstrap installs it when run as root)")


@pytest.fixture
def signed(sample_muni):
    """A case whose order is drafted and signed: two recorded documents."""
    return sample_muni, working_group(sample_muni, ("clerk", "head"))


def _counts(muni) -> tuple[int, int]:
    import sqlite3

    with sqlite3.connect(muni.db_path) as conn:
        return (conn.execute("SELECT count(*) FROM documents").fetchone()[0],
                conn.execute("SELECT count(*) FROM audit").fetchone()[0])


def test_render_without_pdf_checks_the_recorded_documents(signed):
    muni, case = signed
    out = muni.json("render", case)
    assert [(d["draft"], d["number"], d["status"]) for d in out["documents"]] == [
        (True, None, "ok"), (False, 12, "ok")]
    assert all(d["pdf"] is None for d in out["documents"])


@needs_soffice
def test_render_pdf_writes_the_signed_order_next_to_its_docx(signed):
    muni, case = signed
    before = _counts(muni)
    out = muni.json("render", case, "--pdf", "--no-drafts")
    [order] = out["documents"]
    assert order["number"] == 12 and order["pdf_written"] is True
    pdf_file = Path(order["pdf"])
    assert pdf_file == Path(order["path"]).with_suffix(".pdf")
    assert pdf_file.read_bytes().startswith(b"%PDF")
    assert _counts(muni) == before  # derived: nothing recorded
    again = muni.json("render", case, "--pdf", "--no-drafts")
    assert again["documents"][0]["pdf_written"] is False  # up to date: not converted again


def test_a_missing_docx_is_rendered_again_from_its_audit_record(signed):
    muni, case = signed
    order = muni.json("render", case, "--no-drafts")["documents"][0]
    path = Path(order["path"])
    original = path.read_bytes()
    path.unlink()
    out = muni.json("render", case, "--no-drafts")
    assert out["documents"][0]["status"] == "restored"
    assert path.read_bytes() == original


def test_a_docx_changed_after_registration_is_refused(signed):
    muni, case = signed
    order = muni.json("render", case, "--no-drafts")["documents"][0]
    with open(order["path"], "ab") as fh:
        fh.write(b"edited")
    result = muni("render", case, "--pdf", ok=False)
    assert result.exit_code == 3
    assert order["path"] in result.stderr and "changed after registration" in result.stderr


def test_missing_libreoffice_names_the_package_to_install(signed, monkeypatch, tmp_path):
    muni, case = signed
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    monkeypatch.delenv("MUNI_SOFFICE", raising=False)
    result = muni("render", case, "--pdf", "--json", ok=False)
    assert result.exit_code == 8
    assert '"error": "pdf"' in result.stdout
    assert pdf.SOFFICE_PACKAGE in result.stdout


def test_a_conversion_without_output_names_the_file(signed, monkeypatch, tmp_path):
    muni, case = signed
    fake = tmp_path / "bin" / "soffice"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\nexit 0\n")  # "succeeds", writes nothing
    fake.chmod(0o755)
    monkeypatch.setenv("MUNI_SOFFICE", str(fake))
    result = muni("render", case, "--pdf", "--no-drafts", ok=False)
    assert result.exit_code == 8
    assert "working_group_order-no12.ky.docx: no PDF produced" in result.stderr
    assert "wrote no PDF" in result.stderr


def test_same_named_documents_share_one_call_and_each_pdf_lands_by_its_own(tmp_path):
    """Every case's draft has the same file name; they used to fall into one LibreOffice call
    each (issue 15: 50 documents in 25 calls). Now each call converts numbered copies: one
    call per worker, and each PDF next to the document it was made from."""
    paths = []
    for case in range(6):
        docx = tmp_path / f"case-{case}" / "01-draft_order-working_group_order-draft.ky.docx"
        docx.parent.mkdir()
        docx.write_bytes(f"document of case {case}".encode())
        paths.append(docx)
    calls = tmp_path / "calls.log"
    fake = tmp_path / "bin" / "soffice"
    fake.parent.mkdir()
    # a stand-in that "converts" by copying each input to <outdir>/<stem>.pdf
    fake.write_text(f"""#!/bin/sh
echo call >> {calls}
while [ "$1" != "--outdir" ]; do shift; done
out="$2"; shift 2
for f in "$@"; do n=$(basename "$f" .docx); {{ printf '%%PDF '; cat "$f"; }} > "$out/$n.pdf"; done
""")
    fake.chmod(0o755)
    done = pdf.convert(paths, workers=2, soffice=str(fake))
    assert calls.read_text().count("call") == 2
    assert [c.docx for c in done] == paths
    for case, converted in enumerate(done):
        assert converted.pdf == paths[case].with_suffix(".pdf")
        assert converted.pdf.read_bytes() == f"%PDF document of case {case}".encode()
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == sorted(
        ["calls.log", "soffice"] + [p.name for p in paths] + [p.with_suffix(".pdf").name
                                                              for p in paths])


@needs_soffice
def test_advance_pdf_writes_the_pdf_of_each_new_document(sample_muni):
    muni = sample_muni
    case = muni.json("case", "new", "working_group", "-m", "lipenka", "--data", CASE)["case"]
    out = muni.json("advance", case, "--pdf", actor="clerk")
    [draft] = out["documents"]
    assert draft["pdf"] == str(Path(draft["path"]).with_suffix(".pdf"))
    assert Path(draft["pdf"]).read_bytes().startswith(b"%PDF")
    signed = muni("advance", case, "--pdf", actor="head").stdout.splitlines()
    assert signed[1].endswith("-working_group_order-no12.ky.docx № 12")
    assert signed[2].endswith("-working_group_order-no12.ky.pdf")  # the clerk sees the PDF


def test_advance_pdf_failure_says_the_step_is_recorded(sample_muni, monkeypatch, tmp_path):
    muni = sample_muni
    case = muni.json("case", "new", "working_group", "-m", "lipenka", "--data", CASE)["case"]
    path = os.environ["PATH"]
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    monkeypatch.delenv("MUNI_SOFFICE", raising=False)
    result = muni("advance", case, "--pdf", actor="clerk", ok=False)
    assert result.exit_code == 8
    assert "the step(s) are recorded" in result.stderr
    assert f"muni render {case} --pdf" in result.stderr
    monkeypatch.setenv("PATH", path)
    assert muni.json("case", "show", case)["state"] == "order_drafted"
