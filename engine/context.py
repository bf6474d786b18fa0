"""Case + registry → the facts the guards check and the context the templates receive.

Pure functions of recorded data: nothing here writes. Every value a document states that can
be computed (the group's size, a member's position on the order's date, the head on record)
is computed here, never typed by the clerk.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from muni.registry import directory
from muni.registry.db import Registry

from .data import dotted, parse_date
from .errors import InputError, NotFound
from .spec import Workflow

#: What a document shows where a value is not known yet (a draft's number).
BLANK = "________"


@dataclass
class Prepared:
    """Everything one step needs: the act's date, facts for guards, context for templates."""

    act_date: dt.date
    facts: Any
    context: dict[str, Any]
    warnings: list[str] = field(default_factory=list)
    #: Dated obligations of the case (shown by ``explain``/``status``):
    #: ``{"what": str, "due": date, "basis": str, "met": bool | None}``.
    deadlines: list[dict[str, Any]] = field(default_factory=list)


def case_municipality(db: Registry, case: dict) -> dict:
    """The registry row of the case's municipality; NotFound names the case if it is gone."""
    row = directory.municipality(db, case["municipality"])
    if row is None:
        raise NotFound(f"case {case['id']}: unknown municipality '{case['municipality']}'")
    return row


def municipality_context(row: dict) -> dict[str, Any]:
    keys = ("code", "oblast_ky", "oblast_ru", "rayon_ky", "rayon_ru", "aimak_ky", "aimak_ru",
            "seat_ky", "seat_ru")
    return {k: row[k] for k in keys}


#: Context builders by the name a workflow file gives in ``context:``.
BUILDERS: dict[str, Callable[..., Prepared]] = {}


def builder(name: str) -> Callable[[Callable[..., Prepared]], Callable[..., Prepared]]:
    """Register a workflow's context builder (modules in ``engine/contexts/``)."""
    def register(fn: Callable[..., Prepared]) -> Callable[..., Prepared]:
        BUILDERS[name] = fn
        return fn
    return register


def prepare(db: Registry, case: dict, workflow: Workflow, *,
            today: dt.date, lang: str = "ky", act_date_path: str | None = None) -> Prepared:
    """Run the workflow's context builder for documents in ``lang``.

    ``lang`` reaches builders that declare a ``lang`` parameter (positions and occupations
    have a Russian wording); a builder without one words everything the same in both
    languages and is called as before. ``act_date_path`` is the step's own act date (see
    ``TransitionSpec.act_date``): builders that declare it look people up on that date;
    for the others the date is applied to the result."""
    from . import contexts  # noqa: F401  (registers the builders)

    build = BUILDERS.get(workflow.context)
    if build is None:
        raise InputError(f"workflow '{workflow.id}': no context builder '{workflow.context}'")
    params = inspect.signature(build).parameters
    kwargs: dict[str, Any] = {"today": today}
    if "lang" in params:
        kwargs["lang"] = lang
    if act_date_path and "act_date_path" in params:
        kwargs["act_date_path"] = act_date_path
    prepared = build(db, case, workflow, **kwargs)
    if act_date_path and "act_date_path" not in params:
        prepared.act_date = parse_date(dotted(case["data"], act_date_path), act_date_path)
    return prepared
