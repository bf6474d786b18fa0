"""Declared names compared as a reader sees them: invisible and look-alike characters do not
make a second person (issue: four eyes dodged by `clerk\\u200b`, `ｃｌｅｒｋ`, `сlerk`)."""

from __future__ import annotations

import hashlib
import re
import string

from hypothesis import given
from hypothesis import strategies as st

from muni.engine import names

#: Characters no reader sees: zero-width space, non-joiner, joiner, word joiner, BOM, soft
#: hyphen, left-to-right mark, right-to-left override, Mongolian vowel separator, a variation
#: selector, combining grapheme joiner, Hangul filler, a tag character.
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u202e",
             "\u180e", "\ufe0f", "\u034f", "\u3164", "\U000e0041"]
#: Cyrillic letters drawn like Latin ones (the attack's `сlerk`).
CYRILLIC_LOOKALIKE = {"a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у",
                      "i": "і", "j": "ј", "s": "ѕ", "h": "һ"}
#: Latin letters each their own prototype and not part of a two-letter look-alike
#: ("rn" ≈ "m", "vv" ≈ "w"): names spelled with them differ exactly when their text does.
DISTINCT = "".join(sorted(set(string.ascii_lowercase) - set("mrnvw")))

ascii_names = st.text(alphabet=string.ascii_letters + " ", min_size=1, max_size=20).filter(
    str.strip)


def fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@given(ascii_names, st.lists(st.tuples(st.integers(min_value=0), st.sampled_from(INVISIBLE)),
                             max_size=5))
def test_invisible_characters_do_not_make_another_name(name, inserts):
    spoofed = name
    for position, char in inserts:
        at = position % (len(spoofed) + 1)
        spoofed = spoofed[:at] + char + spoofed[at:]
    assert names.same_name(name, spoofed)


@given(ascii_names)
def test_fullwidth_letters_are_the_same_name(name):
    assert names.same_name(name, fullwidth(name))


@given(st.text(alphabet="".join(CYRILLIC_LOOKALIKE) + "lkt", min_size=1, max_size=20),
       st.data())
def test_cyrillic_look_alikes_are_the_same_name(name, data):
    swap = data.draw(st.sets(st.sampled_from(sorted(CYRILLIC_LOOKALIKE))))
    spoofed = "".join(CYRILLIC_LOOKALIKE[c] if c in swap else c for c in name)
    assert names.same_name(name, spoofed)


@given(ascii_names, st.sampled_from([" ", "  ", "\t", "\u00a0", "\u2003"]))
def test_case_and_spacing_do_not_make_another_name(name, space):
    assert names.same_name(name, f"{space}{name.upper()}{space}".replace(" ", space))


@given(st.text(max_size=30))
def test_the_key_of_a_key_is_itself(text):
    key = names.name_key(text)
    assert names.name_key(key) == key


@given(st.text(alphabet=DISTINCT, min_size=1, max_size=12),
       st.text(alphabet=DISTINCT, min_size=1, max_size=12))
def test_names_a_reader_tells_apart_stay_apart(a, b):
    assert names.same_name(a, b) == (a == b)


def test_the_attacks_of_the_review_are_one_name():
    for spoofed in ("clerk\u200b", "ｃｌｅｒｋ", "сlerk", "CLERK", " clerk "):
        assert names.same_name("clerk", spoofed), spoofed
    assert not names.same_name("clerk", "head")
    # Kyrgyz names: a Latin A inside a Cyrillic name; a word joiner at the end.
    assert names.same_name("Асанов Бакыт", "Aсанов Бакыт\u2060")
    assert not names.same_name("Асанов Бакыт", "Осмонова Салтанат")


def test_printing_format_characters_are_kept():
    """Format characters that print (the Arabic number sign) are not dropped as invisible."""
    assert not names.is_ignorable("\u0600")
    assert names.is_ignorable("\u200b") and names.is_ignorable("\ufe0f")


def test_the_vendored_confusables_are_unicode_17_and_complete():
    text = names.CONFUSABLES.read_text(encoding="utf-8-sig")
    assert f"# Version: {names.CONFUSABLES_VERSION}\n" in text
    total = int(re.search(r"^# total: (\d+)$", text, re.MULTILINE).group(1))
    assert len(names.prototypes()) == total == 6565
    assert names.prototypes()["с"] == "c" and names.prototypes()["m"] == "rn"
    # The file as published by Unicode (2025-07-22): an edit shows here.
    assert hashlib.sha256(names.CONFUSABLES.read_bytes()).hexdigest() == (
        "ec88ecebcf89f63f813d460842b0cf8322744b40a0b2c06f88a2cea48c0351ea")
