"""Store municipalities, people, offices and journal starts — all rows or none.

The rows come parsed (``engine/imports.py`` reads YAML, JSON and CSV files into them; the web
import reads spreadsheets): here each row is checked against the registry's columns and
what is already stored, and every row is written in one transaction or none is. The checks
collect *all* problems, each naming the file, the row and the field, so a clerk fixes the
file in one go. Rows are upserted by their natural key, so importing the same file twice
changes nothing.

Why the registry takes rows and not files: reading a file someone hands in (its encoding,
YAML's aliases and repeated keys, CSV's cell limit) is the engine's bounded input reader,
shared with case data and batch files; the registry never imports the engine.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import values
from .db import Registry, write_transaction
from .directory import ROLES

KINDS = ("municipalities", "people", "officials", "journals")
#: Parsed rows by kind: ``{kind: [(where, row), …]}``; ``where`` names the file and the row.
Rows = dict[str, list[tuple[str, dict[str, Any]]]]


class ImportProblem(ValueError):
    """Raised with every problem found; ``problems`` holds one message per row/field."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Field:
    name: str
    required: bool = False
    check: Callable[[Any], Any] | None = None  # returns the clean value or raises ValueError


def _text(value: Any) -> str:
    if isinstance(value, (dict, list)):
        raise ValueError("must be text, not a list or mapping")
    text = str(value).strip()
    if not text:
        raise ValueError("must not be empty")
    problem = values.text_problem(text)
    if problem:
        raise ValueError(problem)
    return text


#: A municipality code names its folder of documents and of template overrides, so it is a
#: short slug: lowercase (Windows folders ignore case, so "Lipenka" and "lipenka" would share
#: one), no path separators or dots, and none of the names Windows reserves for devices.
CODE_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")
_WINDOWS_DEVICES = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                    *(f"lpt{i}" for i in range(1, 10))}
CODE_RULE = ("lowercase Latin letters, digits, '-' and '_', 1–40 characters, starting with a "
             "letter or digit (e.g. 'lipenka'); it names the municipality's folder")


def code(value: Any) -> str:
    """A municipality code, checked as ``CODE_PATTERN`` says."""
    text = _text(value)
    if not CODE_PATTERN.fullmatch(text) or text in _WINDOWS_DEVICES:
        raise ValueError(f"must be a short code: {CODE_RULE}; got {_shown(text)}")
    return text


def _date(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise ValueError(f"must be a date as YYYY-MM-DD, got {_shown(value)}") from None


def _shown(value: Any) -> str:
    """A value as a message quotes it: a 100 KB cell is not repeated in full."""
    text = repr(str(value) if not isinstance(value, (int, float)) else value)
    return text if len(text) <= 80 else text[:80] + "…"


def _int(value: Any) -> int:
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ValueError(f"must be a whole number, got {_shown(value)}") from None
    if number < 0:
        raise ValueError(f"must not be negative, got {number}")
    problem = values.int_problem(number)
    if problem:
        raise ValueError(problem)
    return number


def _choice(*allowed: str) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        text = str(value).strip()
        if text not in allowed:
            raise ValueError(f"must be one of {', '.join(allowed)}; got {_shown(value)}")
        return text
    return check


FIELDS: dict[str, list[Field]] = {
    "municipalities": [
        Field("code", True, code),
        Field("aimak_ky", True, _text), Field("aimak_ru", True, _text),
        Field("oblast_ky", True, _text), Field("oblast_ru", True, _text),
        Field("rayon_ky", True, _text), Field("rayon_ru", True, _text),
        Field("seat_ky", True, _text), Field("seat_ru", True, _text),
        Field("lang", False, _choice("ky", "ru")),
        Field("council_seats", False, _int),
        Field("address", False, _text), Field("phone", False, _text),
    ],
    "people": [
        Field("id", True, _text), Field("municipality", True, _text), Field("name", True, _text),
        Field("short_name", False, _text), Field("sex", True, _choice("f", "m")),
        Field("birth_date", False, _date), Field("village", False, _text),
        Field("occupation", False, _text), Field("occupation_ru", False, _text),
        Field("phone", False, _text),
        Field("email", False, _text),
    ],
    "journals": [
        Field("municipality", True, _text), Field("series", True, _text),
        Field("year", True, _int), Field("last", True, _int),
    ],
    "officials": [
        Field("municipality", True, _text), Field("person", True, _text),
        Field("role", True, _choice(*sorted(ROLES))), Field("position", True, _text),
        Field("position_ru", False, _text),
        Field("start_date", True, _date), Field("end_date", False, _date),
    ],
}
KEYS = {
    "municipalities": ["code"],
    "people": ["id"],
    "officials": ["municipality", "person", "role", "start_date"],
    "journals": ["municipality", "series", "year"],
}


def clean(kind: str, where: str, row: dict, problems: list[str]) -> dict:
    fields = {f.name: f for f in FIELDS[kind]}
    for name in row:
        if name not in fields:
            problems.append(f"{where}: unknown field '{name}'")
    out: dict[str, Any] = {}
    for f in FIELDS[kind]:
        value = row.get(f.name)
        if value is None or value == "":
            if f.required:
                problems.append(f"{where}, field '{f.name}': required")
            out[f.name] = None
            continue
        try:
            out[f.name] = f.check(value) if f.check else value
        except ValueError as exc:
            problems.append(f"{where}, field '{f.name}': {exc}")
            out[f.name] = None
    if kind == "officials" and out.get("end_date") and out.get("start_date"):
        if out["end_date"] < out["start_date"]:
            problems.append(f"{where}, field 'end_date': before start_date {out['start_date']}")
    return out


@dataclass
class Imported:
    """What an import wrote: rows per kind, and notes the clerk should read (nothing wrong)."""

    counts: dict[str, int]
    notes: list[str] = field(default_factory=list)


def load(db: Registry, parsed: Rows, problems: list[str] | None = None) -> Imported:
    """Check every row, then upsert them all in one transaction.

    ``problems``: those the caller found reading the files; they are reported together with
    the rows' own, and any problem at all means nothing is written (``ImportProblem``)."""
    problems = list(problems or [])
    notes: list[str] = []
    parsed = {k: list(parsed.get(k, [])) for k in KINDS}
    cleaned = {k: [(w, clean(k, w, r, problems)) for w, r in rows] for k, rows in parsed.items()}

    known_muni = {r["code"] for _, r in cleaned["municipalities"]} | {
        r[0] for r in db.execute("SELECT code FROM municipalities")
    }
    known_people = {r["id"]: r["municipality"] for _, r in cleaned["people"]}
    for where, row in cleaned["people"]:
        if row["municipality"] and row["municipality"] not in known_muni:
            problems.append(f"{where}, field 'municipality': unknown municipality "
                            f"'{row['municipality']}'")
    for where, row in cleaned["officials"]:
        if row["municipality"] and row["municipality"] not in known_muni:
            problems.append(f"{where}, field 'municipality': unknown municipality "
                            f"'{row['municipality']}'")
        pid = row["person"]
        if pid and pid not in known_people:
            found = db.execute("SELECT municipality FROM people WHERE id = ?", [pid]).fetchone()
            if not found:
                problems.append(f"{where}, field 'person': unknown person '{pid}'")
    for where, row in cleaned["journals"]:
        if row["municipality"] and row["municipality"] not in known_muni:
            problems.append(f"{where}, field 'municipality': unknown municipality "
                            f"'{row['municipality']}'")
        if None in (row["municipality"], row["series"], row["year"], row["last"]):
            continue
        current = db.execute(
            "SELECT last FROM counters WHERE municipality = ? AND series = ? AND year = ?",
            [row["municipality"], row["series"], row["year"]]).fetchone()
        # A journal never goes back, but the file's start may well be below what muni has
        # numbered since (the same file imported again): the registry keeps its count.
        if current and row["last"] < current[0]:
            notes.append(f"{where}: journal '{row['series']}' {row['year']} of "
                         f"{row['municipality']} is already at № {current[0]}; the file says "
                         f"{row['last']}, the registry keeps {current[0]}")
    for k in KINDS:
        seen: dict[tuple, str] = {}
        for where, row in cleaned[k]:
            key = tuple(row.get(c) for c in KEYS[k])
            if None not in key and key in seen:
                problems.append(f"{where}: duplicates {seen[key]} (same {', '.join(KEYS[k])})")
            seen.setdefault(key, where)
    if problems:
        raise ImportProblem(problems)

    counts = {}
    with write_transaction(db):
        for k in KINDS:
            rows = [r for _, r in cleaned[k]]
            if k == "municipalities":
                for r in rows:
                    r["lang"] = r["lang"] or "ky"
            if rows and k == "journals":
                db.conn.executemany(
                    "INSERT INTO counters(municipality, series, year, last) VALUES"
                    " (:municipality, :series, :year, :last) ON CONFLICT(municipality, series,"
                    " year) DO UPDATE SET last = max(last, excluded.last)",
                    rows,
                )
            elif rows and k == "officials":
                db.conn.executemany(
                    "INSERT INTO officials(municipality, person, role, position, position_ru,"
                    " start_date, end_date) VALUES (:municipality, :person, :role, :position,"
                    " :position_ru, :start_date, :end_date) ON CONFLICT(municipality, person,"
                    " role, start_date) DO UPDATE SET position = excluded.position,"
                    " position_ru = excluded.position_ru, end_date = excluded.end_date",
                    rows,
                )
            elif rows:
                db[k].upsert_all(rows, pk=KEYS[k][0])
            counts[k] = len(rows)
    return Imported(counts, notes)
