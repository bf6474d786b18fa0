"""`muni review CASE --out FILE.html|.md`: the reviewer's page, parsed back as HTML."""

from __future__ import annotations

import datetime as dt
import sqlite3
import urllib.parse
from pathlib import Path

import lxml.html
import pytest
from conftest import EXAMPLES, working_group

from muni.engine import review
from muni.engine.actor import Actor
from muni.engine.contexts import working_group as wg_context  # noqa: F401  (registers it)

CASE = EXAMPLES / "working_group_case.yaml"
ODD_ACTOR = '<script>alert("x")</script> Ак & Көк'


@pytest.fixture
def done(sample_muni):
    working_group(sample_muni, ("clerk", "head", ODD_ACTOR))
    return sample_muni


def page(muni, name: str = "review/case-1.html") -> tuple[Path, lxml.html.HtmlElement, dict]:
    out = muni.tmp / name
    result = muni.json("review", 1, "--out", out)
    return out, lxml.html.fromstring(out.read_text(encoding="utf-8")), result


def db_documents(muni) -> list[tuple[str, str]]:
    con = sqlite3.connect(muni.db_path)
    return con.execute("SELECT path, sha256 FROM documents ORDER BY id").fetchall()


def test_the_page_shows_the_timeline_documents_and_rules(done):
    out, doc, result = page(done)
    assert result["path"] == str(out.resolve()) and result["format"] == "html"
    assert (result["records"], result["documents"]) == (4, 2)
    assert result["documents_ok"] is True and result["integrity_ok"] is True

    rows = doc.xpath('//table[@id="timeline"]/tbody/tr')
    assert [r.get("data-trigger") for r in rows] == ["open", "draft_order", "sign_order",
                                                     "start_work"]
    assert [r.get("data-audit-id") for r in rows] == ["1", "2", "3", "4"]
    actors = [r.xpath('./td[@class="actor"]')[0].text_content() for r in rows]
    # No login proved these names (no accounts): the page says they were declared.
    assert actors == [f"{a} (declared)" for a in ("clerk", "clerk", "head", ODD_ACTOR)]
    sign = rows[2].text_content()
    assert "order_drafted → order_registered" in sign
    assert "four eyes: prepared by clerk" in sign and "kg-2021" in sign and "8 ✓" in sign

    docs = doc.xpath('//table[@id="documents"]/tbody/tr')
    assert [(d.get("data-sha256"), d.get("data-status")) for d in docs] == [
        (sha, "ok") for _, sha in db_documents(done)]
    for row, (path, sha) in zip(docs, db_documents(done), strict=True):
        href = row.xpath(".//a")[0].get("href")
        assert not href.startswith("file:")  # relative: the archive moves as a whole
        target = (out.parent / urllib.parse.unquote(href)).resolve()
        assert target == Path(path) and target.exists()
        assert sha in row.text_content()
    assert "№" not in docs[0].text_content() and "12" in docs[1].xpath("./td")[2].text_content()

    step3 = doc.get_element_by_id("step-3")
    guards = {tr.get("data-rule"): tr for tr in step3.xpath(".//table[@class='guards']/tbody/tr")}
    assert set(guards) >= {"order.signer_is_head", "group.min_size", "group.gender_balance"}
    assert all(tr.get("data-ok") == "true" for tr in guards.values())
    min_size = guards["group.min_size"].text_content()
    assert "the group has 8 members (at least 6)" in min_size
    assert "seed 002 L996" in min_size and "min = 6" in min_size
    assert "Rule profile kg-2021" in step3.text_content()
    assert doc.get_element_by_id("integrity").get("class") == "ok"


def test_all_data_is_escaped(done):
    out, doc, _ = page(done)
    assert doc.xpath("//script") == []
    assert ODD_ACTOR not in out.read_text(encoding="utf-8")  # only its escaped form
    assert "&lt;script&gt;" in out.read_text(encoding="utf-8")


def test_an_altered_document_shows_on_the_page(done):
    path = Path(db_documents(done)[1][0])
    path.write_bytes(path.read_bytes() + b"\0")
    _, doc, result = page(done)
    assert result["documents_ok"] is False and result["integrity_ok"] is False
    statuses = [d.get("data-status") for d in doc.xpath('//table[@id="documents"]/tbody/tr')]
    assert statuses == ["ok", "altered"]
    assert "ALTERED" in doc.xpath('//table[@id="documents"]/tbody/tr')[1].text_content()
    assert [li.get("data-kind") for li in doc.xpath('//ul[@id="findings"]/li')] == [
        "document_altered"]
    assert doc.get_element_by_id("integrity").get("class") == "fail"


def test_markdown_page(done):
    out = done.tmp / "case-1.md"
    result = done.json("review", 1, "--out", out)
    assert result["format"] == "md"
    text = out.read_text(encoding="utf-8")
    assert ("| 3 | 2026-11-21 | head (declared) | `sign_order` | order\\_drafted → "
            "order\\_registered |") in text
    for _, sha in db_documents(done):
        assert f"`{sha}`" in text
    assert "\\<script\\>" in text and "<script>" not in text
    assert "| `group.min_size` The working group has at least 6 members | ✓ holds |" in text


def test_wrong_suffix_is_an_input_error(done):
    result = done("review", 1, "--out", done.tmp / "x.pdf", ok=False)
    assert result.exit_code == 3
    assert "name an .html or .md file" in result.stderr


def test_deadlines_met_missed_and_pending(db, monkeypatch, tmp_path):
    """Deadlines come from the ``@deadline`` beside a rule's check (``guards.deadlines_for``);
    the page says met, missed, overdue or pending as of the review date."""
    from muni.engine import guards, intake

    def deadlines(facts, profile):
        return [
            {"what": "notify the council", "due": dt.date(2026, 11, 25), "met": True},
            {"what": "publish the order", "due": dt.date(2026, 11, 22), "met": False},
            {"what": "first meeting", "due": dt.date(2026, 11, 20), "met": None},
            {"what": "report <back>", "due": dt.date(2026, 12, 20), "met": None},
        ]

    monkeypatch.setitem(guards.deadlines_for("working_group"), "group.min_size", deadlines)
    case = intake.open_case(db, "working_group", "lipenka",
                            intake.read_data_file(CASE), actor=Actor("clerk"))
    out = tmp_path / "p.html"
    review.write_review(db, case, out, today=dt.date(2026, 11, 21))
    doc = lxml.html.fromstring(out.read_text(encoding="utf-8"))
    rows = doc.xpath('//table[@id="deadlines"]/tbody/tr')
    assert [r.get("data-status") for r in rows] == ["met", "missed", "overdue", "pending"]
    assert rows[3].xpath("./td")[0].text_content() == "report <back>"


def findings_on(doc: lxml.html.HtmlElement) -> list[tuple[str, str]]:
    return [(li.get("data-kind"), li.text_content())
            for li in doc.xpath('//ul[@id="findings"]/li')]


def test_the_page_checks_this_cases_records_and_their_links_in_the_chain(done):
    """The page recomputes the hashes of this case's records and checks their links to the
    records beside them; another case's edited content is ``muni verify``'s to find — so a
    review costs the same few lookups at 100,000 cases as at ten."""
    from test_verify import tamper

    other = working_group(done, ("clerk",))           # case 2: records 5 and 6
    _, doc, result = page(done)
    assert result["integrity_ok"] is True and "linked to the records beside it" in \
        " ".join(doc.get_element_by_id("integrity").text_content().split())
    full = done.json("verify")
    assert doc.xpath('//span[@class="hash"]')[0].text == full["head"]["hash"]

    # another case's record edited, its hash left: not this page's, but muni verify's
    tamper(done.db_path, f"UPDATE audit SET actor = 'someone' WHERE case_id = {other} "
                         "AND id = 6;")
    _, doc, result = page(done, "review/case-1-b.html")
    assert result["integrity_ok"] is True
    assert [f["kind"] for f in done.json("verify", ok=False)["findings"]] == ["record_altered"]

    # this case's record edited: named
    tamper(done.db_path, "UPDATE audit SET actor = 'someone' WHERE id = 3;")
    _, doc, result = page(done, "review/case-1-c.html")
    assert result["integrity_ok"] is False
    assert findings_on(doc) == [("record_altered", "audit #3: content does not match its hash "
                                                   "(edited)")]

    # a record of the other case deleted beside this case's last: the link after the gap
    tamper(done.db_path, "UPDATE audit SET actor = 'head' WHERE id = 3; "
                         "DELETE FROM audit WHERE id = 5;")
    _, doc, result = page(done, "review/case-1-d.html")
    assert ("chain_broken", "audit #6: previous-hash link does not match the record before "
            "it (a record was deleted, inserted or reordered)") in findings_on(doc)
