"""Checks several procedures share; each procedure's guard wraps them with its own wording."""

from __future__ import annotations

import datetime as dt


def head_on_record(head: dict | None, signer: str | None, on: dt.date,
                   signer_field: str) -> tuple[bool, str]:
    """The signer is the head of the ayil okmotu on record on ``on`` (when one is named)."""
    if head is None:
        return False, (f"no head of the ayil okmotu is on record on {on}; "
                       "import the head's term of office (officials, role 'head')")
    if signer and signer != head["person"]:
        return False, (f"{signer_field} is '{signer}', but the head on record on "
                       f"{on} is {head['name']} ({head['person']})")
    return True, f"{head['name']} is the head on record on {on}"
