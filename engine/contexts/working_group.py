"""ЖМБА working group (seed 002, form 1): members resolved on the order's date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from muni.registry import directory
from muni.registry.db import Registry

from ..data import dotted, parse_date
from ..errors import InputError
from ..spec import Workflow
from .common import (
    BLANK,
    People,
    Prepared,
    case_municipality,
    municipality_context,
)
from .wording import Wording


@dataclass
class Member:
    """A person in the working group, as of the order's date."""

    person: str
    name: str
    short_name: str
    sex: str
    role: str                      # chair | secretary | member
    category: str                  # staff | deputy | community
    position: str
    contacts: str
    offices: list[str]


@dataclass
class WorkingGroupFacts:
    act_date: dt.date
    today: dt.date
    initiative_date: dt.date
    chair: Member | None
    secretary: Member | None
    members: list[Member]
    head: dict | None               # the head on record on the order's date
    signer: str | None              # person id the case names as signer, if any

    @property
    def everyone(self) -> list[Member]:
        return [m for m in (self.chair, self.secretary) if m] + self.members


def _member(people: People, entry: Any, role: str, where: str) -> Member:
    """A group member: the person (``People``: known, of this municipality, offices on the
    order's date) in ``role``; an entry may override the position and contacts printed."""
    override: dict[str, Any] = entry if isinstance(entry, dict) else {}
    p = people.get(override.get("person") if override else entry, where)
    return Member(person=p.id, name=p.name, short_name=p.short, sex=p.sex, role=role,
                  category=p.category,
                  position=people.worded(override, "position", where) or p.position,
                  contacts=override.get("contacts") or p.contacts,
                  offices=list(p.offices))


def build_working_group(db: Registry, case: dict, workflow: Workflow, *,
                        today: dt.date, lang: str = "ky",
                        act_date_path: str | None = None) -> Prepared:
    """ЖМБА working group (seed 002, form 1): members resolved on the order's date; positions
    worded in the document's language ``lang``."""
    data = case["data"]
    code = case["municipality"]
    mun = case_municipality(db, case)
    date_path = act_date_path or workflow.act_date
    act_date = parse_date(dotted(data, date_path), date_path)
    initiative_date = parse_date(dotted(data, "initiative.date"), "initiative.date")
    group = data.get("group") or {}
    wording = Wording(data, lang, case.get("id"))
    people = People(db, code, act_date, lang, wording)
    people.preload([group.get("chair"), group.get("secretary"), data.get("responsible"),
                    *((e.get("person") if isinstance(e, dict) else e)
                      for e in group.get("members") or [])])
    chair = (_member(people, group["chair"], "chair", "group.chair")
             if group.get("chair") else None)
    secretary = (_member(people, group["secretary"], "secretary", "group.secretary")
                 if group.get("secretary") else None)
    members = [_member(people, e, "member", f"group.members[{i}]")
               for i, e in enumerate(group.get("members") or [])]
    seen: dict[str, str] = {}
    for label, m in ([("group.chair", chair), ("group.secretary", secretary)]
                     + [(f"group.members[{i}]", m) for i, m in enumerate(members)]):
        if m is None:
            continue
        if m.person in seen:
            raise InputError(f"{label}: '{m.person}' is already listed as {seen[m.person]}",
                             field=label)
        seen[m.person] = label
    heads = directory.holders_on(db, code, "head", act_date.isoformat())
    head = heads[0] if heads else None
    responsible = people.optional(data.get("responsible"), "responsible")
    facts = WorkingGroupFacts(
        act_date=act_date, today=today, initiative_date=initiative_date, chair=chair,
        secretary=secretary, members=members, head=head,
        signer=dotted(data, "order.signer"),
    )

    def person_ctx(m: Member | None) -> dict[str, str]:
        if m is None:
            return {"name": BLANK, "position": "", "contacts": ""}
        return {"name": m.name, "position": m.position, "contacts": m.contacts}

    context = {
        "draft": False,
        "municipality": municipality_context(mun),
        "order": {"number": BLANK, "date": act_date},
        "head": {"name": directory.short_name(head) if head else BLANK},
        "responsible": {"name": responsible.short if responsible else BLANK},
        "group": {
            "size": len(facts.everyone),
            "chair": person_ctx(chair),
            "secretary": person_ctx(secretary),
            "members": [person_ctx(m) for m in members],
        },
    }
    return Prepared(act_date=act_date, facts=facts, context=context, wording=wording)


