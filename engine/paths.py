"""Every path muni writes or reads under one of its roots stays inside that root.

A document's path is built from data: the municipality's code, the year, the case, the step
and the template (``documents/<code>/<year>/case-<id>/…``), and a template override's from
the code too (``templates/<code>/<lang>/<name>.docx``). Codes are checked at import (a short
slug), but a registry may hold older rows, and a workflow file names its templates: so each
such path is resolved here — ``..``, absolute parts, symbolic links followed — and refused
unless it lies inside its root, independently of any check made earlier. One helper, used by
every writer and reader under a root, so the guarantee is in one place.

Paths a person names on the command line (``--out``) are theirs to choose; what is checked
there is that they can be a folder at all: a path under an existing *file* (``--out
notes.txt/sub``) is refused naming that file, before anything is rendered.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import InputError

#: The longest file or folder name most filesystems take (bytes, as the OS counts them).
MAX_NAME_BYTES = 255


def inside(root: Path, *parts: str | os.PathLike[str], what: str = "a path") -> Path:
    """``root / parts``, resolved, or ``InputError`` when it would leave ``root``, contains
    NUL, or has a name longer than the filesystem takes. ``what`` says what the path is for
    ("the documents of case 3") in the message."""
    for part in parts:
        text = os.fspath(part)
        if "\0" in text:
            raise InputError(f"{what}: the name {text!r} contains a NUL character")
        for name in Path(text).parts:
            if len(os.fsencode(name)) > MAX_NAME_BYTES:
                raise InputError(f"{what}: the name {name[:40]!r}… is longer than "
                                 f"{MAX_NAME_BYTES} bytes")
    base = root.resolve()
    candidate = base.joinpath(*parts).resolve()
    if candidate != base and not candidate.is_relative_to(base):
        raise InputError(f"{what}: {candidate} would be outside {base}; nothing was written",
                         path=str(candidate), root=str(base))
    return candidate


def usable_folder(path: Path, option: str) -> Path:
    """``path`` if it is, or can become, a folder: refuses one that is a file or lies under
    a file, naming that file (``option``: the command-line option, for the message)."""
    blocker = _file_in_the_way(path)
    if blocker is not None:
        where = "is a file" if blocker == path else f"is under {blocker}, which is a file"
        raise InputError(f"{option} {path}: {where}, not a folder; nothing was written",
                         path=str(path), file=str(blocker))
    return path


def usable_file(path: Path, option: str) -> Path:
    """``path`` if a file can be written there: not a folder, and not under a file."""
    if path.is_dir():
        raise InputError(f"{option} {path}: is a folder; name the file to write",
                         path=str(path))
    blocker = _file_in_the_way(path.parent)
    if blocker is not None:
        raise InputError(f"{option} {path}: {blocker} is a file, not a folder; nothing was "
                         "written", path=str(path), file=str(blocker))
    return path


def _file_in_the_way(path: Path) -> Path | None:
    """The nearest existing path at or above ``path``, when it is not a folder."""
    for candidate in (path, *path.parents):
        if candidate.exists():
            return None if candidate.is_dir() else candidate
    return None
