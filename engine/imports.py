"""Import files — municipalities, people, offices, journal starts — read into the registry.

``read_file`` turns one YAML, JSON or CSV file into rows through the bounded input reader
(``inputs``); ``registry.importer.load`` checks every row and writes all of them or none.
Problems reading a file (not UTF-8, a repeated key, a cell over 128 KB) are reported
together with the rows' own, so one run lists everything to fix.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from muni.registry import importer
from muni.registry.db import Registry
from muni.registry.importer import KINDS, Imported, Rows

from . import inputs
from .errors import InputError

REFUSED = "import refused; nothing was written"


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
    if suffix == ".csv":
        kind = _csv_kind(path, kind)
        return {kind: _csv_rows(path, kind)}
    if suffix in (".yaml", ".yml", ".json"):
        text = inputs.read_text(path)
        return _sections(path.name, inputs.parse(text, path.name,
                                                 "json" if suffix == ".json" else "yaml"))
    raise InputError(f"{path.name}: unsupported file type {suffix!r} (use .yaml, .json or .csv)")


def _csv_kind(path: Path, kind: str | None) -> str:
    kind = kind or path.stem.lower()
    if kind not in KINDS:
        raise InputError(f"{path.name}: cannot tell what the CSV holds; name it "
                         "municipalities.csv, people.csv, officials.csv or journals.csv, or "
                         "pass --kind")
    return kind


def _csv_rows(path: Path, kind: str) -> list[tuple[str, dict[str, Any]]]:
    header, rows = inputs.read_csv(inputs.read_text(path), path.name)
    unknown = set(header) - {f.name for f in importer.FIELDS[kind]}
    if unknown:
        raise InputError(f"{path.name}: unknown column(s) {', '.join(sorted(unknown))}")
    return [(f"{path.name} row {number}",
             {(k if k is not None else "(cells beyond the header)"): v
              for k, v in row.items() if v not in (None, "", [])})
            for number, row in rows]


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
