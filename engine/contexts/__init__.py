"""Case + registry → the facts the checks judge and the context the templates receive.

``BUILDERS`` is the one place that names each workflow's builder (a workflow file's
``context:``), written out as datasette writes out its ``DEFAULT_PLUGINS``: a new procedure
adds its module and one line here. A builder's module is imported when a case of its
procedure is first prepared, so a working-group step does not load the council's 800 lines
(and their votes, dates and registers). Every builder takes the same arguments, so ``prepare``
calls it without inspecting it.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
from collections.abc import Callable

from muni.registry.db import Registry

from ..errors import InputError
from ..spec import Workflow
from .common import Prepared

#: ``builder(db, case, workflow, *, today, lang, act_date_path) -> Prepared``.
Builder = Callable[..., Prepared]

#: Context builders by the name a workflow file gives in ``context:``: (module of this
#: package, function).
BUILDERS: dict[str, tuple[str, str]] = {
    "working_group": ("working_group", "build_working_group"),
    "needs_assessment": ("needs_assessment", "build_needs_assessment"),
    "council_session": ("council", "build_council_session"),
    "council_decision": ("council", "build_council_decision"),
}


@functools.cache
def builder(context: str) -> Builder | None:
    """The builder ``context`` names (its module imported now), or None. Looked up once per
    name: a batch prepares every case through it."""
    where = BUILDERS.get(context)
    if where is None:
        return None
    module, function = where
    return getattr(importlib.import_module(f"{__name__}.{module}"), function)


def prepare(db: Registry, case: dict, workflow: Workflow, *,
            today: dt.date, lang: str = "ky", act_date_path: str | None = None) -> Prepared:
    """Run the workflow's context builder for documents in ``lang``.

    ``lang`` words positions and occupations (the registry may hold a Russian wording);
    ``act_date_path`` is the step's own act date (``TransitionSpec.act_date``) when it
    differs from the workflow's: people are looked up, and the profile chosen, on it."""
    build = builder(workflow.context)
    if build is None:
        raise InputError(f"workflow '{workflow.id}': no context builder '{workflow.context}'")
    return build(db, case, workflow, today=today, lang=lang, act_date_path=act_date_path)
