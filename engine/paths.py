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
import stat
from pathlib import Path

from .errors import InputError

#: The longest file or folder name most filesystems take (bytes, as the OS counts them).
MAX_NAME_BYTES = 255


def inside(root: Path, *parts: str | os.PathLike[str], what: str = "a path") -> Path:
    """``root / parts``, resolved, or ``InputError`` when it would leave ``root``, contains
    NUL, or has a name longer than the filesystem takes. ``what`` says what the path is for
    ("the documents of case 3") in the message."""
    texts = [os.fspath(part) for part in parts]
    for text in texts:
        if "\0" in text:
            raise InputError(f"{what}: the name {text!r} contains a NUL character")
        if len(text) * 4 > MAX_NAME_BYTES:  # else no name in it can be too long
            for name in Path(text).parts:
                if len(os.fsencode(name)) > MAX_NAME_BYTES:
                    raise InputError(f"{what}: the name {name[:40]!r}… is longer than "
                                     f"{MAX_NAME_BYTES} bytes")
    base = _resolved_root(root)
    found = _below(base, texts)
    candidate = Path(found if found is not None
                     else os.path.realpath(os.path.join(base, *texts)))
    if found is None and candidate != Path(base) and not candidate.is_relative_to(base):
        raise InputError(f"{what}: {candidate} would be outside {base}; nothing was written",
                         path=str(candidate), root=str(base))
    return candidate


#: Roots resolved by this process (by absolute path): a batch builds a path under the same
#: documents folder for every document, and resolving it walks every folder above it.
_roots: dict[str, str] = {}


def _resolved_root(root: Path) -> str:
    key = os.path.abspath(root)
    base = _roots.get(key)
    if base is None:
        base = os.path.realpath(key)
        if os.path.isdir(base):  # a root made later may yet become a link: resolved then
            _roots[key] = base
    return base


def _below(base: str, texts: list[str]) -> str | None:
    """``realpath(base / texts)`` when it is plainly below ``base``: plain names only (no
    ``..``, no absolute part) and no symbolic link among the ones that exist — each checked
    with one ``lstat``, where ``realpath`` walks every folder from ``/``. None for anything
    else (then ``realpath`` decides), and on Windows."""
    if os.sep != "/" or os.altsep:
        return None
    path = base
    exists = True
    for text in texts:
        if text.startswith("/"):
            return None
        for name in text.split("/"):
            if name in ("", "."):
                continue
            if name == "..":
                return None
            path = f"{path}/{name}" if path != "/" else f"/{name}"
            if exists:
                try:
                    mode = os.lstat(path).st_mode
                except OSError:  # not there (yet): the rest is taken as written
                    exists = False
                    continue
                if stat.S_ISLNK(mode):
                    return None
    return path


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
