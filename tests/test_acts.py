"""Normative acts: the State Register, publication, entry into force, oversight, links."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import docx
import pytest
from council_helpers import NORMATIVE, PLAN, Council, council_registry, data

from muni.engine import acts, explain, rules
from muni.engine.actor import Actor
from muni.engine.errors import GuardFailed

SENT = {"sent": "2026-12-14", "pages": 7,
        "attachments": [{"ky": "Токтомдун түп нускасы", "ru": "Подлинник постановления"}]}
PUBLICATION = {"source": {"ky": "«Липенка жаңылыктары» гезити",
                          "ru": "газета «Липенка жаңылыктары»"}, "date": "2027-01-05"}


@pytest.fixture
def council(tmp_path):
    db = council_registry(tmp_path / "muni.db")
    yield Council(db, tmp_path / "docs")
    db.close()


def signed_normative(c: Council, number: int = 7, date: str = "2026-12-10", **draft) -> int:
    case = c.discussed_normative(**draft)
    c.adopted(case, number=number, date=date, notice="2026-12-01")
    c.step(case, "adopt", date)
    c.step(case, "sign", date, actor="chair")
    return case


def in_force(c: Council, case: int, number: str = "LIP-2027-0001") -> None:
    sent = {**SENT, "sent": "2026-12-28"}
    c.update(case, {"register": sent})
    c.step(case, "send_to_register", "2026-12-28")
    c.update(case, {"register": {**sent, "number": number, "date": "2027-01-03"}})
    c.step(case, "include", "2027-01-03")
    c.update(case, {"publication": PUBLICATION})
    c.step(case, "publish", "2027-01-05")
    c.step(case, "enter_into_force", "2027-01-15")


def test_normative_act_to_in_force_with_cover_letter(council):
    c = council
    case = signed_normative(c)
    with pytest.raises(GuardFailed) as early:
        c.update(case, {"publication": PUBLICATION})
        c.step(case, "publish", "2027-01-05")
    assert early.value.details[0].startswith(
        "act.not_normative: a normative act is published after its inclusion in the State "
        "Register; use send_to_register")
    c.update(case, {"register": SENT})
    letter = c.step(case, "send_to_register", "2026-12-14").documents[0]
    assert (letter["template"], letter["number"]) == ("act_register_letter", 1)
    paras = [p.text for p in docx.Document(letter["path"]).paragraphs]
    assert "2026-жылдын 14-декабры № 1\tЛипенка айылы" in paras
    assert "Юстиция министрлигине" in paras
    assert "1. Токтомдун түп нускасы" in paras
    rows = [[c_.text for c_ in r.cells] for t in docx.Document(letter["path"]).tables
            for r in t.rows]
    assert ["1", "Липенка айыл аймагынын аймагын тазалоо жана көрктөндүрүү эрежелерин бекитүү "
            "жөнүндө", "2026-жылдын 10-декабрындагы № 1", "VII чакырылыштын VII сессиясы",
            "7"] in rows
    c.update(case, {"register": {**SENT, "number": "LIP-2027-0001", "date": "2027-01-03"}})
    c.step(case, "include", "2027-01-03")
    c.step(case, "publish", "2027-01-05")
    with pytest.raises(GuardFailed) as not_yet:
        c.step(case, "enter_into_force", "2027-01-14")
    assert not_yet.value.details[0].startswith(
        "act.in_force_date: the act enters into force on 2027-01-15")
    c.step(case, "enter_into_force", "2027-01-15")
    [row] = acts.list_acts(c.db)
    assert {k: row[k] for k in ("type", "number", "session", "adopted", "sent", "included",
                                "register_number", "published", "in_force", "status")} == {
        "type": "normative_act", "number": 1, "session": "7/7", "adopted": "2026-12-10",
        "sent": "2026-12-14", "included": "2027-01-03", "register_number": "LIP-2027-0001",
        "published": "2027-01-05", "in_force": "2027-01-15", "status": "in_force"}
    chain = acts.chain(c.db, case)
    assert [s["step"] for s in chain["steps"]] == [
        "open", "examine", "open_discussion", "close_discussion", "schedule", "adopt", "sign",
        "send_to_register", "include", "publish", "enter_into_force"]
    assert chain["sessions"][0]["required"] == (
        "more than half of the elected deputies — 8 (vote.majority, kg-2021)")


def test_refusal_then_conforming_decision_and_links_both_ways(council):
    c = council
    old = signed_normative(c)
    c.update(old, {"register": SENT})
    c.step(old, "send_to_register", "2026-12-14")
    with pytest.raises(GuardFailed):
        c.step(old, "refuse", "2027-01-03")
    c.update(old, {"refusal": {"date": "2027-01-03", "grounds": {"ky": "3-пункт мыйзамга "
                                                                        "каршы келет"}}})
    c.step(old, "refuse", "2027-01-03")
    with pytest.raises(GuardFailed) as pending:
        c.step(old, "bring_into_conformity", "2027-01-04")
    assert pending.value.details[0].startswith(
        f"act.conformity_decision: no signed council decision replaces this act "
        f"(draft.replaces: {old})")
    new = signed_normative(c, number=8, date="2026-12-20", replaces=old)
    c.step(old, "bring_into_conformity", "2026-12-21")
    in_force(c, new)
    rows = {r["case"]: r for r in acts.list_acts(c.db)}
    assert rows[old]["status"] == "superseded" and rows[old]["register_number"] is None
    assert rows[old]["links"] == {"replaced_by": [new]}
    assert rows[new]["links"] == {"replaces": [old]}
    assert rows[new]["status"] == "in_force"


def test_withdrawal_register_number_unique_and_overdue(council):
    c = council
    first = signed_normative(c)
    in_force(c, first, number="LIP-1")
    second = signed_normative(c, number=8, date="2026-12-20")
    assert acts.overdue(c.db, dt.date(2027, 1, 25)) == [{
        "case": second, "workflow": "council_decision", "municipality": "lipenka",
        "state": "signed", "what": "send the act for inclusion in the State Register",
        "rule": "act.register_deadline", "due": "2027-01-19", "days_overdue": 6,
        "basis": rules.profile_for(dt.date(2026, 12, 20)).rule("act.register_deadline").basis}]
    explained = explain.explain(c.db, second, today=dt.date(2027, 1, 25))
    send = next(t for t in explained["triggers"] if t["trigger"] == "send_to_register")
    deadline = next(g for g in send["guards"] if g["rule"] == "act.register_deadline")
    assert (deadline["ok"], deadline["severity"], deadline["message"]) == (
        False, "warn", "not sent; the deadline was 2027-01-19 (30 days after 2026-12-20)")
    assert explained["profile"]["id"] == "kg-2021"
    c.update(second, {"register": {**SENT, "sent": "2027-01-25"}})
    c.step(second, "send_to_register", "2027-01-25")   # late: warned, not blocked
    c.update(second, {"register": {**SENT, "sent": "2027-01-25", "number": "LIP-1",
                                   "date": "2027-02-01"}})
    with pytest.raises(GuardFailed) as dup:
        c.step(second, "include", "2027-02-01")
    assert dup.value.details[0].startswith(
        f"act.register_number_unique: register number LIP-1 is already recorded for case "
        f"{first}")
    c.update(second, {"refusal": {"date": "2027-02-01", "grounds": {"ky": "негиз"}},
                      "withdrawal": {"date": "2027-02-03", "basis": {"ky": "кеңештин чечими"}}})
    c.step(second, "refuse", "2027-02-01")
    c.step(second, "withdraw", "2027-02-03")
    assert c.state(second) == "withdrawn"


def test_oversight_suspend_annul_reinstate_and_repeal(council):
    c = council
    a = signed_normative(c)
    in_force(c, a, number="LIP-A")
    with pytest.raises(GuardFailed):
        c.step(a, "suspend", "2027-02-01")
    c.update(a, {"oversight": {"suspension": {
        "date": "2027-02-01", "by": {"ky": "Түп районунун прокурору"},
        "document": "протест № 7-12/27", "prosecutor_notified": "2027-02-01"}}})
    c.step(a, "suspend", "2027-02-01")
    c.update(a, {"oversight": {"court": {"date": "2027-03-01", "court": {"ky": "Түп райондук "
                                                                              "соту"},
                                         "document": "№ 2-45/27", "outcome": "reinstated"}}})
    c.step(a, "reinstate", "2027-03-01")
    assert c.state(a) == "in_force"
    repealing = signed_normative(c, number=8, date="2026-12-20", repeals=[a])
    with pytest.raises(GuardFailed) as early:
        c.step(a, "repeal", "2027-01-20")
    assert early.value.details[0].startswith(
        f"act.repealing_act_in_force: no act in force repeals this one (draft.repeals: [{a}])")
    in_force(c, repealing, number="LIP-B")
    c.step(a, "repeal", "2027-03-10")
    rows = {r["case"]: r for r in acts.list_acts(c.db)}
    assert rows[a]["status"] == "repealed" and rows[a]["links"] == {"repealed_by": [repealing]}
    assert rows[repealing]["links"] == {"repeals": [a]}
    # a second act through suspension to annulment
    b = signed_normative(c, number=9, date="2026-12-22")
    in_force(c, b, number="LIP-C")
    c.update(b, {"oversight": {"suspension": {
        "date": "2027-02-01", "by": {"ky": "прокурор"}, "document": "протест № 8",
        "prosecutor_notified": "2027-02-01"}, "court": {
        "date": "2027-03-01", "court": {"ky": "сот"}, "document": "№ 2-46/27",
        "outcome": "annulled"}}})
    c.step(b, "suspend", "2027-02-01")
    c.step(b, "annul", "2027-03-01")
    assert c.state(b) == "annulled"


def test_cli_registry_acts_export_and_journal(council, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from muni.cli import main

    c = council
    case = signed_normative(c)
    in_force(c, case)
    plan = c.examined_plan()
    c.adopted(plan, number=8, date="2026-12-20", notice="2026-12-10")
    c.step(plan, "adopt", "2026-12-20")
    c.step(plan, "sign", "2026-12-21", actor="chair")
    monkeypatch.setenv("MUNI_DB", str(tmp_path / "muni.db"))
    run = CliRunner()
    out = run.invoke(main, ["registry", "acts", "--json"])
    assert out.exit_code == 0, out.output
    assert [(r["case"], r["type"], r["number"]) for r in json.loads(out.output)] == [
        (case, "normative_act", 1), (plan, "decision", 2)]
    out = run.invoke(main, ["registry", "acts", "--type", "normative_act", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(out.output)))
    assert [(r["case"], r["register_number"], r["in_force"]) for r in rows] == [
        (str(case), "LIP-2027-0001", "2027-01-15")]
    target = tmp_path / "acts.json"
    out = run.invoke(main, ["registry", "acts", "--status", "signed", "--format", "json",
                            "--output", str(target)])
    assert out.output == f"Wrote 1 acts to {target}\n"
    assert json.loads(target.read_text())[0]["case"] == plan
    journal = run.invoke(main, ["registry", "journal", "--series", "council_decisions"])
    assert journal.output.splitlines() == [
        f"lipenka council_decisions 2026 № 1    2026-12-10 case {case} council_decision",
        f"lipenka council_decisions 2026 № 2    2026-12-20 case {plan} council_decision"]
    alias = run.invoke(main, ["journal", "--series", "council_decisions"])
    assert alias.output == journal.output
    chain = run.invoke(main, ["registry", "act", str(case)])
    assert "session 7/7 of 2026-12-10 (11 of 15 present): for 10, against 0, abstained 1; " \
           "required more than half of the elected deputies — 8 (vote.majority, kg-2021) → " \
           "adopted" in chain.output
    assert ("2027-01-15 enter_into_force: published → in_force by clerk (declared) [kg-2021]"
            in chain.output)
    overdue = run.invoke(main, ["status", "--overdue", "--json"], env={"MUNI_TODAY":
                                                                      "2027-01-05"})
    assert json.loads(overdue.output) == []
    missing = run.invoke(main, ["registry", "act", "999"])
    assert missing.exit_code == 3 and "no council decision case 999" in missing.output
    assert data(PLAN)["draft"]["normative"] is False and data(NORMATIVE)["draft"]["normative"]


def test_cover_letter_is_numbered_in_the_year_it_is_sent(council):
    c = council
    case = signed_normative(c, date="2026-12-10")
    c.update(case, {"register": {**SENT, "sent": "2027-01-04"}})
    letter = c.step(case, "send_to_register", "2027-01-04").documents[0]
    assert "2027-жылдын 4-январы № 1\tЛипенка айылы" in [
        p.text for p in docx.Document(letter["path"]).paragraphs]
    assert c.db.execute("SELECT series, year, number, act_date FROM journal ORDER BY id"
                        ).fetchall() == [("council_decisions", 2026, 1, "2026-12-10"),
                                         ("council_letters", 2027, 1, "2027-01-04")]


def test_cli_status_overdue_lists_acts_not_sent_in_time(council, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from muni.cli import main

    case = signed_normative(council)
    monkeypatch.setenv("MUNI_DB", str(tmp_path / "muni.db"))
    run = CliRunner()
    on_time = run.invoke(main, ["status", "--overdue"], env={"MUNI_TODAY": "2027-01-09"})
    assert on_time.output == "Nothing overdue.\n"
    late = run.invoke(main, ["status", "--overdue"], env={"MUNI_TODAY": "2027-01-12"})
    assert late.output == (f"case {case} (signed): send the act for inclusion in the State "
                           "Register — due 2027-01-09, 3 days overdue [act.register_deadline]\n")


def test_register_number_is_held_by_the_registry_too(council, monkeypatch):
    """The rule reads other cases' data before the write lock; the claim recorded under the
    lock is what holds if the rule ever passes twice (here it is made to, as a stale read
    would)."""
    from muni.engine import advance as adv
    from muni.engine import guards
    from muni.engine import plan as planning

    monkeypatch.setitem(guards.CHECKS, "act.register_number_unique", lambda f, p: (True, "ok"))
    c = council
    first, second = signed_normative(c), signed_normative(c, number=8, date="2026-12-20")
    sent = {**SENT, "sent": "2026-12-28"}
    for case in (first, second):
        c.update(case, {"register": sent})
        c.step(case, "send_to_register", "2026-12-28")
        c.update(case, {"register": {**sent, "number": "LIP-9", "date": "2027-01-03"}})
    plans = [planning.plan(c.db, case, "include", today=dt.date(2027, 1, 3))
             for case in (first, second)]
    assert all(p.allowed for p in plans)
    adv.commit_plan(c.db, plans[0], actor=Actor("clerk"), out_dir=c.out, store=c.store)
    with pytest.raises(GuardFailed) as lost:
        adv.commit_plan(c.db, plans[1], actor=Actor("clerk"), out_dir=c.out, store=c.store)
    assert lost.value.details == [
        f"claim.state_register: register.number LIP-9 is already recorded for case {first} "
        "[registry constraint]"]
    assert (c.state(first), c.state(second)) == ("included", "sent_to_register")
    assert c.db.execute("SELECT key, value, case_id FROM claims").fetchall() == [
        ("state_register", "LIP-9", first)]
