"""The ЖМБА needs assessment (seed 002, forms 2–10 and the БАП) through the `muni` command.

The sample case (examples/needs_assessment_case.yaml) is fed stage by stage with `muni case
update`, as a clerk would; documents are read back (paragraphs and table cells) and the
registry is checked. Refusals name the field and the numbers.
"""

from __future__ import annotations

import copy
import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import EXAMPLES, docx_text

from muni.engine.inputs import parse
from muni.engine.intake import read_data_file
from muni.engine.locale.typography import plain
from muni.engine.scenario import DEMO

CASE = EXAMPLES / "needs_assessment_case.yaml"
WG_CASE = EXAMPLES / "working_group_case.yaml"


def demo_stages() -> list[tuple[str, tuple[str, ...]]]:
    """``(step, the data sections added before it)`` in the demo's order (its scenario file,
    examples/demo/needs_assessment.yaml): the case is opened with the first stage's."""
    steps = parse((DEMO / "needs_assessment.yaml").read_text(encoding="utf-8"), "demo")["steps"]
    stages, pending = [], ()
    for item in steps:
        if "open" in item or "change" in item:
            pending += tuple(item.get("keys") or ())
        elif "step" in item and item.get("expect") != "refused":
            stages.append((item["step"], pending))
            pending = ()
    return stages


# The order a clerk feeds the data in: the demo's, so the two cannot drift apart.
DEMO_STAGES = demo_stages()
FIRST = DEMO_STAGES[0][1]
STAGES = DEMO_STAGES[1:]


def sample() -> dict[str, Any]:
    return read_data_file(CASE)


def group_case(muni, *, start: bool = True) -> int:
    """A working group case taken to `group_working` (or only drafted)."""
    case = muni.json("case", "new", "working_group", "-m", "lipenka", "--data", WG_CASE)["case"]
    muni.json("advance", case, actor="clerk")
    if start:
        muni.json("advance", case, actor="head")
        muni.json("advance", case, actor="clerk")
    return case


def write(muni, name: str, data: dict) -> Path:
    return muni.write(name, yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def open_case(muni, data: dict | None = None, group: int | None = None) -> int:
    data = copy.deepcopy(data or sample())
    data["working_group_case"] = group if group is not None else group_case(muni)
    first = {k: data[k] for k in FIRST}
    out = muni.json("case", "new", "needs_assessment", "-m", "lipenka", "--data",
                    write(muni, "first.yaml", first))
    assert out["state"] == "plan_drafted"
    return out["case"]


def add(muni, case: int, data: dict, keys: tuple[str, ...]) -> None:
    if keys:
        muni("case", "update", case, "--data", write(muni, "stage.yaml",
                                                      {k: data[k] for k in keys}))


def advance_to(muni, case: int, data: dict, last: str) -> dict:
    """Feed the stages' data and advance up to and including ``last``; returns its result."""
    from muni.engine.spec import load

    source = {t.trigger: t.source for t in load("needs_assessment").transitions}
    state = muni.json("case", "show", case)["state"]
    todo = STAGES[[source[t] for t, _ in STAGES].index(state):]
    result = {}
    for trigger, keys in todo:
        add(muni, case, data, keys)
        result = muni.json("advance", case, "-t", trigger, actor="clerk")
        if trigger == last:
            return result
    return result


def refused(muni, case: int, trigger: str) -> dict:
    result = muni("advance", case, "-t", trigger, "--json", actor="clerk", ok=False)
    assert result.exit_code == 4, result.output
    return json.loads(result.stdout)


def failing(payload: dict) -> dict[str, str]:
    return {v["rule"]: v["message"] for v in payload["verdicts"] if not v["ok"]}


def test_programme_leaves_the_men_women_split_blank_to_fill_by_hand(sample_muni):
    """Form 5 asks for the planned split per group; where the schedule does not give it, the
    programme prints blanks (as the seed form does), never a made-up number."""
    muni = sample_muni
    data = sample()
    for event in data["schedule"]:
        event.pop("planned_men", None)
        event.pop("planned_women", None)
    case = open_case(muni, data)
    muni.json("advance", case, actor="head")
    programmes = muni.json("advance", case, "-t", "confirm_readiness", actor="clerk")
    text = docx_text(programmes["documents"][0]["path"])
    assert ("- 18 – 35 жаштагылардын тобу: 25 киши, алардын ичинде ________ эркек жана "
            "________ аял;") in text


# --- the whole procedure ------------------------------------------------------------------

def test_full_procedure_from_plan_to_council(sample_muni):
    muni = sample_muni
    data = sample()
    case = open_case(muni, data)

    approved = muni.json("advance", case, actor="head")
    assert (approved["from"], approved["to"]) == ("plan_drafted", "plan_approved")
    [order] = approved["documents"]
    assert order["number"] == 13  # after the working group's order № 12
    text = docx_text(order["path"])
    for expected in [
        "2026-жылдын 23-ноябры № 13",
        "планын жана графигин бекитүү тууралуу",
        "ТЕСКЕМЕ",
        "- ЖМБА-иш-чаралар комплексин өткөрүү боюнча жумушчу топтун иш планы бекитилсин "
        "(№1 тиркеме);",
        "- ЖМБА-иш-чаралар комплексин өткөрүү боюнча жумушчу топтун иш графиги бекитилсин "
        "(№2 тиркеме);",
        "- адис Н. А. Жумабеков жумушчу топтун ишин уюштуруу",
        "тескемесине №1 тиркеме",
        "тескемесине №2 тиркеме",
        "ИШ ПЛАНЫ",
        "ИШ ГРАФИГИ",
        "1 | Жумушчу топтун мүчөлөрүн ЖМБА усулдарына окутуу | 2026-жылдын 27-ноябры | "
        "С. Т. Осмонова",
        "1 | ЖМБА-сессия, 18 – 35 жаштагылардын тобу | Липенка | 2026-жылдын 1-декабры 10.00 | "
        "Липенка айылы, клубдун имараты | С. Т. Осмонова, А. Жолдошбек кызы | 25",
        "9 | Пландоо жолугушуусу | Липенка",
    ]:
        assert expected in text, expected

    programmes = muni.json("advance", case, "-t", "confirm_readiness", actor="clerk")
    text = docx_text(programmes["documents"][0]["path"])
    assert "ЖМБА-СЕССИЯСЫНЫН ПРОГРАММАСЫ" in text
    assert "Убактысы: 10.00 (2 топ) жана 14.00 (1 топ)" in text
    assert "ЖМБА-ФОКУС-ТОБУНУН ПРОГРАММАСЫ" in text
    assert "12.15-12.30 | Критерийлерди иштеп чыгуу" in text
    # form 5 keeps the planned men/women split of each group
    assert "- 18 – 35 жаштагылардын тобу: 25 киши, алардын ичинде 12 эркек жана 13 аял;" in text
    # the sheets the participants sign exist before the sessions: one per scheduled session,
    # numbered per village as the protocols will be, with an empty row per planned place
    blank = programmes["documents"][1]
    assert blank["template"] == "na_participant_lists_blank"
    text = docx_text(blank["path"])
    assert text.count("ЖМБА-сессия катышуучуларынын тизмеси") == 6
    assert ("Иш-чаранын аталышы: ЖМБА-сессия №3, 56 жаштан жогорулардын тобу (Тасма айылы)"
            in text)
    assert ("Иш-чара өтчү күн жана жер: 2026-жылдын 1-декабры, 10.00, Липенка айылы, клубдун "
            "имараты") in text
    rows = [line for line in text.splitlines() if re.fullmatch(r"\d+ \|  \|  \|  \|  \| ", line)]
    assert len(rows) == 6 * 25  # planned 25 each; nobody's name or signature printed
    assert "Катышуучулардын саны: ________, алардын ичинде аялдар: ________." in text

    add(muni, case, data, ("sessions",))
    held = muni.json("advance", case, "-t", "record_sessions", actor="clerk")
    lists, protocols = (d["path"] for d in held["documents"])
    text = docx_text(protocols)
    assert text.count("ПРОТОКОЛУ") == 6
    first = data["sessions"][0]
    for expected in [
        "Липенка айылдык аймагынын Липенка айылындагы ЖМБА-сессиясынын",
        "№1 ПРОТОКОЛУ", "№3 ПРОТОКОЛУ",
        "Күнү: 2026-жылдын 1-декабры.",
        "Өткөн жери: Липенка айылы, клубдун имараты.",
        f"Катышуучулар: Липенка айылынын 18ден 35 жашка чейинки калкы — "
        f"{len(first['participants'])} киши, алардын ичинде 11 аял (48 %).",
        "Үчүнчү маселе боюнча",
        "1 | Ички жолдордун начар абалы | 14",
        "| Бардыгы | 58",
        "Бардыгы: 100%.",
        "Тиркеме: катышуучулардын тизмеси, иш-чара маалында тартылган сүрөттөр.",
    ]:
        assert expected in text, expected
    text = docx_text(lists)
    assert text.count("Кол тамгасы") == 6
    name = first["participants"][0]["name"]
    assert f"1 | {name} | {first['participants'][0]['age']} |" in text
    assert "Катышуучулардын саны: 23, алардын ичинде аялдар: 11 (48 %)." in text

    reported = advance_to(muni, case, data, "report_sessions")
    # the focus groups' registration sheets, blank, before the focus groups
    sheets = reported["documents"][1]
    assert sheets["template"] == "na_focus_group_sheets_blank"
    text = docx_text(sheets["path"])
    assert text.count("ЖМБА-фокус-тобунун катышуучуларынын каттоо баракчасы") == 2
    assert ("Иш-чара өтчү күн жана жер: 2026-жылдын 10-декабры, 10:00, Тасма айылы, мектептин "
            "имараты") in text
    assert len(re.findall(r"^\d+ \|  \|  \|  \|  \|  \|  \| $", text, re.M)) == 2 * 22
    text = docx_text(reported["documents"][0]["path"])
    # votes summed across the village's sessions: 14 + 10 + 9 for roads, 12 + 16 + 15 water
    assert "1 | Ичүүчү суунун жетишсиздиги | 43 | ооба" in text
    assert "2 | Ички жолдордун начар абалы | 33 | ооба" in text
    assert "6 | ФАПтын начар абалы | 12 | " in text  # sixth: not a priority
    # merged (P-16/P-17): «Жаштар үчүн шарттардын…» counted under «Спорт аянтчасынын жоктугу»
    assert "7 | Спорт аянтчасынын жоктугу | 11 |" in text
    assert "Айылда ЖМБА-сессияларына катышкандардын саны: 66" in text
    assert "Алардын ичинен аялдар: 35 (53 %)" in text
    assert "1 | Ичүүчү суунун жетишсиздиги | 83" in text  # aimak-wide: 43 + 40
    assert "ЖМБА-сессияларынын жалпы саны: 6; катышуучулар: 130" in text

    focus = advance_to(muni, case, data, "record_focus_groups")
    assert [d["template"] for d in focus["documents"]] == [
        "na_focus_group_sheets", "na_focus_group_protocols", "na_focus_group_report"]
    sheets, fg_protocols, fg_report = (d["path"] for d in focus["documents"])
    check_focus_group_sheets(sheets, data)
    check_focus_group_protocols(fg_protocols, data)
    text = docx_text(fg_report)
    fg = data["focus_groups"][0]["participants"]
    assert f"- катышуучулардын саны: {len(fg)}:" in text
    deputies = sum(1 for p in fg if p.get("category") == "deputy")
    assert f"алардын ичинен АК депутаттары {deputies};" in text
    assert "Көйгөй | Ичүүчү суунун жетишсиздиги" in text
    assert "Себептер | Суу түтүктөрүнүн эскириши; Суу сактагычтын көлөмү аз" in text

    planning = advance_to(muni, case, data, "record_planning_meeting")
    text = docx_text(planning["documents"][0]["path"])
    assert "Пландоо жолугушуусу тууралуу жалпы маалымат" in text
    assert "Артыкчылыктуу көйгөйлөр боюнча толукталган таблица" in text

    groups = advance_to(muni, case, data, "form_initiative_groups")
    [ig] = groups["documents"]
    assert ig["number"] == 14
    text = docx_text(ig["path"])
    assert "- 2 (эки) демилгелүү топ түзүлсүн жана алардын курамы бекитилсин" in text
    assert "1. «Таза суу» демилгелүү тобу — Ичүүчү суунун жетишсиздиги (9 киши, алардын " \
           "ичинде 4 аял, 44 %)" in text

    drafted = advance_to(muni, case, data, "draft_action_plan")
    text = docx_text(drafted["documents"][0]["path"])
    assert "БИРГЕЛЕШКЕН АРАКЕТТЕР ПЛАНЫ (БАП)" in text
    assert "1.2 | 3 км суу түтүгүн алмаштыруу | 3 км түтүк алмаштырылды | 2027-жылдын 1-сентябры" \
           in text
    assert "Жергиликтүү бюджет: 1 200 000,00; Жамааттын салымы: 300 000,00; Донорлор: " \
           "2 500 000,00 | 4 000 000,00" in text
    assert "| Бардыгы |" in text and "| 4 750 000,00" in text
    assert "Бардыгы | 4 750 000,00 (төрт миллион жети жүз элүү миң) сом 00 тыйын |" in text

    discussed = advance_to(muni, case, data, "discuss_action_plan")
    text = docx_text(discussed["documents"][0]["path"])
    assert "коомдук угуунун" in text and "ПРОТОКОЛУ" in text
    assert "Катышкандар: 74 киши, алардын ичинде 35 аял (47 %)." in text
    assert "«макул» — 68, «каршы» — 2, «калыс» — 4 (бардыгы 74)." in text
    assert "БАПтын долбоору кабыл алынган сунуштар менен колдоого алынсын" in text

    handed = advance_to(muni, case, data, "hand_to_council")
    assert handed["to"] == "handed_to_council"
    final_plan = handed["documents"][0]["path"]
    assert "4 750 000,00" in docx_text(final_plan)

    con = sqlite3.connect(muni.db_path)
    assert con.execute("SELECT state FROM cases WHERE id = ?", [case]).fetchone()[0] == \
        "handed_to_council"
    # each order is journalled under its own date (the initiative groups' order is later)
    assert con.execute("SELECT number, template, act_date FROM journal WHERE case_id = ? "
                       "ORDER BY number", [case]).fetchall() == [
        (13, "na_plan_order", "2026-11-23"),
        (14, "na_initiative_groups_order", "2026-12-17")]
    templates = [r[0] for r in con.execute(
        "SELECT template FROM documents WHERE case_id = ? ORDER BY id", [case])]
    assert templates == ["na_plan_order", "na_programmes", "na_participant_lists_blank",
                         "na_participant_lists", "na_session_protocols", "na_session_report",
                         "na_focus_group_sheets_blank", "na_focus_group_sheets",
                         "na_focus_group_protocols", "na_focus_group_report",
                         "na_planning_report", "na_initiative_groups_order", "na_action_plan",
                         "na_hearing_protocol", "na_action_plan"]
    trail = [r[0] for r in con.execute(
        "SELECT trigger FROM audit WHERE case_id = ? AND trigger != 'update_data' ORDER BY id",
        [case])]
    assert trail == ["open", "approve_plan", *[t for t, _ in STAGES]]
    # what the council's workflow takes over: the hand-over step's context
    record = json.loads(con.execute(
        "SELECT data FROM audit WHERE case_id = ? AND trigger = 'hand_to_council'",
        [case]).fetchone()[0])
    handoff = record["documents"][0]["council_handoff"]
    assert handoff["title"]["ky"].startswith("Липенка айылдык аймагынын 2027-жылга")
    assert handoff["title"]["ru"].startswith("План совместных действий")
    assert handoff["hearing_date"] == "2026-12-30"
    assert handoff["action_plan_document"] == drafted["documents"][0]["path"]
    assert handoff["total"] == "4750000.00"


def _category_counts(people: list[dict]) -> dict[str, int]:
    counts = {c: 0 for c in ("deputy", "staff", "community", "specialist")}
    for p in people:
        counts[p.get("category", "community")] += 1
    return counts


def check_focus_group_sheets(path: str, data: dict) -> None:
    """One registration sheet per focus group: a row per participant (sex, category, an empty
    signature cell) and the counts by category computed from the rows."""
    from docx import Document

    doc = Document(path)
    groups = data["focus_groups"]
    assert len(doc.tables) == len(groups)
    paras = [plain(p.text) for p in doc.paragraphs]
    for fgd, table in zip(groups, doc.tables, strict=True):
        people = fgd["participants"]
        header = [plain(c.text) for c in table.rows[0].cells]
        assert header[-1] == "Кол тамгасы" and "Категориясы" in header
        rows = [[plain(c.text) for c in r.cells] for r in table.rows[1:]]
        assert len(rows) == len(people)  # the rows grow with the list
        label = {"deputy": "АК депутаты", "staff": "АӨ кызматкери", "community": "БӨУ/жамаат",
                 "specialist": "адис"}
        for i, (row, p) in enumerate(zip(rows, people, strict=True)):
            assert row[:7] == [str(i + 1), p["name"], "аял" if p["sex"] == "f" else "эркек",
                               str(p["age"]), p["occupation"], label[p["category"]],
                               p["contacts"]]
            assert row[7] == ""  # signed by hand
        women = sum(1 for p in people if p["sex"] == "f")
        n = _category_counts(people)
        share = round(100 * women / len(people))
        assert (f"Катышуучулардын саны: {len(people)}, алардын ичинде аялдар: {women} "
                f"({share} %), АК депутаттары: {n['deputy']}, АӨ кызматкерлери: {n['staff']}, "
                f"адистер: {n['specialist']}, БӨУ жана жамааттар: {n['community']}.") in paras
        assert f"Иш-чаранын аталышы: ЖМБА-фокус-тобу ({fgd['village']} айылы)" in paras


def check_focus_group_protocols(path: str, data: dict) -> None:
    """One protocol per focus group (form 10 adapted), page break between them: heading,
    counts by category, the form-5 B agenda, per problem the causes, consequences, solutions
    and resources, a signature line per facilitator, the annex list."""
    from docx import Document

    paras = [plain(p.text) for p in Document(path).paragraphs]
    text = "\n".join(paras)
    groups = data["focus_groups"]
    assert text.count("ПРОТОКОЛУ") == len(groups)
    assert text.count("Тиркеме: катышуучулардын каттоо баракчасы, иш-чара маалында тартылган "
                      "сүрөттөр.") == len(groups)
    assert text.count("Күн тартиби") == len(groups)
    for item in ("Биринчи", "Экинчи", "Үчүнчү", "Төртүнчү"):
        assert paras.count(f"{item} маселе боюнча") == len(groups)
    assert "- Артыкчылыктуу көйгөйлөрдүн натыйжаларын аныктоо." in paras
    assert ("- Критерийлерди иштеп чыгуу жана демилгелүү топтордун курамына өкүлдөрдү "
            "тандоо.") in paras
    for fgd in groups:
        people = fgd["participants"]
        women = sum(1 for p in people if p["sex"] == "f")
        n = _category_counts(people)
        assert (f"Липенка айылдык аймагынын {fgd['village']} айылындагы ЖМБА-фокус-тобунун"
                in text)
        assert (f"Катышуучулар: {fgd['village']} айылындагы ЖМБА-сессияларынын лидерлери жана "
                f"активдүү катышуучулары — {len(people)} киши, алардын ичинде {women} аял "
                f"({round(100 * women / len(people))} %), АК депутаттары — {n['deputy']}, "
                f"АӨ кызматкерлери — {n['staff']}, адистер — {n['specialist']}, БӨУ жана "
                f"жамааттар — {n['community']}.") in paras
        for i, a in enumerate(fgd["problems"], 1):
            assert f"{i}. {a['problem']}: {'; '.join(a['causes'])}." in paras
            assert f"{i}. {a['problem']}: {'; '.join(a['consequences'])}." in paras
            res = a["resources"]
            assert (f"{i}. {a['problem']}: {'; '.join(a['solutions'])}. Ресурстар: АӨ — "
                    f"{res['okmotu']}; айылдык кеңеш — {res['council']}; жергиликтүү жамаат — "
                    f"{res['community']}; башка кызыкдар жактар — {res['others']}.") in paras
        assert fgd["criteria"] in paras
    # one protocol per village, numbered per village as the sessions' protocols are
    assert text.count("№1 ПРОТОКОЛУ") == len(groups)
    signatures = [p for p in paras if p.endswith("Кол тамгасы")]
    assert len(signatures) == sum(len(g["facilitators"]) for g in groups)


# --- refusals that name the field ---------------------------------------------------------

def test_plan_refused_until_the_group_order_is_registered(sample_muni):
    muni = sample_muni
    group = group_case(muni, start=False)  # only drafted, not signed
    case = open_case(muni, group=group)
    payload = refused(muni, case, "approve_plan")
    assert "state 'order_drafted'" in failing(payload)["na.group_registered"]


def test_schedule_needs_date_place_and_two_facilitators_from_the_group(sample_muni):
    muni = sample_muni
    data = sample()
    data["schedule"][0]["facilitators"] = ["lip-002"]
    data["schedule"][1]["facilitators"] = ["lip-002", "lip-024"]  # not in the group
    del data["schedule"][2]["place"]
    case = open_case(muni, data)
    msgs = failing(refused(muni, case, "approve_plan"))
    assert "schedule[0] (session Липенка 18-35): 1 facilitator(s), at least 2 needed" in \
        msgs["na.schedule_complete"]
    assert "schedule[2] (session Липенка 56+): no place" in msgs["na.schedule_complete"]
    assert "schedule[1].facilitators: Н. И. Петрова (lip-024)" in msgs["na.facilitators_in_group"]


def test_readiness_refused_naming_each_no(sample_muni):
    muni = sample_muni
    data = sample()
    data["readiness"]["training"] = False
    data["readiness"]["venues"] = False
    case = open_case(muni, data)
    muni.json("advance", case, actor="head")
    msg = failing(refused(muni, case, "confirm_readiness"))["na.readiness"]
    assert msg.startswith("2 of 8 answers are «жок»")
    assert "2. readiness.training — «Жумушчу топтун мүчөлөрү үчүн окуулар өткөрүлдүбү?»" in msg
    assert "8. readiness.venues — «ЖМБА-иш-чаралары өтчү жер даярбы?»" in msg
    muni("case", "update", case, "--data", write(muni, "r.yaml", {"readiness": {
        "training": True, "venues": True}}))
    assert muni.json("advance", case, "-t", "confirm_readiness")["to"] == "ready"


def ready_case(muni, data: dict) -> int:
    case = open_case(muni, data)
    muni.json("advance", case, actor="head")
    muni.json("advance", case, "-t", "confirm_readiness")
    add(muni, case, data, ("sessions",))
    return case


def test_typed_total_that_disagrees_with_the_list_is_refused(sample_muni):
    muni = sample_muni
    data = sample()
    data["sessions"][0]["participants_total"] = 24  # the list has 23
    case = ready_case(muni, data)
    msg = failing(refused(muni, case, "record_sessions"))["na.typed_totals"]
    assert msg == ("sessions[0].participants_total says 24, but the participants' list gives 23 "
                   "(difference +1)")


def test_typed_focus_group_count_by_category_that_disagrees_is_refused(sample_muni):
    """Form 8's counts by category come from the participants' list; a typed count is only a
    cross-check and is refused with the difference when it disagrees."""
    muni = sample_muni
    data = sample()
    people = data["focus_groups"][0]["participants"]
    deputies = sum(1 for p in people if p["category"] == "deputy")
    staff = sum(1 for p in people if p["category"] == "staff")
    data["focus_groups"][0]["counts"] = {"deputy": deputies + 2, "staff": staff}
    case = open_case(muni, data)
    muni.json("advance", case, actor="head")
    advance_to(muni, case, data, "report_sessions")
    add(muni, case, data, ("focus_groups", "focus_report"))
    msg = failing(refused(muni, case, "record_focus_groups"))["na.typed_totals"]
    assert msg == (f"focus_groups[0].counts.deputy says {deputies + 2}, but the participants' "
                   f"list (deputy) gives {deputies} (difference +2)")

    data["focus_groups"][0]["counts"]["deputy"] = deputies  # corrected: it agrees now
    muni("case", "update", case, "--data", write(muni, "fg.yaml",
                                                 {"focus_groups": data["focus_groups"]}))
    result = muni.json("advance", case, "-t", "record_focus_groups")
    assert result["to"] == "focus_groups_held"


def test_session_rules_size_age_groups_ages(sample_muni):
    muni = sample_muni
    data = sample()
    data["sessions"][0]["participants"] = data["sessions"][0]["participants"][:19]
    del data["sessions"][0]["participants_total"]
    data["sessions"][1]["participants"][0]["age"] = 60  # in the 36–55 session
    data["sessions"] = [s for i, s in enumerate(data["sessions"]) if i != 5]  # Тасма 56+
    case = ready_case(muni, data)
    msgs = failing(refused(muni, case, "record_sessions"))
    assert "sessions[0] (session Липенка 18-35): 19 participants" in msgs["na.session_size"]
    assert msgs["na.age_groups_covered"] == "Тасма: no session for 56+"
    assert "Тасма: 2 sessions (between 3 and 6 required)" in msgs["na.sessions_per_village"]
    assert "sessions[1].participants (36-55):" in msgs["na.participant_ages"]
    assert "(60)" in msgs["na.participant_ages"]


def test_low_womens_share_warns_but_does_not_refuse(sample_muni):
    muni = sample_muni
    data = sample()
    for p in data["sessions"][3]["participants"]:
        p["sex"] = "m"
    for p in data["sessions"][3]["participants"][:4]:
        p["sex"] = "f"
    case = ready_case(muni, data)
    result = muni.json("advance", case, "-t", "record_sessions")
    assert result["to"] == "sessions_held"
    [warn] = [g for g in result["guards"] if not g["ok"]]
    assert warn["rule"] == "na.sessions_women_share" and warn["severity"] == "warn"
    assert "sessions[3] (session Тасма 18-35): women 20 %" in warn["message"]
    text = docx_text(result["documents"][1]["path"])
    assert "20 киши, алардын ичинде 4 аял (20 %)." in text


def test_focus_group_timing_and_planning_deadline_in_explain(sample_muni):
    muni = sample_muni
    data = sample()
    data["focus_groups"][1]["date"] = "2026-12-20"  # 18 days after Тасма's sessions
    case = open_case(muni, data)
    muni.json("advance", case, actor="head")
    advance_to(muni, case, data, "report_sessions")
    add(muni, case, data, ("focus_groups", "focus_report"))
    msg = failing(refused(muni, case, "record_focus_groups"))["na.focus_group_not_late"]
    assert "focus_groups[1] (focus_group Тасма): 2026-12-20 is 18 days after the last session " \
           "(2026-12-02)" in msg

    fixed = {"focus_groups": data["focus_groups"]}
    fixed["focus_groups"][1]["date"] = "2026-12-10"
    muni("case", "update", case, "--data", write(muni, "fg.yaml", fixed))
    muni.json("advance", case, "-t", "record_focus_groups")
    explained = muni.json("explain", case)
    [planning] = [d for d in explained["deadlines"] if d["what"].startswith("planning meeting")]
    assert planning["due"] == "2026-12-17" and planning["status"] == "pending"
    assert planning["rule"] == "na.planning_within_week"
    shown = muni("explain", case).output
    assert "[pending] planning meeting (within 7 days of the last focus group, 2026-12-10): " \
           "by 2026-12-17" in shown
    listed = muni("status", "--deadlines").output
    assert "by 2026-12-17" in listed

    late = {"planning_meeting": {**data["planning_meeting"], "date": "2026-12-19"}}
    muni("case", "update", case, "--data", write(muni, "pm.yaml", late))
    msg = failing(refused(muni, case, "record_planning_meeting"))["na.planning_within_week"]
    assert "9 days after the last focus group (2026-12-10); it must be held within 7 days, " \
           "by 2026-12-17" in msg


def test_unknown_person_is_refused_at_intake_naming_the_field(sample_muni):
    muni = sample_muni
    data = sample()
    data["schedule"][4]["facilitators"][1] = "lip-999"
    data["working_group_case"] = group_case(muni)
    result = muni("case", "new", "needs_assessment", "-m", "lipenka", "--data",
                  write(muni, "bad.yaml", {k: data[k] for k in FIRST}), ok=False)
    assert result.exit_code == 3
    assert "schedule[4].facilitators[1]: unknown person 'lip-999'" in result.output


def test_russian_documents(sample_muni):
    muni = sample_muni
    case = open_case(muni)
    result = muni.json("advance", case, "--lang", "ru", actor="head")
    text = docx_text(result["documents"][0]["path"])
    for expected in ["РАСПОРЯЖЕНИЕ", "об утверждении плана и графика работы",
                     "- утвердить план работы рабочей группы по проведению комплекса "
                     "мероприятий СИНС (приложение №1);", "Приложение №2", "ГРАФИК",
                     "23 ноября 2026 г. № 13"]:
        assert expected in text, expected


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_templates_render_the_whole_sample(lang, db, store):
    """Every needs_assessment form renders with the full sample in both languages."""
    import datetime as dt

    from muni.engine import contexts
    from muni.engine.spec import load

    wf = load("needs_assessment")
    prepared = contexts.prepare(db, {"id": 0, "municipality": "lipenka", "data": sample()}, wf,
                           today=dt.date(2026, 11, 21))
    for template in sorted(wf.templates):
        assert store.render(template, lang, "lipenka", copy.deepcopy(prepared.context))


def test_a_profile_that_moves_a_deadline_moves_explain_and_the_check(sample_muni, monkeypatch):
    """The planning meeting's deadline is read from the rule profile the check reads
    (na.planning_within_week's max_days), not from a number in Python: a profile giving 21
    days moves explain's due date and the check's limit together."""
    import dataclasses

    from muni.engine import rules

    muni = sample_muni
    data = sample()
    case = open_case(muni, data)
    muni.json("advance", case, actor="head")
    advance_to(muni, case, data, "record_focus_groups")
    edited = []
    for p in rules.profiles():
        rule = dataclasses.replace(p.rules["na.planning_within_week"], params={"max_days": 21})
        edited.append(dataclasses.replace(p, rules={**p.rules,
                                                    "na.planning_within_week": rule}))
    monkeypatch.setattr(rules, "profiles", lambda directory=rules.RULES_DIR: tuple(edited))
    explained = muni.json("explain", case)
    [planning] = [d for d in explained["deadlines"] if d["what"].startswith("planning meeting")]
    assert planning["what"] == ("planning meeting (within 21 days of the last focus group, "
                                "2026-12-10)")
    assert planning["due"] == "2026-12-31"
    late = {"planning_meeting": {**data["planning_meeting"], "date": "2026-12-30"}}
    muni("case", "update", case, "--data", write(muni, "pm.yaml", late))
    check = next(g for t in muni.json("explain", case)["triggers"] for g in t["guards"]
                 if g["rule"] == "na.planning_within_week")
    assert check["ok"] is True
    assert check["message"] == "held 20 days after the last focus group (2026-12-10)"
