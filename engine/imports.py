"""Import files — municipalities, people, offices, journal starts — read into the registry.

``read_file`` turns one YAML or JSON file (through the bounded input reader, ``inputs``) or
one table (CSV or an Excel workbook, through ``spreadsheets``) into rows;
``registry.importer.load`` checks every row and writes all of them or none.
Problems reading a file (not UTF-8, a repeated key, a cell over 128 KB) are reported
together with the rows' own, so one run lists everything to fix.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import muni.engine.inputs as inputs
import muni.engine.spreadsheets as spreadsheets
from muni.registry import importer
from muni.registry.db import Registry
from muni.registry.importer import KINDS, Imported, Rows

from .errors import InputError

REFUSED = "import refused; nothing was written"
#: Tables an import reads (``spreadsheets``): CSV as Excel saves it, and workbooks.
TABLES = (".csv", ".xlsx", ".xlsm")


def import_files(db: Registry, paths: list[Path], kind: str | None = None) -> Imported:
    """Read every file, check every row, then write them all in one transaction."""
    parsed: Rows = {k: [] for k in KINDS}
    problems: list[str] = []
    for path in paths:
        try:
            for k, rows in read_file(path, kind).items():
                parsed[k].extend(rows)
        except InputError as exc:
            problems.extend([exc.message, *exc.details])
    try:
        return importer.load(db, parsed, problems)
    except importer.ImportProblem as exc:
        raise InputError(REFUSED, details=exc.problems) from None


def read_file(path: Path, kind: str | None = None) -> Rows:
    """Parse a file into ``{kind: [(where, row), …]}``; ``where`` names file and row."""
    suffix = path.suffix.lower()
    if suffix in TABLES:
        out: Rows = {k: [] for k in KINDS}
        sheets = spreadsheets.read_path(path)
        for sheet in sheets:
            table = _table_kind(path, sheet, kind, len(sheets))
            unknown = set(sheet.columns) - {f.name for f in importer.FIELDS[table]}
            if unknown:
                raise InputError(f"{sheet.name}: unknown column(s) {', '.join(sorted(unknown))}")
            out[table].extend((f"{sheet.name} row {number}", row) for number, row in sheet.rows)
        return out
    if suffix in (".yaml", ".yml", ".json"):
        text = inputs.read_text(path)
        return _sections(path.name, inputs.parse(text, path.name,
                                                 "json" if suffix == ".json" else "yaml"))
    raise InputError(f"{path.name}: unsupported file type {suffix!r} (use .yaml, .json, .csv "
                     "or .xlsx)")


def _table_kind(path: Path, sheet: spreadsheets.Sheet, kind: str | None, sheets: int) -> str:
    """What a table holds: ``--kind``, else its worksheet's name, else (a CSV, or a workbook
    of one sheet) the file's name — people.csv, officials.xlsx."""
    for candidate in (kind, sheet.title.lower(), path.stem.lower() if sheets == 1 else None):
        if candidate in KINDS:
            return candidate
    raise InputError(f"{sheet.name}: cannot tell what the table holds; name it (the file, or "
                     "the worksheet) municipalities, people, officials or journals, or pass "
                     "--kind")


def _sections(name: str, doc: Any) -> Rows:
    if not isinstance(doc, dict):
        raise InputError(f"{name}: expected a mapping with keys {', '.join(KINDS)}")
    unknown = set(doc) - set(KINDS)
    if unknown:
        raise InputError(f"{name}: unknown section(s) {', '.join(sorted(map(str, unknown)))}")
    out: Rows = {k: [] for k in KINDS}
    for section in KINDS:
        items = doc.get(section) or []
        if not isinstance(items, list):
            raise InputError(f"{name}: '{section}' must be a list")
        for i, item in enumerate(items, start=1):
            where = f"{name} {section}[{i}]"
            if not isinstance(item, dict):
                raise InputError(f"{where}: must be a mapping")
            item = dict(item)
            offices = item.pop("offices", None) if section == "people" else None
            out[section].append((where, item))
            for j, office in enumerate(offices or [], start=1):
                if not isinstance(office, dict):
                    raise InputError(f"{where}.offices[{j}]: must be a mapping")
                office = {"person": item.get("id"), "municipality": item.get("municipality"),
                          **office}
                out["officials"].append((f"{where}.offices[{j}]", office))
    return out
