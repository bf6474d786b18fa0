"""``python -m tools.templates [--out DIR] [FORM ...]``: build the built-in templates.

The one place where the forms of every module are listed; see the package docstring for why
the Python, not the ``.docx``, is the source.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from docx.document import Document

from . import council, needs_listening, needs_plan, working_group
from .blocks import LANGS, save

TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "docx"

FORMS: dict[str, Callable[[str], Document]] = {
    **working_group.FORMS,
    **needs_plan.FORMS,
    **needs_listening.FORMS,
    **council.FORMS,
}


def build(out: Path, names: Iterable[str] | None = None) -> list[Path]:
    """Write ``out/<lang>/<name>.docx`` for each form (all by default) in both languages."""
    written = []
    for name in names or FORMS:
        for lang in LANGS:
            path = out / lang / f"{name}.docx"
            save(FORMS[name](lang), path)
            written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tools.templates",
                                 description="Build muni's built-in Word templates.")
    ap.add_argument("--out", type=Path, default=TEMPLATES,
                    help="output root, with ky/ and ru/ beneath (default: %(default)s)")
    ap.add_argument("forms", nargs="*", help="form names (default: all)")
    args = ap.parse_args(argv)
    unknown = [name for name in args.forms if name not in FORMS]
    if unknown:
        ap.error(f"unknown form {unknown[0]!r}; known: {', '.join(FORMS)}")
    for path in build(args.out, args.forms):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
