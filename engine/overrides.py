"""A municipality's own copies of the built-in templates, and how far the built-ins moved since.

A clerk who wants other wording or layout edits a copy, never the built-in: the built-in
``.docx`` are build output (``tools/templates/``) and the next release replaces them. The copy
lives in the municipality's override folder (``<overrides>/<CODE>/<lang>/<name>.docx``), which
``TemplateStore`` renders instead of the built-in. But a copy also never receives a later fix
to the built-in (a corrected clause, the draft mark in every page header). So ``copy`` keeps,
beside the copy, the built-in exactly as it was copied (``.builtin/<name>.docx``) and a record
of it (``.builtin/<name>.json``: its SHA-256, the date, muni's version); ``drift`` compares
that with today's built-in and shows, as a text diff of paragraphs and table rows, what
changed, so the clerk can carry the change into the copy.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from muni.registry import directory
from muni.registry.db import Registry

from .errors import InputError, NotFound
from .files import file_sha256, sha256, write_atomic
from .paths import inside
from .render import LANGS, TemplateStore

#: The folder beside a municipality's copies that keeps the built-ins they were copied from.
ORIGIN_DIR = ".builtin"


@dataclass(frozen=True)
class Override:
    """One override file: whose (``municipality`` None = every municipality), which template."""

    path: Path
    template: str
    lang: str
    municipality: str | None

    @property
    def origin_docx(self) -> Path:
        return self.path.parent / ORIGIN_DIR / self.path.name

    @property
    def origin_record(self) -> Path:
        return self.path.parent / ORIGIN_DIR / f"{self.template}.json"


def _overrides_root(store: TemplateStore) -> Path:
    if store.overrides is None:
        raise InputError("no override folder: set MUNI_TEMPLATES or keep a registry file "
                         "(its templates/ folder is the default)")
    return store.overrides


def _builtin(store: TemplateStore, name: str, lang: str) -> Path:
    path = inside(store.builtin, lang, f"{name}.docx", what=f"the built-in template {name!r}")
    if not path.is_file():
        known = sorted(p.stem for p in (store.builtin / lang).glob("*.docx"))
        raise NotFound(f"no built-in template '{name}' ({lang}); the built-in templates are: "
                       f"{', '.join(known)}")
    return path


def copy(db: Registry, store: TemplateStore, name: str, municipality: str, *,
         langs: tuple[str, ...] = LANGS, today: dt.date,
         force: bool = False) -> list[dict[str, Any]]:
    """Copy the built-in template ``name`` into ``municipality``'s override folder, once per
    language, and record which built-in it was. Refuses to replace an existing override
    unless ``force`` (which also renews the record). Returns one record per language."""
    if directory.municipality(db, municipality) is None:
        raise NotFound(f"no municipality '{municipality}' in the registry")
    root = _overrides_root(store)
    planned = []
    for lang in langs:
        source = _builtin(store, name, lang)
        target = Override(inside(root, municipality, lang, f"{name}.docx",
                                 what=f"the override of {name!r} for {municipality}"),
                          name, lang, municipality)
        if target.path.exists() and not force:
            raise InputError(f"{target.path} already exists: it is the municipality's own "
                             "copy; remove it first, or pass --force to replace it")
        planned.append((source, target))
    version = _muni_version()
    records = []
    for source, target in planned:
        data = source.read_bytes()
        record = {"template": name, "lang": target.lang, "municipality": municipality,
                  "builtin_sha256": sha256(data),
                  "copied": today.isoformat(), "muni_version": version}
        # the record first: a copy never exists without it
        write_atomic(target.origin_docx, data)
        write_atomic(target.origin_record, (json.dumps(record, ensure_ascii=False, indent=2)
                                            + "\n").encode())
        write_atomic(target.path, data)
        records.append({**record, "path": str(target.path)})
    return records


def _muni_version() -> str:
    try:
        return metadata.version("muni")
    except metadata.PackageNotFoundError:
        return ""


def find(store: TemplateStore, municipality: str | None = None) -> list[Override]:
    """Every override file under the store's folder (only ``municipality``'s when given, and
    then also the ones shared by every municipality, since those apply to it too)."""
    root = store.overrides
    if root is None or not root.is_dir():
        return []
    found = []
    owners = ([municipality] if municipality else
              sorted(p.name for p in root.iterdir() if p.is_dir() and p.name not in LANGS))
    for owner in [None, *owners]:
        for lang in LANGS:
            folder = root / lang if owner is None else root / owner / lang
            for path in sorted(folder.glob("*.docx")):
                found.append(Override(path, path.stem, lang, owner))
    return found


def docx_lines(path: Path) -> list[str]:
    """The text of a .docx as a reader meets it: page headers, then each non-empty body
    paragraph, a table row as its cells joined by " | " (a cell's paragraphs by " / ")."""
    from docx import Document
    from docx.oxml.ns import qn

    def text(el: Any) -> str:
        return "".join(t.text or "" for t in el.iter(qn("w:t")))

    document = Document(str(path))
    lines = []
    for section in document.sections:
        for part in (section.first_page_header, section.header):
            if part.is_linked_to_previous:
                continue
            lines += [f"[header] {p.text}" for p in part.paragraphs if p.text.strip()]
    for block in document.element.body:
        if block.tag == qn("w:p"):
            if text(block).strip():
                lines.append(text(block))
        elif block.tag == qn("w:tbl"):
            for row in block.iter(qn("w:tr")):
                cells = [" / ".join(t for p in cell.iter(qn("w:p")) if (t := text(p)).strip())
                         for cell in row.iter(qn("w:tc"))]
                if any(cells):
                    lines.append(" | ".join(cells))
    return lines


def drift(store: TemplateStore, municipality: str | None = None) -> dict[str, Any]:
    """For each override: has the built-in changed since it was copied, and how.

    ``status`` is ``current`` (the built-in is the one copied), ``builtin_changed`` (with
    ``changes``, a unified diff of the built-in as copied against the built-in now),
    ``unrecorded`` (copied by hand, no record: ``changes`` then compares the override itself
    with the built-in now) or ``no_builtin`` (no built-in of that name any more). ``edited``
    says whether the override differs from what was copied."""
    items = []
    for o in find(store, municipality):
        builtin = store.builtin / o.lang / f"{o.template}.docx"
        item: dict[str, Any] = {
            "template": o.template, "lang": o.lang, "municipality": o.municipality,
            "path": str(o.path), "status": "current", "copied": None, "copied_sha256": None,
            "builtin_sha256": file_sha256(builtin) if builtin.is_file() else None,
            "edited": None, "changes": []}
        record = _read_record(o)
        if record:
            item["copied"] = record.get("copied")
            item["copied_sha256"] = record.get("builtin_sha256")
            item["edited"] = file_sha256(o.path) != item["copied_sha256"]
        if item["builtin_sha256"] is None:
            item["status"] = "no_builtin"
        elif record is None:
            item["status"] = "unrecorded"
            item["changes"] = _diff(o.path, builtin, "this override", "built-in now")
        elif item["copied_sha256"] != item["builtin_sha256"]:
            item["status"] = "builtin_changed"
            base = o.origin_docx
            if base.is_file() and file_sha256(base) == item["copied_sha256"]:
                item["changes"] = _diff(base, builtin, "built-in as copied", "built-in now")
            else:  # the kept copy is gone: the best comparison left is with the override
                item["changes"] = _diff(o.path, builtin, "this override", "built-in now")
        items.append(item)
    return {"overrides": items,
            "changed": sum(i["status"] in ("builtin_changed", "no_builtin") for i in items)}


def _read_record(o: Override) -> dict[str, Any] | None:
    try:
        record = json.loads(o.origin_record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) and record.get("builtin_sha256") else None


def _diff(old: Path, new: Path, old_label: str, new_label: str) -> list[str]:
    return list(difflib.unified_diff(docx_lines(old), docx_lines(new), old_label, new_label,
                                     n=1, lineterm=""))
