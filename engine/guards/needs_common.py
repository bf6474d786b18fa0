"""What the ЖМБА checks share: how a message names an event, a long list cut for a message,
and the share of the less represented sex at an event (the checks are in
``needs_listening.py`` and ``needs_plan.py``)."""

from __future__ import annotations

import math
from typing import Any

from ..contexts.needs_facts import Event, share
from ..messages import Listing, Say, listing
from .base import Result


def join(items: list[Any], limit: int = 8) -> Listing:
    """The first ``limit`` items and how many more: a message names what to fix, not all."""
    return listing(items, limit)


def label(e: Event) -> Say:
    """How a message names an event: ``sessions[2] (session Тасма 18-35)``."""
    if e.age_group:
        return Say("event/aged", where=e.where, kind=e.kind, village=e.village, age=e.age_group)
    return Say("event/label", where=e.where, kind=e.kind, village=e.village)


def women_share(events: list[Event | None], p: dict[str, Any], kind: str) -> Result:
    """Each event's less represented sex is at least ``p["min_share"]`` of its participants;
    ``kind`` names the events when there are none (session, focus_group, …)."""
    minimum = float(p["min_share"])
    held = [e for e in events if e is not None]
    if not held:
        return True, Say("women_share/none", kind=kind)
    low, parts = [], []
    for e in held:
        name = label(e) if e.kind in ("session", "focus_group") else e.where
        parts.append(Say("women_share/part", event=name, women=e.women, total=e.total,
                         pct=share(e.women, e.total)))
        minority = min(e.women, e.total - e.women)
        if e.total and minority < math.ceil(minimum * e.total - 1e-9):
            low.append(Say("women_share/low_item", event=name,
                           sex="f" if e.women <= e.total - e.women else "m",
                           pct=share(minority, e.total)))
    if low:
        return False, Say("women_share/low", share=minimum, items=join(low))
    return True, Say("women_share/ok", items=join(parts, 12))
