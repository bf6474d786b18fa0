"""Small helpers for tests: build a one-paragraph .docx template."""

from __future__ import annotations

from pathlib import Path

import docx


def write_template(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    document = docx.Document()
    document.add_paragraph().add_run(text)
    document.save(str(path))
    return path
