"""Opening cases and changing their data: everything is checked before anything is written.

Case data is validated against the workflow's JSON Schema (``muni case schema WORKFLOW``
prints it), then its references (people, municipality) are resolved against the registry, so
a typo in a person id is reported at ``case new`` naming the field, not at signing time.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import muni.engine.inputs as inputs
from muni.registry import audit, cases, directory
from muni.registry.db import Registry, write_transaction

from .actor import Actor, require
from .contexts import prepare
from .data import deep_merge, jsonable, utc_now
from .errors import Forbidden, InputError, NotFound
from .identity import may_act
from .spec import Workflow, load

if TYPE_CHECKING:
    import jsonschema


def read_data_file(path: Path) -> dict[str, Any]:
    """A YAML or JSON mapping, read by the bounded input reader; errors name the file and
    the field."""
    doc = inputs.load(path)
    if not isinstance(doc, dict):
        raise InputError(f"{path.name}: expected a mapping of case data at the top level")
    return jsonable(doc)


def _where(error: jsonschema.ValidationError) -> str:
    parts = []
    for p in error.absolute_path:
        parts.append(f"[{p}]" if isinstance(p, int) else (f".{p}" if parts else str(p)))
    return "".join(parts) or "(top level)"


def validate(workflow: Workflow, data: dict[str, Any]) -> None:
    """Raise ``InputError`` listing every schema problem, each with its field path.

    jsonschema is imported here, not with the module: a batch imports this module for the
    rows that carry data, and a batch that only steps cases need not pay its ~55 ms."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(
        workflow.data_schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    problems = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.path))):
        where = _where(error)
        if error.validator == "required":
            missing = error.message.split("'")[1] if "'" in error.message else error.message
            field_path = f"{where}.{missing}" if where != "(top level)" else missing
            problems.append(f"{field_path}: required")
        elif error.validator == "additionalProperties":
            problems.append(f"{where}: {error.message}")
        elif error.validator == "oneOf":
            problems.append(f"{where}: must be a person id or a mapping with 'person'; "
                            f"got {error.instance!r}")
        else:
            problems.append(f"{where}: {error.message}")
    if problems:
        raise InputError(f"case data for '{workflow.id}' is not valid", details=problems,
                         problems=problems)


def check_references(db: Registry, workflow: Workflow, case: dict) -> None:
    """Resolve people and dates now (the context builder raises on unknown references)."""
    prepare(db, case, workflow, today=dt.date.today())


#: Who may open a case or change its data (``who:`` words): an office in the municipality,
#: or a role that reaches it — anyone but a reviewer, whose role only reads.
CASE_WRITERS = ("staff", "council", "clerk", "district", "admin")


def check_writer(db: Registry, actor: Actor, municipality: str, what: str) -> None:
    ok, why = may_act(db, actor, CASE_WRITERS, municipality=municipality, on=dt.date.today())
    if not ok:
        raise Forbidden(f"{what}: {why}", rule="who")


def open_case(db: Registry, workflow_id: str, municipality: str,
              data: dict[str, Any], *, actor: Actor) -> int:
    """Validate, then create the case in the workflow's initial state with its audit record."""
    require(actor)
    workflow = load(workflow_id)
    if directory.municipality(db, municipality) is None:
        raise NotFound(f"unknown municipality '{municipality}' (see `muni import`)")
    check_writer(db, actor, municipality, f"open a '{workflow_id}' case")
    data = jsonable(data)
    validate(workflow, data)
    check_references(db, workflow, {"id": "(new)", "municipality": municipality, "data": data})
    now = utc_now()
    with write_transaction(db):
        case_id = cases.create(db, workflow=workflow.id, municipality=municipality,
                               state=workflow.initial, data=data, now=now)
        audit.append(db, case_id=case_id, at=now, actor=actor.name, trigger="open",
                     identity=actor.audit_fields(),
                     from_state=None,
                     to_state=workflow.initial, profile=None, guards=[],
                     data={"case": data}, documents=[])
    return case_id


def update_case(db: Registry, case_id: int, changes: dict[str, Any], *,
                actor: Actor, replace: bool = False) -> dict[str, Any]:
    """Merge ``changes`` into the case data (or replace it), re-validate, record who did it."""
    require(actor)
    case = cases.get(db, case_id)
    if case is None:
        raise NotFound(f"no case {case_id}", case=case_id)
    check_writer(db, actor, case["municipality"], f"change case {case_id}'s data")
    workflow = load(case["workflow"])
    if workflow.state(case["state"]).final:
        raise InputError(f"case {case_id} is in final state '{case['state']}'; its data is closed")
    data = jsonable(changes) if replace else deep_merge(case["data"], jsonable(changes))
    validate(workflow, data)
    check_references(db, workflow, {**case, "data": data})
    if data == case["data"]:
        # Nothing changes: no audit record, no new version. Applying the same change twice
        # (a batch file run again after a crash) must not make the actor a preparer again.
        return data
    now = utc_now()
    with write_transaction(db):
        cases.replace_data(db, case_id, data, now)
        audit.append(db, case_id=case_id, at=now, actor=actor.name, trigger="update_data",
                     identity=actor.audit_fields(),
                     from_state=case["state"], to_state=case["state"], profile=None, guards=[],
                     data={"case": data, "before": case["data"]}, documents=[])
    return data
