"""Who is who: municipalities, people and the offices they hold, as of a date.

Offices have terms (``start_date`` … ``end_date``), so "the head on record on the order's
date" is a query, not a field that gets overwritten when the head changes.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from .db import Registry

T = TypeVar("T")

#: Roles in the executive body (айыл өкмөтү): its staff.
STAFF_ROLES = frozenset({"head", "deputy_head", "executive_secretary", "specialist", "staff"})
#: Roles in the local council (айылдык кеңеш).
COUNCIL_ROLES = frozenset({"deputy", "council_chair"})
ROLES = STAFF_ROLES | COUNCIL_ROLES


class Remembered:
    """The directory rows a batch's preparations read, kept while nobody else wrote.

    Why: every step of a batch names the same municipality, and mostly the same people and
    office holders as the cases before it — re-reading them was a tenth of a batch's time.
    Why it serves no row older than its group of steps: it is used only inside
    ``remembering``, which a batch enters once for each group it prepares (up to 32 steps)
    and which first asks SQLite's ``PRAGMA data_version`` — changed by every commit of any
    *other* connection or process — and forgets everything when it changed; the connection
    that holds it writes no directory rows while it is in use (a batch writes cases, the
    audit, the journal, documents; only the importer writes the directory). So each step
    reads the directory as it was when its group's preparation began, or later: a change
    another process commits meanwhile is seen from the next group on, as if it had been
    made a moment later (a preparation was never one read transaction). Bounded: forgotten
    past ``LIMIT`` rows.
    """

    LIMIT = 20_000

    def __init__(self) -> None:
        self.version: int | None = None
        self.rows: dict[tuple, Any] = {}


@contextlib.contextmanager
def remembering(db: Registry, memo: Remembered) -> Iterator[None]:
    """Within: the directory reads on ``db`` are answered from ``memo`` where it has them
    (see ``Remembered``); they must not be mixed with writes to the directory."""
    version = db.execute("PRAGMA data_version").fetchone()[0]
    if version != memo.version or len(memo.rows) > memo.LIMIT:
        memo.rows.clear()
        memo.version = version
    previous, db.directory_memo = db.directory_memo, memo
    try:
        yield
    finally:
        db.directory_memo = previous


def _remembered(db: Registry, key: tuple, read: Callable[[], T]) -> T:
    memo = db.directory_memo
    if memo is None:
        return read()
    if key not in memo.rows:
        memo.rows[key] = read()
    return memo.rows[key]


def derived(db: Registry, key: tuple, make: Callable[[], T]) -> T:
    """``make()``, kept beside the remembered rows while ``remembering`` is in force, and
    forgotten with them: for a value worked out from directory rows alone (the engine's
    people as of a date), so a batch works it out once, not at every step that names it.
    ``make`` may read the directory; the caller must not change what it gets. Without a
    memo, ``make()`` every time."""
    return _remembered(db, ("derived", *key), make)


def _copy(row: dict | None) -> dict | None:
    """A caller's own copy of a remembered row (it may change it)."""
    return dict(row) if row is not None else None


def municipality(db: Registry, code: str) -> dict | None:
    return _copy(_remembered(db, ("municipality", code), lambda: next(
        db.query("SELECT * FROM municipalities WHERE code = ?", [code]), None)))


def person(db: Registry, person_id: str) -> dict | None:
    return people(db, [person_id]).get(person_id)


def people(db: Registry, ids: list[str]) -> dict[str, dict]:
    """People by id, in one query (the ones not remembered)."""
    memo = db.directory_memo
    wanted = [i for i in ids if memo is None or ("person", i) not in memo.rows]
    found: dict[str, dict] = {}
    if wanted:
        marks = ", ".join("?" for _ in wanted)
        found = {r["id"]: r for r in db.query(f"SELECT * FROM people WHERE id IN ({marks})",
                                              wanted)}
    if memo is None:
        return found
    for i in wanted:
        memo.rows[("person", i)] = found.get(i)
    return {i: dict(row) for i in ids if (row := memo.rows[("person", i)]) is not None}


def offices_on(
    db: Registry, municipality_code: str, person_ids: list[str], on: str
) -> dict[str, list[dict]]:
    """Offices each person holds in the municipality on date ``on`` (ISO), in the order
    they began (the same day: in the order they were recorded)."""
    memo = db.directory_memo
    wanted = list(dict.fromkeys(
        pid for pid in person_ids
        if memo is None or ("offices", municipality_code, pid, on) not in memo.rows))
    result: dict[str, list[dict]] = {pid: [] for pid in wanted}
    if wanted:
        marks = ", ".join("?" for _ in wanted)
        rows = db.query(
            f"SELECT * FROM officials WHERE municipality = ? AND person IN ({marks}) "
            "AND start_date <= ? AND (end_date IS NULL OR end_date >= ?) "
            "ORDER BY start_date, id",
            [municipality_code, *wanted, on, on],
        )
        for row in rows:
            result[row["person"]].append(row)
    if memo is None:
        return result
    for pid in wanted:
        memo.rows[("offices", municipality_code, pid, on)] = result[pid]
    return {pid: [dict(r) for r in memo.rows[("offices", municipality_code, pid, on)]]
            for pid in person_ids}


def holders_on(
    db: Registry, municipality_code: str, role: str, on: str
) -> list[dict]:
    """Who holds ``role`` in the municipality on date ``on``, with their person row."""
    rows = _remembered(db, ("holders", municipality_code, role, on), lambda: list(db.query(
        "SELECT o.*, p.name, p.short_name, p.sex FROM officials o JOIN people p ON p.id = o.person "
        "WHERE o.municipality = ? AND o.role = ? AND o.start_date <= ? "
        "AND (o.end_date IS NULL OR o.end_date >= ?) ORDER BY o.start_date DESC",
        [municipality_code, role, on, on],
    )))
    return [dict(r) for r in rows]


def short_name(person_row: dict) -> str:
    """"Асанов Бакыт Кадырбекович" → "Б. К. Асанов"; an explicit ``short_name`` wins.

    Kyrgyz patronymics written "Абдылдабек кызы" / "Бакыт уулу" stay whole after the
    initial of the given name: "Жаңыл Абдылдабек кызы" → "Ж. Абдылдабек кызы".
    """
    if person_row.get("short_name"):
        return person_row["short_name"]
    parts = person_row["name"].split()
    if len(parts) >= 3 and parts[-1] in ("кызы", "уулу"):
        return f"{parts[0][0]}. {' '.join(parts[1:])}"
    if len(parts) == 3:
        return f"{parts[1][0]}. {parts[2][0]}. {parts[0]}"
    if len(parts) == 2:
        return f"{parts[1][0]}. {parts[0]}"
    return person_row["name"]


def municipalities(db: Registry) -> list[dict]:
    """Every municipality, by code (a district's registry holds tens, an oblast's hundreds)."""
    return list(db.query("SELECT * FROM municipalities ORDER BY code"))


def people_in(db: Registry, municipality_code: str, on: str) -> list[dict]:
    """The municipality's people by name, each with the positions held on date ``on`` (ISO,
    joined by "; ") — what a form shows to choose a person by name."""
    return list(db.query(
        "SELECT p.id, p.name, p.occupation, group_concat(o.position, '; ') AS positions "
        "FROM people p LEFT JOIN officials o ON o.person = p.id AND o.municipality = ? "
        "AND o.start_date <= ? AND (o.end_date IS NULL OR o.end_date >= ?) "
        "WHERE p.municipality = ? GROUP BY p.id ORDER BY p.name, p.id",
        [municipality_code, on, on, municipality_code]))


def offices_of(db: Registry, municipality_code: str) -> list[dict]:
    """Every office held in the municipality, past and present, with its term and holder's
    name: the newest terms first within each role."""
    return list(db.query(
        "SELECT o.role, o.position, o.position_ru, o.start_date, o.end_date, o.person, p.name "
        "FROM officials o JOIN people p ON p.id = o.person WHERE o.municipality = ? "
        "ORDER BY o.role, o.start_date DESC", [municipality_code]))
