"""Russian dates, numerals and sums for the Russian text of bilingual Kyrgyz acts.

Official documents in Kyrgyzstan carry a Russian parallel text; its citations read
«от 15 июля 2011 года № 101» (seed002 §6.3). The module is stdlib only: num2words is used in the
tests as a reference, never at runtime.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from .ky import MAX_NUMBER, group_digits, split_amount

__all__ = [
    "CURRENCIES",
    "MAX_NUMBER",
    "adjective_genitive",
    "adjective_nominative",
    "amount",
    "count",
    "date_from",
    "date_long",
    "date_of",
    "date_on",
    "date_until",
    "number_words",
    "plural",
]

_MONTHS_GEN = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)


def _day_month_year(d: date) -> str:
    # Zero-padded year, like the Kyrgyz module: acts never predate year 1000.
    return f"{d.day} {_MONTHS_GEN[d.month - 1]} {d.year:04d}"


def date_long(d: date) -> str:
    """Dateline form: ``19 ноября 2014 г.``."""
    return f"{_day_month_year(d)} г."


def date_of(d: date) -> str:
    """Citation form before an act's number: ``от 19 ноября 2014 года``."""
    return f"от {_day_month_year(d)} года"


def date_on(d: date) -> str:
    """"On" form, the genitive date in running text: ``19 ноября 2014 года``."""
    return f"{_day_month_year(d)} года"


def date_from(d: date) -> str:
    """"From" form: ``с 19 ноября 2014 года``."""
    return f"с {_day_month_year(d)} года"


def date_until(d: date) -> str:
    """Deadline form: ``до 19 ноября 2014 года``."""
    return f"до {_day_month_year(d)} года"


# --- numerals ----------------------------------------------------------------------------------


def plural(n: int, one: str, few: str, many: str) -> str:
    """The noun form agreeing with ``n``: 1, 21 → one; 2–4, 22 → few; 0, 5–20, 11–14 → many."""
    n = abs(n)
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


_GENDERS = ("m", "f", "n")
_CASES = ("nom", "acc")
_ONE = {"m": "один", "f": "одна", "n": "одно"}
#: The accusative differs from the nominative only in the feminine «одна» (counted nouns
#: here are inanimate): «создать 1 (одну) группу», «21 (двадцать одну)», «1000 (одну тысячу)».
_ONE_ACC = {"m": "один", "f": "одну", "n": "одно"}
_TWO = {"m": "два", "f": "две", "n": "два"}
_ONES = ("", "", "", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять")
_TEENS = (
    "десять",
    "одиннадцать",
    "двенадцать",
    "тринадцать",
    "четырнадцать",
    "пятнадцать",
    "шестнадцать",
    "семнадцать",
    "восемнадцать",
    "девятнадцать",
)
_TENS = (
    "",
    "",
    "двадцать",
    "тридцать",
    "сорок",
    "пятьдесят",
    "шестьдесят",
    "семьдесят",
    "восемьдесят",
    "девяносто",
)
_HUNDREDS = (
    "",
    "сто",
    "двести",
    "триста",
    "четыреста",
    "пятьсот",
    "шестьсот",
    "семьсот",
    "восемьсот",
    "девятьсот",
)
# value, forms, grammatical gender of the scale word (тысяча is feminine: «одна тысяча»).
_SCALES = (
    (1_000_000_000, ("миллиард", "миллиарда", "миллиардов"), "m"),
    (1_000_000, ("миллион", "миллиона", "миллионов"), "m"),
    (1_000, ("тысяча", "тысячи", "тысяч"), "f"),
)


def _below_1000(n: int, gender: str, case: str = "nom") -> list[str]:
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    words = [_HUNDREDS[hundreds]] if hundreds else []
    if tens == 1:
        return [*words, _TEENS[ones]]
    if tens:
        words.append(_TENS[tens])
    if ones == 1:
        words.append((_ONE_ACC if case == "acc" else _ONE)[gender])
    elif ones == 2:
        words.append(_TWO[gender])
    elif ones:
        words.append(_ONES[ones])
    return words


def number_words(n: int, gender: str = "m", case: str = "nom") -> str:
    """Cardinal in words, 0..1 000 000 000; ``gender`` (m/f/n) of the counted noun sets
    один/одна/одно and два/две. 1000 is «одна тысяча», as sums in words require, which is also
    what num2words writes. ``case="acc"`` gives the accusative of an inanimate count, the
    object of «создать», «утвердить»: «одну», «одну тысячу» (the other words do not change)."""
    if not isinstance(n, int) or isinstance(n, bool):
        raise ValueError(f"number_words: expected an int, got {type(n).__name__} {n!r}")
    if not 0 <= n <= MAX_NUMBER:
        raise ValueError(f"number_words: {n} is out of range 0..{group_digits(MAX_NUMBER)}")
    if gender not in _GENDERS:
        raise ValueError(f"number_words: unknown gender {gender!r}; use one of: m, f, n")
    if case not in _CASES:
        raise ValueError(f"number_words: unknown case {case!r}; use one of: nom, acc")
    if n == 0:
        return "ноль"
    words: list[str] = []
    for value, forms, scale_gender in _SCALES:
        k, n = divmod(n, value)
        if k:
            scale = plural(k, *forms)
            if case == "acc" and scale == "тысяча":
                scale = "тысячу"
            words += [*_below_1000(k, scale_gender, case), scale]
    return " ".join(words + _below_1000(n, gender, case))


def count(n: int, gender: str = "m", case: str = "nom") -> str:
    """Digits then words, as in an order: ``count(6) == "6 (шесть)"``; the words agree with
    the counted noun's ``gender`` and ``case`` («создать 2 (две) группы», «1 (одну) группу»)."""
    words = number_words(n, gender, case)
    return f"{group_digits(n)} ({words})"


# --- adjectives ----------------------------------------------------------------------------

def _match_case(model: str, word: str) -> str:
    return word.upper() if model.isupper() else word


def adjective_genitive(word: str) -> str:
    """A feminine adjective from the nominative into the genitive: «очередная» →
    «очередной», «внеочередная» → «внеочередной», «летняя» → «летней» (capitals kept:
    «ОЧЕРЕДНАЯ» → «ОЧЕРЕДНОЙ»). A word with no feminine ending comes back unchanged."""
    low = word.lower()
    for ending, genitive in (("ая", "ой"), ("яя", "ей")):
        if low.endswith(ending) and len(low) > len(ending) + 1:
            return word[: -len(ending)] + _match_case(word, genitive)
    return word


#: After these letters the masculine nominative ending is «-ий», not «-ый» (spelling rule).
_SOFT_AFTER = frozenset("гкхжшчщ")


def adjective_nominative(word: str) -> str:
    """A masculine adjective from the genitive back into the nominative, for place names kept
    in the genitive («айыл окмоту Липенского айылного аймака»): «Липенского» → «Липенский»,
    «Ак-Суйского» → «Ак-Суйский», «Нового» → «Новый», «Верхнего» → «Верхний». A stressed
    «-ой» (Большой) cannot be told from «-ый» by spelling and comes out «-ий»/«-ый»; a word
    that is not an adjective in the genitive («Ак-Суу») comes back unchanged."""
    low = word.lower()
    if low.endswith("его") and len(low) > 4:
        return word[:-3] + _match_case(word, "ий")
    if low.endswith("ого") and len(low) > 4:
        stem = word[:-3]
        return stem + _match_case(word, "ий" if stem[-1].lower() in _SOFT_AFTER else "ый")
    return word


# --- sums --------------------------------------------------------------------------------------

CURRENCIES: dict[str, tuple[tuple[str, str, str], str, tuple[str, str, str]]] = {
    "сом": (("сом", "сома", "сомов"), "m", ("тыйын", "тыйына", "тыйынов")),
    "доллар": (("доллар", "доллара", "долларов"), "m", ("цент", "цента", "центов")),
    "рубль": (("рубль", "рубля", "рублей"), "m", ("копейка", "копейки", "копеек")),
}
"""Currency → (unit forms one/few/many, unit gender, subunit forms)."""


def amount(value: Decimal | int | str, currency: str = "сом") -> str:
    """``1250.50 → "1 250,50 (одна тысяча двести пятьдесят) сомов 50 тыйынов"``.

    Same layout as the Kyrgyz sum; the unit agrees with the whole part and the subunit with
    the two-digit hundredths (00 → «тыйынов», 01 → «тыйын», 02 → «тыйына»).
    """
    if currency not in CURRENCIES:
        raise ValueError(
            f"amount: unknown currency {currency!r}; use one of: {', '.join(CURRENCIES)}"
        )
    unit, gender, sub = CURRENCIES[currency]
    whole, frac = split_amount(value)
    return (
        f"{group_digits(whole)},{frac:02d} ({number_words(whole, gender)}) "
        f"{plural(whole, *unit)} {frac:02d} {plural(frac, *sub)}"
    )
