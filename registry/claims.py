"""Values that must be unique across all cases (a State Register number), held by a UNIQUE
constraint on ``(key, value)``.

A rule checks uniqueness before the write lock, from other cases' data; the claim recorded
here, inside the step's transaction, is what holds when two processes race.
"""

from __future__ import annotations

from .db import Registry


def claim(db: Registry, key: str, value: str, case_id: int) -> int | None:
    """Record that ``case_id`` holds ``value`` for ``key``; returns the other case that
    already holds it (nothing recorded then), or None. Idempotent for the same case."""
    holder = db.execute("SELECT case_id FROM claims WHERE key = ? AND value = ?",
                        [key, value]).fetchone()
    if holder:
        return None if holder[0] == case_id else int(holder[0])
    db.execute("INSERT INTO claims(key, value, case_id) VALUES (?, ?, ?)", [key, value, case_id])
    return None
