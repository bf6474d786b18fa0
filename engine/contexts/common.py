"""What every context builder shares: the result type, the blank a draft shows, the case's
municipality and its letterhead wording.

Builders are pure functions of recorded data: nothing in ``engine/contexts`` writes. Every
value a document states that can be computed (the group's size, a member's position on the
order's date, the head on record) is computed there, never typed by the clerk.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from muni.registry import directory
from muni.registry.db import Registry

from ..errors import NotFound

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
    """The municipality as every letterhead names it, in both languages."""
    keys = ("code", "oblast_ky", "oblast_ru", "rayon_ky", "rayon_ru", "aimak_ky", "aimak_ru",
            "seat_ky", "seat_ru")
    return {k: row[k] for k in keys}
