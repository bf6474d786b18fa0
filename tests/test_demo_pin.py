"""The documents and audit records of ``muni demo``, pinned as text (``tests/pins/demo``).

A refactor must leave them unchanged; a deliberate change to what a document says is made
by regenerating the pins (``.venv/bin/python tests/demo_pin.py``) and shows in review as a
readable diff. See ``tests/demo_pin.py``.
"""

from __future__ import annotations

import difflib

import pytest
from demo_pin import LANGS, observed, pinned, run_demo


@pytest.mark.parametrize("lang", LANGS)
def test_demo_writes_the_pinned_documents_and_records(lang, tmp_path):
    run_demo(tmp_path / "demo", lang)
    now, then = observed(tmp_path / "demo"), pinned(lang)
    assert sorted(now) == sorted(then), "the demo writes other documents than pinned"
    changed = [name for name in then if now[name] != then[name]]
    diff = "".join(
        line for name in changed[:3] for line in difflib.unified_diff(
            then[name].splitlines(True), now[name].splitlines(True), f"pinned/{name}",
            f"now/{name}", n=1))
    assert not changed, (f"{len(changed)} pinned file(s) differ: {', '.join(changed)}\n"
                         f"{diff[:6000]}\nIf the change is deliberate, regenerate with "
                         "`.venv/bin/python tests/demo_pin.py` and commit the diff.")
