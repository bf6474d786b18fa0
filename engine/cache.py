"""What muni derives from its own files, kept between processes — as Python keeps bytecode.

A clerk's command is one short process: parsing the workflows and rule profiles (~150 KB of
YAML, every rule's citation composed) and compiling a .docx template (python-docx opens it,
docxtpl patches it, Jinja compiles it) cost more than the step itself. Their results depend on
nothing but those files and muni's own code, so they are kept in a folder (the CLI's
``MUNI_CACHE``, by default the user's cache folder) and reused while both are unchanged.

Why it cannot serve a stale value: an entry's name is the SHA-256 of its kind, the exact
bytes of every source file (not their times: a copy keeps a time, an editor may too), muni's
engine code (each module's size and time) and the Python and library versions. An entry that
is missing, unreadable or of another format is rebuilt, and a folder that cannot be written
is no error: the process derives what it needs, as it would without a cache. Nothing of a case
or the registry is ever written here — only what is derived from muni's and the
municipality's own files (workflows, rule profiles, templates).

What it keeps stays one entry per kind and set of source files: an entry built anew (the
files' bytes changed) replaces the one it was built instead of, and an entry stored by
upgraded code clears what the code before it left (its entries and compiled pages), so the
folder does not grow by a version's worth (about a megabyte) at every update.
LibreOffice's kept profiles (``libreoffice/``) are not entries and are left alone.

``use(folder)`` turns it on for the process (``Engine(cache=…)`` calls it); off by default,
so a library user or a test gets no files it did not ask for.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

#: Bumped when the shape of an entry changes in a way the code digest would not show.
FORMAT = 1
_ENGINE = Path(__file__).resolve().parent
_folder: Path | None = None


def use(folder: Path | None) -> Path | None:
    """Keep derived values in ``folder`` (None: keep nothing); returns the previous one."""
    global _folder
    previous, _folder = _folder, (Path(folder) if folder is not None else None)
    return previous


def folder() -> Path | None:
    return _folder


@functools.cache
def code_digest() -> str:
    """muni's engine code and the interpreter: an entry made by other code is never read."""
    h = hashlib.sha256(f"{FORMAT} {sys.version} {sys.implementation.cache_tag}".encode())
    for path in sorted(_ENGINE.rglob("*.py")):
        st = path.stat()
        h.update(f"{path.relative_to(_ENGINE)} {st.st_size} {st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def files_digest(paths: Iterable[Path]) -> str:
    """The names and exact bytes of ``paths`` (a missing file counts as missing)."""
    h = hashlib.sha256()
    for path in paths:
        h.update(f"{path}\0".encode())
        try:
            h.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            h.update(b"missing")
    return h.hexdigest()


@functools.cache
def module_stamp(name: str) -> str:
    """A library's version as its file says it (size and time of the module's file), found
    without importing it."""
    import importlib.util

    spec = importlib.util.find_spec(name)
    if spec is None or not spec.origin:
        return f"{name} -"
    st = Path(spec.origin).stat()
    return f"{name} {st.st_size}:{st.st_mtime_ns}"


def jinja_bytecode() -> Any:
    """Jinja's own bytecode cache (``FileSystemBytecodeCache``) in a folder of this cache
    named for muni's code, or None where there is no cache folder: a page compiled once (the
    review page: ~35 ms of a command) is loaded as code by the next process. Jinja keys each
    entry by the template's name and source; the folder's name adds the environment's
    settings, which live in muni's code. A folder that cannot be written is no error."""
    if _folder is None:
        return None
    import jinja2

    class Quiet(jinja2.FileSystemBytecodeCache):
        def dump_bytecode(self, bucket: Any) -> None:
            try:
                super().dump_bytecode(bucket)
            except OSError:
                pass

    directory = _folder / _jinja_folder(code_digest())
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return Quiet(str(directory))


def tree(directory: Path) -> list[Path]:
    """Every file under ``directory``, in a stable order (``__pycache__`` aside)."""
    return sorted(p for p in Path(directory).rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts)


def derived(kind: str, sources: Iterable[Path], build: Callable[[], T], *,
            extra: str = "") -> T:
    """``build()``, or what it returned before for the same ``sources`` (their bytes),
    code and ``extra`` (library versions …). Errors of ``build`` propagate and are not kept."""
    if _folder is None:
        return build()
    sources = list(sources)
    code = code_digest()
    key = hashlib.sha256(f"{kind}\0{code}\0{extra}\0{files_digest(sources)}"
                         .encode()).hexdigest()
    names = hashlib.sha256("\0".join(map(str, sources)).encode()).hexdigest()
    entry = _folder / f"{kind}-{code[:CODE]}-{names[:NAMES]}-{key[:40]}.pickle"
    try:
        with open(entry, "rb") as f:
            return pickle.load(f)
    except Exception:  # missing, cut short, another format: build it anew
        pass
    value = build()
    _store(entry, value)
    _prune(entry, kind, code[:CODE], names[:NAMES])
    return value


#: Hex digits of the code digest and of the source files' names in an entry's name.
CODE, NAMES = 12, 8
_ENTRY = re.compile(rf"(?P<kind>.+)-(?P<code>[0-9a-f]{{{CODE}}})-(?P<names>[0-9a-f]{{{NAMES}}})"
                    r"-[0-9a-f]{40}\.pickle")


def _prune(entry: Path, kind: str, code: str, names: str) -> None:
    """Remove what ``entry`` was built instead of — the same kind from the same files (by
    name) with other bytes — and whatever other code left: its entries, its compiled pages,
    an older format's entries. Run when an entry is stored, which is rare (a cache miss), so
    a look through the folder costs nothing a command would notice. Best effort: a file
    another process holds open (Windows) stays until next time. ``code`` and ``names``:
    the digests' prefixes in the entry's name."""
    try:
        for path in entry.parent.iterdir():
            name = path.name
            if path == entry or name.startswith(".tmp-"):
                continue
            found = _ENTRY.fullmatch(name)
            if found is not None:
                if found["code"] != code or (found["kind"] == kind
                                             and found["names"] == names):
                    path.unlink(missing_ok=True)
            elif name.endswith(".pickle"):
                path.unlink(missing_ok=True)            # an older format's entry
            elif name.startswith("jinja-") and name != _jinja_folder(code):
                import shutil

                shutil.rmtree(path, ignore_errors=True)
    except OSError:
        pass


def _jinja_folder(code: str) -> str:
    return f"jinja-{code[:CODE]}"


def _store(entry: Path, value: Any) -> None:
    """Write ``entry`` whole or not at all (a temporary file renamed over it)."""
    import tempfile

    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, entry)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except Exception:  # a read-only or full folder: no cache, same result
        pass
