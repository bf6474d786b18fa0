"""The one path every workflow takes: a planned step (``plan.py``) committed atomically.

    plan()     load the case, evaluate the trigger's rules, build the documents' context —
               reads only (``engine/plan.py``). ``explain``, ``preview`` and ``--dry-run``
               stop there.
    advance()  render every document with a placeholder where its journal number goes
               (``prerender``: Jinja, the XML check, compression — no lock, any process); then
               BEGIN IMMEDIATE; check nobody moved the case meanwhile; take journal numbers;
               write them into the documents and each document to ``<name>.part`` (fsynced);
               move the state; append the audit record with the documents' hashes; COMMIT;
               then rename each ``.part`` to its name. Any failure before COMMIT rolls back
               and deletes the ``.part`` files: no state without its document, no number
               without its state. Batches (``engine/batch.py``) take the same path.

Before any ``.part`` file is written, its final path is listed in the process's manifest of
pending renames (``files.manifest``). A crash between COMMIT and the renames leaves committed
``.part`` files; ``recover()`` (run before every advance) renames exactly those, and deletes
the listed ``.part`` files of transactions that never committed — never a file muni did not
write, and without walking the documents folder.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import pickle
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from muni.registry import audit, cases, claims, documents, journal
from muni.registry.db import (
    Registry,
    begin,
    commit,
    rollback,
    savepoint,
    write_transaction,
)

from .actor import Actor
from .data import dotted, set_dotted, utc_now
from .errors import Conflict, GuardFailed, InputError, StateError
from .files import (
    anything_pending,
    discard,
    manifest,
    publish,
    recover_parts,
    sha256,
    sync_files,
    write_part,
)
from .machine import fire, restore
from .paths import inside
from .plan import Plan, evaluation, plan, refusal, require_actor
from .render import Rendition, TemplateStore, number_hole
from .spec import DocumentSpec

#: Where a document's journal number goes while it is rendered outside the write lock;
#: ``commit_plan`` writes the number over it. Markup that case data cannot produce (see
#: ``render.number_hole``).
NUMBER_PLACEHOLDER = number_hole()
#: The value the placeholder probe compares against (any number would do).
_PROBE_NUMBER = "4242"


@dataclass
class StepResult:
    case_id: int
    workflow: str
    trigger: str
    from_state: str
    to_state: str
    verdicts: list[dict]
    documents: list[dict] = field(default_factory=list)
    audit_id: int | None = None
    dry_run: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "case": self.case_id, "workflow": self.workflow, "trigger": self.trigger,
            "from": self.from_state, "to": self.to_state, "dry_run": self.dry_run,
            "audit_id": self.audit_id, "documents": self.documents, "guards": self.verdicts,
        }


def document_path(out_dir: Path, case: dict, step: int, plan_: Plan, template: str,
                  number: int | None, draft: bool) -> Path:
    """``<out>/<municipality>/<year>/case-<id>/<step>-<trigger>-<template>[-noN|-draft].<lang>.docx``"""
    tag = f"-no{number}" if number is not None else "-draft" if draft else ""
    name = f"{step:02d}-{plan_.transition.trigger}-{template}{tag}.{plan_.lang}.docx"
    return inside(out_dir, case["municipality"], str(plan_.prepared.act_date.year),
                  f"case-{case['id']}", name, what=f"the documents of case {case['id']}")


def advance(db: Registry, case_id: int, trigger: str | None = None, *,
            actor: Actor, out_dir: Path, store: TemplateStore, today: dt.date | None = None,
            lang: str | None = None, dry_run: bool = False) -> StepResult:
    """Take one lawful step; see the module docstring for the guarantees."""
    require_actor(actor)
    plan_ = plan(db, case_id, trigger, today=today, lang=lang, actor=actor)
    return commit_plan(db, plan_, actor=actor, out_dir=out_dir, store=store, dry_run=dry_run)


def ensure_unchanged(db: Registry, case: dict) -> None:
    """Raise ``Conflict`` when the case is no longer in the state and version it was
    planned from (another process stepped or edited it)."""
    row = cases.current(db, case["id"])
    if row is None or row != (case["state"], case["version"]):
        raise Conflict(f"case {case['id']} changed while this step was prepared (now in "
                       f"'{row[0] if row else '?'}'); run the command again", case=case["id"])


@dataclass
class Rendered:
    """One document of a step, rendered up to its journal number (``prerender``).

    ``rendition`` is None when the template does something with the number that a
    placeholder cannot stand for; ``commit_plan`` then renders it under the lock."""

    spec: DocumentSpec
    rendition: Rendition | None
    # what the audit records, number pending: as rendered (dates and all) — the record's
    # canonical JSON writes a date as ISO text, as ``jsonable`` would (``audit.canonical``)
    context: dict[str, Any]


#: Per process: can a template's ``number_at`` value be written over the placeholder?
_placeholder_ok: dict[tuple[Path, float, str], bool] = {}


def _numbered_context(plan_: Plan, d: DocumentSpec, number: str | None, *,
                      reads_only: bool = False) -> dict[str, Any]:
    """The step's context for document ``d``: with the journal number at ``d.number_at``. A
    document with ``number_at`` but no journal of its own (the protocol extract) quotes the
    number its step's numbered document takes.

    Each document has its own ``draft`` and number, set on its own mappings. A template
    that may change what it is given gets a whole copy (``_copy``); one that only reads
    (``CompiledTemplate.reads_only``) shares the rest with the step's context, copying only
    the mappings on the way to ``number_at``, where the number is written now or, under the
    lock, by ``commit_plan`` — a tenth of the copy's time."""
    if reads_only:
        context = _copied_along(plan_.prepared.context, d.number_at)
    else:
        context = _copy(plan_.prepared.context)
    context["draft"] = d.draft
    if d.number_at and number is not None:
        set_dotted(context, d.number_at, number)
    return context


def _copied_along(context: dict[str, Any], path: str | None) -> dict[str, Any]:
    """``context`` with its own top mapping and its own mappings along the dotted ``path``;
    everything else shared."""
    top = dict(context)
    inner = top
    for key in (path or "").split(".")[:-1]:
        found = inner.get(key)
        if not isinstance(found, dict):  # made, or refused, by ``set_dotted`` as on a copy
            break
        copied = dict(found)
        inner[key] = copied
        inner = copied
    return top


def _copy(context: dict[str, Any]) -> dict[str, Any]:
    """A document's own copy of the step's context (a template may change what it is given:
    the sandbox lets it call ``list.append``): through pickle, half the time of
    ``copy.deepcopy`` for this plain data; deepcopy for anything pickle refuses."""
    try:
        return pickle.loads(pickle.dumps(context, pickle.HIGHEST_PROTOCOL))
    except Exception:  # noqa: BLE001 — not plain data: copied the slow way
        return copy.deepcopy(context)


def _quotes_number(d: DocumentSpec) -> bool:
    """A document that prints the number another document of its step takes."""
    return d.number_at is not None and d.journal is None


def prerender(plan_: Plan, store: TemplateStore) -> list[Rendered]:
    """Everything about a step's documents that does not need the journal number: the
    expensive part, done before the write lock so parallel workers do not queue on it."""
    if plan_.transition.documents:  # a Russian document prints no Kyrgyz free text
        plan_.prepared.require_wording(plan_.lang, plan_.case["id"])
    out = []
    municipality = plan_.case["municipality"]
    for d in plan_.transition.documents:
        compiled = store.get(d.template, plan_.lang, municipality)
        number = NUMBER_PLACEHOLDER if d.journal else None
        context = _numbered_context(plan_, d, number, reads_only=compiled.reads_only)
        # what the audit records is what the template was given: one that may change it
        # renders from a copy of its own (re-rendered from the record, the same document)
        given = context if compiled.reads_only else _copy(context)
        rendition = None
        if d.journal:
            key = (compiled.path, compiled.stamp, d.number_at)
            if key not in _placeholder_ok:
                _placeholder_ok[key] = compiled.placeholder_stands_for(
                    _numbered_context(plan_, d, NUMBER_PLACEHOLDER), NUMBER_PLACEHOLDER,
                    _numbered_context(plan_, d, _PROBE_NUMBER), _PROBE_NUMBER)
            if _placeholder_ok[key]:
                rendition = compiled.prerender(given, NUMBER_PLACEHOLDER)
        elif not _quotes_number(d):
            rendition = compiled.prerender(given)
        out.append(Rendered(spec=d, rendition=rendition, context=context))
    return out


class CommitGroup:
    """Several steps under one ``BEGIN IMMEDIATE`` … ``COMMIT`` (batches).

    Each step runs in its own SAVEPOINT, so a step that fails rolls back alone and gives its
    journal number back; the others keep theirs, still gap-free. The documents of all steps
    are listed in the manifest, written and made durable by one filesystem sync just before
    the COMMIT, and renamed after it — the guarantees of a single advance, with the disk
    flushes (three per document, 3–6 ms each on a journalling filesystem) paid once per
    group. A write, sync or COMMIT that fails, or an interruption, discards every ``.part``
    of the group: none of its steps happened.
    """

    def __init__(self, db: Registry, out_dir: Path):
        self.db = db
        self.manifest = manifest(out_dir)
        self.staged: list[tuple[Path, bytes]] = []
        self.parts: list[Path] = []
        #: The verdict texts and the chain's last record the group's kept steps wrote.
        self.written = audit.Written()

    @contextlib.contextmanager
    def step(self) -> Iterator[Registry]:
        """One step's savepoint; what it wrote is the group's once it is kept."""
        try:
            with savepoint(self.db) as db:
                yield db
        except BaseException:
            self.written.forget()
            raise
        self.written.keep()

    def stage(self, documents: list[tuple[Path, bytes]]) -> None:
        """A step's documents ``(final path, bytes)``: written when the group commits."""
        self.staged += documents

    def __enter__(self) -> CommitGroup:
        begin(self.db)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *_: Any) -> bool:
        if exc_type is not None:
            self._abort()
            return False
        try:  # listed, then written, then synced, all before the COMMIT
            if self.staged:
                self.manifest.record(final for final, _ in self.staged)
            for final, data in self.staged:
                self.parts.append(write_part(final, data, sync=False))
            sync_files(self.parts)
            commit(self.db)
        except BaseException:
            self._abort()
            raise
        renamed = True
        for final, _ in self.staged:
            try:
                publish(final)
            except OSError:  # committed all the same: the next run's recover() renames it
                renamed = False
        if renamed:
            self.manifest.clear()
        else:
            self.manifest.abandon()
        return False

    def _abort(self) -> None:
        rollback(self.db)
        discard(self.parts)
        self.manifest.clear()


def commit_plan(db: Registry, plan_: Plan, *, actor: Actor, out_dir: Path,
                store: TemplateStore, dry_run: bool = False,
                rendered: list[Rendered] | None = None,
                within: Callable[[Registry, StepResult], None] | None = None,
                group: CommitGroup | None = None) -> StepResult:
    """Check, then write one step atomically (see the module docstring).

    ``rendered``: the step's documents from ``prerender`` when a worker process made them;
    otherwise they are rendered here, still before the lock. ``within(db, result)`` runs
    inside the transaction just before COMMIT, so whatever it writes (a batch recording
    that its row is done) commits or rolls back with the step; it may raise ``Conflict``.
    ``group``: commit with other steps (a batch); the group syncs, commits and renames.
    """
    case, t = plan_.case, plan_.transition
    require_actor(actor)  # here too, not only in advance(): batch runs call commit_plan
    refused = refusal(db, plan_, actor)  # the rule Engine.may_take shows: four eyes, who:
    if refused is not None:
        if isinstance(refused, StateError) and not dry_run:
            ensure_unchanged(db, case)  # a step someone took since the plan: a conflict
        raise refused
    verdicts = [v.to_record() for v in plan_.verdicts]
    model = restore(plan_.workflow, case["id"], case["state"],
                            allowed=lambda _trigger: plan_.allowed)
    if not fire(model, t.trigger):
        raise GuardFailed(f"case {case['id']}: '{t.trigger}' refused — "
                          + "; ".join(v.rule for v in plan_.verdicts if v.blocks),
                          verdicts=[v.to_json() for v in plan_.verdicts], case=case["id"],
                          trigger=t.trigger)
    result = StepResult(case_id=case["id"], workflow=plan_.workflow.id, trigger=t.trigger,
                        from_state=case["state"], to_state=model.state, verdicts=verdicts,
                        dry_run=dry_run)
    if dry_run:
        result.documents = [{"template": d.template, "lang": plan_.lang, "journal": d.journal,
                             "draft": d.draft} for d in t.documents]
        return result
    if rendered is None:
        rendered = prerender(plan_, store)

    written: list[Path] = []
    staged: list[tuple[Path, bytes]] = []
    listed = manifest(out_dir) if group is None else None
    now = utc_now()
    act_date = plan_.prepared.act_date.isoformat()
    try:
        with write_transaction(db) if group is None else group.step():
            # first, as a compare-and-set: nobody moved the case since the plan (else the
            # Conflict names the state it is in now); the rest of the step follows it
            if not cases.move(db, case["id"], from_state=case["state"], to_state=model.state,
                              version=case["version"], now=now):
                ensure_unchanged(db, case)
                raise Conflict(f"case {case['id']} was moved by another process",
                               case=case["id"])
            step = audit.count_for_case(db, case["id"])
            docs = []
            contexts = []
            step_number = None          # the number this step's journal gave
            for doc in rendered:
                d = doc.spec
                journal_id = number = None
                quoted = step_number if _quotes_number(d) else None
                if d.journal:
                    journal_id, number = journal.register(
                        db, municipality=case["municipality"], series=d.journal,
                        act_date=act_date, case_id=case["id"], template=d.template,
                        registered_at=now)
                    step_number = step_number or number
                    set_dotted(doc.context, d.number_at, str(number))
                elif quoted is not None:
                    set_dotted(doc.context, d.number_at, str(quoted))
                if doc.rendition is not None:
                    data = store.finish(doc.rendition, "" if number is None else str(number))
                else:
                    shown = number if number is not None else quoted
                    data = store.render(d.template, plan_.lang, case["municipality"],
                                        _numbered_context(plan_, d, None if shown is None
                                                          else str(shown)))
                final = document_path(out_dir, case, step, plan_, d.template, number, d.draft)
                staged.append((final, data))
                docs.append({"template": d.template, "lang": plan_.lang,
                             "path": str(final), "sha256": sha256(data),
                             "journal": d.journal, "number": number, "journal_id": journal_id,
                             "draft": d.draft})
                contexts.append(doc.context)
            claim(db, plan_)
            audit_id = audit.append(
                db, case_id=case["id"], at=now, actor=actor.name, trigger=t.trigger,
                identity=actor.audit_fields(), written=None if group is None else group.written,
                from_state=case["state"], to_state=model.state, profile=plan_.profile.id,
                guards=verdicts, data={"case": case["data"], "documents": contexts,
                                       "evaluation": evaluation(plan_)},
                documents=[{k: doc[k] for k in ("template", "path", "sha256", "number")}
                           for doc in docs],
            )
            for doc in docs:
                documents.add(db, case_id=case["id"], audit_id=audit_id,
                              template=doc["template"], lang=doc["lang"],
                              journal_id=doc["journal_id"], path=doc["path"],
                              sha256=doc["sha256"], draft=doc["draft"])
            result.audit_id = audit_id
            result.documents = [{k: v for k, v in doc.items() if k != "journal_id"}
                                for doc in docs]
            if within is not None:
                within(db, result)
            if listed is not None and staged:  # listed, then written, all before COMMIT
                listed.record(final for final, _ in staged)
                for final, data in staged:
                    written.append(write_part(final, data))
    except BaseException:
        discard(written)
        if listed is not None:
            listed.close()
        raise
    if group is not None:
        group.stage(staged)
    elif listed is not None and staged:
        try:
            for final, _ in staged:
                publish(final)
        except BaseException:
            listed.abandon()  # committed: recover() renames what is left
            raise
        listed.close()
    return result


def claim(db: Registry, plan_: Plan) -> None:
    """Record the step's unique values (``claims`` in the workflow) under the registry's
    UNIQUE constraint — the guard that checks them ran before the lock; this is the line
    that holds when two processes race."""
    case = plan_.case
    for key, path in plan_.transition.claims:
        value = dotted(case["data"], path)
        if value in (None, ""):
            raise InputError(f"{path}: required for '{plan_.transition.trigger}'", field=path)
        holder = claims.claim(db, key, str(value), case["id"])
        if holder is not None:
            verdict = {"rule": f"claim.{key}", "ok": False, "severity": "block",
                       "message": f"{path} {value} is already recorded for case {holder}",
                       "title": f"{key} values are unique", "basis": "registry constraint",
                       "verified": True, "profile": plan_.profile.id, "params": {}}
            raise GuardFailed(f"case {case['id']}: '{plan_.transition.trigger}' refused — "
                              f"claim.{key}", verdicts=[verdict], case=case["id"],
                              trigger=plan_.transition.trigger)


def recover(db: Registry, out_dir: Path) -> dict[str, int]:
    """Finish or undo what a crash left in ``out_dir`` (``files.recover_parts``): rename the
    committed ``.part`` files a crashed process listed, delete its uncommitted ones — never
    a file muni did not write, and without walking the documents folder. Takes the write
    lock only when some manifest is there; under it no live step is between its ``.part``
    files and its COMMIT."""
    if not anything_pending(out_dir):
        return {"published": 0, "deleted": 0}
    with write_transaction(db):
        return recover_parts(out_dir, lambda final: documents.known_path(db, str(final)))
