"""The state machine that moves a case: one ``transitions`` machine per workflow and thread,
whose one model takes each case's state in turn — no case's state or condition may carry
over to the next."""

from __future__ import annotations

import threading

import pytest

from muni.engine.errors import StateError
from muni.engine.machine import fire, restore
from muni.engine.spec import load


@pytest.fixture(scope="module")
def wg():
    return load("working_group")


def test_a_trigger_moves_the_case_to_its_destination(wg):
    model = restore(wg, 1, "initiative_recorded")
    assert fire(model, "draft_order") is True
    assert model.state == "order_drafted"
    later = restore(wg, 2, "order_registered")
    assert fire(later, "start_work") is True
    assert (model.state, later.state) == ("order_drafted", "group_working")


def test_a_refused_condition_keeps_the_state_and_does_not_carry_over(wg):
    asked: list[str] = []

    def refuse(trigger: str) -> bool:
        asked.append(trigger)
        return False

    refused = restore(wg, 1, "order_drafted", allowed=refuse)
    assert fire(refused, "sign_order") is False
    assert refused.state == "order_drafted" and asked == ["sign_order"]
    allowed = restore(wg, 2, "order_drafted")
    assert fire(allowed, "sign_order") is True and allowed.state == "order_registered"
    assert asked == ["sign_order"]


def test_a_trigger_not_allowed_in_the_state_is_a_state_error(wg):
    model = restore(wg, 7, "order_registered")
    with pytest.raises(StateError) as exc:
        fire(model, "draft_order")
    assert exc.value.message == "case 7: 'draft_order' is not allowed in state 'order_registered'"
    with pytest.raises(StateError) as unknown:
        fire(model, "no_such_trigger")
    assert unknown.value.message == (
        "case 7: 'no_such_trigger' is not allowed in state 'order_registered'")
    assert model.state == "order_registered"
    again = restore(wg, 8, "initiative_recorded")  # the machine is usable after an error
    assert fire(again, "draft_order") and again.state == "order_drafted"


def test_an_unknown_stored_state_is_refused_before_any_machine(wg):
    with pytest.raises(StateError) as exc:
        restore(wg, 3, "archived")
    assert exc.value.message.startswith(
        "case 3: stored state 'archived' is not a state of workflow 'working_group' (")


def test_threads_move_their_own_cases(wg):
    steps = [("initiative_recorded", "draft_order", "order_drafted"),
             ("order_drafted", "sign_order", "order_registered"),
             ("order_registered", "start_work", "group_working")]
    reached: dict[tuple[int, int], str] = {}

    def run(thread: int) -> None:
        for i in range(300):
            source, trigger, _ = steps[(i + thread) % 3]
            model = restore(wg, i, source, allowed=lambda _t, i=i: i % 5 != 0)
            fire(model, trigger)
            reached[thread, i] = model.state

    threads = [threading.Thread(target=run, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for (thread, i), state in reached.items():
        source, _, dest = steps[(i + thread) % 3]
        assert state == (source if i % 5 == 0 else dest)
    assert len(reached) == 1200
