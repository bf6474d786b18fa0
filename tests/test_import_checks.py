"""Import: a municipality code is a short slug (it names folders), and importing the same
file again after numbers were taken keeps the registry's journal count and says so."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
from conftest import EXAMPLES, working_group
from snapshots import snapshot

from muni.engine.sample import SAMPLE_MUNICIPALITY

HEADER = "code,aimak_ky,aimak_ru,oblast_ky,oblast_ru,rayon_ky,rayon_ru,seat_ky,seat_ru\n"
RULE = ("must be a short code: lowercase Latin letters, digits, '-' and '_', 1–40 characters, "
        "starting with a letter or digit (e.g. 'lipenka'); it names the municipality's folder")


@pytest.mark.parametrize("code", ["..", "../../x", "/etc", "C:\\x", "a" * 300, "Lipenka",
                                  "липенка", "lip enka", "nul", "com1", ".hidden", "-x"])
def test_a_municipality_code_that_is_no_slug_is_refused_naming_row_and_rule(sample_muni, code):
    muni = sample_muni
    csv_file = muni.write("municipalities.csv", HEADER + f'"{code}",A,A,O,O,R,R,S,S\n')
    before = snapshot(muni.tmp, muni.db_path)
    r = muni("import", csv_file, ok=False)
    assert r.exit_code == 3
    assert f"municipalities.csv row 2, field 'code': {RULE}; got {repr(code)[:60]}" in r.stderr
    assert snapshot(muni.tmp, muni.db_path) == before


def test_a_code_with_nul_is_refused_in_yaml_too(sample_muni):
    data = sample_muni.write("m.yaml", 'municipalities:\n  - {code: "lip\\0", aimak_ky: A, '
                                       "aimak_ru: A, oblast_ky: O, oblast_ru: O, rayon_ky: R, "
                                       "rayon_ru: R, seat_ky: S, seat_ru: S}\n")
    r = sample_muni("import", data, ok=False)
    assert r.exit_code == 3
    assert ("m.yaml municipalities[1], field 'code': contains the control character U+0000 "
            "(at character 4)") in r.stderr


def test_good_codes_pass(muni):
    muni("init")
    good = muni.write("municipalities.csv", HEADER + "lipenka-2,A,A,O,O,R,R,S,S\n"
                                                     "m0001,A,A,O,O,R,R,S,S\n"
                                                     "ak_suu,A,A,O,O,R,R,S,S\n")
    assert muni.json("import", good)["imported"]["municipalities"] == 3


def test_importing_the_same_file_after_an_order_was_numbered_keeps_the_count(sample_muni):
    case = working_group(sample_muni, ("clerk", "head"))   # order № 12 signed
    with closing(sqlite3.connect(sample_muni.db_path)) as con:
        assert con.execute("SELECT last FROM counters").fetchone()[0] == 12
    out = sample_muni.json("import", SAMPLE_MUNICIPALITY)
    assert out["notes"] == [
        "sample_municipality.yaml journals[1]: journal 'orders' 2026 of lipenka is already at "
        "№ 12; the file says 11, the registry keeps 12"]
    text = sample_muni("import", SAMPLE_MUNICIPALITY).stdout
    assert "Note: sample_municipality.yaml journals[1]: journal 'orders' 2026" in text
    with closing(sqlite3.connect(sample_muni.db_path)) as con:
        assert con.execute("SELECT last FROM counters").fetchone()[0] == 12
        assert con.execute("SELECT count(*) FROM journal").fetchone()[0] == 1
    # the next order takes № 13: nothing skipped, nothing reused
    second = sample_muni.json("case", "new", "working_group", "-m", "lipenka", "--data",
                              EXAMPLES / "working_group_case.yaml")
    sample_muni("advance", second["case"], actor="clerk")
    signed = sample_muni.json("advance", second["case"], actor="head")
    assert signed["documents"][0]["number"] == 13
    assert case != second["case"]
