"""What a batch reports, event by event: ``Started``, one ``Outcome`` per row, ``Finished``
with the ``Summary`` — plain data an interface shows as progress (``kind`` says which)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from ..errors import BATCH_BLOCKED_EXIT, BATCH_FAILED_EXIT

#: Exit status of ``muni advance`` in batch mode when some case failed (an error, not a rule),
#: and when, with ``--strict``, some case was stopped by a rule (and none failed).
EXIT_FAILED, EXIT_BLOCKED = BATCH_FAILED_EXIT, BATCH_BLOCKED_EXIT

ADVANCED, BLOCKED, FAILED, SKIPPED = "advanced", "blocked", "failed", "skipped"


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
