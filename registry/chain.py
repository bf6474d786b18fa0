"""One walk for every hash-chained log: the audit, the refused attempts and the PDF log.

Each record of such a log stores the SHA-256 of its own content (``hash``) and the hash of
the record before it (``prev_hash``; the first record's is ``GENESIS``). Two faults are
possible, and they are told apart because they mean different things to a reviewer: a link
that does not match the record before it (a record was deleted, inserted or reordered), and
content that does not match its own hash (a record was edited). Every log checks them the
same way, so the walk lives here once; each log words its own findings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

GENESIS = "0" * 64


def walk(rows: Iterable[dict], hash_of: Callable[[dict], str], *,
         prev: str | None = GENESIS) -> Iterator[tuple[dict, bool, bool]]:
    """Every row, in order, as ``(row, broken, altered)``: ``broken`` when its
    ``prev_hash`` is not the hash of the row before it, ``altered`` when ``hash_of(row)``
    is not its stored ``hash``. ``prev`` is the hash expected of the first row's link
    (``GENESIS`` for a whole log; None when the walk starts mid-log and the link before is
    not known)."""
    for row in rows:
        broken = prev is not None and row["prev_hash"] != prev
        yield row, broken, hash_of(row) != row["hash"]
        prev = row["hash"]
