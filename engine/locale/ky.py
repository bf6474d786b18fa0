"""Kyrgyz dates, numerals and sums written the way Kyrgyz officials write them.

Babel's ``ky`` locale prints ``2014-ж., 19-ноябрь`` and num2words has no Kyrgyz, so the forms
that acts, orders and protocols actually use are produced here (stdlib only). Every form below is
either attested in the seed documents or derived from attested forms by vowel harmony; the
derivation is code, not a hand-typed list, so one rule covers months and numerals alike.

Month paradigm
--------------
The soft sign is dropped before a suffix (июль → июлу, but «июль айында» keeps it). The suffix
vowel follows the last vowel of the stem: а/я → ы (low: а), е → и (low: е), у/ю → у (low: а,
because Kyrgyz rounds a low vowel only after о/ө, never after у). That is why июнь, июль and
август take «-у», апрель takes front «-и», and the rest take «-ы».

========  ========  ===========  =============  ==========  ===========
nom       poss      loc          attr           dat         abl
========  ========  ===========  =============  ==========  ===========
январь    январы    январында    январындагы    январына    январынан
февраль   февралы   февралында   февралындагы   февралына   февралынан
март      марты     мартында     мартындагы     мартына     мартынан
апрель    апрели    апрелинде    апрелиндеги    апрелине    апрелинен
май       майы      майында      майындагы      майына      майынан
июнь      июну      июнунда      июнундагы      июнуна      июнунан
июль      июлу      июлунда      июлундагы      июлуна      июлунан
август    августу   августунда   августундагы   августуна   августунан
сентябрь  сентябры  сентябрында  сентябрындагы  сентябрына  сентябрынан
октябрь   октябры   октябрында   октябрындагы   октябрына   октябрынан
ноябрь    ноябры    ноябрында    ноябрындагы    ноябрына    ноябрынан
декабрь   декабры   декабрында   декабрындагы   декабрына   декабрынан
========  ========  ===========  =============  ==========  ===========

Attested (seed002 §6.1–6.2, seed003 §4.1–4.2): every possessive except февралы, апрели, октябры
is in seed002 (апрели is in seed003 L475); attributive январындагы, февралындагы, мартындагы,
июлундагы, октябрындагы, декабрындагы; locative мартында, апрелинде, майында, октябрында,
декабрында; dative январына, февралына, апрелине, июлуна, августуна, сентябрына. The forms
майындагы, февралындагы, августундагы, октябрындагы also appear in National Bank resolutions
(nbkr.kg, cbd.minjust.gov.kg). Derived, not attested: февралы, октябры, апрелиндеги, июнундагы,
ноябрындагы and the like. The irregular «3-сентябрдагы» (seed003 L651) lacks the possessive
«-ын-»; it is never generated and :func:`parse_date_long` rejects it so an importer can flag
it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from types import MappingProxyType

__all__ = [
    "MAX_NUMBER",
    "MONTH_FORMS",
    "MONTH_FORM_NAMES",
    "NUMERAL_CASES",
    "amount",
    "count",
    "date_long",
    "date_of",
    "date_from",
    "date_on",
    "date_until",
    "group_digits",
    "month_form",
    "number_words",
    "numeral_suffix",
    "ordinal",
    "parse_date_long",
    "split_amount",
]

MAX_NUMBER = 1_000_000_000
"""Largest number spelled out. Municipal sums stay far below a milliard som."""

# --- vowel harmony -----------------------------------------------------------------------------

# Harmony class of a vowel: the high and the low suffix vowel it selects.
# а/ы/я → ы/а; е/э/и → и/е; о/ё → у/о; у/ю → у/а; ө/ү → ү/ө.
_HARMONY: dict[str, tuple[str, str]] = {
    **dict.fromkeys("аыя", ("ы", "а")),
    **dict.fromkeys("еэи", ("и", "е")),
    **dict.fromkeys("оё", ("у", "о")),
    **dict.fromkeys("ую", ("у", "а")),
    **dict.fromkeys("өү", ("ү", "ө")),
}
_VOICELESS = frozenset("кпстфхцчшщ")


def _harmony(word: str) -> tuple[str, str]:
    """(high, low) suffix vowels chosen by the last vowel of ``word``."""
    for ch in reversed(word):
        if ch in _HARMONY:
            return _HARMONY[ch]
    raise ValueError(f"no vowel in {word!r}")  # pragma: no cover - all our stems have one


def _ends_in_vowel(word: str) -> bool:
    return word[-1] in _HARMONY


# --- months ------------------------------------------------------------------------------------

_MONTHS_NOM = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)

MONTH_FORM_NAMES = ("nom", "poss", "loc", "attr", "dat", "abl")


def _month_paradigm(nominative: str) -> dict[str, str]:
    """Derive the six forms of a month name (see the table in the module docstring)."""
    stem = nominative.removesuffix("ь")
    high, low = _harmony(stem)
    poss = stem + high  # январы, апрели, июлу
    loc = f"{poss}нд{low}"  # январында, апрелинде, июлунда
    attr_high = "ы" if low == "а" else "и"
    return {
        "nom": nominative,
        "poss": poss,
        "loc": loc,
        "attr": f"{loc}г{attr_high}",  # январындагы, апрелиндеги
        "dat": f"{poss}н{low}",  # январына, апрелине
        "abl": f"{poss}н{low}н",  # январынан, апрелинен
    }


MONTH_FORMS: tuple[Mapping[str, str], ...] = tuple(
    MappingProxyType(_month_paradigm(m)) for m in _MONTHS_NOM
)
"""``MONTH_FORMS[month - 1][form]``; forms are :data:`MONTH_FORM_NAMES`."""

# Any suffixed form → (month, form). The nominative is left out: a date line never uses it.
_FORM_TO_MONTH: dict[str, tuple[int, str]] = {
    word: (i + 1, form)
    for i, forms in enumerate(MONTH_FORMS)
    for form, word in forms.items()
    if form != "nom"
}


def month_form(month: int, form: str) -> str:
    """The month name in one case, e.g. ``month_form(10, "loc") == "октябрында"``.

    Useful on its own for month-only periods («2013-жылдын октябрында», «…августунан баштап»).
    """
    if not isinstance(month, int) or isinstance(month, bool) or not 1 <= month <= 12:
        raise ValueError(f"month_form: month must be an int 1..12, got {month!r}")
    if form not in MONTH_FORM_NAMES:
        raise ValueError(
            f"month_form: unknown form {form!r}; use one of: {', '.join(MONTH_FORM_NAMES)}"
        )
    return MONTH_FORMS[month - 1][form]


# --- dates -------------------------------------------------------------------------------------


def _date(d: date, form: str) -> str:
    # The year is zero-padded so the line keeps its fixed shape; acts never predate year 1000.
    return f"{d.year:04d}-жылдын {d.day}-{MONTH_FORMS[d.month - 1][form]}"


def date_long(d: date) -> str:
    """Dateline form: ``2014-жылдын 19-ноябры`` (possessive; protocol and act headers)."""
    return _date(d, "poss")


def date_of(d: date) -> str:
    """Attributive "of" form, used before an act: ``2013-жылдын 18-декабрындагы`` (N 678 …)."""
    return _date(d, "attr")


def date_until(d: date) -> str:
    """Deadline form: ``2014-жылдын 1-апрелине чейин`` (dative + чейин)."""
    return _date(d, "dat") + " чейин"


def date_on(d: date) -> str:
    """Locative "on" form: ``2014-жылдын 16-майында``."""
    return _date(d, "loc")


def date_from(d: date) -> str:
    """Ablative "from" form: ``2014-жылдын 16-майынан`` (…баштап)."""
    return _date(d, "abl")


_DATE_RE = re.compile(r"(\d{4})-жылдын (\d{1,2})-([а-яөүң]+)(?: чейин)?\.?")
_HYPHEN_BREAK_RE = re.compile(r"жыл-\s*\n\s*дын")


def parse_date_long(text: str) -> date:
    """Read back any date this module writes (dateline, «-дагы», «-да», «-га чейин», «-дан»).

    Import reads dates out of scanned acts, so the reader forgives what the scans contain:
    surrounding blanks, a final full stop, capitals, no-break spaces and the line-break
    hyphenation «2013-жыл-\\nдын» (seed002 L2627). Anything else raises ``ValueError`` —
    including the irregular «3-сентябрдагы», which an importer should flag, not guess.
    """
    if not isinstance(text, str):
        raise ValueError(f"parse_date_long: expected a str, got {type(text).__name__}")
    norm = _HYPHEN_BREAK_RE.sub("жылдын", text)
    norm = " ".join(norm.replace("\u00a0", " ").split()).lower()
    m = _DATE_RE.fullmatch(norm)
    if m is None or m.group(3) not in _FORM_TO_MONTH:
        raise ValueError(f"parse_date_long: {text!r} is not a date like '2014-жылдын 19-ноябры'")
    month, _form = _FORM_TO_MONTH[m.group(3)]
    try:
        return date(int(m.group(1)), month, int(m.group(2)))
    except ValueError as exc:
        raise ValueError(f"parse_date_long: {text!r} names no real day ({exc})") from None


# --- numerals ----------------------------------------------------------------------------------

_ONES = ("", "бир", "эки", "үч", "төрт", "беш", "алты", "жети", "сегиз", "тогуз")
_TENS = ("", "он", "жыйырма", "отуз", "кырк", "элүү", "алтымыш", "жетимиш", "сексен", "токсон")
_SCALES = ((1_000_000_000, "миллиард"), (1_000_000, "миллион"), (1_000, "миң"))


def _check_int(fn: str, n: object, low: int, high: int = MAX_NUMBER) -> int:
    if not isinstance(n, int) or isinstance(n, bool):
        raise ValueError(f"{fn}: expected an int, got {type(n).__name__} {n!r}")
    if not low <= n <= high:
        raise ValueError(f"{fn}: {n} is out of range {low}..{group_digits(high)}")
    return n


def _below_1000(n: int, explicit_one: bool) -> list[str]:
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    words: list[str] = []
    if hundreds:
        if hundreds > 1 or explicit_one:
            words.append(_ONES[hundreds])
        words.append("жүз")
    if tens:
        words.append(_TENS[tens])
    if ones:
        words.append(_ONES[ones])
    return words


def _words(n: int, explicit_one: bool) -> list[str]:
    """Words of ``n``; ``explicit_one`` writes «бир» before жүз and a lone миң."""
    if n == 0:
        return ["нөл"]
    words: list[str] = []
    for value, name in _SCALES:
        k, n = divmod(n, value)
        if k == 1 and name == "миң" and not explicit_one:
            words.append(name)
        elif k:
            words += [*_below_1000(k, explicit_one), name]
    return words + _below_1000(n, explicit_one)


def number_words(n: int) -> str:
    """Cardinal in words, 0..1 000 000 000, in the style of official sums.

    100 is «бир жүз» and 1000 is «бир миң» (1 250 → «бир миң эки жүз элүү»), not the bare
    «жүз»/«миң» of speech (CLDR's spoken rules, which :func:`ordinal` follows). No sum in words
    occurs in the seed texts, so this is a decision, for two reasons: a sum in words exists to
    stop tampering, and a leading «бир» closes the phrase so no word can be slipped in front of
    «жүз» or «миң»; and it keeps the Kyrgyz text parallel to the Russian one of the same
    bilingual document, where accounting convention writes «одна тысяча» (see ``ru``).
    """
    _check_int("number_words", n, 0)
    return " ".join(_words(n, explicit_one=True))


def group_digits(n: int) -> str:
    """``1250 → "1 250"``: thousands split by a plain space, as in «12 000 даана», «4 700дөн».
    Plain, because CLI output, JSON and search want it; a rendered document gets a no-break
    space there (``typography``), so a sum never breaks across lines."""
    return f"{n:,}".replace(",", " ")


def count(n: int) -> str:
    """Digits then words, as in an order: ``count(6) == "6 (алты)"`` («курамы 6 (алты) кишиден»)."""
    _check_int("count", n, 0)
    return f"{group_digits(n)} ({number_words(n)})"


def ordinal(n: int) -> str:
    """Ordinal in words: биринчи, экинчи, үчүнчү, онунчу, жыйырманчы, жүзүнчү, миңинчи …

    Only the last word takes «-(ы)нчы» in its harmony variant. The base is the spoken reading
    without a leading «бир» before жүз/миң («жүз биринчи», «миң тогуз жүз токсон сегизинчи»),
    because ordinals are read aloud (years, anniversaries), not guarded against tampering.
    """
    _check_int("ordinal", n, 1)
    *head, last = _words(n, explicit_one=False)
    high, _low = _harmony(last)
    suffix = ("" if _ends_in_vowel(last) else high) + "нч" + high
    return " ".join([*head, last + suffix])


NUMERAL_CASES = ("dat", "abl", "loc", "gen", "acc", "poss")


def numeral_suffix(n: int, case: str) -> str:
    """Case suffix for a numeral written in digits: 20 → дан, 18 → ден, 50 → дөн, 35 → ке.

    The choice follows the last spoken word (4 700 → «жүз» → «4 700дөн»), not the digit.
    Cases: ``dat`` -га, ``abl`` -дан, ``loc`` -да, ``gen`` -дын, ``acc`` -ды, and ``poss``, the
    third-person possessive of «122 киши …, алардын ичинде 75и» (seed002 L1572), which is
    not an accusative (that would be «75ти»).
    """
    _check_int("numeral_suffix", n, 0)
    if case not in NUMERAL_CASES:
        raise ValueError(
            f"numeral_suffix: unknown case {case!r}; use one of: {', '.join(NUMERAL_CASES)}"
        )
    last = _words(n, explicit_one=True)[-1]
    high, low = _harmony(last)
    if _ends_in_vowel(last):
        onset = {"dat": "г", "abl": "д", "loc": "д", "gen": "н", "acc": "н", "poss": "с"}
    elif last[-1] in _VOICELESS:
        onset = {"dat": "к", "abl": "т", "loc": "т", "gen": "т", "acc": "т", "poss": ""}
    else:
        onset = {"dat": "г", "abl": "д", "loc": "д", "gen": "д", "acc": "д", "poss": ""}
    tail = {"dat": low, "abl": low + "н", "loc": low, "gen": high + "н", "acc": high}
    return onset[case] + tail.get(case, high)


# --- sums --------------------------------------------------------------------------------------


def split_amount(value: Decimal | int | str, fn: str = "amount") -> tuple[int, int]:
    """``"1 250,50" → (1250, 50)``: whole units and hundredths, checked.

    Accepts Decimal, int or str (decimal comma or point, spaces between groups). Refuses
    floats (binary fractions lose тыйын), negatives, NaN, and more than two decimals: money is
    never rounded silently. Shared with the Russian module: numbers are not language-bound.
    """
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
        raise ValueError(
            f"{fn}: expected Decimal, int or str, got {type(value).__name__} {value!r}"
        )
    if isinstance(value, str):
        text = re.sub(r"[\s\u00a0\u202f]", "", value).replace(",", ".")
        try:
            dec = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"{fn}: cannot read {value!r} as a sum") from None
    else:
        dec = Decimal(value)
    if not dec.is_finite():
        raise ValueError(f"{fn}: {value!r} is not a finite sum")
    if dec < 0:
        raise ValueError(f"{fn}: {value!r} is negative; only sums of 0 or more are written")
    cents = dec * 100
    if cents != cents.to_integral_value():
        raise ValueError(f"{fn}: {value!r} has more than two decimal places; round it first")
    whole, frac = divmod(int(cents), 100)
    if whole > MAX_NUMBER:
        raise ValueError(f"{fn}: {value!r} exceeds {group_digits(MAX_NUMBER)}")
    return whole, frac


def amount(value: Decimal | int | str, currency: str = "сом", subunit: str = "тыйын") -> str:
    """``1250.50 → "1 250,50 (бир миң эки жүз элүү) сом 50 тыйын"``.

    Style: digits grouped with spaces and a decimal comma, always two decimals; the whole part
    in words in brackets; the currency; then the hundredths as two digits and the subunit, as
    payment orders write kopecks. Kyrgyz nouns do not change after a numeral, so the currency
    and subunit are plain words (e.g. ``currency="доллар", subunit="цент"``).
    """
    whole, frac = split_amount(value)
    return (
        f"{group_digits(whole)},{frac:02d} ({number_words(whole)}) {currency} {frac:02d} {subunit}"
    )
