"""The committed built-in templates are exactly what their generator builds.

The Python in ``tools/templates/`` is the source of ``templates/docx/``; the ``.docx`` are its
build output. Rebuilding into a temporary folder and comparing bytes (as sqlite-utils runs
``cog --check``) fails the suite when someone edits a built-in ``.docx`` by hand (the next
build would silently throw the edit away) or changes a form without rebuilding.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILTIN = ROOT / "templates" / "docx"


def test_every_builtin_template_is_what_the_generator_builds(tmp_path):
    subprocess.run([sys.executable, "-m", "tools.templates", "--out", str(tmp_path)],
                   cwd=ROOT, check=True, capture_output=True)
    built = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.docx"))
    committed = sorted(p.relative_to(BUILTIN) for p in BUILTIN.rglob("*.docx"))
    assert len(built) == 40  # 20 forms, ky and ru
    assert built == committed, "a built-in template has no generator, or was not committed"
    stale = [str(rel) for rel in built
             if (tmp_path / rel).read_bytes() != (BUILTIN / rel).read_bytes()]
    assert not stale, (f"templates/docx differs from its generator for {stale}: change the "
                       "form in tools/templates/ and run `python -m tools.templates`")
