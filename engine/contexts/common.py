"""What every context builder shares: the result type, the blank a draft shows, the case's
municipality and its letterhead wording.

Builders are pure functions of recorded data: nothing in ``engine/contexts`` writes. Every
value a document states that can be computed (the group's size, a member's position on the
order's date, the head on record) is computed there, never typed by the clerk.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from muni.registry import directory
from muni.registry.db import Registry

from ..errors import InputError, NotFound
from .wording import Wording, require_russian

#: What a document shows where a value is not known yet (a draft's number).
BLANK = "________"


@dataclass
class Prepared:
    """Everything one step needs: the act's date, facts for guards, context for templates."""

    act_date: dt.date
    facts: Any
    context: dict[str, Any]
    warnings: list[str] = field(default_factory=list)
    #: The case's free text and the Russian wordings its data lacks (``wording.py``).
    wording: Wording | None = None

    def require_wording(self, lang: str, case_id: Any) -> None:
        """Refuse a Russian document whose data lacks the Russian of a text it prints
        (``InputError`` naming each field), unless the case records the kenesh's decision
        to adopt acts in the state language only."""
        if self.wording is not None:
            require_russian(self.wording.missing, self.wording.state_language_only,
                            case_id=case_id, lang=lang)


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


@dataclass(frozen=True)
class Person:
    """A person a case names, as of the act's date: who, and in what capacity. Frozen: a
    batch hands one ``Person`` to every case that names it (``People``)."""

    id: str
    name: str
    short: str                       # "Б. К. Асанов"
    sex: str
    position: str                    # the office held then, else the occupation ("" if none)
    category: str                    # staff | deputy | community
    offices: tuple[str, ...]         # roles held in the municipality then
    contacts: str
    row: dict[str, Any]              # the registry's row (shared: copy it to change it)

    def ctx(self) -> dict[str, str]:
        """What a document prints of a person."""
        return {"name": self.name, "short": self.short, "position": self.position,
                "contacts": self.contacts}


#: What a document prints where no person is named.
NOBODY = {"name": BLANK, "short": BLANK, "position": "", "contacts": ""}


class People:
    """Person ids a case names, resolved once each against the registry.

    The one person resolver of every builder: a person must exist and belong to the case's
    municipality (the error names the field, e.g. ``group.members[2]``); offices are those
    held in the municipality on ``on`` (the act's date); positions and occupations are
    worded in ``lang`` (the registry's ``*_ru`` columns for Russian documents).

    A person resolved is also kept in ``known``, for the next case of a batch that names
    them: while the directory's rows are remembered (``directory.remembering``), ``known``
    is kept with them (``directory.derived``) and forgotten with them, so a step never sees
    a person the directory no longer says. A ``Person`` is a function of the person's row,
    the offices held on ``on`` in ``municipality`` and ``lang`` — except in Russian with a
    case's glossary (``Wording``), which may word what the registry lacks and notes what
    neither has: those are worked out for each case.
    """

    def __init__(self, db: Registry, municipality: str, on: dt.date, lang: str = "ky",
                 wording: Wording | None = None):
        self.db, self.municipality, self.on, self.lang = db, municipality, on, lang
        self.wording = wording
        self.cache: dict[str, Person] = {}
        self.known: dict[str, Person] = (
            directory.derived(db, ("people", municipality, on.isoformat(), lang), dict)
            if lang != "ru" or wording is None else {})

    def get(self, person_id: Any, where: str) -> Person:
        """The person ``person_id`` names at field ``where``; ``InputError`` if unknown or of
        another municipality."""
        key = str(person_id) if person_id not in (None, "") else ""
        if key not in self.cache and key in self.known:
            self.cache[key] = self.known[key]
        if key not in self.cache:
            row = directory.person(self.db, key) if key else None
            if row is None:
                raise InputError(f"{where}: unknown person '{person_id}' (import people "
                                 "first)", field=where)
            if row["municipality"] != self.municipality:
                raise InputError(f"{where}: '{person_id}' belongs to municipality "
                                 f"'{row['municipality']}', not '{self.municipality}'",
                                 field=where)
            offices = directory.offices_on(self.db, self.municipality, [row["id"]],
                                           self.on.isoformat())[row["id"]]
            self.cache[key] = self.known[key] = self._person(row, offices)
        return self.cache[key]

    def preload(self, person_ids: Iterable[Any]) -> None:
        """Resolve many ids in two queries — a group of twenty is not forty round trips in a
        batch of thousands of steps. ``get`` still judges each id where a field names it
        (an unknown person, one of another municipality: its error names the field)."""
        keys = []
        for k in dict.fromkeys(str(p) for p in person_ids if p not in (None, "")):
            if k in self.known:
                self.cache[k] = self.known[k]
            elif k not in self.cache:
                keys.append(k)
        if not keys:
            return
        rows = directory.people(self.db, keys)
        ours = [pid for pid, row in rows.items() if row["municipality"] == self.municipality]
        offices = directory.offices_on(self.db, self.municipality, ours, self.on.isoformat())
        for pid in ours:
            self.cache[pid] = self.known[pid] = self._person(rows[pid], offices[pid])

    def _person(self, row: dict[str, Any], offices: list[dict]) -> Person:
        staff = [o for o in offices if o["role"] in directory.STAFF_ROLES]
        council = [o for o in offices if o["role"] in directory.COUNCIL_ROLES]
        who = f"person {row['id']}"
        return Person(
            id=row["id"], name=row["name"], short=directory.short_name(row),
            sex=row["sex"],
            position=(self.worded(staff[0] if staff else None, "position", who)
                      or self.worded(council[0] if council else None, "position", who)
                      or self.worded(row, "occupation", who) or ""),
            category="staff" if staff else "deputy" if council else "community",
            offices=tuple(sorted({o["role"] for o in offices})),
            contacts=", ".join(x for x in (row.get("phone"), row.get("email")) if x),
            row=row)

    def optional(self, person_id: Any, where: str) -> Person | None:
        """``get`` where the field may be empty (None then)."""
        return self.get(person_id, where) if person_id not in (None, "") else None

    def ctx(self, person_id: Any, where: str) -> dict[str, str]:
        """What a document prints of the person at ``where`` (blanks when none is named)."""
        person = self.optional(person_id, where)
        return person.ctx() if person else dict(NOBODY)

    def worded(self, row: dict | None, key: str, where: str = "") -> str | None:
        """``row[key]`` in the document's language: ``<key>_ru`` for Russian where the
        registry has it, else the case's glossary (``Wording``), which notes a wording
        neither has; without a ``Wording``, the Kyrgyz wording the row always has."""
        if not row:
            return None
        if self.lang != "ru":
            return row.get(key)
        ru, ky = row.get(f"{key}_ru"), row.get(key)
        if ru or not ky or self.wording is None:
            return ru or ky
        return self.wording.get(ky, f"{where}.{key}" if where else key, "ru")

    @property
    def short_names(self) -> dict[str, str]:
        """Every person resolved so far: id → short name."""
        return {pid: p.short for pid, p in self.cache.items()}
