"""Quorum, majorities and tallies (engine/votes.py): the arithmetic of Law No. 101 art. 28(2),
36(1) and of the two-thirds votes, checked against a direct reading of the rule."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from muni.engine import votes


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


MAJORITY = votes.VoteRule("vote.majority", {"fraction": [1, 2], "strict": True,
                                            "base": "elected"})
TWO_THIRDS = {"fraction": [2, 3], "strict": False, "base": "elected"}
KIND_RULES = [MAJORITY] + [
    votes.VoteRule(f"vote.{k}", {**TWO_THIRDS, "kinds": [k]})
    for k in ("charter_amendment", "self_dissolution", "no_confidence", "chair_removal",
              "deputy_head_release")] + [
    votes.VoteRule("vote.chair_election", {**TWO_THIRDS, "measure": "participants",
                                           "kinds": ["chair_election"]})]
KINDS = ["ordinary", "charter_adoption", "charter_amendment", "self_dissolution",
         "no_confidence", "chair_removal", "deputy_head_release", "chair_election"]


def test_fourteen_seats_seven_present_is_a_quorum():
    # Law No. 101 art. 28(2): «кеминде жарымы» — not less than half; 7 of 14 is enough.
    q = votes.quorum(14, {"fraction": [1, 2], "strict": False})
    assert q.needed == 7 and q.met(None, present=7) and not q.met(None, present=6)
    assert q.words("ky") == "депутаттардын жалпы санынын жарымынан кем эмеси"
    assert q.words("ru") == "не менее половины от общего числа депутатов"


def test_charter_amendment_with_a_majority_but_less_than_two_thirds():
    reqs = votes.requirements("charter_amendment", 15, 12, KIND_RULES)
    assert [(r.rule, r.needed) for r in reqs] == [("vote.majority", 8),
                                                  ("vote.charter_amendment", 10)]
    nine = votes.Tally(9, 3, 0)
    assert reqs[0].met(nine) and not reqs[1].met(nine)
    assert reqs[1].words() == "not less than two thirds of the total number of deputies"


@given(st.sampled_from(KINDS), st.integers(5, 45), st.integers(0, 45))
def test_each_kind_selects_its_rule_and_always_the_majority_of_the_total(kind, elected, present):
    present = min(present, elected)
    reqs = votes.requirements(kind, elected, present, KIND_RULES)
    by_rule = {r.rule: r for r in reqs}
    assert by_rule["vote.majority"].needed == elected // 2 + 1
    assert set(by_rule) - {"vote.majority"} == (
        {f"vote.{kind}"} if f"vote.{kind}" in {r.id for r in KIND_RULES} else set())
    for r in reqs:
        if r.rule != "vote.majority":
            assert r.needed == -(-2 * elected // 3)   # not less than two thirds of the total


@given(st.integers(5, 45), st.integers(0, 45), st.integers(0, 45), st.integers(0, 45))
def test_an_election_counts_who_took_part_and_the_winner_needs_a_majority(elected, yes, no,
                                                                          abstained):
    tally = votes.Tally(yes, no, abstained)
    validity, = [r for r in votes.requirements("chair_election", elected, elected, KIND_RULES)
                 if r.measure == "participants"]
    assert validity.met(tally) == (3 * (yes + no + abstained) >= 2 * elected)
    assert validity.words().startswith("taking part: not less than two thirds")


def test_a_withdrawn_rule_is_never_met_and_a_warning_does_not_block():
    withdrawn = votes.VoteRule("vote.no_confidence", {**TWO_THIRDS, "kinds": ["no_confidence"]},
                               withdrawn="the head is appointed")
    warn = votes.VoteRule("vote.charter_amendment", {**TWO_THIRDS, "kinds": ["charter_amendment"]},
                          blocking=False)
    [_, r] = votes.requirements("no_confidence", 15, 15, [MAJORITY, withdrawn])
    assert not r.met(votes.Tally(15, 0, 0)) and r.withdrawn == "the head is appointed"
    [_, w] = votes.requirements("charter_amendment", 15, 15, [MAJORITY, warn])
    assert w.blocking is False


def test_majority_of_those_present_when_a_rule_says_so():
    rule = votes.VoteRule("vote.x", {"fraction": [1, 2], "strict": True, "base": "present"})
    [r] = votes.requirements("ordinary", 15, 9, [rule])
    assert (r.base_name, r.base, r.needed) == ("present", 9, 5)
    assert r.words("ky") == "катышкан депутаттардын көпчүлүгү"
    assert r.words("ru") == "большинство от числа присутствующих депутатов"


@given(st.integers(5, 45), st.integers(0, 45), st.integers(0, 45))
def test_adopted_iff_quorum_and_majority(elected, present, yes):
    present = min(present, elected)
    yes = min(yes, present)
    q = votes.quorum(elected, {"fraction": [1, 2], "strict": False})
    [req] = votes.requirements("ordinary", elected, present, [MAJORITY])
    adopted = q.met(None, present) and req.met(votes.Tally(yes, 0, 0))
    assert adopted == (present >= elected / 2 and yes > elected / 2)


def test_negative_count_is_refused():
    assert votes.tally_problems(votes.Tally(-1, 0, 0), 5, 15) == [
        "'for' is -1; a count cannot be negative"]
    with pytest.raises(ValueError):
        votes.threshold(-1, Fraction(1, 2), True)
