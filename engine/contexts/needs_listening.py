"""The ЖМБА's listening stages (seed 002): the sessions with each age group (forms 6 and
10), the village priorities they vote (form 7, rule P-16), the focus groups (forms 5, 6, 8,
10) and the planning meeting (form 9).

Each function is one stage of ``build_needs_assessment``: it reads the case through the
``Build`` and adds its part of the facts the rules check and of the forms' context.
Participant counts, women's shares, protocol numbers, vote rankings and priorities are
computed here from the recorded lists; typed totals are only cross-checked.
"""

from __future__ import annotations

from typing import Any

from ..data import parse_date
from .common import BLANK
from .needs_facts import (
    AGE_BOUNDS,
    AGE_GROUPS,
    CATEGORIES,
    Build,
    Event,
    Mismatch,
    analysis,
    ranked,
    women_ctx,
)

#: How many problems of a village are its priorities (rule P-16: the top five).
TOP_N = 5


def sessions(b: Build) -> None:
    """The sessions, in village order, then date, time and age group; numbered per
    village; each with its participants, problems and votes."""
    data, age_labels = b.data, b.labels["age_groups"]
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
    held: list[Event] = []
    session_ctx = []
    village_sessions: dict[str, list[Event]] = {v: [] for v in order}
    numbers: dict[str, int] = {}
    for i, s in indexed:
        where = f"sessions[{i}]"
        date = parse_date(s["date"], f"{where}.date")
        plist, total, women, _ = b.participants(s["participants"])
        b.cross_check(s, "participants_total", where, total)
        b.cross_check(s, "women", where, women)
        low, high = AGE_BOUNDS[s["age_group"]]
        outside = [f"{p['name']} ({p['age']})" for p in plist
                   if isinstance(p["age"], int) and not low <= p["age"] <= high]
        numbers[s["village"]] = numbers.get(s["village"], 0) + 1
        problems = ranked({p["problem"]: int(p["votes"]) for p in s["problems"]})
        votes = sum(p["votes"] for p in problems)
        ev = Event(where=where, kind="session", village=s["village"], date=date,
                   place=s["place"], facilitators=list(s["facilitators"]),
                   age_group=s["age_group"], total=total, women=women, ages_outside=outside,
                   votes=votes)
        held.append(ev)
        village_sessions[s["village"]].append(ev)
        disc = s.get("discussion") or {}
        tokoch = [{"item": t["item"], "share": t["share"]} for t in disc.get("tokoch") or []]
        session_ctx.append({
            "number": numbers[s["village"]], "village": s["village"], "date": date,
            "place": s["place"], "group": age_labels[s["age_group"]],
            "age_group": s["age_group"],
            "facilitators": b.facilitators(s["facilitators"], f"{where}.facilitators"),
            **women_ctx(total, women), "participants": plist,
            "resources": disc.get("resources", ""), "venn": list(disc.get("venn") or []),
            "tokoch": tokoch, "tokoch_total": sum(t["share"] for t in tokoch),
            "notes": disc.get("notes", ""), "problems": problems, "votes": votes,
        })
    b.facts.update(sessions=held, villages=order, village_sessions=village_sessions)
    b.context.update(sessions=session_ctx)


def village_priorities(b: Build) -> None:
    """Each village's problems, similar ones merged (``session_report.merge``), votes summed
    over its sessions, ranked; the top five are its priorities (P-16). After ``sessions``."""
    data, age_labels = b.data, b.labels["age_groups"]
    order, session_ctx = b.facts["villages"], b.context["sessions"]
    villages_rows = list(data.get("villages") or [])
    report = data.get("session_report") or {}
    merge = dict(report.get("merge") or {})
    descriptions = report.get("descriptions") or {}
    village_top: dict[str, list[str]] = {}
    village_ctx = []
    aa_votes: dict[str, int] = {}
    for name in order:
        info = next((v for v in villages_rows if v["name"] == name), {"name": name})
        votes: dict[str, int] = {}
        for s in (x for x in session_ctx if x["village"] == name):
            for p in s["problems"]:
                key = merge.get(p["problem"], p["problem"])
                votes[key] = votes.get(key, 0) + p["votes"]
        ranking = ranked(votes)
        for r in ranking:
            r["priority"] = r["rank"] <= TOP_N
            aa_votes[r["problem"]] = aa_votes.get(r["problem"], 0) + r["votes"]
        village_top[name] = [r["problem"] for r in ranking[:TOP_N]]
        vs = [x for x in session_ctx if x["village"] == name]
        total = sum(x["total"] for x in vs)
        women = sum(x["women"] for x in vs)
        men_pop, women_pop = info.get("men"), info.get("women")
        population = info.get("population")
        if men_pop is not None and women_pop is not None:
            if population is not None and population != men_pop + women_pop:
                b.mismatches.append(Mismatch(
                    f"villages[{order.index(name)}].population", int(population),
                    men_pop + women_pop, source="population"))
            population = men_pop + women_pop
        village_ctx.append({
            "name": name, "name_ru": info.get("name_ru") or name,
            "population": population if population is not None else BLANK,
            "men": men_pop if men_pop is not None else BLANK,
            "women": women_pop if women_pop is not None else BLANK,
            "households": info.get("households", BLANK),
            "participants": women_ctx(total, women),
            "groups": [{"label": age_labels[g],
                        "sessions": [x for x in vs if x["age_group"] == g]} for g in AGE_GROUPS],
            "ranking": ranking,
            "priorities": [{"rank": r["rank"], "problem": r["problem"], "votes": r["votes"],
                            "description": descriptions.get(r["problem"], "")}
                           for r in ranking[:TOP_N]],
        })
    held = b.facts["sessions"]
    all_total = sum(s.total for s in held)
    all_women = sum(s.women for s in held)
    b.facts.update(village_top=village_top, session_report=report)
    b.context.update(
        villages=village_ctx,
        totals={"sessions": len(held), **women_ctx(all_total, all_women)},
        aa_ranking=ranked(aa_votes))


def focus_groups(b: Build) -> None:
    """One focus group per village: participants counted by category (form 8's lines,
    typed counts cross-checked), the priority problems analysed; protocol numbers run per
    village."""
    held: list[Event] = []
    focus_ctx = []
    focus_problems: dict[str, list[str]] = {}
    fg_numbers: dict[str, int] = {}     # protocol numbers run per village, as the sessions'
    for i, fgd in enumerate(b.data.get("focus_groups") or []):
        where = f"focus_groups[{i}]"
        date = parse_date(fgd["date"], f"{where}.date")
        plist, total, women, counts = b.participants(fgd["participants"])
        b.cross_check(fgd, "participants_total", where, total)
        b.cross_check(fgd, "women", where, women)
        typed_counts = fgd.get("counts") or {}
        for category in CATEGORIES:   # form 8's lines, typed: each checked against the list
            b.cross_check(typed_counts, category, f"{where}.counts", counts[category],
                          category)
        ev = Event(where=where, kind="focus_group", village=fgd["village"], date=date,
                   place=fgd["place"], facilitators=list(fgd["facilitators"]), total=total,
                   women=women, counts=counts)
        held.append(ev)
        focus_problems.setdefault(fgd["village"], []).extend(
            p["problem"] for p in fgd["problems"])
        fg_numbers[fgd["village"]] = fg_numbers.get(fgd["village"], 0) + 1
        focus_ctx.append({
            "number": i + 1, "protocol_number": fg_numbers[fgd["village"]],
            "village": fgd["village"], "date": date,
            "time": fgd.get("time", ""), "place": fgd["place"],
            "facilitators": b.facilitators(fgd["facilitators"], f"{where}.facilitators"),
            **women_ctx(total, women), "counts": counts, "participants": plist,
            "problems": [analysis(p) for p in fgd["problems"]],
            "criteria": fgd.get("criteria", ""),
        })
    b.facts.update(focus_groups=held, focus_problems=focus_problems)
    b.context.update(focus_groups=focus_ctx)


def planning_meeting(b: Build) -> None:
    """The planning meeting after the focus groups: participants, problems, proposals."""
    planning = None
    planning_ctx: dict[str, Any] = {"held": False, "date": BLANK, "place": "", "problems": [],
                                    "proposals": [], "counts": {c: 0 for c in CATEGORIES},
                                    **women_ctx(0, 0), "participants": [],
                                    "facilitators": []}
    pm = b.data.get("planning_meeting")
    if pm:
        date = parse_date(pm["date"], "planning_meeting.date")
        plist, total, women, counts = b.participants(pm["participants"])
        b.cross_check(pm, "participants_total", "planning_meeting", total)
        b.cross_check(pm, "women", "planning_meeting", women)
        planning = Event(where="planning_meeting", kind="planning_meeting", village="",
                         date=date, place=pm["place"],
                         facilitators=list(pm.get("facilitators") or []), total=total,
                         women=women, counts=counts)
        planning_ctx = {"held": True, "date": date, "place": pm["place"],
                        "problems": [analysis(p) for p in pm.get("problems") or []],
                        "proposals": list(pm.get("proposals") or []), "counts": counts,
                        **women_ctx(total, women), "participants": plist,
                        "facilitators": b.facilitators(pm.get("facilitators") or [],
                                                       "planning_meeting.facilitators")}
    b.facts.update(planning=planning)
    b.context.update(planning=planning_ctx)
