"""What ``muni demo`` writes, as readable text: the pin of ``test_demo_pin.py``.

The demo runs every procedure end to end, so its documents and audit records are the widest
characterisation of muni's behaviour. They are pinned as *text* — each document's paragraphs,
table rows, headers and footers, one per line; each audit record's step, actor, verdicts,
documents and the shape of its data, without timestamps or hashes — so that a deliberate
change to a document shows in review as a readable diff of the fixture, and an accidental one
fails the test.

Regenerate the fixture after a deliberate change (and read the diff before committing it):

    .venv/bin/python tests/demo_pin.py

On a merge conflict in ``tests/pins/``, take either side and regenerate.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree

PINS = Path(__file__).resolve().parent / "pins" / "demo"
#: The day the demo's undated steps are taken on (``MUNI_TODAY``).
TODAY = "2026-11-21"
LANGS = ("ky", "ru")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# --- documents ------------------------------------------------------------------------------

def _said(verdict: dict) -> str:
    """A recorded verdict's words in English: the audit keeps what the check found as a
    message key and values (``say``), worded by the catalogs when read."""
    if "message" in verdict:
        return verdict["message"]
    from muni.engine.messages import render

    return render(verdict["say"], "en")



def _paragraph(p: etree._Element) -> str:
    out = []
    for node in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}noBreakHyphen"):
        out.append(node.text or "" if node.tag == f"{_W}t" else
                   "\t" if node.tag == f"{_W}tab" else
                   "\u2011" if node.tag == f"{_W}noBreakHyphen" else " ⏎ ")
    return "".join(out)


def _rows(table: etree._Element) -> list[str]:
    """A table's rows, each as its cells joined by " | "."""
    return [" | ".join(_cell(c) for c in row.findall(f"{_W}tc"))
            for row in table.findall(f"{_W}tr")]


def _cell(cell: etree._Element) -> str:
    """A cell's paragraphs joined by " / "; a table nested in it as [row; row]."""
    parts = []
    for child in cell:
        if child.tag == f"{_W}p":
            parts.append(_paragraph(child))
        elif child.tag == f"{_W}tbl":
            parts.append("[" + "; ".join(_rows(child)) + "]")
    return " / ".join(parts)


def _blocks(parent: etree._Element, lines: list[str]) -> None:
    """Paragraphs as lines, table rows as lines, in document order."""
    for block in parent:
        if block.tag == f"{_W}p":
            lines.append(_paragraph(block))
        elif block.tag == f"{_W}tbl":
            lines += _rows(block)
        elif block.tag == f"{_W}sdt":
            content = block.find(f"{_W}sdtContent")
            if content is not None:
                _blocks(content, lines)


def document_text(path: Path) -> str:
    """The text of a .docx: the body, then each header and footer part that says anything."""
    with zipfile.ZipFile(path) as zf:
        body = etree.fromstring(zf.read("word/document.xml")).find(f"{_W}body")
        lines: list[str] = []
        _blocks(body, lines)
        names = sorted(n for n in zf.namelist()
                       if n.startswith(("word/header", "word/footer")) and n.endswith(".xml"))
        for name in names:
            part: list[str] = []
            _blocks(etree.fromstring(zf.read(name)), part)
            if any(x.strip() for x in part):
                lines.append(f"--- {name[5:-4]} ---")
                lines += part
    return "\n".join(line.rstrip() for line in lines).strip("\n") + "\n"


# --- audit records --------------------------------------------------------------------------

def shape(value: Any) -> Any:
    """The structure of a value without its content: keys, list element shapes, types."""
    if isinstance(value, dict):
        return {k: shape(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        merged: dict[str, Any] = {}
        scalars: set[str] = set()
        for item in value:
            s = shape(item)
            if isinstance(s, dict):
                for k, v in s.items():
                    merged.setdefault(k, v)
            else:
                scalars.add(json.dumps(s, sort_keys=True))
        parts = ([merged] if merged else []) + [json.loads(s) for s in sorted(scalars)]
        return parts
    return {bool: "bool", int: "int", float: "float", str: "str",
            type(None): "null"}.get(type(value), type(value).__name__)


def _evaluation_shape(evaluation: dict[str, Any]) -> Any:
    """The evaluation's shape; its profile's ``files`` is a mapping of file name to digest,
    whichever files the profiles are made of."""
    if not evaluation:
        return None
    out = shape(evaluation)
    if isinstance(out.get("profile"), dict) and "files" in out["profile"]:
        out["profile"]["files"] = {"FILE.yaml": "str"}
    return out


def audit_records(db_path: Path, documents: Path) -> list[dict[str, Any]]:
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    root = str(documents.resolve()) + "/"
    out = []
    for r in conn.execute("SELECT * FROM audit ORDER BY id"):
        data = json.loads(r["data"])
        evaluation = data.get("evaluation") or {}
        out.append({
            "id": r["id"], "case": r["case_id"], "step": r["trigger"],
            "move": f"{r['from_state'] or '∅'} → {r['to_state']}", "actor": r["actor"],
            "profile": r["profile"],
            "evaluation": ({"profile": (evaluation.get("profile") or {}).get("id"),
                            "act_date": evaluation.get("act_date"), "on": evaluation.get("on")}
                           if evaluation else None),
            "verdicts": [f"{'✓' if g['ok'] else '✗'} {g['rule']} [{g['severity']}]: "
                         f"{_said(g)}" for g in json.loads(r["guards"])],
            "documents": [f"{d['path'].removeprefix(root)}"
                          + (f" № {d['number']}" if d.get("number") is not None else "")
                          for d in json.loads(r["documents"])],
            "data": {"keys": sorted(data),
                     "documents": [shape(c) for c in data.get("documents") or []],
                     "evaluation": _evaluation_shape(evaluation)},
        })
    conn.close()
    return out


def registers(db_path: Path) -> dict[str, Any]:
    conn = sqlite3.connect(db_path)
    journal = [" ".join(str(x) for x in row) for row in conn.execute(
        "SELECT municipality, series, year, number, act_date, case_id, template FROM journal "
        "ORDER BY id")]
    cases = [" ".join(str(x) for x in row) for row in conn.execute(
        "SELECT id, workflow, municipality, state, version FROM cases ORDER BY id")]
    conn.close()
    return {"journal": journal, "cases": cases}


# --- the demo, run and read -----------------------------------------------------------------

def run_demo(out: Path, lang: str) -> dict[str, Any]:
    """``muni demo --out OUT --lang LANG --json`` in-process, on the pinned day."""
    from click.testing import CliRunner

    from muni.cli import main

    result = CliRunner().invoke(main, ["demo", "--out", str(out), "--lang", lang, "--json"],
                                env={"MUNI_TODAY": TODAY, "MUNI_ACTOR": None,
                                     "MUNI_TEMPLATES": None}, catch_exceptions=False)
    if result.exit_code != 0:
        raise AssertionError(f"muni demo exited {result.exit_code}:\n{result.output}")
    return json.loads(result.stdout)


def observed(out: Path) -> dict[str, str]:
    """Every pinned file's expected content, by its path under ``tests/pins/demo/LANG``."""
    documents = out / "documents"
    files = {f"documents/{p.relative_to(documents)}.txt": document_text(p)
             for p in sorted(documents.rglob("*.docx"))}
    dump = {"audit": audit_records(out / "muni.db", documents), **registers(out / "muni.db")}
    files["records.json"] = json.dumps(dump, ensure_ascii=False, indent=1) + "\n"
    return files


def pinned(lang: str) -> dict[str, str]:
    root = PINS / lang
    return {str(p.relative_to(root)): p.read_text(encoding="utf-8")
            for p in sorted(root.rglob("*")) if p.is_file()}


def regenerate(work: Path) -> None:
    import shutil

    for lang in LANGS:
        out = work / lang
        run_demo(out, lang)
        target = PINS / lang
        shutil.rmtree(target, ignore_errors=True)
        for name, text in observed(out).items():
            path = target / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        print(f"wrote {target}")


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        regenerate(Path(tmp))
    sys.exit(0)
