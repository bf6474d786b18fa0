"""Plain-data helpers every part of the engine uses: dotted paths into case data, dates,
JSON-ready values, merging changes, the time a record is written.

A leaf module (it imports only ``errors``), so builders, guards, intake and batch can share
them without importing each other.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from .errors import InputError


def dotted(data: dict, path: str) -> Any:
    """``dotted({"order": {"date": x}}, "order.date") == x``; None where a key is missing."""
    value: Any = data
    for key in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def set_dotted(data: dict, path: str, value: Any) -> None:
    """Set ``data[a][b] = value`` for ``path`` "a.b", making the mappings on the way."""
    *parents, last = path.split(".")
    for key in parents:
        data = data.setdefault(key, {})
    data[last] = value


def parse_date(value: Any, where: str) -> dt.date:
    """A date, or ``InputError`` naming ``where`` (the field path) and the value."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except (TypeError, ValueError):
        raise InputError(f"{where}: must be a date as YYYY-MM-DD, got {value!r}") from None


def jsonable(value: Any) -> Any:
    """Dates to ISO text, recursively, so contexts can be stored and hashed."""
    return json.loads(json.dumps(value, default=str, ensure_ascii=False))


def deep_merge(base: dict, changes: dict) -> dict:
    """Mappings merge key by key; lists and values in ``changes`` replace ``base``'s."""
    out = dict(base)
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = value
    return out


def utc_now() -> str:
    """When a record is written: UTC, to the second (the audit's ``at``)."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
