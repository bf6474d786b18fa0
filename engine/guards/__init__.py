"""The checks of every rule, by rule id: the one place that lists the check modules.

``MODULES`` names the modules of checks each procedure's rules are in, by the procedure's
builder (a workflow file's ``context:``), as datasette lists its own plugins in
``DEFAULT_PLUGINS``. ``checks_for(context)`` hands the planner the checks of one procedure and
imports only their modules: a working-group step does not load the council's checks and
contexts (about 15 ms of a command's start). ``all_checks()`` is every module's, for the lint
and the tests; a rule checked twice anywhere is an error there. A new module of checks is
added to ``MODULES``; nothing registers itself by being imported.
"""

from __future__ import annotations

import functools
import importlib
from types import ModuleType

from .base import Check, DeadlineFn, checks_in, deadlines_in

#: The check modules (of this package) by the procedure whose rules they hold.
MODULES: dict[str, tuple[str, ...]] = {
    "working_group": ("dates", "working_group"),
    "needs_assessment": ("dates", "needs_plan", "needs_listening"),
    "council_session": ("dates", "council"),
    "council_decision": ("dates", "council"),
}


def _modules(context: str | None) -> tuple[ModuleType, ...]:
    """The check modules of the procedure ``context`` (imported now); every module for
    None or a procedure ``MODULES`` does not name (its rules are then found wherever they
    are)."""
    names = MODULES.get(context) if context is not None else None
    if not names:
        names = tuple(dict.fromkeys(n for group in MODULES.values() for n in group))
    return tuple(importlib.import_module(f"{__name__}.{name}") for name in names)


@functools.cache
def checks_for(context: str) -> dict[str, Check]:
    """Rule id → check, for the procedure whose builder is ``context``."""
    return checks_in(_modules(context))


@functools.cache
def deadlines_for(context: str) -> dict[str, DeadlineFn]:
    """Rule id → the dated obligation it enforces (``@deadline``, beside the check)."""
    return deadlines_in(_modules(context))


@functools.cache
def all_checks() -> dict[str, Check]:
    """Every module's checks by rule id (a rule checked in two modules is a ``SpecError``)."""
    return checks_in(_modules(None))
