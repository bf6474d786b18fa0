"""`muni status` and `muni explain` answer without loading what they do not use (docx,
Jinja, multiprocessing, sqlite-utils …), and a step loads only its own procedure's checks and
context: checked by the modules loaded, not by timing (timings live in `benchmarks/`). The
program's quick exit (``cli.run``) keeps every byte of output, the exit code and the
registry whole."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from muni import cli
from muni.engine import review
from muni.registry import accounts, importer

PROBE = """
import io, json, sys, contextlib
sys.argv = ["muni", *sys.argv[1:]]
from muni import cli
with contextlib.redirect_stdout(io.StringIO()):
    try:
        cli.main()
    except SystemExit:
        pass
print(json.dumps(sorted(m for m in sys.modules if m.startswith(PREFIXES))))
"""
#: What a read-only command should not load: documents, batches, schemas.
HEAVY = ("docx", "docxtpl", "jinja2", "jsonschema", "multiprocessing", "lxml", "sqlite_utils",
         "dateutil")
#: The per-procedure modules (engine/contexts, engine/guards).
PROCEDURES = ("muni.engine.contexts.", "muni.engine.guards.")
SAMPLE_DATA = Path(cli.__file__).parent / "examples" / "working_group_case.yaml"


def loaded(sample_muni, *args: str, prefixes: tuple[str, ...] = HEAVY) -> list[str]:
    """The modules of ``prefixes`` (a top-level package, or a dotted prefix ending in ".")
    that ``muni ARGS`` loaded."""
    probe = f"PREFIXES = {tuple(p if p.endswith('.') else p + '.' for p in prefixes)!r}\n"
    probe += "PREFIXES += tuple(p[:-1] for p in PREFIXES if p.count('.') == 1)\n"
    done = subprocess.run([sys.executable, "-c", probe + PROBE, *args], capture_output=True,
                          text=True, check=True,
                          env={"MUNI_DB": str(sample_muni.db_path), "MUNI_TODAY": "2026-11-21",
                               "MUNI_ACTOR": "clerk", "PATH": ""})
    return json.loads(done.stdout.splitlines()[-1])


def test_status_and_explain_load_no_rendering_or_batch_machinery(sample_muni):
    case = sample_muni.json("case", "new", "working_group", "-m", "lipenka", "--data",
                            cli.__file__.replace("cli.py", "examples/working_group_case.yaml"))
    assert loaded(sample_muni, "status") == []
    assert loaded(sample_muni, "explain", str(case["case"])) == []


def test_a_step_loads_only_its_own_procedures_checks_and_context(sample_muni):
    """A working-group step does not import the council's or the needs assessment's checks
    and contexts (``guards.MODULES``, ``contexts.BUILDERS``); and it is taken."""
    case = sample_muni.json("case", "new", "working_group", "-m", "lipenka", "--data",
                            SAMPLE_DATA)["case"]
    assert loaded(sample_muni, "advance", str(case), prefixes=PROCEDURES) == [
        "muni.engine.contexts.common", "muni.engine.contexts.wording",
        "muni.engine.contexts.working_group", "muni.engine.guards.base",
        "muni.engine.guards.dates", "muni.engine.guards.working_group"]
    assert sample_muni.json("case", "show", str(case))["state"] == "order_drafted"


def test_a_batch_that_only_steps_cases_loads_no_schema_validator(sample_muni):
    """jsonschema (about 55 ms to import) is loaded where case data is checked: a batch
    whose rows carry no data steps its cases without it."""
    case = sample_muni.json("case", "new", "working_group", "-m", "lipenka", "--data",
                            SAMPLE_DATA)["case"]
    assert loaded(sample_muni, "advance", "--workflow", "working_group", "--until",
                  "order_drafted", prefixes=("jsonschema",)) == []
    assert sample_muni.json("case", "show", str(case))["state"] == "order_drafted"


def program(sample_muni, *args: str) -> subprocess.CompletedProcess:
    """``muni ARGS`` as a shell starts it: the installed program (pyproject's entry point,
    ``cli.run``), its output through pipes."""
    muni = Path(sys.executable).with_name("muni")
    return subprocess.run([str(muni), *args], capture_output=True, text=True,
                          env={"MUNI_DB": str(sample_muni.db_path), "MUNI_TODAY": "2026-11-21",
                               "MUNI_ACTOR": "clerk", "PATH": ""})


def test_the_quick_exit_keeps_the_output_the_exit_code_and_the_registry_whole(sample_muni):
    for _ in range(30):
        sample_muni("case", "new", "working_group", "-m", "lipenka", "--data", SAMPLE_DATA)
    listing = program(sample_muni, "status", "--json")
    assert listing.returncode == 0, listing.stderr
    rows = json.loads(listing.stdout)
    assert len(rows) == 30 and {r["state"] for r in rows} == {"initiative_recorded"}

    missing = program(sample_muni, "advance", "99999")
    assert (missing.returncode, missing.stderr.strip()) == (3, "Error: no case 99999")

    case = rows[0]["id"]
    step = program(sample_muni, "advance", str(case))
    assert step.returncode == 0, step.stderr
    assert step.stdout.startswith(f"Case {case}: draft_order — moved initiative_recorded → "
                                  "order_drafted")
    written = Path(step.stdout.splitlines()[1].strip())
    assert written.is_file() and written.suffix == ".docx"
    # closed before the exit: the write-ahead log folded into muni.db, which alone is whole
    assert not sample_muni.db_path.with_name("muni.db-wal").exists()
    with sqlite3.connect(sample_muni.db_path) as db:
        assert db.execute("SELECT state FROM cases WHERE id = ?", (case,)).fetchone() == (
            "order_drafted",)


def test_choices_spelled_out_in_the_cli_match_the_engine():
    assert cli.IMPORT_KINDS == importer.KINDS
    assert cli.REPORT_FORMATS == review.FORMATS
    assert cli.ACCOUNT_ROLES == accounts.ROLES
