"""One row of a batch, step by step: prepare (plan and render, no lock, any process), then
commit in a group; what an error means for the row is decided in one place, ``classify``."""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from muni.registry import batches
from muni.registry.db import Registry, file_error, write_transaction
from muni.registry.directory import Remembered, remembering

from ..actor import Actor
from ..advance import CommitGroup, Rendered, StepResult, commit_plan, ensure_unchanged, prerender
from ..data import deep_merge, jsonable, utc_now
from ..errors import (
    Conflict,
    Forbidden,
    GuardFailed,
    MuniError,
    StateError,
    WriteFailed,
    from_registry_file,
)
from ..identity import append_refusal
from ..intake import check_references, update_case, validate
from ..plan import Plan, check_four_eyes, choose_transition, load_case, plan_transition
from ..render import TemplateStore
from ..spec import Workflow, load
from ..verdicts import refusal_lines
from .events import ADVANCED, BLOCKED, FAILED, SKIPPED, Outcome
from .rows import Row


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
    trigger: str | None = None        # the step refused (``blocked``), for the attempts log


def classify(exc: BaseException, case_id: int | None = None,
             lang: str | None = None) -> _Problem:
    """What an error that stopped one step means for its row — the one place that decides,
    for preparing and committing alike: a rule refused it (``blocked``, naming the rules:
    the failing ones, or four eyes; each failing rule's message and basis in ``lang``,
    default English), someone else moved the case meanwhile (``moved``), or it failed
    (``error``, with the error's kind; an unexpected exception is named by its type, and by
    the case when known)."""
    if isinstance(exc, GuardFailed):
        failing = tuple(v["rule"] for v in exc.verdicts
                        if not v["ok"] and v["severity"] == "block")
        return _Problem("blocked", exc.message, rules=failing,
                        details=tuple(refusal_lines(exc.verdicts, lang or "en")))
    if isinstance(exc, Conflict):
        return _Problem("moved", exc.message)
    if isinstance(exc, StateError) and exc.extra.get("rule") == "four_eyes":
        return _Problem("blocked", exc.message, rules=("four_eyes",))
    if isinstance(exc, Forbidden):       # the account may not take this step (who:)
        return _Problem("blocked", exc.message, rules=(str(exc.extra.get("rule") or "who"),))
    if isinstance(exc, MuniError):
        return _Problem("error", exc.message, error=exc.kind, details=tuple(exc.details))
    where = f"case {case_id}: " if case_id is not None else ""
    return _Problem("error", f"{where}{type(exc).__name__}: {exc}")


def stops_the_batch(exc: BaseException, db: Registry) -> MuniError | None:
    """The error that stops the whole batch when ``exc`` is about the machine, not the case:
    a document that could not be written (the disk full), or the registry's file full,
    locked past the busy timeout or read-only — every case after would fail alike. The
    groups committed before stay; the same command continues once the machine is fixed."""
    if isinstance(exc, WriteFailed):
        return exc
    problem = file_error(exc, db.path or "the registry")
    return from_registry_file(problem) if problem is not None else None


def _prepare(db: Registry, store: TemplateStore, task: _Task) -> _Ready | _Problem:
    """Plan one step and render its documents: reads only, so any process may do it."""
    transition = None
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
                transition = workflow.first_step_toward(case["state"], task.until)
            else:
                transition = choose_transition(workflow, case, task.trigger)
        except StateError as exc:
            message = exc.message if exc.message.startswith("case ") else \
                f"case {case['id']}: {exc.message}"
            return _Problem("not_applicable", message, error="state", state=case["state"])
        plan_ = plan_transition(db, case, workflow, transition, today=task.today,
                                    lang=task.lang, actor=task.actor)
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
    except Exception as exc:  # a bug or a broken registry: this case fails, the batch goes on
        return replace(classify(exc, lang=task.lang),
                       trigger=transition.trigger if transition is not None else None)


def _refused(prepared: _Ready | _Problem) -> bool:
    """A step a rule, four eyes or ``who:`` refused: it goes to the attempts log."""
    return isinstance(prepared, _Problem) and prepared.kind == "blocked"


@dataclass
class Work:
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
class Settings:
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


class Batch:
    """Advances rows, a chunk at a time, in whichever process holds it."""

    def __init__(self, db: Registry, store: TemplateStore, settings: Settings,
                 lock: Any = None):
        # each municipality's documents of the batch with one version of each form
        self.db, self.store, self.s = db, store.pinned(), settings
        self.directory = Remembered()
        self.lock = lock if lock is not None else contextlib.nullcontext()

    # -- one row, step by step --

    def begin(self, work: Work) -> Outcome | None:
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

    def _simulate_update(self, work: Work) -> None:
        case, workflow = load_case(self.db, work.row.case_id)
        data = deep_merge(case["data"], jsonable(work.row.data))
        validate(workflow, data)
        check_references(self.db, workflow, {**case, "data": data})
        if data != case["data"]:
            work.case = {**case, "data": data, "version": case["version"] + 1}
            work.version = work.case["version"]
            work.prepared_by_actor = True

    def task(self, work: Work) -> _Task:
        first = not work.taken and work.steps == 0
        return _Task(case_id=work.row.case_id,
                     trigger=(work.row.trigger or self.s.trigger) if first else None,
                     until=self.s.until, version=work.version, today=self.s.today,
                     lang=self.s.lang, actor=self.s.actor, render=not self.s.dry_run,
                     case=work.case, prepared_by_actor=work.prepared_by_actor,
                     run_id=self.s.run_id, row=work.row.row, steps=work.steps)

    def commit(self, work: Work, prepared: _Ready | _Problem,
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
        except Exception as exc:
            stop = stops_the_batch(exc, self.db)
            if stop is not None:  # a full disk: the next case would fail alike
                raise stop from None
            problem = replace(classify(exc, plan_.case["id"], self.s.lang),
                              trigger=plan_.transition.trigger)
            if problem.kind == "moved":  # committed by another process meanwhile
                return self._outcome(work, SKIPPED, f"{problem.message} — done by another "
                                     "process")
            return self._problem(work, problem)
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

    def _marker(self, work: Work, plan_: Plan):
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

    def _problem(self, work: Work, p: _Problem) -> Outcome:
        if p.state is not None:
            work.state = p.state
        if p.kind == "blocked":
            if not self.s.dry_run:  # in the group's transaction (``commit_group``)
                append_refusal(self.db, self.s.actor, action=p.trigger or "advance",
                               refused_by=", ".join(p.rules) or "blocked",
                               message=p.message, case_id=work.row.case_id)
            return self._outcome(work, BLOCKED, p.message, rules=list(p.rules),
                                 details=list(p.details))
        if p.kind == "reached" and work.taken:
            return self._outcome(work, ADVANCED)
        if p.kind in ("moved", "reached") or (p.kind == "not_applicable" and self.s.broad):
            return self._outcome(work, SKIPPED, p.message)
        return self._outcome(work, FAILED, p.message, error=p.error, details=list(p.details))

    def _outcome(self, work: Work, status: str, message: str | None = None, *,
                 rules: list[str] | None = None, error: str | None = None,
                 details: list[str] | None = None) -> Outcome:
        return Outcome(row=work.row.row, label=work.row.label, case=work.row.case_id,
                       status=status, state=work.state, steps=work.taken, rules=rules or [],
                       message=message, error=error if status == FAILED else None,
                       details=list(details or []), dry_run=self.s.dry_run)

    # -- a chunk of rows --

    def advance_chunk(self, works: list[Work]) -> list[Outcome]:
        """Take every row of the chunk as far as asked, one step of each at a time: prepare
        the steps (no lock), then commit them as one group under the lock — so a worker
        renders while another commits, and one disk sync serves the whole group."""
        outcomes: list[Outcome] = []
        pending = works
        while pending:
            group = self._prepare_group(pending)
            pending = []
            for work, outcome in self.commit_group(group):
                if outcome is None:
                    pending.append(work)
                else:
                    outcomes.append(outcome)
        return outcomes

    def _prepare_group(self, works: list[Work]) -> list[tuple[Work, _Ready | _Problem]]:
        """``_prepare`` each row's next step, the directory's rows remembered from the
        groups before while no other process changed the registry: looked at once a group
        (``directory.remembering``), so a group is planned from the directory as it was when
        the group began, or later — another process's change is seen from the next group
        on, as if it had been made a moment later."""
        with remembering(self.db, self.directory):
            return [(work, _prepare(self.db, self.store, self.task(work))) for work in works]

    def commit_group(self, group: list[tuple[Work, _Ready | _Problem]]
                     ) -> list[tuple[Work, Outcome | None]]:
        """One transaction for the group, a savepoint per step (``advance.CommitGroup``)."""
        if self.s.dry_run:
            return [(work, self.commit(work, prepared)) for work, prepared in group]
        if not any(isinstance(prepared, _Ready) for _, prepared in group):
            if not any(_refused(prepared) for _, prepared in group):
                return [(work, self.commit(work, prepared)) for work, prepared in group]
            with self.lock, write_transaction(self.db):  # the refusals, one transaction
                return [(work, self.commit(work, prepared)) for work, prepared in group]
        saved = [(work, work.checkpoint()) for work, _ in group]
        results = []
        try:
            with self.lock, CommitGroup(self.db, self.s.out_dir) as commit_group:
                for work, prepared in group:
                    results.append((work, self.commit(work, prepared, commit_group)))
        except Exception as exc:  # the COMMIT itself failed: none of these steps happened
            for work, snapshot in saved:
                work.restore(snapshot)
            stop = stops_the_batch(exc, self.db)
            if stop is not None:
                raise stop from None
            failed = []
            for work, _ in saved:
                failed.append((work, self._outcome(
                    work, FAILED, f"{work.row.label}: not committed ({type(exc).__name__}: "
                    f"{exc}); run the command again", error="error")))
            return failed
        return results
