"""Workflow spec → a ``transitions`` state machine that moves one case.

One machine per workflow (and thread), built once: a step adds the case's model to it in
its stored state, fires the trigger and takes the model out again, so the machine holds no
case between steps. (A fresh machine per step cost ≈0.1 ms of a batch's every step, most of
it in building the states and events again; a model is added in a third of that.)
``auto_transitions=False``: only the triggers the workflow declares exist. A stored state
the workflow does not know is an error — ``transitions`` would silently create it if passed
as ``initial``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from transitions import Machine, MachineError

from .errors import StateError
from .spec import Workflow


class CaseModel:
    """The object ``transitions`` moves from state to state; one per case per step. Its own
    attributes are ``_muni_``-prefixed so no trigger a workflow declares can clash with them."""

    state: str

    def __init__(self, case_id: int, allowed: Callable[[str], bool] | None = None):
        self.case_id = case_id
        self._muni_allowed = allowed
        self._muni_firing: str | None = None

    def _muni_may_fire(self) -> bool:
        """Every transition's condition: ``allowed(trigger)`` of the trigger being fired."""
        return self._muni_allowed is None or bool(self._muni_allowed(self._muni_firing or ""))


def check_state(workflow: Workflow, case_id: int, state: str) -> None:
    """A stored state the workflow does not know is an error (``StateError``), found when
    the case is loaded, before any machine is built."""
    if state not in workflow.state_names:
        raise StateError(
            f"case {case_id}: stored state '{state}' is not a state of workflow "
            f"'{workflow.id}' ({', '.join(workflow.state_names)})",
            case=case_id,
        )


_machines = threading.local()


def _machine(workflow: Workflow) -> Machine:
    """This thread's machine for ``workflow`` (the same spec object: a changed workflow file
    is another object, so another machine)."""
    machines = getattr(_machines, "by_workflow", None)
    if machines is None:
        machines = _machines.by_workflow = {}
    entry = machines.get(id(workflow))
    if entry is None or entry[0] is not workflow:
        transitions = [{"trigger": t.trigger, "source": t.source, "dest": t.dest,
                        "conditions": ["_muni_may_fire"]} for t in workflow.transitions]
        machine = Machine(model=None, states=list(workflow.state_names),
                          transitions=transitions, initial=workflow.state_names[0],
                          auto_transitions=False, send_event=False)
        entry = machines[id(workflow)] = (workflow, machine)
    return entry[1]


def restore(workflow: Workflow, case_id: int, state: str,
            allowed: Callable[[str], bool] | None = None) -> CaseModel:
    """A model in ``state``; ``allowed(trigger)`` is every transition's condition. ``fire``
    takes it out of the workflow's machine again."""
    check_state(workflow, case_id, state)
    model = CaseModel(case_id, allowed)
    machine = _machine(workflow)
    machine.add_model(model, initial=state)
    model._muni_machine = machine
    return model


def fire(model: CaseModel, trigger: str) -> bool:
    """Fire ``trigger``; False when a condition refused it, StateError when not allowed here.
    Either way the model leaves the machine (it keeps its state)."""
    model._muni_firing = trigger
    try:
        return bool(getattr(model, trigger)())
    except (MachineError, AttributeError):
        raise StateError(
            f"case {model.case_id}: '{trigger}' is not allowed in state '{model.state}'",
            case=model.case_id,
        ) from None
    finally:
        machine = getattr(model, "_muni_machine", None)
        if machine is not None and model in machine.models:
            machine.remove_model(model)
