"""What the ЖМБА rules see, and what every stage of the needs-assessment builder shares.

``NeedsFacts`` is what the checks in ``guards/needs_listening.py`` and ``guards/needs_plan.py``
judge; ``Build`` is one build of a case in progress — what the stages
(``contexts/needs_listening.py``, ``contexts/needs_plan.py``) read, and the facts and context
they add. The fixed bilingual wording of the forms is data in
``workflows/labels/needs_assessment.yaml`` (``LABELS``).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from muni.registry.db import Registry

from ..data import parse_date
from ..errors import InputError, SpecError
from ..messages import Say
from ..spec import WORKFLOWS_DIR
from .common import People

AGE_GROUPS = ("18-35", "36-55", "56+")
AGE_BOUNDS = {"18-35": (18, 35), "36-55": (36, 55), "56+": (56, 200)}
CATEGORIES = ("deputy", "staff", "community", "specialist")
ACTION_PLAN_TEMPLATE = "na_action_plan"
LABELS_FILE = WORKFLOWS_DIR / "labels" / "needs_assessment.yaml"


@functools.cache
def labels() -> dict[str, dict[str, Any]]:
    """The forms' fixed wording (``readiness``, ``age_groups``, ``event_kinds``,
    ``funding_sources``, ``hearing_kinds``, ``categories``, ``sexes``), read once."""
    import muni.engine.inputs as inputs  # YAML: only for the procedures that print these

    doc = inputs.parse(inputs.read_text(LABELS_FILE, error=SpecError), LABELS_FILE.name)
    missing = {"readiness", "age_groups", "event_kinds", "funding_sources", "hearing_kinds",
               "categories", "sexes"} - set(doc or {})
    if missing:
        raise SpecError(f"{LABELS_FILE.name}: missing {', '.join(sorted(missing))}")
    return doc


def share(part: int, whole: int) -> int:
    """A percentage rounded half up, as the seed's table computes it (L1114–1134)."""
    if whole <= 0:
        return 0
    return int((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(1), "ROUND_HALF_UP"))


def money(value: Any, where: str) -> Decimal:
    try:
        amount = Decimal(str(value).replace(" ", "").replace(",", "."))
    except InvalidOperation:
        raise InputError(f"{where}: not an amount in som: {value!r}", field=where) from None
    if amount < 0:
        raise InputError(f"{where}: an amount cannot be negative ({value})", field=where)
    return amount


def money_text(amount: Decimal) -> str:
    """«1 200 000,00»: digits grouped by thin spaces, decimal comma — for table cells; sums in
    words use the templates' ``ky_amount`` / ``ru_amount`` filters."""
    whole, frac = f"{amount:.2f}".split(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return f"{' '.join(groups)},{frac}"


@dataclass
class Mismatch:
    """A typed number that disagrees with what the lists give."""

    field: str
    typed: int
    computed: int
    #: The participants' category the number counts (form 8's lines), or None for all.
    category: str | None = None
    #: What gives the computed number: the participants' ``list``, or ``population`` (men +
    #: women of a village).
    source: str = "list"

    def say(self) -> Say:
        """The disagreement as a message (``na.typed_totals``)."""
        difference = f"{self.typed - self.computed:+d}"
        if self.category is not None:
            return Say("na.typed_totals/mismatch_in", field=self.field, typed=self.typed,
                       computed=self.computed, difference=difference, category=self.category)
        return Say("na.typed_totals/mismatch", field=self.field, typed=self.typed,
                   computed=self.computed, difference=difference, source=self.source)


@dataclass
class Event:
    """A scheduled or held event as the rules see it."""

    where: str                       # field path, for messages
    kind: str
    village: str
    date: dt.date | None
    place: str
    facilitators: list[str]          # person ids
    age_group: str | None = None
    total: int = 0
    women: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    ages_outside: list[str] = field(default_factory=list)
    votes: int = 0

    @property
    def label(self) -> str:
        """How a message names the event: ``sessions[2] (session Тасма 18-35)``."""
        group = f" {self.age_group}" if self.age_group else ""
        return f"{self.where} ({self.kind} {self.village}{group})"


@dataclass
class NeedsFacts:
    """What the rules of the needs_assessment workflow check, computed from the case data."""

    act_date: dt.date
    today: dt.date
    municipality: str
    group_case_id: int | None
    group_case: dict | None            # the working_group case, if found
    group_members: set[str]
    group_formed: bool                 # the group case's order is signed (tag ``group_formed``)
    group_formed_states: tuple[str, ...]
    head: dict | None
    signer: str | None
    schedule: list[Event]
    readiness: dict[str, bool]
    sessions: list[Event]
    villages: list[str]                # villages with a session or in `villages`
    village_sessions: dict[str, list[Event]]
    village_top: dict[str, list[str]]  # top problems per village (P-16)
    session_report: dict[str, Any]
    focus_groups: list[Event]
    focus_problems: dict[str, list[str]]
    planning: Event | None
    initiative_date: dt.date | None
    initiative_groups: list[dict[str, Any]]
    action_plan: dict[str, Any] | None
    action_plan_problems: list[str]
    hearing: Event | None
    hearing_votes: dict[str, int] | None
    handover_date: dt.date | None
    action_plan_document: str | None
    mismatches: list[Mismatch]
    names: dict[str, str]              # person id → short name


@dataclass
class Build:
    """One build of a case in progress: what every stage reads (the case, its people on the
    act's date, the forms' wording), and what the stages add — ``facts`` (``NeedsFacts``'
    fields), ``context`` (the forms') and the typed totals their lists contradict."""

    db: Registry
    case: dict
    people: People
    act_date: dt.date
    labels: dict[str, dict[str, Any]]
    facts: dict[str, Any] = field(default_factory=dict)
    context: dict[str, Any] = field(default_factory=dict)
    mismatches: list[Mismatch] = field(default_factory=list)

    @property
    def data(self) -> dict[str, Any]:
        return self.case["data"]

    def facilitators(self, ids: list[str], where: str) -> list[dict[str, str]]:
        """The event's facilitators as the forms list them (members of the working group)."""
        out = []
        for i, pid in enumerate(ids):
            p = self.people.get(pid, f"{where}[{i}]")
            out.append({"short": p.short, "name": p.name, "position": p.position,
                        "role_ky": "жумушчу топтун мүчөсү", "role_ru": "член рабочей группы"})
        return out

    def participants(self, rows: list[dict]) -> tuple[list[dict], int, int, dict[str, int]]:
        """A participants' list as the forms print it: the rows, the total, the women and
        the counts by category."""
        out = []
        counts = {c: 0 for c in CATEGORIES}
        for i, p in enumerate(rows):
            category = p.get("category", "community")
            out.append({"n": i + 1, "name": p["name"], "age": p.get("age", ""),
                        "sex": p["sex"], "sex_label": self.labels["sexes"][p["sex"]],
                        "occupation": p.get("occupation") or p.get("position") or "",
                        "contacts": p.get("contacts", ""), "category": category,
                        "category_label": self.labels["categories"][category],
                        "village": p.get("village", "")})
            counts[category] += 1
        women = sum(1 for p in rows if p["sex"] == "f")
        return out, len(rows), women, counts

    def cross_check(self, data: dict, key: str, where: str, computed: int,
                    category: str | None = None) -> None:
        """A typed total kept as a cross-check of the list it summarises."""
        typed = data.get(key)
        if typed is not None and int(typed) != computed:
            self.mismatches.append(Mismatch(f"{where}.{key}", int(typed), computed, category))


def optional_date(value: Any, where: str) -> dt.date | None:
    return None if value in (None, "") else parse_date(value, where)


def ranked(votes: dict[str, int]) -> list[dict[str, Any]]:
    """Problems by votes, descending; ties keep the order first recorded (stable sort)."""
    rows = sorted(votes.items(), key=lambda kv: -kv[1])
    return [{"rank": i + 1, "problem": p, "votes": v} for i, (p, v) in enumerate(rows)]


def analysis(p: dict) -> dict[str, Any]:
    """A problem as the focus groups and the planning meeting analyse it."""
    res = p.get("resources") or {}
    return {"problem": p["problem"], "description": p.get("description", ""),
            "causes": list(p.get("causes") or []),
            "consequences": list(p.get("consequences") or []),
            "solutions": list(p.get("solutions") or []),
            "resources": {k: res.get(k, "") for k in ("okmotu", "council", "community", "others")}}


def women_ctx(total: int, women: int) -> dict[str, int]:
    return {"total": total, "women": women, "men": total - women,
            "women_share": share(women, total)}
