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
from muni.registry import audit, cases, documents
from muni.registry.db import Registry

from .contexts.council import (
    DECISION,
    decision_number,
    in_force_default_days,
    in_force_on,
    load_session,
    outcome,
    sessions_listing,
    text,
)
from .errors import InputError, NotFound
from .identity import describe
from .rules import profile_for
from .spec import load

ACT_COLUMNS = (
    "case", "type", "body", "title_ky", "title_ru", "number", "session", "adopted",
    "signed", "sent", "included", "register_number", "published", "in_force", "status",
    "editions", "links",
)


def _decisions(db: Registry, municipality: str | None) -> list[dict]:
    return cases.of_workflow(db, DECISION, municipality or None)


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
    """One act as ``muni registry acts`` lists it; dates are ISO text, None where not yet."""
    data = case["data"]
    listing = sessions_listing(db, case["municipality"], case["id"])
    session = load_session(db, listing[-1]) if listing else None
    decisions = load(DECISION)

    def tagged(tag: str) -> bool:
        return decisions.tagged(case["state"], tag)

    adopted = session.date if session and tagged(tags.ADOPTED) else None
    published = data.get("publication", {}).get("date")
    in_force = None
    if published and tagged(tags.ENTERED_INTO_FORCE):
        profile = profile_for(session.date if session else dt.date.fromisoformat(published))
        in_force = in_force_on(data, dt.date.fromisoformat(published),
                               in_force_default_days(profile))
    links = _links(case, everyone)
    number = decision_number(db, case["id"])
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
        "sent": data.get("register", {}).get("sent"),
        "included": data.get("register", {}).get("date") if tagged(tags.REGISTERED) else None,
        "register_number": (data.get("register", {}).get("number")
                            if tagged(tags.REGISTERED) else None),
        "published": published if tagged(tags.PUBLISHED) else None,
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
        if not include_drafts and not load(DECISION).tagged(case["state"], tags.ACT):
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


def chain(db: Registry, case_id: int) -> dict[str, Any]:
    """For one act, the whole path: draft → commission → discussion → session(s) and vote →
    signature → sending → inclusion or refusal → publication → force → oversight, each step
    with its date, actor, rule profile and documents, from the audit log and the sessions."""
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
                          "required": out.rule_words("en"), "adopted": out.adopted})
        votes.append(entry)
    everyone = _decisions(db, case["municipality"])
    return {
        "case": case_id, "state": case["state"], "title": data["draft"]["title"],
        "normative": bool(data["draft"].get("normative")),
        "number": decision_number(db, case_id),
        "registered": data["draft"]["registered"],
        "commission": data.get("commission"), "discussion": data.get("discussion"),
        "sessions": votes,
        "register": data.get("register"), "refusal": data.get("refusal"),
        "publication": data.get("publication"), "oversight": data.get("oversight"),
        "act": (act_row(db, case, everyone) if load(DECISION).tagged(case["state"], tags.ACT)
                else None),
        "steps": steps,
    }


def ready_drafts(db: Registry, municipality: str, on: dt.date
                 ) -> list[dict[str, Any]]:
    """Drafts that can go on the agenda of a session held on ``on``: examined and, for a
    normative act, with its public discussion over before that day; not on another agenda."""
    out = []
    decisions = load(DECISION)
    for case in _decisions(db, municipality):
        if not decisions.tagged(case["state"], tags.READY_FOR_AGENDA):
            continue
        d = case["data"]
        normative = bool(d["draft"].get("normative"))
        if normative and not decisions.tagged(case["state"], tags.DISCUSSION_OVER):
            continue
        end = (d.get("discussion") or {}).get("end")
        if normative and end and dt.date.fromisoformat(end) >= on:
            continue
        out.append({"case": case["id"], "state": case["state"], "normative": normative,
                    "title_ky": text(d["draft"]["title"], "ky"),
                    "title_ru": text(d["draft"]["title"], "ru")})
    return out


def overdue(db: Registry, today: dt.date, municipality: str | None = None
            ) -> list[dict[str, Any]]:
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
        for d in deadlines(db, case, wf, today):
            if d["status"] != "overdue":
                continue
            out.append({"case": row["id"], "workflow": row["workflow"],
                        "municipality": row["municipality"], "state": row["state"],
                        "what": d["what"], "rule": d["rule"], "due": d["due"],
                        "days_overdue": (today - dt.date.fromisoformat(d["due"])).days,
                        "basis": d["basis"]})
    return out
