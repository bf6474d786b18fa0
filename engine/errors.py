"""Typed errors: each says what went wrong and where, and maps to a documented exit code.

The engine raises these and never prints; ``cli.py`` turns them into messages and exit codes.
"""

from __future__ import annotations

from typing import Any

#: Exit status of a batch (``muni advance`` over many cases) in which some case failed with
#: an error; the other cases went on. 8 and 9 are taken by PDF and integrity errors.
BATCH_FAILED_EXIT = 10
#: … in which, with ``--strict``, a rule stopped some case (and none failed).
BATCH_BLOCKED_EXIT = 11
#: The exit statuses that are no error class's: done; a usage error (click's own: an unknown
#: option, a missing argument); a batch interrupted by Ctrl-C. With the classes' ``exit_code``
#: these are every status muni exits with — the README's table lists each (a test checks).
DONE_EXIT = 0
USAGE_EXIT = 2
INTERRUPTED_EXIT = 130


class MuniError(Exception):
    """Base class. ``exit_code`` is the CLI's exit status for this kind of failure."""

    exit_code = 1
    kind = "error"

    def __init__(self, message: str, *, details: list[str] | None = None, **extra: Any):
        super().__init__(message)
        self.message = message
        self.details = details or []
        self.extra = extra

    def to_json(self) -> dict[str, Any]:
        return {"error": self.kind, "message": self.message, "details": self.details, **self.extra}

    def __str__(self) -> str:
        return "\n".join([self.message, *(f"  - {d}" for d in self.details)])


class InputError(MuniError):
    """Bad input: a missing or wrong-typed field, a malformed file, an unknown reference."""

    exit_code = 3
    kind = "input"


class NotFound(InputError):
    """An unknown case, municipality, workflow or person."""

    kind = "not_found"


class GuardFailed(MuniError):
    """A lawful-step rule does not hold; ``verdicts`` lists every rule's result."""

    exit_code = 4
    kind = "guard_failed"

    def __init__(self, message: str, *, verdicts: list[dict[str, Any]], **extra: Any):
        failing = [v for v in verdicts if not v["ok"]]
        super().__init__(
            message,
            details=[f"{v['rule']}: {v['message']} [{v['basis']}]" for v in failing],
            verdicts=verdicts,
            **extra,
        )
        self.verdicts = verdicts


class StateError(MuniError):
    """A trigger not allowed in the current state, or a stored state the workflow lacks."""

    exit_code = 5
    kind = "state"


class Conflict(StateError):
    """Another process moved the case (or applied the batch row) between reading and
    writing: nothing was written. A batch reports the case as done elsewhere; a single
    ``advance`` asks to run the command again."""


class TemplateError(MuniError):
    """A template that cannot render: undefined variable, broken tag, missing file."""

    exit_code = 6
    kind = "template"


class SpecError(MuniError):
    """A workflow or rule-profile file that is malformed; names the file and the key."""

    exit_code = 7
    kind = "spec"


class ConversionError(MuniError):
    """PDF output failed: LibreOffice is missing, or a conversion produced no PDF.

    Its own kind and exit code because the registry and the .docx are fine — only the derived
    PDF is missing — so a script can tell "retry after installing LibreOffice" from a real
    failure of the step."""

    exit_code = 8
    kind = "pdf"


class IntegrityError(MuniError):
    """``muni verify`` found the registry or its documents changed outside muni.

    Its own exit code because nothing failed to run: the finding *is* the answer, and a
    script guarding an archive must tell it apart from a crash or a bad argument."""

    exit_code = 9
    kind = "integrity"


class AuthError(MuniError):
    """A login that failed: no such account, a wrong password, a disabled account, too many
    failures in a row (wait ``delay`` seconds), or no login where the registry has accounts.

    Its own exit code so a district script can tell "fix the credentials" from a refused
    step. ``delay``: the seconds the interface waits before answering (they grow with the
    login's failures in a row, so guessing passwords is slow)."""

    exit_code = 12
    kind = "auth"

    def __init__(self, message: str, *, delay: float = 0.0, **extra: Any):
        super().__init__(message, **extra)
        self.delay = delay


class Forbidden(MuniError):
    """The login is valid but may not do this: the workflow's ``who:`` names offices the
    account's person does not hold on the act's date (and roles it lacks), or an account
    command needs the ``admin`` role."""

    exit_code = 13
    kind = "forbidden"


class RegistryUnusable(MuniError):
    """The registry file cannot be used: not an SQLite database, damaged or cut short,
    written by a newer muni, or read-only for a command that writes. Nothing was written.

    Its own exit code because neither the command nor its input was wrong: the file must be
    restored, upgraded or made writable, and a script must not simply retry."""

    exit_code = 14
    kind = "registry"


class RegistryBusy(MuniError):
    """Another process held the registry's write lock past the busy timeout; nothing was
    written. The one failure a script may simply retry: run the same command again."""

    exit_code = 15
    kind = "busy"


class WriteFailed(MuniError):
    """A file could not be written — the disk is full, the folder is read-only or not
    permitted: the step was not recorded and its partial files were removed; ``path`` names
    where the write failed. Its own exit code because the input was fine: the machine must
    be fixed (space, permissions), then the same command run again."""

    exit_code = 16
    kind = "write_failed"


class DiskFull(WriteFailed):
    """No space left on the disk (or the quota is reached) while writing a document or the
    registry. Free some space and run the same command again (a batch continues where it
    stopped)."""

    kind = "disk_full"


def from_registry_file(error: Any) -> MuniError:
    """The error to report for a ``registry.db.RegistryFileError`` (taken by its ``reason``,
    ``path`` and ``message``: this module imports nothing of muni)."""
    cls = {"locked": RegistryBusy, "full": DiskFull}.get(error.reason, RegistryUnusable)
    return cls(error.message, path=str(error.path), reason=error.reason)
