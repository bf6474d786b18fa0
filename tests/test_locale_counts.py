"""Counts and sums as forms state them («8 (сегиз)», «1 250,50 (…) сом 50 тыйын»), over the
whole range 0…10⁹ in both languages: the digits and the words always name the same number."""

from __future__ import annotations

import re
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from muni.engine.locale import ky, ru

BILLION = 1_000_000_000


@given(st.integers(0, BILLION))
def test_count_states_digits_and_the_same_number_in_words(n: int) -> None:
    for mod in (ky, ru):
        m = re.fullmatch(r"([\d ]+) \((.+)\)", mod.count(n))
        assert m, mod.count(n)
        assert int(m.group(1).replace(" ", "")) == n
        assert m.group(2) == mod.number_words(n)


@given(st.integers(0, BILLION), st.integers(0, 99))
def test_amount_states_units_and_hundredths_consistently(whole: int, cents: int) -> None:
    value = Decimal(whole) + Decimal(cents) / 100
    for mod, unit in ((ky, r"сом"), (ru, r"сом(?:а|ов)?")):
        text = mod.amount(value)
        m = re.fullmatch(rf"([\d ]+),(\d\d) \((.+)\) {unit} (\d\d) тыйын\w*", text)
        assert m, text
        assert int(m.group(1).replace(" ", "")) == whole
        assert int(m.group(2)) == int(m.group(4)) == cents
        assert m.group(3) == mod.number_words(whole)


def test_russian_units_agree_with_the_number() -> None:
    assert ru.amount(1).split(") ")[1].startswith("сом ")
    assert ru.amount(3).split(") ")[1].startswith("сома ")
    assert ru.amount(11).split(") ")[1].startswith("сомов ")
    assert ru.amount(1_000_000_000).split(") ")[1].startswith("сомов ")
