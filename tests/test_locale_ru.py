"""Russian official forms: seed002 bilingual citations, plural agreement, num2words parity."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from num2words import num2words

from muni.engine.locale import ky, ru

# seed002 §6.1 rows 2–12 (Kyrgyz) against §6.3 (Russian): the same act cited in both texts.
CITATION_PAIRS = [
    (date(2011, 7, 15), "2011-жылдын 15-июлу", "от 15 июля 2011 года"),  # L2601 / L2602
    (date(2011, 7, 14), "2011-жылдын 14-июлу", "от 14 июля 2011 года"),  # L2605 / L2606
    (date(2014, 7, 17), "2014-жылдын 17-июлу", "от 17 июля 2014 года"),  # L2611 / L2612
    (date(2004, 8, 21), "2004-жылдын 21-августу", "от 21 августа 2004 года"),  # L2617 / L2618
    (date(2002, 3, 15), "2002-жылдын 15-марты", "от 15 марта 2002 года"),  # L2621 / L2622
    (date(2013, 7, 9), "2013-жылдын 9-июлу", "от 9 июля 2013 года"),  # L2627 / L2631
    (date(2000, 1, 13), "2000-жылдын 13-январы", "от 13 января 2000 года"),  # L2634 / L2636
    (date(2003, 9, 25), "2003-жылдын 25-сентябры", "от 25 сентября 2003 года"),  # L2640 / L2643
    (date(1998, 6, 11), "1998-жылдын 11-июну", "от 11 июня 1998 года"),  # L2646 / L2649
    (date(2006, 12, 28), "2006-жылдын 28-декабры", "от 28 декабря 2006 года"),  # L2652 / L2655
    (date(2007, 5, 4), "2007-жылдын 4-майы", "от 4 мая 2007 года"),  # L2659 / L2661
]


@pytest.mark.parametrize(("d", "kyrgyz", "russian"), CITATION_PAIRS)
def test_bilingual_citations(d: date, kyrgyz: str, russian: str) -> None:
    assert ky.date_long(d) == kyrgyz
    assert ru.date_of(d) == russian
    assert ky.parse_date_long(kyrgyz) == d


def test_date_forms() -> None:
    d = date(2014, 11, 19)
    assert ru.date_long(d) == "19 ноября 2014 г."
    assert ru.date_of(d) == "от 19 ноября 2014 года"
    assert ru.date_until(d) == "до 19 ноября 2014 года"


MONTHS_GEN = "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
MONTH_NUMBER = {name: i for i, name in enumerate(MONTHS_GEN.split("|"), start=1)}


@given(st.dates())
def test_date_forms_shape(d: date) -> None:
    m = re.fullmatch(rf"(\d{{1,2}}) ({MONTHS_GEN}) (\d{{4}}) г\.", ru.date_long(d))
    assert m is not None
    assert date(int(m.group(3)), MONTH_NUMBER[m.group(2)], int(m.group(1))) == d
    tail = ru.date_long(d).removesuffix(" г.") + " года"
    assert ru.date_of(d) == "от " + tail
    assert ru.date_until(d) == "до " + tail


# --- plural agreement --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "form"),
    [
        (0, "сомов"),
        (1, "сом"),
        (2, "сома"),
        (4, "сома"),
        (5, "сомов"),
        (11, "сомов"),
        (12, "сомов"),
        (14, "сомов"),
        (21, "сом"),
        (22, "сома"),
        (25, "сомов"),
        (101, "сом"),
        (111, "сомов"),
        (1_000_000, "сомов"),
    ],
)
def test_plural(n: int, form: str) -> None:
    assert ru.plural(n, "сом", "сома", "сомов") == form


# --- number words ------------------------------------------------------------------------------


@given(st.integers(0, 1_000_000_000))
def test_number_words_matches_num2words(n: int) -> None:
    # No style difference to normalise: both write «одна тысяча», «один миллион», «ноль».
    assert ru.number_words(n) == num2words(n, lang="ru")


@pytest.mark.parametrize(
    ("n", "gender", "words"),
    [
        (0, "m", "ноль"),
        (1, "m", "один"),
        (1, "f", "одна"),
        (1, "n", "одно"),
        (2, "m", "два"),
        (2, "f", "две"),
        (2, "n", "два"),
        (21, "f", "двадцать одна"),
        (1000, "m", "одна тысяча"),
        (2002, "f", "две тысячи две"),
        (21_000, "m", "двадцать одна тысяча"),
        (2_000_000, "f", "два миллиона"),
        (1_000_000_000, "m", "один миллиард"),
    ],
)
def test_number_words_gender(n: int, gender: str, words: str) -> None:
    assert ru.number_words(n, gender) == words


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((-1,), "number_words: -1 is out of range 0..1 000 000 000"),
        ((1_000_000_001,), "number_words: 1000000001 is out of range 0..1 000 000 000"),
        ((2.0,), "number_words: expected an int, got float 2.0"),
        ((2, "x"), "number_words: unknown gender 'x'; use one of: m, f, n"),
    ],
)
def test_number_words_errors(args: tuple[object, ...], message: str) -> None:
    with pytest.raises(ValueError) as e:
        ru.number_words(*args)  # type: ignore[arg-type]
    assert str(e.value) == message


def test_count() -> None:
    assert ru.count(6) == "6 (шесть)"
    assert ru.count(1, "f") == "1 (одна)"
    assert ru.count(12_000) == "12 000 (двенадцать тысяч)"


# --- sums --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "currency", "text"),
    [
        ("1250.50", "сом", "1 250,50 (одна тысяча двести пятьдесят) сомов 50 тыйынов"),
        (Decimal("1"), "сом", "1,00 (один) сом 00 тыйынов"),
        ("2,01", "сом", "2,01 (два) сома 01 тыйын"),
        ("21.02", "сом", "21,02 (двадцать один) сом 02 тыйына"),
        ("11.11", "сом", "11,11 (одиннадцать) сомов 11 тыйынов"),
        (1_000_000, "сом", "1 000 000,00 (один миллион) сомов 00 тыйынов"),
        ("3.21", "рубль", "3,21 (три) рубля 21 копейка"),
        (101, "доллар", "101,00 (сто один) доллар 00 центов"),
    ],
)
def test_amount(value: Decimal | int | str, currency: str, text: str) -> None:
    assert ru.amount(value, currency) == text


def test_amount_errors() -> None:
    with pytest.raises(ValueError) as e:
        ru.amount(5, "евро")
    assert str(e.value) == "amount: unknown currency 'евро'; use one of: сом, доллар, рубль"
    with pytest.raises(ValueError) as e:
        ru.amount("-0.01")
    assert str(e.value) == "amount: '-0.01' is negative; only sums of 0 or more are written"
