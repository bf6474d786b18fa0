"""`muni status` and `muni explain` answer without loading what they do not use (docx,
Jinja, multiprocessing, sqlite-utils …): checked by the modules loaded, not by timing
(timings live in `benchmarks/`)."""

from __future__ import annotations

import json
import subprocess
import sys

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
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in
                 ("docx", "docxtpl", "jinja2", "jsonschema", "multiprocessing", "lxml",
                  "sqlite_utils", "dateutil"))))
"""


def loaded(sample_muni, *args: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True,
                          env={"MUNI_DB": str(sample_muni.db_path), "MUNI_TODAY": "2026-11-21",
                               "PATH": ""}, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def test_status_and_explain_load_no_rendering_or_batch_machinery(sample_muni):
    case = sample_muni.json("case", "new", "working_group", "-m", "lipenka", "--data",
                            cli.__file__.replace("cli.py", "examples/working_group_case.yaml"))
    assert loaded(sample_muni, "status") == []
    assert loaded(sample_muni, "explain", str(case["case"])) == []


def test_choices_spelled_out_in_the_cli_match_the_engine():
    assert cli.IMPORT_KINDS == importer.KINDS
    assert cli.REPORT_FORMATS == review.FORMATS
    assert cli.ACCOUNT_ROLES == accounts.ROLES
