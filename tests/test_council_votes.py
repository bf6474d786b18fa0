"""Quorum and majority arithmetic (engine/votes.py) and the dated profile switch of 2018."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from muni.engine import rules, votes

SPECIAL_KINDS = ["chair_election", "chair_removal", "head_appointment", "no_confidence"]


@given(st.integers(0, 200), st.sampled_from([Fraction(1, 2), Fraction(2, 3), Fraction(3, 4)]),
       st.booleans())
def test_threshold_is_the_smallest_count_that_satisfies_the_rule(base, fraction, strict):
    k = votes.threshold(base, fraction, strict)

    def ok(n: int) -> bool:
        return n > fraction * base if strict else n >= fraction * base

    assert ok(k)
    assert k == 0 or not ok(k - 1)


@given(st.integers(1, 200))
def test_quorum_more_than_half_and_not_less_than_half(elected):
    assert votes.quorum_needed(elected, {"fraction": [1, 2], "strict": True}) == elected // 2 + 1
    assert votes.quorum_needed(elected, {"fraction": [1, 2], "strict": False}) == \
        (elected + 1) // 2


def test_known_values():
    assert votes.quorum_needed(15, {"fraction": [1, 2], "strict": True}) == 8
    assert votes.quorum_needed(16, {"fraction": [1, 2], "strict": True}) == 9
    assert votes.quorum_needed(16, {"fraction": [1, 2], "strict": False}) == 8
    assert votes.threshold(15, Fraction(2, 3), strict=False) == 10
    assert votes.threshold(21, Fraction(2, 3), strict=False) == 14


@given(st.integers(0, 40), st.integers(0, 40), st.integers(0, 40), st.integers(0, 60),
       st.integers(1, 60))
def test_tally_consistent_iff_votes_le_present_le_elected(yes, no, abstained, present,
                                                         elected):
    problems = votes.tally_problems(votes.Tally(yes, no, abstained), present, elected)
    assert (not problems) == (yes + no + abstained <= present <= elected)


@given(st.lists(st.tuples(st.sampled_from([f"d{i}" for i in range(8)]),
                          st.sampled_from(votes.VOTE_CHOICES)), max_size=12))
def test_roll_call_each_deputy_votes_once(roll):
    tally = votes.tally_from({"roll_call": [{"deputy": d, "vote": v} for d, v in roll]})
    assert tally.voted == len(roll)
    problems = votes.tally_problems(tally, present=8, elected=15,
                                    present_ids=frozenset(f"d{i}" for i in range(8)))
    deputies = [d for d, _ in roll]
    repeats = [p for p in problems if "more than once" in p]
    assert len(repeats) == len(deputies) - len(set(deputies))
    assert {p.split("'")[1] for p in repeats} == {d for d in deputies if deputies.count(d) > 1}


def test_exact_tally_messages():
    problems = votes.tally_problems(
        votes.Tally(7, 3, 2, (("a", "for"), ("a", "against"), ("z", "for"))), present=11,
        elected=15, present_ids=frozenset({"a"}))
    assert "12 votes cast (for 7, against 3, abstained 2) but only 11 deputies present" in problems
    assert "deputy 'a' voted more than once" in problems
    assert "deputy 'z' voted but is not recorded as present" in problems
    assert votes.tally_problems(votes.Tally(1, 0, 0), present=16, elected=15) == [
        "16 deputies present, but the council has only 15 elected deputies"]


def _requirements(on: dt.date, kind: str, elected: int, present: int):
    profile = rules.profile_for(on)
    return profile.id, votes.requirements(kind, elected, present,
                                          profile.rule("vote.majority").params,
                                          profile.rule("vote.special_majority").params)


@given(st.sampled_from(SPECIAL_KINDS + ["ordinary", "budget"]), st.integers(5, 45),
       st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31)))
def test_two_thirds_only_before_the_2018_amendment(kind, elected, on):
    pid, reqs = _requirements(on, kind, elected, elected)
    by_rule = {r.rule: r for r in reqs}
    assert by_rule["vote.majority"].needed == elected // 2 + 1
    special = kind in SPECIAL_KINDS and on < dt.date(2018, 2, 15)
    assert ("vote.special_majority" in by_rule) == special
    if special:
        assert pid == "kg-2015"
        assert by_rule["vote.special_majority"].needed == -(-2 * elected // 3)


def test_profile_switch_dates_and_rule_names():
    assert rules.profile_for(dt.date(2018, 2, 14)).id == "kg-2015"
    assert rules.profile_for(dt.date(2018, 2, 15)).id == "kg-2018"
    assert rules.profile_for(dt.date(2021, 10, 20)).id == "kg-2021"
    _, before = _requirements(dt.date(2017, 6, 1), "chair_election", 15, 12)
    assert [(r.rule, r.needed, r.words()) for r in before] == [
        ("vote.majority", 8, "more than half of the elected deputies"),
        ("vote.special_majority", 10, "not less than two thirds of the elected deputies")]
    _, after = _requirements(dt.date(2019, 6, 1), "chair_election", 15, 12)
    assert [(r.rule, r.needed) for r in after] == [("vote.majority", 8)]
    special = rules.profile_for(dt.date(2019, 6, 1)).rule("vote.special_majority")
    assert special.verified is False  # shown as "basis not verified"


def test_majority_of_those_present_when_the_profile_says_so():
    reqs = votes.requirements("budget", 15, 9, {"fraction": [1, 2], "strict": True,
                                                "base": "elected",
                                                "of_present_kinds": ["budget"]}, {"kinds": []})
    assert [(r.base_name, r.base, r.needed) for r in reqs] == [("present", 9, 5)]
    assert reqs[0].words("ky") == "катышкан депутаттардын жарымынан көбү"
    assert reqs[0].words("ru") == "более половины от числа присутствующих депутатов"


@given(st.integers(5, 45), st.integers(0, 45), st.integers(0, 45))
def test_adopted_iff_quorum_and_majority(elected, present, yes):
    present = min(present, elected)
    yes = min(yes, present)
    q = votes.quorum_needed(elected, {"fraction": [1, 2], "strict": True})
    [req] = votes.requirements("ordinary", elected, present,
                               {"fraction": [1, 2], "strict": True}, {"kinds": []})
    adopted = present >= q and yes >= req.needed
    assert adopted == (present > elected / 2 and yes > elected / 2)


def test_negative_count_is_refused():
    assert votes.tally_problems(votes.Tally(-1, 0, 0), 5, 15) == [
        "'for' is -1; a count cannot be negative"]
    with pytest.raises(ValueError):
        votes.threshold(-1, Fraction(1, 2), True)
