"""PDF copies of rendered documents, through LibreOffice, in batches.

The ``.docx`` is the record (its sha256 is in the audit log); the PDF is a derived copy for
printing and sending, written next to it as ``<same name>.pdf``, so it can always be made
again. It is PDF/A-2b (ISO 19005-2, level B), the archival profile: every font embedded, the
colours and metadata self-contained, so the copy filed with the prosecutor or the Ministry of
Justice reads the same in twenty years. LibreOffice ≥ 7.4 takes the export options as JSON on
the command line (``PDF_FILTER``); ``SelectPdfVersion`` 2 is PDF/A-2b.

Why batches and profiles: starting ``soffice`` costs about 0.3 s of CPU, converting one more
file in the same call 0.06–0.12 s, so every call converts many files. Two ``soffice`` processes
sharing one user profile fail silently (the second exits without a PDF), so each worker gets
a profile of its own (``-env:UserInstallation=file:///…``) — also across two ``muni``
processes running at once. A new profile costs LibreOffice its first start (about 0.15 s of
CPU more, and half a megabyte written), so where muni has a cache folder (``engine/cache.py``)
the profiles are kept there, each taken by one worker at a time under a lock; a call that
fails drops its profile (the next starts clean), and with no cache folder, or every kept
profile busy, a worker uses a throw-away one as before.

Why every profile is told the installed version (``_seed_profile``): LibreOffice 7.x runs its
graphics self-tests (``GraphicsRenderTests``: sixteen 4096×4096 bitmaps drawn and compared,
about 1 s of CPU, most of it the kernel clearing a gigabyte of pages) at every start whose
profile records an older version than the running one (``ooSetupLastVersion``). Only an
interactive session ever records it, so a profile used for ``--convert-to`` alone ran them at
every call: three quarters of a one-file conversion. The tests only choose how the screen is
drawn; the PDF shows the same (its pages rendered to images are identical, pixel for
pixel). muni writes the installed version into each profile before the call; where it cannot
tell the version (an unusual layout), it leaves the profile alone and the tests run as before.

Why fonts matter: the templates ask for Times New Roman. Where it is absent LibreOffice uses
Liberation Serif (same metrics, so the same line and page breaks); only ``fonts-liberation2``
has the Kyrgyz letters Ө Ү Ң — with the older ``fonts-liberation`` they silently fall back to
DejaVu Serif, wider and visibly different. ``font_problem()`` says so.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ConversionError

#: Debian packages that provide what this module runs (named in error messages).
SOFFICE_PACKAGE = "libreoffice-writer-nogui"
FONT_PACKAGE = "fonts-liberation2"
#: Fonts that lay a Times New Roman document out identically.
SERIF_FONTS = ("Times New Roman", "Liberation Serif")
#: Ө ө Ү ү Ң ң — the Kyrgyz letters outside basic Cyrillic.
KYRGYZ_LETTERS = "04e8 04e9 04ae 04af 04a2 04a3"
#: Seconds one ``soffice`` call may take (it converts a whole batch).
TIMEOUT_S = 600.0
#: ``--convert-to`` argument: Writer's PDF export, as PDF/A-2b.
PDF_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
#: Files per ``soffice`` call: large enough to amortise the start, small enough that one bad
#: file does not cost a long batch.
BATCH_SIZE = 200
#: Kept LibreOffice profiles at most (one per worker running at once).
KEPT_PROFILES = 8
#: A profile's settings file (relative to the profile) and the setting that says which
#: version last ran with it (see the module docstring).
PROFILE_SETTINGS = Path("user") / "registrymodifications.xcu"
LAST_VERSION_ITEM = ('<item oor:path="/org.openoffice.Setup/Product"><prop '
                     'oor:name="ooSetupLastVersion" oor:op="fuse"><value>{version}</value>'
                     '</prop></item>')
_LAST_VERSION = re.compile(r'<item oor:path="/org\.openoffice\.Setup/Product"><prop '
                           r'oor:name="ooSetupLastVersion"[^>]*><value>([^<]*)</value></prop>'
                           r'</item>')
_EMPTY_SETTINGS = ('<?xml version="1.0" encoding="UTF-8"?>\n<oor:items '
                   'xmlns:oor="http://openoffice.org/2001/registry" '
                   'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
                   'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n</oor:items>\n')


@dataclass(frozen=True)
class Converted:
    """One converted document: its ``.docx`` and the PDF written next to it."""

    docx: Path
    pdf: Path

    def to_json(self) -> dict[str, str]:
        return {"docx": str(self.docx), "pdf": str(self.pdf)}


def pdf_path(docx: Path) -> Path:
    """Where the PDF of ``docx`` goes: same folder, same name, ``.pdf``."""
    return docx.with_suffix(".pdf")


def find_soffice(explicit: str | None = None) -> str:
    """The LibreOffice binary: ``explicit`` (the CLI passes ``$MUNI_SOFFICE``), else
    ``soffice`` or ``libreoffice`` on PATH."""
    if explicit:
        if shutil.which(explicit) is None:
            raise ConversionError(f"soffice {explicit!r} (MUNI_SOFFICE) is not an executable "
                                  "program")
        return explicit
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise ConversionError(
        "PDF output needs LibreOffice, which is not installed: install the Debian package "
        f"'{SOFFICE_PACKAGE}' (and '{FONT_PACKAGE}' for the fonts), e.g. "
        f"`apt-get install --no-install-recommends {SOFFICE_PACKAGE} {FONT_PACKAGE}`, "
        "or run scripts/bootstrap as root",
        package=SOFFICE_PACKAGE)


def font_problem() -> str | None:
    """Why PDFs would not look as designed, or None: no Times-compatible serif font with the
    Kyrgyz letters. Uses fontconfig (which LibreOffice itself uses); None if it is absent."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        out = subprocess.run([fc_list, f":charset={KYRGYZ_LETTERS}", "family"],
                             capture_output=True, text=True, timeout=30, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    families = {f.strip() for line in out.splitlines() for f in line.split(",")}
    if families & set(SERIF_FONTS):
        return None
    return (f"no serif font metrically equal to Times New Roman has the Kyrgyz letters Ө Ү Ң: "
            f"install the Debian package '{FONT_PACKAGE}' (PDFs will use DejaVu Serif for "
            "those letters meanwhile)")


@functools.lru_cache(maxsize=8)
def installed_version(soffice: str) -> str | None:
    """The ``major.minor`` version of the LibreOffice that ``soffice`` starts (``"7.4"``),
    read from its own configuration (``ooSetupVersion`` in ``share/registry/main.xcd`` beside
    ``program/``; ``Resources/registry`` on macOS), or None when it is not there — e.g.
    ``soffice`` is a wrapper script."""
    program = Path(shutil.which(soffice) or soffice).resolve().parent
    for main in (program.parent / "share" / "registry" / "main.xcd",
                 program.parent / "Resources" / "registry" / "main.xcd"):
        try:
            text = main.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        found = re.search(r'<prop oor:name="ooSetupVersion">\s*<value>(\d+\.\d+)</value>',
                          text)
        if found:
            return found.group(1)
    return None


def _seed_profile(profile: Path, version: str | None) -> None:
    """Record ``version`` as the last one to have run with ``profile`` (created if new), so
    LibreOffice skips its graphics self-tests at start (see the module docstring). A profile
    that already says so is left untouched; with no ``version``, nothing is written."""
    if version is None:
        return
    settings = profile / PROFILE_SETTINGS
    try:
        text = settings.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = _EMPTY_SETTINGS
    except OSError:
        return
    item = LAST_VERSION_ITEM.format(version=version)
    recorded = _LAST_VERSION.search(text)
    if recorded and recorded.group(1) == version:
        return
    if recorded:
        text = text[:recorded.start()] + item + text[recorded.end():]
    elif "</oor:items>" in text:
        at = text.rindex("</oor:items>")
        text = text[:at] + item + "\n" + text[at:]
    else:
        return                                   # not a settings file muni understands
    with contextlib.suppress(OSError):
        settings.parent.mkdir(parents=True, exist_ok=True)
        settings.write_text(text, encoding="utf-8")


def _batches(paths: Sequence[Path], workers: int) -> list[list[list[Path]]]:
    """Split ``paths`` over ``workers``; each worker's share in calls of at most
    ``BATCH_SIZE`` files. (Same-named files go into one call: each is copied to a private
    folder under a name of its own first — see ``_run_worker``.)"""
    shares: list[list[Path]] = [list(paths[i::workers]) for i in range(workers)]
    return [[share[i:i + BATCH_SIZE] for i in range(0, len(share), BATCH_SIZE)]
            for share in shares if share]


def _run_worker(soffice: str, calls: list[list[Path]], timeout: float
                ) -> tuple[list[Converted], list[str]]:
    """Convert ``calls`` one after the other with one private profile; never raises for a
    file, returns the problems instead so every worker's failures are reported together.

    Why copies under numbered names: ``soffice --outdir`` writes every PDF of a call into
    one folder named after the file, so two cases' ``01-draft_order-….docx`` cannot share a
    call — and a draft of each case has the same name. Each file of a call is copied into the
    call's own folder as ``<n>.docx``; its PDF ``<n>.pdf`` goes back next to the original."""
    done: list[Converted] = []
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="muni-lo-") as tmp, \
            _profile(Path(tmp)) as (profile, failed):
        for number, call in enumerate(calls):
            _seed_profile(profile, installed_version(soffice))
            staging = Path(tmp) / f"call-{number}"
            outdir = staging / "out"
            outdir.mkdir(parents=True)
            copies = []
            for i, docx in enumerate(call):
                copy = staging / f"{i}.docx"
                shutil.copyfile(docx, copy)
                copies.append(copy)
            argv = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--invisible", "--nologo", "--norestore", "--nolockcheck",
                    "--convert-to", PDF_FILTER, "--outdir", str(outdir),
                    *(str(p) for p in copies)]
            try:
                proc = subprocess.run(argv, capture_output=True, text=True, timeout=timeout,
                                      check=False, stdin=subprocess.DEVNULL)
                note = (proc.stderr or "").strip().splitlines()
                why = (f"soffice exited {proc.returncode}" + (f": {note[-1]}" if note else "")
                       if proc.returncode else "soffice reported success but wrote no PDF")
            except subprocess.TimeoutExpired:
                why = f"soffice did not finish within {timeout:.0f} s"
            except OSError as exc:
                why = f"soffice could not be started ({exc.strerror})"
            for docx, copy in zip(call, copies, strict=True):
                produced = outdir / f"{copy.stem}.pdf"
                if not produced.is_file() or produced.stat().st_size == 0:
                    problems.append(f"{docx}: no PDF produced ({why})")
                    produced.unlink(missing_ok=True)
                    failed.append(docx)
                    continue
                final = pdf_path(docx)
                tmp_final = final.with_name(f".{final.name}.tmp")  # never *.part: muni's own
                shutil.move(produced, tmp_final)
                os.replace(tmp_final, final)
                done.append(Converted(docx=docx, pdf=final))
            shutil.rmtree(staging, ignore_errors=True)
    return done, problems


@contextlib.contextmanager
def _profile(tmp: Path) -> Iterator[tuple[Path, list[Path]]]:
    """A LibreOffice profile for one worker, and a list to note failed files in: a kept
    profile that is free (locked for this worker until it is done), else one in ``tmp``.
    A kept profile under which a file failed is removed afterwards."""
    import muni.engine.cache as cache

    failed: list[Path] = []
    root = cache.folder()
    for slot in range(KEPT_PROFILES if root is not None else 0):
        assert root is not None
        folder = root / "libreoffice" / f"profile-{slot}"
        lock = _lock(folder.with_name(folder.name + ".lock"))
        if lock is None:
            continue
        try:
            yield folder, failed
            if failed:
                shutil.rmtree(folder, ignore_errors=True)
        finally:
            lock.close()
        return
    yield tmp / "profile", failed


def _lock(path: Path) -> Any:
    """The open lock file at ``path`` when this process could take it, else None."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a+b")  # noqa: SIM115  (held until the worker is done)
    except OSError:
        return None
    try:
        if os.name == "nt":
            import msvcrt

            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return None
    return handle


def default_workers(count: int) -> int:
    """One LibreOffice per ~20 files, at most one per core and at most 4: a second process
    costs a start of its own (~0.3 s of CPU), worth it only for a long list."""
    return max(1, min(os.cpu_count() or 1, 4, (count + 19) // 20))


def convert(paths: Iterable[Path], *, workers: int | None = None,
            timeout: float = TIMEOUT_S, soffice: str | None = None) -> list[Converted]:
    """Write ``<name>.pdf`` next to each ``.docx`` in ``paths``; returns them in input order.

    Raises ``ConversionError`` when LibreOffice is missing, a file does not exist, or a file
    produced no PDF (naming every such file; the PDFs that did convert are kept)."""
    unique: list[Path] = []
    for p in paths:
        p = Path(p).resolve()
        if p not in unique:
            unique.append(p)
    if not unique:
        return []
    missing = [str(p) for p in unique if not p.is_file()]
    if missing:
        raise ConversionError(f"cannot convert {len(missing)} missing document(s)",
                              details=missing)
    binary = find_soffice(soffice)
    plan = _batches(unique, workers or default_workers(len(unique)))
    done: list[Converted] = []
    problems: list[str] = []
    with ThreadPoolExecutor(max_workers=len(plan)) as pool:
        for ok, bad in pool.map(lambda calls: _run_worker(binary, calls, timeout), plan):
            done.extend(ok)
            problems.extend(bad)
    if problems:
        raise ConversionError(
            f"{len(problems)} of {len(unique)} document(s) produced no PDF", details=problems,
            converted=[c.to_json() for c in done])
    order = {p: i for i, p in enumerate(unique)}
    return sorted(done, key=lambda c: order[c.docx])
