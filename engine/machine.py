"""Workflow spec → a ``transitions`` state machine for one case.

A fresh, small machine per case and step (≈0.1 ms) rather than one shared machine with many
models, which slows down and holds every case in memory. ``auto_transitions=False``: only the
triggers the workflow declares exist. A stored state the workflow does not know is an error —
``transitions`` would silently create it if passed as ``initial``.
"""

from __future__ import annotations

from collections.abc import Callable

from transitions import Machine, MachineError

from .errors import StateError
from .spec import Workflow


class CaseModel:
    """The object ``transitions`` moves from state to state; one per case per step."""

    state: str

    def __init__(self, case_id: int):
        self.case_id = case_id


def check_state(workflow: Workflow, case_id: int, state: str) -> None:
    """A stored state the workflow does not know is an error (``StateError``), found when
    the case is loaded, before any machine is built."""
    if state not in workflow.state_names:
        raise StateError(
            f"case {case_id}: stored state '{state}' is not a state of workflow "
            f"'{workflow.id}' ({', '.join(workflow.state_names)})",
            case=case_id,
        )


def restore(workflow: Workflow, case_id: int, state: str,
            allowed: Callable[[str], bool] | None = None) -> CaseModel:
    """A model in ``state``; ``allowed(trigger)`` is every transition's condition."""
    check_state(workflow, case_id, state)
    model = CaseModel(case_id)
    transitions = []
    for t in workflow.transitions:
        spec = {"trigger": t.trigger, "source": t.source, "dest": t.dest}
        if allowed is not None:
            spec["conditions"] = [lambda trigger=t.trigger: allowed(trigger)]
        transitions.append(spec)
    Machine(model=model, states=list(workflow.state_names), transitions=transitions,
            initial=state, auto_transitions=False, send_event=False)
    return model


def fire(model: CaseModel, trigger: str) -> bool:
    """Fire ``trigger``; False when a condition refused it, StateError when not allowed here."""
    try:
        return bool(getattr(model, trigger)())
    except (MachineError, AttributeError):
        raise StateError(
            f"case {model.case_id}: '{trigger}' is not allowed in state '{model.state}'",
            case=model.case_id,
        ) from None
