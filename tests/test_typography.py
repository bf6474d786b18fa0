"""No line break inside a date, an annex number or a sum; positions after a name; Russian
adjective and numeral agreement used by the templates."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from muni.engine.locale import ky, ru
from muni.engine.locale.typography import (
    NBHY,
    NBSP,
    apposition,
    plain,
    typeset,
    typeset_wordml,
)
from muni.engine.render import TemplateStore

#: A break opportunity a printed figure must not have: a hyphen after a digit, a space
#: between digits, before «г.», «%» or inside «18 – 35».
BREAKABLE = re.compile(r"\d-|\d \d|\d г\.|\d %|\d [–—] \d|№ ")

dates = st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31))
sums = st.decimals(min_value=0, max_value=ky.MAX_NUMBER, places=2, allow_nan=False,
                   allow_infinity=False)
DATE_FORMS = (ky.date_long, ky.date_of, ky.date_on, ky.date_until, ru.date_long, ru.date_of,
              ru.date_until)


@given(dates)
def test_every_date_form_is_kept_whole(d):
    for form in DATE_FORMS:
        text = form(d)
        printed = typeset(text)
        assert not BREAKABLE.search(printed), printed
        assert plain(printed) == text  # nothing a reader sees changes
        assert typeset(printed) == printed


@given(sums)
def test_every_sum_keeps_its_digits_together(value):
    for text in (ky.amount(value), ru.amount(value), ky.count(int(value)),
                 ru.count(int(value), "f")):
        printed = typeset(text)
        assert not BREAKABLE.search(printed), printed
        assert plain(printed) == text


@given(st.integers(min_value=1, max_value=99))
def test_annex_numbers_and_ranges(n):
    assert typeset(f"{n}-тиркемеге ылайык") == f"{n}{NBHY}тиркемеге ылайык"
    assert typeset(f"{n} %") == f"{n}{NBSP}%"
    assert typeset(f"18 – {n + 18}") == f"18{NBSP}–{NBSP}{n + 18}"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_typeset_only_swaps_break_opportunities(text):
    printed = typeset(text)
    assert plain(printed) == plain(text)
    assert len(printed) == len(text)
    assert typeset(printed) == printed


@pytest.mark.parametrize("text, printed", [
    ("2026-жылдын 20-ноябры № 12", f"2026{NBHY}жылдын 20{NBHY}ноябры №{NBSP}12"),
    ("20 ноября 2026 г.", f"20 ноября 2026{NBSP}г."),
    ("Б. К. Асанов", f"Б.{NBSP}К.{NBSP}Асанов"),
    ("Асанов Б. К.", f"Асанов{NBSP}Б.{NBSP}К."),
    ("с. Липенка", f"с.{NBSP}Липенка"),
    ("+996 700 32 73 80", f"+996{NBSP}700{NBSP}32{NBSP}73{NBSP}80"),
    ("ЖМБА-сессия, Ак-Суу", "ЖМБА-сессия, Ак-Суу"),  # hyphens between letters may break
])
def test_typeset_examples(text, printed):
    assert typeset(text) == printed


def test_wordml_writes_word_no_break_hyphens():
    xml = ('<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           '<w:r><w:t>2026-жылдын 1-тиркеме &amp; № 5</w:t></w:r>'
           '<w:r><w:t xml:space="preserve">Ак-Суу </w:t></w:r></w:p>')
    out = typeset_wordml(xml)
    root = etree.fromstring(out)  # still well-formed
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    run = root.find(f"{w}r")
    assert [el.tag.removeprefix(w) for el in run] == ["t", "noBreakHyphen", "t",
                                                     "noBreakHyphen", "t"]
    assert [t.text for t in run.findall(f"{w}t")] == ["2026", "жылдын 1",
                                                      f"тиркеме & №{NBSP}5"]
    assert "Ак-Суу " in out  # untouched


def test_a_rendered_order_keeps_its_date_line_whole(store: TemplateStore):
    import io
    import zipfile

    from test_render import context

    data = store.render("working_group_order", "ky", None, context())
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert ("2014</w:t><w:noBreakHyphen/><w:t xml:space=\"preserve\">жылдын 19</w:t>"
            "<w:noBreakHyphen/>") in xml
    assert f"№{NBSP}7" in xml


@pytest.mark.parametrize("position, after_a_name", [
    ("Айыл өкмөт башчысынын орун басары", "айыл өкмөт башчысынын орун басары"),
    ("Жооптуу катчы", "жооптуу катчы"),
    ("Заместитель главы айыл окмоту", "заместитель главы айыл окмоту"),
    ("Айыл аймагынын аялдар кеңешинин төрайымы", "айыл аймагынын аялдар кеңешинин төрайымы"),
    ("Липенка айылынын старостасы", "Липенка айылынын старостасы"),  # a place name
    ("АӨ адиси", "АӨ адиси"),                                        # an abbreviation
    ("", ""),
])
def test_a_position_after_a_name_is_lower_case(position, after_a_name):
    assert apposition(position) == after_a_name


@pytest.mark.parametrize("n, words", [(1, "1 (одну)"), (2, "2 (две)"), (5, "5 (пять)"),
                                      (21, "21 (двадцать одну)"),
                                      (1000, "1 000 (одну тысячу)"),
                                      (2001, "2 001 (две тысячи одну)")])
def test_feminine_accusative_counts(n, words):
    assert ru.count(n, "f", "acc") == words
    noun = ru.plural(n, "инициативную группу", "инициативные группы", "инициативных групп")
    assert noun == {1: "инициативную группу", 21: "инициативную группу",
                    2001: "инициативную группу", 2: "инициативные группы"}.get(
                        n, "инициативных групп")


@given(st.integers(min_value=0, max_value=ru.MAX_NUMBER), st.sampled_from("mfn"))
def test_accusative_differs_from_nominative_only_in_feminine_one(n, gender):
    """Only «одна» → «одну» changes (of the counted noun if feminine, and of «тысяча»,
    which is feminine: «сто двадцать одну тысячу»)."""
    nom, acc = ru.number_words(n, gender), ru.number_words(n, gender, "acc")
    assert acc.replace("одну", "одна").replace("тысячу", "тысяча") == nom
    if gender != "f":
        assert acc.replace("одну тысячу", "одна тысяча") == nom


@pytest.mark.parametrize("word, genitive", [("очередная", "очередной"),
                                            ("внеочередная", "внеочередной"),
                                            ("ОЧЕРЕДНАЯ", "ОЧЕРЕДНОЙ"), ("летняя", "летней"),
                                            ("Ак-Суу", "Ак-Суу")])
def test_feminine_adjective_genitive(word, genitive):
    assert ru.adjective_genitive(word) == genitive


@pytest.mark.parametrize("genitive, nominative", [("Липенского", "Липенский"),
                                                  ("Ак-Суйского", "Ак-Суйский"),
                                                  ("Нового", "Новый"), ("Верхнего", "Верхний"),
                                                  ("Ак-Суу", "Ак-Суу")])
def test_masculine_adjective_nominative(genitive, nominative):
    assert ru.adjective_nominative(genitive) == nominative



@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_the_journal_number_hole_survives_typesetting(store: TemplateStore, lang):
    """A numbered document is rendered before its number exists, with a hole where «№ …»
    goes; typesetting the run around the hole must give what typesetting the number gives,
    or every numbered document would fall back to rendering under the registry's lock."""
    from test_render import context

    from muni.engine.advance import NUMBER_PLACEHOLDER

    compiled = store.get("working_group_order", lang, None)
    held, real = context(), context()
    held["order"]["number"], real["order"]["number"] = NUMBER_PLACEHOLDER, "123"
    assert compiled.placeholder_stands_for(held, NUMBER_PLACEHOLDER, real, "123")
