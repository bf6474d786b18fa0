"""Batch files: the rows of a CSV or YAML file, each a case, a trigger and data changes.

A row that cannot be used keeps its ``problem`` and is reported by its number while the good
rows go on; a file that cannot be read at all, or that holds a value no case may take, is an
``InputError`` before any row runs.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import muni.engine.inputs as inputs
import muni.engine.spreadsheets as spreadsheets

from ..data import deep_merge, jsonable, set_dotted
from ..errors import InputError


@dataclass(frozen=True)
class Row:
    """One thing to do: a selected case, or one row of a batch file."""

    row: int                          # the file's row number, or the case id
    label: str                        # "batch.csv row 7" / "case 12": how errors name it
    case_id: int | None
    trigger: str | None = None
    data: dict[str, Any] | None = None
    problem: str | None = None        # the row cannot be used (reported as failed)


def _dotted_columns(row: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in row.items():
        if key not in ("case", "trigger", "data") and value not in (None, ""):
            set_dotted(out, key.strip(), value.strip())
    return out


def read_batch_file(path: Path) -> tuple[str, list[Row]]:
    """Parse a batch file into rows; returns ``(content key, rows)``.

    CSV (read by ``spreadsheets``: the delimiter Excel used, UTF-8 or UTF-16): a ``case``
    column, optional ``trigger``, optional ``data`` (a JSON or YAML mapping) and any number
    of dotted columns (``order.signer``) that set one value each. Rows are numbered as a
    spreadsheet shows them (the header is row 1). YAML: a list (or ``rows:``)
    of ``{case, trigger, data}``, numbered from 1. A row that cannot be used is kept with its
    ``problem``, so it is reported by number while the good rows proceed; a file that cannot
    be read at all is an ``InputError``, and so is one holding a value no case may take (a
    control character, an impossible date, a number beyond SQLite): it is refused whole at
    intake, every such value listed by row and field, before any row runs.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    key = "file:" + hashlib.sha256(raw).hexdigest()
    rows: list[Row] = []
    bad: list[str] = []

    def check(number: int, value: Any) -> None:
        bad.extend(f"row {number}, field '{where}': {problem}"
                   for where, problem in inputs.value_problems(value))

    if path.suffix.lower() == ".csv":
        sheet = spreadsheets.read_csv(raw, path.name)
        if "case" not in sheet.columns:
            raise InputError(f"{path.name}: needs a 'case' column (and optionally 'trigger', "
                             "'data' and dotted data columns such as 'order.signer')")
        for number, record in sheet.rows:
            label = f"{path.name} row {number}"
            check(number, record)
            data: Any = _dotted_columns(record)
            problem = None
            if (record.get("data") or "").strip():
                try:
                    extra = inputs.parse(record["data"], label)
                    check(number, {"data": extra})
                except InputError:
                    extra = None
                if not isinstance(extra, dict):
                    problem = "field 'data': must be a mapping, e.g. {\"order\": {...}}"
                else:
                    data = deep_merge(data, extra)
            rows.append(_row(number, label, record.get("case"), record.get("trigger"),
                             data or None, problem))
        return key, _refuse_bad_values(path, bad, rows)
    if path.suffix.lower() in (".yaml", ".yml", ".json"):
        doc = inputs.parse(inputs.decode(raw, path.name), path.name,
                           "json" if path.suffix.lower() == ".json" else "yaml")
        if isinstance(doc, dict) and set(doc) == {"rows"}:
            doc = doc["rows"]
        if not isinstance(doc, list):
            raise InputError(f"{path.name}: expected a list of rows "
                             "({case, trigger, data}), or a mapping with 'rows'")
        for number, item in enumerate(doc, start=1):
            label = f"{path.name} row {number}"
            if not isinstance(item, dict):
                rows.append(Row(number, label, None, problem="must be a mapping with 'case'"))
                continue
            check(number, item)
            unknown = sorted(set(map(str, item)) - {"case", "trigger", "data"})
            data = item.get("data")
            problem = (f"unknown key(s) {', '.join(unknown)} (use case, trigger, data)"
                       if unknown else None)
            if data is not None and not isinstance(data, dict):
                problem = "field 'data': must be a mapping"
            rows.append(_row(number, label, item.get("case"), item.get("trigger"),
                             jsonable(data) if isinstance(data, dict) else None, problem))
        return key, _refuse_bad_values(path, bad, rows)
    raise InputError(f"{path.name}: unsupported batch file type {path.suffix!r} "
                     "(use .csv, .yaml or .json)")


def _refuse_bad_values(path: Path, bad: list[str], rows: list[Row]) -> list[Row]:
    if bad:
        raise InputError(f"{path.name}: {len(bad)} value(s) cannot be accepted; no row was run",
                         details=bad, problems=bad)
    return rows


def _row(number: int, label: str, case: Any, trigger: Any, data: dict | None,
         problem: str | None) -> Row:
    case_id = None
    if problem is None:
        try:
            case_id = int(str(case).strip())
            if case_id <= 0:
                raise ValueError
        except ValueError:
            problem = f"field 'case': must be a case number, got {case!r}"
    trig = str(trigger).strip() if trigger not in (None, "") else None
    return Row(number, label, case_id, trig, data, problem)
