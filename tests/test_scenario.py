"""Scenario files (engine/scenario.py): what the demo is made of, checked on small ones."""

from __future__ import annotations

import datetime as dt

import pytest

from muni.engine import scenario
from muni.engine.errors import InputError
from muni.engine.render import TemplateStore
from muni.engine.sample import EXAMPLES


def play(db, tmp_path, text: str) -> scenario.Run:
    path = tmp_path / "s.yaml"
    path.write_text(text.replace("EXAMPLES", str(EXAMPLES)), encoding="utf-8")
    run = scenario.Run(db, out=tmp_path / "docs", store=TemplateStore(), lang="ky",
                       today=dt.date(2026, 11, 21))
    run.play(path)
    return run


def test_a_step_expected_to_be_refused_that_is_taken_stops_the_scenario(db, tmp_path):
    with pytest.raises(InputError, match=r"s.yaml steps\[1\]: 'draft_order' was expected to "
                                         "be refused; it was taken"):
        play(db, tmp_path, """
actors: {clerk: Clerk}
actor: clerk
steps:
  - {open: working_group, as: g, data: EXAMPLES/working_group_case.yaml}
  - {step: draft_order, case: g, expect: refused}
""")


def test_set_reaches_into_lists_and_names_other_cases(db, tmp_path):
    run = play(db, tmp_path, """
actors: {clerk: Clerk, head: Head}
actor: clerk
steps:
  - open: working_group
    as: g
    data: EXAMPLES/working_group_case.yaml
    set: {"group.members[0]": lip-004}
  - {change: g, set: {order.signer: lip-001}, say: the signer}
  - {step: draft_order, case: g}
  - {step: sign_order, case: g, expect: refused}
  - {step: sign_order, case: g, actor: head, day: 2026-11-22}
  - {show: g, say: "case {g} signed"}
""")
    from muni.registry import cases

    data = cases.get(db, run.cases["g"])["data"]
    assert data["group"]["members"][0] == "lip-004" and data["order"]["signer"] == "lip-001"
    assert run.log[-1] == "Case 1 is now 'order_registered'. case 1 signed"
    assert "refused — case 1: 'sign_order' needs a second person" in run.log[-3]
    assert run.log[-2].startswith("  case 1 sign_order by Head (2026-11-22): order_drafted → ")


def test_a_set_path_that_is_not_there_names_it(db, tmp_path):
    with pytest.raises(InputError, match=r"set: no place 'group.members\[99\]'"):
        play(db, tmp_path, """
actors: {clerk: Clerk}
actor: clerk
steps:
  - open: working_group
    as: g
    data: EXAMPLES/working_group_case.yaml
    set: {"group.members[99]": lip-004}
""")
