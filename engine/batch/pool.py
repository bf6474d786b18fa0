"""A batch's rows in worker processes: chunks go to ``jobs`` workers that prepare *and*
commit, taking turns on a lock shared by the run, so one renders while another commits."""

from __future__ import annotations

import concurrent.futures
import contextlib
import multiprocessing
import os
import signal
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from muni.registry import db as regdb

from ..errors import MuniError
from ..render import TemplateStore
from .events import Outcome
from .steps import Batch, Settings, Work

#: Steps committed together at most (one transaction, one disk sync): enough to pay the
#: flushes once for many documents, few enough to hold the write lock for well under 0.1 s.
GROUP = 32


_WORKER: dict[str, Batch] = {}


def _init_worker(db_path: str, store: TemplateStore, settings: Settings, lock: Any,
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
    _WORKER["batch"] = Batch(regdb.connect(db_path), store, settings, lock)


def _advance_in_worker(works: list[Work]) -> list[Outcome]:
    return _WORKER["batch"].advance_chunk(works)


def drive(batch: Batch, works: Iterator[Work], *, db_path: Path, jobs: int
           ) -> Iterator[Outcome]:
    """Cut the rows into chunks and advance them here (one job) or in ``jobs`` workers.

    Workers commit their own groups, taking turns on a lock shared by the run's processes
    (blocking in the kernel, not in SQLite's sleep-and-retry busy handler), so one renders
    while the other commits. Rows of one case (a batch file may name a case twice) never
    run at the same time, and go in file order.
    """
    if jobs == 1:
        chunk: list[Work] = []
        in_chunk: set[int | None] = set()
        for work in works:
            if work.row.case_id in in_chunk:
                yield from batch.advance_chunk(chunk)
                chunk, in_chunk = [], set()
            outcome = batch.begin(work)
            if outcome is not None:
                yield outcome
                continue
            chunk.append(work)
            in_chunk.add(work.row.case_id)
            if len(chunk) >= GROUP:
                yield from batch.advance_chunk(chunk)
                chunk, in_chunk = [], set()
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
        batch.lock = contextlib.nullcontext()


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)
