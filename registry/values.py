"""What a value must be to be stored: text a document can carry, a number SQLite can hold.

Why here: every value the registry stores may end up in a Word document (XML) or in an
INTEGER column, and both have hard limits that Python does not share — a control character
such as U+000B is legal in a Python string and illegal in XML, and ``2**70`` is a Python int
that SQLite refuses with an OverflowError. The importer checks its rows with these; the
engine's input reader checks case data and batch rows with the same ones.
"""

from __future__ import annotations

import re

#: SQLite's INTEGER is a signed 64-bit number.
INT_MIN = -(2**63)
INT_MAX = 2**63 - 1

#: Characters XML 1.0 cannot hold (its ``Char`` production): the C0 controls other than tab,
#: newline and carriage return; lone surrogates (a JSON ``"\ud800"`` escape makes one); and
#: the two non-characters U+FFFE and U+FFFF.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def text_problem(text: str) -> str | None:
    """Why ``text`` cannot go into a document, or None when it can."""
    found = _XML_ILLEGAL.search(text)
    if found is None:
        return None
    return (f"contains the control character U+{ord(found.group()):04X} (at character "
            f"{found.start() + 1}), which a document cannot hold; remove it")


def int_problem(number: int) -> str | None:
    """Why ``number`` cannot be stored as an INTEGER, or None when it can."""
    if INT_MIN <= number <= INT_MAX:
        return None
    return (f"{number} is beyond the largest whole number the registry can hold "
            f"(±{INT_MAX})")


def in_int_range(number: int) -> bool:
    return INT_MIN <= number <= INT_MAX
