"""The rules in the reader's language: ``explain``, ``preview``, ``history``, deadlines and a
batch's blocked rows worded in Kyrgyz, Russian or English, from the message key and values a
check returns and the audit keeps; records made before keys still verify and read as recorded.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from test_needs_assessment import add, advance_to, open_case, refused, sample, write

from muni.engine import Actor, Engine, GuardFailed, InputError
from muni.engine.explain import past_step
from muni.engine.sample import EXAMPLES, SAMPLE_MUNICIPALITY
from muni.engine.spec import load
from muni.engine.verdicts import all_in_language
from muni.registry import audit
from muni.registry.db import write_transaction

TODAY = dt.date(2026, 11, 21)
CLERK = Actor.declared("clerk")
HEAD = Actor.declared("head")
SMALL_GROUP = {
    "en": "the group has 3 members; at least 6 are required",
    "ky": "топто 3 мүчө бар; кеминде 6 мүчө талап кылынат",
    "ru": "в группе 3 члена; требуется не менее 6",
}
BASIS = {
    "en": "ЖМБА methodology, seed 002 L996",
    "ky": "«ЖӨБ органдарынын жергиликтүү маанидеги маселелер боюнча чечим кабыл алуу "
          "процессинде жергиликтүү жамааттын артыкчылыктарын эсепке алуусу» окуу китеби",
    "ru": "учебное пособие «Учёт приоритетов местного сообщества органами МСУ",
}
TITLE = {
    "en": "The working group has at least 6 members",
    "ky": "Жумушчу топтун курамы алты адамдан кем эмес",
    "ru": "В рабочей группе не менее шести человек",
}


@pytest.fixture
def engine(tmp_path):
    e = Engine(tmp_path / "muni.db")
    e.init()
    e.import_files([SAMPLE_MUNICIPALITY])
    yield e
    e.close()


def group_data(members: int | None = None) -> dict:
    data = Engine.read_case_data(EXAMPLES / "working_group_case.yaml")
    if members is not None:
        data["group"]["members"] = data["group"]["members"][:members]
    return data


def by_rule(guards: list[dict]) -> dict[str, dict]:
    return {g["rule"]: g for g in guards}


@pytest.mark.parametrize("lang", ["en", "ky", "ru"])
def test_explain_words_each_rule_in_the_readers_language(engine, lang):
    case = engine.open_case("working_group", "lipenka", group_data(1), actor=CLERK)["case"]
    explained = engine.explain(case, today=TODAY, lang=lang)
    assert explained["lang"] == lang
    small = by_rule(explained["triggers"][0]["guards"])["group.min_size"]
    assert (small["ok"], small["message"], small["title"]) == (False, SMALL_GROUP[lang],
                                                                TITLE[lang])
    assert small["say"] == {"key": "group.min_size/too_small", "values": {"size": 3, "min": 6}}
    # the basis as the profile cites it, in the reader's language
    assert small["basis"].startswith(BASIS[lang]) and small["basis_lang"] == lang
    drafts = engine.preview(case, today=TODAY, lang=lang if lang != "en" else None)
    assert by_rule(drafts["guards"])["group.min_size"]["message"] == SMALL_GROUP[lang]


def test_an_unknown_language_is_an_input_error(engine):
    case = engine.open_case("working_group", "lipenka", group_data(), actor=CLERK)["case"]
    with pytest.raises(InputError, match="lang: unknown language 'de'; use one of: ky, ru, en"):
        engine.explain(case, today=TODAY, lang="de")


def test_a_step_records_the_key_and_values_and_reads_in_any_language_later(engine):
    case = engine.open_case("working_group", "lipenka", group_data(), actor=CLERK)["case"]
    engine.advance(case, actor=CLERK, today=TODAY)
    [stored] = [r for r in audit.history(engine.db, case) if r["trigger"] == "draft_order"]
    size = by_rule(stored["guards"])["group.min_size"]
    assert "message" not in size    # the record keeps what was found, not words
    assert size["say"] == {"key": "group.min_size/ok", "values": {"size": 8, "min": 6}}
    english = by_rule(engine.history(case, lang="en")[1]["guards"])
    assert english["group.min_size"]["message"] == "the group has 8 members (at least 6)"
    fresh = engine.open_case("working_group", "lipenka", group_data(), actor=CLERK)["case"]
    worded = by_rule(engine.advance(fresh, actor=CLERK, today=TODAY)["guards"])
    assert worded["group.min_size"]["message"] == "the group has 8 members (at least 6)"
    unworded = by_rule(engine.advance(fresh, actor=HEAD, today=TODAY, words=None)["guards"])
    assert all("message" not in v and v["say"]["key"] for v in unworded.values())
    assert size["titles"] == TITLE
    assert by_rule(stored["guards"])["order.not_before_initiative"]["say"]["values"] == {
        "act": "2026-11-20", "initiative": "2026-11-05"}

    kyrgyz = by_rule(engine.history(case, lang="ky")[1]["guards"])
    assert kyrgyz["group.min_size"]["message"] == "топто 8 мүчө бар (кеминде 6)"
    assert kyrgyz["order.not_before_initiative"]["message"] == (
        "2026-жылдын 20-ноябрындагы тескеме кеңештин 2026-жылдын 5-ноябрындагы демилгесинен "
        "мурун эмес")
    russian = by_rule(engine.explain(case, today=TODAY, lang="ru")["history"][1]["guards"])
    assert russian["group.gender_balance"]["message"] == (
        "из 8 членов группы 5 женщин и 3 мужчины: доля менее представленного пола — 38 %")
    assert engine.verify()["ok"] is True


def test_records_made_before_messages_had_keys_verify_and_read_as_recorded(engine):
    """A registry written by an earlier muni: its verdicts have English text only. They keep
    their hashes, and a Kyrgyz reader gets the rule's Kyrgyz title and the recorded text."""
    case = engine.open_case("working_group", "lipenka", group_data(), actor=CLERK)["case"]
    old = {"rule": "group.min_size", "ok": True, "severity": "block",
           "message": "the group has 8 members (at least 6)",
           "title": "The working group has at least 6 members", "basis": "ЖМБА methodology",
           "verified": True, "profile": "kg-2021", "params": {"min": 6}}
    db = engine.db
    with write_transaction(db):
        audit.append(db, case_id=case, at="2026-11-21T09:00:00+00:00", actor="clerk",
                     trigger="draft_order", from_state="initiative_recorded",
                     to_state="order_drafted", profile="kg-2021", guards=[old],
                     data={"case": {}}, documents=[])
    engine.advance(case, actor=CLERK, today=TODAY)  # a record of today's muni after it
    assert audit.verify_chain(db) == []
    [shown] = all_in_language([old], "ky")
    assert shown["message"] == "the group has 8 members (at least 6)"
    assert shown["title"] == TITLE["ky"] and shown["basis_lang"] == "en"
    records = audit.history(db, case)
    step = past_step(records[1], load("working_group"), set(), "ru")
    assert by_rule(step["guards"])["group.min_size"]["title"] == TITLE["ru"]
    newer = by_rule(past_step(records[2], load("working_group"), set(), "ru")["guards"])
    assert newer["group.min_size"]["message"] == "в группе 8 членов (не менее 6)"


def test_an_interface_asks_for_its_readers_language(engine):
    """What the web asks of the engine — a case's next steps for an account, the case page's
    explain with the account, a refusal's verdicts — comes worded in the page's language."""
    case = engine.open_case("working_group", "lipenka", group_data(1), actor=CLERK)["case"]
    steps = engine.next_steps(case, actor=CLERK, today=TODAY, lang="ky")["steps"]
    small = by_rule(steps[0]["guards"])["group.min_size"]
    assert (small["message"], small["title"], small["basis_lang"]) == (
        SMALL_GROUP["ky"], TITLE["ky"], "ky")
    view = engine.explain(case, today=TODAY, actor=CLERK, lang="ru")
    small = by_rule(view["triggers"][0]["guards"])["group.min_size"]
    assert (small["message"], small["title"]) == (SMALL_GROUP["ru"], TITLE["ru"])
    assert small["basis"].startswith(BASIS["ru"])
    with pytest.raises(GuardFailed) as refusal:
        engine.advance(case, actor=CLERK, today=TODAY)
    worded = by_rule(Engine.in_language(refusal.value.extra["verdicts"], "ky"))
    assert worded["group.min_size"]["message"] == SMALL_GROUP["ky"]


def test_a_blocked_batch_row_names_its_rules_in_the_readers_language(engine):
    case = engine.open_case("working_group", "lipenka", group_data(1), actor=CLERK)["case"]
    events = list(engine.run_batch(actor=CLERK, today=TODAY, ids=(case,), lang="ky", jobs=1))
    [row] = [e for e in events if e.kind == "outcome"]
    assert row.status == "blocked" and "group.min_size" in row.rules
    assert f"group.min_size: {SMALL_GROUP['ky']} [{BASIS['ky']}" in "\n".join(row.details)


def test_the_cli_speaks_the_language_asked_for(sample_muni, monkeypatch):
    muni = sample_muni
    data = muni.write("small.json", json.dumps(group_data(1), ensure_ascii=False))
    case = muni.json("case", "new", "working_group", "-m", "lipenka", "--data", data)["case"]
    shown = muni("explain", case, "--lang", "ky").stdout
    assert f"✗ group.min_size: {TITLE['ky']}\n      {SMALL_GROUP['ky']}\n" \
           f"      негизи: {BASIS['ky']}" in shown
    assert SMALL_GROUP["en"] in muni("explain", case).stdout  # English unless asked
    monkeypatch.setenv("MUNI_LANG", "ru")
    assert SMALL_GROUP["ru"] in muni("explain", case).stdout
    muni("case", "update", case, "--data", muni.write("full.json", json.dumps(
        group_data(), ensure_ascii=False)))
    muni("advance", case)
    assert "✓ group.min_size: в группе 8 членов (не менее 6)" in muni("history", case).stdout
    wrong = muni("explain", case, "--lang", "de", ok=False)
    assert wrong.exit_code == 2 and "'de' is not one of 'en', 'ky', 'ru'" in wrong.output


def waiting_for_planning(muni, data: dict) -> int:
    """A needs assessment whose focus groups are recorded (the last on 2026-12-10): its
    planning meeting is due within a week."""
    case = open_case(muni, data)
    muni.json("advance", case, actor="head")
    advance_to(muni, case, data, "report_sessions")
    add(muni, case, data, ("focus_groups", "focus_report"))
    muni.json("advance", case, "-t", "record_focus_groups")
    return case


def test_deadlines_in_the_readers_language(sample_muni):
    muni = sample_muni
    data = sample()
    case = waiting_for_planning(muni, data)
    [planning] = [d for d in muni.json("explain", case, "--lang", "ky")["deadlines"]
                  if d["rule"] == "na.planning_within_week"]
    assert planning["what"] == ("пландоо жолугушуусу (акыркы фокус-топтон "
                                "(2026-жылдын 10-декабры) кийин 7 күндүн ичинде)")
    assert planning["say"] == {"key": "na.planning_within_week/due",
                               "values": {"max": 7, "last": "2026-12-10"}}
    listed = muni("status", "--deadlines", "--lang", "ru").stdout
    assert "планировочная встреча (в течение 7 дней после последней фокус-группы, " \
           "10 декабря 2026 г.): до 17 декабря 2026 года" in listed

    late = {"planning_meeting": {**data["planning_meeting"], "date": "2026-12-19"}}
    muni("case", "update", case, "--data", write(muni, "pm.yaml", late))
    refusal = refused(muni, case, "record_planning_meeting")
    [verdict] = [v for v in refusal["verdicts"] if v["rule"] == "na.planning_within_week"]
    [kyrgyz] = all_in_language([verdict], "ky")
    assert kyrgyz["message"] == (
        "planning_meeting.date: 2026-жылдын 19-декабры — акыркы фокус-топтон "
        "(2026-жылдын 10-декабры) 9 күн кийин; ал 7 күндүн ичинде, 2026-жылдын "
        "17-декабрына чейин өтүшү керек")


def test_the_councils_refusals_in_kyrgyz_and_russian(tmp_path):
    """A session without a quorum and a tally that cannot be true, as a Kyrgyz and a Russian
    reader get them: the law's words for the threshold, and the basis as the profile cites it,
    with what it was not checked against."""
    from council_helpers import ALL_DEPUTIES, Council, council_registry

    from muni.engine import GuardFailed

    c = Council(council_registry(tmp_path / "muni.db"), tmp_path / "documents")
    draft = c.examined_plan()
    s = c.session([draft])
    c.step(s, "convene", "2026-12-01")
    c.step(draft, "schedule", "2026-12-01")
    with pytest.raises(GuardFailed) as refused:
        c.hold(s, {draft: {"for": 10, "against": 3, "abstained": 0}},
               present=ALL_DEPUTIES[:7])
    rules = by_rule(refused.value.verdicts)
    ky = by_rule(all_in_language(refused.value.verdicts, "ky"))
    ru = by_rule(all_in_language(refused.value.verdicts, "ru"))
    assert rules["vote.quorum"]["message"] == (
        "7 of 15 deputies present; a quorum needs 8 (not less than half of the total number "
        "of deputies)")
    assert ky["vote.quorum"]["message"] == (
        "15 депутаттын 7си катышты; кворум үчүн 8 керек (депутаттардын жалпы санынын жарымынан "
        "кем эмеси)")
    assert ru["vote.quorum"]["message"] == (
        "присутствуют 7 из 15 депутатов; для кворума нужно 8 (не менее половины от общего "
        "числа депутатов)")
    assert ky["vote.tally"]["message"] == (
        "1-маселе: 13 добуш берилди (макул — 10, каршы — 3, калыс — 0), бирок 7 гана депутат "
        "катышты")
    assert ky["vote.quorum"]["basis"] == (
        "«Жергиликтүү өз алдынча башкаруу жөнүндө» Кыргыз Республикасынын 2011-жылдын "
        "15-июлундагы № 101 Мыйзамынын 28-беренесинин 2-бөлүгү (2015-жылдын 17-апрелиндеги "
        "редакциясы) [2011-жылдын 15-июлундагы № 101 Мыйзам (2015-жылдын 17-апрелиндеги "
        "редакциясы) боюнча текшерилген; 2021-жылдын 20-октябрындагы № 123 Мыйзам боюнча "
        "текшерилген эмес; kg-2015 профилинен өткөн]")
    assert ru["vote.quorum"]["basis"].startswith("часть 2 статьи 28 Закона Кыргызской "
                                                 "Республики «О местном самоуправлении»")
    assert ky["vote.quorum"]["title"] == rules["vote.quorum"]["titles"]["ky"]
