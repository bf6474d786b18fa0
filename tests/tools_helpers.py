"""Small helpers for tests: build a one-paragraph .docx template, or change one member of
a .docx."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx


def write_template(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    document = docx.Document()
    document.add_paragraph().add_run(text)
    document.save(str(path))
    return path


def with_member_changed(docx_path: Path, member: str, change: Callable[[bytes], bytes]) -> bytes:
    """The bytes of the .docx at ``docx_path`` with ``member`` (``word/document.xml``)
    replaced by ``change`` of it; every other member as it was."""
    out = io.BytesIO()
    with zipfile.ZipFile(docx_path) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info, change(data) if info.filename == member else data)
    return out.getvalue()
