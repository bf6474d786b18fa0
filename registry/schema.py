"""Tables of the registry, created idempotently; ``SCHEMA_VERSION`` guards old files.

Dates are ISO strings (``YYYY-MM-DD``) so they sort and compare as text in SQL.
"""

from __future__ import annotations

import re
import sqlite3

SCHEMA_VERSION = 6

#: Columns added after version 1, as ``(table, column, declaration)``: ``migrate()`` adds the
#: missing ones to an existing registry with ALTER TABLE (new registries get them from DDL).
#: 2: Russian wording of an office and an occupation, for Russian documents.
#: 4: who acted, as established (``registry/accounts.py``): the account, its person, the name
#: as printed on the documents, how identity was established, the web session.
#: 5: web sessions (``registry/sessions.py``), a table of their own.
#: 6: ``audit_texts``: what a rule's verdict says whatever the case (its title, basis,
#: citation, status), stored once and named by its SHA-256 in each record
#: (``registry/audit.py``); a muni of schema 5 could not read such records, hence the bump.
ADDED_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("people", "occupation_ru", "TEXT"),
    ("officials", "position_ru", "TEXT"),
    ("audit", "account", "TEXT"),
    ("audit", "person", "TEXT"),
    ("audit", "printed_name", "TEXT"),
    ("audit", "identity", "TEXT"),
    ("audit", "session", "TEXT"),
)

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
    occupation_ru TEXT,
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
    position_ru TEXT,
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
-- What a verdict says whatever the case (title, basis, citation, status of its rule in its
-- profile): written once, named in audit records by the SHA-256 of ``body`` (the record's
-- hash covers the name, verify checks each body against it). Append-only like the audit.
CREATE TABLE IF NOT EXISTS audit_texts (
    hash TEXT PRIMARY KEY,
    body TEXT NOT NULL
) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS audit_texts_no_update BEFORE UPDATE ON audit_texts
BEGIN SELECT RAISE(ABORT, 'audit texts are append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_texts_no_delete BEFORE DELETE ON audit_texts
BEGIN SELECT RAISE(ABORT, 'audit texts are append-only'); END;
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
CREATE INDEX IF NOT EXISTS cases_updated ON cases(updated_at);
-- Batches (`muni advance` over many cases): what each run set out to do and how far each of
-- its rows got, so a re-run after an interruption skips what is done. A batch file's run is
-- keyed by the file's content hash (its rows are applied once, ever); a selection's run by
-- its options, and only an unfinished one is resumed.
CREATE TABLE IF NOT EXISTS claims (
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    PRIMARY KEY (key, value)
);
CREATE TABLE IF NOT EXISTS batch_runs (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('file', 'selection')),
    source TEXT NOT NULL,
    actor TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS batch_runs_file ON batch_runs(key) WHERE kind = 'file';
CREATE INDEX IF NOT EXISTS batch_runs_key ON batch_runs(key, finished_at);
CREATE TABLE IF NOT EXISTS batch_rows (
    run_id INTEGER NOT NULL REFERENCES batch_runs(id),
    row INTEGER NOT NULL,
    case_id INTEGER NOT NULL,
    version INTEGER,
    steps INTEGER NOT NULL DEFAULT 0,
    state TEXT,
    done INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT,
    PRIMARY KEY (run_id, row)
) WITHOUT ROWID;
-- Accounts (registry/accounts.py): a login belongs to a person of the registry; what it may
-- do follows from that person's offices on the act's date and from its application roles.
-- Accounts are disabled, never deleted, so every record keeps naming a known account.
CREATE TABLE IF NOT EXISTS accounts (
    login TEXT PRIMARY KEY,
    person TEXT NOT NULL REFERENCES people(id),
    password_hash TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at TEXT NOT NULL,
    created_by TEXT,
    changed_at TEXT NOT NULL,
    changed_by TEXT
);
CREATE INDEX IF NOT EXISTS accounts_person ON accounts(person);
CREATE TABLE IF NOT EXISTS account_roles (
    login TEXT NOT NULL REFERENCES accounts(login),
    role TEXT NOT NULL CHECK (role IN ('clerk', 'reviewer', 'district', 'admin')),
    PRIMARY KEY (login, role)
) WITHOUT ROWID;
-- Failed logins in a row, per login (also for logins no account has): the delay before the
-- next try grows with them; a success clears the row.
CREATE TABLE IF NOT EXISTS login_failures (
    login TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_at TEXT NOT NULL,
    not_before TEXT NOT NULL
) WITHOUT ROWID;
-- Refused attempts: who tried what, when, and which check or rule refused it. Append-only
-- and hash-chained like the audit (a case_id may name no case: it is what was typed).
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    login TEXT,
    person TEXT,
    actor TEXT,
    identity TEXT NOT NULL,
    session TEXT,
    case_id INTEGER,
    action TEXT NOT NULL,
    refused_by TEXT NOT NULL,
    message TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE
);
CREATE INDEX IF NOT EXISTS attempts_case ON attempts(case_id, id);
CREATE TRIGGER IF NOT EXISTS attempts_no_update BEFORE UPDATE ON attempts
BEGIN SELECT RAISE(ABORT, 'attempt records are append-only'); END;
CREATE TRIGGER IF NOT EXISTS attempts_no_delete BEFORE DELETE ON attempts
BEGIN SELECT RAISE(ABORT, 'attempt records are append-only'); END;
-- PDFs made of recorded documents (registry/pdfs.py): each PDF's SHA-256, the document and
-- the audit record of the step that issued it. Append-only and hash-chained like the audit.
CREATE TABLE IF NOT EXISTS pdfs (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    audit_id INTEGER NOT NULL REFERENCES audit(id),
    case_id INTEGER NOT NULL REFERENCES cases(id),
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    docx_sha256 TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE
);
CREATE INDEX IF NOT EXISTS pdfs_document ON pdfs(document_id, id);
CREATE INDEX IF NOT EXISTS pdfs_case ON pdfs(case_id, id);
CREATE TRIGGER IF NOT EXISTS pdfs_no_update BEFORE UPDATE ON pdfs
BEGIN SELECT RAISE(ABORT, 'PDF records are append-only'); END;
CREATE TRIGGER IF NOT EXISTS pdfs_no_delete BEFORE DELETE ON pdfs
BEGIN SELECT RAISE(ABORT, 'PDF records are append-only'); END;
-- Web sessions (`muni serve`, registry/sessions.py): the SHA-256 of the cookie's random
-- token, never the token; revoked rows stay so an audit record naming a session resolves.
CREATE TABLE IF NOT EXISTS sessions (
    id_hash TEXT PRIMARY KEY,
    login TEXT NOT NULL REFERENCES accounts(login),
    csrf TEXT NOT NULL,
    lang TEXT NOT NULL DEFAULT 'ky',
    created_at TEXT NOT NULL,
    seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT,
    user_agent TEXT,
    address TEXT
);
CREATE INDEX IF NOT EXISTS sessions_login ON sessions(login, revoked_at);
"""


class NewerSchema(Exception):
    """The registry was written by a newer muni: its schema is one this muni does not know."""


def stored_version(conn: sqlite3.Connection) -> int | None:
    """The schema version recorded in the registry (None: a new or pre-versioning file)."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
                        ).fetchone():
        return None
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row and str(row[0]).isdigit() else None


def check_version(conn: sqlite3.Connection) -> None:
    """Refuse a registry written by a newer muni — before anything is written to it."""
    version = stored_version(conn)
    if version is not None and version > SCHEMA_VERSION:
        raise NewerSchema(f"registry schema version {version} is newer than this muni "
                          f"({SCHEMA_VERSION})")


#: Every table the DDL creates: a registry lacking one is migrated.
TABLES = frozenset(re.findall(r"CREATE TABLE IF NOT EXISTS (\w+)", DDL))


def needs_migration(conn: sqlite3.Connection) -> bool:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return not (stored_version(conn) == SCHEMA_VERSION and TABLES <= tables)


def migrate(conn: sqlite3.Connection) -> None:
    """Create missing tables and columns; refuse a registry written by a newer muni.

    Takes the bare connection (``db.connect`` calls it before wrapping it in a ``Registry``),
    so the schema knows nothing of the registry's other modules."""
    check_version(conn)
    if not needs_migration(conn):
        return
    conn.executescript(DDL)
    for table, column, decl in ADDED_COLUMNS:
        have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        if column not in have:
            try:
                conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} {decl}")
            except sqlite3.OperationalError as exc:  # another process added it meanwhile
                if "duplicate column" not in str(exc):
                    raise
    conn.execute(
        "INSERT INTO meta(key, value) VALUES ('schema_version', ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [str(SCHEMA_VERSION)],
    )
