"""How the benchmarks measure: a child process timed from outside, and figures summarised as
median and spread over several runs.

Why a child process for every side (muni, raw docxtpl, the floor): a figure a user meets is
the whole command — Python starting, imports, the work, the exit — and the in-process figure
alone flatters whoever imports more. Both are reported: the in-process time the child prints
and the wall time, CPU time and peak memory the kernel accounted for the process (``wait4``:
its own and its reaped workers'), taken by a small launcher that forks it
(``benchmarks/launch.py``: forked from the benchmark itself, a command was charged the
benchmark's own memory as its peak).

Why median and spread: the machine is shared; a neighbour's burst moves one run, not the
median, and a wide spread says the figure is not to be trusted.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

#: The ``muni`` command of the Python running the benchmarks (its venv's entry point).
MUNI = str(Path(sys.executable).with_name("muni"))
#: Every command runs with this date, so the rules see the same day whenever it runs.
TODAY = "2026-11-21"


def say(line: str = "") -> None:
    print(line, flush=True)


def loadavg() -> str:
    """The load average and the machine's speed now (``speed_ms``): on a shared virtual
    machine the host's other guests slow a core down without showing in the load average
    (the same loop took 260 and 480 ms a few seconds apart), so a figure is read beside
    both."""
    try:
        load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        load = "?"
    return f"{load}; speed probe {speed_ms():.0f} ms"


def speed_ms(steps: int = 1_000_000) -> float:
    """Milliseconds one core takes for a plain Python loop of ``steps`` additions (the best
    of three): lower is a faster machine; compare runs by it."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        total = 0
        for i in range(steps):
            total += i
        best = min(best, time.perf_counter() - started)
    return best * 1000


def env_for(db_path: Path | None, actor: str, cache: Path) -> dict[str, str]:
    """The environment of a measured command: its registry, date and actor; compiled
    bytecode kept in ``cache`` (a real install has its .pyc files), and muni's own cache of
    parsed workflows and compiled templates beside it (a clerk's second command has it)."""
    env = {**os.environ, "MUNI_TODAY": TODAY, "MUNI_ACTOR": actor,
           "PYTHONPYCACHEPREFIX": str(cache), "MUNI_CACHE": str(cache / "muni")}
    if db_path is not None:
        env["MUNI_DB"] = str(db_path)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


@dataclass(frozen=True)
class Run:
    """One finished child process, as the kernel accounted for it."""

    cmd: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str
    wall_s: float
    cpu_s: float                  # user + system, the process and its reaped children
    rss_mb: float                 # peak resident set of the largest of them
    first_row_s: float | None     # when the first row of a listing was out (streaming)

    def check(self) -> Run:
        if self.returncode != 0:
            raise SystemExit(f"{' '.join(self.cmd)} failed ({self.returncode}):\n"
                             f"{self.stdout[-2000:]}{self.stderr[-2000:]}")
        return self


#: The launcher every measured command is started by (``launch.py``).
LAUNCH = Path(__file__).with_name("launch.py")


def run(cmd: Sequence[str], env: dict[str, str], *,
        first_row: Callable[[str], bool] | None = None, cwd: Path | None = None) -> Run:
    """Run ``cmd`` to its end; with ``first_row`` also note when the first line of output
    for which it is true arrived (the end of the first row of a listing), counted from the
    moment the command was started."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "usage.json"
        proc = subprocess.Popen([sys.executable, "-I", "-S", str(LAUNCH), str(report),
                                 *cmd], env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE if first_row else out, stderr=err)
        first_at = None
        text = b""
        if first_row:
            assert proc.stdout is not None
            for line in proc.stdout:
                text += line
                if first_row(line.decode("utf-8", "replace")):
                    first_at = time.time()
                    break
            text += proc.stdout.read()
            proc.stdout.close()
        returncode = proc.wait()
        usage = json.loads(report.read_text(encoding="utf-8"))
        if not first_row:
            out.seek(0)
            text = out.read()
        err.seek(0)
        return Run(cmd=tuple(cmd), returncode=returncode,
                   stdout=text.decode("utf-8", "replace"),
                   stderr=err.read().decode("utf-8", "replace"), wall_s=usage["wall_s"],
                   cpu_s=usage["cpu_s"], rss_mb=usage["rss_mb"],
                   first_row_s=None if first_at is None else first_at - usage["started"])


@dataclass(frozen=True)
class Figure:
    """One quantity over several runs: the median to quote and the spread to judge it by."""

    values: tuple[float, ...]

    @classmethod
    def of(cls, values: Sequence[float]) -> Figure:
        return cls(tuple(values))

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def low(self) -> float:
        return min(self.values)

    @property
    def high(self) -> float:
        return max(self.values)

    @property
    def spread(self) -> float:
        """(max − min) / median: 0.05 means the runs lay within 5 % of the median's size."""
        return (self.high - self.low) / self.median if self.median else 0.0

    def show(self, fmt: str = ".1f", unit: str = "") -> str:
        """``229.3 docs/s (min 220.1, max 240.0; 3 runs)``."""
        n = len(self.values)
        if n == 1:
            return f"{self.median:{fmt}}{unit} (1 run)"
        return (f"{self.median:{fmt}}{unit} (min {self.low:{fmt}}, max {self.high:{fmt}}; "
                f"{n} runs)")


def timed(cmd: Sequence[str], env: dict[str, str], runs: int, *, warmup: int = 1,
          first_row: Callable[[str], bool] | None = None, cwd: Path | None = None
          ) -> list[Run]:
    """``runs`` runs of ``cmd`` after ``warmup`` uncounted ones; each must exit 0."""
    for _ in range(warmup):
        run(cmd, env, first_row=first_row, cwd=cwd).check()
    return [run(cmd, env, first_row=first_row, cwd=cwd).check() for _ in range(runs)]


def json_row_ends(line: str) -> bool:
    """A row of a JSON listing is complete: ``},`` closing an object of an indented array,
    or a whole object on one line (JSON Lines)."""
    text = line.strip()
    return text in ("}", "},") or (text.startswith("{") and text.rstrip(",").endswith("}"))


def ms(runs: Sequence[Run]) -> Figure:
    """The runs' wall times in milliseconds."""
    return Figure.of([r.wall_s * 1000 for r in runs])
