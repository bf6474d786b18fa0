"""A rule's legal basis in words (Kyrgyz, Russian, English), composed from the profile's data."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from muni.engine import citations as c
from muni.engine.errors import SpecError

SOURCES = {
    "law": {"numbering": "articles", "en": "Law No. 101 of 15.07.2011",
            "words": {"ky": "№ 101 Мыйзамы", "ru": "Закон № 101"},
            "of": {"ky": "№ 101 Мыйзамынын", "ru": "Закона № 101"},
            "edition": {"en": "edition of 17.04.2015", "ky": "2015-жылдын 17-апрелиндеги "
                        "редакциясы", "ru": "в редакции от 17 апреля 2015 года"}},
    "charter": {"numbering": "items", "en": "Typical Charter (2022)",
                "words": {"ky": "Типтүү устав", "ru": "Типовой устав"},
                "of": {"ky": "Типтүү уставынын", "ru": "Типового устава"}},
}


def test_article_part_and_item_in_each_language():
    refs = [{"source": "law", "article": "28(2)"}, {"source": "law", "article": "39(2)(1)"}]
    assert c.cite(refs, SOURCES, "ky") == (
        "№ 101 Мыйзамынын 28-беренесинин 2-бөлүгү, 39-беренесинин 2-бөлүгүнүн 1-пункту "
        "(2015-жылдын 17-апрелиндеги редакциясы)")
    assert c.cite(refs, SOURCES, "ru") == (
        "часть 2 статьи 28, пункт 1 части 2 статьи 39 Закона № 101 "
        "(в редакции от 17 апреля 2015 года)")
    assert c.cite(refs, SOURCES, "en") == (
        "Law No. 101 of 15.07.2011, art. 28(2), art. 39(2)(1), edition of 17.04.2015")


def test_texts_numbered_by_items_and_several_texts():
    refs = [{"source": "charter", "article": "41.6"}, {"source": "law", "article": "15"}]
    assert c.cite(refs, SOURCES, "ky") == (
        "Типтүү уставынын 41.6-пункту; № 101 Мыйзамынын 15-беренеси "
        "(2015-жылдын 17-апрелиндеги редакциясы)")
    assert c.cite(refs, SOURCES, "ru").startswith("пункт 41.6 Типового устава; статья 15 ")


@pytest.mark.parametrize("bad", ["28(", "art 28", "28(2)(1)(3)", "23–22", ""])
def test_malformed_article_notation_is_refused(bad):
    with pytest.raises(SpecError, match="article"):
        c.parse_article(bad)


@given(st.integers(1, 99), st.one_of(st.none(), st.integers(1, 20)),
       st.one_of(st.none(), st.integers(1, 20)))
def test_article_words_keep_every_number_in_reading_order(art, part, item):
    if part is None:
        item = None
    text = f"{art}" + (f"({part})" if part else "") + (f"({item})" if item else "")
    a = c.parse_article(text)
    ky, ru = c.article_words(a, "ky"), c.article_words(a, "ru")
    # Kyrgyz reads from the article down, Russian from the smallest unit up.
    assert ky.startswith(f"{art}-берене")
    numbers = [n for n in (art, part, item) if n is not None]
    assert [int(n) for n in re.findall(r"\d+", ky)] == numbers
    assert [int(n) for n in re.findall(r"\d+", ru)] == numbers[::-1]
    assert c.article_words(a, "en") == f"art. {text}"


def test_not_checked_words():
    src = {"en": "Law No. 123", "against": {"en": "Law No. 123 of 20.10.2021",
                                            "ky": "2021-жылдын 20-октябрындагы № 123 Мыйзам",
                                            "ru": "Закону от 20 октября 2021 года № 123"}}
    assert c.not_checked_words([src], "ky") == (
        "2021-жылдын 20-октябрындагы № 123 Мыйзам боюнча текшерилген эмес")
    assert c.not_checked_words([src], "ru") == (
        "не проверено по Закону от 20 октября 2021 года № 123")
    assert c.not_checked_words([src], "en") == "not checked against Law No. 123 of 20.10.2021"
    assert c.not_checked_words([], "en") == ""
