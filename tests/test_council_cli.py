"""The council's procedures through the `muni` command, as Law No. 101 / No. 241 read:
quorum, majorities by kind, publication before the State Register, the working-day term from
the holiday calendar, dates that have come, and what `workflows lint` says of the rules."""

from __future__ import annotations

import copy
import json
import re
import sqlite3

import pytest
import yaml
from conftest import EXAMPLES, docx_text
from council_helpers import ALL_DEPUTIES, DEPUTIES, NORMATIVE, PLAN, SESSION, data

L101_EN = "Law No. 101 of 15.07.2011"


class Flow:
    """`muni` steps with the day each is recorded on (MUNI_TODAY)."""

    def __init__(self, muni, monkeypatch):
        self.muni, self.mp = muni, monkeypatch

    def on(self, day: str) -> Flow:
        self.mp.setenv("MUNI_TODAY", day)
        return self

    def new(self, workflow: str, payload: dict) -> int:
        path = self.muni.write(f"{workflow}.yaml", yaml.safe_dump(payload, allow_unicode=True))
        return self.muni.json("case", "new", workflow, "-m", "lipenka", "--data", path)["case"]

    def update(self, case: int, changes: dict) -> None:
        path = self.muni.write("changes.yaml", yaml.safe_dump(changes, allow_unicode=True))
        self.muni("case", "update", case, "--data", path)

    def step(self, case: int, trigger: str, day: str, actor: str = "clerk", ok: bool = True):
        self.on(day)
        result = self.muni("advance", case, "-t", trigger, "--json", actor=actor, ok=ok)
        return json.loads(result.stdout) if result.stdout.strip() else {}

    def session(self, drafts: list[int], date: str, notice: str, number: int = 7) -> int:
        payload = yaml.safe_load(SESSION.read_text(encoding="utf-8"))
        payload["session"].update(number=number, date=date)
        payload["notice"] = {"date": notice}
        payload["agenda"] = [{"draft": d, "speakers": ["lip-001"]} for d in drafts]
        return self.new("council_session", payload)

    def held(self, session: int, drafts: dict[int, dict], present: list[str], date: str,
             notice: str, ok: bool = True) -> None:
        self.step(session, "convene", notice)
        for d in drafts:
            self.step(d, "schedule", notice)
        self.update(session, {"attendance": {"present": present}, "agenda": [
            {"draft": d, "speakers": ["lip-001"], "vote": v} for d, v in drafts.items()]})
        self.step(session, "hold", date, ok=ok)


@pytest.fixture
def flow(sample_muni, monkeypatch) -> Flow:
    sample_muni("import", DEPUTIES)
    return Flow(sample_muni, monkeypatch)


def plan(**draft) -> dict:
    payload = data(PLAN)
    payload["draft"].update(draft)
    return payload


def deputies_in(years: str, muni) -> None:
    """The same 15 deputies, and the chair, on record in 2018–2021 (a past convocation)."""
    officials = [{"municipality": "lipenka", "person": p, "role": "deputy",
                  "position": "Айылдык кеңештин депутаты", "start_date": "2018-12-01",
                  "end_date": "2021-11-30"} for p in ALL_DEPUTIES]
    officials.append({"municipality": "lipenka", "person": "lip-010", "role": "council_chair",
                      "position": "Айылдык кеңештин төрагасы", "start_date": "2018-12-01",
                      "end_date": "2021-11-30"})
    muni("import", muni.write(f"officials-{years}.yaml",
                              yaml.safe_dump({"officials": officials}, allow_unicode=True)))


def test_fourteen_seats_and_seven_present_is_a_quorum(flow):
    """Law No. 101 art. 28(2): «кеминде жарымы» — not less than half of the total: 7 of 14."""
    sample = yaml.safe_load((EXAMPLES / "sample_municipality.yaml").read_text(encoding="utf-8"))
    fourteen = {"municipalities": [{**sample["municipalities"][0], "council_seats": 14}]}
    flow.muni("import", flow.muni.write("seats.yaml", yaml.safe_dump(fourteen,
                                                                      allow_unicode=True)))
    d = flow.on("2026-11-28").new("council_decision", plan())
    flow.step(d, "examine", "2026-11-28")
    s = flow.session([d], "2026-12-10", "2026-11-30")
    flow.held(s, {d: {"for": 7, "against": 0, "abstained": 0}}, ALL_DEPUTIES[:7],
              "2026-12-10", "2026-11-30")
    explained = flow.muni("explain", d).output
    assert "✓ vote.quorum" in explained
    assert "7 of 14 deputies present; quorum 7 (not less than half of the total number of " \
           "deputies)" in explained
    # A quorum, but a decision needs a majority of the total: 8 of 14.
    assert "✗ vote.majority" in explained
    assert "7 votes for; 8 required (a majority of the total number of deputies: 14)" in explained
    assert flow.step(d, "reject", "2026-12-10")["to"] == "rejected"
    protocol = sqlite3.connect(flow.muni.db_path).execute(
        "SELECT path FROM documents WHERE template = 'council_session_protocol'").fetchone()[0]
    text = docx_text(protocol)
    assert "Кворум: депутаттардын жалпы санынын жарымынан кем эмеси — 7 (" in text
    assert "vote." not in text and "kg-20" not in text


def test_the_reviewer_reads_the_quorum_rule_in_russian_and_kyrgyz(flow):
    """`explain --lang ru|ky`: a council rule's title, message and basis (article and edition)
    in the reader's language, with no English word from the catalogs."""
    d = flow.on("2026-11-28").new("council_decision", plan())
    flow.step(d, "examine", "2026-11-28")
    s = flow.session([d], "2026-12-10", "2026-11-30")
    flow.held(s, {d: {"for": 9, "against": 0, "abstained": 0}}, ALL_DEPUTIES[:9],
              "2026-12-10", "2026-11-30")
    ru, ky = (flow.muni("explain", d, "--lang", lang).output for lang in ("ru", "ky"))
    assert ("  ✓ vote.quorum: Сессия правомочна — присутствует не менее половины от общего "
            "числа депутатов\n      присутствуют 9 из 15 депутатов; кворум — 8 (не менее "
            "половины от общего числа депутатов)\n      основание: часть 2 статьи 28 Закона "
            "Кыргызской Республики «О местном самоуправлении» от 15 июля 2011 года № 101 (в "
            "редакции от 17 апреля 2015 года) [проверено по Закону от 15 июля 2011 года № 101 "
            "(в редакции от 17 апреля 2015 года); не проверено по Закону от 20 октября 2021 "
            "года № 123; унаследовано из профиля kg-2015]\n") in ru
    assert ("  ✓ vote.quorum: Сессия укуктуу — депутаттардын жалпы санынын жарымынан кем "
            "эмеси катышты\n      15 депутаттын 9у катышты; кворум — 8 (депутаттардын жалпы "
            "санынын жарымынан кем эмеси)\n      негизи: «Жергиликтүү өз алдынча башкаруу "
            "жөнүндө» Кыргыз Республикасынын 2011-жылдын 15-июлундагы № 101 Мыйзамынын "
            "28-беренесинин 2-бөлүгү (2015-жылдын 17-апрелиндеги редакциясы) [") in ky
    assert "✗ vote.not_adopted: Талап кылынган көпчүлүк добуш топтолгон жок" in ky
    # every rule's title, message and basis: no English word (rule ids and profile ids aside)
    for shown, basis in ((ru, "      основание"), (ky, "      негизи")):
        worded = [line.split(": ", 1)[1] for line in shown.splitlines()
                  if line.startswith(("  ✓", "  ✗", "  !", basis + ": "))]
        worded += [line.strip() for line in shown.splitlines()
                   if line.startswith("      ") and not line.startswith(basis)]
        assert len(worded) > 20
        for text in worded:
            latin = [w for w in re.split(r"[\s,;:()«»\[\]—]+", text)
                     if re.search(r"[A-Za-z]", w) and not re.search(r"[._\d]", w)]
            assert latin == [], text


def test_charter_amendment_with_a_majority_but_less_than_two_thirds(flow):
    deputies_in("2018-2021", flow.muni)
    d = flow.on("2019-05-10").new("council_decision", plan(
        kind="charter_amendment", registered="2019-05-01", initiator="lip-011"))
    flow.update(d, {"commission": {"date": "2019-05-10"}})
    flow.step(d, "examine", "2019-05-10")
    s = flow.session([d], "2019-06-01", "2019-05-20", number=3)
    flow.held(s, {d: {"for": 9, "against": 3, "abstained": 0}}, ALL_DEPUTIES[:12],
              "2019-06-01", "2019-05-20")
    flow.on("2019-06-01")
    refused = flow.muni("advance", d, "-t", "adopt", ok=False)
    assert refused.exit_code == 4
    assert ("vote.charter_amendment: 9 votes for; 10 required (not less than two thirds of the "
            "total number of deputies: 15)") in refused.output
    assert f"[{L101_EN}, art. 15(3), edition of 17.04.2015:" in refused.output
    explained = flow.muni("explain", d).output
    assert "Rule profile: kg-2018" in explained
    assert "✓ vote.majority" in explained and "✗ vote.charter_amendment" in explained

    # Under kg-2021 the two thirds are in doubt: a warning, and the amendment is adopted.
    d2 = flow.on("2026-11-28").new("council_decision", plan(kind="charter_amendment"))
    flow.step(d2, "examine", "2026-11-28")
    s2 = flow.session([d2], "2026-12-10", "2026-11-30")
    flow.held(s2, {d2: {"for": 9, "against": 3, "abstained": 0}}, ALL_DEPUTIES[:12],
              "2026-12-10", "2026-11-30")
    explained = flow.muni("explain", d2).output
    assert "! vote.charter_amendment" in explained
    assert "(a warning, not a refusal: in doubt since 21.10.2021: Law No. 101 art. 15(3) " \
           "ceased;" in explained
    assert flow.step(d2, "adopt", "2026-12-10")["to"] == "adopted"


def test_a_kind_the_profile_withdraws_is_refused_saying_why(flow):
    d = flow.on("2026-11-28").new("council_decision", plan(kind="no_confidence"))
    flow.step(d, "examine", "2026-11-28")
    s = flow.session([d], "2026-12-10", "2026-11-30")
    flow.held(s, {d: {"for": 12, "against": 0, "abstained": 0}}, ALL_DEPUTIES[:12],
              "2026-12-10", "2026-11-30")
    refused = flow.muni("advance", d, "-t", "adopt", ok=False)
    assert refused.exit_code == 4
    assert "vote.no_confidence: not in profile kg-2021: Since Law No. 123 of 20.10.2021 the " \
           "head of the ayil okmotu is appointed by the akim" in refused.output


def normative(flow: Flow, year: int, **draft) -> int:
    """A normative draft through discussion, package, commission, session and signature."""
    y = str(year)
    payload = copy.deepcopy(yaml.safe_load(NORMATIVE.read_text(encoding="utf-8")))
    payload["draft"].update(registered=f"{y}-01-10", initiator="lip-011", **draft)
    payload["discussion"].update(published=f"{y}-01-15", end=f"{y}-02-16")
    payload["package"]["cover_letter"]["date"] = f"{y}-02-18"
    payload["package"]["justification"]["date"] = f"{y}-02-18"
    payload["commission"]["date"] = f"{y}-02-20"
    d = flow.on(f"{y}-01-10").new("council_decision", payload)
    flow.step(d, "open_discussion", f"{y}-01-15")
    flow.step(d, "close_discussion", f"{y}-02-16")
    flow.step(d, "examine", f"{y}-02-20")
    s = flow.session([d], f"{y}-03-12", f"{y}-03-02", number=year - 2000)
    flow.held(s, {d: {"for": 11, "against": 0, "abstained": 1}}, ALL_DEPUTIES[:12],
              f"{y}-03-12", f"{y}-03-02")
    flow.step(d, "adopt", f"{y}-03-12")
    flow.step(d, "sign", f"{y}-03-12", actor="chair")
    return d


PUBLICATION = {"source": {"ky": "«Липенка жаңылыктары» гезити",
                          "ru": "газета «Липенка жаңылыктары»"}, "issue": "№ 5"}


def test_not_sent_before_its_publication_and_not_in_force_before_its_entry(flow):
    deputies_in("2018-2021", flow.muni)
    d = normative(flow, 2019)
    early = flow.muni("advance", d, "-t", "send_to_register", ok=False)
    assert early.exit_code == 5
    assert f"case {d}: 'send_to_register' is not allowed in state 'signed'; allowed now: " \
           "publish" in early.output
    flow.update(d, {"publication": {**PUBLICATION, "date": "2019-03-20"}})
    flow.step(d, "publish", "2019-03-20")
    flow.on("2019-04-10")
    not_entered = flow.muni("advance", d, "-t", "enter_into_force", ok=False)
    assert not_entered.exit_code == 4
    assert ("act.in_force_requires_register: not entered in the State Register yet: a "
            "normative act not entered has no legal force") in not_entered.output
    assert "Law No. 241 of 20.07.2009, art. 28(5), art. 30(1), edition of 07.07.2014" in \
        not_entered.output
    flow.update(d, {"register": {"sent": "2019-03-21", "pages": 7}})
    flow.step(d, "send_to_register", "2019-03-21")
    flow.update(d, {"register": {"number": "LIP-2019-7", "date": "2019-03-28"}})
    flow.step(d, "include", "2019-03-28")
    assert flow.step(d, "enter_into_force", "2019-04-10")["to"] == "in_force"
    act = flow.muni.json("registry", "acts")[0]
    assert (act["published"], act["sent"], act["included"], act["in_force"]) == (
        "2019-03-20", "2019-03-21", "2019-03-28", "2019-03-30")


def test_the_entry_term_skips_the_may_holidays(flow):
    d = normative(flow, 2026)
    flow.update(d, {"publication": {**PUBLICATION, "date": "2026-04-28"}})
    flow.step(d, "publish", "2026-04-28")
    flow.on("2026-04-29")
    explained = flow.muni("explain", d).output
    # 29, 30 April, then 1–9 May are off (Labour Code 2025): the 7th working day is 15 May.
    assert "[pending] entry in the State Register (Ministry of Justice): 2026-04-28 … " \
           "2026-05-15" in explained
    data = flow.muni.json("explain", d)
    [term] = data["deadlines"]
    assert (term["due"], term["status"]) == ("2026-05-15", "pending")
    flow.update(d, {"register": {"sent": "2026-04-29", "pages": 7}})
    flow.step(d, "send_to_register", "2026-04-29")
    flow.on("2026-05-18")
    include = next(t for t in flow.muni.json("explain", d)["triggers"]
                   if t["trigger"] == "include")
    [warning] = [g for g in include["guards"] if g["rule"] == "act.register_term"]
    assert warning["message"] == (
        "not entered yet; the term has passed: due 2026-05-15 (7 working days after "
        "2026-04-28; skips 2026-05-01 Labour Day, 2026-05-04 May holidays, 2026-05-05 "
        "Constitution Day, 2026-05-06 May holidays, 2026-05-07 May holidays, 2026-05-08 May "
        "holidays)")
    overdue = flow.muni.json("status", "--overdue")
    assert [(o["case"], o["rule"], o["due"]) for o in overdue] == [
        (d, "act.register_term", "2026-05-15")]


def test_a_year_missing_from_the_calendar_is_unknown_in_explain(flow):
    d = normative(flow, 2026)
    flow.update(d, {"publication": {**PUBLICATION, "date": "2026-12-28"}})
    flow.step(d, "publish", "2026-12-28")
    explained = flow.on("2026-12-29").muni("explain", d).output
    assert "[unknown] entry in the State Register (Ministry of Justice): 2026-12-28 … due " \
           "date unknown — the public holidays of 2027 are not in the calendar " \
           "(kg_holidays.yaml; years held: 2025, 2026)" in explained
    # An unknown term is never reported overdue; the kenesh's own duties are: no ordinary
    # session in the 2nd and 3rd quarters, no head's report in the first half-year.
    overdue = flow.muni.json("status", "--overdue")
    assert [(o["case"], o["rule"], o["due"]) for o in overdue] == [
        (None, "session.quarterly", "2026-06-30"), (None, "session.quarterly", "2026-09-30"),
        (None, "session.head_report", "2026-06-30")]
    text = flow.muni("status", "--overdue").output
    assert "lipenka: no ordinary session was held in 2026-04-01 – 2026-06-30 — due " \
           "2026-06-30, 182 days overdue [session.quarterly]" in text
    # ... and in the reader's language, with the basis as the profile cites it
    assert "lipenka: 2026-жылдын 1-январынан 2026-жылдын 30-июнуна чейин айыл өкмөтүнүн " \
           "башчысы кеңешке отчет берген жок — мөөнөтү 2026-жылдын 30-июну, 182 күн " \
           "кечиктирилди [session.head_report]" in \
           flow.muni("status", "--overdue", "--lang", "ky").output
    quarterly = flow.muni.json("status", "--overdue", "--lang", "ru")[0]
    assert quarterly["what"] == ("с 1 апреля 2026 года по 30 июня 2026 года не проведено ни "
                                 "одной очередной сессии")
    assert quarterly["basis"].startswith(
        "часть 4 статьи 28 Закона Кыргызской Республики «О местном самоуправлении» от 15 июля "
        "2011 года № 101 (в редакции от 17 апреля 2015 года) [")


def test_a_session_is_not_held_before_its_date(flow):
    d = flow.on("2026-11-28").new("council_decision", plan())
    flow.step(d, "examine", "2026-11-28")
    s = flow.session([d], "2026-12-10", "2026-11-30")
    flow.held(s, {d: {"for": 12, "against": 0, "abstained": 0}}, ALL_DEPUTIES[:12],
              "2026-12-08", "2026-11-30", ok=False)
    refused = flow.muni("advance", s, "-t", "hold", ok=False)
    assert refused.exit_code == 4
    assert "act.date_reached: the document is dated 2026-12-10; it cannot be recorded on " \
           "2026-12-08, before that date has come" in refused.output
    early_sign = flow.muni("advance", d, "-t", "adopt", ok=False)
    assert early_sign.exit_code == 4 and "draft.session_held" in early_sign.output
    assert flow.step(s, "hold", "2026-12-10")["to"] == "held"


def test_an_extraordinary_session_needs_a_third_of_the_deputies_by_name(flow):
    d = flow.on("2026-11-28").new("council_decision", plan())
    flow.step(d, "examine", "2026-11-28")
    payload = yaml.safe_load(SESSION.read_text(encoding="utf-8"))
    payload["session"].update(kind="extraordinary", date="2026-12-03")
    payload["notice"] = {"date": "2026-11-30"}
    payload["demand"] = {"date": "2026-11-29", "deputies": ALL_DEPUTIES[:4]}
    payload["agenda"] = [{"draft": d}]
    s = flow.new("council_session", payload)
    refused = flow.on("2026-11-30").muni("advance", s, "-t", "convene", ok=False)
    assert "session.extraordinary_demand: 4 deputies demanded the session; 5 are needed (not " \
           "less than one third of the total number of deputies: 15)" in refused.output
    flow.update(s, {"demand": {"date": "2026-11-29", "deputies": ALL_DEPUTIES[:5]}})
    assert flow.step(s, "convene", "2026-11-30")["to"] == "convened"


def test_lint_counts_the_rules_unverified_and_inherited(flow):
    report = flow.muni.json("workflows", "lint")
    assert report["ok"] is True
    counts = report["counts"]["kg-2021"]
    assert counts["unverified"] == len([r for r in report["unverified"]
                                        if r["profile"] == "kg-2021"])
    assert counts["not_checked"] == len([r for r in report["inherited"]
                                         if r["profile"] == "kg-2021"])
    assert counts["withdrawn"] == 2 and counts["inherited_unchecked"] > 20
    quorum = next(r for r in report["inherited"] if r["profile"] == "kg-2021"
                  and r["rule"] == "vote.quorum")
    assert quorum["status"] == ("checked against Law No. 101 (edition of 17.04.2015); not "
                                "checked against Law No. 123 of 20.10.2021; inherited from "
                                "kg-2015")
    assert report["counts"]["kg-2015"]["not_checked"] == 0
    text = flow.muni("workflows", "lint").output
    assert "    vote.quorum: checked against Law No. 101 (edition of 17.04.2015); not checked " \
           "against Law No. 123 of 20.10.2021; inherited from kg-2015" in text


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
