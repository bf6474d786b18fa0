"""Kyrgyz official forms: every attested form from the seed notes, plus round-trip properties."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from muni.engine.locale import ky

# --- dates: attested forms ---------------------------------------------------------------------

# seed002 §6.1 rows 1–15 (possessive dateline / citation), the "№ N" tail dropped.
SEED002_POSS = [
    (date(2014, 11, 19), "2014-жылдын 19-ноябры"),  # L2390
    (date(2011, 7, 15), "2011-жылдын 15-июлу"),  # L2601
    (date(2011, 7, 14), "2011-жылдын 14-июлу"),  # L2605
    (date(2014, 7, 17), "2014-жылдын 17-июлу"),  # L2611
    (date(2004, 8, 21), "2004-жылдын 21-августу"),  # L2617
    (date(2002, 3, 15), "2002-жылдын 15-марты"),  # L2621
    (date(2013, 7, 9), "2013-жылдын 9-июлу"),  # L2627–L2628 (hyphenated in the source)
    (date(2000, 1, 13), "2000-жылдын 13-январы"),  # L2634
    (date(2003, 9, 25), "2003-жылдын 25-сентябры"),  # L2640
    (date(1998, 6, 11), "1998-жылдын 11-июну"),  # L2646
    (date(2006, 12, 28), "2006-жылдын 28-декабры"),  # L2652
    (date(2007, 5, 4), "2007-жылдын 4-майы"),  # L2659
    (date(2014, 12, 19), "2014-жылдын 19-декабры"),  # L2666
    (date(2014, 3, 17), "2014-жылдын 17-марты"),  # L2668–L2669 (hyphenated in the source)
    (date(2014, 6, 3), "2014-жылдын 3-июну"),  # L2671
]
# seed003 §4.1 possessive.
SEED003_POSS = [
    (date(2013, 12, 18), "2013-жылдын 18-декабры"),  # L130
    (date(2012, 3, 23), "2012-жылдын 23-марты"),  # L544
    (date(2013, 8, 1), "2013-жылдын 1-августу"),  # L1021
    (date(2014, 6, 10), "2014-жылдын 10-июну"),  # L1020
    (date(2013, 8, 26), "2013-жылдын 26-августу"),  # L1047
    (date(2014, 4, 1), "2014-жылдын 1-апрели"),  # L475
]
ATTR = [
    (date(2011, 7, 15), "2011-жылдын 15-июлундагы"),  # seed002 L243, L936
    (date(2014, 3, 4), "2014-жылдын 4-мартындагы"),  # seed002 L865, L1076
    (date(2013, 12, 18), "2013-жылдын 18-декабрындагы"),  # seed003 L166
    (date(2013, 1, 21), "2013-жылдын 21-январындагы"),  # seed003 L134
    (date(2002, 12, 17), "2002-жылдын 17-декабрындагы"),  # seed003 L190
    (date(2007, 7, 4), "2007-жылдын 4-июлундагы"),  # seed003 L634
    (date(2012, 2, 10), "2012-жылдын 10-февралындагы"),  # seed003 L651
    (date(2013, 10, 28), "2013-жылдын 28-октябрындагы"),  # seed003 L548
]
LOC = [
    (date(2014, 5, 16), "2014-жылдын 16-майында"),  # seed002 L1916
    (date(2013, 12, 18), "2013-жылдын 18-декабрында"),  # seed003 L88
    (date(2013, 12, 24), "2013-жылдын 24-декабрында"),  # seed003 L158
    (date(2012, 4, 20), "2012-жылдын 20-апрелинде"),  # seed003 L582
    (date(2012, 3, 23), "2012-жылдын 23-мартында"),  # seed003 L96
    (date(2013, 10, 28), "2013-жылдын 28-октябрында"),  # seed003 L96
]
UNTIL = [
    (date(2014, 4, 1), "2014-жылдын 1-апрелине чейин"),  # seed003 L451
    (date(2014, 7, 1), "2014-жылдын 1-июлуна чейин"),  # seed003 L455
    (date(2014, 9, 1), "2014-жылдын 1-сентябрына чейин"),  # seed003 L507
    (date(2015, 1, 1), "2015-жылдын 1-январына чейин"),  # seed003 L508
    (date(2014, 2, 1), "2014-жылдын 1-февралына чейин"),  # seed003 L978
    (date(2014, 11, 19), "2014-жылдын 19-ноябрына чейин"),  # brief
    (date(2011, 7, 15), "2011-жылдын 15-июлуна чейин"),  # brief
]


@pytest.mark.parametrize(("d", "text"), SEED002_POSS + SEED003_POSS)
def test_date_long_attested(d: date, text: str) -> None:
    assert ky.date_long(d) == text
    assert ky.parse_date_long(text) == d


@pytest.mark.parametrize(("d", "text"), ATTR)
def test_date_of_attested(d: date, text: str) -> None:
    assert ky.date_of(d) == text
    assert ky.parse_date_long(text) == d


@pytest.mark.parametrize(("d", "text"), LOC)
def test_date_on_attested(d: date, text: str) -> None:
    assert ky.date_on(d) == text
    assert ky.parse_date_long(text) == d


@pytest.mark.parametrize(("d", "text"), UNTIL)
def test_date_until_attested(d: date, text: str) -> None:
    assert ky.date_until(d) == text
    assert ky.parse_date_long(text) == d


# seed003 §4.2, derived paradigm (nom, poss, loc, attr, dat, abl), copied from the notes.
PARADIGM = """
январь январы январында январындагы январына январынан
февраль февралы февралында февралындагы февралына февралынан
март марты мартында мартындагы мартына мартынан
апрель апрели апрелинде апрелиндеги апрелине апрелинен
май майы майында майындагы майына майынан
июнь июну июнунда июнундагы июнуна июнунан
июль июлу июлунда июлундагы июлуна июлунан
август августу августунда августундагы августуна августунан
сентябрь сентябры сентябрында сентябрындагы сентябрына сентябрынан
октябрь октябры октябрында октябрындагы октябрына октябрынан
ноябрь ноябры ноябрында ноябрындагы ноябрына ноябрынан
декабрь декабры декабрында декабрындагы декабрына декабрынан
"""


def test_month_paradigm_matches_notes() -> None:
    rows = [line.split() for line in PARADIGM.strip().splitlines()]
    for month, row in enumerate(rows, start=1):
        assert [ky.month_form(month, f) for f in ky.MONTH_FORM_NAMES] == row


@pytest.mark.parametrize(
    ("month", "form", "word"),
    [
        (10, "loc", "октябрында"),  # «2013-жылдын октябрында», seed002 L2014
        (12, "loc", "декабрында"),  # «2011-жылдын декабрында», seed003 L106
        (8, "abl", "августунан"),  # «августунан баштап», seed003 L650
        (10, "abl", "октябрынан"),  # seed003 L650
        (8, "dat", "августуна"),  # seed003 L1049
        (3, "nom", "март"),  # «13-14-март күндөрү», seed002 L298
        (7, "nom", "июль"),  # «июль айында», seed002 L2010
        (6, "nom", "июнь"),  # «июнь айынан», seed003 L1049
    ],
)
def test_month_only_forms(month: int, form: str, word: str) -> None:
    assert ky.month_form(month, form) == word


def test_month_form_errors() -> None:
    with pytest.raises(ValueError) as e:
        ky.month_form(13, "poss")
    assert str(e.value) == "month_form: month must be an int 1..12, got 13"
    with pytest.raises(ValueError) as e:
        ky.month_form(1, "ins")
    assert str(e.value) == (
        "month_form: unknown form 'ins'; use one of: nom, poss, loc, attr, dat, abl"
    )


# --- dates: parsing what scans contain ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "d"),
    [
        ("2013-жыл-\nдын 9-июлу", date(2013, 7, 9)),  # seed002 L2627–L2628
        ("2014-жыл-\nдын 17-марты", date(2014, 3, 17)),  # seed002 L2668–L2669
        ("  2014-жылдын 19-ноябры. ", date(2014, 11, 19)),  # seed002 L2390, with full stop
        ("2014-ЖЫЛДЫН 19-ДЕКАБРЫ", date(2014, 12, 19)),
        ("2014-жылдын\u00a019-ноябры", date(2014, 11, 19)),
    ],
)
def test_parse_date_long_tolerates_scans(text: str, d: date) -> None:
    assert ky.parse_date_long(text) == d


def test_parse_date_long_rejects_irregular_and_impossible() -> None:
    with pytest.raises(ValueError) as e:  # seed003 L651, lacks «-ын-»
        ky.parse_date_long("2012-жылдын 3-сентябрдагы")
    assert str(e.value) == (
        "parse_date_long: '2012-жылдын 3-сентябрдагы' is not a date like '2014-жылдын 19-ноябры'"
    )
    with pytest.raises(ValueError) as e:
        ky.parse_date_long("2014-жылдын 31-февралы")
    assert str(e.value) == (
        "parse_date_long: '2014-жылдын 31-февралы' names no real day "
        "(day is out of range for month)"
    )
    with pytest.raises(ValueError) as e:
        ky.parse_date_long(None)  # type: ignore[arg-type]
    assert str(e.value) == "parse_date_long: expected a str, got NoneType"


MONTHS_POSS = "январы|февралы|марты|апрели|майы|июну|июлу|августу|сентябры|октябры|ноябры|декабры"
DATE_LONG_RE = re.compile(rf"^\d{{4}}-жылдын \d{{1,2}}-({MONTHS_POSS})$")


@given(st.dates())
def test_date_long_shape_and_round_trip(d: date) -> None:
    text = ky.date_long(d)
    assert DATE_LONG_RE.match(text)
    assert ky.parse_date_long(text) == d
    for other in (ky.date_of, ky.date_on, ky.date_until):
        assert ky.parse_date_long(other(d)) == d


# --- number words ------------------------------------------------------------------------------

VALUES = {
    "нөл": 0,
    "бир": 1,
    "эки": 2,
    "үч": 3,
    "төрт": 4,
    "беш": 5,
    "алты": 6,
    "жети": 7,
    "сегиз": 8,
    "тогуз": 9,
    "он": 10,
    "жыйырма": 20,
    "отуз": 30,
    "кырк": 40,
    "элүү": 50,
    "алтымыш": 60,
    "жетимиш": 70,
    "сексен": 80,
    "токсон": 90,
}
SCALES = {"миң": 1_000, "миллион": 1_000_000, "миллиард": 1_000_000_000}
VOCABULARY = {*VALUES, "жүз", *SCALES}


def words_to_number(text: str) -> int:
    """Inverse of number_words; also reads the spoken «жүз»/«миң» without «бир»."""
    total = current = 0
    for word in text.split():
        if word == "жүз":
            current = (current or 1) * 100
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = 0
        else:
            current += VALUES[word]
    return total + current


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "нөл"),
        (1, "бир"),
        (6, "алты"),
        (10, "он"),
        (11, "он бир"),
        (19, "он тогуз"),
        (20, "жыйырма"),
        (35, "отуз беш"),
        (75, "жетимиш беш"),
        (100, "бир жүз"),
        (101, "бир жүз бир"),
        (150, "бир жүз элүү"),
        (200, "эки жүз"),
        (1000, "бир миң"),
        (1250, "бир миң эки жүз элүү"),
        (1800, "бир миң сегиз жүз"),
        (4700, "төрт миң жети жүз"),
        (20_000, "жыйырма миң"),  # «жыйырма миң», seed003 §4.4
        (101_000, "бир жүз бир миң"),
        (1_000_000, "бир миллион"),
        (2_500_000, "эки миллион беш жүз миң"),
        (
            999_999_999,
            "тогуз жүз токсон тогуз миллион тогуз жүз токсон тогуз миң тогуз жүз токсон тогуз",
        ),
        (1_000_000_000, "бир миллиард"),
    ],
)
def test_number_words_examples(n: int, words: str) -> None:
    assert ky.number_words(n) == words


@given(st.integers(0, 1_000_000_000))
def test_number_words_vocabulary_and_round_trip(n: int) -> None:
    words = ky.number_words(n)
    assert set(words.split()) <= VOCABULARY
    assert ky.number_words(n) == words
    assert words_to_number(words) == n


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (-1, "number_words: -1 is out of range 0..1 000 000 000"),
        (1_000_000_001, "number_words: 1000000001 is out of range 0..1 000 000 000"),
        (1.5, "number_words: expected an int, got float 1.5"),
        ("5", "number_words: expected an int, got str '5'"),
        (True, "number_words: expected an int, got bool True"),
        (Decimal(5), "number_words: expected an int, got Decimal Decimal('5')"),
    ],
)
def test_number_words_errors(bad: object, message: str) -> None:
    with pytest.raises(ValueError) as e:
        ky.number_words(bad)  # type: ignore[arg-type]
    assert str(e.value) == message


def test_count() -> None:
    assert ky.count(6) == "6 (алты)"  # «курамы 6 (алты) кишиден турган»
    assert ky.count(12_000) == "12 000 (он эки миң)"
    with pytest.raises(ValueError) as e:
        ky.count(-3)
    assert str(e.value) == "count: -3 is out of range 0..1 000 000 000"


# --- ordinals ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "word"),
    [
        (1, "биринчи"),  # seed002 L2404
        (2, "экинчи"),  # seed002 L2537
        (3, "үчүнчү"),  # seed002 L2557
        (4, "төртүнчү"),  # seed002 L515
        (5, "бешинчи"),
        (6, "алтынчы"),
        (7, "жетинчи"),
        (8, "сегизинчи"),
        (9, "тогузунчу"),
        (10, "онунчу"),
        (11, "он биринчи"),
        (20, "жыйырманчы"),
        (30, "отузунчу"),
        (40, "кыркынчы"),
        (50, "элүүнчү"),
        (60, "алтымышынчы"),
        (70, "жетимишинчи"),
        (80, "сексенинчи"),
        (90, "токсонунчу"),
        (100, "жүзүнчү"),
        (101, "жүз биринчи"),
        (1000, "миңинчи"),
        (1998, "миң тогуз жүз токсон сегизинчи"),
        (2000, "эки миңинчи"),
        (1_000_000, "бир миллионунчу"),
        (1_000_000_000, "бир миллиардынчы"),
    ],
)
def test_ordinal_examples(n: int, word: str) -> None:
    assert ky.ordinal(n) == word


ORDINAL_SUFFIXES = {"ынчы", "инчи", "унчу", "үнчү", "нчы", "нчи", "нчу", "нчү"}
HARMONY = {"ы": "аыя", "и": "еэи", "у": "оуёю", "ү": "өү"}


def split_ordinal(word: str) -> tuple[str, str]:
    """The one (vocabulary stem, ordinal suffix) split of an ordinal word."""
    splits = [
        (stem, word[len(stem) :])
        for stem in VOCABULARY
        if word.startswith(stem) and word[len(stem) :] in ORDINAL_SUFFIXES
    ]
    assert len(splits) == 1, (word, splits)
    return splits[0]


@given(st.integers(1, 1_000_000_000))
def test_ordinal_harmony_and_round_trip(n: int) -> None:
    *head, last = ky.ordinal(n).split()
    stem, suffix = split_ordinal(last)
    assert set(head) <= VOCABULARY
    # The suffix vowel agrees with the stem's last vowel; after a vowel no linking vowel.
    last_stem_vowel = [ch for ch in stem if ch in "аыяеэиоуёюөү"][-1]
    assert last_stem_vowel in HARMONY[suffix[-1]]
    assert (len(suffix) == 3) == (stem[-1] in "аыяеэиоуёюөү")
    assert words_to_number(" ".join([*head, stem])) == n


def test_ordinal_errors() -> None:
    with pytest.raises(ValueError) as e:
        ky.ordinal(0)
    assert str(e.value) == "ordinal: 0 is out of range 1..1 000 000 000"


# --- numeral suffixes --------------------------------------------------------------------------

# seed002 §6.5 (every row) and seed003 §4.4.
ATTESTED_SUFFIXES = [
    ("8ден", 8, "abl"),  # L1000
    ("12ге", 12, "dat"),  # L1000
    ("18ге", 18, "dat"),  # L1038
    ("18ден", 18, "abl"),  # L1060, L2392
    ("35ке", 35, "dat"),  # L1104
    ("20дан", 20, "abl"),  # L1103, L1804
    ("36дан", 36, "abl"),  # L1104
    ("55ке", 55, "dat"),  # L1104
    ("56дан", 56, "abl"),  # L1104
    ("50дөн", 50, "abl"),  # L1155
    ("150гө", 150, "dat"),  # L1155
    ("25тен", 25, "abl"),  # «20-25тен», L2159
    ("75и", 75, "poss"),  # «алардын ичинде 75и», L1572
    ("200дүн", 200, "gen"),  # L1997
    ("4 700дөн", 4700, "abl"),  # L1983
    ("1 800дөн", 1800, "abl"),  # seed003 «1800дөн ашык»
    ("15тен", 15, "abl"),  # seed003 «15тен ашык»
]


@pytest.mark.parametrize(("text", "n", "case"), ATTESTED_SUFFIXES)
def test_numeral_suffix_attested(text: str, n: int, case: str) -> None:
    assert ky.group_digits(n) + ky.numeral_suffix(n, case) == text


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        # dat, abl, loc, gen, acc, poss
        (0, "гө дөн дө дүн дү ү"),
        (1, "ге ден де дин ди и"),
        (2, "ге ден де нин ни си"),
        (3, "кө төн тө түн тү ү"),
        (4, "кө төн тө түн тү ү"),
        (6, "га дан да нын ны сы"),
        (9, "га дан да дун ду у"),
        (10, "го дон до дун ду у"),
        (40, "ка тан та тын ты ы"),
        (50, "гө дөн дө нүн нү сү"),
        (90, "го дон до дун ду у"),
        (100, "гө дөн дө дүн дү ү"),
        (1000, "ге ден де дин ди и"),
        (1_000_000, "го дон до дун ду у"),
        (1_000_000_000, "га дан да дын ды ы"),
    ],
)
def test_numeral_suffix_paradigm(n: int, expected: str) -> None:
    got = [ky.numeral_suffix(n, c) for c in ("dat", "abl", "loc", "gen", "acc", "poss")]
    assert got == expected.split()


def test_numeral_suffix_errors() -> None:
    with pytest.raises(ValueError) as e:
        ky.numeral_suffix(5, "ins")
    assert str(e.value) == (
        "numeral_suffix: unknown case 'ins'; use one of: dat, abl, loc, gen, acc, poss"
    )
    with pytest.raises(ValueError) as e:
        ky.numeral_suffix(-5, "dat")
    assert str(e.value) == "numeral_suffix: -5 is out of range 0..1 000 000 000"


# --- sums --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("1250.50"), "1 250,50 (бир миң эки жүз элүү) сом 50 тыйын"),
        ("1 250,50", "1 250,50 (бир миң эки жүз элүү) сом 50 тыйын"),
        ("1250.5", "1 250,50 (бир миң эки жүз элүү) сом 50 тыйын"),
        (100, "100,00 (бир жүз) сом 00 тыйын"),
        (0, "0,00 (нөл) сом 00 тыйын"),
        ("0.07", "0,07 (нөл) сом 07 тыйын"),
        (
            "12 558 397",
            "12 558 397,00 (он эки миллион беш жүз элүү сегиз миң үч жүз токсон жети) сом 00 тыйын",
        ),
        (Decimal("580000.000"), "580 000,00 (беш жүз сексен миң) сом 00 тыйын"),
    ],
)
def test_amount(value: Decimal | int | str, text: str) -> None:
    assert ky.amount(value) == text


def test_amount_other_currency() -> None:
    assert ky.amount(5, "доллар", "цент") == "5,00 (беш) доллар 00 цент"


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (-1, "amount: -1 is negative; only sums of 0 or more are written"),
        ("1.234", "amount: '1.234' has more than two decimal places; round it first"),
        ("abc", "amount: cannot read 'abc' as a sum"),
        (1.5, "amount: expected Decimal, int or str, got float 1.5"),
        (Decimal("NaN"), "amount: Decimal('NaN') is not a finite sum"),
        (1_000_000_001, "amount: 1000000001 exceeds 1 000 000 000"),
    ],
)
def test_amount_errors(bad: object, message: str) -> None:
    with pytest.raises(ValueError) as e:
        ky.amount(bad)  # type: ignore[arg-type]
    assert str(e.value) == message
