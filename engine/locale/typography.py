"""Where a printed line may not break: no-break hyphens and spaces in dates, numbers and sums.

A Kyrgyz date is «2026-жылдын 20-ноябры», an annex «1-тиркеме», a sum «150 000,00»; printed
with an ordinary hyphen or space, Word and LibreOffice are free to end a line inside them
(«2026- / жылдын», «150 / 000,00»), which no clerk would sign. The rules below replace the
break opportunity *inside* such a figure by its no-break twin, and change nothing a reader
sees:

* a hyphen after a digit → U+2011 NON-BREAKING HYPHEN («20‑ноябры», «2027‑2028», «20‑25тен»);
* a space between two digits → U+00A0 NO-BREAK SPACE (thousands «4 750 000», phones);
* a space between a number and «г.» / «гг.» or «%» → U+00A0 («2026 г.», «48 %»);
* a space between a number and a dash between numbers → U+00A0 («18 – 35»);
* «№ 12» → «№ 12»; initials and surname stay together («А. Б. Мамбетова», «Асанов Б. К.»);
  «с. Липенка» stays together.

They are applied when a document is rendered (``typeset_wordml``, on every text run of the
rendered XML, whether the text came from the template, a formatter of this package or a
clerk's data), so the class of defect is closed at the one layer that writes documents. The
formatters (``ky``, ``ru``) keep returning plain text: CLI output, JSON and search need the
ordinary characters. In the .docx a no-break hyphen is written as Word's own
``<w:noBreakHyphen/>`` (Times New Roman and Liberation Serif have no U+2011 glyph; Word draws
its element with the font's hyphen, and LibreOffice reads it as its hard hyphen).
"""

from __future__ import annotations

import re

__all__ = ["NBHY", "NBSP", "apposition", "plain", "typeset", "typeset_wordml"]

NBSP = "\u00a0"
NBHY = "\u2011"

_CAP = "А-ЯЁӨҮҢA-Z"
_LOW = "а-яёөүңa-z"
#: Each rule with a text it cannot match without (a space, mostly): a rule whose text is
#: absent is not run — a document has some seventy runs, most without any of them.
_RULES: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"(?<=\d)-(?=\w)"), NBHY, "-"),
    (re.compile(r"(?<=\d) (?=\d)"), NBSP, " "),
    (re.compile(r"(?<=\d) (?=(?:гг?\.|%))"), NBSP, " "),
    (re.compile(r"(?<=\d) ([–—]) (?=\d)"), NBSP + r"\1" + NBSP, " "),
    (re.compile(r"№ (?=\S)"), "№" + NBSP, "№ "),
    # «А. Б. Мамбетова»: an initial and what follows it
    (re.compile(rf"(?<![\w.])([{_CAP}])\. (?=[{_CAP}])"), r"\1." + NBSP, ". "),
    # «Асанов Б. К.»: a surname and its initials
    (re.compile(rf"(?<=[{_LOW}]) (?=[{_CAP}]\.(?:[ {NBSP}]?[{_CAP}]\.)?(?!\w))"), NBSP, " "),
    (re.compile(rf"(?<![\w.])с\. (?=[{_CAP}])"), "с." + NBSP, "с. "),
)


def typeset(text: str) -> str:
    """``text`` with no-break characters where a line must not break (see the module doc).
    Only spaces and hyphens are replaced, each by its no-break twin; idempotent."""
    for pattern, replacement, needed in _RULES:
        if needed in text:
            text = pattern.sub(replacement, text)
    return text


def plain(text: str) -> str:
    """The inverse for reading and searching: no-break hyphens and spaces as ordinary ones."""
    return text.replace(NBHY, "-").replace(NBSP, " ")


#: A text run; its text may hold a processing instruction (the journal number's hole,
#: ``<?muni-number?>``, filled after rendering), which the rules treat as opaque text.
#: (Written as ``[^<]*(?:PI[^<]*)*``, not ``(?:[^<]|PI)*``: the same texts, matched without
#: trying the alternative at every character — a third of the time.)
_WT = re.compile(r"(<w:t(?:\s[^>]*)?>)([^<]*(?:<\?[^>]*\?>[^<]*)*)(</w:t>)")
_BREAKABLE = re.compile(r"[\d№.]")
_NO_BREAK_HYPHEN = '</w:t><w:noBreakHyphen/><w:t xml:space="preserve">'


def _run_text(m: re.Match[str]) -> str:
    open_tag, text, close_tag = m.groups()
    if not _BREAKABLE.search(text) and NBHY not in text:
        return m.group(0)
    text = typeset(text)
    if NBHY in text:
        if "xml:space" not in open_tag:
            open_tag = open_tag[:-1] + ' xml:space="preserve">'
        text = text.replace(NBHY, _NO_BREAK_HYPHEN)
    return open_tag + text + close_tag


def typeset_wordml(xml: str) -> str:
    """Apply :func:`typeset` to the text of every ``<w:t>`` run of a WordprocessingML part
    and write each no-break hyphen as ``<w:noBreakHyphen/>`` (splitting the ``w:t``)."""
    return _WT.sub(_run_text, xml)


# --- a position after a name -----------------------------------------------------------------

#: Words that follow a place name in a position («Липенка айылынын старостасы», «Староста села
#: Липенка» does not need it): the word before them is a proper noun and keeps its capital.
_PLACE_WORDS = frozenset({
    "айылы", "айылынын", "айылдык", "айыл", "аймагынын", "шаарынын", "шаары", "районунун",
    "облусунун", "кыштагынын", "айылного", "айылный", "района", "области", "города", "села",
})


def apposition(position: str) -> str:
    """A position as it reads after a name, «С. Т. Осмонова, айыл өкмөт башчысынын орун
    басары»: the first letter in lower case. Kept as written when the first word is an
    abbreviation («АӨ адиси», «ЖМБА …») or a place name («Липенка айылынын старостасы»)."""
    words = position.split(maxsplit=2)
    if not words or len(words[0]) < 2 or not words[0][0].isupper():
        return position
    first = words[0]
    if not first[1:].replace("-", "").islower():
        return position  # an abbreviation, or an odd capital inside
    if len(words) > 1 and words[1].lower() in _PLACE_WORDS and first.lower() not in _PLACE_WORDS:
        return position  # a place name
    return first[0].lower() + position[1:]
