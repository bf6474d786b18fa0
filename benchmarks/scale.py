"""``python -m benchmarks --scale N``: muni at the size of a district, an oblast, a country.

Builds N working-group cases across ~N/200 municipalities, takes them all through the
working-group procedure in one batch per step, then measures at that size what a clerk and a
reviewer meet: one ``muni advance CASE``, ``muni status`` (and how soon the first row of
``status --json`` and ``journal`` is out), ``muni explain``, ``muni verify`` with its peak
memory, and the registry's bytes on disk. Every command is a whole process, timed ``runs``
times; the load average is printed before and after. The test suite never runs this.
"""

from __future__ import annotations

import time
from pathlib import Path

from . import clerk, fixtures
from .measure import (
    MUNI,
    Figure,
    env_for,
    json_row_ends,
    loadavg,
    ms,
    say,
    timed,
)
from .throughput import procedure


def journal_row(line: str) -> bool:
    return "№" in line


def main(work: Path, cases: int, *, runs: int, jobs: int) -> None:
    cache = work / "pycache"
    say(f"muni at scale: {cases} cases, in {work}")
    say(f"load average before: {loadavg()}")
    started = time.perf_counter()
    db = fixtures.build_cases(work / "registry", cases)
    municipalities = len(fixtures.municipalities(db))
    say(f"registry: {cases} working-group cases in {municipalities} municipalities "
        f"(built in {time.perf_counter() - started:.0f} s)")

    docs, steps, elapsed, done = procedure(db, jobs, cache)
    wall = sum(r.wall_s for r in done)
    say(f"batch, the whole procedure (3 commands, --jobs {jobs}): {docs} documents, {steps} "
        f"steps in {elapsed:.1f} s ({wall:.1f} s whole process): {docs / elapsed:.1f} "
        f"documents/s ({docs / wall:.1f} whole process); peak RSS "
        f"{max(r.rss_mb for r in done):.0f} MB (largest process)")
    say(f"load average after the batch: {loadavg()}")

    env = env_for(db, "clerk", cache)
    ids = fixtures.open_more(db, runs + 1)
    single = clerk.advance_each(db, cache, ids)
    say(f"advance one case: {single.median:.0f} ms (min {single.low:.0f}, max "
        f"{single.high:.0f}; {runs} runs)")
    status = ms(timed([MUNI, "status"], env, runs))
    say(f"status: {status.median:.0f} ms (min {status.low:.0f}, max {status.high:.0f}; "
        f"{runs} runs)")
    for label, cmd, row in (("status --json", [MUNI, "status", "--json"], json_row_ends),
                            ("journal", [MUNI, "journal"], journal_row)):
        listed = timed(cmd, env, runs, first_row=row)
        first = Figure.of([(r.first_row_s or r.wall_s) * 1000 for r in listed])
        say(f"{label}: first row {first.show('.0f', ' ms')}, all rows "
            f"{ms(listed).show('.0f', ' ms')}")
    middle = fixtures.case_ids(db)[cases // 2]
    say(f"explain: {ms(timed([MUNI, 'explain', str(middle)], env, runs)).show('.0f', ' ms')}")

    verified = timed([MUNI, "verify", "--json"], env, runs, warmup=0)
    seconds = Figure.of([r.wall_s for r in verified])
    rss = Figure.of([r.rss_mb for r in verified])
    say(f"verify: {seconds.median:.1f} s, peak RSS {rss.median:.0f} MB (min {seconds.low:.1f}"
        f"–max {seconds.high:.1f} s, {rss.low:.0f}–{rss.high:.0f} MB; {runs} runs)")

    fixtures.checkpoint_file(db)
    size = fixtures.size_on_disk(db)
    tables = fixtures.table_bytes(db)
    total = len(fixtures.case_ids(db))
    say(f"registry on disk: {size / 1e6:.1f} MB for {total} cases: "
        f"{size / total * 1000 / 1e6:.2f} MB per 1,000 cases")
    say("  by table, bytes per case: " + ", ".join(
        f"{name} {size_ / total:.0f}" for name, size_ in
        sorted(tables.items(), key=lambda kv: -kv[1])[:5]))
    files, folder = fixtures.folder_bytes(db.parent / "documents")
    say(f"documents folder: {files} files, {folder / 1e6:.1f} MB")
    say(f"load average after: {loadavg()}")
