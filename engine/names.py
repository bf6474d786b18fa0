"""When two typed names are one person: the comparison four eyes makes on declared names.

A registry without accounts records whoever ``--actor`` names, and four eyes keeps the drafter
from signing by comparing those names. A comparison of the bare text is dodged by a name that
*looks* the same and is not: ``clerk\\u200b`` (an invisible character), ``ｃｌｅｒｋ``
(fullwidth letters) or ``сlerk`` (a Cyrillic с). ``name_key`` maps every such spelling to one
key:

1. NFKC and case folding: fullwidth, ligatures, "Clerk" and "CLERK" become "clerk";
2. default-ignorable code points (zero-width spaces and joiners, soft hyphens, variation
   selectors, bidi controls …) are removed;
3. the UTS #39 *skeleton*: each character becomes the prototype of its class of look-alikes
   in Unicode's ``confusables.txt`` (Cyrillic ``с`` → Latin ``c``, ``ı`` → ``i``, ``rn`` ← ``m``);
4. runs of white space become one space, and the ends are trimmed.

A skeleton is a key for comparing, never a name to show: ``Айбек`` and ``Aйбeк`` both become a
string of mixed Latin letters. It errs on the safe side for four eyes: Kyrgyz ``ү`` and Russian
``у`` look like ``y`` and count as the same letter, so "Үсөн" and "Усөн" are one name here —
a signature is refused that two different people with such names could have given; the
remedy is accounts (``muni user add``), which compare persons, not names.

The data: ``confusables.txt`` of Unicode Security Mechanisms (UTS #39), version 17.0.0
(2025-07-22), kept verbatim beside this module with Unicode's notice (terms of use:
https://www.unicode.org/terms_of_use.html). No maintained package on PyPI offers the skeleton
itself (``confusable-homoglyphs`` detects mixed scripts, ``confusables`` ships 13.0 data from
2020, PyICU's SpoofChecker needs ICU built from source — not on a clerk's Windows PC). To
update: replace the file with a newer ``security/confusables.txt``; ``tests/test_names.py``
checks its version line and that it parses to the count its last line states.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

CONFUSABLES = Path(__file__).with_name("confusables.txt")
CONFUSABLES_VERSION = "17.0.0"

#: Other_Default_Ignorable_Code_Point (PropList.txt; a stable list) and Variation_Selector:
#: with the format characters (Cf) they make up Default_Ignorable_Code_Point, which
#: Python's ``unicodedata`` does not expose.
_OTHER_IGNORABLE = (
    (0x034F, 0x034F), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x3164, 0x3164), (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8), (0xE0000, 0xE0000), (0xE0002, 0xE001F), (0xE0080, 0xE00FF),
    (0xE01F0, 0xE0FFF),
    (0x180B, 0x180D), (0x180F, 0x180F), (0xFE00, 0xFE0F), (0xE0100, 0xE01EF),
)
#: Format characters that are *not* default-ignorable: they print (interlinear annotation,
#: Egyptian hieroglyph format controls, prepended concatenation marks such as the Arabic
#: number sign).
_VISIBLE_FORMAT = (
    (0xFFF9, 0xFFFB), (0x13430, 0x1343F), (0x0600, 0x0605), (0x06DD, 0x06DD),
    (0x070F, 0x070F), (0x0890, 0x0891), (0x08E2, 0x08E2), (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
)
_SPACES = re.compile(r"\s+")


def _within(cp: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(lo <= cp <= hi for lo, hi in ranges)


@functools.cache
def is_ignorable(char: str) -> bool:
    """Default_Ignorable_Code_Point: invisible when rendered, so never part of a name."""
    cp = ord(char)
    if _within(cp, _OTHER_IGNORABLE):
        return True
    return unicodedata.category(char) == "Cf" and not _within(cp, _VISIBLE_FORMAT)


@functools.cache
def prototypes() -> dict[str, str]:
    """``confusables.txt`` as character → prototype (read once per process, and kept
    between processes while the file is unchanged: ``engine/cache.py``)."""
    import muni.engine.cache as cache  # only where a name is compared (not every command)

    return cache.derived("confusables", [CONFUSABLES], _read_confusables)


def _read_confusables() -> dict[str, str]:
    table: dict[str, str] = {}
    for line in CONFUSABLES.read_text(encoding="utf-8-sig").splitlines():
        fields = line.split("#", 1)[0].split(";")
        if len(fields) < 3:
            continue
        source = "".join(chr(int(cp, 16)) for cp in fields[0].split())
        table[source] = "".join(chr(int(cp, 16)) for cp in fields[1].split())
    return table


def skeleton(text: str) -> str:
    """UTS #39 skeleton: NFD, drop default-ignorables, map to prototypes, NFD again."""
    table = prototypes()
    chars = unicodedata.normalize("NFD", text)
    mapped = "".join(table.get(c, c) for c in chars if not is_ignorable(c))
    return unicodedata.normalize("NFD", mapped)


def _fold(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = unicodedata.normalize("NFKC", folded)
    return "".join(c for c in folded if not is_ignorable(c))


@functools.lru_cache(maxsize=4096)
def name_key(name: str) -> str:
    """The form declared names are compared in: equal keys are one person for four eyes.

    Folding and the skeleton are applied until the key stops changing (a prototype may
    itself fold, e.g. an upper-case prototype after case folding), so ``name_key`` of a key
    is that key. Kept per name: a batch's signing steps compare the same few names at every
    case (four eyes, before the lock and under it), about 17 µs each.
    """
    key = name
    for _ in range(8):
        step = _SPACES.sub(" ", skeleton(_fold(key))).strip()
        if step == key:
            break
        key = step
    return key


def same_name(a: str, b: str) -> bool:
    """Would a reader take ``a`` and ``b`` for the same name?"""
    return name_key(a) == name_key(b)
