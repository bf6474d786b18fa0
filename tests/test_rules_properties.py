"""Property tests for the working-group rules against a direct reading of the seed's text.

A check returns its finding as a message key and values (``messages.Say``); ``str()`` is the
English wording, ``render(say, lang)`` the Kyrgyz and Russian."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from muni.engine.contexts.working_group import Member, WorkingGroupFacts
from muni.engine.guards import working_group as g
from muni.engine.messages import render

D = dt.date(2026, 11, 20)


def member(i: int, sex: str, category: str) -> Member:
    return Member(person=f"p{i}", name=f"P{i}", short_name=f"P{i}", sex=sex, role="member",
                  category=category, position="", contacts="", offices=[])


groups = st.lists(st.tuples(st.sampled_from("fm"),
                            st.sampled_from(["staff", "deputy", "community"])),
                  min_size=0, max_size=30)


def facts(people: list[tuple[str, str]]) -> WorkingGroupFacts:
    ms = [member(i, s, c) for i, (s, c) in enumerate(people)]
    return WorkingGroupFacts(act_date=D, today=D, initiative_date=D, chair=None,
                             secretary=None, members=ms, head=None, signer=None)


@given(groups, st.integers(1, 12))
def test_min_size(people, minimum):
    ok, message = g.group_min_size(facts(people), {"min": minimum})
    assert ok == (len(people) >= minimum)
    for lang in ("en", "ky", "ru"):
        assert str(len(people)) in render(message, lang)


@given(groups, st.sampled_from([0.25, 0.3, 0.4, 0.5]))
def test_gender_balance_is_the_minority_share(people, share):
    ok, message = g.group_gender_balance(facts(people), {"min_share": share})
    if not people:
        assert not ok
        return
    women = sum(1 for s, _ in people if s == "f")
    minority = min(women, len(people) - women)
    # «Азчылык бери дегенде 30% түзүш керек»: the minority sex is at least the share.
    assert ok == (minority / len(people) >= share - 1e-9)
    assert f"of {len(people)}" in str(message)
    assert f"{len(people)} мүчөнүн ичинен" in render(message, "ky")


@given(groups)
def test_composition_needs_each_category(people):
    required = ["staff", "deputy", "community"]
    ok, message = g.group_composition(facts(people), {"required": required})
    present = {c for _, c in people}
    assert ok == (set(required) <= present)
    english = {"staff": "ayil okmotu staff", "deputy": "council deputies",
               "community": "community representatives"}
    kyrgyz = {"staff": "айыл өкмөтүнүн кызматкерлери", "deputy": "кеңештин депутаттары",
              "community": "жамааттын өкүлдөрү"}
    for c in set(required) - present:
        assert f"the group has no {english[c]}" in str(message)
        assert f"топто {kyrgyz[c]} жок" in render(message, "ky")


@given(st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31)),
       st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31)))
def test_order_not_before_initiative(order, initiative):
    f = facts([])
    f.act_date, f.initiative_date = order, initiative
    ok, _ = g.order_not_before_initiative(f, {})
    assert ok == (order >= initiative)
