"""Council adoption through the `muni` command: cases, session, votes, explain, exit codes."""

from __future__ import annotations

import sqlite3

import yaml
from conftest import docx_text
from council_helpers import ALL_DEPUTIES, DEPUTIES, PLAN, SESSION


def test_adoption_through_the_cli(sample_muni):
    muni = sample_muni
    muni("import", DEPUTIES)
    draft = muni.json("case", "new", "council_decision", "-m", "lipenka", "--data", PLAN)
    assert draft["state"] == "draft_registered"
    d = draft["case"]
    examined = muni.json("advance", d, "-t", "examine")
    assert examined["documents"][0]["draft"] is True
    assert "ДОЛБООР" in docx_text(examined["documents"][0]["path"])

    ready = muni.json("council", "ready", "-m", "lipenka", "--on", "2026-12-10")
    assert [r["case"] for r in ready] == [d]

    session = yaml.safe_load(SESSION.read_text(encoding="utf-8"))
    session["agenda"][0]["draft"] = d
    s = muni.json("case", "new", "council_session", "-m", "lipenka", "--data",
                  muni.write("session.yaml", yaml.safe_dump(session, allow_unicode=True)))["case"]
    convened = muni.json("advance", s)
    assert convened["to"] == "convened"
    assert muni.json("advance", d, "-t", "schedule")["to"] == "on_agenda"

    early = muni("advance", d, "-t", "adopt", ok=False)
    assert early.exit_code == 4
    assert "draft.session_held: the session that lists this draft has not been held" in \
        early.output

    session["attendance"] = {"present": ALL_DEPUTIES[:12]}
    session["agenda"][0]["vote"] = {"roll_call": [
        {"deputy": p, "vote": "for" if i < 9 else "against"}
        for i, p in enumerate(ALL_DEPUTIES[:12])]}
    muni("case", "update", s, "--data",
         muni.write("votes.yaml", yaml.safe_dump({k: session[k] for k in
                                                  ("attendance", "agenda")},
                                                 allow_unicode=True)))
    assert muni.json("advance", s)["to"] == "held"

    explained = muni("explain", d)
    assert "Rule profile: kg-2021" in explained.output
    assert "✓ vote.majority: A decision needs a majority of the elected deputies" in \
        explained.output
    assert "9 votes for; 8 required (more than half of the elected deputies: 15)" in \
        explained.output
    assert "basis not verified" in explained.output

    assert muni.json("advance", d, "-t", "adopt")["to"] == "adopted"
    same = muni("advance", d, "-t", "sign", actor="clerk", ok=False)
    assert same.exit_code == 5 and "needs a second person" in same.output
    signed = muni.json("advance", d, "-t", "sign", actor="chair")
    assert signed["documents"][0]["number"] == 1
    assert "ЛИПЕНКА АЙЫЛДЫК КЕҢЕШИНИН ТОКТОМУ" in docx_text(signed["documents"][0]["path"])

    wrong = muni("advance", d, "-t", "include", ok=False)
    assert wrong.exit_code == 5
    assert f"case {d}: 'include' is not allowed in state 'signed'" in wrong.output

    con = sqlite3.connect(muni.db_path)
    assert con.execute("SELECT series, number FROM journal").fetchall() == [
        ("council_decisions", 1)]
    assert con.execute("SELECT state FROM cases ORDER BY id").fetchall() == [
        ("signed",), ("held",)]
    acts = muni.json("registry", "acts")
    assert [(a["case"], a["status"], a["adopted"]) for a in acts] == [
        (d, "signed", "2026-12-10")]


def test_bad_session_data_is_refused_at_intake(sample_muni):
    muni = sample_muni
    bad = {"session": {"number": 0, "convocation": 7, "kind": "weekly", "date": "2026-12-10"},
           "agenda": [{"draft": 1, "vote": {"yes": 3}}]}
    out = muni.json("case", "new", "council_session", "-m", "lipenka", "--data",
                    muni.write("bad.yaml", yaml.safe_dump(bad)), ok=False)
    assert out["error"] == "input"
    assert sorted(out["details"]) == sorted([
        "agenda[0].vote: Additional properties are not allowed ('yes' was unexpected)",
        "session.kind: 'weekly' is not one of ['ordinary', 'extraordinary']",
        "session.number: 0 is less than the minimum of 1",
    ])
