"""Files someone hands muni — case data, imports — are read bounded and checked: an alias
bomb, a repeated key, a control character, an impossible date, a number beyond SQLite, a huge
CSV cell or a Windows-1251 file is refused with exit 3 naming the file and the field, key,
line or row, and the registry and every file beside it stay exactly as they were."""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing

import pytest
from conftest import EXAMPLES
from snapshots import snapshot

CASE = EXAMPLES / "working_group_case.yaml"
CASE_TEXT = CASE.read_text(encoding="utf-8")
#: 342 bytes that expand to 9**9 values.
ALIAS_BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9 if prev else ['lol'] * 9)}]\n"
    for prev, name in zip([None, *"abcdefgh"], "abcdefghi", strict=True))


def refused(muni, *args: str, code: int = 3) -> str:
    """Run a command that must be refused; return its message (stderr)."""
    before = snapshot(muni.tmp, muni.db_path)
    result = muni(*args, ok=False)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert snapshot(muni.tmp, muni.db_path) == before
    return result.stderr


def case_new(muni, data) -> str:
    return refused(muni, "case", "new", "working_group", "-m", "lipenka", "--data", data)


def test_a_nested_alias_bomb_is_refused_before_it_is_built(sample_muni):
    bomb = sample_muni.write("bomb.yaml", ALIAS_BOMB)
    assert len(ALIAS_BOMB) < 400
    message = case_new(sample_muni, bomb)
    assert "bomb.yaml: its aliases (*name) would expand it beyond 100,000 values" in message
    message = refused(sample_muni, "import", bomb)
    assert "bomb.yaml: its aliases (*name) would expand it beyond 100,000 values" in message
    loop = sample_muni.write("loop.yaml", "group: &g {members: [*g]}\n")
    assert "the alias *g refers to a collection that contains it (line 1)" in case_new(
        sample_muni, loop)


def test_a_file_nested_too_deep_is_refused_not_a_crash(sample_muni):
    # libyaml's composer recursed out of the C stack on this (a segmentation fault)
    deep = sample_muni.write("deep.yaml", "order: " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert "deep.yaml: not valid YAML" in case_new(sample_muni, deep)
    block = sample_muni.write("block.yaml", "".join(f"{' ' * i}k{i}:\n" for i in range(80)))
    assert "block.yaml: nested more than 64 levels deep (line 65)" in case_new(sample_muni, block)
    deep_json = sample_muni.write("deep.json", "[" * 100_000 + "]" * 100_000)
    assert "deep.json: nested too deeply" in case_new(sample_muni, deep_json)


def test_a_repeated_key_is_refused_naming_key_and_lines(sample_muni):
    twice = sample_muni.write("twice.yaml", CASE_TEXT.replace(
        "  date: 2026-11-20 ", "  date: 2026-11-20\n  date: 2026-11-27 "))
    message = case_new(sample_muni, twice)
    assert "twice.yaml: key 'date' appears twice (lines 9 and 10); keep one" in message
    people = sample_muni.write("people.json", '{"people": [\n  {"id": "p9",\n   "name": "A",\n'
                                              '   "id": "p10"}\n]}')
    message = refused(sample_muni, "import", people)
    assert "people.json: key 'id' appears twice (lines 2 and 4); keep one" in message
    # the same key in two different mappings is not a repeat
    sample_muni("case", "new", "working_group", "-m", "lipenka", "--data", CASE)


@pytest.mark.parametrize("char", ["\x00", "\x0b", "\x1f"])
def test_control_characters_are_refused_at_intake_naming_the_field(sample_muni, char):
    escaped = f"\\x{ord(char):02x}"
    data = sample_muni.write("ctl.yaml", CASE_TEXT.replace(
        "  title: Липенка", f'  title: "Липенка{escaped}'
    ).replace("аныктоо тууралуу\n", 'аныктоо тууралуу"\n', 1))
    message = case_new(sample_muni, data)
    assert (f"field 'initiative.title': contains the control character U+{ord(char):04X} "
            "(at character 8), which a document cannot hold") in message
    people = sample_muni.write("people.csv", "id,municipality,name,sex\n"
                                             f"p9,lipenka,Асанов{char}Бакыт,m\n")
    message = refused(sample_muni, "import", people)
    assert (f"people.csv row 2, field 'name': contains the control character "
            f"U+{ord(char):04X} (at character 7)") in message


def test_json_escapes_of_control_characters_and_lone_surrogates(sample_muni):
    data = sample_muni.write("esc.json", '{"order": {"date": "2026-11-20", "note": "a\\ud800"}}')
    assert "field 'order.note': contains the control character U+D800" in case_new(
        sample_muni, data)


def test_an_impossible_unquoted_date_names_its_field(sample_muni):
    data = sample_muni.write("feb30.yaml", CASE_TEXT.replace("  date: 2026-11-20 ",
                                                             "  date: 2026-02-30 "))
    message = case_new(sample_muni, data)
    assert ("feb30.yaml: 1 value(s) cannot be accepted\n  - field 'order.date': '2026-02-30' "
            "is not a date (line 9); write a real date as YYYY-MM-DD") in message
    case = sample_muni.json("case", "new", "working_group", "-m", "lipenka", "--data",
                            CASE)["case"]
    change = sample_muni.write("change.yaml", "order: {date: 2026-13-01}\n")
    message = refused(sample_muni, "case", "update", case, "--data", change)
    assert "field 'order.date': '2026-13-01' is not a date (line 1)" in message
    people = sample_muni.write("people.yaml", "people:\n  - {id: p9, municipality: lipenka, "
                                              "name: A, sex: f, birth_date: 1990-02-29}\n")
    message = refused(sample_muni, "import", people)
    assert ("people.yaml people[1], field 'birth_date': must be a date as YYYY-MM-DD, got "
            "'1990-02-29'") in message


def test_whole_numbers_beyond_sqlite_are_refused(sample_muni):
    journals = sample_muni.write("journals.yaml", "journals:\n  - {municipality: lipenka, "
                                                  f"series: orders, year: 2027, last: {2**70}}}\n")
    message = refused(sample_muni, "import", journals)
    assert (f"journals.yaml journals[1], field 'last': {2**70} is beyond the largest whole "
            "number the registry can hold (±9223372036854775807)") in message
    csv_file = sample_muni.write("journals.csv", "municipality,series,year,last\n"
                                                 f"lipenka,orders,2027,{2**64}\n")
    assert f"journals.csv row 2, field 'last': {2**64} is beyond" in refused(
        sample_muni, "import", csv_file)
    data = sample_muni.write("big.yaml", CASE_TEXT + f"extra_number: {2**70}\nratio: .nan\n")
    message = case_new(sample_muni, data)
    assert f"field 'extra_number': {2**70} is beyond the largest whole number" in message
    assert "field 'ratio': nan is not a number muni can store" in message


def test_a_csv_cell_over_128_kb_is_refused_naming_the_row(sample_muni):
    people = sample_muni.write("people.csv", "id,municipality,name,sex\n"
                                             "p9,lipenka,Асанов Бакыт,m\n"
                                             f"p10,lipenka,{'Ы' * 140_000},f\n")
    message = refused(sample_muni, "import", people)
    assert ("people.csv row 3: a cell is longer than 128 KB (131,072 characters), the most one "
            "cell may hold") in message


def test_a_windows_1251_file_says_how_to_save_it_as_utf8(sample_muni):
    people = sample_muni.tmp / "people.csv"
    people.write_bytes("id,municipality,name,sex\np9,lipenka,Асанов Бакыт,m\n".encode("cp1251"))
    message = refused(sample_muni, "import", people)
    assert ("people.csv: not saved as UTF-8 but in the Windows Cyrillic encoding (cp1251)"
            in message)
    assert "«CSV UTF-8 (Comma delimited) (*.csv)», or save the workbook as .xlsx" in message
    data = sample_muni.tmp / "case.yaml"
    data.write_bytes(CASE_TEXT.encode("cp1251", errors="replace"))
    message = case_new(sample_muni, data)
    assert ("case.yaml: not UTF-8 text (invalid continuation byte at byte 338, line 7). It "
            "looks like Windows-1251 (Cyrillic), which has no Ө, Ү or Ң. Save it again as "
            "UTF-8: in Notepad, Save As → Encoding “UTF-8”") in message


def test_utf16_and_excel_workbooks_are_read(sample_muni):
    """What the cp1251 refusal recommends works: Notepad's "Unicode" and .xlsx."""
    import openpyxl

    utf16 = sample_muni.tmp / "journals.csv"
    utf16.write_bytes("municipality\tseries\tyear\tlast\nlipenka\tdecisions\t2027\t4\n"
                      .encode("utf-16"))
    assert sample_muni.json("import", utf16)["imported"]["journals"] == 1
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "people"
    sheet.append(["id", "municipality", "name", "sex", "birth_date"])
    sheet.append(["p9", "lipenka", "Өмүрбеков Үсөн", "m", dt.date(1980, 4, 2)])
    book.save(sample_muni.tmp / "staff.xlsx")
    out = sample_muni.json("import", sample_muni.tmp / "staff.xlsx")
    assert out["imported"]["people"] == 1
    with closing(sqlite3.connect(sample_muni.db_path)) as con:
        assert con.execute("SELECT name, birth_date FROM people WHERE id = 'p9'").fetchone() \
            == ("Өмүрбеков Үсөн", "1980-04-02")
        assert con.execute("SELECT last FROM counters WHERE series = 'decisions'"
                           ).fetchone() == (4,)


def test_a_quoted_csv_cell_may_span_lines(sample_muni):
    people = sample_muni.write("people.csv", "id,municipality,name,sex,village\n"
                                             'p9,lipenka,Асанов Бакыт,m,"Липенка\nжогорку"\n')
    sample_muni("import", people)
    with closing(sqlite3.connect(sample_muni.db_path)) as con:
        village = con.execute("SELECT village FROM people WHERE id = 'p9'").fetchone()[0]
    assert village == "Липенка\nжогорку"


def test_a_batch_file_with_an_unusable_value_is_refused_whole_before_any_row(sample_muni):
    case = sample_muni.json("case", "new", "working_group", "-m", "lipenka", "--data",
                            CASE)["case"]
    rows = sample_muni.write("rows.yaml", f"- case: {case}\n  trigger: draft_order\n"
                                          f"- case: {case}\n"
                                          "  data: {order: {date: 2026-02-30}}\n")
    message = refused(sample_muni, "advance", "--batch", rows)
    assert ("rows.yaml: 1 value(s) cannot be accepted; no row was run\n  - row 2, field "
            "'data.order.date': '2026-02-30' is not a date (line 4)") in message
    cells = sample_muni.write("rows.csv", f"case,trigger,order.note\n{case},draft_order,a\x0bb\n")
    message = refused(sample_muni, "advance", "--batch", cells)
    assert ("rows.csv: 1 value(s) cannot be accepted; no row was run\n  - row 2, field "
            "'order.note': contains the control character U+000B (at character 2)") in message
    twice = sample_muni.write("twice.yaml", f"- case: {case}\n  case: {case + 1}\n")
    assert "twice.yaml: key 'case' appears twice (lines 1 and 2); keep one" in refused(
        sample_muni, "advance", "--batch", twice)
    bomb = sample_muni.write("bomb.yaml", ALIAS_BOMB)
    assert "its aliases (*name) would expand it beyond" in refused(
        sample_muni, "advance", "--batch", bomb)


def test_workflow_and_rule_files_go_through_the_same_reader(muni, tmp_path):
    source = (EXAMPLES.parent / "workflows" / "working_group.yaml").read_text(encoding="utf-8")
    twice = muni.write("wg.yaml", source.replace("\nstates:", "\ninitial: x\nstates:", 1))
    r = muni("diagram", twice, ok=False)
    assert r.exit_code == 7 and "wg.yaml: key 'initial' appears twice" in r.stderr
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "kg.yaml").write_text(ALIAS_BOMB, encoding="utf-8")
    out = muni.json("workflows", "lint", EXAMPLES.parent / "workflows", "--rules", rules,
                    ok=False)
    assert {"kind": "profile_error", "file": "kg.yaml", "message": "kg.yaml: its aliases (*name) "
            "would expand it beyond 100,000 values (line 6); write the values out"
            } in [{k: f.get(k) for k in ("kind", "file", "message")} for f in out["findings"]]
