"""Tables from the spreadsheets clerks actually have: Excel workbooks and the CSV files Excel
saves, read into rows with their spreadsheet row numbers.

Why this is its own module: a clerk's "CSV" is whatever Excel wrote. Under Russian or Kyrgyz
Windows, Excel's plain "CSV" uses ``;`` (the list separator of a locale whose decimal mark is
a comma) and the Windows Cyrillic code page cp1251, which has no Ө Ү Ң: Excel silently writes
``?`` in their place. So the delimiter is detected, and a cp1251 file is refused with the way
out ("CSV UTF-8" or .xlsx) instead of importing names with question marks. "Unicode text"
(UTF-16, tab-separated) is read too. Workbooks are read with openpyxl: every worksheet is a
table, dates stay dates.

Only reading happens here; what the columns mean is the importer's business. Row numbers
are the ones the clerk sees in Excel (the header is row 1), so a problem "row 7, sex" points at
the right line.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError

#: Delimiters a spreadsheet program may have used, most likely first.
DELIMITERS = (",", ";", "\t")
#: The letters of Kyrgyz that the Windows Cyrillic code page lacks.
KYRGYZ_LETTERS = "ӨөҮүҢң"
SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm")
#: The longest cell Python's ``csv`` reads (131,072 characters); a longer one is refused
#: naming its row, not with the reader's traceback.
MAX_CELL = csv.field_size_limit()


@dataclass
class Sheet:
    """One table: its name (the file, or "file.xlsx: sheet"), its column names, and its
    rows as ``(row number, {column: value})`` with empty cells left out."""

    name: str
    columns: list[str]
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    delimiter: str | None = None      # CSV only
    encoding: str | None = None       # CSV only

    @property
    def title(self) -> str:
        """The worksheet's own name (for a CSV: the file name without its suffix)."""
        return self.name.rsplit(": ", 1)[-1] if ": " in self.name else Path(self.name).stem


class SpreadsheetProblem(InputError):
    """A file that cannot be read as a table; ``details`` says what and how to fix it."""


def read(data: bytes, filename: str) -> list[Sheet]:
    """The tables of a file: one for a CSV, one per non-empty worksheet of a workbook."""
    suffix = Path(filename).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(data, filename)
    if suffix in (".csv", ".txt"):
        return [read_csv(data, filename)]
    if suffix == ".xls":
        raise SpreadsheetProblem(f"{filename}: an old Excel 97–2003 workbook (.xls)", details=[
            "open it in Excel and save it as «Excel Workbook (*.xlsx)», then import that file"])
    raise SpreadsheetProblem(f"{filename}: not a spreadsheet; expected .xlsx or .csv")


def read_path(path: Path) -> list[Sheet]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SpreadsheetProblem(f"{path}: cannot read ({exc.strerror})") from None
    return read(data, path.name)


# --- CSV ------------------------------------------------------------------------------------

def decode(data: bytes, filename: str) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was in; a cp1251 (or other non-UTF-8)
    file is refused, naming the letters it cannot hold and how to save it instead."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        cyrillic = looks_like_cp1251(data)
        raise SpreadsheetProblem(
            f"{filename}: not saved as UTF-8"
            + (" but in the Windows Cyrillic encoding (cp1251)" if cyrillic else
               f" (byte {exc.start} cannot be read)"),
            details=[
                f"that encoding has no {' '.join(KYRGYZ_LETTERS[::2])}: Excel writes «?» "
                "in their place, so the names would be wrong",
                "in Excel choose «Save As» → «CSV UTF-8 (Comma delimited) (*.csv)», or save "
                "the workbook as .xlsx, and import that file",
            ]) from None


def looks_like_cp1251(data: bytes) -> bool:
    """Mostly Cyrillic letters among the non-ASCII ones when read as cp1251 (a header of
    Latin column names does not count: it reads the same in every encoding)."""
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        return False
    letters = [c for c in text if c.isalpha() and not c.isascii()]
    cyrillic = sum("\u0400" <= c <= "\u04ff" for c in letters)
    return bool(letters) and cyrillic / len(letters) > 0.3


def detect_delimiter(text: str) -> str:
    """The delimiter that splits the header into the most columns and the next lines into as
    many; a file with a single column has none (a comma is assumed)."""
    sample = text.splitlines()[:50]
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        try:
            rows = [r for r in csv.reader(sample, delimiter=delimiter)
                    if any(c.strip() for c in r)]
        except csv.Error:  # e.g. a cell over the size limit: read_csv names its row
            continue
        if not rows:
            continue
        width = len(rows[0])
        if width < 2:
            continue
        consistent = sum(len(r) == width for r in rows[1:])
        score = (consistent, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_csv(data: bytes, filename: str) -> Sheet:
    text, encoding = decode(data, filename)
    delimiter = detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    raw: list[list[str]] = []
    try:
        raw.extend(reader)
    except csv.Error as exc:
        row = len(raw) + 1
        if "field larger than field limit" in str(exc):
            raise SpreadsheetProblem(
                f"{filename} row {row}: a cell is longer than {MAX_CELL // 1024} KB "
                f"({MAX_CELL:,} characters), the most one cell may hold", row=row) from None
        raise SpreadsheetProblem(f"{filename} row {row}: not a readable CSV file ({exc})",
                                 row=row) from None
    sheet = _table(filename, raw, start=1)
    sheet.delimiter, sheet.encoding = delimiter, encoding
    return sheet


def _table(name: str, raw: list[list[Any]], *, start: int) -> Sheet:
    """Header + rows → a ``Sheet``; problems (a header missing or repeated, a row wider than
    the header) are collected and raised together."""
    numbered = [(start + i, r) for i, r in enumerate(raw)]
    numbered = [(n, r) for n, r in numbered if any(_clean(c) is not None for c in r)]
    if not numbered:
        raise SpreadsheetProblem(f"{name}: the table is empty (no header row)")
    header_row, header = numbered[0]
    columns = [str(_clean(c) or "") for c in header]
    while columns and not columns[-1]:
        columns.pop()
    problems = []
    for i, column in enumerate(columns):
        if not column:
            problems.append(f"{name} row {header_row}: column {i + 1} has no name")
        elif columns.index(column) != i:
            problems.append(f"{name} row {header_row}: column {column!r} appears twice")
    rows = []
    for number, cells in numbered[1:]:
        values = [_clean(c) for c in cells]
        extra = [v for v in values[len(columns):] if v is not None]
        if extra:
            problems.append(f"{name} row {number}: {len(columns) + len(extra)} values but "
                            f"{len(columns)} columns (a stray delimiter or an unquoted value?)")
            continue
        rows.append((number, {c: v for c, v in zip(columns, values, strict=False)
                              if v is not None}))
    if problems:
        raise SpreadsheetProblem(f"{name}: cannot read the table", details=problems)
    return Sheet(name=name, columns=columns, rows=rows)


def _clean(value: Any) -> Any:
    """A cell's value: text stripped (empty → None), a whole float as int, a midnight datetime
    as a date."""
    if value is None:
        return None
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else value.isoformat(sep=" ")
    return value


# --- Excel ----------------------------------------------------------------------------------

def read_xlsx(data: bytes, filename: str) -> list[Sheet]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as exc:
        raise SpreadsheetProblem(f"{filename}: not a readable Excel workbook (.xlsx)",
                                 details=[str(exc) or type(exc).__name__]) from None
    try:
        sheets = []
        for ws in workbook.worksheets:
            raw = [list(r) for r in ws.iter_rows(min_row=1, values_only=True)]
            if not any(_clean(c) is not None for r in raw for c in r):
                continue
            sheets.append(_table(f"{filename}: {ws.title}", raw, start=1))
    finally:
        workbook.close()
    if not sheets:
        raise SpreadsheetProblem(f"{filename}: every worksheet is empty")
    return sheets
