"""Who is who: municipalities, people and the offices they hold, as of a date.

Offices have terms (``start_date`` … ``end_date``), so "the head on record on the order's
date" is a query, not a field that gets overwritten when the head changes.
"""

from __future__ import annotations

from .db import Registry

#: Roles in the executive body (айыл өкмөтү): its staff.
STAFF_ROLES = frozenset({"head", "deputy_head", "executive_secretary", "specialist", "staff"})
#: Roles in the local council (айылдык кеңеш).
COUNCIL_ROLES = frozenset({"deputy", "council_chair"})
ROLES = STAFF_ROLES | COUNCIL_ROLES


def municipality(db: Registry, code: str) -> dict | None:
    return next(db.query("SELECT * FROM municipalities WHERE code = ?", [code]), None)


def person(db: Registry, person_id: str) -> dict | None:
    return next(db.query("SELECT * FROM people WHERE id = ?", [person_id]), None)


def people(db: Registry, ids: list[str]) -> dict[str, dict]:
    """People by id, in one query."""
    if not ids:
        return {}
    marks = ", ".join("?" for _ in ids)
    return {r["id"]: r for r in db.query(f"SELECT * FROM people WHERE id IN ({marks})", ids)}


def offices_on(
    db: Registry, municipality_code: str, person_ids: list[str], on: str
) -> dict[str, list[dict]]:
    """Offices each person holds in the municipality on date ``on`` (ISO)."""
    result: dict[str, list[dict]] = {pid: [] for pid in person_ids}
    if not person_ids:
        return result
    marks = ", ".join("?" for _ in person_ids)
    rows = db.query(
        f"SELECT * FROM officials WHERE municipality = ? AND person IN ({marks}) "
        "AND start_date <= ? AND (end_date IS NULL OR end_date >= ?) ORDER BY start_date",
        [municipality_code, *person_ids, on, on],
    )
    for row in rows:
        result[row["person"]].append(row)
    return result


def holders_on(
    db: Registry, municipality_code: str, role: str, on: str
) -> list[dict]:
    """Who holds ``role`` in the municipality on date ``on``, with their person row."""
    return list(db.query(
        "SELECT o.*, p.name, p.short_name, p.sex FROM officials o JOIN people p ON p.id = o.person "
        "WHERE o.municipality = ? AND o.role = ? AND o.start_date <= ? "
        "AND (o.end_date IS NULL OR o.end_date >= ?) ORDER BY o.start_date DESC",
        [municipality_code, role, on, on],
    ))


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
