"""``muni review CASE --out FILE.html|.md``: one page a legal reviewer can read without muni.

Everything on the page comes from the audit log as recorded — the verdicts, the profile's
version, the documents' hashes — never re-evaluated on today's data, so the page shows what
the step was judged by. Live checks are added beside the record and labelled as such: does
each document's file still match its hash, does the profile still say the same, does
``verify`` find anything for this case, which deadlines were met.

The page is self-contained (inline CSS, no scripts, no external resources) so it can be
mailed or archived. Every value is escaped: names and case data are typed by people. The
page's HTML and Markdown are templates (``templates/html/review.{html,md}.j2``); this module
gathers the data (``review_data``, also what ``--json`` prints) and writes the file.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import urllib.parse
from pathlib import Path
from typing import Any

import jinja2

import muni.engine.cache as cache
from muni.registry.db import Registry

from .contexts import prepare
from .data import utc_now
from .errors import InputError
from .explain import deadlines, steps_until
from .files import write_atomic
from .plan import load_case
from .spec import PACKAGE_ROOT
from .verify import verify

FORMATS = ("html", "md")


def review_data(db: Registry, case_id: int, *, today: dt.date | None = None,
                lang: str = "en") -> dict[str, Any]:
    """Everything the page shows, as data (also what ``--json`` prints); the rules' titles,
    messages and bases and the deadlines in ``lang``."""
    on = today or dt.date.today()
    case, workflow = load_case(db, case_id)
    steps, _ = steps_until(db, case_id, workflow, None, lang)
    problems: list[str] = []
    try:  # the same deadlines `explain` shows; here a data problem is said, not skipped
        prepare(db, case, workflow, today=on)
    except InputError as exc:
        problems.append(f"deadlines cannot be computed: {exc}")
    dated = deadlines(db, case, workflow, on, lang=lang)
    documents = [{**d, "audit_id": s["audit_id"], "trigger": s["trigger"]}
                 for s in steps for d in s["documents"]]
    integrity = verify(db, case_id=case_id, other_records=False)
    state = workflow.state(case["state"])

    def title(value: dict[str, str]) -> str:
        return value.get(lang) or value.get("en") or value.get("ky") or ""

    return {
        "case": case["id"], "municipality": case["municipality"],
        "workflow": {"id": workflow.id, "title": title(workflow.title), "basis": workflow.basis,
                     "file": workflow.path.name},
        "state": {"name": state.name, "title": title(state.title), "final": state.final},
        "generated_at": utc_now(), "on": on.isoformat(),
        "timeline": [{**s, "title": title(s["title"]) if s["title"] else ""} for s in steps],
        "documents": documents, "deadlines": dated,
        "integrity": {"ok": integrity["ok"], "head": integrity["head"],
                      "findings": integrity["findings"]},
        "data": case["data"], "problems": problems,
    }


def link(path: str, page: Path) -> str:
    """A link from the page to a document: relative when they share a root (the archive can
    move as a whole), else a file:// URI."""
    target = Path(path)
    try:
        rel = os.path.relpath(target, page.resolve().parent)
    except ValueError:  # another drive
        return target.as_uri()
    return urllib.parse.quote(Path(rel).as_posix())


#: The page's sources, package data beside the .docx templates.
PAGES = PACKAGE_ROOT / "templates" / "html"


@functools.cache
def _page(fmt: str) -> jinja2.Template:
    """``review.html.j2`` (every value HTML-escaped) or ``review.md.j2`` (every value through
    ``|md``), compiled once per process."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(PAGES), autoescape=fmt == "html",
                             undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True, keep_trailing_newline=fmt == "md",
                             bytecode_cache=cache.jinja_bytecode())
    env.filters["md"] = md_escape
    return env.get_template(f"review.{fmt}.j2")


def md_escape(value: Any) -> str:
    """Text safe inside Markdown (tables included): no markup, no raw HTML, one line."""
    text = " ".join(str(value if value is not None else "").split())
    out = []
    for ch in text:
        if ch in "\\`*_{}[]<>#|~&":  # "(" ")" "!" only matter after "]" or before "["
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def render_markdown(r: dict[str, Any]) -> str:
    """The same page as Markdown: for wikis, tickets and plain-text archives."""
    return _page("md").render(r=r)


def write_review(db: Registry, case_id: int, out: Path, *,
                 fmt: str | None = None, today: dt.date | None = None,
                 lang: str = "en") -> dict[str, Any]:
    """Build the page and write it atomically to ``out``; the format follows the suffix."""
    fmt = fmt or {".html": "html", ".htm": "html", ".md": "md",
                  ".markdown": "md"}.get(out.suffix.lower())
    if fmt not in FORMATS:
        raise InputError(f"--out {out}: name an .html or .md file (or pass --format html|md)")
    r = review_data(db, case_id, today=today, lang=lang)
    for d in r["documents"]:
        d["href"] = link(d["path"], out)
        d["name"] = Path(d["path"]).name
    for s in r["timeline"]:
        for d in s["documents"]:
            d["href"] = link(d["path"], out)
            d["name"] = Path(d["path"]).name
    if fmt == "html":
        text = _page("html").render(r={**r, "data_json": json.dumps(
            r["data"], ensure_ascii=False, indent=2)})
    else:
        text = render_markdown(r)
    write_atomic(out, text.encode("utf-8"))
    altered = [d for d in r["documents"] if d["status"] != "ok"]
    return {"case": case_id, "path": str(out.resolve()), "format": fmt,
            "records": len(r["timeline"]), "documents": len(r["documents"]),
            "documents_ok": not altered, "integrity_ok": r["integrity"]["ok"],
            "findings": r["integrity"]["findings"]}
