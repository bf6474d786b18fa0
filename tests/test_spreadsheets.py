"""Reading the spreadsheets clerks have: .xlsx workbooks and the CSV files Excel saves."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from muni.engine.spreadsheets import SpreadsheetProblem, detect_delimiter, read

PEOPLE = [["id", "municipality", "name", "sex", "birth_date"],
          ["lip-101", "lipenka", "Өмүрбеков Үсөн Ңаатович", "m", "1980-04-02"],
          ["lip-102", "lipenka", "Асанова Гүлнара", "f", ""]]


def csv_bytes(rows, delimiter=",", encoding="utf-8") -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


@pytest.mark.parametrize(("delimiter", "encoding"), [
    (",", "utf-8"), (";", "utf-8"), (";", "utf-8-sig"), ("\t", "utf-16")])
def test_csv_as_excel_saves_it(delimiter, encoding):
    [sheet] = read(csv_bytes(PEOPLE, delimiter, encoding), "people.csv")
    assert sheet.delimiter == delimiter
    assert sheet.columns == PEOPLE[0]
    assert sheet.rows == [
        (2, {"id": "lip-101", "municipality": "lipenka", "name": "Өмүрбеков Үсөн Ңаатович",
             "sex": "m", "birth_date": "1980-04-02"}),
        (3, {"id": "lip-102", "municipality": "lipenka", "name": "Асанова Гүлнара",
             "sex": "f"})]


def test_cp1251_is_refused_with_the_way_out():
    rows = [["id", "name"], ["lip-101", "Асанова Гулнара"]]      # cp1251 can hold these …
    with pytest.raises(SpreadsheetProblem) as caught:
        read(csv_bytes(rows, ";", "cp1251"), "people.csv")
    err = caught.value
    assert err.message == ("people.csv: not saved as UTF-8 but in the Windows Cyrillic "
                           "encoding (cp1251)")
    assert "Ө Ү Ң" in err.details[0]
    assert "CSV UTF-8" in err.details[1] and ".xlsx" in err.details[1]
    assert err.exit_code == 3


def test_row_numbers_skip_nothing_and_blank_rows_are_ignored():
    data = "id;name\r\n;\r\nlip-1;Бакыт\r\n;;\r\nlip-2; Айгүл \r\n".encode()
    [sheet] = read(data, "people.csv")
    assert sheet.rows == [(3, {"id": "lip-1", "name": "Бакыт"}),
                          (5, {"id": "lip-2", "name": "Айгүл"})]


def test_problems_are_listed_by_row():
    data = "id,name,id\r\nlip-1,Бакыт,x,extra\r\nlip-2,Айгүл\r\n".encode()
    with pytest.raises(SpreadsheetProblem) as caught:
        read(data, "people.csv")
    assert caught.value.details == [
        "people.csv row 1: column 'id' appears twice",
        "people.csv row 2: 4 values but 3 columns (a stray delimiter or an unquoted value?)"]


def workbook(**sheets) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_xlsx_every_worksheet_a_table_with_dates_and_numbers_typed():
    data = workbook(
        people=[["id", "name", "sex", "birth_date"],
                ["lip-101", "Өмүрбеков Үсөн", "m", dt.datetime(1980, 4, 2)],
                [None, None, None, None],
                ["lip-102", " Асанова Гүлнара ", "f", None]],
        journals=[["municipality", "series", "year", "last"],
                  ["lipenka", "orders", 2026.0, 11]],
        empty=[])
    people, journals = read(data, "registry.xlsx")
    assert people.name == "registry.xlsx: people" and people.title == "people"
    assert people.rows == [
        (2, {"id": "lip-101", "name": "Өмүрбеков Үсөн", "sex": "m",
             "birth_date": dt.date(1980, 4, 2)}),
        (4, {"id": "lip-102", "name": "Асанова Гүлнара", "sex": "f"})]
    assert journals.rows == [(2, {"municipality": "lipenka", "series": "orders",
                                  "year": 2026, "last": 11})]


def test_xlsx_header_below_empty_rows_keeps_excel_row_numbers():
    data = workbook(people=[[None], [None], ["id", "name"], ["lip-1", "Бакыт"]])
    [sheet] = read(data, "people.xlsx")
    assert sheet.rows == [(4, {"id": "lip-1", "name": "Бакыт"})]


@pytest.mark.parametrize(("data", "name", "message"), [
    (b"PK\x03\x04 broken", "people.xlsx", "people.xlsx: not a readable Excel workbook (.xlsx)"),
    (b"\xd0\xcf\x11\xe0", "people.xls", "people.xls: an old Excel 97–2003 workbook (.xls)"),
    (b"", "people.csv", "people.csv: the table is empty (no header row)"),
    (b"x", "people.pdf", "people.pdf: not a spreadsheet; expected .xlsx or .csv"),
])
def test_unreadable_files_are_named(data, name, message):
    with pytest.raises(SpreadsheetProblem) as caught:
        read(data, name)
    assert caught.value.message == message


CELL = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=8)


@given(st.sampled_from([",", ";", "\t"]), st.integers(2, 5), st.data())
def test_any_table_excel_could_write_reads_back(delimiter, width, data):
    header = data.draw(st.lists(st.text("abcdefghij_", min_size=1, max_size=6), min_size=width,
                                max_size=width, unique=True))
    body = data.draw(st.lists(st.lists(CELL, min_size=width, max_size=width), max_size=6))
    [sheet] = read(csv_bytes([header, *body], delimiter), "t.csv")
    assert sheet.columns == header
    expected = [(i, {c: v.strip() for c, v in zip(header, row, strict=True) if v.strip()})
                for i, row in enumerate(body, start=2)]
    assert sheet.rows == [r for r in expected if r[1]]
    if body and any(r[1] for r in expected):
        assert detect_delimiter(csv_bytes([header, *body], delimiter).decode()) == delimiter
