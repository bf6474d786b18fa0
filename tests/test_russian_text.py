"""Russian documents are Russian (issue 13 item 7): every free text a Russian document prints
comes from the case data's Russian wording — a ``{ky, ru}`` field or the case's ``ru:``
glossary — and a Russian document whose data lacks one is refused, naming the field, unless
the case records the kenesh's decision to adopt acts in the state language only (Law 241
art. 26(1-1), edition of 07.07.2014)."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES, docx_text
from test_needs_assessment import open_case, sample

from muni.engine.contexts.wording import Wording, require_russian
from muni.engine.errors import InputError

PINS = Path(__file__).resolve().parent / "pins" / "demo" / "ru" / "documents"
#: Kyrgyz-only letters: a Russian text has none of them.
KYRGYZ_LETTERS = re.compile("[ңөүҢӨҮ]")
#: Proper names a Russian text keeps as they are: the newspaper the demo's acts appear in.
PROPER_NAMES = ("«Липенка жаңылыктары»",)


def _people_words() -> set[str]:
    """Every word of every person's name in the demo (registry and case lists): a name is
    printed as it is in either language."""
    words: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "name" and isinstance(value, str):
                    words.update(value.replace(".", " ").split())
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for name in ("sample_municipality.yaml", "needs_assessment_case.yaml",
                 "council_deputies.yaml"):
        walk(yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8")))
    return words


def test_the_demos_russian_documents_hold_no_kyrgyz_free_text():
    """Read in the pinned text of every Russian document the demo writes (test_demo_pin
    checks that the demo writes exactly that): no Kyrgyz text of the case data, and no
    Kyrgyz letter outside the bilingual letterhead and people's names."""
    glossary = yaml.safe_load((EXAMPLES / "needs_assessment_case.yaml").read_text(
        encoding="utf-8"))["ru"]
    names = _people_words()
    files = sorted(PINS.rglob("*.ru.docx.txt"))
    assert len(files) >= 40
    problems = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        for kyrgyz in glossary:
            if glossary[kyrgyz] != kyrgyz and kyrgyz in text.replace("\u2011", "-"):
                problems.append(f"{path.name}: «{kyrgyz}»")
        for line in text.splitlines():
            if "КЫРГЫЗ РЕСПУБЛИКАСЫ" in line:  # the letterhead: Kyrgyz | Russian
                continue
            for proper in PROPER_NAMES:
                line = line.replace(proper, "")
            left = [w for w in re.findall(r"[\w‑-]+", line) if w not in names
                    and KYRGYZ_LETTERS.search(w)]
            if left:
                problems.append(f"{path.name}: {left} in {line!r}")
    assert not problems, "\n".join(problems[:20])
    # and the Russian wording is what they print
    plan = (PINS / "lipenka/2026/case-2/01-approve_plan-na_plan_order-no13.ru.docx.txt"
            ).read_text(encoding="utf-8")
    assert "Обучение членов рабочей группы методам СИНС" in plan
    assert "село Липенка, здание клуба" in plan


def _plan_with(data: dict, activity: str) -> dict:
    data["plan"][1]["activity"] = activity
    return data


def test_a_russian_document_without_the_russian_of_a_text_is_refused_naming_it(sample_muni):
    muni = sample_muni
    data = _plan_with(sample(), "Жаңы иш-чара")
    case = open_case(muni, data)
    result = muni("advance", case, "--lang", "ru", "--json", actor="head", ok=False)
    assert result.exit_code == 3, result.output
    error = json.loads(result.stdout)
    assert error["error"] == "input"
    assert error["message"] == (
        f"case {case}: the Russian document would print Kyrgyz text — no Russian wording for "
        "1 text(s) in 1 field(s). Add each under 'ru:' in the case data (Kyrgyz text: "
        "Russian text) or give the field as {ky: …, ru: …}; or record the ayil kenesh's "
        "decision to adopt acts in the state language only ('state_language_only: "
        "{decision: …}', Law No. 241 of 20.07.2009 «On normative legal acts of the Kyrgyz "
        "Republic», art. 24(3), 26(1-1), 29(3) (edition of 07.07.2014))")
    assert error["details"] == ["plan[1].activity: «Жаңы иш-чара»"]
    assert error["field"] == "plan[1].activity"
    # nothing happened: the case is where it was, no number taken, no document written
    assert muni.json("case", "show", case)["state"] == "plan_drafted"
    con = sqlite3.connect(muni.db_path)
    assert con.execute("SELECT count(*) FROM documents WHERE case_id = ?", [case]
                       ).fetchone()[0] == 0
    assert not list(muni.tmp.rglob(f"case-{case}/*.docx"))

    # the Kyrgyz document needs no Russian: the same step in Kyrgyz goes through
    kyrgyz = muni.json("advance", case, "--lang", "ky", actor="head")
    assert "Жаңы иш-чара" in docx_text(kyrgyz["documents"][0]["path"])


def test_the_glossary_gives_the_russian_and_the_document_prints_it(sample_muni):
    muni = sample_muni
    data = _plan_with(sample(), "Жаңы иш-чара")
    data["ru"]["Жаңы иш-чара"] = "Новое мероприятие"
    case = open_case(muni, data)
    done = muni.json("advance", case, "--lang", "ru", actor="head")
    text = docx_text(done["documents"][0]["path"])
    assert "2 | Новое мероприятие | 28 ноября 2026 г. | А. Б. Мамбетова" in text
    assert "Жаңы" not in text


def test_the_state_language_only_decision_lets_the_russian_copy_keep_kyrgyz(sample_muni):
    muni = sample_muni
    data = _plan_with(sample(), "Жаңы иш-чара")
    case = open_case(muni, data)
    decision = {"state_language_only": {
        "decision": "Липенка айылдык кеңешинин 2025-жылдын 14-мартындагы № 3 токтому",
        "date": "2025-03-14"}}
    muni("case", "update", case, "--data",
         muni.write("decision.yaml", yaml.safe_dump(decision, allow_unicode=True)))
    done = muni.json("advance", case, "--lang", "ru", actor="head")
    text = docx_text(done["documents"][0]["path"])
    assert "2 | Жаңы иш-чара | 28 ноября 2026 г. | А. Б. Мамбетова" in text
    # the texts that have their Russian still print it
    assert "1 | Обучение членов рабочей группы методам СИНС" in text


def test_a_council_text_without_its_russian_is_noted_with_its_field():
    """The council's cases write their texts as ``{ky, ru}``; ``fill`` takes a missing
    ``ru`` from the glossary or notes the field."""
    data = {"draft": {"title": {"ky": "Эрежелерди бекитүү жөнүндө"},
                      "preamble": {"ky": "Тазалык максатында", "ru": "В целях чистоты"},
                      "clauses": [{"text": {"ky": "Көзөмөл жүктөлсүн"}}]},
            "ru": {"Көзөмөл жүктөлсүн": "Возложить контроль"}}
    wording = Wording(data, "ru", 7)
    filled = wording.fill(data)
    assert filled["draft"]["preamble"]["ru"] == "В целях чистоты"
    assert filled["draft"]["clauses"][0]["text"]["ru"] == "Возложить контроль"
    assert wording.missing == {"draft.title": "Эрежелерди бекитүү жөнүндө"}
    with pytest.raises(InputError) as caught:
        require_russian(wording.missing, wording.state_language_only, case_id=7, lang="ru")
    assert caught.value.details == ["draft.title: «Эрежелерди бекитүү жөнүндө»"]
    assert caught.value.extra == {"case": 7, "field": "draft.title"}
    # a Kyrgyz document is never refused for it
    require_russian(wording.missing, None, case_id=7, lang="ky")


def test_many_fields_with_one_text_are_one_line_naming_the_first_three():
    wording = Wording({"ru": {}}, "ru", 2)
    for i in range(5):
        wording.text("үй кожойкеси", f"sessions[0].participants[{i}].occupation")
    with pytest.raises(InputError) as caught:
        require_russian(wording.missing, None, case_id=2, lang="ru")
    assert caught.value.details == [
        "sessions[0].participants[0].occupation, sessions[0].participants[1].occupation, "
        "sessions[0].participants[2].occupation and 2 more: «үй кожойкеси»"]
    assert "1 text(s) in 5 field(s)" in caught.value.message
