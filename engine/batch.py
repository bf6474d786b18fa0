"""``muni advance`` over many cases: select, prepare, commit in groups, resume.

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

import concurrent.futures
import datetime as dt
import hashlib
import json
import multiprocessing
import os
import signal
import time
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import muni.engine.inputs as inputs
import muni.engine.spreadsheets as spreadsheets
from muni.registry import batches, cases
from muni.registry import db as regdb
from muni.registry.db import Registry

from .actor import Actor
from .advance import (
    CommitGroup,
    Rendered,
    StepResult,
    commit_plan,
    ensure_unchanged,
    prerender,
    recover,
)
from .data import deep_merge, jsonable, set_dotted, utc_now
from .errors import (
    BATCH_BLOCKED_EXIT,
    BATCH_FAILED_EXIT,
    Conflict,
    GuardFailed,
    InputError,
    MuniError,
    StateError,
)
from .intake import check_references, update_case, validate
from .plan import (
    Plan,
    check_four_eyes,
    choose_transition,
    load_case,
    plan_transition,
    require_actor,
    same_person,
)
from .render import TemplateStore
from .spec import TransitionSpec, Workflow, all_workflows, load

#: Exit status of ``muni advance`` in batch mode when some case failed (an error, not a rule),
#: and when, with ``--strict``, some case was stopped by a rule (and none failed).
EXIT_FAILED, EXIT_BLOCKED = BATCH_FAILED_EXIT, BATCH_BLOCKED_EXIT

ADVANCED, BLOCKED, FAILED, SKIPPED = "advanced", "blocked", "failed", "skipped"
#: Steps committed together at most (one transaction, one disk sync): enough to pay the
#: flushes once for many documents, few enough to hold the write lock for well under 0.1 s.
GROUP = 32


# --- what to do --------------------------------------------------------------------------------

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


# --- what happened -----------------------------------------------------------------------------

@dataclass
class Outcome:
    """What one row came to. ``status``: advanced (got as far as asked), blocked (a rule
    stopped it — ``rules`` says which), failed (an error), skipped (nothing to do)."""

    kind: ClassVar[str] = "outcome"

    row: int
    label: str
    case: int | None
    status: str
    state: str | None = None               # where the case is now
    steps: list[dict] = field(default_factory=list)   # the steps this invocation took
    rules: list[str] = field(default_factory=list)
    message: str | None = None
    error: str | None = None               # the error's kind, for failed rows
    details: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def documents(self) -> int:
        return sum(len(s["documents"]) for s in self.steps)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"row": self.row, "label": self.label, "case": self.case,
                               "status": self.status, "state": self.state,
                               "steps": self.steps}
        if self.status == BLOCKED:
            out["rules"] = self.rules
        if self.status != ADVANCED:
            out["message"] = self.message
            out["details"] = self.details
        if self.status == FAILED:
            out["error"] = self.error
        return out


@dataclass(frozen=True)
class Started:
    """The first event: how much there is to do (for a progress bar)."""

    kind: ClassVar[str] = "started"

    total: int              # rows this invocation goes through
    already_done: int       # rows an earlier, interrupted invocation of the run completed
    run_id: int | None      # None for a dry run (nothing is recorded)
    resumed: bool
    jobs: int
    dry_run: bool


@dataclass
class Summary:
    """Counts, and the rows that need attention; advanced rows are only counted, so a run
    over 100,000 cases keeps no more than a run over 100 (when they go through)."""

    run_id: int | None
    resumed: bool
    dry_run: bool
    jobs: int
    already_done: int = 0
    rows: int = 0
    advanced: int = 0
    steps: int = 0
    documents: int = 0
    blocked: list[dict] = field(default_factory=list)
    failed: list[dict] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)
    elapsed_s: float = 0.0

    def add(self, o: Outcome) -> None:
        self.rows += 1
        self.steps += len(o.steps)
        self.documents += o.documents
        if o.status == ADVANCED:
            self.advanced += 1
            return
        entry = o.to_json()
        entry.pop("steps")
        entry["steps_taken"] = len(o.steps)
        {BLOCKED: self.blocked, FAILED: self.failed, SKIPPED: self.skipped}[o.status].append(
            entry)

    def exit_code(self, strict: bool = False) -> int:
        """0; ``EXIT_FAILED`` when a case failed; ``EXIT_BLOCKED`` when, with ``strict``, a
        rule stopped one. Blocked cases are normal business (the rules did their job), so
        only ``--strict`` makes them an error."""
        if self.failed:
            return EXIT_FAILED
        if strict and self.blocked:
            return EXIT_BLOCKED
        return 0

    def to_json(self) -> dict[str, Any]:
        return {"run": self.run_id, "resumed": self.resumed, "dry_run": self.dry_run,
                "jobs": self.jobs, "already_done": self.already_done, "rows": self.rows,
                "advanced": self.advanced, "blocked": self.blocked, "failed": self.failed,
                "skipped": self.skipped, "steps": self.steps, "documents": self.documents,
                "elapsed_s": round(self.elapsed_s, 3)}


@dataclass(frozen=True)
class Finished:
    """The last event (not sent when the run was interrupted)."""

    kind: ClassVar[str] = "finished"

    summary: Summary


Event = Started | Outcome | Finished


# --- preparing a step (in any process) ---------------------------------------------------------

@dataclass(frozen=True)
class _Task:
    """What preparing one step needs besides the registry and the templates."""

    case_id: int
    trigger: str | None
    until: str | None
    version: int | None
    today: dt.date
    lang: str | None
    actor: Actor
    render: bool
    case: dict | None = None          # a dry run's simulated case, instead of the registry's
    prepared_by_actor: bool = False   # a dry run: the actor changed the case in this run
    run_id: int | None = None         # with ``row`` and ``steps``: where the run's record is
    row: int = 0
    steps: int = 0


@dataclass(frozen=True)
class _Ready:
    """A planned step, with its documents rendered up to the journal number (None when the
    rules refuse it, or in a dry run)."""

    plan: Plan
    rendered: list[Rendered] | None


@dataclass(frozen=True)
class _Problem:
    """Why a step could not be prepared. ``kind``: moved / reached / not_applicable (the
    step does not apply to the case) / blocked (four eyes) / error."""

    kind: str
    message: str
    error: str = "error"
    details: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    state: str | None = None


def step_toward(workflow: Workflow, state: str, target: str) -> TransitionSpec:
    """The first transition of the shortest way from ``state`` to ``target``.

    Raises ``StateError`` when the target cannot be reached from here, or when two
    different steps lead there equally fast (the user must name the trigger)."""
    frontier = {state: set[str]()}
    seen = {state}
    while frontier:
        nxt: dict[str, set[str]] = {}
        for s, firsts in frontier.items():
            for t in workflow.transitions_from(s):
                via = firsts or {t.trigger}
                if t.dest not in seen:
                    nxt.setdefault(t.dest, set()).update(via)
        if target in nxt:
            firsts = nxt[target]
            if len(firsts) > 1:
                raise StateError(f"several steps lead from '{state}' to '{target}' ("
                                 f"{', '.join(sorted(firsts))}); name one with --trigger")
            return next(t for t in workflow.transitions_from(state) if t.trigger in firsts)
        seen |= set(nxt)
        frontier = nxt
    raise StateError(f"'{target}' cannot be reached from '{state}' in workflow "
                     f"'{workflow.id}'")


def _prepare(db: Registry, store: TemplateStore, task: _Task) -> _Ready | _Problem:
    """Plan one step and render its documents: reads only, so any process may do it."""
    try:
        if task.case is not None:
            case, workflow = task.case, load(task.case["workflow"])
        else:
            case, workflow = load_case(db, task.case_id)
        if task.run_id is not None:  # read after the case: a row that moved on since then
            row = batches.row_state(db, task.run_id, task.row)  # means the case is stale
            if row is not None and row["steps"] != task.steps:
                return _Problem("moved", f"case {case['id']}: applied by another process "
                                "running the same batch", state=row["state"])
        if task.version is not None and case["version"] != task.version:
            return _Problem("moved", f"case {case['id']} was changed by someone else since "
                            f"this batch selected it (now in '{case['state']}')",
                            state=case["state"])
        if task.until is not None:
            if task.until not in workflow.state_names:
                return _Problem("error", f"case {case['id']}: workflow '{workflow.id}' has no "
                                f"state '{task.until}'", error="state", state=case["state"])
            if case["state"] == task.until:
                return _Problem("reached", f"case {case['id']} is already in '{task.until}'",
                                state=case["state"])
        try:
            if task.until is not None and task.trigger is None:
                transition = step_toward(workflow, case["state"], task.until)
            else:
                transition = choose_transition(workflow, case, task.trigger)
        except StateError as exc:
            message = exc.message if exc.message.startswith("case ") else \
                f"case {case['id']}: {exc.message}"
            return _Problem("not_applicable", message, error="state", state=case["state"])
        plan_ = plan_transition(db, case, workflow, transition, today=task.today,
                                    lang=task.lang)
        if transition.four_eyes and task.prepared_by_actor:
            return _Problem("blocked", f"case {case['id']}: '{transition.trigger}' needs a "
                            f"second person — '{task.actor.name}' prepared this step earlier in "
                            "this run", rules=("four_eyes",), state=case["state"])
        rendered = None
        if plan_.allowed and task.render:
            if task.case is None:  # refused: no need to render
                try:
                    check_four_eyes(db, plan_, task.actor)
                except StateError:
                    ensure_unchanged(db, case)  # or the step was taken meanwhile
                    raise
            rendered = prerender(plan_, store)
        return _Ready(plan=plan_, rendered=rendered)
    except Conflict as exc:
        return _Problem("moved", exc.message)
    except StateError as exc:
        if exc.extra.get("rule") == "four_eyes":
            return _Problem("blocked", exc.message, rules=("four_eyes",))
        return _Problem("error", exc.message, error=exc.kind, details=tuple(exc.details))
    except MuniError as exc:
        return _Problem("error", exc.message, error=exc.kind, details=tuple(exc.details))
    except Exception as exc:  # a bug or a broken registry: this case fails, the batch goes on
        return _Problem("error", f"{type(exc).__name__}: {exc}")


# --- the run -----------------------------------------------------------------------------------

@dataclass
class _Work:
    """One row on its way: how far it got. Plain data, so chunks of rows go to workers."""

    row: Row
    steps: int                         # steps the run has taken for this row, all invocations
    version: int | None                # the version the next step must start from
    taken: list[dict] = field(default_factory=list)
    case: dict | None = None           # dry run: the simulated case
    prepared_by_actor: bool = False    # dry run: the actor changed the case in this run
    state: str | None = None
    done: bool = False                 # an earlier invocation of the run completed the row

    def checkpoint(self) -> tuple:
        return (self.steps, self.version, len(self.taken), self.case, self.prepared_by_actor,
                self.state)

    def restore(self, saved: tuple) -> None:
        self.steps, self.version, taken, self.case, self.prepared_by_actor, self.state = saved
        del self.taken[taken:]


@dataclass(frozen=True)
class _Settings:
    """What every step of the run shares (sent once to each worker)."""

    actor: Actor
    out_dir: Path
    today: dt.date
    lang: str | None
    trigger: str | None
    until: str | None
    dry_run: bool
    broad: bool                        # a selection by filters: "does not apply" is a skip
    run_id: int | None = None


class _NoLock:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *_: Any) -> None:
        return None


class _Batch:
    """Advances rows, a chunk at a time, in whichever process holds it."""

    def __init__(self, db: Registry, store: TemplateStore, settings: _Settings,
                 lock: Any = None):
        self.db, self.store, self.s = db, store, settings
        self.lock = lock if lock is not None else _NoLock()

    # -- one row, step by step --

    def begin(self, work: _Work) -> Outcome | None:
        """Data changes, then ready to prepare (None) — or already an outcome."""
        row = work.row
        if work.done:
            return self._outcome(work, SKIPPED, f"{row.label}: already applied by run "
                                 f"#{self.s.run_id}")
        if row.problem:
            return self._outcome(work, FAILED, f"{row.label}: {row.problem}", error="input")
        if row.data and work.steps == 0:
            try:
                if self.s.dry_run:
                    self._simulate_update(work)
                else:  # a no-op when a crashed earlier invocation already applied it
                    with self.lock:
                        update_case(self.db, row.case_id, row.data, actor=self.s.actor)
            except MuniError as exc:
                return self._outcome(work, FAILED, f"{row.label}: {exc.message}",
                                     error=exc.kind, details=exc.details)
        return None

    def _simulate_update(self, work: _Work) -> None:
        case, workflow = load_case(self.db, work.row.case_id)
        data = deep_merge(case["data"], jsonable(work.row.data))
        validate(workflow, data)
        check_references(self.db, workflow, {**case, "data": data})
        if data != case["data"]:
            work.case = {**case, "data": data, "version": case["version"] + 1}
            work.version = work.case["version"]
            work.prepared_by_actor = True

    def task(self, work: _Work) -> _Task:
        first = not work.taken and work.steps == 0
        return _Task(case_id=work.row.case_id,
                     trigger=(work.row.trigger or self.s.trigger) if first else None,
                     until=self.s.until, version=work.version, today=self.s.today,
                     lang=self.s.lang, actor=self.s.actor, render=not self.s.dry_run,
                     case=work.case, prepared_by_actor=work.prepared_by_actor,
                     run_id=self.s.run_id, row=work.row.row, steps=work.steps)

    def commit(self, work: _Work, prepared: _Ready | _Problem,
               group: CommitGroup | None = None) -> Outcome | None:
        """Take the prepared step; None when the row wants another step."""
        if isinstance(prepared, _Problem):
            return self._problem(work, prepared)
        plan_ = prepared.plan
        work.state = plan_.case["state"]
        within = self._marker(work, plan_) if self.s.run_id is not None else None
        try:
            result = commit_plan(self.db, plan_, actor=self.s.actor,
                                     out_dir=self.s.out_dir, store=self.store,
                                     dry_run=self.s.dry_run, rendered=prepared.rendered,
                                     within=within, group=group)
        except GuardFailed as exc:
            failing = [v["rule"] for v in exc.verdicts if not v["ok"] and
                       v["severity"] == "block"]
            return self._outcome(work, BLOCKED, exc.message, rules=failing,
                                 details=exc.details)
        except Conflict as exc:
            return self._outcome(work, SKIPPED, f"{exc.message} — done by another process")
        except StateError as exc:
            if exc.extra.get("rule") == "four_eyes":
                return self._outcome(work, BLOCKED, exc.message, rules=["four_eyes"])
            return self._outcome(work, FAILED, exc.message, error=exc.kind,
                                 details=exc.details)
        except MuniError as exc:
            return self._outcome(work, FAILED, exc.message, error=exc.kind,
                                 details=exc.details)
        except Exception as exc:  # e.g. disk full: this case fails, the batch goes on
            return self._outcome(work, FAILED, f"case {plan_.case['id']}: "
                                 f"{type(exc).__name__}: {exc}", error="error")
        work.taken.append({"trigger": result.trigger, "from": result.from_state,
                           "to": result.to_state, "audit_id": result.audit_id,
                           "documents": [{k: d.get(k) for k in ("template", "number", "path")
                                          if k in d} for d in result.documents]})
        work.state = result.to_state
        work.steps += 1
        work.version = plan_.case["version"] + 1
        if self.s.dry_run:
            work.case = {**plan_.case, "state": result.to_state, "version": work.version}
            work.prepared_by_actor = True
        if self._done(plan_.workflow, result.to_state):
            return self._outcome(work, ADVANCED)
        return None

    def _done(self, workflow: Workflow, state: str) -> bool:
        return self.s.until is None or state == self.s.until or workflow.state(state).final

    def _marker(self, work: _Work, plan_: Plan):
        steps_before = work.steps

        def mark(db: Registry, result: StepResult) -> None:
            if not batches.mark_step(
                    db, run_id=self.s.run_id, row=work.row.row, case_id=plan_.case["id"],
                    steps_before=steps_before, state=result.to_state,
                    version=plan_.case["version"] + 1,
                    done=self._done(plan_.workflow, result.to_state), now=utc_now()):
                raise Conflict(f"{work.row.label}: applied by another process meanwhile",
                               case=plan_.case["id"])
        return mark

    def _problem(self, work: _Work, p: _Problem) -> Outcome:
        if p.state is not None:
            work.state = p.state
        if p.kind == "blocked":
            return self._outcome(work, BLOCKED, p.message, rules=list(p.rules))
        if p.kind == "reached" and work.taken:
            return self._outcome(work, ADVANCED)
        if p.kind in ("moved", "reached") or (p.kind == "not_applicable" and self.s.broad):
            return self._outcome(work, SKIPPED, p.message)
        return self._outcome(work, FAILED, p.message, error=p.error, details=list(p.details))

    def _outcome(self, work: _Work, status: str, message: str | None = None, *,
                 rules: list[str] | None = None, error: str | None = None,
                 details: list[str] | None = None) -> Outcome:
        return Outcome(row=work.row.row, label=work.row.label, case=work.row.case_id,
                       status=status, state=work.state, steps=work.taken, rules=rules or [],
                       message=message, error=error if status == FAILED else None,
                       details=list(details or []), dry_run=self.s.dry_run)

    # -- a chunk of rows --

    def advance_chunk(self, works: list[_Work]) -> list[Outcome]:
        """Take every row of the chunk as far as asked, one step of each at a time: prepare
        the steps (no lock), then commit them as one group under the lock — so a worker
        renders while another commits, and one disk sync serves the whole group."""
        outcomes: list[Outcome] = []
        pending = works
        while pending:
            group = [(work, _prepare(self.db, self.store, self.task(work)))
                     for work in pending]
            pending = []
            for work, outcome in self.commit_group(group):
                if outcome is None:
                    pending.append(work)
                else:
                    outcomes.append(outcome)
        return outcomes

    def commit_group(self, group: list[tuple[_Work, _Ready | _Problem]]
                     ) -> list[tuple[_Work, Outcome | None]]:
        """One transaction for the group, a savepoint per step (``advance.CommitGroup``)."""
        if self.s.dry_run:
            return [(work, self.commit(work, prepared)) for work, prepared in group]
        if not any(isinstance(prepared, _Ready) for _, prepared in group):
            return [(work, self.commit(work, prepared)) for work, prepared in group]
        saved = [(work, work.checkpoint()) for work, _ in group]
        results = []
        try:
            with self.lock, CommitGroup(self.db) as commit_group:
                for work, prepared in group:
                    results.append((work, self.commit(work, prepared, commit_group)))
        except Exception as exc:  # the COMMIT itself failed: none of these steps happened
            failed = []
            for work, snapshot in saved:
                work.restore(snapshot)
                failed.append((work, self._outcome(
                    work, FAILED, f"{work.row.label}: not committed ({type(exc).__name__}: "
                    f"{exc}); run the command again", error="error")))
            return failed
        return results


_WORKER: dict[str, _Batch] = {}


def _init_worker(db_path: str, store: TemplateStore, settings: _Settings, lock: Any,
                 parent: int) -> None:
    """In a worker process: Ctrl-C is for the parent (it stops the pool after the chunks
    under way), the worker dies with the parent (``kill -9`` must not leave workers
    behind), and it has its own registry connection."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:
        os._exit(0)
    _WORKER["batch"] = _Batch(regdb.connect(db_path), store, settings, lock)


def _advance_in_worker(works: list[_Work]) -> list[Outcome]:
    return _WORKER["batch"].advance_chunk(works)


def _drive(batch: _Batch, works: Iterator[_Work], *, db_path: Path, jobs: int
           ) -> Iterator[Outcome]:
    """Cut the rows into chunks and advance them here (one job) or in ``jobs`` workers.

    Workers commit their own groups, taking turns on a lock shared by the run's processes
    (blocking in the kernel, not in SQLite's sleep-and-retry busy handler), so one renders
    while the other commits. Rows of one case (a batch file may name a case twice) never
    run at the same time, and go in file order.
    """
    if jobs == 1:
        chunk: list[_Work] = []
        for work in works:
            if any(w.row.case_id == work.row.case_id for w in chunk):
                yield from batch.advance_chunk(chunk)
                chunk = []
            outcome = batch.begin(work)
            if outcome is not None:
                yield outcome
                continue
            chunk.append(work)
            if len(chunk) >= GROUP:
                yield from batch.advance_chunk(chunk)
                chunk = []
        if chunk:
            yield from batch.advance_chunk(chunk)
        return

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    lock = context.Lock()
    batch.lock = lock
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker,
                               initargs=(str(db_path), batch.store, batch.s, lock, os.getpid()))
    in_flight: dict[Future, set[int | None]] = {}
    chunk = []
    size = max(1, GROUP // 2)  # two workers alternate: half a group renders, half commits

    def settle(wait_for: Any) -> Iterator[Outcome]:
        done, _ = concurrent.futures.wait(in_flight, return_when=wait_for)
        for future in done:
            in_flight.pop(future)
            try:
                yield from future.result()
            except BrokenProcessPool:
                raise MuniError("a worker process died (out of memory?); nothing of its "
                                "unfinished cases was written — run the same command again "
                                "to continue") from None

    def submit() -> Iterator[Outcome]:
        nonlocal chunk
        while len(in_flight) >= 2 * jobs:
            yield from settle(concurrent.futures.FIRST_COMPLETED)
        in_flight[pool.submit(_advance_in_worker, chunk)] = {w.row.case_id for w in chunk}
        chunk = []

    try:
        for work in works:
            case_id = work.row.case_id
            if any(w.row.case_id == case_id for w in chunk):
                yield from submit()
            while any(case_id in cases for cases in in_flight.values()):
                yield from settle(concurrent.futures.FIRST_COMPLETED)
            outcome = batch.begin(work)
            if outcome is not None:
                yield outcome
                continue
            chunk.append(work)
            if len(chunk) >= size:
                yield from submit()
        if chunk:
            yield from submit()
        while in_flight:
            yield from settle(concurrent.futures.FIRST_COMPLETED)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        batch.lock = _NoLock()


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


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
    jobs = default_jobs() if jobs is None else max(1, jobs)
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
    works: Iterator[_Work]
    if selection is not None:
        if dry_run:
            total = cases.count(db, selection.filter())
            works = (_Work(Row(r["id"], f"case {r['id']}", r["id"]), 0, r["version"])
                     for r in cases.ids_and_versions(db, selection.filter()))
        else:
            total, already_done = batches.count_pending(db, run_id)
            works = (_Work(Row(r["row"], f"case {r['case_id']}", r["case_id"]), r["steps"],
                           r["version"])
                     for r in batches.pending(db, run_id))
        total += len(missing)
    else:
        total = len(file_rows)
        works = _file_works(db, run_id, file_rows)
    jobs = jobs if jobs > 1 and not dry_run and total > GROUP // 2 else 1
    settings = _Settings(actor=actor, out_dir=out_dir, today=today, lang=lang,
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
    batch = _Batch(db, store, settings)
    for outcome in _drive(batch, works, db_path=db_path, jobs=jobs):
        summary.add(outcome)
        yield outcome
    if run_id is not None:
        batches.finish(db, run_id, utc_now())
    summary.elapsed_s = time.perf_counter() - started
    yield Finished(summary)


def _file_works(db: Registry, run_id: int | None,
                rows: list[Row]) -> Iterator[_Work]:
    """The file's rows, each with how far this run already took it."""
    for row in rows:
        state = batches.row_state(db, run_id, row.row) if run_id is not None else None
        if state and state["done"]:
            yield _Work(row, state["steps"], None, state=state["state"], done=True)
            continue
        steps = state["steps"] if state else 0
        yield _Work(row, steps, state["version"] if state else None)
