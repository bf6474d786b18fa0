"""Sessions: who is logged in through which browser or command line, until when.

Why a table of the registry and not a signed cookie: a session must be revocable (an account
disabled, a laptop lost, "log out everywhere") and nameable (the audit record can say through
which session a step was taken), and both need the server to hold it. The cookie carries a
random token; the table keeps only its SHA-256, so a copy of the registry (a backup on a USB
stick) holds no token that would let its bearer in.

The command line (``muni login``) opens sessions in the same table: the token goes to a file
only its user can read, and its ``user_agent`` is ``CLI_AGENT``. Both kinds end the same ways
(logout, ``revoke_login`` when the account is disabled or its password changed); they differ
in how long they live (``WEB``, ``CLI``), which the caller names on every use, and each is
good only where it was opened: a command line's token put in a browser's cookie would
otherwise live by the web's seven days.

Times are ISO strings in UTC (``YYYY-MM-DDTHH:MM:SS+00:00``) so they compare as text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from .db import Registry


@dataclass(frozen=True)
class Lifetime:
    """How long a session lives after its last use (``idle``), and at most from its start
    (``total``)."""

    idle: dt.timedelta
    total: dt.timedelta


#: A browser's session: a working day idle, a week at most.
WEB = Lifetime(idle=dt.timedelta(hours=8), total=dt.timedelta(days=7))
#: ``muni login``: one working day — 8 hours idle, 12 hours at most — so a clerk logs in in the
#: morning and a token left on an office PC is dead by the next one.
CLI = Lifetime(idle=dt.timedelta(hours=8), total=dt.timedelta(hours=12))
#: The ``user_agent`` of a command-line session (what a listing of live sessions shows).
CLI_AGENT = "muni login (command line)"
#: The web's lifetime under its earlier names.
IDLE_TTL = WEB.idle
MAX_TTL = WEB.total
#: The expiry slides forward on use, but the row is rewritten at most this often: a page view
#: should not cost a synced write.
TOUCH_EVERY = dt.timedelta(minutes=5)


@dataclass(frozen=True)
class Session:
    """A live session as the web layer sees it."""

    ref: str            # a short public name of the session (first 12 hex of the token's hash)
    login: str
    csrf: str           # the token every form of this session must carry
    lang: str
    created_at: str
    expires_at: str     # slides forward on use …
    ends_at: str = ""   # … never past this (created_at + the lifetime's total)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def create(db: Registry, login: str, *, now: dt.datetime, lang: str = "ky",
           user_agent: str = "", address: str = "", lifetime: Lifetime = WEB
           ) -> tuple[str, Session]:
    """Open a session for ``login``; return the token for the cookie (or the command line's
    file) and the session.

    The token is 32 random bytes (``secrets``), shown to its holder once and never stored.
    """
    import secrets  # here: only a login makes a token; every other command checks one

    token = secrets.token_urlsafe(32)
    digest = _digest(token)
    csrf = secrets.token_urlsafe(32)
    expires = _iso(min(now + lifetime.idle, now + lifetime.total))
    db.execute(
        "INSERT INTO sessions(id_hash, login, csrf, lang, created_at, seen_at, expires_at, "
        "user_agent, address) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [digest, login, csrf, lang, _iso(now), _iso(now), expires, user_agent[:300],
         address[:100]])
    return token, Session(ref=digest[:12], login=login, csrf=csrf, lang=lang,
                          created_at=_iso(now), expires_at=expires,
                          ends_at=_iso(now + lifetime.total))


def get(db: Registry, token: str, *, now: dt.datetime, lifetime: Lifetime = WEB
        ) -> Session | None:
    """The live session of ``token``: None when unknown, expired or revoked.

    Use slides the expiry forward (no further than ``lifetime.total`` from the start)."""
    if not token:
        return None
    digest = _digest(token)
    row = next(db.query(
        "SELECT login, csrf, lang, created_at, seen_at, expires_at, user_agent FROM sessions "
        "WHERE id_hash = ? AND revoked_at IS NULL AND expires_at > ?", [digest, _iso(now)]),
        None)
    if row is None:
        return None
    if (row["user_agent"] == CLI_AGENT) != (lifetime == CLI):
        return None     # a token of the other kind: a command line's as a cookie, or back
    started = dt.datetime.fromisoformat(row["created_at"])
    if now >= started + lifetime.total:
        return None
    seen = dt.datetime.fromisoformat(row["seen_at"])
    if now - seen >= TOUCH_EVERY:
        row["expires_at"] = _iso(min(now + lifetime.idle, started + lifetime.total))
        db.execute("UPDATE sessions SET seen_at = ?, expires_at = ? WHERE id_hash = ?",
                   [_iso(now), row["expires_at"], digest])
    return Session(ref=digest[:12], login=row["login"], csrf=row["csrf"], lang=row["lang"],
                   created_at=row["created_at"], expires_at=row["expires_at"],
                   ends_at=_iso(started + lifetime.total))


def find(db: Registry, token: str) -> dict | None:
    """The row of ``token`` whatever its state (login, created_at, expires_at, revoked_at),
    or None: for saying *why* a session is not live."""
    if not token:
        return None
    return next(db.query("SELECT login, created_at, expires_at, revoked_at FROM sessions "
                         "WHERE id_hash = ?", [_digest(token)]), None)


def set_lang(db: Registry, token: str, lang: str) -> None:
    """Remember the interface language the session chose."""
    db.execute("UPDATE sessions SET lang = ? WHERE id_hash = ?", [lang, _digest(token)])


def revoke(db: Registry, token: str, *, now: dt.datetime) -> None:
    """End one session (logout). The row stays, so an audit record naming it still resolves."""
    db.execute("UPDATE sessions SET revoked_at = ? WHERE id_hash = ? AND revoked_at IS NULL",
               [_iso(now), _digest(token)])


def revoke_login(db: Registry, login: str, *, now: dt.datetime) -> int:
    """End every session of an account (disabled, password changed); how many were live."""
    cur = db.execute("UPDATE sessions SET revoked_at = ? WHERE login = ? AND revoked_at IS NULL",
                     [_iso(now), login])
    return cur.rowcount


def live(db: Registry, *, now: dt.datetime, login: str | None = None) -> list[dict]:
    """Live sessions (newest first): ref, login, started, last seen, expiry, browser."""
    where = "revoked_at IS NULL AND expires_at > ?"
    params: list = [_iso(now)]
    if login is not None:
        where += " AND login = ?"
        params.append(login)
    return [{**row, "ref": row.pop("id_hash")[:12]} for row in db.query(
        "SELECT id_hash, login, created_at, seen_at, expires_at, user_agent, address "
        f"FROM sessions WHERE {where} ORDER BY created_at DESC", params)]


def purge(db: Registry, *, now: dt.datetime, keep: dt.timedelta = dt.timedelta(days=400)
          ) -> int:
    """Delete sessions that ended more than ``keep`` ago (an audit record naming one of them
    is older than the retention period); return how many."""
    cutoff = _iso(now - keep)
    cur = db.execute("DELETE FROM sessions WHERE expires_at < ? OR revoked_at < ?",
                     [cutoff, cutoff])
    return cur.rowcount
