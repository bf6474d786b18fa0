"""Council adoption through the engine: session, votes, protocol, decision, rules, history."""

from __future__ import annotations

import datetime as dt
import sqlite3

import docx
import pytest
from council_helpers import ALL_DEPUTIES, PLAN, SESSION, Council, council_registry, data

from muni.engine import acts, explain
from muni.engine.errors import GuardFailed, StateError
from muni.engine.locale.typography import plain


@pytest.fixture
def council(tmp_path):
    db = council_registry(tmp_path / "muni.db")
    yield Council(db, tmp_path / "docs")
    db.close()


L101 = ("«Жергиликтүү өз алдынча башкаруу жөнүндө» Кыргыз Республикасынын 2011-жылдын "
        "15-июлундагы № 101 Мыйзамынын")
ED = "2015-жылдын 17-апрелиндеги редакциясы"
NOT_123 = "2021-жылдын 20-октябрындагы № 123 Мыйзам боюнча текшерилген эмес"


def paragraphs(path: str) -> list[str]:
    return [plain(p.text) for p in docx.Document(path).paragraphs]


def cells(path: str) -> list[list[str]]:
    return [[plain(c.text) for c in row.cells] for t in docx.Document(path).tables
            for row in t.rows]


def test_adoption_end_to_end_documents_and_database(council, tmp_path):
    c = council
    draft = c.examined_plan()
    s = c.session([draft])
    notice = c.step(s, "convene", "2026-12-01")
    c.step(draft, "schedule", "2026-12-01")
    c.hold(s, {draft: {"for": 10, "against": 0, "abstained": 1}})
    assert c.state(draft) == "on_agenda"     # the session voted; the draft records it itself
    c.step(draft, "adopt", "2026-12-10")
    signed = c.step(draft, "sign", "2026-12-11", actor="chair")
    decision, extract = signed.documents
    assert (decision["template"], decision["number"]) == ("council_decision", 1)

    text = paragraphs(decision["path"])
    for expected in [
        "ЛИПЕНКА АЙЫЛДЫК КЕҢЕШИНИН ТОКТОМУ",
        "Липенка айылдык кеңешинин VII чакырылышынын кезектеги VII сессиясы",
        "2026-жылдын 10-декабры № 1\tЛипенка айылы",
        "Липенка айылдык аймагынын 2027-жылга карата биргелешкен аракеттер планын бекитүү "
        "жөнүндө",
        "1. Липенка айылдык аймагынын 2027-жылга карата биргелешкен аракеттер планы "
        "1-тиркемеге ылайык бекитилсин.",
        "2. Липенка айыл өкмөтүнө планды ишке ашыруу жана аны жергиликтүү бюджетте эске "
        "алуу тапшырылсын.",
        "3. Бул токтомдун аткарылышын контролдоо айылдык кеңештин социалдык маселелер боюнча "
        "туруктуу комиссиясына жүктөлсүн.",
        "4. Бул токтом расмий жарыяланган күндөн тартып күчүнө кирет.",
        "токтомуна 1-тиркеме",
        "2026-жылдын 10-декабрындагы № 1",
    ]:
        assert expected in text, expected
    assert any(p.endswith("Липенка айылдык кеңеши токтом кылат:") for p in text)
    # the preamble: the purpose, then the law on local self-government in force (Law No. 123
    # of 2021: its articles were not read, so no article is cited)
    assert ("Жамаат муктаждыктарын биргелешип аныктоонун (ЖМБА) жыйынтыктарын эске алып, "
            "«Жергиликтүү мамлекеттик администрация жана жергиликтүү өз алдынча башкаруу "
            "органдары жөнүндө» Кыргыз Республикасынын 2021-жылдын 20-октябрындагы № 123 "
            "Мыйзамына ылайык, Липенка айылдык кеңеши токтом кылат:") in text
    # the annex holds the approved text, after its header and title
    annex = text[text.index("токтомуна 1-тиркеме"):]
    assert annex[1:4] == ["Липенка айылдык аймагынын 2027-жылга карата биргелешкен аракеттер "
                          "планы", "1. Ичүүчү суу",
                          "1. Липенка айылында суу түтүгүн оңдоо (2027-жылдын IV чейреги)."]
    assert "ДОЛБООР" not in "\n".join(text)
    assert ["КЫРГЫЗ РЕСПУБЛИКАСЫ\nЫСЫК-КӨЛ ОБЛУСУ\nТҮП РАЙОНУ\nЛИПЕНКА АЙЫЛДЫК КЕҢЕШИ",
            "КЫРГЫЗСКАЯ РЕСПУБЛИКА\nИССЫК-КУЛЬСКАЯ ОБЛАСТЬ\nТЮПСКИЙ РАЙОН\nАЙЫЛНЫЙ КЕНЕШ\n"
            "ЛИПЕНСКОГО АЙЫЛНОГО АЙМАКА"] in cells(decision["path"])
    assert ["Айылдык кеңештин төрагасы", "_____________________", "М. А. Абдылдаев"] in \
        cells(decision["path"])

    ex = paragraphs(extract["path"])
    assert "ПРОТОКОЛУНАН КӨЧҮРМӨ" in ex
    assert "ЧЕЧИМ: токтом кабыл алынды (№ 1)." in ex   # the extract quotes the number
    assert "ДОБУШ БЕРҮҮНҮН ЖЫЙЫНТЫГЫ: «макул» — 10, «каршы» — 0, «калыс» — 1." in ex

    protocol = council.db.execute(
        "SELECT path FROM documents WHERE case_id = ? AND template = "
        "'council_session_protocol'", [s]).fetchone()[0]
    ptext = paragraphs(protocol)
    assert "ПРОТОКОЛУ № 7" in ptext
    assert "Шайланган депутаттардын саны — 15, катышты — 11, катышкан жок — 4." in ptext
    # The legal basis in words: law, article, edition, and that Law No. 123 was not read.
    assert (f"Кворум: депутаттардын жалпы санынын жарымынан кем эмеси — 8 ({L101} "
            f"28-беренесинин 2-бөлүгү ({ED}); {NOT_123}). Сессия укуктуу.") in ptext
    assert (f"Талап кылынат: депутаттардын жалпы санынын көпчүлүгү — 8 ({L101} "
            f"28-беренесинин 2-бөлүгү, 36-беренесинин 1-бөлүгү ({ED}); {NOT_123}).") in ptext
    everything = "\n".join(ptext + ex)
    assert "vote." not in everything and "kg-20" not in everything
    assert "ЧЕЧИМ: токтом кабыл алынды." in ptext
    rows = cells(protocol)
    assert ["1", "Абдылдаев Медер Асанбекович"] in rows and len(
        [r for r in rows if r[0].isdigit()]) == 11
    assert ["Сессияда төрагалык кылган", "_____________________", "М. А. Абдылдаев"] in rows
    assert ["Сессиянын катчысы", "_____________________", "Г. М. Сыдыкова"] in rows
    agenda = [r for r in cells(notice.documents[0]["path"]) if r[0] == "1"]
    assert agenda == [["1", "Липенка айылдык аймагынын 2027-жылга карата биргелешкен "
                            "аракеттер планын бекитүү жөнүндө", "Б. К. Асанов"]]
    # the place under its label, as the clerk names it (no case ending to guess)
    assert "Өтүүчү жери: Липенка айылы, айыл өкмөтүнүн мажлис залы." in paragraphs(
        notice.documents[0]["path"])

    con = sqlite3.connect(c.db.execute("PRAGMA database_list").fetchone()[2])
    assert con.execute("SELECT municipality, series, year, number, act_date, case_id FROM "
                       "journal WHERE series = 'council_decisions'").fetchall() == [
        ("lipenka", "council_decisions", 2026, 1, "2026-12-10", draft)]
    assert con.execute("SELECT count(*) FROM journal WHERE series = 'orders'").fetchone()[0] == 0


def test_russian_decision(council):
    c = council
    draft = c.examined_plan()
    c.adopted(draft)
    c.step(draft, "adopt", "2026-12-10")
    ru = c.step(draft, "sign", "2026-12-11", actor="chair", lang="ru").documents[0]
    text = paragraphs(ru["path"])
    for expected in [
        "ПОСТАНОВЛЕНИЕ АЙЫЛНОГО КЕНЕША ЛИПЕНСКОГО АЙЫЛНОГО АЙМАКА",
        "VII очередная сессия айылного кенеша Липенского айылного аймака VII созыва",
        "1. Утвердить План совместных действий Липенского айылного аймака на 2027 год "
        "согласно приложению 1.",
        "2. Поручить айыл окмоту Липенского айылного аймака обеспечить реализацию Плана и его "
        "учёт в местном бюджете.",
        "3. Контроль за исполнением настоящего постановления возложить на постоянную комиссию "
        "айылного кенеша по социальным вопросам.",
        "4. Настоящее постановление вступает в силу со дня официального опубликования.",
    ]:
        assert expected in text, expected
    assert any(p.endswith("айылный кенеш Липенского айылного аймака ПОСТАНОВЛЯЕТ:")
               for p in text)


def test_a_commission_approval_never_looks_adopted(council):
    c = council
    draft = c.examined_plan()
    with pytest.raises(StateError) as exc:
        c.step(draft, "adopt")
    assert exc.value.message == (f"case {draft}: 'adopt' is not allowed in state 'examined'; "
                                 "allowed now: schedule")
    assert acts.list_acts(c.db) == []
    s = c.session([draft])
    c.step(s, "convene", "2026-12-01")
    c.step(draft, "schedule", "2026-12-01")
    with pytest.raises(GuardFailed) as refused:
        c.step(draft, "adopt", "2026-12-05")
    verdicts = {v["rule"]: v for v in refused.value.verdicts}
    assert verdicts["draft.session_held"]["message"] == (
        "the session that lists this draft has not been held (a commission's approval is not "
        "an adoption)")
    assert c.state(draft) == "on_agenda"


def test_rejection_returns_to_the_commission_and_a_later_session_adopts(council):
    c = council
    draft = c.examined_plan()
    s7 = c.adopted(draft, {"for": 6, "against": 3, "abstained": 2})
    with pytest.raises(GuardFailed) as refused:
        c.step(draft, "adopt", "2026-12-10")
    assert ("vote.majority: 6 votes for; 8 required (a majority of the total number of "
            "deputies: 15)") in refused.value.details[0]
    rejected = c.step(draft, "reject", "2026-12-10")
    assert "ЧЕЧИМ: токтом кабыл алынган жок." in paragraphs(rejected.documents[0]["path"])
    assert acts.list_acts(c.db) == []
    c.step(draft, "return_to_commission", "2026-12-11")
    with pytest.raises(GuardFailed) as stale:
        c.step(draft, "examine", "2026-12-12")
    assert stale.value.details[0].startswith(
        "draft.commission_examined: the commission's conclusion is dated 2026-11-27; after "
        "the session of 2026-12-10 the draft needs a new examination (commission.date)")
    c.update(draft, {"commission": {"date": "2026-12-15"}})
    c.step(draft, "examine", "2026-12-15")
    s8 = c.adopted(draft, number=8, date="2027-01-20", notice="2027-01-10")
    c.step(draft, "adopt", "2027-01-20")
    signed = c.step(draft, "sign", "2027-01-21", actor="chair")
    assert signed.documents[0]["number"] == 1   # 2027's first decision
    history = acts.chain(c.db, draft)
    assert [(s["session_case"], s["adopted"]) for s in history["sessions"]] == [
        (s7, False), (s8, True)]
    assert [st["step"] for st in history["steps"]] == [
        "open", "examine", "schedule", "reject", "return_to_commission", "examine",
        "schedule", "adopt", "sign"]


def test_quorum_tally_and_attendance_refusals(council):
    c = council
    draft = c.examined_plan()
    s = c.session([draft])
    c.step(s, "convene", "2026-12-01")
    c.step(draft, "schedule", "2026-12-01")
    with pytest.raises(GuardFailed) as no_quorum:
        c.hold(s, {draft: {"for": 7, "against": 0, "abstained": 0}}, present=ALL_DEPUTIES[:7])
    assert ("vote.quorum: 7 of 15 deputies present; a quorum needs 8 (not less than half of "
            "the total number of deputies)") in no_quorum.value.details[0]
    with pytest.raises(GuardFailed) as too_many:
        c.hold(s, {draft: {"for": 10, "against": 3, "abstained": 0}})
    [detail] = too_many.value.details
    assert detail.startswith(
        "vote.tally: item 1: 13 votes cast (for 10, against 3, abstained 0) but only 11 "
        "deputies present [Law No. 3 of 13.01.2000, art. 10, edition of 17.02.2015:")
    assert detail.endswith("[checked against Law No. 3 (edition of 17.02.2015); not checked "
                           "against the law on local deputies in force since 2021; inherited "
                           "from kg-2015]]")
    with pytest.raises(GuardFailed) as stranger:
        c.hold(s, {draft: {"for": 9, "against": 0, "abstained": 0}},
               present=ALL_DEPUTIES[:10] + ["lip-001"])
    assert stranger.value.details[0].startswith(
        "vote.attendance: not deputies on record on 2026-12-10: lip-001 (officials, role "
        "'deputy')")
    roll = [{"deputy": d, "vote": "for"} for d in ALL_DEPUTIES[:9]] + [
        {"deputy": ALL_DEPUTIES[0], "vote": "against"}]
    with pytest.raises(GuardFailed) as twice:
        c.hold(s, {draft: {"roll_call": roll}})
    assert "deputy 'lip-010' voted more than once" in twice.value.details[0]
    assert c.state(s) == "convened"


def test_session_rules_numbering_notice_agenda(council):
    c = council
    draft = c.examined_plan()
    unready = c.open("council_decision", data(PLAN))
    s = c.session([draft, unready], notice="2026-12-08")
    with pytest.raises(GuardFailed) as refused:
        c.step(s, "convene", "2026-12-08")
    details = "\n".join(refused.value.details)
    assert (f"session.agenda_ready: agenda item 2: draft {unready} is in state "
            "'draft_registered'; a draft is ready once a standing commission examined it") \
        in details
    assert ("session.notice_in_time: notified 2 days before the ordinary session; the "
            "kenesh's regulation asks at least 10") in details
    s_ok = c.session([draft])
    c.step(s_ok, "convene", "2026-12-01")
    twin = c.session([draft], notice="2026-12-01")
    with pytest.raises(GuardFailed) as dup:
        c.step(twin, "convene", "2026-12-01")
    assert dup.value.details[0].startswith(
        f"session.numbered: session № 7 of convocation 7 is already case {s_ok}")


def test_source_case_must_be_handed_to_council(council):
    c = council
    other = c.open("council_decision", data(PLAN))
    payload = data(PLAN)
    payload["draft"]["source_case"] = other
    draft = c.open("council_decision", payload)
    with pytest.raises(GuardFailed) as refused:
        c.step(draft, "examine", "2026-11-28")
    assert refused.value.details[0].startswith(
        f"draft.source_case_ready: draft.source_case: case {other} (council_decision) is in "
        "state 'draft_registered', not 'handed_to_council'")


def test_signer_is_the_chair_or_the_presiding_deputy(council):
    c = council
    draft = c.examined_plan()
    s = c.session([draft], presiding="lip-011")
    c.step(s, "convene", "2026-12-01")
    c.step(draft, "schedule", "2026-12-01")
    c.hold(s, {draft: {"for": 10, "against": 0, "abstained": 1}})
    c.step(draft, "adopt", "2026-12-10")
    with pytest.raises(GuardFailed) as refused:
        c.step(draft, "sign", "2026-12-11", actor="chair")
    assert refused.value.details[0].startswith(
        "decision.signer_is_chair: the council chair on record on 2026-12-10 is Абдылдаев "
        "Медер Асанбекович; 'lip-011' cannot sign while a chair is in office")
    # no chair on record on the session's date: the presiding deputy signs
    c.db.execute("UPDATE officials SET end_date = '2026-11-30' WHERE role = 'council_chair'")
    signed = c.step(draft, "sign", "2026-12-11", actor="chair")
    assert ["Сессияда төрагалык кылуучу", "_____________________", "Э. Ж. Токтосунов"] in \
        cells(signed.documents[0]["path"])


def _explain_adopt(c: Council, kind: str, year: int, number: int, vote: dict,
                   present: list[str]) -> tuple[str, bool, dict[str, str]]:
    payload = data(PLAN)
    payload["draft"].update(kind=kind, registered=f"{year}-05-01", initiator="lip-011")
    payload["commission"]["date"] = f"{year}-05-10"
    draft = c.open("council_decision", payload)
    c.step(draft, "examine", f"{year}-05-10")
    s = c.session([draft], number=number, date=f"{year}-06-01", notice=f"{year}-05-20")
    c.step(s, "convene", f"{year}-05-20")
    c.step(draft, "schedule", f"{year}-05-20")
    c.hold(s, {draft: vote}, present=present, on=f"{year}-06-01")
    explained = explain.explain(c.db, draft, today=dt.date(year, 6, 1))
    adopt = next(t for t in explained["triggers"] if t["trigger"] == "adopt")
    return (explained["profile"]["id"], adopt["allowed"],
            {g["rule"]: g["message"] for g in adopt["guards"]})


def test_election_attendance_two_thirds_before_2018_and_a_majority_after(council):
    """Law No. 21 of 15.02.2018 changed the *attendance* that makes an election valid
    (37(6): two thirds → a majority); the winner needs a majority of the total in both."""
    c = council
    for pid in ALL_DEPUTIES:
        c.db.execute("INSERT INTO officials(municipality, person, role, position, start_date,"
                     " end_date) VALUES ('lipenka', ?, 'deputy', 'Депутат', '2016-12-01', "
                     "'2021-11-30')", [pid])
    nine = ALL_DEPUTIES[:9]
    vote = {"for": 8, "against": 1, "abstained": 0}
    pid, allowed, m = _explain_adopt(c, "chair_election", 2017, 3, vote, nine)
    assert (pid, allowed) == ("kg-2015", False)
    assert m["vote.chair_election"] == (
        "9 deputies took part; 10 required (taking part: not less than two thirds of the total "
        "number of deputies: 15)")
    assert m["vote.majority"] == "8 votes for; 8 required (a majority of the total number of " \
                                 "deputies: 15)"
    pid, allowed, m = _explain_adopt(c, "chair_election", 2018, 9, vote, nine)
    assert (pid, allowed) == ("kg-2018", True)
    assert m["vote.chair_election"] == (
        "9 deputies took part; 8 required (taking part: a majority of the total number of "
        "deputies: 15)")
    assert "vote.charter_amendment" not in m     # a rule of another kind is not listed


def test_charter_amendment_needs_two_thirds_refused_before_2021_and_warned_after(council):
    """Law No. 101 art. 15(3): two thirds of the total (untouched in 2018). Under kg-2021 the
    value is in doubt (the 2022 Typical Charter does not repeat it): a warning, not a refusal."""
    c = council
    for pid in ALL_DEPUTIES:
        c.db.execute("INSERT INTO officials(municipality, person, role, position, start_date,"
                     " end_date) VALUES ('lipenka', ?, 'deputy', 'Депутат', '2016-12-01', "
                     "'2021-11-30')", [pid])
    vote = {"for": 9, "against": 3, "abstained": 0}
    pid, allowed, m = _explain_adopt(c, "charter_amendment", 2019, 4, vote, ALL_DEPUTIES[:12])
    assert (pid, allowed) == ("kg-2018", False)
    assert m["vote.charter_amendment"] == (
        "9 votes for; 10 required (not less than two thirds of the total number of deputies: "
        "15)")
    pid, allowed, m = _explain_adopt(c, "charter_amendment", 2026, 5, vote, ALL_DEPUTIES[:12])
    assert (pid, allowed) == ("kg-2021", True)
    assert m["vote.charter_amendment"].startswith(
        "9 votes for; 10 required (not less than two thirds of the total number of deputies: "
        "15) (a warning, not a refusal: in doubt since 21.10.2021: Law No. 101 art. 15(3) "
        "ceased;")


@pytest.mark.parametrize("field, change", [
    ("secretary", lambda p, who: p.update(secretary=who)),
    ("presiding", lambda p, who: p.update(presiding=who)),
    ("agenda[0].speakers[0]", lambda p, who: p["agenda"][0].update(speakers=[who])),
])
def test_session_people_belong_to_the_municipality(council, tmp_path, field, change):
    """Changed on purpose with the one person resolver (contexts.common.People): the
    council's presiding, secretary and speakers are checked like every other person a case
    names — a person of another municipality is refused at intake, naming the field."""
    from muni.engine.errors import InputError
    from muni.engine.sample import copy_municipalities

    c = council
    copy_municipalities(c.db, 1, tmp_path)            # m0001, whose people are m0001-…
    draft = c.examined_plan()
    payload = data(SESSION)
    payload["agenda"] = [{"draft": draft, "speakers": ["lip-001"]}]
    change(payload, "m0001-012")
    with pytest.raises(InputError) as refused:
        c.open("council_session", payload)
    assert refused.value.message == (f"{field}: 'm0001-012' belongs to municipality 'm0001', "
                                     "not 'lipenka'")


def test_a_decision_initiator_belongs_to_the_municipality(council, tmp_path):
    from muni.engine.errors import InputError
    from muni.engine.sample import copy_municipalities

    copy_municipalities(council.db, 1, tmp_path)
    payload = data(PLAN)
    payload["draft"]["initiator"] = "m0001-001"
    with pytest.raises(InputError) as refused:
        council.open("council_decision", payload)
    assert refused.value.message == ("draft.initiator: 'm0001-001' belongs to municipality "
                                     "'m0001', not 'lipenka'")
