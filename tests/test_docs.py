"""The documentation says what the code does: the README's exit-code table lists exactly the
exit statuses ``engine/errors.py`` defines."""

from __future__ import annotations

import re
from pathlib import Path

from muni.engine import errors

README = Path(__file__).resolve().parent.parent / "README.md"


def readme_exit_codes() -> dict[int, str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Commands and exit codes", 1)[1].split("\n## ", 1)[0]
    return {int(code): meaning for code, meaning in
            re.findall(r"^\| (\d+) \| (.+?) \|$", section, flags=re.MULTILINE)}


def defined_exit_codes() -> dict[int, list[str]]:
    """Every error class's ``exit_code`` and every ``*_EXIT`` constant, with their names."""
    codes: dict[int, list[str]] = {}
    classes = [errors.MuniError]
    while classes:
        cls = classes.pop()
        codes.setdefault(cls.exit_code, []).append(cls.__name__)
        classes.extend(cls.__subclasses__())
    for name, value in vars(errors).items():
        if name.endswith("_EXIT") and isinstance(value, int):
            codes.setdefault(value, []).append(name)
    return codes


def test_the_readme_lists_every_exit_code_errors_py_defines_and_no_other():
    documented = readme_exit_codes()
    defined = defined_exit_codes()
    assert sorted(documented) == sorted(defined), (
        f"README only: {sorted(set(documented) - set(defined))}; "
        f"errors.py only: {sorted(set(defined) - set(documented))} "
        f"({ {c: defined[c] for c in set(defined) - set(documented)} })")


def test_each_new_error_kind_has_its_own_code():
    assert (errors.RegistryUnusable.exit_code, errors.RegistryBusy.exit_code,
            errors.DiskFull.exit_code) == (14, 15, 16)
    documented = readme_exit_codes()
    assert "read-only" in documented[14] and "locked" in documented[15]
    assert "disk is full" in documented[16]
