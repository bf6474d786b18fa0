"""What the ЖМБА checks share: a long list cut for a message, and the share of the less
represented sex at an event (the checks are in ``needs_listening.py`` and ``needs_plan.py``)."""

from __future__ import annotations

import math
from typing import Any

from ..contexts.needs_facts import Event, share
from .base import Result


def join(items: list[str], limit: int = 8) -> str:
    """The first ``limit`` items and how many more: a message names what to fix, not all."""
    shown = "; ".join(items[:limit])
    return shown + (f"; … and {len(items) - limit} more" if len(items) > limit else "")


def women_share(events: list[Event | None], p: dict[str, Any], what: str) -> Result:
    """Each event's less represented sex is at least ``p["min_share"]`` of its participants."""
    minimum = float(p["min_share"])
    held = [e for e in events if e is not None]
    if not held:
        return True, f"no {what} recorded yet"
    low, parts = [], []
    for e in held:
        pct = share(e.women, e.total)
        label = e.label if e.kind in ("session", "focus_group") else e.where
        parts.append(f"{label}: {e.women} of {e.total} women ({pct} %)")
        minority = min(e.women, e.total - e.women)
        if e.total and minority < math.ceil(minimum * e.total - 1e-9):
            sex = "women" if e.women <= e.total - e.women else "men"
            low.append(f"{label}: {sex} {share(minority, e.total)} %")
    if low:
        return False, (f"the less represented sex is below {minimum:.0%}: " + join(low))
    return True, join(parts, 12)
