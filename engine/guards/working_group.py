"""Rules for forming the ЖМБА working group (seed 002, organisational stage, form 1).

Each function gets the facts computed on the order's date and the rule's parameters from the
profile in force; it returns ``(ok, Say(key, **values))``, worded for the clerk by the
catalogs ``workflows/messages/*.ftl`` (``group-min_size`` and so on).
"""

from __future__ import annotations

import math
from typing import Any

from ..contexts.working_group import WorkingGroupFacts
from ..messages import Say, listing
from .base import Result, check, head_on_record


@check("order.not_before_initiative")
def order_not_before_initiative(f: WorkingGroupFacts, p: dict[str, Any]) -> Result:
    if f.act_date < f.initiative_date:
        return False, Say("order.not_before_initiative/before", act=f.act_date,
                          initiative=f.initiative_date)
    return True, Say("order.not_before_initiative/ok", act=f.act_date,
                     initiative=f.initiative_date)


@check("order.signer_is_head")
def order_signer_is_head(f: WorkingGroupFacts, p: dict[str, Any]) -> Result:
    return head_on_record(f.head, f.signer, f.act_date, "order.signer")


@check("order.in_effect")
def order_in_effect(f: WorkingGroupFacts, p: dict[str, Any]) -> Result:
    if f.act_date > f.today:
        return False, Say("order.in_effect/future", act=f.act_date)
    return True, Say("order.in_effect/ok", act=f.act_date, today=f.today)


@check("group.min_size")
def group_min_size(f: WorkingGroupFacts, p: dict[str, Any]) -> Result:
    size, minimum = len(f.everyone), int(p["min"])
    if size < minimum:
        return False, Say("group.min_size/too_small", size=size, min=minimum)
    return True, Say("group.min_size/ok", size=size, min=minimum)


@check("group.chair_is_staff")
def group_chair_is_staff(f: WorkingGroupFacts, p: dict[str, Any]) -> Result:
    if f.chair is None:
        return False, Say("group.chair_is_staff/none")
    if f.chair.category != "staff":
        offices = [Say("office/role", role=r) for r in f.chair.offices]
        return False, Say("group.chair_is_staff/not_staff", name=f.chair.name, on=f.act_date,
                          offices=listing(offices, None, ", "), count=len(offices))
    return True, Say("group.chair_is_staff/ok", name=f.chair.name, position=f.chair.position)


@check("group.secretary_named")
def group_secretary_named(f: WorkingGroupFacts, p: dict[str, Any]) -> Result:
    if f.secretary is None:
        return False, Say("group.secretary_named/none")
    return True, Say("group.secretary_named/ok", name=f.secretary.name)


@check("group.gender_balance")
def group_gender_balance(f: WorkingGroupFacts, p: dict[str, Any]) -> Result:
    size = len(f.everyone)
    if size == 0:
        return False, Say("group.gender_balance/empty")
    women = sum(1 for m in f.everyone if m.sex == "f")
    men = size - women
    minority = min(women, men)
    share = float(p["min_share"])
    needed = math.ceil(share * size - 1e-9)
    if minority < needed:
        return False, Say("group.gender_balance/low", women=women, men=men, size=size,
                          minority=minority / size, share=share, needed=needed,
                          sex="f" if women <= men else "m")
    return True, Say("group.gender_balance/ok", women=women, men=men, size=size,
                     minority=minority / size)


@check("group.composition")
def group_composition(f: WorkingGroupFacts, p: dict[str, Any]) -> Result:
    present = {m.category for m in f.everyone}
    missing = [c for c in p["required"] if c not in present]
    if missing:
        return False, Say("group.composition/missing", missing=listing(
            [Say("group.composition/lacks", category=c) for c in missing], None))
    counts = [Say("group.composition/count", category=c,
                  n=sum(1 for m in f.everyone if m.category == c)) for c in p["required"]]
    return True, Say("group.composition/ok", counts=listing(counts, None, ", "))
