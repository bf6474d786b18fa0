"""``muni advance`` over many cases: select, prepare, commit in groups, resume.

    rows.py     batch files (CSV/YAML) → rows
    events.py   what a run reports: Started, one Outcome per row, Finished (the Summary)
    steps.py    one row step by step: prepare, commit in a group; ``classify`` an error
    pool.py     worker processes and the lock they take turns on


    select    case ids, ``--workflow/--state/--municipality/--all``, or a batch file (CSV or
              YAML; per row a case, optionally a trigger and data changes)
    prepare   per case and step: load it, choose the transition, evaluate the rules, render
              the documents up to their journal number (``advance.prerender``) — no lock
    commit    a group of up to ``GROUP`` prepared steps in one transaction, each through
              ``advance.commit_plan`` — the path a single ``muni advance`` takes — in its
              own savepoint (``advance.CommitGroup``): numbers, files, state, audit, this
              batch row's mark; one filesystem sync for the group's documents; COMMIT;
              rename. A failing step rolls back alone and gives its number back.

With ``jobs > 1`` the rows go in chunks to worker processes that prepare *and* commit; they
take turns on a lock shared by the run (one renders while the other commits). Journal
numbers are taken in commit order, so they stay gap-free however many processes work.

Each case goes one step (or, with ``until``, towards that state step by step) and stops at
its first failing rule; one case's failure never stops or undoes another's.

Resuming: every step marks its batch row (``registry.batches``) in its own transaction, so
after Ctrl-C, ``kill -9`` or a power cut the same command continues where it stopped:
``recover()`` first publishes or deletes what the crash left in the documents folder, then
rows already done are skipped. A selection is recorded with each case's version when the
run starts; a case someone else moves afterwards is skipped, not moved twice. Two batches
over the same cases at once therefore never take a step twice: the loser of each race finds
the case (or the row) changed under it and reports it as skipped.

Memory: cases are read a page at a time, a few chunks are in flight, and only the cases that
need attention (blocked, failed, skipped) are kept for the summary.

The engine never prints: ``run`` yields ``Started``, one ``Outcome`` per row and
``Finished`` (the summary); ``cli.py`` draws the progress bar and prints.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from muni.registry import batches, cases
from muni.registry.db import Registry

from ..actor import Actor
from ..advance import recover
from ..data import utc_now
from ..errors import InputError
from ..files import manifest
from ..plan import require_actor, same_person
from ..render import TemplateStore
from ..spec import all_workflows, load
from . import pool
from .events import (
    ADVANCED,
    BLOCKED,
    EXIT_BLOCKED,
    EXIT_FAILED,
    FAILED,
    SKIPPED,
    Event,
    Finished,
    Outcome,
    Started,
    Summary,
)
from .rows import Row, read_batch_file
from .steps import Batch, Settings, Work

__all__ = ["ADVANCED", "BLOCKED", "EXIT_BLOCKED", "EXIT_FAILED", "FAILED", "SKIPPED", "Event",
           "Finished", "Outcome", "Row", "Selection", "Started", "Summary", "read_batch_file",
           "run", "run_key"]


@dataclass(frozen=True)
class Selection:
    """Cases chosen by id and/or filters. Filters (without ids) are *broad*: a selected case
    that the step does not apply to is skipped rather than failed."""

    ids: tuple[int, ...] = ()
    workflow: str | None = None
    state: str | None = None
    municipality: str | None = None
    everything: bool = False

    @property
    def broad(self) -> bool:
        return not self.ids

    @property
    def empty(self) -> bool:
        return not (self.ids or self.workflow or self.state or self.municipality
                    or self.everything)

    def filter(self) -> cases.Filter:
        """The registry's filter for the selection; a broad selection leaves out cases in a
        final state."""
        exclude = tuple((wf.id, tuple(s.name for s in wf.states if s.final))
                        for wf in all_workflows().values()) if self.broad else ()
        return cases.Filter(ids=self.ids, workflow=self.workflow, state=self.state,
                            municipality=self.municipality, exclude=exclude)

    def describe(self) -> str:
        parts = [f"cases {', '.join(map(str, self.ids))}"] if self.ids else []
        parts += [f"--{c} {getattr(self, c)}" for c in ("workflow", "state", "municipality")
                  if getattr(self, c) is not None]
        return " ".join(parts) or "--all"


def run_key(selection: Selection, *, trigger: str | None, until: str | None, actor: Actor,
            lang: str | None, out_dir: Path) -> str:
    """What makes two selection commands "the same batch" (so the second resumes)."""
    options = {"ids": sorted(selection.ids), "workflow": selection.workflow,
               "state": selection.state, "municipality": selection.municipality,
               "all": selection.everything, "trigger": trigger, "until": until,
               "actor": same_person(actor.name), "lang": lang, "out": str(out_dir.resolve())}
    text = json.dumps(options, sort_keys=True, ensure_ascii=False)
    return "selection:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def run(db: Registry, source: Selection | Path, *, db_path: Path, actor: Actor,
        out_dir: Path, store: TemplateStore, today: dt.date | None = None,
        lang: str | None = None, trigger: str | None = None, until: str | None = None,
        jobs: int | None = None, dry_run: bool = False) -> Iterator[Event]:
    """Advance many cases; yields ``Started``, one ``Outcome`` per row, then ``Finished``.

    ``source``: a ``Selection`` or the path of a batch file. ``until``: go on to this state
    (default: one step). ``jobs``: processes that prepare, render and commit (default: the
    cores; a dry run renders nothing and uses one). ``dry_run``: evaluate every rule and
    report what would happen; write nothing (not even the batch's record).
    Stopping the iteration early (Ctrl-C) leaves the run resumable.
    """
    require_actor(actor)
    started = time.perf_counter()
    today = today or dt.date.today()
    jobs = pool.default_jobs() if jobs is None else max(1, jobs)
    if until is not None and not any(until in wf.state_names
                                     for wf in all_workflows().values()):
        raise InputError(f"--until: no workflow has a state '{until}'")
    selection = source if isinstance(source, Selection) else None
    file_rows: list[Row] = []
    if selection is not None:
        if selection.empty:
            raise InputError("name the cases: ids, --workflow, --state, --municipality, "
                             "--all or --batch FILE")
        if selection.workflow is not None:
            wf = load(selection.workflow)
            for name, value in (("--state", selection.state), ("--until", until)):
                if value is not None and value not in wf.state_names:
                    raise InputError(f"{name}: workflow '{wf.id}' has no state '{value}' "
                                     f"(states: {', '.join(wf.state_names)})")
        key = run_key(selection, trigger=trigger, until=until, actor=actor, lang=lang,
                      out_dir=out_dir)
        label = selection.describe()
    else:
        key, file_rows = read_batch_file(source)
        label = str(source)
    run_id = None
    resumed = False
    already_done = 0
    missing: list[int] = []
    if selection is not None and selection.ids:
        found = cases.existing(db, selection.ids)
        missing = [i for i in selection.ids if i not in found]
    if not dry_run:
        recover(db, out_dir)
        run_id, resumed = batches.find_or_open(
            db, key=key, kind="selection" if selection is not None else "file",
            source=label, actor=actor.name, now=utc_now(),
            snapshot=selection.filter() if selection is not None else None)
    works: Iterator[Work]
    if selection is not None:
        if dry_run:
            total = cases.count(db, selection.filter())
            works = (Work(Row(r["id"], f"case {r['id']}", r["id"]), 0, r["version"])
                     for r in cases.ids_and_versions(db, selection.filter()))
        else:
            total, already_done = batches.count_pending(db, run_id)
            works = (Work(Row(r["row"], f"case {r['case_id']}", r["case_id"]), r["steps"],
                           r["version"])
                     for r in batches.pending(db, run_id))
        total += len(missing)
    else:
        total = len(file_rows)
        works = _file_works(db, run_id, file_rows)
    jobs = jobs if jobs > 1 and not dry_run and total > pool.GROUP // 2 else 1
    settings = Settings(actor=actor, out_dir=out_dir, today=today, lang=lang,
                         trigger=trigger, until=until, dry_run=dry_run,
                         broad=selection is not None and selection.broad, run_id=run_id)
    summary = Summary(run_id=run_id, resumed=resumed, dry_run=dry_run, jobs=jobs,
                      already_done=already_done)
    yield Started(total=total, already_done=already_done, run_id=run_id, resumed=resumed,
                  jobs=jobs, dry_run=dry_run)
    for case_id in missing:
        outcome = Outcome(row=case_id, label=f"case {case_id}", case=case_id, status=FAILED,
                          message=f"no case {case_id}", error="not_found", dry_run=dry_run)
        summary.add(outcome)
        yield outcome
    batch = Batch(db, store, settings)
    try:
        for outcome in pool.drive(batch, works, db_path=db_path, jobs=jobs):
            summary.add(outcome)
            yield outcome
    finally:  # stopped, failed or done: this process's list of pending renames is empty
        manifest(out_dir).close()
    if run_id is not None:
        batches.finish(db, run_id, utc_now())
        recover(db, out_dir)  # the workers' manifests: their steps are renamed, so removed
    summary.elapsed_s = time.perf_counter() - started
    yield Finished(summary)


def _file_works(db: Registry, run_id: int | None,
                rows: list[Row]) -> Iterator[Work]:
    """The file's rows, each with how far this run already took it."""
    for row in rows:
        state = batches.row_state(db, run_id, row.row) if run_id is not None else None
        if state and state["done"]:
            yield Work(row, state["steps"], None, state=state["state"], done=True)
            continue
        steps = state["steps"] if state else 0
        yield Work(row, steps, state["version"] if state else None)
