"""The checks of every rule, by rule id: the one place that lists the check modules.

``CHECKS`` is built from the modules named here (as datasette lists its own plugins in
``DEFAULT_PLUGINS``) and handed to ``rules.evaluate`` by the planner; a new module of checks
is added to ``MODULES``. Nothing registers itself by being imported.
"""

from __future__ import annotations

from . import council, dates, needs_listening, needs_plan, working_group
from .base import Check, DeadlineFn, checks_in, deadlines_in

MODULES = (dates, working_group, council, needs_plan, needs_listening)
#: Rule id → its check.
CHECKS: dict[str, Check] = checks_in(MODULES)
#: Rule id → the dated obligation it enforces (``@deadline``, beside the check).
DEADLINES: dict[str, DeadlineFn] = deadlines_in(MODULES)
