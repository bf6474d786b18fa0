"""Load municipalities, people and offices from YAML, JSON or CSV — all rows or none.

Every row is checked before anything is written; the first run of checks collects *all*
problems, each naming the file, the row and the field, so a clerk fixes the file in one go.
Rows are upserted by their natural key, so importing the same file twice changes nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .db import Registry, write_transaction
from .directory import ROLES

KINDS = ("municipalities", "people", "officials", "journals")


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
    return text


def _date(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise ValueError(f"must be a date as YYYY-MM-DD, got {value!r}") from None


def _int(value: Any) -> int:
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ValueError(f"must be a whole number, got {value!r}") from None
    if number < 0:
        raise ValueError(f"must not be negative, got {number}")
    return number


def _choice(*allowed: str) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        text = str(value).strip()
        if text not in allowed:
            raise ValueError(f"must be one of {', '.join(allowed)}; got {value!r}")
        return text
    return check


FIELDS: dict[str, list[Field]] = {
    "municipalities": [
        Field("code", True, _text),
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


def read_file(path: Path, kind: str | None = None) -> dict[str, list[tuple[str, dict]]]:
    """Parse a file into ``{kind: [(where, row), …]}``; ``where`` names file and row."""
    suffix = path.suffix.lower()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportProblem(
            [f"{path.name}: not UTF-8 text ({exc.reason} at byte {exc.start})"]) from None
    if suffix == ".csv":
        kind = kind or path.stem.lower()
        if kind not in KINDS:
            raise ImportProblem([
                f"{path.name}: cannot tell what the CSV holds; name it municipalities.csv, "
                "people.csv, officials.csv or journals.csv, or pass --kind"
            ])
        reader = csv.DictReader(text.splitlines())
        unknown = set(reader.fieldnames or []) - {f.name for f in FIELDS[kind]}
        if unknown:
            raise ImportProblem([f"{path.name}: unknown column(s) {', '.join(sorted(unknown))}"])
        rows = [
            (f"{path.name} row {i}", {k: v for k, v in row.items() if v not in (None, "")})
            for i, row in enumerate(reader, start=2)  # row 1 is the header
        ]
        return {kind: rows}
    if suffix in (".yaml", ".yml", ".json"):
        try:
            doc = json.loads(text) if suffix == ".json" else yaml.safe_load(text)
        except (json.JSONDecodeError, yaml.YAMLError) as exc:
            raise ImportProblem([f"{path.name}: not valid {suffix[1:].upper()}: {exc}"]) from None
        if not isinstance(doc, dict):
            raise ImportProblem([f"{path.name}: expected a mapping with keys {', '.join(KINDS)}"])
        unknown = set(doc) - set(KINDS)
        if unknown:
            raise ImportProblem([f"{path.name}: unknown section(s) {', '.join(sorted(unknown))}"])
        out: dict[str, list[tuple[str, dict]]] = {k: [] for k in KINDS}
        for section in KINDS:
            items = doc.get(section) or []
            if not isinstance(items, list):
                raise ImportProblem([f"{path.name}: '{section}' must be a list"])
            for i, item in enumerate(items, start=1):
                where = f"{path.name} {section}[{i}]"
                if not isinstance(item, dict):
                    raise ImportProblem([f"{where}: must be a mapping"])
                item = dict(item)
                offices = item.pop("offices", None) if section == "people" else None
                out[section].append((where, item))
                for j, office in enumerate(offices or [], start=1):
                    office = {"person": item.get("id"), "municipality": item.get("municipality"),
                              **office}
                    out["officials"].append((f"{where}.offices[{j}]", office))
        return out
    raise ImportProblem(
        [f"{path.name}: unsupported file type {suffix!r} (use .yaml, .json or .csv)"])


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
    if kind == "officials" and out.get("end_date") and out.get("start_date"):
        if out["end_date"] < out["start_date"]:
            problems.append(f"{where}, field 'end_date': before start_date {out['start_date']}")
    return out


def load(db: Registry, paths: list[Path], kind: str | None = None) -> dict[str, int]:
    """Validate every row of every file, then upsert them all in one transaction."""
    parsed: dict[str, list[tuple[str, dict]]] = {k: [] for k in KINDS}
    problems: list[str] = []
    for path in paths:
        try:
            for k, rows in read_file(path, kind).items():
                parsed[k].extend(rows)
        except ImportProblem as exc:
            problems.extend(exc.problems)
        except OSError as exc:
            problems.append(f"{path}: cannot read ({exc.strerror})")
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
        current = db.execute(
            "SELECT last FROM counters WHERE municipality = ? AND series = ? AND year = ?",
            [row["municipality"], row["series"], row["year"]]).fetchone()
        if current and row["last"] is not None and row["last"] < current[0]:
            problems.append(f"{where}, field 'last': {row['last']} is below the number already "
                            f"taken ({current[0]}); a journal never goes back")
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
    return counts
