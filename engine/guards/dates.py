"""The rule every workflow shares: a record states what happened, so no step is recorded before
the date its document bears (an order signed ten days ahead, a session "held" before its date).

Every procedure's facts carry ``act_date`` (the date the step's document states) and ``today``
(the day the step is recorded, or the catch-up date it is judged on).
"""

from __future__ import annotations

from typing import Any

from .base import Result, check


@check("act.date_reached")
def date_reached(f: Any, p: dict[str, Any]) -> Result:
    if f.act_date > f.today:
        return False, (f"the document is dated {f.act_date}; it cannot be recorded on "
                       f"{f.today}, before that date has come")
    return True, f"dated {f.act_date}; recorded on {f.today}"
