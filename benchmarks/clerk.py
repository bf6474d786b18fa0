"""A clerk's single commands, and PDF copies, timed as whole processes.

A clerk runs one command at a time and waits for it: what counts is the whole process —
Python starting, importing muni, opening the registry, the work. Each command is timed
``runs`` times after one uncounted run (which also compiles the bytecode into the cache).
On the demo registry, which has accounts, the clerk logs in once (``muni login``) and every
measured command acts through that session, as a clerk's day goes: no password is checked.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .measure import MUNI, Figure, env_for, ms, run, timed

#: The clerk's common commands, in the order they are printed.
COMMANDS = ("status", "explain", "preview", "review", "advance")
#: What a step cannot run without, imported by a bare Python: the floor under any ``muni
#: advance`` whatever muni does (the CLI, the template engine, the XML parser, the state
#: machine, the registry).
STEP_LIBRARIES = "import click, jinja2, lxml.etree, transitions, sqlite3, zipfile"


def example_data() -> Path:
    from muni.engine.spec import PACKAGE_ROOT

    return PACKAGE_ROOT / "examples" / "working_group_case.yaml"


def demo_registry(work: Path, cache: Path) -> tuple[Path, dict[str, str]]:
    """``muni demo``'s registry: the sample municipality after every procedure; and the
    environment of its clerk's session (the demo's registry has accounts: a write needs a
    login) — ``muni login`` run once, its token kept in a state folder under ``work``."""
    out = work / "demo"
    done = run([MUNI, "demo", "--out", str(out), "--json"], env_for(None, "clerk", cache))
    accounts = json.loads(done.check().stdout).get("accounts") or []
    clerk = next((a for a in accounts if "clerk" in a.get("roles", [])), None)
    if clerk is None:
        return out / "muni.db", {}
    session = {"XDG_STATE_HOME": str(work / "state")}
    env = env_for(out / "muni.db", "clerk", cache) | session
    for name in ("MUNI_USER", "MUNI_PASSWORD"):          # the session, not a password
        env.pop(name, None)
    run([MUNI, "login", clerk["login"]], env | {"MUNI_PASSWORD": clerk["password"]}).check()
    return out / "muni.db", session


def new_cases(db_path: Path, cache: Path, count: int, municipality: str,
              login: dict[str, str] | None = None) -> list[int]:
    """``count`` new working-group cases opened with ``muni case new`` (the example data)."""
    env = env_for(db_path, "clerk", cache) | (login or {})
    return [json.loads(run([MUNI, "case", "new", "working_group", "-m", municipality,
                            "--data", str(example_data()), "--json"], env).check().stdout)["case"]
            for _ in range(count)]


def advance_each(db_path: Path, cache: Path, cases: list[int],
                 login: dict[str, str] | None = None) -> Figure:
    """``muni advance CASE`` once on each case (each a fresh first step); the first run is
    not counted. ``login``: the environment of the clerk's ``muni login`` session where the
    registry has accounts (``demo_registry``)."""
    env = env_for(db_path, "clerk", cache) | (login or {})
    runs = [run([MUNI, "advance", str(c)], env).check() for c in cases]
    return ms(runs[1:])


def commands(db_path: Path, cache: Path, runs: int, *, municipality: str,
             work: Path, login: dict[str, str] | None = None) -> dict[str, Figure]:
    """Median wall time (ms) of each of ``COMMANDS`` on the registry at ``db_path``, plus
    Python's own start and ``import muni.cli``; ``login`` where the registry has accounts."""
    env = env_for(db_path, "clerk", cache) | (login or {})
    ids = new_cases(db_path, cache, runs + 2, municipality, login)
    case = str(ids[0])
    out = {
        "status": ms(timed([MUNI, "status"], env, runs)),
        "explain": ms(timed([MUNI, "explain", case], env, runs)),
        "preview": ms(timed([MUNI, "preview", case], env, runs)),
        "review": ms(timed([MUNI, "review", case, "--out", str(work / "review.html")], env,
                           runs)),
        "advance": advance_each(db_path, cache, ids[1:], login),
        "python": ms(timed([sys.executable, "-c", "pass"], env, runs)),
        "import": ms(timed([sys.executable, "-c", "import muni.cli"], env, runs)),
        "libraries": ms(timed([sys.executable, "-c", STEP_LIBRARIES], env, runs)),
    }
    return out


def show_commands(figures: dict[str, Figure]) -> str:
    return (", ".join(f"{name} {figures[name].median:.0f} ms ({figures[name].low:.0f}–"
                      f"{figures[name].high:.0f})" for name in COMMANDS)
            + f"; of which python start {figures['python'].median:.0f} ms, import muni.cli "
            f"{figures['import'].median:.0f} ms; python importing only the libraries a step "
            f"needs ({STEP_LIBRARIES.removeprefix('import ')}) "
            f"{figures['libraries'].median:.0f} ms")


def pdf(db_path: Path, cache: Path, case_ids: list[int], runs: int
        ) -> tuple[int, Figure, Figure]:
    """``muni render CASE… --pdf --force`` over the cases' documents: (documents, docs/s of
    wall time, docs per CPU-second — muni's and LibreOffice's, the issue's "on one core",
    which a shared machine's load does not change)."""
    env = env_for(db_path, "clerk", cache)
    cmd = [MUNI, "render", *map(str, case_ids), "--pdf", "--force", "--json"]
    done = timed(cmd, env, runs)
    documents = len(json.loads(done[0].stdout)["documents"])
    return (documents, Figure.of([documents / r.wall_s for r in done]),
            Figure.of([documents / r.cpu_s for r in done]))
