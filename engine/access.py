"""Who sees which cases, and who may take which step: what an interface shows before anyone acts.

Two questions every page asks, answered here once so that no interface answers them its own
way:

- **reach**: the municipalities whose cases an account sees and works in — every one for the
  ``admin`` and ``reviewer`` roles (and for a declared name: a registry without accounts is
  one office's), the rayon's for ``district`` staff, else the municipality of the account's
  person. A case outside it is "not found", so another municipality's case numbers are not
  even confirmed.
- **may take**: for each step leaving a case's state, whether its rules hold and whether this
  actor may take it now — ``plan.refusal`` (four eyes by person, the step's ``who:`` on the
  act's date), the very function ``advance.commit_plan`` raises from. A button shown from
  this answer is a step the write path takes; a step it refuses is never shown as possible.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from muni.registry import directory
from muni.registry.db import Registry

from .actor import Actor
from .contexts import Prepared
from .errors import MuniError, NotFound
from .plan import plan_transition, preparers, refusal
from .spec import TransitionSpec, Workflow, is_signing
from .verdicts import all_in_language

#: Roles that see every municipality.
EVERYWHERE = frozenset({"admin", "reviewer"})


def reach(db: Registry, actor: Actor) -> list[str] | None:
    """The codes of the municipalities whose cases ``actor`` sees, or None for every one."""
    if not actor.authenticated or EVERYWHERE & set(actor.roles):
        return None
    person = directory.person(db, actor.person or "")
    if person is None:
        return []
    if "district" in actor.roles:
        home = directory.municipality(db, person["municipality"])
        if home is not None:
            return [m["code"] for m in directory.municipalities(db)
                    if (m["oblast_ru"], m["rayon_ru"]) == (home["oblast_ru"], home["rayon_ru"])]
    return [person["municipality"]]


def within_reach(db: Registry, actor: Actor, municipality: str) -> bool:
    codes = reach(db, actor)
    return codes is None or municipality in codes


def require_reach(db: Registry, actor: Actor, case: dict) -> None:
    """``NotFound`` — the same answer as for a case that does not exist — when the case is
    outside the actor's reach."""
    if not within_reach(db, actor, case["municipality"]):
        raise NotFound(f"no case {case['id']}", case=case["id"])


def document_entry(workflow: Workflow, d: Any) -> dict[str, Any]:
    return {"template": d.template, "title": workflow.document_title(d.template),
            "journal": d.journal, "draft": d.draft}


def step_entry(workflow: Workflow, t: TransitionSpec) -> dict[str, Any]:
    """A step as an interface lists it: its titles, who may take it, what it issues."""
    return {"trigger": t.trigger, "title": t.title, "to": t.dest,
            "to_title": workflow.state(t.dest).title, "signing": is_signing(t),
            "four_eyes": t.four_eyes, "who": list(t.who),
            "documents": [document_entry(workflow, d) for d in t.documents]}


def may(allowed: bool, rule: str | None, reason: str) -> dict[str, Any]:
    return {"allowed": allowed, "rule": rule, "reason": reason}


def step_options(db: Registry, case: dict, workflow: Workflow, *, actor: Actor,
                 today: dt.date, only: str | None = None, lang: str = "en",
                 failing_only: bool = False) -> tuple[list[dict[str, Any]], Prepared | None]:
    """Each step leaving the case's state (or only the trigger ``only``): its rules'
    verdicts and whether ``actor`` may take it now (``may``: allowed, the rule that refuses
    — ``four_eyes``, ``who``, ``rules``, ``data`` — and why); and the case's prepared context
    (for its deadlines), None when no step could read the data.

    A signing step's signer rules judge the actor's person when the actor may sign (as the
    write path does); otherwise they judge the signer the data names, so a clerk reading the
    checklist sees whether the head on record can sign, not that she herself cannot. The
    rules' messages, titles and bases are worded in ``lang``; with ``failing_only``, only
    the verdicts that do not hold are (a start page lists nothing else, and wording every
    verdict of every case it examines costs it a third of its time)."""
    out = []
    prepared = None
    prepared_by = sorted(preparers(db, case["id"]))
    for t in workflow.transitions_from(case["state"]):
        if only is not None and t.trigger != only:
            continue
        entry = {**step_entry(workflow, t), "allowed": False, "guards": [], "problems": [],
                 "prepared_by": prepared_by if t.four_eyes else []}
        try:
            plan_ = plan_transition(db, case, workflow, t, today=today)
            refused = refusal(db, plan_, actor)
            if refused is None and actor.authenticated and is_signing(t):
                plan_ = plan_transition(db, case, workflow, t, today=today, actor=actor)
        except MuniError as exc:
            entry["problems"] = [exc.message]
            entry["may"] = may(False, "data", exc.message)
            out.append(entry)
            continue
        prepared = prepared or plan_.prepared
        entry["allowed"] = plan_.allowed
        entry["act_date"] = plan_.prepared.act_date.isoformat()
        entry["guards"] = all_in_language((v.to_record() for v in plan_.verdicts
                                           if not (failing_only and v.ok)), lang)
        if refused is not None:
            entry["may"] = may(False, str(refused.extra.get("rule")), refused.message)
        elif not plan_.allowed:
            failing = [v.rule for v in plan_.verdicts if v.blocks]
            entry["may"] = may(False, "rules", f"case {case['id']}: '{t.trigger}' refused — "
                               + "; ".join(failing))
        else:
            entry["may"] = may(True, None, "")
        out.append(entry)
    return out, prepared


def may_change_data(db: Registry, actor: Actor, municipality: str, *, on: dt.date
                    ) -> dict[str, Any]:
    """May ``actor`` open a case in ``municipality`` or change a case's data there? The
    rule ``intake`` applies when it writes (``CASE_WRITERS``: an office of the ayil okmotu
    or the kenesh, or a role that reaches the municipality — not a reviewer, who reads)."""
    from .identity import may_act
    from .intake import CASE_WRITERS

    if not within_reach(db, actor, municipality):
        return may(False, "reach", f"municipality '{municipality}' is outside the reach of "
                   f"account '{actor.account}'")
    ok, why = may_act(db, actor, CASE_WRITERS, municipality=municipality, on=on)
    return may(ok, None if ok else "who", "" if ok else why)
