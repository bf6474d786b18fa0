"""Who acts: accounts with Argon2id passwords, or a declared name where a registry has none.

Every write names an ``Actor``. In a registry with accounts it comes from ``authenticate``
(a login and its password) or from a live session opened after one (``session_actor``: the
web's cookie, the token file of ``muni login``); four eyes then compares *persons*, so one
person with two accounts is still one person, and the workflow's ``who:`` is checked against
that person's offices on the act's date. A registry without accounts (one clerk, offline) keeps
working with a declared name (``Actor.declared``), recorded as such; four eyes compares such
names with ``names.name_key`` (look-alike and invisible characters do not make a second
person), and ``verify`` reports every signature whose four eyes rested on declared names.

Refused logins and refused steps are recorded in the registry's append-only, hash-chained
``attempts`` log. Failed logins in a row make the next try wait longer (``Policy``).
Nothing here prints, sleeps or reads the environment: the interface reads the password,
waits ``AuthError.delay`` and shows the message.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from muni.registry import accounts, directory, sessions
from muni.registry.db import Registry, write_transaction

from .actor import Actor
from .errors import AuthError, Forbidden, InputError, NotFound
from .names import name_key

if TYPE_CHECKING:
    from pwdlib import PasswordHash

ROLES = accounts.ROLES
LOGIN = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")


@dataclass(frozen=True)
class Policy:
    """How passwords are hashed and failed logins slowed down.

    The Argon2id parameters are argon2-cffi's defaults (RFC 9106's second recommended
    option: 3 passes over 64 MiB, 4 lanes; ~0.3 s per hash on an office PC). A test suite
    may install cheaper ones with ``use_policy`` — an explicit call, never an environment
    switch, so nothing outside the code can weaken real hashes. A hash records its own
    parameters: one made under other parameters still verifies, and is re-hashed under the
    current ones at the next successful login.
    """

    time_cost: int = 3
    memory_cost: int = 65536          # KiB
    parallelism: int = 4
    #: The wait after the first failure in a row; it doubles with each further one …
    first_delay: float = 1.0
    #: … up to this many seconds.
    max_delay: float = 30.0
    min_password: int = 8

    def delay(self, failures: int) -> float:
        """Seconds before the next try after ``failures`` failed logins in a row."""
        if failures <= 0:
            return 0.0
        return min(self.first_delay * 2 ** min(failures - 1, 32), self.max_delay)


_policy = Policy()


def policy() -> Policy:
    return _policy


def use_policy(new: Policy) -> Policy:
    """Install ``new`` (tests: cheaper hashes, no waiting); returns the one it replaces."""
    global _policy
    old, _policy = _policy, new
    return old


@functools.cache
def _hasher(p: Policy) -> PasswordHash:
    # Imported here: reading commands (explain, history …) describe identities without
    # loading Argon2.
    from pwdlib import PasswordHash
    from pwdlib.hashers.argon2 import Argon2Hasher

    return PasswordHash((Argon2Hasher(time_cost=p.time_cost, memory_cost=p.memory_cost,
                                      parallelism=p.parallelism),))


@functools.cache
def _decoy_hash(p: Policy) -> str:
    """A hash to verify against when the login has no account, so an unknown login costs
    the same time as a known one (timing does not tell which logins exist)."""
    return _hasher(p).hash("not a password of any account")


def hash_password(password: str) -> str:
    p = policy()
    if len(password) < p.min_password:
        raise InputError(f"password: at least {p.min_password} characters", field="password")
    return _hasher(p).hash(password)


def describe(record: dict[str, Any], lang: str = "en") -> str:
    """Who acted, as a reader should take it, in ``lang``: "bakyt (Б. К. Асанов; password)",
    or "clerk (declared)" for a typed name no login proved (also every record written before
    accounts existed)."""
    from .messages import Say, render

    how = record.get("identity") or "declared"
    if how == "declared" or not record.get("person"):
        return render(Say("actor/declared",
                          name=record.get("actor") or record.get("login") or "?"), lang)
    login = record.get("account") or record.get("login") or "?"
    name = record.get("printed_name") or record["person"]
    if record.get("session"):
        return render(Say("actor/by_session", login=login, name=name, how=how,
                          session=record["session"]), lang)
    return render(Say("actor/by", login=login, name=name, how=how), lang)


def recorded_key(record: dict[str, Any]) -> str:
    """``Actor.identity_key`` of a recorded step (audit row or attempt)."""
    if record.get("person") and record.get("identity") in ("password", "session",
                                                           "cli_session"):
        return f"person:{record['person']}"
    return f"name:{name_key(str(record.get('actor') or ''))}"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _stamp(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="milliseconds")


def accounts_required(db: Registry) -> bool:
    """A registry with accounts takes no write without a valid login."""
    return accounts.any_exist(db)


def declared_actor(db: Registry, name: str | None, *, action: str) -> Actor:
    """A typed name as the actor — only where the registry has no accounts. In one that has
    them, the write is refused (``AuthError``) and the try recorded with ``action``."""
    actor = Actor.declared(name)
    if accounts.any_exist(db):
        message = (f"{action}: this registry has accounts; log in first: muni login LOGIN "
                   "(or --user LOGIN) — a typed name (--actor) is not enough")
        with write_transaction(db):
            accounts.append_attempt(db, at=_stamp(_now()), login=None, person=None,
                                    actor=actor.name, identity="declared", session=None,
                                    case_id=None, action=action, refused_by="no_login",
                                    message=message)
        raise AuthError(message, rule="no_login")
    return actor


def account_actor(db: Registry, login: str, *, how: str = "password",
                  session: str | None = None) -> Actor:
    """The Actor of an existing, enabled account (the web: ``how="session"`` with the
    session's public id). Raises ``AuthError`` for an unknown or disabled account."""
    row = accounts.get(db, login)
    if row is None:
        raise AuthError(f"login '{login}': no such account")
    if row["disabled"]:
        raise AuthError(f"login '{login}': the account is disabled")
    person = directory.person(db, row["person"])
    printed = directory.short_name(person) if person else None
    return Actor(name=login, how=how, account=login, person=row["person"],
                 printed_name=printed, roles=tuple(row["roles"]), session=session)


def session_actor(db: Registry, token: str, *, now: dt.datetime,
                  lifetime: sessions.Lifetime = sessions.CLI, how: str = "cli_session"
                  ) -> tuple[sessions.Session, Actor]:
    """The live session of ``token`` and its account's Actor (``how``, naming the session's
    public id): what the token file of ``muni login`` proves. ``AuthError`` says why it
    proves nothing — unknown to this registry, ended (logout, a new password, the account
    disabled), expired — and that logging in again is the way on.

    An account disabled since the session opened ends it here too (should the session have
    been opened before disabling revoked sessions)."""
    found = sessions.get(db, token, now=now, lifetime=lifetime)
    if found is None:
        raise AuthError(_why_no_session(db, token, now=now, lifetime=lifetime) +
                        "; log in again: muni login", rule="session")
    try:
        return found, account_actor(db, found.login, how=how, session=found.ref)
    except AuthError as exc:
        sessions.revoke(db, token, now=now)
        raise AuthError(f"{exc}; its session has ended", login=found.login,
                        rule="session") from None


def _why_no_session(db: Registry, token: str, *, now: dt.datetime,
                    lifetime: sessions.Lifetime) -> str:
    row = sessions.find(db, token)
    if row is None:
        return "the saved session is not one of this registry's"
    who = f"the session of '{row['login']}'"
    if row["revoked_at"]:
        return f"{who} was ended at {_local(row['revoked_at'])} (logout, a new password or " \
               "the account disabled)"
    ended = min(dt.datetime.fromisoformat(row["expires_at"]),
                dt.datetime.fromisoformat(row["created_at"]) + lifetime.total)
    idle = ended < dt.datetime.fromisoformat(row["created_at"]) + lifetime.total
    limit = (f"{_hours(lifetime.idle)} without use" if idle else
             f"{_hours(lifetime.total)} after login")
    return f"{who} expired at {_local(ended.isoformat())} ({limit})"


def _local(iso: str) -> str:
    """A stored UTC time as the machine's local time, to the minute (what a clerk's clock
    shows)."""
    return dt.datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")


def _hours(span: dt.timedelta) -> str:
    return f"{span.total_seconds() / 3600:g} h"


def authenticate(db: Registry, login: str, password: str, *,
                 now: dt.datetime | None = None) -> Actor:
    """Check a login and its password; the account's Actor, or ``AuthError``.

    A failure is recorded in the attempts log and counts toward the login's failures in a
    row; while the wait those failures earned has not passed, the password is not even
    checked (parallel guessing gains nothing). ``AuthError.delay`` is the wait the
    interface keeps before it answers.
    """
    p = policy()
    now = now or _now()
    login = (login or "").strip()
    if not login:
        raise AuthError("no login given (--user or MUNI_USER)")
    state = accounts.failed_logins(db, login)
    if state and dt.datetime.fromisoformat(state["not_before"]) > now:
        wait = (dt.datetime.fromisoformat(state["not_before"]) - now).total_seconds()
        _refuse_login(db, login, None, "throttled",
                      f"login '{login}': too many failed logins in a row; try again in "
                      f"{wait:.0f} s", now=now, count=False, delay=wait)
    row = accounts.get(db, login)
    ok, new_hash = _hasher(p).verify_and_update(
        password or "", row["password_hash"] if row else _decoy_hash(p))
    if row is None:
        _refuse_login(db, login, None, "unknown_login",
                      f"login '{login}': no such account, or a wrong password", now=now)
    if not ok:
        _refuse_login(db, login, row["person"], "wrong_password",
                      f"login '{login}': no such account, or a wrong password", now=now)
    if row["disabled"]:
        _refuse_login(db, login, row["person"], "disabled",
                      f"login '{login}': the account is disabled", now=now)
    with write_transaction(db):
        accounts.clear_failures(db, login)
        if new_hash:
            accounts.rehash(db, login, new_hash)
    return account_actor(db, login)


def _refuse_login(db: Registry, login: str, person: str | None, refused_by: str,
                  message: str, *, now: dt.datetime, count: bool = True,
                  delay: float | None = None) -> None:
    """Record the refused login (and one more failure in a row), then raise ``AuthError``."""
    with write_transaction(db):
        if count:
            state = accounts.failed_logins(db, login)
            failures = (state["failures"] if state else 0) + 1
            delay = policy().delay(failures)
            accounts.record_failure(db, login, failures=failures, now=_stamp(now),
                                    not_before=_stamp(now + dt.timedelta(seconds=delay)))
        accounts.append_attempt(db, at=_stamp(now), login=login, person=person, actor=login,
                                identity="password", session=None, case_id=None,
                                action="login", refused_by=refused_by, message=message)
    raise AuthError(message, delay=delay or 0.0, login=login, rule=refused_by)


def record_refusal(db: Registry, actor: Actor, *, action: str, refused_by: str,
                   message: str, case_id: int | None = None) -> int:
    """Record a refused step (a rule, four eyes, ``who:``, a role) in the attempts log.

    Its own transaction: the refused step's work rolled back, the record of the attempt
    stays. A reviewer sees, say, that someone tried to sign before the quorum was recorded.
    """
    with write_transaction(db):
        return append_refusal(db, actor, action=action, refused_by=refused_by,
                              message=message, case_id=case_id)


def append_refusal(db: Registry, actor: Actor, *, action: str, refused_by: str,
                   message: str, case_id: int | None = None) -> int:
    """``record_refusal`` inside the caller's write transaction: a batch records its
    refused rows in the transaction of their group, committed with the group's steps."""
    return accounts.append_attempt(
        db, at=_stamp(_now()), login=actor.account, person=actor.person,
        actor=actor.name, identity=actor.how, session=actor.session, case_id=case_id,
        action=action, refused_by=refused_by, message=message)


# --- who may act -----------------------------------------------------------------------------

#: ``who:`` words that name offices (``officials.role``) held in the case's municipality on
#: the act's date; ``staff`` is any office of the ayil okmotu, ``council`` any of the kenesh.
OFFICE_WORDS: dict[str, frozenset[str]] = {
    **{role: frozenset({role}) for role in sorted(directory.ROLES)},
    "staff": directory.STAFF_ROLES,
    "council": directory.COUNCIL_ROLES,
}
#: ``who:`` words that name application roles of the account.
ROLE_WORDS = frozenset(ROLES)
WHO_WORDS = frozenset(OFFICE_WORDS) | ROLE_WORDS


def unknown_who(words: tuple[str, ...] | list[str]) -> list[str]:
    """The words of a ``who:`` list that name no office and no role (for the spec's checks)."""
    return [w for w in words if w not in WHO_WORDS]


def may_act(db: Registry, actor: Actor, who: tuple[str, ...], *, municipality: str,
            on: dt.date) -> tuple[bool, str]:
    """May ``actor`` take a step whose workflow says ``who``, in ``municipality``, for an
    act dated ``on``? ``(allowed, why)``.

    An office counts when the account's person holds it in the case's municipality on the
    act's date (the head who left office last month signs nothing dated today). A role
    counts within its reach: ``clerk`` in the person's own municipality, ``district`` in
    every municipality of the person's rayon, ``admin`` and ``reviewer`` everywhere.
    A declared name is not checked (there is nothing to check it against); the record
    says it was declared, and ``verify`` reports signatures that rested on one.
    """
    if not actor.authenticated:
        return True, f"declared identity '{actor.name}': offices not checked"
    assert actor.person is not None
    person = directory.person(db, actor.person)
    if person is None:
        raise NotFound(f"account '{actor.account}': its person '{actor.person}' is not in "
                       "the registry")
    held = [o["role"] for o in directory.offices_on(db, municipality, [actor.person],
                                                    on.isoformat())[actor.person]]
    for word in who:
        if word in OFFICE_WORDS and OFFICE_WORDS[word] & set(held):
            office = sorted(OFFICE_WORDS[word] & set(held))[0]
            return True, f"{person['name']} holds '{office}' in {municipality} on {on}"
        if word in ROLE_WORDS and word in actor.roles and _reaches(db, word, person,
                                                                   municipality):
            return True, f"account '{actor.account}' has the role '{word}' for {municipality}"
    offices = ", ".join(sorted(set(held))) or "no office"
    roles = ", ".join(actor.roles) or "none"
    return False, (f"only {' or '.join(who) or 'nobody'} may take this step; "
                   f"{person['name']} ({actor.person}) holds {offices} in {municipality} on "
                   f"{on}; account '{actor.account}' roles: {roles}")


def _reaches(db: Registry, role: str, person: dict, municipality: str) -> bool:
    if role in ("admin", "reviewer"):
        return True
    if role == "clerk":
        return person["municipality"] == municipality
    home, there = (directory.municipality(db, person["municipality"]),
                   directory.municipality(db, municipality))
    return bool(home and there and (home["oblast_ru"], home["rayon_ru"])
                == (there["oblast_ru"], there["rayon_ru"]))


# --- managing accounts -----------------------------------------------------------------------

def require_admin(db: Registry, by: Actor | None, what: str) -> None:
    """In a registry with accounts, ``what`` is an admin's act: managing accounts, and
    importing people and offices (which decide who may sign)."""
    if not accounts.any_exist(db):
        return
    if by is None or not by.authenticated:
        raise AuthError(f"{what}: this registry has accounts; log in (muni login, or --user) "
                        "as an admin")
    if "admin" not in by.roles:
        raise Forbidden(f"{what}: needs the 'admin' role; account '{by.account}' has "
                        f"{', '.join(by.roles) or 'no role'}")


def _check_roles(roles: list[str]) -> list[str]:
    bad = [r for r in roles if r not in ROLES]
    if bad:
        raise InputError(f"--role: unknown role(s) {', '.join(bad)}; roles: "
                         f"{', '.join(ROLES)}", field="role")
    return sorted(set(roles))


def check_new_account(db: Registry, login: str, *, person: str, roles: list[str],
                      by: Actor | None) -> list[str]:
    """Everything ``add_account`` checks except the password (an interface checks first,
    then asks for the password); the roles as stored."""
    if not LOGIN.fullmatch(login or ""):
        raise InputError(f"login '{login}': 1–64 characters: lower-case Latin letters, digits, "
                         "'.', '_' or '-', starting with a letter or digit", field="login")
    roles = _check_roles(roles)
    if not accounts.any_exist(db) and "admin" not in roles:
        raise InputError("the first account must have the 'admin' role (--role admin): it "
                         "manages the others", field="role")
    require_admin(db, by, "user add")
    if directory.person(db, person) is None:
        raise NotFound(f"--person: no person '{person}' in the registry (import people first)",
                       field="person")
    if accounts.get(db, login) is not None:
        raise InputError(f"login '{login}' is taken", field="login")
    return roles


def add_account(db: Registry, login: str, *, person: str, password: str, roles: list[str],
                by: Actor | None) -> dict:
    """A new account for a person of the registry.

    The first account needs no login and must have the ``admin`` role (someone must be
    able to manage the others); every later one is added by an admin.
    """
    roles = check_new_account(db, login, person=person, roles=roles, by=by)
    password_hash = hash_password(password)
    with write_transaction(db):
        if accounts.get(db, login) is not None:   # taken meanwhile by another process
            raise InputError(f"login '{login}' is taken", field="login")
        accounts.add(db, login=login, person=person, password_hash=password_hash, roles=roles,
                     now=_stamp(_now()), by=by.account if by else None)
    return account(db, login)


def account(db: Registry, login: str) -> dict:
    """One account as shown to people and programs (never its hash)."""
    row = next((r for r in accounts.listing(db) if r["login"] == login), None)
    if row is None:
        raise NotFound(f"no account '{login}'", field="login")
    return row


def list_accounts(db: Registry) -> list[dict]:
    return accounts.listing(db)


def check_password_change(db: Registry, login: str, *, by: Actor | None) -> None:
    """May ``by`` give ``login`` a new password? The account itself or an admin may."""
    account(db, login)
    if by is None or by.account != login:
        require_admin(db, by, "user passwd")


def change_password(db: Registry, login: str, password: str, *, by: Actor | None) -> dict:
    """A new password: by the account itself or by an admin. Every session of the account
    ends (web and ``muni login``): whoever knew the old password is logged out; the account
    as shown, with ``sessions_ended`` (how many were live)."""
    check_password_change(db, login, by=by)
    password_hash = hash_password(password)
    now = _now()
    with write_transaction(db):
        accounts.set_password(db, login, password_hash, now=_stamp(now),
                              by=by.account if by else None)
        accounts.clear_failures(db, login)
        ended = sessions.revoke_login(db, login, now=now)
    return {**account(db, login), "sessions_ended": ended}


def set_disabled(db: Registry, login: str, disabled: bool = True, *,
                 by: Actor | None) -> dict:
    """Disable (or enable again) an account: an admin's act. The last enabled admin stays.
    Disabling ends every session of the account (web and ``muni login``); the account as
    shown, with ``sessions_ended``."""
    row = account(db, login)
    require_admin(db, by, "user disable" if disabled else "user enable")
    if disabled and "admin" in row["roles"]:
        admins = [a for a in accounts.listing(db)
                  if "admin" in a["roles"] and not a["disabled"] and a["login"] != login]
        if not admins:
            raise InputError(f"login '{login}' is the last enabled admin; add another admin "
                             "first", field="login")
    now = _now()
    with write_transaction(db):
        accounts.set_disabled(db, login, disabled, now=_stamp(now),
                              by=by.account if by else None)
        ended = sessions.revoke_login(db, login, now=now) if disabled else 0
    return {**account(db, login), "sessions_ended": ended}


def with_session(actor: Actor, session: str) -> Actor:
    """The same account acting through a web session (its public id)."""
    return replace(actor, how="session", session=session)
