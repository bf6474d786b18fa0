"""Accounts, failed-login counts and the refused-attempts log (tables in ``schema.py``).

Rows in, rows out: hashing passwords, the throttling policy and what an account may do live
in ``engine/identity.py``. Every write here runs inside the caller's write transaction.
"""

from __future__ import annotations

import hashlib
from typing import Any

from .audit import canonical
from .chain import GENESIS, walk
from .db import Registry

#: Application roles: what an account may do besides what its person's offices allow.
ROLES = ("clerk", "reviewer", "district", "admin")

ATTEMPT_HASHED = ("at", "login", "person", "actor", "identity", "session", "case_id", "action",
                  "refused_by", "message", "prev_hash")


def any_exist(db: Registry) -> bool:
    """Does the registry have accounts? Then every write needs a login."""
    return db.execute("SELECT 1 FROM accounts LIMIT 1").fetchone() is not None


def get(db: Registry, login: str) -> dict | None:
    """The account with its ``roles`` (a sorted list), or None."""
    row = next(db.query("SELECT * FROM accounts WHERE login = ?", [login]), None)
    if row is not None:
        row["roles"] = roles(db, login)
    return row


def roles(db: Registry, login: str) -> list[str]:
    return [r for (r,) in db.execute(
        "SELECT role FROM account_roles WHERE login = ? ORDER BY role", [login])]


def listing(db: Registry) -> list[dict]:
    """Every account with its person's name and its roles, by login (no hashes)."""
    rows = list(db.query(
        "SELECT a.login, a.person, p.name, p.municipality, a.disabled, a.created_at, "
        "a.created_by, a.changed_at, a.changed_by FROM accounts a "
        "JOIN people p ON p.id = a.person ORDER BY a.login"))
    for row in rows:
        row["roles"] = roles(db, row["login"])
        row["disabled"] = bool(row["disabled"])
    return rows


def for_person(db: Registry, person: str) -> list[str]:
    return [r for (r,) in db.execute(
        "SELECT login FROM accounts WHERE person = ? ORDER BY login", [person])]


def add(db: Registry, *, login: str, person: str, password_hash: str, roles: list[str],
        now: str, by: str | None) -> None:
    db.execute(
        "INSERT INTO accounts(login, person, password_hash, created_at, created_by, "
        "changed_at, changed_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [login, person, password_hash, now, by, now, by])
    set_roles(db, login, roles)


def set_roles(db: Registry, login: str, roles: list[str]) -> None:
    db.execute("DELETE FROM account_roles WHERE login = ?", [login])
    for role in sorted(set(roles)):
        db.execute("INSERT INTO account_roles(login, role) VALUES (?, ?)", [login, role])


def set_password(db: Registry, login: str, password_hash: str, *, now: str,
                 by: str | None) -> None:
    db.execute("UPDATE accounts SET password_hash = ?, changed_at = ?, changed_by = ? "
               "WHERE login = ?", [password_hash, now, by, login])


def rehash(db: Registry, login: str, password_hash: str) -> None:
    """Store a password's new hash after a login under changed hashing parameters (the same
    password: not an account change)."""
    db.execute("UPDATE accounts SET password_hash = ? WHERE login = ?", [password_hash, login])


def set_disabled(db: Registry, login: str, disabled: bool, *, now: str,
                 by: str | None) -> None:
    db.execute("UPDATE accounts SET disabled = ?, changed_at = ?, changed_by = ? "
               "WHERE login = ?", [int(disabled), now, by, login])


# --- failed logins ---------------------------------------------------------------------------

def failed_logins(db: Registry, login: str) -> dict | None:
    """``{"failures", "last_at", "not_before"}`` of the login's failures in a row, or None."""
    return next(db.query("SELECT failures, last_at, not_before FROM login_failures "
                         "WHERE login = ?", [login]), None)


def record_failure(db: Registry, login: str, *, failures: int, now: str,
                   not_before: str) -> None:
    db.execute(
        "INSERT INTO login_failures(login, failures, last_at, not_before) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(login) DO UPDATE SET failures = excluded.failures, "
        "last_at = excluded.last_at, not_before = excluded.not_before",
        [login, failures, now, not_before])


def clear_failures(db: Registry, login: str) -> None:
    db.execute("DELETE FROM login_failures WHERE login = ?", [login])


# --- refused attempts ------------------------------------------------------------------------

def attempt_hash(record: dict[str, Any]) -> str:
    return hashlib.sha256(
        canonical({k: record[k] for k in ATTEMPT_HASHED}).encode("utf-8")).hexdigest()


def append_attempt(db: Registry, *, at: str, login: str | None, person: str | None,
                   actor: str | None, identity: str, session: str | None,
                   case_id: int | None, action: str, refused_by: str, message: str) -> int:
    """Append one refused attempt inside the caller's write transaction; returns its id."""
    if not db.conn.in_transaction:
        raise RuntimeError("attempt records must be appended inside a write transaction")
    last = db.execute("SELECT hash FROM attempts ORDER BY id DESC LIMIT 1").fetchone()
    record: dict[str, Any] = {
        "at": at, "login": login, "person": person, "actor": actor, "identity": identity,
        "session": session, "case_id": case_id, "action": action, "refused_by": refused_by,
        "message": message, "prev_hash": last[0] if last else GENESIS,
    }
    record["hash"] = attempt_hash(record)
    cur = db.execute(
        f"INSERT INTO attempts({', '.join(record)}) VALUES ({', '.join('?' for _ in record)})",
        list(record.values()))
    return int(cur.lastrowid)


def attempts(db: Registry, *, case_id: int | None = None) -> list[dict]:
    """Refused attempts, oldest first; those on one case when ``case_id`` is given."""
    if case_id is None:
        return list(db.query("SELECT * FROM attempts ORDER BY id"))
    return list(db.query("SELECT * FROM attempts WHERE case_id = ? ORDER BY id", [case_id]))


def verify_attempts(db: Registry) -> list[dict]:
    """Walk the attempts' chain: one finding per broken link or edited record."""
    findings = []
    for row, broken, altered in walk(db.query("SELECT * FROM attempts ORDER BY id"),
                                     attempt_hash):
        if broken:
            findings.append({
                "kind": "attempts_chain_broken", "attempt_id": row["id"],
                "message": f"attempt #{row['id']}: previous-hash link does not match the "
                "record before it (a refused attempt was deleted, inserted or reordered)"})
        if altered:
            findings.append({
                "kind": "attempt_altered", "attempt_id": row["id"],
                "message": f"attempt #{row['id']}: content does not match its hash (edited)"})
    return findings
