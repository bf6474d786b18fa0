"""Planning a step: what it would do, computed from the registry without writing anything.

    load_case        the case and its workflow (the stored state must be one of its states)
    choose_transition the trigger named, or the only one possible now
    plan_transition  the documents' context (``contexts.prepare``), the rule profile in
                     force on the act's date, and every rule's verdict (``rules.evaluate``
                     with ``guards.checks_for``)
    check_four_eyes  who prepared the step (``preparers``) may not confirm it: the same
                     person for accounts, the same name as a reader sees it when declared
    check_who        the account's person holds an office (on the act's date) or role the
                     step's ``who:`` names
    refusal          both, as a value: what ``Engine.may_take`` shows and ``commit_plan``
                     raises

``explain``, ``preview``, ``--dry-run`` and a batch's preparation stop here; ``advance.py``
commits a plan. Four eyes has one rule, ``preparers_of``: ``verify`` re-checks recorded steps
with it, so the engine and the auditor cannot disagree on who prepared a step.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from muni.registry import audit, cases, directory
from muni.registry.db import Registry

from .actor import Actor, require
from .contexts import Prepared, prepare
from .errors import Forbidden, NotFound, StateError
from .guards import checks_for
from .identity import may_act, recorded_key
from .machine import check_state
from .names import name_key
from .rules import Profile, Verdict, evaluate, profile_for
from .spec import TransitionSpec, Workflow, is_signing, load


@dataclass
class Plan:
    """What one step would do, computed from the registry without writing anything."""

    case: dict
    workflow: Workflow
    transition: TransitionSpec
    prepared: Prepared
    profile: Profile
    verdicts: list[Verdict]
    lang: str
    #: The date the rules were evaluated on (``MUNI_TODAY`` or today): recorded in the audit.
    today: dt.date | None = None
    #: ``machine`` when that date is the machine's own, else ``declared`` (``--today``,
    #: ``MUNI_TODAY``, a demo's dates): recorded with the evaluation.
    clock: str = "machine"

    @property
    def allowed(self) -> bool:
        return not any(v.blocks for v in self.verdicts)


def load_case(db: Registry, case_id: int) -> tuple[dict, Workflow]:
    case = cases.get(db, case_id)
    if case is None:
        raise NotFound(f"no case {case_id}", case=case_id)
    workflow = load(case["workflow"])
    check_state(workflow, case_id, case["state"])
    return case, workflow


def choose_transition(workflow: Workflow, case: dict, trigger: str | None) -> TransitionSpec:
    """The named trigger, or the only one leaving the current state."""
    state = case["state"]
    available = workflow.transitions_from(state)
    if trigger is None:
        if not available:
            raise StateError(f"case {case['id']} is in final state '{state}'; nothing to do",
                             case=case["id"])
        if len(available) > 1:
            raise StateError(
                f"case {case['id']}: several steps are possible from '{state}' — name one: "
                + ", ".join(t.trigger for t in available), case=case["id"])
        return available[0]
    t = workflow.transition(trigger, state)
    if t is None:
        known = {x.trigger for x in workflow.transitions}
        if trigger not in known:
            raise StateError(f"case {case['id']}: workflow '{workflow.id}' has no trigger "
                             f"'{trigger}' (triggers: {', '.join(sorted(known))})",
                             case=case["id"])
        raise StateError(
            f"case {case['id']}: '{trigger}' is not allowed in state '{state}'"
            + (f"; allowed now: {', '.join(x.trigger for x in available)}" if available else
               " (final state)"), case=case["id"])
    return t


def plan(db: Registry, case_id: int, trigger: str | None = None, *,
         today: dt.date | None = None, lang: str | None = None,
         actor: Actor | None = None) -> Plan:
    case, workflow = load_case(db, case_id)
    transition = choose_transition(workflow, case, trigger)
    return plan_transition(db, case, workflow, transition, today=today, lang=lang,
                           actor=actor)


def plan_transition(db: Registry, case: dict, workflow: Workflow,
                    transition: TransitionSpec, *, today: dt.date | None = None,
                    lang: str | None = None, actor: Actor | None = None) -> Plan:
    """Read-only: the step's context and verdicts. With a logged-in ``actor`` on a signing
    step, the rules that check the signer (the head on record on the act's date, the council
    chair) check the account's person instead of a signer the case data names."""
    machine_day = dt.date.today()
    today = today or machine_day
    # The day the rules are judged on is always given (--today/MUNI_TODAY or the machine's);
    # one other than the machine's own is recorded as declared.
    clock = "machine" if today == machine_day else "declared"
    municipality = directory.municipality(db, case["municipality"])
    chosen = lang or (municipality["lang"] if municipality else "ky")
    prepared = prepare(db, case, workflow, today=today, lang=chosen,
                       act_date_path=transition.act_date)
    if (actor is not None and actor.authenticated and is_signing(transition)
            and hasattr(prepared.facts, "signer")):
        prepared = replace(prepared, facts=replace(prepared.facts, signer=actor.person))
    profile = profile_for(prepared.act_date)
    verdicts = evaluate(transition.guards, prepared.facts, profile,
                        checks_for(workflow.context), lang="en")
    return Plan(case=case, workflow=workflow, transition=transition, prepared=prepared,
                profile=profile, verdicts=verdicts, lang=chosen, today=today, clock=clock)


def preparer_records(records_newest_first: Iterable[dict]) -> list[dict]:
    """The records of who prepared a pending step, from the records before it, newest
    first: the last transition's and every data change's since. The one rule of four eyes:
    the engine applies it to the registry, ``verify`` to the recorded history."""
    out = []
    for record in records_newest_first:
        out.append(record)
        if record["trigger"] != "update_data":
            break
    return out


def preparers_of(records_newest_first: Iterable[dict]) -> set[str]:
    """The names (``actor``) of who prepared a pending step, for people to read."""
    return {r["actor"] for r in preparer_records(records_newest_first)}


def preparers(db: Registry, case_id: int) -> set[str]:
    """Who prepared the case's pending step (``preparers_of`` its records)."""
    return preparers_of(audit.actors_newest_first(db, case_id))


def same_person(actor: str) -> str:
    """The form declared names are compared in: "Clerk ", "clerk\\u200b", "ｃｌｅｒｋ" and
    "сlerk" (Cyrillic с) are one person for four eyes (``names.name_key``)."""
    return name_key(actor)


def require_actor(actor: Actor | None) -> Actor:
    """Every record names who acted (``actor.require``)."""
    return require(actor)


def evaluation(plan_: Plan) -> dict[str, Any]:
    """What the verdicts were judged by, besides the case data: the profile's exact version,
    the act's date that chose it, and the day the rules were evaluated on."""
    return {"profile": plan_.profile.version(),
            "act_date": plan_.prepared.act_date.isoformat(),
            "on": plan_.today.isoformat() if plan_.today else None, "clock": plan_.clock}


def four_eyes_refusal(db: Registry, plan_: Plan, actor: Actor) -> StateError | None:
    """The signer is not who prepared the step: the same *person* for accounts (two logins
    of one person are one person), the same name as a reader sees it for declared names."""
    if not plan_.transition.four_eyes:
        return None
    prepared = preparer_records(audit.actors_newest_first(db, plan_.case["id"]))
    if actor.identity_key not in {recorded_key(r) for r in prepared}:
        return None
    who = f"'{actor.name}' ({actor.person})" if actor.authenticated else f"'{actor.name}'"
    return StateError(
        f"case {plan_.case['id']}: '{plan_.transition.trigger}' needs a second person — "
        f"{who} prepared this step; another actor must confirm it",
        case=plan_.case["id"], rule="four_eyes")


def who_refusal(db: Registry, plan_: Plan, actor: Actor) -> Forbidden | None:
    """The account's person holds an office the workflow's ``who:`` names on the act's date
    (or the account a role it names); a declared name is not checked (``verify`` notes it)."""
    ok, why = may_act(db, actor, plan_.transition.who, municipality=plan_.case["municipality"],
                      on=plan_.prepared.act_date)
    if ok:
        return None
    return Forbidden(f"case {plan_.case['id']}: '{plan_.transition.trigger}': {why}",
                     case=plan_.case["id"], rule="who")


def refusal(db: Registry, plan_: Plan, actor: Actor) -> StateError | Forbidden | None:
    """Why ``actor`` may not take the planned step — four eyes, then ``who:`` — or None.

    The one rule of who may take a step: ``commit_plan`` raises what this returns (a single
    step, a batch's every case), and ``Engine.may_take`` shows it before anyone clicks, so a
    page cannot offer a step the write path would refuse, nor hide one it would take."""
    return four_eyes_refusal(db, plan_, actor) or who_refusal(db, plan_, actor)


def check_four_eyes(db: Registry, plan_: Plan, actor: Actor) -> None:
    refused = four_eyes_refusal(db, plan_, actor)
    if refused is not None:
        raise refused


def check_who(db: Registry, plan_: Plan, actor: Actor) -> None:
    refused = who_refusal(db, plan_, actor)
    if refused is not None:
        raise refused
