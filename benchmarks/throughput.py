"""The default run: muni's batch against raw docxtpl and against the floor, its scaling over
two processes, its memory as the batch grows, how fast ``status`` and ``explain`` answer on a
large registry, a clerk's single commands, and PDF copies.

Every side — muni ``--jobs 1``, muni ``--jobs 2``, raw docxtpl, the floor, the floor with
muni's XML check — runs the same number of times, in rounds (one run of each side per round,
so a neighbour's burst falls on every side alike), each in its own process. For each side the
median and the spread of the in-process figure (muni's ``elapsed_s``, the others' rendering
loop) are printed, and beside it the whole process's wall time and CPU time. The ratios are
taken between medians of in-process figures.
"""

from __future__ import annotations

import json
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from . import clerk, fixtures
from .measure import MUNI, Figure, Run, env_for, loadavg, ms, run, say, timed

#: Where ``python -m benchmarks.raw`` and ``.floor`` are importable from.
ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Side:
    """One side's runs: documents per run, and per run its in-process seconds, whole-process
    wall seconds, CPU seconds and peak RSS."""

    name: str
    documents: int = 0
    steps: int = 0
    seconds: list[float] | None = None
    wall: list[float] | None = None
    cpu: list[float] | None = None
    rss: list[float] | None = None

    def add(self, documents: int, seconds: float, runs: list[Run], steps: int = 0) -> None:
        if self.seconds is None:
            self.seconds, self.wall, self.cpu, self.rss = [], [], [], []
        assert self.wall is not None and self.cpu is not None and self.rss is not None
        self.documents, self.steps = documents, steps
        self.seconds.append(seconds)
        self.wall.append(sum(r.wall_s for r in runs))
        self.cpu.append(sum(r.cpu_s for r in runs))
        self.rss.append(max(r.rss_mb for r in runs))

    def per_doc(self, values: list[float] | None) -> Figure:
        return Figure.of([v * 1000 / self.documents for v in values or []])

    @property
    def docs_per_s(self) -> Figure:
        return Figure.of([self.documents / s for s in self.seconds or []])

    @property
    def whole_docs_per_s(self) -> Figure:
        return Figure.of([self.documents / s for s in self.wall or []])

    @property
    def ms_per_doc(self) -> Figure:
        return self.per_doc(self.seconds)

    def report(self) -> list[str]:
        steps = f", {self.steps} steps" if self.steps else ""
        wall = self.whole_docs_per_s
        return [
            f"{self.name}: {self.documents} documents{steps} a run",
            f"  in-process:    {self.docs_per_s.show(unit=' docs/s')}, "
            f"{self.ms_per_doc.median:.2f} ms/doc",
            f"  whole process: {wall.show(unit=' docs/s')}, "
            f"{self.per_doc(self.wall).median:.2f} ms/doc; "
            f"CPU {self.per_doc(self.cpu).show('.2f', ' ms/doc')}; "
            f"peak RSS {Figure.of(self.rss or []).median:.0f} MB",
        ]


def procedure(db_path: Path, jobs: int, cache: Path) -> tuple[int, int, float, list[Run]]:
    """The three batches of the procedure over every case: documents, steps, muni's own
    elapsed seconds, and the three processes."""
    docs = steps = 0
    elapsed = 0.0
    runs = []
    for actor, until in fixtures.PROCEDURE:
        done = run([MUNI, "advance", "--workflow", "working_group", "--until", until,
                    "--jobs", str(jobs), "--json"], env_for(db_path, actor, cache)).check()
        summary = json.loads(done.stdout)
        assert not summary["failed"] and not summary["blocked"], summary
        docs += summary["documents"]
        steps += summary["steps"]
        elapsed += summary["elapsed_s"]
        runs.append(done)
    return docs, steps, elapsed, runs


def child(module: str, *args: str, cache: Path) -> tuple[dict, Run]:
    """``python -m benchmarks.<module> ARGS``: its printed summary and the process."""
    done = run([sys.executable, "-m", f"benchmarks.{module}", *args],
               env_for(None, "clerk", cache), cwd=ROOT).check()
    return json.loads(done.stdout.splitlines()[-1]), done


MEASURE_RSS_CASES = 100  # cases per municipality in the large registry


def peak_rss(db_path: Path, cache: Path) -> tuple[float, dict]:
    """Peak RSS (MB) of one batch (the drafting step, one process) over every case."""
    done = run([MUNI, "advance", "--workflow", "working_group", "--jobs", "1", "--json"],
               env_for(db_path, "clerk", cache)).check()
    summary = json.loads(done.stdout)
    assert summary["advanced"] and not summary["failed"], summary
    return done.rss_mb, summary


ENGINE_ANSWERS = """
import datetime as dt, json, sys, time
t0 = time.perf_counter()
from muni.engine import explain
from muni.registry import cases
from muni.registry import db as regdb
t1 = time.perf_counter()
db = regdb.connect(sys.argv[1])
case = int(sys.argv[2])
t2 = time.perf_counter()
explain.explain(db, case, today=dt.date(2026, 11, 21))
t3 = time.perf_counter()
cases.count_by_state(db)
cases.select(db, limit=50, newest_first=True)
t4 = time.perf_counter()
rows = cases.select(db)
t5 = time.perf_counter()
print(json.dumps({"import_ms": (t1 - t0) * 1000, "explain_ms": (t3 - t2) * 1000,
                  "status_ms": (t4 - t3) * 1000, "status_all_ms": (t5 - t4) * 1000,
                  "rows": len(rows)}))
"""


def answers(db_path: Path, cache: Path, runs: int) -> dict:
    """``status`` and ``explain`` on the large registry: the engine, and the CLI process."""
    ids = fixtures.case_ids(db_path)
    middle = ids[len(ids) // 2]
    env = env_for(db_path, "clerk", cache)
    engine = [json.loads(r.stdout) for r in timed(
        [sys.executable, "-c", ENGINE_ANSWERS, str(db_path), str(middle)], env, runs)]
    return {
        "case": middle, "rows": engine[0]["rows"],
        **{k: Figure.of([e[k] for e in engine])
           for k in ("import_ms", "explain_ms", "status_ms", "status_all_ms")},
        "cli_status": ms(timed([MUNI, "status"], env, runs)),
        "cli_status_json": ms(timed([MUNI, "status", "--json"], env, runs)),
        "cli_explain": ms(timed([MUNI, "explain", str(middle)], env, runs)),
    }


def main(work: Path, *, quick: bool, runs: int) -> None:
    cases, big = (200, 2000) if quick else (1000, 10000)
    cache = work / "pycache"
    say(f"muni benchmarks ({'quick' if quick else 'full'}) in {work}")
    say(f"cpus: {len(__import__('os').sched_getaffinity(0))}, load average before: "
        f"{loadavg()}")
    # compile every module the children import, so no side pays for it in its first run
    run([sys.executable, "-c", "import muni.cli, muni.engine.batch, docxtpl, benchmarks.floor,"
         " benchmarks.raw"], env_for(None, "clerk", cache), cwd=ROOT).check()

    base = fixtures.build(work / "base", cases // 10, 10)
    say(f"registry: {cases} working-group cases in {cases // 10} municipalities; every side "
        f"runs {runs} times, in rounds")
    sides = {name: Side(name) for name in ("muni --jobs 1", "muni --jobs 2", "raw docxtpl",
                                            "floor", "floor + XML check")}
    contexts = work / "jobs1-0" / "muni.db"
    # Every run writes into a folder of its own, removed only once all are timed: on this
    # machine's disk (ext4 mounted with ``discard``) a batch that wrote where the run before
    # had just deleted 2,000 documents ran 10–20 % slower, and grew slower run after run —
    # a side was charged for whichever side deleted before it.
    written: list[Path] = []
    for i in range(runs):
        for jobs in (1, 2):
            db_path = fixtures.clone(base, work / f"jobs{jobs}-{i}")
            docs, steps, elapsed, done = procedure(db_path, jobs, cache)
            sides[f"muni --jobs {jobs}"].add(docs, elapsed, done, steps)
            if (jobs, i) != (1, 0):  # the first run's registry feeds the others
                written.append(db_path.parent)
        for side, module, extra in (("raw docxtpl", "raw", ()), ("floor", "floor", ()),
                                    ("floor + XML check", "floor", ("--xml-check",))):
            out = work / f"{module}-{'x' if extra else ''}{i}"
            summary, done_run = child(module, str(contexts), str(out), *extra, cache=cache)
            sides[side].add(summary["documents"], summary["seconds"], [done_run])
            written.append(out)
        say(f"round {i + 1} of {runs} done (load average {loadavg()})")
    for folder in written:
        shutil.rmtree(folder)
    for side in sides.values():
        for line in side.report():
            say(line)
    one, two = sides["muni --jobs 1"], sides["muni --jobs 2"]
    raw, floor, floor_xml = sides["raw docxtpl"], sides["floor"], sides["floor + XML check"]

    small_rss, _ = peak_rss(fixtures.build(work / "rss-small", cases // 10, 10), cache)
    big_db = fixtures.build(work / "rss-big", big // MEASURE_RSS_CASES, MEASURE_RSS_CASES)
    big_rss, big_summary = peak_rss(big_db, cache)
    say(f"peak RSS of one batch (one process): {cases} cases {small_rss:.1f} MB, "
        f"{big} cases {big_rss:.1f} MB ({big_summary['documents']} documents in "
        f"{big_summary['elapsed_s']:.1f} s: "
        f"{big_summary['documents'] / big_summary['elapsed_s']:.1f} docs/s)")

    a = answers(big_db, cache, runs)
    say(f"on {a['rows']} cases — engine (median of {runs}): explain "
        f"{a['explain_ms'].median:.1f} ms, status (counts + 50 newest) "
        f"{a['status_ms'].median:.1f} ms, every row {a['status_all_ms'].median:.1f} ms; "
        f"imports {a['import_ms'].median:.0f} ms")
    say(f"on {a['rows']} cases — whole process: muni status {a['cli_status'].show('.0f', ' ms')}"
        f", muni status --json (all rows) {a['cli_status_json'].show('.0f', ' ms')}, "
        f"muni explain {a['case']} {a['cli_explain'].show('.0f', ' ms')}")

    demo, login = clerk.demo_registry(work, cache)
    figures = clerk.commands(demo, cache, runs, municipality="lipenka", work=work, login=login)
    say(f"clerk commands on the demo registry (whole process, median of {runs}): "
        + clerk.show_commands(figures))

    pdf_cases = fixtures.case_ids(contexts, 5 if quick else 25)
    pdf_docs, pdf_rate, pdf_cpu = clerk.pdf(contexts, cache, pdf_cases, runs)
    say(f"muni render --pdf, {pdf_docs} documents (whole process): "
        f"{pdf_rate.show(unit=' docs/s')}; per CPU-second: {pdf_cpu.show(unit=' docs')}")

    say(f"load average after: {loadavg()}")
    say(f"ratio jobs2/jobs1: {two.docs_per_s.median / one.docs_per_s.median:.2f}")
    say(f"ratio rss {big}/{cases}: {big_rss / small_rss:.2f}")
    say(f"ratio batch/raw (whole process): "
        f"{one.whole_docs_per_s.median / raw.whole_docs_per_s.median:.2f}")
    say(f"floor + XML check: {floor_xml.ms_per_doc.median / floor.ms_per_doc.median:.2f}"
        " × the floor")
    say(f"floor ratio (CPU): {one.per_doc(one.cpu).median / floor.per_doc(floor.cpu).median:.2f}")
    say(f"floor ratio: {one.ms_per_doc.median / floor.ms_per_doc.median:.2f}")
    say(f"ratio batch/raw: {one.docs_per_s.median / raw.docs_per_s.median:.2f}")

