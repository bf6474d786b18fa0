"""A case's recorded documents, checked against the record, and their PDF copies.

What a clerk needs after a step is the PDF of the signed order to print. The record is the
``.docx`` whose sha256 the audit log holds; a PDF is only trustworthy if it was made from
exactly those bytes. So before converting, each ``.docx`` is checked against its recorded hash:

* the file matches → convert it;
* the file is missing → render it again from the context stored in its audit record, and put it
  back only if the result has the recorded hash (same template, same data → same bytes);
* the file was changed (someone saved it from Word), or the re-render differs (the template
  changed since) → refuse, naming the file: its PDF would not be what was registered.

PDFs are written next to each ``.docx`` (``<name>.pdf``): derived copies, made again at will.
Each PDF made is recorded with its SHA-256 in the PDF log (``registry/pdfs.py``), tied to its
document and to the audit record of the step that issued it, so a signed PDF can be matched
to muni's record and ``verify`` can tell a PDF changed since. That log is the only thing
written to the registry here.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from muni.registry import cases, documents, pdfs
from muni.registry.db import Registry, write_transaction

from .advance import NUMBER_PLACEHOLDER
from .data import set_dotted, utc_now
from .errors import ConversionError, InputError, MuniError, NotFound, TemplateError
from .files import file_sha256, publish, sha256, write_part
from .pdf import convert, font_problem, pdf_path
from .render import TemplateStore
from .spec import load


def recorded(db: Registry, case_id: int, *, drafts: bool = True) -> list[dict]:
    """The case's documents in the order they were written, with the stored render context."""
    if cases.current(db, case_id) is None:
        raise NotFound(f"no case {case_id}", case=case_id)
    return [row for row in documents.for_case(db, case_id) if drafts or not row["draft"]]


def ensure(doc: dict, store: TemplateStore) -> str:
    """Make sure ``doc['path']`` holds the recorded bytes; returns ``"ok"`` or ``"restored"``.

    Raises ``InputError`` naming the file when it differs from the record or cannot be
    rebuilt exactly."""
    path = Path(doc["path"])
    found = file_sha256(path)
    if found == doc["sha256"]:
        return "ok"
    if found is not None:
        raise InputError(
            f"{path}: differs from the recorded document (sha256 {found[:12]}…, recorded "
            f"{doc['sha256'][:12]}…) — it was changed after registration; its PDF would not "
            "be the registered document", path=str(path))
    if doc["context"] is None:
        raise InputError(f"{path}: missing, and its audit record holds no context to render "
                         "it again", path=str(path))
    for data in _renditions(doc, store):
        if sha256(data) == doc["sha256"]:
            write_part(path, data)
            publish(path)
            return "restored"
    raise InputError(
        f"{path}: missing, and rendering it again from its audit record gives different "
        "bytes (the template changed since); restore the file from a backup",
        path=str(path))


def _renditions(doc: dict, store: TemplateStore) -> Iterator[bytes]:
    """The ways ``advance`` may have produced the bytes, most likely first: the same Jinja
    output zipped by one path or another compresses differently, and only identical bytes
    prove it is the registered document. Each is tried lazily; one that cannot run (the
    template changed shape) is skipped."""
    args = (doc["template"], doc["lang"], doc["municipality"])
    context = doc["context"]
    number_at = _number_at(doc)
    attempts: list[Callable[[], bytes]] = []
    placeholder = NUMBER_PLACEHOLDER
    if number_at and doc["number"] is not None:
        def with_hole() -> bytes:
            held = copy.deepcopy(context)
            set_dotted(held, number_at, placeholder)
            return store.finish(store.prerender(*args, held, placeholder), str(doc["number"]))
        attempts.append(with_hole)
    attempts.append(lambda: store.finish(store.prerender(*args, context)))
    attempts.append(lambda: store.render(*args, context))
    for attempt in attempts:
        try:
            yield attempt()
        except (AttributeError, TemplateError):
            continue


def _number_at(doc: dict) -> str | None:
    """Where the journal number sits in the context of ``doc``'s template (workflow file)."""
    try:
        workflow = load(doc["workflow"])
    except MuniError:
        return None
    for t in workflow.transitions:
        if t.trigger == doc["trigger"]:
            for d in t.documents:
                if d.template == doc["template"] and d.number_at:
                    return d.number_at
    return None


def render_cases(db: Registry, case_ids: Iterable[int], *, store: TemplateStore,
                 to_pdf: bool = False, drafts: bool = True, force: bool = False,
                 workers: int | None = None, soffice: str | None = None,
                 actor: str = "") -> dict[str, Any]:
    """Check (and restore) every recorded document of the cases; with ``to_pdf`` write the
    PDFs next to them in one batch and record each one's SHA-256 (``record_pdfs``, by
    ``actor``). An up-to-date PDF (newer than its ``.docx``) is kept unless ``force``.
    Returns ``{"documents": [...], "warnings": [...]}``."""
    docs: list[dict] = []
    for case_id in case_ids:
        docs.extend(recorded(db, case_id, drafts=drafts))
    problems: list[str] = []
    entries: list[dict[str, Any]] = []
    for doc in docs:
        try:
            status = ensure(doc, store)
        except InputError as exc:
            problems.append(exc.message)
            continue
        entries.append({"case": doc["case_id"], "template": doc["template"],
                        "lang": doc["lang"], "trigger": doc["trigger"], "draft": doc["draft"],
                        "number": doc["number"], "path": doc["path"], "sha256": doc["sha256"],
                        "status": status, "pdf": None})
    if problems:
        raise InputError(f"{len(problems)} recorded document(s) cannot be used",
                         details=problems)
    warnings: list[str] = []
    if to_pdf and entries:
        stale = [e["path"] for e in entries if force or not _fresh(Path(e["path"]))]
        convert([Path(p) for p in stale], workers=workers, soffice=soffice)
        for e in entries:
            e["pdf"] = str(pdf_path(Path(e["path"])))
            e["pdf_written"] = e["path"] in stale
        digests = record_pdfs(db, [(e["path"], e["pdf"]) for e in entries], actor=actor)
        for e in entries:
            e["pdf_sha256"] = digests.get(e["path"])
        problem = font_problem()
        if problem:
            warnings.append(problem)
    return {"documents": entries, "warnings": warnings}


def _fresh(docx: Path) -> bool:
    out = pdf_path(docx)
    return out.is_file() and out.stat().st_mtime >= docx.stat().st_mtime


def attach_pdfs(db: Registry, results: list[dict[str, Any]], *, actor: str,
                workers: int | None = None, soffice: str | None = None) -> None:
    """``advance --pdf``: convert the documents the steps in ``results`` (``StepResult.to_json``
    dicts) just wrote, in one batch, set each document's ``pdf`` and ``pdf_sha256``, and
    record the hashes (``record_pdfs``, by the step's ``actor``).

    The steps are committed by then; if LibreOffice fails, the error says so, so nobody
    re-runs the step — the PDFs can be made later with ``muni render CASE --pdf``."""
    docs = [d for r in results if not r.get("dry_run") for d in r["documents"] if d.get("path")]
    if not docs:
        return
    try:
        converted = convert([Path(d["path"]) for d in docs], workers=workers,
                                soffice=soffice)
    except ConversionError as exc:
        cases = " ".join(str(r["case"]) for r in results)
        raise ConversionError(
            f"{exc.message}; the step(s) are recorded and their .docx written — make the "
            f"PDFs with `muni render {cases} --pdf`", details=exc.details, **exc.extra
        ) from None
    by_docx = {str(c.docx): str(c.pdf) for c in converted}
    for d in docs:
        d["pdf"] = by_docx.get(str(Path(d["path"]).resolve()))
    digests = record_pdfs(db, [(d["path"], d["pdf"]) for d in docs if d["pdf"]], actor=actor)
    for d in docs:
        d["pdf_sha256"] = digests.get(d["path"])


def record_pdfs(db: Registry, made: list[tuple[str, str]], *, actor: str) -> dict[str, str]:
    """Record the SHA-256 of each PDF in ``made`` (``(docx path, pdf path)`` of recorded
    documents) in the PDF log, one write transaction for all; a PDF already recorded with
    the same hash is not recorded again. Returns ``{docx path: pdf sha256}``."""
    digests: dict[str, str] = {}
    rows = []
    for docx, pdf in made:
        digest = file_sha256(Path(pdf))
        document = pdfs.document_for(db, docx)
        if digest is None or document is None:
            continue
        digests[docx] = digest
        last = pdfs.latest(db, document["id"])
        if last is None or (last["sha256"], last["path"]) != (digest, pdf):
            rows.append((document, pdf, digest))
    if rows:
        now = utc_now()
        with write_transaction(db):
            for document, pdf, digest in rows:
                pdfs.append(db, document=document, at=now, actor=actor or "muni",
                            path=pdf, sha256=digest)
    return digests
