"""Web sessions: who is logged in through which browser, until when.

Why a table of the registry and not a signed cookie: a session must be revocable (an account
disabled, a laptop lost, "log out everywhere") and nameable (the audit record can say through
which session a step was taken), and both need the server to hold it. The cookie carries a
random token; the table keeps only its SHA-256, so a copy of the registry (a backup on a USB
stick) holds no token that would let its bearer in.

Times are ISO strings in UTC (``YYYY-MM-DDTHH:MM:SS+00:00``) so they compare as text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from .db import Registry

#: How long a session lives after its last use, and at most from its start.
IDLE_TTL = dt.timedelta(hours=8)
MAX_TTL = dt.timedelta(days=7)
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
    expires_at: str


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def create(db: Registry, login: str, *, now: dt.datetime, lang: str = "ky",
           user_agent: str = "", address: str = "") -> tuple[str, Session]:
    """Open a session for ``login``; return the token for the cookie and the session.

    The token is 32 random bytes (``secrets``), shown to the browser once and never stored.
    """
    token = secrets.token_urlsafe(32)
    digest = _digest(token)
    csrf = secrets.token_urlsafe(32)
    expires = _iso(min(now + IDLE_TTL, now + MAX_TTL))
    db.execute(
        "INSERT INTO sessions(id_hash, login, csrf, lang, created_at, seen_at, expires_at, "
        "user_agent, address) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [digest, login, csrf, lang, _iso(now), _iso(now), expires, user_agent[:300],
         address[:100]])
    return token, Session(ref=digest[:12], login=login, csrf=csrf, lang=lang,
                          created_at=_iso(now), expires_at=expires)


def get(db: Registry, token: str, *, now: dt.datetime) -> Session | None:
    """The live session of ``token``: None when unknown, expired or revoked.

    Use slides the expiry forward (no further than ``MAX_TTL`` from the start)."""
    if not token:
        return None
    digest = _digest(token)
    row = next(db.query(
        "SELECT login, csrf, lang, created_at, seen_at, expires_at FROM sessions "
        "WHERE id_hash = ? AND revoked_at IS NULL AND expires_at > ?", [digest, _iso(now)]),
        None)
    if row is None:
        return None
    seen = dt.datetime.fromisoformat(row["seen_at"])
    if now - seen >= TOUCH_EVERY:
        started = dt.datetime.fromisoformat(row["created_at"])
        row["expires_at"] = _iso(min(now + IDLE_TTL, started + MAX_TTL))
        db.execute("UPDATE sessions SET seen_at = ?, expires_at = ? WHERE id_hash = ?",
                   [_iso(now), row["expires_at"], digest])
    return Session(ref=digest[:12], login=row["login"], csrf=row["csrf"], lang=row["lang"],
                   created_at=row["created_at"], expires_at=row["expires_at"])


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
