"""Bad input exits non-zero, names the field, row or rule, and writes nothing."""

from __future__ import annotations

import sqlite3

from conftest import EXAMPLES

CASE = EXAMPLES / "working_group_case.yaml"


def counts(path) -> tuple[int, int, int]:
    con = sqlite3.connect(path)
    return tuple(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                 for t in ("cases", "audit", "people"))


def test_missing_and_wrong_typed_fields(sample_muni):
    muni = sample_muni
    bad = muni.write("bad.yaml", "initiative: {kind: decree, number: '1'}\n"
                                 "order: {date: 20-11-2026}\nresponsible: 7\ngroup: {}\n")
    before = counts(muni.db_path)
    result = muni("case", "new", "working_group", "-m", "lipenka", "--data", bad, ok=False)
    assert result.exit_code == 3
    assert "case data for 'working_group' is not valid" in result.stderr
    assert "initiative.date: required" in result.stderr
    assert "initiative.kind: 'decree' is not one of ['council_decision', 'deputies_request']" \
        in result.stderr
    assert "order.date: '20-11-2026' is not a 'date'" in result.stderr
    assert "responsible: 7 is not of type 'string'" in result.stderr
    assert counts(muni.db_path) == before


def test_unknown_person_names_the_field(sample_muni):
    muni = sample_muni
    data = muni.write("typo.yaml", CASE.read_text(encoding="utf-8").replace(
        "    - lip-012\n", "    - lip-999\n"))
    out = muni.json("case", "new", "working_group", "-m", "lipenka", "--data", data, ok=False)
    assert out == {"error": "input", "message":
                   "group.members[2]: unknown person 'lip-999' (import people first)",
                   "details": [], "field": "group.members[2]"}


def test_person_listed_twice(sample_muni):
    muni = sample_muni
    data = muni.write("twice.yaml", CASE.read_text(encoding="utf-8").replace(
        "    - lip-012\n", "    - lip-002\n"))
    result = muni("case", "new", "working_group", "-m", "lipenka", "--data", data, ok=False)
    assert "group.members[2]: 'lip-002' is already listed as group.chair" in result.stderr


def test_unknown_municipality_and_case_and_workflow(sample_muni):
    muni = sample_muni
    r = muni("case", "new", "working_group", "-m", "nowhere", "--data", CASE, ok=False)
    assert r.exit_code == 3 and "unknown municipality 'nowhere'" in r.stderr
    r = muni("advance", "42", ok=False)
    assert r.exit_code == 3 and "no case 42" in r.stderr
    r = muni("case", "new", "harvest", "-m", "lipenka", "--data", CASE, ok=False)
    assert "unknown workflow 'harvest'; known: " in r.stderr


def test_malformed_data_file(sample_muni):
    muni = sample_muni
    broken = muni.write("broken.yaml", "initiative: [unclosed\n")
    r = muni("case", "new", "working_group", "-m", "lipenka", "--data", broken, ok=False)
    assert r.exit_code == 3 and "broken.yaml: not valid YAML" in r.stderr
    listy = muni.write("list.json", "[1, 2]")
    r = muni("case", "new", "working_group", "-m", "lipenka", "--data", listy, ok=False)
    assert "list.json: expected a mapping of case data at the top level" in r.stderr


def test_no_registry_yet(muni):
    r = muni("status", ok=False)
    assert r.exit_code == 3
    assert "no registry at" in r.stderr and "muni init" in r.stderr


def test_import_reports_every_bad_row_and_writes_nothing(muni):
    muni("init")
    people = muni.write("people.csv",
                        "id,municipality,name,sex,birth_date\n"
                        "p1,lipenka,Асанов Бакыт,m,1980-01-02\n"
                        "p2,lipenka,,x,1980-13-01\n"
                        "p1,lipenka,Дубль,f,\n")
    r = muni("import", people, ok=False)
    assert r.exit_code == 3
    assert "import refused; nothing was written" in r.stderr
    for expected in [
        "people.csv row 2, field 'municipality': unknown municipality 'lipenka'",
        "people.csv row 3, field 'name': required",
        "people.csv row 3, field 'sex': must be one of f, m; got 'x'",
        "people.csv row 3, field 'birth_date': must be a date as YYYY-MM-DD, got '1980-13-01'",
        "people.csv row 4: duplicates people.csv row 2 (same id)",
    ]:
        assert expected in r.stderr, expected
    con = sqlite3.connect(muni.db_path)
    assert con.execute("SELECT count(*) FROM people").fetchone()[0] == 0


def test_import_csv_set_and_reimport_is_idempotent(muni):
    muni("init")
    for name in ("municipalities", "people", "officials", "journals"):
        muni("import", EXAMPLES / f"{name}.csv")
    again = muni.json("import", EXAMPLES / "people.csv")
    assert again["imported"]["people"] == 14
    con = sqlite3.connect(muni.db_path)
    assert con.execute("SELECT count(*) FROM people").fetchone()[0] == 14
    assert con.execute("SELECT count(*) FROM officials").fetchone()[0] == 10
    assert con.execute("SELECT last FROM counters").fetchone()[0] == 11


def test_journal_never_goes_back(sample_muni):
    """A journal start below the registry's count is imported without moving the count back:
    the registry keeps its number and says so (importing the same file again must work)."""
    back = sample_muni.write("journals.csv", "municipality,series,year,last\n"
                                             "lipenka,orders,2026,5\n")
    r = sample_muni("import", back)
    assert ("journals.csv row 2: journal 'orders' 2026 of lipenka is already at № 11; the file "
            "says 5, the registry keeps 11") in r.stdout
    con = sqlite3.connect(sample_muni.db_path)
    assert con.execute("SELECT last FROM counters").fetchone()[0] == 11


def test_unsupported_and_unknown_columns(muni):
    muni("init")
    r = muni("import", muni.write("x.txt", "hello"), ok=False)
    assert "x.txt: unsupported file type '.txt' (use .yaml, .json, .csv or .xlsx)" in r.stderr
    r = muni("import", muni.write("people.csv", "id,shoe_size\n1,42\n"), ok=False)
    assert "people.csv: unknown column(s) shoe_size" in r.stderr
