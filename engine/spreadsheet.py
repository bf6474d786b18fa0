"""CSV that a spreadsheet opens as data, never as a formula: every CSV muni writes goes here.

A cell whose text starts with ``=``, ``+``, ``-`` or ``@`` (or a tab, a carriage return or
NUL) is a formula to Excel, LibreOffice Calc and Google Sheets: an act titled
``=HYPERLINK("http://…", "Open")`` would become a live link in the reviewer's spreadsheet,
and ``+cmd|' /c calc'!A1`` a command (DDE). The OWASP rule, applied here: such a cell is
written with a leading apostrophe, which the spreadsheet takes as "this is text" and does
not show. Leading spaces do not hide a trigger, and the full-width forms (＝ ＋ － ＠),
which some Excel locales read as formulas too, count as triggers. Numbers stay numbers: only
text is changed, so a negative amount is still a number.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from typing import Any

#: First characters that make a spreadsheet evaluate a cell (OWASP "CSV Injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\0", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def safe_cell(value: Any) -> Any:
    """``value`` as a CSV cell: text that a spreadsheet would run as a formula gets a
    leading apostrophe; anything else is returned as it is."""
    if isinstance(value, str) and value.lstrip(" ").startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def to_csv(rows: Iterable[Mapping[str, Any]], columns: list[str]) -> str:
    """CSV text (a header, then one line per row) with every cell made safe."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n",
                            extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({column: safe_cell(row.get(column)) for column in columns})
    return buf.getvalue()
