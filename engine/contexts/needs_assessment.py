"""ЖМБА needs assessment (seed 002, forms 2–10): from the approved plan to the joint action plan.

Everything a form states that can be computed is computed here, once, from the recorded lists:
participant counts and women's shares, protocol numbers, vote rankings per session, the
village priorities (similar problems merged, votes summed, top five — rule P-16), focus-group
counts by category, funding totals of the БАП. Typed totals in the case data are kept only as
cross-checks (``NeedsFacts.mismatches``), so a document can never state a number its own lists
contradict.

The builder is tolerant of missing later stages (the case data grows step by step): a section
not yet recorded yields empty lists, and the rules of the step that needs it say what is
missing. It raises ``InputError`` only for references that cannot be resolved (an unknown
person id, a malformed date).
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import muni.engine.tags as tags
from muni.registry import cases, directory, documents
from muni.registry.db import Registry

from ..data import dotted, parse_date
from ..errors import InputError
from ..spec import Workflow, load
from .common import (
    BLANK,
    People,
    Prepared,
    case_municipality,
    municipality_context,
)

AGE_GROUPS = ("18-35", "36-55", "56+")
AGE_BOUNDS = {"18-35": (18, 35), "36-55": (36, 55), "56+": (56, 200)}
AGE_LABEL = {
    # form 7 table titles (seed L2245, L2262, L2279) and the protocol's participants line (L2392)
    "18-35": {"ky": "18 – 35 жаштагылардын тобу", "ky_of": "18ден 35 жашка чейинки",
              "ru": "группа 18–35 лет", "ru_of": "в возрасте от 18 до 35 лет"},
    "36-55": {"ky": "36 – 55 жаштагылардын тобу", "ky_of": "36дан 55 жашка чейинки",
              "ru": "группа 36–55 лет", "ru_of": "в возрасте от 36 до 55 лет"},
    "56+": {"ky": "56 жаштан жогорулардын тобу", "ky_of": "56 жаштан жогорку",
            "ru": "группа 56 лет и старше", "ru_of": "в возрасте 56 лет и старше"},
}
#: The readiness checklist, verbatim (seed 002 L1223–1231), in the seed's order.
READINESS = OrderedDict([
    ("group_created", {"ky": "ЖМБА-иш-чараларын өткөрүү боюнча жумушчу топ түзүлдүбү?",
                       "ru": "Создана ли рабочая группа по проведению мероприятий СИНС?"}),
    ("training", {"ky": "Жумушчу топтун мүчөлөрү үчүн окуулар өткөрүлдүбү?",
                  "ru": "Проведено ли обучение членов рабочей группы?"}),
    ("programmes", {"ky": "Иш-чаралардын программалары даярбы?",
                    "ru": "Готовы ли программы мероприятий?"}),
    ("stationery", {"ky": "Кеңсе товарлары сатып алынып, бөлүштүрүлдүбү?",
                    "ru": "Закуплены и распределены ли канцелярские товары?"}),
    ("roles", {"ky": "Жумушчу топтун мүчөлөрүнүн ролдору бөлүштүрүлдүбү?",
               "ru": "Распределены ли роли членов рабочей группы?"}),
    ("schedule", {"ky": "ЖМБА-иш-чараларынын графиги аныкталдыбы?",
                  "ru": "Определён ли график мероприятий СИНС?"}),
    ("invited", {"ky": "ЖМБА-иш-чараларынын катышуучулары чакырылдыбы?",
                 "ru": "Приглашены ли участники мероприятий СИНС?"}),
    ("venues", {"ky": "ЖМБА-иш-чаралары өтчү жер даярбы?",
                "ru": "Готовы ли места проведения мероприятий СИНС?"}),
])
EVENT_KIND = {
    "session": {"ky": "ЖМБА-сессия", "ru": "СИНС-сессия"},
    "focus_group": {"ky": "ЖМБА-фокус-топ", "ru": "СИНС-фокус-группа"},
    "planning_meeting": {"ky": "Пландоо жолугушуусу", "ru": "Планировочная встреча"},
    "hearing": {"ky": "Коомдук угуу", "ru": "Публичные слушания"},
}
FUNDING_SOURCE = {
    "local_budget": {"ky": "Жергиликтүү бюджет", "ru": "Местный бюджет"},
    "republican_budget": {"ky": "Республикалык бюджет", "ru": "Республиканский бюджет"},
    "community": {"ky": "Жамааттын салымы", "ru": "Вклад сообщества"},
    "donor": {"ky": "Донорлор", "ru": "Доноры"},
    "business": {"ky": "Жеке сектор", "ru": "Частный сектор"},
    "other": {"ky": "Башка булактар", "ru": "Другие источники"},
}
HEARING_KIND = {
    "assembly": {"ky": "элеттик чогулуш", "ky_of": "элеттик чогулуштун",
                 "ru": "сход граждан", "ru_of": "схода граждан"},
    "public_hearing": {"ky": "коомдук угуу", "ky_of": "коомдук угуунун",
                       "ru": "публичные слушания", "ru_of": "публичных слушаний"},
}
CATEGORIES = ("deputy", "staff", "community", "specialist")
#: Form 8's lines (seed L2324–2328; «адистер» from the text, L1786) and the sheets' column.
CATEGORY_LABEL = {
    "deputy": {"ky": "АК депутаты", "ru": "депутат АК"},
    "staff": {"ky": "АӨ кызматкери", "ru": "сотрудник АО"},
    "community": {"ky": "БӨУ/жамаат", "ru": "НКО/сообщ."},
    "specialist": {"ky": "адис", "ru": "специалист"},
}
SEX_LABEL = {"f": {"ky": "аял", "ru": "ж"}, "m": {"ky": "эркек", "ru": "м"}}
ACTION_PLAN_TEMPLATE = "na_action_plan"


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
    what: str

    def __str__(self) -> str:
        return (f"{self.field} says {self.typed}, but {self.what} gives {self.computed} "
                f"(difference {self.typed - self.computed:+d})")


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


def _date(value: Any, where: str) -> dt.date | None:
    return None if value in (None, "") else parse_date(value, where)


def _group_members(group_case: dict | None) -> set[str]:
    if group_case is None:
        return set()
    group = (group_case.get("data") or {}).get("group") or {}
    entries = [group.get("chair"), group.get("secretary"), *(group.get("members") or [])]
    ids = set()
    for e in entries:
        if isinstance(e, dict):
            e = e.get("person")
        if e:
            ids.add(str(e))
    return ids


def _participants(rows: list[dict], where: str) -> tuple[list[dict], int, int, dict[str, int]]:
    out = []
    counts = {c: 0 for c in CATEGORIES}
    for i, p in enumerate(rows):
        category = p.get("category", "community")
        out.append({"n": i + 1, "name": p["name"], "age": p.get("age", ""),
                    "sex": p["sex"], "sex_label": SEX_LABEL[p["sex"]],
                    "occupation": p.get("occupation") or p.get("position") or "",
                    "contacts": p.get("contacts", ""), "category": category,
                    "category_label": CATEGORY_LABEL[category],
                    "village": p.get("village", "")})
        counts[p.get("category", "community")] += 1
    women = sum(1 for p in rows if p["sex"] == "f")
    return out, len(rows), women, counts


def _cross_check(mismatches: list[Mismatch], data: dict, key: str, where: str, computed: int,
                 what: str) -> None:
    typed = data.get(key)
    if typed is not None and int(typed) != computed:
        mismatches.append(Mismatch(f"{where}.{key}", int(typed), computed, what))


def _ranked(votes: dict[str, int]) -> list[dict[str, Any]]:
    """Problems by votes, descending; ties keep the order first recorded (stable sort)."""
    rows = sorted(votes.items(), key=lambda kv: -kv[1])
    return [{"rank": i + 1, "problem": p, "votes": v} for i, (p, v) in enumerate(rows)]


def _analysis(p: dict) -> dict[str, Any]:
    res = p.get("resources") or {}
    return {"problem": p["problem"], "description": p.get("description", ""),
            "causes": list(p.get("causes") or []),
            "consequences": list(p.get("consequences") or []),
            "solutions": list(p.get("solutions") or []),
            "resources": {k: res.get(k, "") for k in ("okmotu", "council", "community", "others")}}


def _women_ctx(total: int, women: int) -> dict[str, int]:
    return {"total": total, "women": women, "men": total - women, "women_share": share(women,
                                                                                       total)}


def build_needs_assessment(db: Registry, case: dict, workflow: Workflow, *,
                           today: dt.date, lang: str = "ky",
                           act_date_path: str | None = None) -> Prepared:
    """ЖМБА needs assessment: facts for the rules and the context of forms 2–10 and the БАП.

    Both languages' fixed wording travels in the context (``label.ky`` / ``label.ru``) and the
    template picks its own; ``lang`` selects the registry's wording of positions."""
    data = case["data"]
    code = case["municipality"]
    mun = case_municipality(db, case)
    # The plan order's date, or the step's own (the initiative-groups order, issued later).
    date_path = act_date_path or workflow.act_date
    act_date = parse_date(dotted(data, date_path), date_path)
    people = People(db, code, act_date, lang)
    mismatches: list[Mismatch] = []

    group_case_id = data.get("working_group_case")
    group_case = cases.get(db, int(group_case_id)) if group_case_id else None
    if group_case is not None and (group_case["workflow"] != "working_group"
                                   or group_case["municipality"] != code):
        group_case = {**group_case, "foreign": True}
    members = _group_members(group_case) if group_case and not group_case.get("foreign") \
        else set()
    groups = load("working_group")

    heads = directory.holders_on(db, code, "head", act_date.isoformat())
    head = heads[0] if heads else None

    def facil(ids: list[str], where: str) -> list[dict[str, str]]:
        out = []
        for i, pid in enumerate(ids):
            p = people.get(pid, f"{where}[{i}]")
            role_ky = "жумушчу топтун мүчөсү"
            out.append({"short": p.short, "name": p.name, "position": p.position,
                        "role_ky": role_ky, "role_ru": "член рабочей группы"})
        return out

    # --- plan (annex 1) and schedule (annex 2) -------------------------------------------
    plan_rows = []
    for i, row in enumerate(data.get("plan") or []):
        where = f"plan[{i}]"
        plan_rows.append({"n": i + 1, "activity": row["activity"],
                          "due": parse_date(row["due"], f"{where}.due"),
                          "responsible": people.get(row["responsible"],
                                                    f"{where}.responsible").short,
                          "result": row.get("result", "")})
    schedule: list[Event] = []
    schedule_rows = []
    for i, ev in enumerate(data.get("schedule") or []):
        where = f"schedule[{i}]"
        date = _date(ev.get("date"), f"{where}.date")
        ids = list(ev.get("facilitators") or [])
        schedule.append(Event(where=where, kind=ev["kind"], village=ev["village"], date=date,
                              place=ev.get("place", ""), facilitators=ids,
                              age_group=ev.get("age_group")))
        schedule_rows.append({
            "n": i + 1, "event": ev["event"], "kind": EVENT_KIND[ev["kind"]],
            "village": ev["village"],
            "group": AGE_LABEL[ev["age_group"]] if ev.get("age_group") else {"ky": "", "ru": ""},
            "date": date or BLANK, "time": ev.get("time", ""), "place": ev.get("place", ""),
            "facilitators": ", ".join(f["short"] for f in facil(ids, f"{where}.facilitators")),
            "planned": ev.get("planned", ""),
        })
    readiness_data = data.get("readiness") or {}
    readiness = {k: bool(readiness_data.get(k, False)) for k in READINESS}

    # --- programmes (form 5): slots and facilitators per village, from the schedule --------
    programmes = []
    for village in dict.fromkeys(e.village for e in schedule if e.kind == "session"):
        evs = [(e, r) for e, r in zip(schedule, schedule_rows, strict=True)
               if e.village == village and e.kind == "session"]
        slots: dict[str, int] = {}
        for _, r in evs:
            slots[r["time"] or BLANK] = slots.get(r["time"] or BLANK, 0) + 1
        focus = next(((e, r) for e, r in zip(schedule, schedule_rows, strict=True)
                      if e.village == village and e.kind == "focus_group"), None)
        dates = sorted({e.date for e, _ in evs if e.date})
        programmes.append({
            "village": village, "dates": dates, "date": dates[0] if dates else BLANK,
            "slots": [{"time": t, "groups": n} for t, n in sorted(slots.items())],
            "planned": max((r["planned"] for _, r in evs if r["planned"] != ""), default=BLANK),
            "facilitators": ", ".join(dict.fromkeys(
                x.strip() for _, r in evs for x in r["facilitators"].split(",") if x.strip())),
            "focus": {"date": focus[1]["date"] if focus else BLANK,
                      "time": focus[1]["time"] if focus else BLANK,
                      "place": focus[1]["place"] if focus else "",
                      "facilitators": focus[1]["facilitators"] if focus else ""},
        })

    # --- sessions (forms 6 and 10) -------------------------------------------------------
    villages_rows = list(data.get("villages") or [])
    order: list[str] = [v["name"] for v in villages_rows]
    raw_sessions = list(data.get("sessions") or [])
    for s in raw_sessions:
        if s["village"] not in order:
            order.append(s["village"])
    time_of = {ev["event"]: ev.get("time", "") for ev in data.get("schedule") or []}
    indexed = sorted(enumerate(raw_sessions),
                     key=lambda it: (order.index(it[1]["village"]), it[1]["date"],
                                     time_of.get(it[1].get("event", ""), ""),
                                     AGE_GROUPS.index(it[1]["age_group"])))
    sessions: list[Event] = []
    session_ctx = []
    village_sessions: dict[str, list[Event]] = {v: [] for v in order}
    numbers: dict[str, int] = {}
    merge = dict((data.get("session_report") or {}).get("merge") or {})
    for i, s in indexed:
        where = f"sessions[{i}]"
        date = parse_date(s["date"], f"{where}.date")
        plist, total, women, _ = _participants(s["participants"], f"{where}.participants")
        _cross_check(mismatches, s, "participants_total", where, total,
                     "the participants' list")
        _cross_check(mismatches, s, "women", where, women, "the participants' list")
        low, high = AGE_BOUNDS[s["age_group"]]
        outside = [f"{p['name']} ({p['age']})" for p in plist
                   if isinstance(p["age"], int) and not low <= p["age"] <= high]
        numbers[s["village"]] = numbers.get(s["village"], 0) + 1
        problems = _ranked({p["problem"]: int(p["votes"]) for p in s["problems"]})
        votes = sum(p["votes"] for p in problems)
        ev = Event(where=where, kind="session", village=s["village"], date=date,
                   place=s["place"], facilitators=list(s["facilitators"]),
                   age_group=s["age_group"], total=total, women=women, ages_outside=outside,
                   votes=votes)
        sessions.append(ev)
        village_sessions[s["village"]].append(ev)
        disc = s.get("discussion") or {}
        tokoch = [{"item": t["item"], "share": t["share"]} for t in disc.get("tokoch") or []]
        session_ctx.append({
            "number": numbers[s["village"]], "village": s["village"], "date": date,
            "place": s["place"], "group": AGE_LABEL[s["age_group"]],
            "age_group": s["age_group"],
            "facilitators": facil(s["facilitators"], f"{where}.facilitators"),
            **_women_ctx(total, women), "participants": plist,
            "resources": disc.get("resources", ""), "venn": list(disc.get("venn") or []),
            "tokoch": tokoch, "tokoch_total": sum(t["share"] for t in tokoch),
            "notes": disc.get("notes", ""), "problems": problems, "votes": votes,
        })

    # --- village priorities (form 7, rule P-16) ------------------------------------------
    village_top: dict[str, list[str]] = {}
    village_ctx = []
    aa_votes: dict[str, int] = {}
    report = data.get("session_report") or {}
    descriptions = report.get("descriptions") or {}
    top_n = 5
    for name in order:
        info = next((v for v in villages_rows if v["name"] == name), {"name": name})
        votes: dict[str, int] = {}
        for s in (x for x in session_ctx if x["village"] == name):
            for p in s["problems"]:
                key = merge.get(p["problem"], p["problem"])
                votes[key] = votes.get(key, 0) + p["votes"]
        ranked = _ranked(votes)
        for r in ranked:
            r["priority"] = r["rank"] <= top_n
            aa_votes[r["problem"]] = aa_votes.get(r["problem"], 0) + r["votes"]
        top = [r["problem"] for r in ranked[:top_n]]
        village_top[name] = top
        vs = [x for x in session_ctx if x["village"] == name]
        total = sum(x["total"] for x in vs)
        women = sum(x["women"] for x in vs)
        men_pop, women_pop = info.get("men"), info.get("women")
        population = info.get("population")
        if men_pop is not None and women_pop is not None:
            if population is not None and population != men_pop + women_pop:
                mismatches.append(Mismatch(
                    f"villages[{order.index(name)}].population", int(population),
                    men_pop + women_pop, "men + women"))
            population = men_pop + women_pop
        village_ctx.append({
            "name": name, "name_ru": info.get("name_ru") or name,
            "population": population if population is not None else BLANK,
            "men": men_pop if men_pop is not None else BLANK,
            "women": women_pop if women_pop is not None else BLANK,
            "households": info.get("households", BLANK),
            "participants": _women_ctx(total, women),
            "groups": [{"label": AGE_LABEL[g],
                        "sessions": [x for x in vs if x["age_group"] == g]} for g in AGE_GROUPS],
            "ranking": ranked,
            "priorities": [{"rank": r["rank"], "problem": r["problem"], "votes": r["votes"],
                            "description": descriptions.get(r["problem"], "")}
                           for r in ranked[:top_n]],
        })
    all_total = sum(s.total for s in sessions)
    all_women = sum(s.women for s in sessions)
    active = [{"n": i + 1, "name": a["name"], "position": a.get("position") or
               a.get("occupation") or "", "contacts": a.get("contacts", ""),
               "village": a.get("village", "")}
              for i, a in enumerate(report.get("active_residents") or [])]

    # --- focus groups (forms 5, 6, 8 and 10) --------------------------------------------
    focus_groups: list[Event] = []
    focus_ctx = []
    focus_problems: dict[str, list[str]] = {}
    fg_numbers: dict[str, int] = {}     # protocol numbers run per village, as the sessions'
    for i, fgd in enumerate(data.get("focus_groups") or []):
        where = f"focus_groups[{i}]"
        date = parse_date(fgd["date"], f"{where}.date")
        plist, total, women, counts = _participants(fgd["participants"], f"{where}.participants")
        _cross_check(mismatches, fgd, "participants_total", where, total,
                     "the participants' list")
        _cross_check(mismatches, fgd, "women", where, women, "the participants' list")
        typed_counts = fgd.get("counts") or {}
        for category in CATEGORIES:   # form 8's lines, typed: each checked against the list
            _cross_check(mismatches, typed_counts, category, f"{where}.counts",
                         counts[category], f"the participants' list ({category})")
        ev = Event(where=where, kind="focus_group", village=fgd["village"], date=date,
                   place=fgd["place"], facilitators=list(fgd["facilitators"]), total=total,
                   women=women, counts=counts)
        focus_groups.append(ev)
        focus_problems.setdefault(fgd["village"], []).extend(
            p["problem"] for p in fgd["problems"])
        fg_numbers[fgd["village"]] = fg_numbers.get(fgd["village"], 0) + 1
        focus_ctx.append({
            "number": i + 1, "protocol_number": fg_numbers[fgd["village"]],
            "village": fgd["village"], "date": date,
            "time": fgd.get("time", ""), "place": fgd["place"],
            "facilitators": facil(fgd["facilitators"], f"{where}.facilitators"),
            **_women_ctx(total, women), "counts": counts, "participants": plist,
            "problems": [_analysis(p) for p in fgd["problems"]],
            "criteria": fgd.get("criteria", ""),
        })

    # --- planning meeting (form 9) -------------------------------------------------------
    planning = None
    planning_ctx: dict[str, Any] = {"held": False, "date": BLANK, "place": "", "problems": [],
                                    "proposals": [], "counts": {c: 0 for c in CATEGORIES},
                                    **_women_ctx(0, 0), "participants": [],
                                    "facilitators": []}
    pm = data.get("planning_meeting")
    if pm:
        date = parse_date(pm["date"], "planning_meeting.date")
        plist, total, women, counts = _participants(pm["participants"],
                                                    "planning_meeting.participants")
        _cross_check(mismatches, pm, "participants_total", "planning_meeting", total,
                     "the participants' list")
        _cross_check(mismatches, pm, "women", "planning_meeting", women,
                     "the participants' list")
        planning = Event(where="planning_meeting", kind="planning_meeting", village="",
                         date=date, place=pm["place"],
                         facilitators=list(pm.get("facilitators") or []), total=total,
                         women=women, counts=counts)
        planning_ctx = {"held": True, "date": date, "place": pm["place"],
                        "problems": [_analysis(p) for p in pm.get("problems") or []],
                        "proposals": list(pm.get("proposals") or []), "counts": counts,
                        **_women_ctx(total, women), "participants": plist,
                        "facilitators": facil(pm.get("facilitators") or [],
                                              "planning_meeting.facilitators")}

    # --- initiative groups (the head's order) --------------------------------------------
    initiative_date = _date((data.get("initiative_order") or {}).get("date"),
                            "initiative_order.date")
    initiative_groups = []
    for i, g in enumerate(data.get("initiative_groups") or []):
        plist, total, women, _ = _participants(g["members"], f"initiative_groups[{i}].members")
        initiative_groups.append({"n": i + 1, "name": g["name"], "problem": g["problem"],
                                  "members": plist, **_women_ctx(total, women)})

    # --- joint action plan (БАП) ---------------------------------------------------------
    ap = data.get("action_plan")
    plan_ctx: dict[str, Any] = {"date": BLANK, "title": {"ky": BLANK, "ru": BLANK},
                                "goals": [], "sources": [], "total": "0",
                                "total_text": "0,00"}
    ap_problems: list[str] = []
    if ap:
        by_source: dict[str, Decimal] = {}
        goals = []
        grand = Decimal(0)
        for gi, g in enumerate(ap["goals"]):
            ap_problems.append(g["problem"])
            acts = []
            for ai, a in enumerate(g["activities"]):
                where = f"action_plan.goals[{gi}].activities[{ai}]"
                funding = []
                subtotal = Decimal(0)
                for fi, f in enumerate(a["funding"]):
                    amount = money(f["amount"], f"{where}.funding[{fi}].amount")
                    subtotal += amount
                    by_source[f["source"]] = by_source.get(f["source"], Decimal(0)) + amount
                    funding.append({"source": FUNDING_SOURCE[f["source"]],
                                    "amount": f"{amount:.2f}", "text": money_text(amount),
                                    "note": f.get("note", "")})
                grand += subtotal
                acts.append({"n": f"{gi + 1}.{ai + 1}", "activity": a["activity"],
                             "indicator": a["indicator"],
                             "deadline": parse_date(a["deadline"], f"{where}.deadline"),
                             "responsible": a["responsible"],
                             "beneficiaries": a["beneficiaries"], "funding": funding,
                             "total": f"{subtotal:.2f}", "total_text": money_text(subtotal)})
            goals.append({"n": gi + 1, "problem": g["problem"], "goal": g["goal"],
                          "tasks": list(g.get("tasks") or []), "activities": acts})
        plan_ctx = {
            "date": parse_date(ap["date"], "action_plan.date"),
            "title": {"ky": ap["title"]["ky"], "ru": ap["title"].get("ru") or ap["title"]["ky"]},
            "goals": goals,
            "sources": [{"source": FUNDING_SOURCE[k], "amount": f"{v:.2f}",
                         "text": money_text(v),
                         "share": share(int(v * 100), int(grand * 100)) if grand else 0}
                        for k, v in sorted(by_source.items(), key=lambda kv: -kv[1])],
            "total": f"{grand:.2f}", "total_text": money_text(grand),
        }

    # --- hearing / assembly on the БАП ---------------------------------------------------
    hearing = None
    hearing_votes = None
    hearing_ctx: dict[str, Any] = {"held": False, "date": BLANK, "kind": HEARING_KIND["assembly"],
                                   "place": "", **_women_ctx(0, 0), "speakers": [],
                                   "proposals": [], "votes": {"for": 0, "against": 0,
                                                              "abstained": 0, "total": 0},
                                   "supported": False,
                                   "chair": people.ctx(None, ""),
                                   "secretary": people.ctx(None, "")}
    hd = data.get("hearing")
    if hd:
        date = parse_date(hd["date"], "hearing.date")
        total, women = int(hd["participants_total"]), int(hd.get("women", 0))
        hearing = Event(where="hearing", kind="hearing", village="", date=date,
                        place=hd["place"], facilitators=[], total=total, women=women)
        votes = hd.get("votes")
        if votes:
            hearing_votes = {k: int(votes[k]) for k in ("for", "against", "abstained")}
        v = hearing_votes or {"for": 0, "against": 0, "abstained": 0}
        hearing_ctx = {
            "held": True, "date": date, "kind": HEARING_KIND[hd["kind"]], "place": hd["place"],
            **_women_ctx(total, women),
            "speakers": list(hd.get("speakers") or []),
            "proposals": [{"n": i + 1, "text": p["text"], "accepted": bool(p["accepted"])}
                          for i, p in enumerate(hd.get("proposals") or [])],
            "votes": {**v, "total": sum(v.values())},
            # a majority of the votes cast; the seed gives no voting rule for hearings
            "supported": v["for"] > v["against"] + v["abstained"],
            "chair": people.ctx(hd.get("chair"), "hearing.chair"),
            "secretary": people.ctx(hd.get("secretary"), "hearing.secretary"),
        }

    # --- hand-over to the council --------------------------------------------------------
    handover_date = _date((data.get("handover") or {}).get("date"), "handover.date")
    doc_row = (documents.latest(db, case["id"], ACTION_PLAN_TEMPLATE)
               if isinstance(case.get("id"), int) else None)
    council_handoff = {
        "case": case.get("id"), "title": plan_ctx["title"],
        "action_plan_date": plan_ctx["date"],
        "action_plan_document": doc_row["path"] if doc_row else None,
        "action_plan_sha256": doc_row["sha256"] if doc_row else None,
        "hearing_date": hearing_ctx["date"], "hearing_kind": hearing_ctx["kind"],
        "handover_date": handover_date or BLANK, "total": plan_ctx["total"],
    }

    report_compiler = people.ctx(report.get("compiler"), "session_report.compiler")
    focus_report = data.get("focus_report") or {}
    names = people.short_names
    facts = NeedsFacts(
        act_date=act_date, today=today, municipality=code,
        group_case_id=int(group_case_id) if group_case_id else None, group_case=group_case,
        group_members=members, group_formed=bool(
            group_case and not group_case.get("foreign")
            and groups.tagged(group_case["state"], tags.GROUP_FORMED)),
        group_formed_states=groups.states_tagged(tags.GROUP_FORMED), head=head,
        signer=(data.get("plan_order") or {}).get("signer"), schedule=schedule,
        readiness=readiness, sessions=sessions, villages=order,
        village_sessions=village_sessions, village_top=village_top, session_report=report,
        focus_groups=focus_groups, focus_problems=focus_problems, planning=planning,
        initiative_date=initiative_date, initiative_groups=initiative_groups,
        action_plan=ap, action_plan_problems=ap_problems, hearing=hearing,
        hearing_votes=hearing_votes, handover_date=handover_date,
        action_plan_document=doc_row["path"] if doc_row else None, mismatches=mismatches,
        names=names,
    )
    context = {
        "draft": False,
        "municipality": municipality_context(mun),
        "order": {"number": BLANK, "date": act_date},
        "initiative_order": {"number": BLANK, "date": initiative_date or BLANK},
        "head": {"name": directory.short_name(head) if head else BLANK},
        "responsible": {"name": people.ctx(data.get("responsible"), "responsible")["short"]},
        "plan": plan_rows,
        "schedule": schedule_rows,
        "programmes": programmes,
        "readiness": [{"n": i + 1, "question": q, "yes": readiness[k]}
                      for i, (k, q) in enumerate(READINESS.items())],
        "sessions": session_ctx,
        "villages": village_ctx,
        "totals": {"sessions": len(sessions), **_women_ctx(all_total, all_women)},
        "aa_ranking": _ranked(aa_votes),
        "session_report": {"date": _date(report.get("date"), "session_report.date") or BLANK,
                           "compiler": report_compiler, "active": active},
        "focus_groups": focus_ctx,
        "focus_report": {
            "date": _date(focus_report.get("date"), "focus_report.date") or BLANK,
            "compiler": people.ctx(focus_report.get("compiler"), "focus_report.compiler")},
        "planning": planning_ctx,
        "planning_report": {"compiler": people.ctx((pm or {}).get("compiler"),
                                                   "planning_meeting.compiler")},
        "initiative_groups": initiative_groups,
        "action_plan": plan_ctx,
        "hearing": hearing_ctx,
        "council_handoff": council_handoff,
    }
    warnings = [str(m) for m in mismatches]
    return Prepared(act_date=act_date, facts=facts, context=context, warnings=warnings)
