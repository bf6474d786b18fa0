"""The working-group procedure end to end through the `muni` command."""

from __future__ import annotations

import sqlite3

from conftest import EXAMPLES, docx_text

CASE = EXAMPLES / "working_group_case.yaml"


def header_text(path: str) -> str:
    """The running header of pages 2+ (page 1 has its own, with the banner in the body)."""
    import docx

    return "".join(p.text for p in docx.Document(path).sections[0].header.paragraphs)


def open_case(muni) -> int:
    out = muni.json("case", "new", "working_group", "-m", "lipenka", "--data", CASE)
    assert out["state"] == "initiative_recorded"
    return out["case"]


def test_full_procedure_writes_the_numbered_order(sample_muni):
    muni = sample_muni
    case = open_case(muni)

    drafted = muni.json("advance", case, actor="clerk")
    assert (drafted["from"], drafted["to"]) == ("initiative_recorded", "order_drafted")
    [draft] = drafted["documents"]
    assert draft["draft"] is True and draft["number"] is None
    draft_text = docx_text(draft["path"])
    assert "ДОЛБООР — кол коюлган эмес, катталган эмес" in draft_text
    assert "2026-жылдын 20-ноябры № ________" in draft_text
    assert header_text(draft["path"]) == "ДОЛБООР — кол коюлган эмес, катталган эмес"

    signed = muni.json("advance", case, actor="head")
    assert signed["to"] == "order_registered"
    [order] = signed["documents"]
    assert order["number"] == 12  # the sample journal stopped at 11 on paper
    text = docx_text(order["path"])
    assert "ДОЛБООР" not in text
    assert header_text(order["path"]) == ""  # pages 2+ of a signed order carry no draft mark
    for expected in [
        "КЫРГЫЗ РЕСПУБЛИКАСЫ",
        "ЫСЫК-КӨЛ ОБЛУСУ",
        "ТҮП РАЙОНУ",
        "ЛИПЕНКА АЙЫЛДЫК АЙМАГЫНЫН",
        "КЫРГЫЗСКАЯ РЕСПУБЛИКА",
        "ИССЫК-КУЛЬСКАЯ ОБЛАСТЬ",
        "ЛИПЕНСКОГО АЙЫЛНОГО АЙМАКА",
        "2026-жылдын 20-ноябры № 12",
        "ТЕСКЕМЕ",
        "Липенка айылдык аймагынын калкынын керектөөлөрүн аныктоо максатында",
        "курамы 8 (сегиз) кишиден турган ЖМБА-иш-чаралар комплексин өткөрүү боюнча "
        "жумушчу топ түзүлсүн (тизмеси №1 тиркемеде);",
        "адис Н. А. Жумабеков ЖМБА-иш-чаралар комплексин",
        "ушул тескеменин аткарылышына контролду өзүмө калтырам.",
        "Башчы | _____________________ | Б. К. Асанов",
        "тескемесине №1 тиркеме",
        "КУРАМЫ",
        "1 | Осмонова Салтанат Токтогуловна | Айыл өкмөт башчысынын орун басары | "
        "+996 555 11 22 33",
        "2 | Мамбетова Айгүл Бакировна | Жооптуу катчы",
        "8 | Айпери Жолдошбек кызы | Айылдык аймактын жаштар кеңешинин өкүлү",
    ]:
        assert expected in text, expected

    working = muni.json("advance", case, actor="clerk")
    assert working["to"] == "group_working" and working["documents"] == []

    con = sqlite3.connect(muni.db_path)
    assert con.execute("SELECT state FROM cases WHERE id = ?", [case]).fetchone()[0] == \
        "group_working"
    assert con.execute(
        "SELECT municipality, series, year, number, act_date FROM journal").fetchall() == [
        ("lipenka", "orders", 2026, 12, "2026-11-20")]
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 2
    trail = con.execute("SELECT actor, trigger, from_state, to_state FROM audit ORDER BY id"
                        ).fetchall()
    assert trail == [
        ("clerk", "open", None, "initiative_recorded"),
        ("clerk", "draft_order", "initiative_recorded", "order_drafted"),
        ("head", "sign_order", "order_drafted", "order_registered"),
        ("clerk", "start_work", "order_registered", "group_working"),
    ]


def test_final_state_has_nothing_to_do(sample_muni):
    case = open_case(sample_muni)
    for actor in ("clerk", "head", "clerk"):
        sample_muni("advance", case, actor=actor)
    result = sample_muni("advance", case, ok=False)
    assert result.exit_code == 5
    assert f"case {case} is in final state 'group_working'; nothing to do" in result.stderr


def test_sign_needs_a_second_person(sample_muni):
    case = open_case(sample_muni)
    sample_muni("advance", case, actor="clerk")
    result = sample_muni("advance", case, actor="clerk", ok=False)
    assert result.exit_code == 5
    assert ("'sign_order' needs a second person — 'clerk' prepared this step; "
            "another actor must confirm it") in result.stderr
    con = sqlite3.connect(sample_muni.db_path)
    assert con.execute("SELECT state FROM cases").fetchone()[0] == "order_drafted"
    assert con.execute("SELECT count(*) FROM journal").fetchone()[0] == 0


def test_trigger_not_allowed_now(sample_muni):
    case = open_case(sample_muni)
    result = sample_muni("advance", case, "--trigger", "start_work", ok=False)
    assert result.exit_code == 5
    assert ("'start_work' is not allowed in state 'initiative_recorded'; allowed now: "
            "draft_order") in result.stderr
    unknown = sample_muni("advance", case, "--trigger", "fly", ok=False)
    assert "workflow 'working_group' has no trigger 'fly'" in unknown.stderr


def test_status_history_and_journal(sample_muni):
    case = open_case(sample_muni)
    sample_muni("advance", case, actor="clerk")
    sample_muni("advance", case, actor="head")
    [row] = sample_muni.json("status")
    assert (row["id"], row["workflow"], row["state"]) == (case, "working_group",
                                                         "order_registered")
    history = sample_muni.json("history", case)
    assert [h["trigger"] for h in history] == ["open", "draft_order", "sign_order"]
    sign = history[2]
    assert sign["profile"] == "kg-2021"
    assert {g["rule"] for g in sign["guards"] if g["ok"]} >= {"order.signer_is_head",
                                                              "group.min_size"}
    assert sign["documents"][0]["number"] == 12 and len(sign["documents"][0]["sha256"]) == 64
    [entry] = sample_muni.json("journal")
    assert (entry["number"], entry["case_id"]) == (12, case)
    text = sample_muni("history", case).stdout
    assert ("head (declared): sign_order order_drafted → order_registered [profile kg-2021]"
            in text)


def test_explain_shows_each_rule_with_its_basis(sample_muni):
    case = open_case(sample_muni)
    result = sample_muni.json("explain", case)
    assert result["state"]["name"] == "initiative_recorded"
    assert result["profile"]["id"] == "kg-2021"
    [trigger] = result["triggers"]
    assert trigger["trigger"] == "draft_order" and trigger["allowed"] is True
    rules = {g["rule"]: g for g in trigger["guards"]}
    assert rules["group.min_size"]["message"] == "the group has 8 members (at least 6)"
    assert "seed 002 L996" in rules["group.min_size"]["basis"]
    assert rules["group.gender_balance"]["message"] == (
        "5 women and 3 men of 8: the less represented sex is 38%")
    text = sample_muni("explain", case).stdout
    assert "draft_order → order_drafted: ALLOWED" in text
    assert "✓ group.chair_is_staff" in text


def test_explain_names_failing_rules_and_advance_refuses(sample_muni):
    muni = sample_muni
    small = muni.write("small.yaml", CASE.read_text(encoding="utf-8").replace(
        "    - lip-023\n    - lip-011\n    - lip-012\n", ""))
    case = muni.json("case", "new", "working_group", "-m", "lipenka", "--data", small)["case"]
    explained = muni.json("explain", case)
    rules = {g["rule"]: g for g in explained["triggers"][0]["guards"]}
    assert rules["group.min_size"]["ok"] is False
    assert rules["group.min_size"]["message"] == "the group has 5 members; at least 6 are required"
    assert rules["group.composition"]["message"] == "the group has no council deputies"
    assert rules["group.gender_balance"]["message"] == (
        "4 women and 1 man of 5: men are 20%; the less represented sex must be at least 30% "
        "(2 of 5)")
    result = muni("advance", case, ok=False)
    assert result.exit_code == 4
    assert "group.min_size: the group has 5 members; at least 6 are required" in result.stderr
    assert "[ЖМБА methodology, seed 002 L996" in result.stderr
    con = __import__("sqlite3").connect(muni.db_path)
    assert con.execute("SELECT state FROM cases").fetchone()[0] == "initiative_recorded"
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 0
    assert not list((muni.tmp / "documents").rglob("*.docx"))


def test_signer_must_be_the_head_on_record(sample_muni):
    muni = sample_muni
    data = muni.write("signer.yaml", CASE.read_text(encoding="utf-8").replace(
        "  date: 2026-11-20 ", "  signer: lip-002\n  date: 2026-11-20 "))
    case = muni.json("case", "new", "working_group", "-m", "lipenka", "--data", data)["case"]
    muni("advance", case, actor="clerk")
    result = muni("advance", case, actor="head", ok=False)
    assert result.exit_code == 4
    assert ("order.signer_is_head: order.signer is 'lip-002', but the head on record "
            "on 2026-11-20 is Асанов Бакыт Кадырбекович (lip-001)") in result.stderr


def test_order_not_before_initiative(sample_muni):
    muni = sample_muni
    data = muni.write("early.yaml", CASE.read_text(encoding="utf-8").replace(
        "date: 2026-11-20", "date: 2026-11-01"))
    case = muni.json("case", "new", "working_group", "-m", "lipenka", "--data", data)["case"]
    result = muni("advance", case, ok=False)
    assert ("order.not_before_initiative: the order is dated 2026-11-01, before the council's "
            "initiative of 2026-11-05") in result.stderr


def test_preview_takes_no_number_and_records_nothing(sample_muni):
    muni = sample_muni
    case = open_case(muni)
    muni("advance", case, actor="clerk")
    out = muni.json("preview", case)
    assert out["trigger"] == "sign_order" and out["allowed"] is True
    [path] = out["documents"]
    text = docx_text(path)
    assert "ДОЛБООР — кол коюлган эмес, катталган эмес" in text
    assert "2026-жылдын 20-ноябры № ________" in text
    con = sqlite3.connect(muni.db_path)
    assert con.execute("SELECT count(*) FROM journal").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM audit").fetchone()[0] == 2
    signed = muni.json("advance", case, actor="head")
    assert signed["documents"][0]["number"] == 12  # the preview consumed nothing


def test_russian_documents(sample_muni):
    case = open_case(sample_muni)
    sample_muni("advance", case, "--lang", "ru", actor="clerk")
    signed = sample_muni.json("advance", case, "--lang", "ru", actor="head")
    text = docx_text(signed["documents"][0]["path"])
    assert "20 ноября 2026 г. № 12" in text
    assert "РАСПОРЯЖЕНИЕ" in text
    assert "численностью 8 (восемь) человек" in text
    assert "ЛИПЕНКА АЙЫЛДЫК АЙМАГЫНЫН" in text  # the letterhead stays bilingual
    assert signed["documents"][0]["path"].endswith(".ru.docx")


def test_case_schema_is_json_schema(sample_muni):
    import json

    schema = json.loads(sample_muni("case", "schema", "working_group").stdout)
    assert schema["required"] == ["initiative", "order", "responsible", "group"]
    assert schema["properties"]["initiative"]["properties"]["kind"]["enum"] == [
        "council_decision", "deputies_request"]
