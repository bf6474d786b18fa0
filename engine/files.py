"""Documents on disk: durable writes, atomic names, and their SHA-256.

Why a module of its own: a document is the record only if its bytes are exactly what the
audit log's hash says and it appears under its name only once the step is committed. Every
writer of muni's files goes through here — the steps' documents (``write_part`` → COMMIT →
``publish``; ``recover`` finishes what a crash left), previews, the reviewer's page, a
restored document — and every reader that checks a hash uses ``file_sha256``.

A write that fails — the disk full, a folder that is a file, no permission — removes what it
began (the ``.part``, the folders it made for it) and raises a ``MuniError`` naming the path:
``DiskFull`` (exit 16) for a full disk or quota, ``WriteFailed`` (16) otherwise, ``InputError``
(3) when a file stands where a folder must be. ``discard`` removes the folders a discarded
part's write made, when they are empty again, so a failed step leaves no trace.
"""

from __future__ import annotations

import errno
import hashlib
import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from .errors import DiskFull, InputError, MuniError, WriteFailed

try:
    import fcntl
except ImportError:  # not POSIX: no liveness lock; recovery then trusts the write lock alone
    fcntl = None  # type: ignore[assignment]


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
    part = final.with_name(final.name + PART_SUFFIX)
    made = _write_new(part, data, sync=sync, named=part)
    with _made_lock:
        _made[part] = made
    return part


def _write_new(part: Path, data: bytes, *, sync: bool, named: Path) -> list[Path]:
    """Write ``part`` (making its folders; with ``sync`` flushed to disk, folders too) and
    return the folders it made. A failure removes what it began and raises the error for
    ``named`` (``write_error``)."""
    made: list[Path] = []
    try:
        made = _make_dirs(part.parent)
        with open(part, "wb") as fh:
            fh.write(data)
            if sync:
                fh.flush()
                os.fsync(fh.fileno())
        if sync:
            for directory in {part.parent, *(d.parent for d in made)}:
                _fsync_dir(directory)
    except OSError as exc:
        _unlink(part)
        _remove_empty(made)
        raise write_error(exc, named, len(data)) from None
    return made


#: The folders each part's write created, so ``discard`` can take them away again. Parts
#: are published or discarded within the command that wrote them.
_made: dict[Path, list[Path]] = {}
_made_lock = threading.Lock()


def write_error(exc: OSError, path: Path, size: int | None = None) -> MuniError:
    """The error to report for an ``OSError`` raised writing ``path``."""
    needed = f" ({size:,} bytes to write)" if size else ""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFull(f"no space left on the disk writing {path}{needed}: that step was not "
                        "recorded and its partial files were removed — free some space and "
                        "run the same command again (a batch continues where it stopped)",
                        path=str(path), needed=size)
    if exc.errno in (errno.ENOTDIR, errno.EEXIST):
        blocker = next((p for p in (path.parent, *path.parent.parents)
                        if p.exists() and not p.is_dir()), path.parent)
        return InputError(f"cannot write {path}: {blocker} is a file, not a folder; nothing "
                          "was written", path=str(path), file=str(blocker))
    return WriteFailed(f"cannot write {path}: {exc.strerror or exc}; nothing was recorded and "
                       "the partial files were removed", path=str(path))


def sync_files(paths: Iterable[Path]) -> None:
    """Make files written with ``write_part(sync=False)`` durable, directory entries too.

    Why not an fsync each: on a journalling filesystem every fsync of a new file is a
    journal commit with a disk flush (3–6 ms measured), so 32 documents cost 32 flushes;
    one ``syncfs`` of their filesystem costs one (~0.3 ms per document). Elsewhere than
    Linux: an fsync of each file and of its two parent directories.
    """
    paths = list(paths)
    try:
        _sync(paths)
    except OSError as exc:  # a full disk may only show when the data reaches it
        raise write_error(exc, Path(exc.filename or (paths[0] if paths else "."))) from None


def _sync(paths: list[Path]) -> None:
    devices: dict[int, Path] = {}
    for path in paths:
        devices.setdefault(path.parent.stat().st_dev, path.parent)
    syncfs = _syncfs()
    if syncfs is not None:
        for directory in devices.values():
            fd = os.open(directory, os.O_RDONLY)
            try:
                if syncfs(fd) != 0:
                    import ctypes

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
        import ctypes  # here: a single step never needs it (~2 ms of a command's start)

        try:
            _SYNCFS.append(ctypes.CDLL(None, use_errno=True).syncfs)
        except (OSError, AttributeError):
            _SYNCFS.append(None)
    return _SYNCFS[0]


def _make_dirs(directory: Path) -> list[Path]:
    """``mkdir -p``; returns the directories it created, outermost first."""
    missing = []
    while not directory.is_dir():
        missing.append(directory)
        directory = directory.parent
    made = []
    for d in reversed(missing):
        try:
            d.mkdir()
        except FileExistsError:
            if not d.is_dir():
                _remove_empty(made)
                raise
            continue
        except OSError:
            _remove_empty(made)
            raise
        made.append(d)
    return made


def _remove_empty(folders: list[Path]) -> None:
    """Remove ``folders`` (made by muni for a write that did not happen), innermost first,
    each only while empty."""
    for folder in reversed(folders):
        try:
            folder.rmdir()
        except OSError:
            return


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def publish(final: Path) -> None:
    """Rename ``final.part`` to ``final`` (atomic on one filesystem)."""
    part = final.with_name(final.name + PART_SUFFIX)
    with _made_lock:
        _made.pop(part, None)
    try:
        os.replace(part, final)
    except FileNotFoundError:
        if not final.exists():  # someone else (recovery) may already have published it
            raise


def discard(paths: Iterable[Path]) -> None:
    """Remove parts that will never be published, and the folders made for them when they
    are empty again."""
    made: set[Path] = set()
    for path in paths:
        _unlink(path)
        with _made_lock:
            made.update(_made.pop(path, []))
    for folder in sorted(made, key=lambda p: len(p.parts), reverse=True):  # innermost first
        try:
            folder.rmdir()
        except OSError:
            pass


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``path`` whole or not at all (a ``.part`` beside it, then a rename): a reader
    never finds half a page or half a preview under the real name."""
    part = path.with_name(path.name + PART_SUFFIX)
    made = _write_new(part, data, sync=False, named=path)
    try:
        os.replace(part, path)
    except OSError as exc:
        _unlink(part)
        _remove_empty(made)
        raise write_error(exc, path, len(data)) from None


# --- pending renames: which .part files are muni's --------------------------------------------
#
# A step writes each document as ``<name>.part`` before its COMMIT and renames it after; a
# crash in between leaves ``.part`` files, committed (rename them) or not (delete them). To
# know which files those are without walking the documents folder (at 100,000 cases the walk
# cost more than the step itself, and it deleted any ``*.part`` a clerk had saved there), a
# process lists the final paths in its *manifest*, ``<documents>/.muni-pending/<pid>-…``,
# durably, before it writes their parts; after COMMIT and the renames the list is emptied (a
# batch) or the manifest removed (a single step). ``recover_parts`` runs under the registry's
# write lock, so no live process is between its parts and its COMMIT; it reads the manifests
# whose owner is gone — their ``flock`` can be taken: the kernel releases it when a process
# dies, also by ``kill -9`` — and touches only the paths they list, inside the documents
# folder.

#: The folder of manifests, inside the documents folder.
PENDING_FOLDER = ".muni-pending"


class Manifest:
    """One thread's list of the final paths whose ``.part`` files it is about to write.

    Per process *and* thread: a web server's threads commit one at a time (SQLite's write
    lock) but rename after their COMMIT, when another may already be listing its own."""

    def __init__(self, out_dir: Path):
        self.folder = Path(out_dir) / PENDING_FOLDER
        self.path: Path | None = None
        self.fd: int | None = None
        self.made: list[Path] = []
        self.listed = False

    def _open(self) -> int:
        if self.fd is not None:
            return self.fd
        for attempt in range(3):
            try:
                made = _make_dirs(self.folder)
                path = self.folder / (f"{os.getpid()}-{threading.get_ident()}-"
                                      f"{os.urandom(4).hex()}")
                fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
                break
            except FileNotFoundError:  # another process removed the empty folder meanwhile
                if attempt == 2:
                    raise
        try:
            if fcntl is not None:  # held while the manifest is open; released when we die
                fcntl.flock(fd, fcntl.LOCK_EX)
            for directory in {self.folder, *(d.parent for d in made)}:
                _fsync_dir(directory)
        except OSError:
            os.close(fd)
            _unlink(path)
            _remove_empty(made)
            raise
        self.path, self.fd, self.made = path, fd, made
        return fd

    def record(self, finals: Iterable[Path]) -> None:
        """List ``finals`` (replacing the last list), on disk, before their parts exist."""
        text = "".join(f"{final}\n" for final in finals).encode("utf-8")
        try:
            fd = self._open()
            os.lseek(fd, 0, os.SEEK_SET)
            if os.write(fd, text) != len(text):
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            os.ftruncate(fd, len(text))
            getattr(os, "fdatasync", os.fsync)(fd)
        except OSError as exc:
            self.close()
            raise write_error(exc, self.path or self.folder, len(text)) from None
        self.listed = True

    def clear(self) -> None:
        """The listed files are renamed (or were discarded): forget them. No flush needed —
        a list that survives a power cut names only files that are already final."""
        if self.listed and self.fd is not None:
            os.ftruncate(self.fd, 0)
        self.listed = False

    def close(self) -> None:
        """Remove the manifest, and the folders it made while they are empty (a step whose
        write failed leaves nothing)."""
        if self.fd is not None:
            os.close(self.fd)
            if self.path is not None:
                _unlink(self.path)
            _remove_empty(self.made or [self.folder])
        self._forget()

    def abandon(self) -> None:
        """Keep the list for ``recover_parts`` (a rename failed after COMMIT): release the
        manifest without emptying it; the next write opens a new one."""
        if self.fd is not None:
            os.close(self.fd)
        self._forget()

    def _forget(self) -> None:
        self.path, self.fd, self.made, self.listed = None, None, [], False
        _manifests.pop(_manifest_key(self.folder.parent), None)


_manifests: dict[tuple[Path, int, int], Manifest] = {}


def _manifest_key(out_dir: Path) -> tuple[Path, int, int]:
    return (Path(out_dir), os.getpid(), threading.get_ident())


def manifest(out_dir: Path) -> Manifest:
    """The calling thread's manifest for ``out_dir`` (a forked worker never shares its
    parent's: the key holds the process id)."""
    key = _manifest_key(Path(out_dir).resolve())
    found = _manifests.get(key)
    if found is None:
        found = _manifests[key] = Manifest(key[0])
    return found


def anything_pending(out_dir: Path) -> bool:
    """Is there a manifest in ``out_dir`` (one look into a small folder)?"""
    try:
        with os.scandir(Path(out_dir) / PENDING_FOLDER) as entries:
            return any(True for _ in entries)
    except (FileNotFoundError, NotADirectoryError):
        return False


def recover_parts(out_dir: Path, committed: Callable[[Path], bool]) -> dict[str, int]:
    """Finish what crashed processes left in ``out_dir``: rename the committed ``.part``
    files their manifests list, delete the uncommitted ones; nothing else is touched, and
    nothing outside ``out_dir``. Call under the registry's write lock; ``committed(final)``
    says whether the registry holds a document at that path."""
    root = Path(out_dir).resolve()
    folder = root / PENDING_FOLDER
    published = deleted = 0
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return {"published": 0, "deleted": 0}
    for entry in entries:
        if not entry.is_file(follow_symlinks=False):
            continue
        try:
            fd = os.open(entry.path, os.O_RDWR)
        except FileNotFoundError:
            continue
        try:
            try:
                if fcntl is not None:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # its owner is alive and renames its own files
            with os.fdopen(os.dup(fd), "rb") as fh:
                listed = fh.read().decode("utf-8", "replace").splitlines()
            for line in listed:
                if not Path(line).is_absolute():
                    continue
                final = Path(line).resolve()  # '..' and links followed, then checked
                if not final.is_relative_to(root) or final.parent == root / PENDING_FOLDER:
                    continue  # not a document of this folder: never touched
                part = final.with_name(final.name + PART_SUFFIX)
                if not part.exists():
                    continue
                if committed(final):
                    publish(final)
                    published += 1
                else:
                    discard([part])
                    deleted += 1
            _unlink(Path(entry.path))
        finally:
            os.close(fd)
    try:
        folder.rmdir()
    except OSError:
        pass
    return {"published": published, "deleted": deleted}
