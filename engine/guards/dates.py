"""The rule every workflow shares: a record states what happened, so no step is recorded before
the date its document bears (an order signed ten days ahead, a session "held" before its date).

Every procedure's facts carry ``act_date`` (the date the step's document states) and ``today``
(the day the step is recorded, or the catch-up date it is judged on).
"""

from __future__ import annotations

from typing import Any

from ..messages import Say
from .base import Result, check


@check("act.date_reached")
def date_reached(f: Any, p: dict[str, Any]) -> Result:
    if f.act_date > f.today:
        return False, Say("act.date_reached/future", act=f.act_date, today=f.today)
    return True, Say("act.date_reached/ok", act=f.act_date, today=f.today)
