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
    Prepared,
    case_municipality,
    municipality_context,
)


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


def _worded(row: dict | None, key: str, lang: str) -> str | None:
    """``row[key]`` in the document's language: the optional ``<key>_ru`` for Russian
    documents, falling back to the Kyrgyz wording the registry always has."""
    if not row:
        return None
    return (row.get(f"{key}_ru") if lang == "ru" else None) or row.get(key)


def _member(db: Registry, municipality: str, entry: Any, role: str, where: str,
            on: dt.date, lang: str = "ky") -> Member:
    override: dict[str, Any] = {}
    if isinstance(entry, dict):
        override = entry
        person_id = entry.get("person")
    else:
        person_id = entry
    person = directory.person(db, str(person_id)) if person_id else None
    if person is None:
        raise InputError(f"{where}: unknown person '{person_id}' (import people first)",
                         field=where)
    if person["municipality"] != municipality:
        raise InputError(f"{where}: '{person_id}' belongs to municipality "
                         f"'{person['municipality']}', not '{municipality}'", field=where)
    offices = directory.offices_on(db, municipality, [person["id"]], on.isoformat())[person["id"]]
    roles = {o["role"] for o in offices}
    staff = [o for o in offices if o["role"] in directory.STAFF_ROLES]
    council = [o for o in offices if o["role"] in directory.COUNCIL_ROLES]
    category = "staff" if staff else "deputy" if council else "community"
    position = (_worded(override, "position", lang)
                or _worded(staff[0] if staff else None, "position", lang)
                or _worded(council[0] if council else None, "position", lang)
                or _worded(person, "occupation", lang) or "")
    contacts = override.get("contacts") or ", ".join(
        x for x in (person.get("phone"), person.get("email")) if x)
    return Member(person=person["id"], name=person["name"], short_name=directory.short_name(person),
                  sex=person["sex"], role=role, category=category, position=position,
                  contacts=contacts, offices=sorted(roles))


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
    chair = (_member(db, code, group["chair"], "chair", "group.chair", act_date, lang)
             if group.get("chair") else None)
    secretary = (_member(db, code, group["secretary"], "secretary", "group.secretary",
                         act_date, lang)
                 if group.get("secretary") else None)
    members = [_member(db, code, e, "member", f"group.members[{i}]", act_date, lang)
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
    responsible_id = data.get("responsible")
    responsible = directory.person(db, responsible_id) if responsible_id else None
    if responsible_id and responsible is None:
        raise InputError(f"responsible: unknown person '{responsible_id}'", field="responsible")
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
        "responsible": {"name": directory.short_name(responsible) if responsible else BLANK},
        "group": {
            "size": len(facts.everyone),
            "chair": person_ctx(chair),
            "secretary": person_ctx(secretary),
            "members": [person_ctx(m) for m in members],
        },
    }
    return Prepared(act_date=act_date, facts=facts, context=context)


