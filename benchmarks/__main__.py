"""``python -m benchmarks [--quick]``: muni's batch throughput against raw docxtpl, its
scaling over two processes, its memory as the batch grows, and how fast ``status`` and
``explain`` answer on a large registry.

Every muni figure is measured through the real command (``muni advance …`` in a child
process, the way a district clerk runs it) on a registry of many copies of the sample
municipality; the engine's own elapsed time (reported by ``--json``) is used for the ratios,
the process's wall time is printed beside it. The raw docxtpl baseline renders *the same
documents* — the contexts muni recorded in its audit log — the plain way: load the template,
render, save, for each document, with the same Jinja environment (autoescape,
StrictUndefined, muni's filters).

The machine may be shared: the load average is printed before and after; rerun when it was
high.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MUNI = str(Path(sys.executable).with_name("muni"))
TODAY = "2026-11-21"
#: The working-group procedure in three batches: who runs it, and up to which state.
PROCEDURE = (("clerk", "order_drafted"), ("head", "order_registered"), ("clerk", "group_working"))


def say(line: str) -> None:
    print(line, flush=True)


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def build(directory: Path, municipalities: int, per: int) -> Path:
    """A registry of ``municipalities`` copies of the sample, ``per`` cases each."""
    from muni.engine import sample
    from muni.registry import db as regdb

    directory.mkdir(parents=True, exist_ok=True)
    db_path = directory / "muni.db"
    db = regdb.connect(db_path, create=True)
    sample.copy_municipalities(db, municipalities, directory)
    sample.open_cases(db, sample_codes(db), per)
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return db_path


def sample_codes(db) -> list[str]:
    return [r[0] for r in db.execute("SELECT code FROM municipalities ORDER BY code")]


def clone(db_path: Path, directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / "muni.db"
    shutil.copyfile(db_path, target)
    return target


def env_for(db_path: Path, actor: str, cache: Path) -> dict[str, str]:
    env = {**os.environ, "MUNI_DB": str(db_path), "MUNI_TODAY": TODAY, "MUNI_ACTOR": actor,
           "PYTHONPYCACHEPREFIX": str(cache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a real install has its .pyc files
    return env


def muni(db_path: Path, actor: str, cache: Path, *args: str) -> tuple[dict, float]:
    """Run ``muni advance … --json``; returns its summary and the process's wall time."""
    started = time.perf_counter()
    done = subprocess.run([MUNI, "advance", *args, "--json"], capture_output=True, text=True,
                          env=env_for(db_path, actor, cache))
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"muni advance {' '.join(args)} failed ({done.returncode}):\n"
                         f"{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return json.loads(done.stdout), wall


def procedure(db_path: Path, jobs: int, cache: Path) -> dict:
    """The three batches of the procedure over every case; documents and times."""
    docs = steps = 0
    engine = wall = 0.0
    for actor, until in PROCEDURE:
        summary, w = muni(db_path, actor, cache, "--workflow", "working_group", "--until",
                          until, "--jobs", str(jobs))
        assert not summary["failed"] and not summary["blocked"], summary
        docs += summary["documents"]
        steps += summary["steps"]
        engine += summary["elapsed_s"]
        wall += w
    return {"documents": docs, "steps": steps, "engine_s": engine, "wall_s": wall,
            "docs_per_s": docs / engine}


def raw_docxtpl(db_path: Path, out: Path, limit: int | None = None) -> dict:
    """Load, render, save with docxtpl for each document muni wrote (its audit contexts)."""
    from docxtpl import DocxTemplate

    from muni.engine.render import TemplateStore, make_environment

    store = TemplateStore()
    env = make_environment()
    con = sqlite3.connect(db_path)
    jobs = []
    for data, documents in con.execute("SELECT data, documents FROM audit WHERE documents != "
                                       "'[]' ORDER BY id"):
        contexts = json.loads(data)["documents"]
        for doc, context in zip(json.loads(documents), contexts, strict=True):
            lang = doc["path"].rsplit(".", 2)[-2]
            jobs.append((store.find(doc["template"], lang), context))
    con.close()
    if limit:
        jobs = jobs[:limit]
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    for i, (template, context) in enumerate(jobs):
        tpl = DocxTemplate(str(template))
        tpl.render(context, env)
        tpl.save(str(out / f"{i}.docx"))
    elapsed = time.perf_counter() - started
    return {"documents": len(jobs), "seconds": elapsed, "docs_per_s": len(jobs) / elapsed}


MEASURE_RSS = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(done.stdout)
"""


def peak_rss(db_path: Path, cache: Path) -> tuple[float, dict]:
    """Peak RSS (MB) of one batch (the drafting step, one process) over every case."""
    done = subprocess.run([sys.executable, "-c", MEASURE_RSS, MUNI, "advance", "--workflow",
                           "working_group", "--jobs", "1", "--json"], capture_output=True,
                          text=True, env=env_for(db_path, "clerk", cache))
    kib, _, out = done.stdout.partition("\n")
    summary = json.loads(out)
    assert summary["advanced"] and not summary["failed"], summary
    return int(kib) / 1024, summary


def wall(cmd: list[str], env: dict[str, str], runs: int = 5) -> float:
    """Median wall time of ``cmd`` (ms) after one warm-up run."""
    subprocess.run(cmd, env=env, capture_output=True)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(cmd, env=env, capture_output=True)
        times.append((time.perf_counter() - started) * 1000)
        assert done.returncode == 0, done.stderr
    return statistics.median(times)


ENGINE_ANSWERS = """
import datetime as dt, json, sys, time
t0 = time.perf_counter()
from muni.engine import review
from muni.registry import cases
from muni.registry import db as regdb
t1 = time.perf_counter()
db = regdb.connect(sys.argv[1])
case = int(sys.argv[2])
t2 = time.perf_counter()
review.explain(db, case, today=dt.date(2026, 11, 21))
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


def answers(db_path: Path, cache: Path) -> dict:
    """``status`` and ``explain`` on the large registry: the engine, and the CLI process."""
    con = sqlite3.connect(db_path)
    middle = con.execute("SELECT id FROM cases ORDER BY id LIMIT 1 OFFSET "
                         "(SELECT count(*) / 2 FROM cases)").fetchone()[0]
    con.close()
    env = env_for(db_path, "clerk", cache)
    engine = json.loads(subprocess.run([sys.executable, "-c", ENGINE_ANSWERS, str(db_path),
                                        str(middle)], capture_output=True, text=True,
                                       env=env, check=True).stdout)
    return {
        "case": middle, **engine,
        "cli_status_ms": wall([MUNI, "status"], env),
        "cli_status_json_ms": wall([MUNI, "status", "--json"], env),
        "cli_explain_ms": wall([MUNI, "explain", str(middle)], env),
        "python_ms": wall([sys.executable, "-c", "pass"], env),
        "import_cli_ms": wall([sys.executable, "-c", "import muni.cli"], env),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help="200 and 2,000 cases instead of 1,000 and 10,000 (~30 s)")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument("--repeat", type=int, default=None,
                        help="runs of each muni batch, the best counts (default 2; quick 1): "
                             "on a shared machine a neighbour's burst then costs less")
    args = parser.parse_args(argv)
    repeat = args.repeat or (1 if args.quick else 2)
    cases, big = (200, 2000) if args.quick else (1000, 10000)
    work = args.keep or Path(tempfile.mkdtemp(prefix="muni-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    cache = work / "pycache"
    say(f"muni benchmarks ({'quick' if args.quick else 'full'}) in {work}")
    say(f"cpus: {os.cpu_count()}, load average before: {loadavg()}")

    base = build(work / "base", cases // 10, 10)
    say(f"registry: {cases} working-group cases in {cases // 10} municipalities")

    best = {}
    for jobs in (1, 2):
        runs = [procedure(clone(base, work / f"jobs{jobs}-{i}"), jobs, cache)
                for i in range(repeat)]
        best[jobs] = r = max(runs, key=lambda r: r["docs_per_s"])
        each = ", ".join(f"{x['docs_per_s']:.0f}" for x in runs)
        say(f"muni --jobs {jobs}: {r['documents']} documents, {r['steps']} steps in "
            f"{r['engine_s']:.2f} s (process wall {r['wall_s']:.2f} s): "
            f"{r['docs_per_s']:.1f} docs/s (best of {repeat}: {each})")
    one, two = best[1], best[2]
    raw = raw_docxtpl(work / "jobs1-0" / "muni.db", work / "raw")
    say(f"raw docxtpl (load, render, save; same {raw['documents']} documents): "
        f"{raw['seconds']:.2f} s: {raw['docs_per_s']:.1f} docs/s")

    small_rss, _ = peak_rss(build(work / "rss-small", cases // 10, 10), cache)
    big_db = build(work / "rss-big", big // 100, 100)
    big_rss, big_summary = peak_rss(big_db, cache)
    say(f"peak RSS of one batch (one process): {cases} cases {small_rss:.1f} MB, "
        f"{big} cases {big_rss:.1f} MB ({big_summary['documents']} documents in "
        f"{big_summary['elapsed_s']:.1f} s: "
        f"{big_summary['documents'] / big_summary['elapsed_s']:.1f} docs/s)")

    a = answers(big_db, cache)
    say(f"on {a['rows']} cases — engine: explain {a['explain_ms']:.1f} ms, status "
        f"(counts + 50 newest) {a['status_ms']:.1f} ms, every row {a['status_all_ms']:.1f} ms"
        f"; imports {a['import_ms']:.0f} ms")
    say(f"on {a['rows']} cases — CLI process wall (median of 5): muni status "
        f"{a['cli_status_ms']:.0f} ms, muni status --json (all rows) "
        f"{a['cli_status_json_ms']:.0f} ms, muni explain {a['case']} {a['cli_explain_ms']:.0f} "
        f"ms; of which python start {a['python_ms']:.0f} ms, import muni.cli "
        f"{a['import_cli_ms']:.0f} ms")

    say(f"load average after: {loadavg()}")
    say(f"ratio jobs2/jobs1: {two['docs_per_s'] / one['docs_per_s']:.2f}")
    say(f"ratio rss {big}/{cases}: {big_rss / small_rss:.2f}")
    say(f"ratio batch/raw: {one['docs_per_s'] / raw['docs_per_s']:.2f}")
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
