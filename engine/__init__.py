"""muni's engine: the procedures, their rules and documents, as a library.

The public API (documented in ``docs/api.md``):

- ``Engine`` (``engine/api.py``): built from a registry path (and where documents and
  template overrides live); every operation an interface offers — open and update cases,
  explain, preview, advance one case or a batch, verify, review, the registers, documents,
  workflows, templates — is a method of it, taking plain values and returning JSON-ready
  data;
- ``Actor``: who acts, carried by every write;
- the errors (``engine/errors.py``): each ``MuniError`` has a ``kind``, a message, details
  and the ``exit_code`` the CLI documents.

Everything else in this package is the engine's inside: ``cli.py`` and the web interface use
only these names.
"""

from .actor import Actor
from .api import Engine
from .errors import (
    AuthError,
    Conflict,
    ConversionError,
    DiskFull,
    Forbidden,
    GuardFailed,
    InputError,
    IntegrityError,
    MuniError,
    NotFound,
    RegistryBusy,
    RegistryUnusable,
    SpecError,
    StateError,
    TemplateError,
)

__all__ = [
    "Actor", "AuthError", "Conflict", "ConversionError", "DiskFull", "Engine", "Forbidden",
    "GuardFailed", "InputError", "IntegrityError", "MuniError", "NotFound", "RegistryBusy",
    "RegistryUnusable", "SpecError", "StateError", "TemplateError",
]
