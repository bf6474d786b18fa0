"""Rules for forming the ЖМБА working group (seed 002, organisational stage, form 1).

Each function gets the facts computed on the order's date and the rule's parameters from the
profile in force; it returns ``(ok, message)`` with a message a clerk can act on.
"""

from __future__ import annotations

import math
from typing import Any

from ..contexts.working_group import WorkingGroupFacts
from .base import Result, check, head_on_record

CATEGORY_NAMES = {
    "staff": "ayil okmotu staff",
    "deputy": "council deputies",
    "community": "community representatives",
}


@check("order.not_before_initiative")
def order_not_before_initiative(f: WorkingGroupFacts, p: dict[str, Any]) -> Result:
    if f.act_date < f.initiative_date:
        return False, (f"the order is dated {f.act_date}, before the council's initiative of "
                       f"{f.initiative_date}")
    return True, f"order {f.act_date} is on or after the initiative of {f.initiative_date}"


@check("order.signer_is_head")
def order_signer_is_head(f: WorkingGroupFacts, p: dict[str, Any]) -> Result:
    return head_on_record(f.head, f.signer, f.act_date, "order.signer")


@check("order.in_effect")
def order_in_effect(f: WorkingGroupFacts, p: dict[str, Any]) -> Result:
    if f.act_date > f.today:
        return False, f"the order is dated {f.act_date}; the group can start work from that day"
    return True, f"the order of {f.act_date} is in effect on {f.today}"


@check("group.min_size")
def group_min_size(f: WorkingGroupFacts, p: dict[str, Any]) -> Result:
    size, minimum = len(f.everyone), int(p["min"])
    if size < minimum:
        return False, f"the group has {size} members; at least {minimum} are required"
    return True, f"the group has {size} members (at least {minimum})"


@check("group.chair_is_staff")
def group_chair_is_staff(f: WorkingGroupFacts, p: dict[str, Any]) -> Result:
    if f.chair is None:
        return False, "no chair is named (group.chair)"
    if f.chair.category != "staff":
        return False, (f"the chair {f.chair.name} holds no ayil okmotu staff office on "
                       f"{f.act_date} (offices: {', '.join(f.chair.offices) or 'none'})")
    return True, f"the chair {f.chair.name} is {f.chair.position}"


@check("group.secretary_named")
def group_secretary_named(f: WorkingGroupFacts, p: dict[str, Any]) -> Result:
    if f.secretary is None:
        return False, "no secretary is named (group.secretary)"
    return True, f"the secretary is {f.secretary.name}"


@check("group.gender_balance")
def group_gender_balance(f: WorkingGroupFacts, p: dict[str, Any]) -> Result:
    size = len(f.everyone)
    if size == 0:
        return False, "the group has no members"
    women = sum(1 for m in f.everyone if m.sex == "f")
    men = size - women
    minority = min(women, men)
    share = float(p["min_share"])
    needed = math.ceil(share * size - 1e-9)
    counts = (f"{women} {'woman' if women == 1 else 'women'} and "
              f"{men} {'man' if men == 1 else 'men'} of {size}")
    if minority < needed:
        sex = "women" if women <= men else "men"
        return False, (f"{counts}: {sex} are {minority / size:.0%}; the less represented sex "
                       f"must be at least {share:.0%} ({needed} of {size})")
    return True, f"{counts}: the less represented sex is {minority / size:.0%}"


@check("group.composition")
def group_composition(f: WorkingGroupFacts, p: dict[str, Any]) -> Result:
    present = {m.category for m in f.everyone}
    missing = [c for c in p["required"] if c not in present]
    if missing:
        return False, "the group has no " + " and no ".join(CATEGORY_NAMES[c] for c in missing)
    counts = {c: sum(1 for m in f.everyone if m.category == c) for c in p["required"]}
    return True, ", ".join(f"{n} {CATEGORY_NAMES[c]}" for c, n in counts.items())
