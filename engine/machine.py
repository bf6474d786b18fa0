"""Workflow spec → a ``transitions`` state machine that moves one case.

One machine per workflow (and thread), built once, with one model of its own that stands
in for whichever case is moving: a step puts that model in the case's stored state, fires
the trigger on it and copies the state it reached back to the case's ``CaseModel``, so the
machine holds no case between steps. (A fresh machine per step cost ≈0.1 ms of a batch's
every step, most of it in building the states and events again; adding a case's own model
to the machine and taking it out again cost ≈0.04 ms — ``transitions`` gives a model a
method per trigger and state each time — and setting the stand-in's state a twentieth.)
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
    """One case in one step: its id and the state it is in (after ``fire``: the state the
    trigger reached), and ``allowed(trigger)``, the condition of every transition."""

    def __init__(self, case_id: int, workflow: Workflow, state: str,
                 allowed: Callable[[str], bool] | None = None):
        self.case_id, self.workflow, self.state = case_id, workflow, state
        self.allowed = allowed


class _Driver:
    """The model ``transitions`` moves, one per machine: it takes the state and condition of
    the case being fired (``fire``) and gives up the condition afterwards. Its own
    attributes are ``_muni_``-prefixed so no trigger a workflow declares can clash with them."""

    state: str

    def __init__(self) -> None:
        self._muni_allowed: Callable[[str], bool] | None = None
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


def _machine(workflow: Workflow) -> tuple[Machine, _Driver]:
    """This thread's machine for ``workflow`` and its model (the same spec object: a changed
    workflow file is another object, so another machine)."""
    machines = getattr(_machines, "by_workflow", None)
    if machines is None:
        machines = _machines.by_workflow = {}
    entry = machines.get(id(workflow))
    if entry is None or entry[0] is not workflow:
        transitions = [{"trigger": t.trigger, "source": t.source, "dest": t.dest,
                        "conditions": ["_muni_may_fire"]} for t in workflow.transitions]
        driver = _Driver()
        machine = Machine(model=driver, states=list(workflow.state_names),
                          transitions=transitions, initial=workflow.state_names[0],
                          auto_transitions=False, send_event=False)
        entry = machines[id(workflow)] = (workflow, machine, driver)
    return entry[1], entry[2]


def restore(workflow: Workflow, case_id: int, state: str,
            allowed: Callable[[str], bool] | None = None) -> CaseModel:
    """The case in ``state``; ``allowed(trigger)`` is every transition's condition."""
    check_state(workflow, case_id, state)
    return CaseModel(case_id, workflow, state, allowed)


def fire(model: CaseModel, trigger: str) -> bool:
    """Fire ``trigger`` on the workflow's machine from the case's state; False when a
    condition refused it (the case keeps its state), StateError when it is not allowed
    there. The state reached is the case's ``model.state``."""
    machine, driver = _machine(model.workflow)
    machine.set_state(model.state, driver)
    driver._muni_allowed, driver._muni_firing = model.allowed, trigger
    try:
        fired = bool(getattr(driver, trigger)())
    except (MachineError, AttributeError):
        raise StateError(
            f"case {model.case_id}: '{trigger}' is not allowed in state '{model.state}'",
            case=model.case_id,
        ) from None
    finally:
        driver._muni_allowed = driver._muni_firing = None
    model.state = driver.state
    return fired
