"""The register of acts, a reviewer's chain for one act, the drafts ready for a session, and
overdue obligations — read-only views computed from cases, the journal and the audit log.

Why computed rather than a stored ``acts`` table: every fact about an act (its number, the
vote, the dates of signature, sending, inclusion and publication, its links to other acts) is
already recorded once — in the case, the journal or the audit trail written by the one advance
path. A second copy would have to be kept in step by every transition; a view cannot drift.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import muni.engine.spreadsheet as spreadsheet
import muni.engine.tags as tags
import muni.engine.workdays as workdays
from muni.registry import audit, cases, documents
from muni.registry.db import Registry

from .contexts.council import (
    DECISION,
    SESSION,
    decision_number,
    in_force_from,
    load_session,
    outcome,
    sessions_listing,
    text,
)
from .errors import InputError, NotFound
from .identity import describe
from .messages import Say, render
from .rules import profile_for
from .spec import load
from .verdicts import rule_basis

ACT_COLUMNS = (
    "case", "type", "body", "title_ky", "title_ru", "number", "session", "adopted",
    "signed", "sent", "included", "register_number", "published", "in_force", "status",
    "editions", "links",
)


def _decisions(db: Registry, municipality: str | None) -> list[dict]:
    return cases.of_workflow(db, DECISION, municipality or None)


def _tagged(case: dict, tag: str) -> bool:
    """Is the decision ``case`` in a state carrying ``tag`` (``engine/tags.py``)?"""
    return load(DECISION).tagged(case["state"], tag)


def _links(case: dict, everyone: list[dict]) -> dict[str, list[int]]:
    """Links both ways: what this act amends / repeals / replaces, and what does so to it."""
    me = case["id"]
    d = case["data"].get("draft", {})

    def refers(other: dict, key: str) -> bool:
        v = other["data"].get("draft", {}).get(key)
        return v == me or (isinstance(v, list) and me in v)

    links = {
        "amends": list(d.get("amends") or []),
        "repeals": list(d.get("repeals") or []),
        "replaces": [d["replaces"]] if d.get("replaces") else [],
        "amended_by": [o["id"] for o in everyone if refers(o, "amends")],
        "repealed_by": [o["id"] for o in everyone if refers(o, "repeals")],
        "replaced_by": [o["id"] for o in everyone if refers(o, "replaces")],
    }
    if d.get("source_case"):
        links["source_case"] = [d["source_case"]]
    return {k: v for k, v in links.items() if v}


def act_row(db: Registry, case: dict, everyone: list[dict]) -> dict[str, Any]:
    """One act as ``muni registry acts`` lists it; dates are ISO text, None where not yet.

    Each date is the one recorded with its step (publication, sending, entry): a date typed
    into the case ahead of its step is not shown as done."""
    data = case["data"]
    listing = sessions_listing(db, case["municipality"], case["id"])
    session = load_session(db, listing[-1]) if listing else None
    adopted = session.date if session and _tagged(case, tags.ADOPTED) else None

    def done(trigger: str) -> bool:
        return audit.step_date(db, case["id"], trigger) is not None

    published = data.get("publication", {}).get("date") if done("publish") else None
    in_force = None
    if published and _tagged(case, tags.ENTERED_INTO_FORCE):
        profile = profile_for(session.date if session else dt.date.fromisoformat(published))
        in_force = in_force_from(data, dt.date.fromisoformat(published), profile)
    links = _links(case, everyone)
    number = decision_number(db, case["id"])
    included = done("include")
    return {
        "case": case["id"], "municipality": case["municipality"],
        "type": "normative_act" if data["draft"].get("normative") else "decision",
        "body": "ayil_kenesh",
        "title_ky": text(data["draft"]["title"], "ky"),
        "title_ru": text(data["draft"]["title"], "ru"),
        "number": number,
        "session": (f"{session.convocation}/{session.number}" if session else None),
        "adopted": adopted.isoformat() if adopted else None,
        "signed": audit.step_date(db, case["id"], "sign"),
        "sent": data.get("register", {}).get("sent") if done("send_to_register") else None,
        "included": data.get("register", {}).get("date") if included else None,
        "register_number": data.get("register", {}).get("number") if included else None,
        "published": published,
        "in_force": in_force.isoformat() if in_force else None,
        "status": case["state"],
        "editions": [case["id"], *links.get("amended_by", [])],
        "links": links,
    }


def list_acts(db: Registry, *, municipality: str | None = None,
              status: str | None = None, kind: str | None = None,
              year: int | None = None, include_drafts: bool = False) -> list[dict[str, Any]]:
    """Every act of the kenesh (signed decisions; with ``include_drafts`` also drafts)."""
    everyone = _decisions(db, municipality)
    rows = []
    for case in everyone:
        if not include_drafts and not _tagged(case, tags.ACT):
            continue
        row = act_row(db, case, everyone)
        if status and row["status"] != status:
            continue
        if kind and row["type"] != kind:
            continue
        if year and not (row["adopted"] or "").startswith(str(year)):
            continue
        rows.append(row)
    return rows


def export(rows: list[dict[str, Any]], fmt: str) -> str:
    """Rows as CSV (links and editions flattened) or JSON text."""
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2)
    if fmt != "csv":
        raise InputError(f"--format: unknown format '{fmt}' (csv, json)")
    flat = [{**r, "editions": " ".join(str(e) for e in r["editions"]),
             "links": "; ".join(f"{k}: {' '.join(map(str, v))}" for k, v in r["links"].items())}
            for r in rows]
    return spreadsheet.to_csv(flat, ["municipality", *ACT_COLUMNS])


def chain(db: Registry, case_id: int, lang: str = "en") -> dict[str, Any]:
    """For one act, the whole path: draft → commission → discussion → session(s) and vote →
    signature → sending → inclusion or refusal → publication → force → oversight, each step
    with its date, actor, rule profile and documents, from the audit log and the sessions;
    the majority a vote required worded in ``lang``."""
    case = cases.get(db, case_id)
    if case is None or case["workflow"] != DECISION:
        raise NotFound(f"no council decision case {case_id}", case=case_id)
    data = case["data"]
    docs: dict[int, list[dict]] = {}
    for d in documents.with_numbers(db, case_id):
        docs.setdefault(d["audit_id"], []).append(
            {"template": d["template"], "path": d["path"], "number": d["journal_number"]})
    steps = []
    for r in audit.history(db, case_id):
        if r["trigger"] == "update_data":
            continue
        on = (r["data"].get("evaluation") or {}).get("on") if isinstance(r["data"], dict) \
            else None
        steps.append({"step": r["trigger"], "at": r["at"], "on": on or r["at"][:10],
                      "actor": r["actor"], "who": describe(r),
                      "from": r["from_state"], "to": r["to_state"], "profile": r["profile"],
                      "documents": docs.get(r["id"], [])})
    votes = []
    for s in sessions_listing(db, case["municipality"], case_id):
        session = load_session(db, s)
        item = session.item_for(case_id)
        entry: dict[str, Any] = {"session_case": session.case_id, "number": session.number,
                                 "convocation": session.convocation,
                                 "date": session.date.isoformat(), "state": session.state,
                                 "present": session.present_count, "elected": session.elected}
        if item is not None and item.tally is not None:
            out = outcome(session, item)
            entry.update({"for": item.tally.for_, "against": item.tally.against,
                          "abstained": item.tally.abstained, "quorum": out.quorum_needed,
                          "required": out.rule_words(lang), "adopted": out.adopted})
        votes.append(entry)
    everyone = _decisions(db, case["municipality"])
    oversight = dict(data.get("oversight") or {})
    oversight["responses"] = [
        {"case": o["id"], "effect": o["data"]["draft"]["oversight"]["effect"],
         "state": o["state"], "number": decision_number(db, o["id"]),
         "signed": audit.step_date(db, o["id"], "sign"),
         "title": o["data"]["draft"]["title"]}
        for o in everyone
        if (o["data"]["draft"].get("oversight") or {}).get("act") == case_id]
    return {
        "case": case_id, "state": case["state"], "title": data["draft"]["title"],
        "normative": bool(data["draft"].get("normative")),
        "number": decision_number(db, case_id),
        "registered": data["draft"]["registered"],
        "discussion": data.get("discussion"), "package": data.get("package"),
        "commission": data.get("commission"),
        "sessions": votes,
        "publication": data.get("publication"), "register": data.get("register"),
        "register_term": _register_term(data, db, case),
        "refusal": data.get("refusal"), "withdrawal": data.get("withdrawal"),
        "oversight": oversight if any(oversight.values()) else None,
        "act": act_row(db, case, everyone) if _tagged(case, tags.ACT) else None,
        "steps": steps,
    }


def _register_term(data: dict, db: Registry, case: dict) -> dict[str, Any] | None:
    """The State Register's 7-working-day term as the case's deadline states it."""
    published = (data.get("publication") or {}).get("date")
    if not data["draft"].get("normative") or not published:
        return None
    profile = profile_for(dt.date.fromisoformat(published))
    days = int(profile.rule("act.register_term").params["working_days"])
    term = workdays.working_day_term(dt.date.fromisoformat(published), days)
    return {"from": published, "working_days": days,
            "due": term.due.isoformat() if term.due else None, "unknown": term.unknown,
            "skipped": [{"date": d.date.isoformat(), "name": d.name} for d in term.skipped]}


def ready_drafts(db: Registry, municipality: str, on: dt.date
                 ) -> list[dict[str, Any]]:
    """Drafts that can go on the agenda of a session held on ``on``: examined and, for a
    normative act, with its public discussion over before that day; not on another agenda."""
    out = []
    for case in _decisions(db, municipality):
        if not _tagged(case, tags.READY_FOR_AGENDA):
            continue
        d = case["data"]
        normative = bool(d["draft"].get("normative"))
        if normative and not _tagged(case, tags.DISCUSSION_OVER):
            continue
        end = (d.get("discussion") or {}).get("end")
        if normative and end and dt.date.fromisoformat(end) >= on:
            continue
        out.append({"case": case["id"], "state": case["state"], "normative": normative,
                    "title_ky": text(d["draft"]["title"], "ky"),
                    "title_ru": text(d["draft"]["title"], "ru")})
    return out


def overdue(db: Registry, today: dt.date, municipality: str | None = None,
            lang: str = "en") -> list[dict[str, Any]]:
    """Open cases with a dated obligation past due and not met — e.g. a normative act not
    sent to the State Register within the profile's days — the same deadlines ``explain``
    and ``status --deadlines`` show (``explain.deadlines``), for every workflow."""
    from .explain import deadlines

    out = []
    for row in cases.select(db, municipality=municipality):
        wf = load(row["workflow"])
        if wf.state(row["state"]).final:
            continue
        case = cases.get(db, row["id"])
        for d in deadlines(db, case, wf, today, lang=lang):
            if d["status"] != "overdue":
                continue
            out.append({"case": row["id"], "workflow": row["workflow"],
                        "municipality": row["municipality"], "state": row["state"],
                        "what": d["what"], "rule": d["rule"], "due": d["due"],
                        "days_overdue": (today - dt.date.fromisoformat(d["due"])).days,
                        "basis": d["basis"]})
    return out + obligations(db, today, municipality, lang)


def _periods(first: dt.date, months: int, today: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The calendar periods of ``months`` (quarters, half-years) from the one holding
    ``first`` to the last one that ended before ``today``."""
    start = dt.date(first.year, (first.month - 1) // months * months + 1, 1)
    out = []
    while True:
        end = workdays.add_months(start, months) - dt.timedelta(days=1)
        if end >= today:
            return out
        out.append((start, end))
        start = end + dt.timedelta(days=1)


def obligations(db: Registry, today: dt.date, municipality: str | None = None,
                lang: str = "en") -> list[dict[str, Any]]:
    """The kenesh's own periodic duties, from the first session muni knows of: an ordinary
    session at least once a quarter (Law No. 101 art. 28(4)), the head's report at least once
    a half-year (art. 50(2)) — each past period without one, as ``overdue`` lists it, worded
    in ``lang`` (``session.quarterly/missed``, ``session.head_report/missed``)."""
    sessions: dict[str, list] = {}
    for row in cases.select(db, workflow=SESSION, municipality=municipality):
        case = cases.get(db, row["id"])
        sessions.setdefault(row["municipality"], []).append(load_session(db, case))
    out = []
    for code, listed in sorted(sessions.items()):
        first = min(s.date for s in listed)
        held = [s for s in listed if s.held]
        duties = (
            ("session.quarterly", [s.date for s in held if s.kind == "ordinary"]),
            ("session.head_report",
             [s.date for s in held for i in s.items if i.kind == "head_report"]),
        )
        for rule_id, dates in duties:
            rule = profile_for(first).rule(rule_id)
            for start, end in _periods(first, int(rule.params["months"]), today):
                if any(start <= d <= end for d in dates):
                    continue
                missed = (Say("session.quarterly/missed", start=start, end=end)
                          if rule_id == "session.quarterly" else
                          Say("session.head_report/missed", start=start, end=end))
                out.append({"case": None, "workflow": SESSION,
                            "municipality": code, "state": None,
                            "what": render(missed, lang),
                            "rule": rule_id, "due": end.isoformat(),
                            "days_overdue": (today - end).days,
                            "basis": rule_basis(profile_for(end), rule_id, lang)[0]})
    return out
