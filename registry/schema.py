"""Tables of the registry, created idempotently; ``SCHEMA_VERSION`` guards old files.

Dates are ISO strings (``YYYY-MM-DD``) so they sort and compare as text in SQL.
"""

from __future__ import annotations

import sqlite_utils

SCHEMA_VERSION = 1

DDL = """
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS municipalities (
    code TEXT PRIMARY KEY,
    aimak_ky TEXT NOT NULL,
    aimak_ru TEXT NOT NULL,
    oblast_ky TEXT NOT NULL,
    oblast_ru TEXT NOT NULL,
    rayon_ky TEXT NOT NULL,
    rayon_ru TEXT NOT NULL,
    seat_ky TEXT NOT NULL,
    seat_ru TEXT NOT NULL,
    lang TEXT NOT NULL DEFAULT 'ky' CHECK (lang IN ('ky', 'ru')),
    council_seats INTEGER,
    address TEXT,
    phone TEXT
);
CREATE TABLE IF NOT EXISTS people (
    id TEXT PRIMARY KEY,
    municipality TEXT NOT NULL REFERENCES municipalities(code),
    name TEXT NOT NULL,
    short_name TEXT,
    sex TEXT NOT NULL CHECK (sex IN ('f', 'm')),
    birth_date TEXT,
    village TEXT,
    occupation TEXT,
    phone TEXT,
    email TEXT
);
CREATE INDEX IF NOT EXISTS people_municipality ON people(municipality);
CREATE TABLE IF NOT EXISTS officials (
    id INTEGER PRIMARY KEY,
    municipality TEXT NOT NULL REFERENCES municipalities(code),
    person TEXT NOT NULL REFERENCES people(id),
    role TEXT NOT NULL,
    position TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT,
    UNIQUE (municipality, person, role, start_date)
);
CREATE INDEX IF NOT EXISTS officials_lookup ON officials(municipality, role, start_date);
CREATE TABLE IF NOT EXISTS cases (
    id INTEGER PRIMARY KEY,
    workflow TEXT NOT NULL,
    municipality TEXT NOT NULL REFERENCES municipalities(code),
    state TEXT NOT NULL,
    data TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS cases_state ON cases(workflow, state);
CREATE INDEX IF NOT EXISTS cases_municipality ON cases(municipality);
CREATE TABLE IF NOT EXISTS counters (
    municipality TEXT NOT NULL,
    series TEXT NOT NULL,
    year INTEGER NOT NULL,
    last INTEGER NOT NULL,
    PRIMARY KEY (municipality, series, year)
);
CREATE TABLE IF NOT EXISTS journal (
    id INTEGER PRIMARY KEY,
    municipality TEXT NOT NULL,
    series TEXT NOT NULL,
    year INTEGER NOT NULL,
    number INTEGER NOT NULL,
    act_date TEXT NOT NULL,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    template TEXT NOT NULL,
    registered_at TEXT NOT NULL,
    UNIQUE (municipality, series, year, number)
);
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    trigger TEXT NOT NULL,
    from_state TEXT,
    to_state TEXT NOT NULL,
    profile TEXT,
    guards TEXT NOT NULL,
    data TEXT NOT NULL,
    documents TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE
);
CREATE INDEX IF NOT EXISTS audit_case ON audit(case_id, id);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    audit_id INTEGER NOT NULL REFERENCES audit(id),
    template TEXT NOT NULL,
    lang TEXT NOT NULL,
    journal_id INTEGER REFERENCES journal(id),
    path TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL,
    draft INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS documents_case ON documents(case_id);
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
"""


def migrate(db: sqlite_utils.Database) -> None:
    """Create missing tables; refuse a registry written by a newer muni."""
    tables = set(db.table_names())
    if "meta" in tables:
        row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row and int(row[0]) > SCHEMA_VERSION:
            raise RuntimeError(
                f"registry schema version {row[0]} is newer than this muni ({SCHEMA_VERSION})"
            )
        if row and int(row[0]) == SCHEMA_VERSION and "documents" in tables:
            return
    db.executescript(DDL)
    db.execute(
        "INSERT INTO meta(key, value) VALUES ('schema_version', ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [str(SCHEMA_VERSION)],
    )
