"""Documents on disk: durable writes, atomic names, and their SHA-256.

Why a module of its own: a document is the record only if its bytes are exactly what the
audit log's hash says and it appears under its name only once the step is committed. Every
writer of muni's files goes through here — the steps' documents (``write_part`` → COMMIT →
``publish``; ``recover`` finishes what a crash left), previews, the reviewer's page, a
restored document — and every reader that checks a hash uses ``file_sha256``.
"""

from __future__ import annotations

import ctypes
import hashlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str | None:
    """The file's SHA-256, or None when it is missing or unreadable."""
    try:
        with path.open("rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return None


PART_SUFFIX = ".part"


def write_part(final: Path, data: bytes, *, sync: bool = True) -> Path:
    """Write ``data`` next to ``final`` as ``final.part``, flushed to disk; returns that path.

    The final name appears only by ``publish`` (an atomic rename) once the registry has
    committed, so a reader never sees a half-written document under its real name. The
    directory entries are synced too: after a power loss a committed document must still be
    found (as ``.part``) by ``recover``, not only its bytes somewhere on the disk.
    ``sync=False``: the caller syncs many parts at once with ``sync_files`` before COMMIT.
    """
    made = _make_dirs(final.parent)
    part = final.with_name(final.name + PART_SUFFIX)
    with open(part, "wb") as fh:
        fh.write(data)
        if sync:
            fh.flush()
            os.fsync(fh.fileno())
    if sync:
        for directory in (final.parent, *made):
            _fsync_dir(directory)
    return part


def sync_files(paths: Iterable[Path]) -> None:
    """Make files written with ``write_part(sync=False)`` durable, directory entries too.

    Why not an fsync each: on a journalling filesystem every fsync of a new file is a
    journal commit with a disk flush (3–6 ms measured), so 32 documents cost 32 flushes;
    one ``syncfs`` of their filesystem costs one (~0.3 ms per document). Elsewhere than
    Linux: an fsync of each file and of its two parent directories.
    """
    paths = list(paths)
    devices: dict[int, Path] = {}
    for path in paths:
        devices.setdefault(path.parent.stat().st_dev, path.parent)
    syncfs = _syncfs()
    if syncfs is not None:
        for directory in devices.values():
            fd = os.open(directory, os.O_RDONLY)
            try:
                if syncfs(fd) != 0:
                    err = ctypes.get_errno()
                    raise OSError(err, f"syncfs: {os.strerror(err)}", str(directory))
            finally:
                os.close(fd)
        return
    for path in paths:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        _fsync_dir(path.parent)
        _fsync_dir(path.parent.parent)


_SYNCFS: list[Callable[[int], int] | None] = []


def _syncfs() -> Callable[[int], int] | None:
    if not _SYNCFS:
        try:
            _SYNCFS.append(ctypes.CDLL(None, use_errno=True).syncfs)
        except (OSError, AttributeError):
            _SYNCFS.append(None)
    return _SYNCFS[0]


def _make_dirs(directory: Path) -> list[Path]:
    """``mkdir -p``; returns the parents of the directories it created (to be synced)."""
    missing = []
    while not directory.is_dir():
        missing.append(directory)
        directory = directory.parent
    for d in reversed(missing):
        d.mkdir(exist_ok=True)
    return [d.parent for d in missing]


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def publish(final: Path) -> None:
    """Rename ``final.part`` to ``final`` (atomic on one filesystem)."""
    part = final.with_name(final.name + PART_SUFFIX)
    try:
        os.replace(part, final)
    except FileNotFoundError:
        if not final.exists():  # someone else (recovery) may already have published it
            raise


def discard(paths: Iterable[Path]) -> None:
    for path in paths:
        try:
            path.unlink()
        except FileNotFoundError:
            pass


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``path`` whole or not at all (a ``.part`` beside it, then a rename): a reader
    never finds half a page or half a preview under the real name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + PART_SUFFIX)
    part.write_bytes(data)
    os.replace(part, path)
