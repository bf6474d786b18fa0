"""Normative acts (Law No. 241): publication first, then the State Register within 7 working
days; force needs both the entry and the date; refusal, conformity, withdrawal; the
prosecutor's oversight; the register of acts and its chain."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import docx
import pytest
from council_helpers import ALL_DEPUTIES, NORMATIVE, PLAN, Council, council_registry, data

from muni.engine import Engine, acts, explain
from muni.engine.actor import Actor
from muni.engine.errors import GuardFailed, StateError
from muni.engine.locale.typography import plain

PUBLICATION = {"source": {"ky": "«Липенка жаңылыктары» гезити",
                          "ru": "газета «Липенка жаңылыктары»"}, "date": "2026-12-14",
               "issue": "№ 23"}
SENT = {"sent": "2026-12-15", "pages": 7,
        "attachments": [{"ky": "Токтомдун күбөлөндүрүлгөн көчүрмөсү",
                         "ru": "Заверенная копия постановления"}]}
#: The 7th working day after Monday 14 December 2026 (15–18, 21–23 December).
DUE = "2026-12-23"


@pytest.fixture
def council(tmp_path):
    db = council_registry(tmp_path / "muni.db")
    yield Council(db, tmp_path / "docs")
    db.close()


def signed_normative(c: Council, number: int = 7, date: str = "2026-12-10", **draft) -> int:
    case = c.discussed_normative(**draft)
    notice = (dt.date.fromisoformat(date) - dt.timedelta(days=10)).isoformat()
    c.adopted(case, number=number, date=date, notice=notice)
    c.step(case, "adopt", date)
    c.step(case, "sign", date, actor="chair")
    return case


def published(c: Council, case: int, on: str = "2026-12-14") -> None:
    c.update(case, {"publication": {**PUBLICATION, "date": on}})
    c.step(case, "publish", on)


def in_force(c: Council, case: int, number: str = "LIP-2026-0001", on: str = "2026-12-14"
             ) -> None:
    """Publish, send, enter (within the term) and bring into force (10 days after)."""
    published(c, case, on)
    day = dt.date.fromisoformat(on)
    sent = {**SENT, "sent": (day + dt.timedelta(days=1)).isoformat()}
    c.update(case, {"register": sent})
    c.step(case, "send_to_register", sent["sent"])
    entered = (day + dt.timedelta(days=8)).isoformat()
    c.update(case, {"register": {**sent, "number": number, "date": entered}})
    c.step(case, "include", entered)
    c.step(case, "enter_into_force", (day + dt.timedelta(days=10)).isoformat())


def test_publication_comes_before_the_register_and_force_needs_both(council):
    c = council
    case = signed_normative(c)
    with pytest.raises(StateError) as early:
        c.step(case, "send_to_register", "2026-12-11")
    assert early.value.message == (f"case {case}: 'send_to_register' is not allowed in state "
                                   "'signed'; allowed now: publish")
    c.update(case, {"publication": {**PUBLICATION, "date": "2026-12-09"}})
    with pytest.raises(GuardFailed) as before_signature:
        c.step(case, "publish", "2026-12-14")
    assert before_signature.value.details[0].startswith(
        "act.publication_recorded: published 2026-12-09, before the decision was signed on "
        "2026-12-10")
    c.update(case, {"publication": {**PUBLICATION, "date": "2026-12-20"}})
    with pytest.raises(GuardFailed) as ahead:
        c.step(case, "publish", "2026-12-14")
    assert ahead.value.details[0].startswith(
        "act.publication_recorded: the publication is dated 2026-12-20, a date that has not "
        "come (today 2026-12-14)")
    published(c, case)
    c.update(case, {"register": {**SENT, "sent": "2026-12-13"}})
    with pytest.raises(GuardFailed) as letter_first:
        c.step(case, "send_to_register", "2026-12-15")
    assert letter_first.value.details[0].startswith(
        "act.register_sent_recorded: sent 2026-12-13, before the publication of 2026-12-14")
    c.update(case, {"register": SENT})
    letter = c.step(case, "send_to_register", "2026-12-15").documents[0]
    assert (letter["template"], letter["number"]) == ("act_register_letter", 1)
    rows = [[plain(c_.text) for c_ in r.cells] for t in docx.Document(letter["path"]).tables
            for r in t.rows]
    assert ["1", "Липенка айылдык аймагынын аймагын тазалоо жана көрктөндүрүү эрежелерин "
            "бекитүү жөнүндө", "2026-жылдын 10-декабрындагы № 1 (VII чакырылыштын VII "
            "сессиясы)", "«Липенка жаңылыктары» гезити, № 23, 2026-жылдын 14-декабры",
            "7"] in rows
    # a certified copy, to the body the law names, under the law on normative acts in force
    # (Law No. 123 of 2021 governs the kenesh, the article on the Register is Law No. 241's,
    # whose current edition was not read: the law is named without an article)
    paragraphs = [plain(p.text) for p in docx.Document(letter["path"]).paragraphs]
    assert "Кыргыз Республикасынын Юстиция министрлигинин аймактык бөлүмүнө" in paragraphs
    [body] = [p for p in paragraphs if "күбөлөндүрүлгөн көчүрмөсүн" in p]
    assert body.startswith("«Кыргыз Республикасынын ченемдик укуктук актылары жөнүндө» "
                           "Кыргыз Республикасынын 2009-жылдын 20-июлундагы № 241 Мыйзамына "
                           "ылайык Липенка айылдык кеңеши расмий жарыяланган төмөнкү")

    explained = explain.explain(c.db, case, today=dt.date(2026, 12, 16))
    [term] = explained["deadlines"]
    assert (term["rule"], term["from"], term["due"], term["status"]) == (
        "act.register_term", "2026-12-14", DUE, "pending")

    c.update(case, {"register": {**SENT, "number": "LIP-2026-0001", "date": "2026-12-22"}})
    c.step(case, "include", "2026-12-22")
    with pytest.raises(GuardFailed) as not_yet:
        c.step(case, "enter_into_force", "2026-12-23")
    assert not_yet.value.details[0].startswith(
        "act.in_force_date: the act enters into force on 2026-12-24")
    c.step(case, "enter_into_force", "2026-12-24")
    [row] = acts.list_acts(c.db)
    assert {k: row[k] for k in ("type", "number", "session", "adopted", "published", "sent",
                                "included", "register_number", "in_force", "status")} == {
        "type": "normative_act", "number": 1, "session": "7/7", "adopted": "2026-12-10",
        "published": "2026-12-14", "sent": "2026-12-15", "included": "2026-12-22",
        "register_number": "LIP-2026-0001", "in_force": "2026-12-24", "status": "in_force"}
    chain = acts.chain(c.db, case)
    assert [s["step"] for s in chain["steps"]] == [
        "open", "open_discussion", "close_discussion", "examine", "schedule", "adopt", "sign",
        "publish", "send_to_register", "include", "enter_into_force"]
    assert chain["sessions"][0]["required"] == (
        "a majority of the total number of deputies — 8 (Law No. 101 of 15.07.2011, art. "
        "28(2), art. 36(1), edition of 17.04.2015; not checked against Law No. 123 of "
        "20.10.2021)")
    assert chain["register_term"]["due"] == DUE


def test_before_2021_no_force_without_the_entry_after_2021_a_warning(council):
    c = council
    for pid in ALL_DEPUTIES:
        c.db.execute("INSERT INTO officials(municipality, person, role, position, start_date,"
                     " end_date) VALUES ('lipenka', ?, 'deputy', 'Депутат', '2018-12-01', "
                     "'2021-11-30')", [pid])
    c.db.execute("INSERT INTO officials(municipality, person, role, position, start_date, "
                 "end_date) VALUES ('lipenka', 'lip-010', 'council_chair', 'Төрага', "
                 "'2018-12-01', '2021-11-30')")
    old = data(NORMATIVE)
    old["draft"].update(registered="2019-01-10", initiator="lip-011")
    old["discussion"].update(published="2019-01-15", end="2019-02-20")
    old["package"]["cover_letter"]["date"] = "2019-02-25"
    old["package"]["justification"]["date"] = "2019-02-25"
    old["commission"]["date"] = "2019-03-01"
    case = c.open("council_decision", old)
    for trigger, on in (("open_discussion", "2019-01-15"), ("close_discussion", "2019-02-21"),
                        ("examine", "2019-03-01")):
        c.step(case, trigger, on)
    c.adopted(case, number=3, date="2019-03-20", notice="2019-03-05")
    c.step(case, "adopt", "2019-03-20")
    c.step(case, "sign", "2019-03-20", actor="chair")
    published(c, case, "2019-03-25")
    with pytest.raises(GuardFailed) as refused:
        c.step(case, "enter_into_force", "2019-04-10")
    assert refused.value.details[0].startswith(
        "act.in_force_requires_register: not entered in the State Register yet: a normative "
        "act not entered has no legal force [Law No. 241 of 20.07.2009, art. 28(5)")
    explained = explain.explain(c.db, case, today=dt.date(2019, 4, 10))
    assert explained["profile"]["id"] == "kg-2018"
    [term] = explained["deadlines"]
    assert term["status"] == "unknown" and term["due"] is None
    assert "the public holidays of 2019 are not in the calendar" in term["unknown"]

    today = signed_normative(c, number=8, date="2026-12-10")
    published(c, today)
    warned = c.step(today, "enter_into_force", "2026-12-24")
    [doubt] = [v for v in warned.verdicts if v["rule"] == "act.in_force_requires_register"]
    assert (doubt["ok"], doubt["severity"]) == (False, "warn")
    assert "in doubt since 2021: the Typical Charter of 12.12.2022 No. 279 (item 41.8)" in \
        Engine.in_language([doubt], "en")[0]["message"]
    c.update(today, {"register": {**SENT, "sent": "2026-12-28"}})
    c.step(today, "send_to_register", "2026-12-28")   # in force, then to the Register
    c.update(today, {"register": {**SENT, "sent": "2026-12-28", "number": "LIP-2",
                                  "date": "2026-12-30"}})
    late = c.step(today, "include", "2026-12-30")
    [term] = [v for v in late.verdicts if v["rule"] == "act.register_term"]
    assert (term["ok"], term["severity"]) == (False, "warn")
    assert Engine.in_language([term], "en")[0]["message"].startswith(
        f"entered on 2026-12-30, after the term: due {DUE}")
    assert c.state(today) == "in_force"


def test_refusal_then_conforming_decision_and_links_both_ways(council):
    c = council
    old = signed_normative(c)
    published(c, old)
    c.update(old, {"register": SENT})
    c.step(old, "send_to_register", "2026-12-15")
    with pytest.raises(GuardFailed):
        c.step(old, "refuse", "2026-12-21")
    c.update(old, {"refusal": {"date": "2026-12-21", "grounds": {"ky": "3-пункт мыйзамга "
                                                                        "каршы келет"}}})
    c.step(old, "refuse", "2026-12-21")
    with pytest.raises(GuardFailed) as pending:
        c.step(old, "bring_into_conformity", "2026-12-22")
    assert pending.value.details[0].startswith(
        f"act.conformity_decision: no signed council decision replaces this act "
        f"(draft.replaces: {old})")
    new = signed_normative(c, number=8, date="2026-12-20", replaces=old)
    c.step(old, "bring_into_conformity", "2026-12-22")
    in_force(c, new, on="2026-12-21")
    rows = {r["case"]: r for r in acts.list_acts(c.db)}
    assert rows[old]["status"] == "superseded" and rows[old]["register_number"] is None
    assert rows[old]["links"] == {"replaced_by": [new]}
    assert rows[new]["links"] == {"replaces": [old]}
    assert rows[new]["status"] == "in_force"


def test_withdrawal_register_number_unique_and_the_overdue_entry(council):
    c = council
    first = signed_normative(c)
    in_force(c, first, number="LIP-1")
    second = signed_normative(c, number=8, date="2026-12-10")
    published(c, second)
    c.update(second, {"register": SENT})
    c.step(second, "send_to_register", "2026-12-15")
    assert acts.overdue(c.db, dt.date(2026, 12, 23)) == []
    [late] = acts.overdue(c.db, dt.date(2026, 12, 28))
    assert {k: late[k] for k in ("case", "state", "what", "rule", "due", "days_overdue")} == {
        "case": second, "state": "sent_to_register",
        "what": "entry in the State Register (Ministry of Justice)",
        "rule": "act.register_term", "due": DUE, "days_overdue": 5}
    c.update(second, {"register": {**SENT, "number": "LIP-1", "date": "2026-12-22"}})
    with pytest.raises(GuardFailed) as dup:
        c.step(second, "include", "2026-12-22")
    assert dup.value.details[0].startswith(
        f"act.register_number_unique: register number LIP-1 is already recorded for case "
        f"{first}")
    c.update(second, {"refusal": {"date": "2026-12-22", "grounds": {"ky": "негиз"}},
                      "withdrawal": {"date": "2026-12-24", "basis": {"ky": "кеңештин чечими"}}})
    c.step(second, "refuse", "2026-12-22")
    c.step(second, "withdraw", "2026-12-24")
    assert c.state(second) == "withdrawn"


def _answer(c: Council, act: int, effect: str, number: int, date: str) -> int:
    """The kenesh's own decision on the prosecutor's act: examined, adopted, signed."""
    payload = data(PLAN)
    payload["draft"].update(oversight={"act": act, "effect": effect, "protest": "7-12/27"},
                            registered="2026-12-29")
    payload["commission"]["date"] = "2026-12-30"
    response = c.open("council_decision", payload)
    c.step(response, "examine", "2026-12-30")
    c.adopted(response, number=number, date=date,
              notice=(dt.date.fromisoformat(date) - dt.timedelta(days=10)).isoformat())
    c.step(response, "adopt", date)
    c.step(response, "sign", date, actor="chair")
    return response


PROTEST = {"number": "7-12/27", "date": "2026-12-28", "received": "2026-12-29",
           "prosecutor": {"ky": "Түп районунун прокурору", "ru": "Прокурор Тюпского района"}}


def test_oversight_through_the_prosecutor_each_step_leaves_its_record(council):
    c = council
    a = signed_normative(c)
    in_force(c, a, number="LIP-A")
    with pytest.raises(GuardFailed):
        c.step(a, "receive_protest", "2026-12-29")
    c.update(a, {"oversight": {"protest": PROTEST}})
    c.step(a, "receive_protest", "2026-12-29")
    with pytest.raises(GuardFailed) as no_decision:
        c.step(a, "suspend", "2026-12-30")
    assert no_decision.value.details[0].startswith(
        "oversight.kenesh_suspends: no signed decision of the kenesh suspending this act")
    suspending = _answer(c, a, "suspend", 8, "2027-01-15")
    c.step(a, "suspend", "2027-01-15")
    cancelling = _answer(c, a, "cancel", 9, "2027-02-10")
    c.step(a, "cancel", "2027-02-10")
    assert c.state(a) == "cancelled"
    chain = acts.chain(c.db, a)
    assert [(r["case"], r["effect"], r["number"]) for r in chain["oversight"]["responses"]] == [
        (suspending, "suspend", 1), (cancelling, "cancel", 2)]
    assert chain["oversight"]["protest"]["number"] == "7-12/27"
    assert [s["step"] for s in chain["steps"]][-3:] == ["receive_protest", "suspend", "cancel"]

    b = signed_normative(c, number=10, date="2026-12-10")
    in_force(c, b, number="LIP-B")
    c.update(b, {"oversight": {"protest": PROTEST}})
    c.step(b, "receive_protest", "2026-12-29")
    with pytest.raises(StateError):
        c.step(b, "go_to_court", "2027-01-20")           # the kenesh has not answered yet
    _answer(c, b, "reject", 11, "2027-01-15")
    c.step(b, "reject_protest", "2027-01-15")
    c.update(b, {"oversight": {"protest": PROTEST, "court_application": {
        "date": "2027-01-25", "court": {"ky": "Түп райондук соту"}}}})
    c.step(b, "go_to_court", "2027-01-25")
    c.update(b, {"oversight": {"protest": PROTEST, "court_application": {
        "date": "2027-01-25", "court": {"ky": "Түп райондук соту"}}, "court": {
        "date": "2027-03-01", "court": {"ky": "Түп райондук соту"}, "document": "№ 2-46/27",
        "outcome": "invalid", "publication": {"source": {"ky": "«Эркин Тоо»"},
                                              "date": "2027-03-10"}}}})
    with pytest.raises(GuardFailed) as wrong:
        c.step(b, "uphold", "2027-03-11")
    assert wrong.value.details[0].startswith(
        "oversight.court_upholds: the court's decision recorded is 'invalid', not 'upheld'")
    c.step(b, "annul", "2027-03-11")
    assert c.state(b) == "annulled"


def test_repeal_by_a_later_act_in_force(council):
    c = council
    a = signed_normative(c)
    in_force(c, a, number="LIP-A")
    repealing = signed_normative(c, number=8, date="2026-12-11", repeals=[a])
    with pytest.raises(GuardFailed) as early:
        c.step(a, "repeal", "2026-12-20")
    assert early.value.details[0].startswith(
        f"act.repealing_act_in_force: no act in force repeals this one (draft.repeals: [{a}])")
    in_force(c, repealing, number="LIP-B", on="2026-12-15")
    c.step(a, "repeal", "2026-12-28")
    rows = {r["case"]: r for r in acts.list_acts(c.db)}
    assert rows[a]["status"] == "repealed" and rows[a]["links"] == {"repealed_by": [repealing]}
    assert rows[repealing]["links"] == {"repeals": [a]}


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
        (str(case), "LIP-2026-0001", "2026-12-24")]
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
           "required a majority of the total number of deputies — 8 (Law No. 101 of " \
           "15.07.2011, art. 28(2), art. 36(1), edition of 17.04.2015; not checked against " \
           "Law No. 123 of 20.10.2021) → adopted" in chain.output
    assert ("2026-12-24 enter_into_force: included → in_force by clerk (declared) [kg-2021]"
            in chain.output)
    overdue = run.invoke(main, ["status", "--overdue", "--json"], env={"MUNI_TODAY":
                                                                      "2026-12-24"})
    assert json.loads(overdue.output) == []
    missing = run.invoke(main, ["registry", "act", "999"])
    assert missing.exit_code == 3 and "no council decision case 999" in missing.output
    assert data(PLAN)["draft"]["normative"] is False and data(NORMATIVE)["draft"]["normative"]


def test_cover_letter_is_numbered_in_the_year_it_is_sent(council):
    c = council
    case = signed_normative(c, date="2026-12-10")
    published(c, case, "2026-12-30")
    c.update(case, {"register": {**SENT, "sent": "2027-01-04"}})
    letter = c.step(case, "send_to_register", "2027-01-04").documents[0]
    assert "2027-жылдын 4-январы № 1\tЛипенка айылы" in [
        plain(p.text) for p in docx.Document(letter["path"]).paragraphs]
    assert c.db.execute("SELECT series, year, number, act_date FROM journal ORDER BY id"
                        ).fetchall() == [("council_decisions", 2026, 1, "2026-12-10"),
                                         ("council_letters", 2027, 1, "2027-01-04")]


def test_cli_status_overdue_lists_acts_not_entered_in_time(council, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from muni.cli import main

    case = signed_normative(council)
    published(council, case)
    monkeypatch.setenv("MUNI_DB", str(tmp_path / "muni.db"))
    run = CliRunner()
    on_time = run.invoke(main, ["status", "--overdue"], env={"MUNI_TODAY": DUE})
    assert on_time.output == "Nothing overdue.\n"
    late = run.invoke(main, ["status", "--overdue"], env={"MUNI_TODAY": "2026-12-28"})
    assert late.output == (f"case {case} (published): entry in the State Register (Ministry of "
                           f"Justice) — due {DUE}, 5 days overdue [act.register_term]\n")


def test_register_number_is_held_by_the_registry_too(council, monkeypatch):
    """The rule reads other cases' data before the write lock; the claim recorded under the
    lock is what holds if the rule ever passes twice (here it is made to, as a stale read
    would)."""
    from muni.engine import advance as adv
    from muni.engine import guards
    from muni.engine import plan as planning

    monkeypatch.setitem(guards.checks_for("council_decision"), "act.register_number_unique",
                        lambda f, p: (True, "ok"))
    c = council
    first, second = signed_normative(c), signed_normative(c, number=8, date="2026-12-10")
    for case in (first, second):
        published(c, case)
        c.update(case, {"register": SENT})
        c.step(case, "send_to_register", "2026-12-15")
        c.update(case, {"register": {**SENT, "number": "LIP-9", "date": "2026-12-21"}})
    plans = [planning.plan(c.db, case, "include", today=dt.date(2026, 12, 21))
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
