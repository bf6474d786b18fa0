"""Batches running in the web process: each in a thread of its own, with its progress kept
in memory for the page that watches it (it reloads itself every two seconds; no script).

A batch is the engine's (``engine.batch.run``): recorded row by row, resumable, one case's
failure never stopping another's. If the web process stops, the run is interrupted like a
Ctrl-C; running the same batch again (from the page or ``muni advance``) continues it.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Job:
    id: str
    owner: str
    title: dict[str, str]
    total: int = 0
    done: int = 0
    summary: dict[str, Any] | None = None
    error: str | None = None
    outcomes: list[dict] = field(default_factory=list)

    @property
    def running(self) -> bool:
        return self.summary is None and self.error is None


class Jobs:
    """The batches of this process, by id (a random token: ids are not guessable)."""

    def __init__(self) -> None:
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    def start(self, owner: str, title: dict[str, str],
              events: Callable[[], Iterator[dict[str, Any]]]) -> Job:
        job = Job(id=secrets.token_urlsafe(12), owner=owner, title=title)
        with self._lock:
            self._jobs[job.id] = job
        threading.Thread(target=self._run, args=(job, events), daemon=True,
                         name=f"batch-{job.id}").start()
        return job

    def get(self, job_id: str, owner: str) -> Job | None:
        job = self._jobs.get(job_id)
        return job if job is not None and job.owner == owner else None

    @staticmethod
    def _run(job: Job, events: Callable[[], Iterator[dict[str, Any]]]) -> None:
        try:
            for event in events():
                if event["kind"] == "started":
                    job.total = event["total"]
                elif event["kind"] == "outcome":
                    job.done += 1
                    if event["status"] != "skipped":
                        job.outcomes.append(event)
                elif event["kind"] == "finished":
                    job.summary = event["summary"]
        except Exception as exc:  # noqa: BLE001 - shown on the batch's page, not lost
            job.error = f"{type(exc).__name__}: {exc}"
        else:
            if job.summary is None:
                job.error = "the batch ended without a summary"
