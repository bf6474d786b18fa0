"""``muni explain`` and ``muni preview``: why a case can or cannot move, and its next step's
documents as drafts; the case's deadlines and its recorded steps as a reviewer reads them.

Both reuse ``plan.plan_transition`` — the same rules, the same context — and write nothing to the
registry; a preview's documents are marked as drafts and carry no journal number.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

from muni.registry import audit
from muni.registry.db import Registry

from .contexts import Prepared, prepare
from .contexts.common import BLANK
from .data import set_dotted
from .errors import InputError, MuniError, SpecError
from .files import write_atomic
from .guards import deadlines_for
from .identity import describe
from .messages import Say, render
from .paths import inside
from .plan import choose_transition, load_case, plan_transition, preparers
from .render import TemplateStore
from .rules import profile_for, profile_named
from .spec import Workflow, record_title
from .verdicts import all_in_language, check_lang, rule_basis


def record_date(record: dict) -> str:
    """The day a record counts for: the day its rules were evaluated on when recorded
    (``MUNI_TODAY`` for back-office catch-up), else the UTC day it was written."""
    evaluation = record["data"].get("evaluation") or {}
    return str(evaluation.get("on") or record["at"][:10])


def profile_then(record: dict) -> dict[str, Any] | None:
    """The profile a recorded step was judged by, and whether its text has changed since.

    ``sha256`` is what the record holds; ``current_sha256`` what the profile with that id
    says today; ``in_force_now`` which profile today's files would pick for the same act
    date (a profile added later with an earlier start date would change the answer).
    """
    if not record["profile"]:
        return None
    evaluation = record["data"].get("evaluation") or {}
    recorded = evaluation.get("profile") or {}
    current = profile_named(record["profile"])
    act_date = evaluation.get("act_date")
    try:
        in_force_now = profile_for(dt.date.fromisoformat(act_date)).id if act_date else None
    except MuniError:
        in_force_now = None
    current_sha = current.sha256 if current else None
    return {
        "id": record["profile"], "sha256": recorded.get("sha256"),
        "effective_from": recorded.get("effective_from") or (
            current.effective_from.isoformat() if current else None),
        "title": current.title if current else None,
        "files": recorded.get("files") or {},
        "current_sha256": current_sha,
        "changed_since": (None if not recorded.get("sha256") or current_sha is None
                          else recorded["sha256"] != current_sha),
        "in_force_now": in_force_now,
    }


def past_step(record: dict, workflow: Workflow, preparers_then: set[str],
              lang: str = "en") -> dict[str, Any]:
    """One audit record as a reviewer reads it: what moved, who, and by which rules — the
    verdicts as recorded, never re-evaluated on today's data, worded in ``lang`` from their
    recorded keys and values (``verdicts.in_language``)."""
    from .verify import NON_TRANSITIONS, document_status  # here: explain and preview need not

    kind = record["trigger"] if record["trigger"] in NON_TRANSITIONS else "transition"
    spec_t = workflow.transition(record["trigger"], record["from_state"] or "")
    evaluation = record["data"].get("evaluation") or {}
    return {
        "audit_id": record["id"], "kind": kind, "at": record["at"],
        "on": record_date(record), "actor": record["actor"], "trigger": record["trigger"],
        "who": describe(record), "identity": record.get("identity") or "declared",
        "title": record_title(workflow, record["trigger"], record["from_state"]),
        "from": record["from_state"],
        "to": record["to_state"], "four_eyes": bool(spec_t and spec_t.four_eyes),
        "prepared_by": sorted(preparers_then) if spec_t and spec_t.four_eyes else [],
        "act_date": evaluation.get("act_date"), "profile": profile_then(record),
        "guards": all_in_language(record["guards"], lang),
        "documents": [{**d, "status": document_status(d["path"], d["sha256"])[0]}
                      for d in record["documents"]],
        "hash": record["hash"],
    }


def steps_until(db: Registry, case_id: int, workflow: Workflow, on: dt.date | None,
                lang: str = "en") -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The case's recorded steps up to ``on`` (all when None), and where that left it.

    The history is the prefix of records up to the last one dated on or before ``on``: an
    "open" written on a later wall-clock day than a caught-up step still comes first.
    """
    from .verify import NON_TRANSITIONS, preparers_before

    records = audit.history(db, case_id)
    last = len(records) - 1 if on is None else max(
        (i for i, r in enumerate(records) if record_date(r) <= on.isoformat()), default=-1)
    steps = [past_step(r, workflow, preparers_before(records, i), lang)
             for i, r in enumerate(records[: last + 1])]
    as_of = {
        "date": on.isoformat() if on else None,
        "state": records[last]["to_state"] if last >= 0 else None,
        "audit_id": records[last]["id"] if last >= 0 else None,
        "moved_since": any(r["trigger"] not in NON_TRANSITIONS for r in records[last + 1:]),
    }
    return steps, as_of


def explain(db: Registry, case_id: int, *, today: dt.date | None = None,
            lang: str = "en") -> dict[str, Any]:
    """The case's state and, for every trigger leaving it, each rule's verdict and basis;
    and, from the audit log, every step recorded up to ``today`` with the verdicts and the
    profile as they were then (``explain --at`` for a past transition). Messages, titles,
    bases and deadlines are worded in ``lang`` (ky, ru or en)."""
    check_lang(lang)
    case, workflow = load_case(db, case_id)
    state = workflow.state(case["state"])
    on = today or dt.date.today()
    history, as_of = steps_until(db, case_id, workflow, on, lang)
    out: dict[str, Any] = {
        "case": case["id"], "workflow": workflow.id, "municipality": case["municipality"],
        "state": {"name": state.name, "title": state.title, "final": state.final},
        "on": on.isoformat(), "lang": lang, "profile": None, "triggers": [],
        "problems": [], "as_of": as_of, "history": history,
    }
    for t in workflow.transitions_from(case["state"]):
        entry: dict[str, Any] = {
            "trigger": t.trigger, "title": t.title, "to": t.dest, "allowed": False,
            "four_eyes": t.four_eyes, "prepared_by": sorted(preparers(db, case_id))
            if t.four_eyes else [],
            "documents": [{"template": d.template, "journal": d.journal, "draft": d.draft}
                          for d in t.documents],
            "guards": [],
        }
        try:
            p = plan_transition(db, case, workflow, t, today=today)
        except InputError as exc:
            entry["problems"] = [str(exc)]
            out["problems"].append(f"{t.trigger}: {exc}")
        else:
            entry["allowed"] = p.allowed
            entry["guards"] = all_in_language((v.to_record() for v in p.verdicts), lang)
            out["profile"] = {"id": p.profile.id, "title": p.profile.title,
                              "effective_from": p.profile.effective_from.isoformat()}
            out["act_date"] = p.prepared.act_date.isoformat()
        out["triggers"].append(entry)
    out["deadlines"] = deadlines(db, case, workflow, on, lang=lang)
    return out


def deadlines(db: Registry, case: dict, workflow: Workflow, on: dt.date,
              prepared: Prepared | None = None, lang: str = "en") -> list[dict[str, Any]]:
    """The case's dated obligations as JSON, each with a status: met | missed | overdue (not
    met and past due) | pending | unknown (the holiday calendar lacks a year; ``unknown``
    says why). Each comes from the ``@deadline`` beside its rule's check
    (``guards.deadlines_for``), with the params and basis of the profile in force on the act's
    date — the due date the check enforces. Data the context builder cannot read yields
    none here; ``explain`` reports the data problem under its triggers. ``prepared``: the
    case's context when the caller has just built it. ``what`` and ``basis`` are worded in
    ``lang``; ``say`` keeps the key and values of ``what``."""
    if prepared is None:
        try:
            prepared = prepare(db, case, workflow, today=on)
        except InputError:
            return []
    try:
        profile = profile_for(prepared.act_date)
    except SpecError:  # dated before every profile: explain says so under its triggers
        return []
    out = []
    for rule_id in workflow.rule_ids:
        fn = deadlines_for(workflow.context).get(rule_id)
        if fn is None or rule_id not in profile.rules:
            continue
        basis, basis_lang = rule_basis(profile, rule_id, lang)
        for d in fn(prepared.facts, profile):
            due = d["due"]
            status = ("met" if d.get("met") is True else "missed" if d.get("met") is False
                      else "unknown" if due is None else "overdue" if due < on else "pending")
            what = d["what"]
            out.append({"what": render(what, lang), "due": due.isoformat() if due else None,
                        "from": d["from"].isoformat() if d.get("from") else None,
                        "unknown": d.get("unknown"),   # why a due date cannot be computed
                        "basis": basis, "basis_lang": basis_lang, "rule": rule_id,
                        "met": d.get("met"), "status": status,
                        **({"say": what.to_json()} if isinstance(what, Say) else {})})
    return out


def preview(db: Registry, case_id: int, trigger: str | None = None, *,
            out_dir: Path, store: TemplateStore, today: dt.date | None = None,
            lang: str | None = None) -> dict[str, Any]:
    """Render the next step's documents as drafts into ``out_dir``; record nothing. ``lang``:
    the documents' language (default the municipality's) and the rules' (default English)."""
    case, workflow = load_case(db, case_id)
    t = choose_transition(workflow, case, trigger)
    p = plan_transition(db, case, workflow, t, today=today, lang=lang)
    if t.documents:
        p.prepared.require_wording(p.lang, case["id"])
    paths = []
    for d in t.documents:
        context = copy.deepcopy(p.prepared.context)
        context["draft"] = True
        if d.number_at:
            set_dotted(context, d.number_at, BLANK)
        data = store.render(d.template, p.lang, case["municipality"], context)
        final = inside(out_dir, f"case-{case['id']}-{t.trigger}-{d.template}-preview."
                       f"{p.lang}.docx", what=f"the preview of case {case['id']}")
        write_atomic(final, data)
        paths.append(str(final.resolve()))
    return {"case": case["id"], "trigger": t.trigger, "allowed": p.allowed,
            "guards": all_in_language((v.to_record() for v in p.verdicts), lang or "en"),
            "documents": paths}
