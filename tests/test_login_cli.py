"""`muni login`, `whoami`, `logout`: the password once a working day, through the CLI.

The session's clock is ``muni.cli.clock``, replaced here (no environment switch can move it);
the token files go to a state folder of each test's own (``XDG_STATE_HOME``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
import stat
from pathlib import Path

import pytest
from test_accounts_cli import (
    ADMIN_PASSWORD,
    AUTH_EXIT,
    CASE,
    HEAD_PASSWORD,
    accounts,  # noqa: F401 - the fixture
    attempts,
    run,
)
from test_render_pdf_cli import needs_soffice

import muni.cli as cli
from muni.engine import Engine

T0 = dt.datetime(2026, 11, 21, 3, 0, tzinfo=dt.UTC)      # 09:00 in Bishkek
CASE_NEW = ("case", "new", "working_group", "-m", "lipenka", "--data", CASE)


def local(moment: dt.datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


class Clock:
    """The moment ``muni.cli`` judges sessions at; tests move it."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def clock(monkeypatch, tmp_path) -> Clock:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.delenv("MUNI_USER", raising=False)
    monkeypatch.delenv("MUNI_PASSWORD", raising=False)
    c = Clock()
    monkeypatch.setattr(cli, "clock", c)
    return c


def token_file(muni) -> Path:
    digest = hashlib.sha256(str(Path(muni.db_path).resolve()).encode()).hexdigest()[:32]
    return muni.tmp / "state" / "muni" / "sessions" / f"{digest}.json"


def login(muni, who: str = "aigul", password: str = ADMIN_PASSWORD, *args: str):
    return run(muni, "login", who, "--password-stdin", *args, input=f"{password}\n")


@pytest.fixture
def two(accounts, clock):  # noqa: F811 - pytest's fixture, imported above
    """aigul (admin) and bakyt (the head), nobody logged in; the clock at T0."""
    return accounts


@pytest.fixture
def aigul_in(two):
    """aigul logged in with `muni login` at T0."""
    result = login(two, "aigul", ADMIN_PASSWORD, "--json")
    assert result.exit_code == 0, result.output
    two.session = json.loads(result.stdout)
    return two


def audit_identity(muni) -> list[tuple]:
    con = sqlite3.connect(muni.db_path)
    return con.execute("SELECT trigger, actor, account, identity, session FROM audit "
                       "ORDER BY id").fetchall()


def session_rows(muni) -> list[tuple]:
    con = sqlite3.connect(muni.db_path)
    return con.execute("SELECT id_hash, login, user_agent, revoked_at IS NOT NULL FROM "
                       "sessions ORDER BY created_at").fetchall()


def test_after_login_commands_act_without_a_password_and_the_audit_names_the_session(aigul_in):
    muni = aigul_in
    shown = muni.session
    ref = shown["session"]
    assert {k: shown[k] for k in ("login", "person", "name", "roles", "created_at",
                                  "expires_at", "ends_at")} == {
        "login": "aigul", "person": "lip-003", "name": "А. Б. Мамбетова",
        "roles": ["admin", "clerk"], "created_at": "2026-11-21T03:00:00+00:00",
        "expires_at": "2026-11-21T11:00:00+00:00", "ends_at": "2026-11-21T15:00:00+00:00"}
    assert shown["file"] == str(token_file(muni))
    # no MUNI_USER, no password: the session acts
    assert run(muni, *CASE_NEW).exit_code == 0
    result = run(muni, "advance", "1")
    assert result.exit_code == 0, result.output
    assert audit_identity(muni) == [("open", "aigul", "aigul", "cli_session", ref),
                                    ("draft_order", "aigul", "aigul", "cli_session", ref)]
    text = run(muni, "history", "1").stdout
    assert f"aigul (А. Б. Мамбетова; command-line session {ref}): draft_order" in text
    assert (f"aigul (А. Б. Мамбетова; через сеанс командной строки, сеанс {ref})"
            in run(muni, "history", "1", "--lang", "ru").stdout)
    # the same login named (MUNI_USER) uses the session too: no prompt, no password
    result = run(muni, "case", "new", "working_group", "-m", "lipenka", "--data", CASE,
                 env={"MUNI_USER": "aigul"})
    assert result.exit_code == 0 and result.stderr == ""
    assert audit_identity(muni)[-1][3:] == ("cli_session", ref)
    assert run(muni, "verify").exit_code == 0


def test_the_token_file_is_the_users_alone_and_holds_no_password(aigul_in):
    muni = aigul_in
    path = token_file(muni)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.parent.parent.stat().st_mode) == 0o700
    saved = json.loads(path.read_text())
    assert sorted(saved) == ["created_at", "ends_at", "login", "registry", "session", "token"]
    assert saved["registry"] == str(Path(muni.db_path).resolve())
    assert ADMIN_PASSWORD not in path.read_text()
    assert [p.name for p in path.parent.iterdir()] == [path.name]     # no temporary left
    # the registry keeps the token's SHA-256, never the token
    digest = hashlib.sha256(saved["token"].encode()).hexdigest()
    assert session_rows(muni) == [(digest, "aigul", "muni login (command line)", 0)]
    assert saved["token"] not in Path(muni.db_path).read_bytes().decode("latin-1")
    # a file others could read is not used
    path.chmod(0o644)
    result = run(muni, *CASE_NEW)
    assert result.exit_code == AUTH_EXIT
    assert result.stderr == (f"Error: the session file {path} can be read by others (mode "
                             "644): not used; log in again: muni login\n")


def test_login_text_output_and_whoami(aigul_in, clock):
    muni = aigul_in
    result = run(muni, "whoami")
    assert result.exit_code == 0
    assert result.stdout == (
        f"aigul (А. Б. Мамбетова) on {Path(muni.db_path).resolve()}, session "
        f"{muni.session['session']}: until {local(T0 + dt.timedelta(hours=8))} if unused, "
        f"{local(T0 + dt.timedelta(hours=12))} at the latest\n")
    clock.now = T0 + dt.timedelta(hours=2)     # use slides the idle end forward
    assert json.loads(run(muni, "whoami", "--json").stdout)["expires_at"] == (
        "2026-11-21T13:00:00+00:00")
    result = login(muni, "bakyt", HEAD_PASSWORD)           # another login replaces it
    assert result.exit_code == 0
    assert result.stdout.startswith("Logged in: bakyt (Б. К. Асанов) on ")
    assert result.stdout.endswith(" at the latest. `muni logout` ends it.\n")
    assert [(login_, revoked) for _, login_, _, revoked in session_rows(muni)] == [
        ("aigul", 1), ("bakyt", 0)]


def test_a_wrong_password_at_login_is_refused_recorded_and_nothing_saved(two):
    muni = two
    result = login(muni, "aigul", "a guess")
    assert result.exit_code == AUTH_EXIT
    assert result.stderr == "Error: login 'aigul': no such account, or a wrong password\n"
    assert attempts(muni) == [("aigul", "login", "wrong_password")]
    assert not token_file(muni).exists() and session_rows(muni) == []
    result = run(muni, "login")
    assert result.exit_code == 3
    assert result.stderr == "Error: which account? muni login LOGIN (or set MUNI_USER)\n"
    # the login may come from MUNI_USER, the password from MUNI_PASSWORD
    result = run(muni, "login", env={"MUNI_USER": "bakyt", "MUNI_PASSWORD": HEAD_PASSWORD})
    assert result.exit_code == 0, result.output
    assert json.loads(token_file(muni).read_text())["login"] == "bakyt"


def test_after_logout_a_write_is_refused_and_the_old_token_is_dead(aigul_in):
    muni = aigul_in
    path = token_file(muni)
    kept = path.read_text()
    result = run(muni, "logout")
    assert result.exit_code == 0
    assert result.stdout == f"Logged out aigul of {Path(muni.db_path).resolve()}.\n"
    assert not path.exists()
    assert [revoked for *_, revoked in session_rows(muni)] == [1]
    result = run(muni, *CASE_NEW, "--json")
    assert result.exit_code == AUTH_EXIT
    assert json.loads(result.stdout) == {
        "error": "auth", "details": [], "rule": "no_login",
        "message": "case new: this registry has accounts; log in first: muni login LOGIN (or "
                   "--user LOGIN) — a typed name (--actor) is not enough"}
    # a copy of the token kept from before the logout proves nothing
    path.write_text(kept)
    path.chmod(0o600)
    result = run(muni, *CASE_NEW)
    assert result.exit_code == AUTH_EXIT
    assert result.stderr == (f"Error: the session of 'aigul' was ended at {local(T0)} (logout, "
                             "a new password or the account disabled); log in again: muni "
                             "login\n")
    assert run(muni, "whoami").exit_code == AUTH_EXIT
    assert run(muni, "logout").exit_code == 0
    assert run(muni, "logout").stdout == f"No session on {Path(muni.db_path).resolve()}.\n"


def test_a_session_expires_after_8_hours_unused_and_12_hours_in_all(aigul_in, clock):
    muni = aigul_in
    clock.now = T0 + dt.timedelta(hours=8, minutes=1)
    result = run(muni, *CASE_NEW, "--json")
    assert result.exit_code == AUTH_EXIT
    assert json.loads(result.stdout)["message"] == (
        f"the session of 'aigul' expired at {local(T0 + dt.timedelta(hours=8))} (8 h without "
        "use); log in again: muni login")
    assert login(muni).exit_code == 0                  # a new day's login
    start = clock.now
    for hours in (4, 8, 11):                           # used all day long …
        clock.now = start + dt.timedelta(hours=hours)
        assert run(muni, *CASE_NEW).exit_code == 0
    clock.now = start + dt.timedelta(hours=12)         # … but not past 12 hours
    result = run(muni, *CASE_NEW)
    assert result.exit_code == AUTH_EXIT
    assert result.stderr == (
        f"Error: the session of 'aigul' expired at {local(start + dt.timedelta(hours=12))} "
        "(12 h after login); log in again: muni login\n")


def test_disabling_an_account_or_changing_its_password_ends_its_sessions(two):
    muni = two
    engine = Engine(muni.db_path)
    bakyt = engine.authenticate("bakyt", HEAD_PASSWORD)
    web_token, _ = engine.open_session(bakyt, now=T0)
    assert login(muni, "bakyt", HEAD_PASSWORD).exit_code == 0
    result = run(muni, "user", "disable", "bakyt", "--user", "aigul", "--json",
                 env={"MUNI_PASSWORD": ADMIN_PASSWORD})
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["sessions_ended"] == 2        # the web's and the CLI's
    assert engine.session(web_token, now=T0) is None
    result = run(muni, *CASE_NEW)
    assert result.exit_code == AUTH_EXIT
    assert result.stderr.startswith("Error: the session of 'bakyt' was ended at ")
    # enabled again, a session opened since ends with a new password
    run(muni, "user", "disable", "bakyt", "--enable", "--user", "aigul",
        env={"MUNI_PASSWORD": ADMIN_PASSWORD})
    assert login(muni, "bakyt", HEAD_PASSWORD).exit_code == 0
    web_token, _ = engine.open_session(bakyt, now=T0)
    result = run(muni, "user", "passwd", "bakyt", "--password-stdin", input="a new secret\n",
                 env={"MUNI_PASSWORD": HEAD_PASSWORD})
    assert result.exit_code == 0, result.output
    assert result.stdout == "Changed the password of bakyt. Ended 2 session(s) of bakyt.\n"
    assert engine.session(web_token, now=T0) is None
    assert run(muni, *CASE_NEW).exit_code == AUTH_EXIT
    assert login(muni, "bakyt", "a new secret").exit_code == 0
    assert run(muni, *CASE_NEW).exit_code == 0


def test_an_account_disabled_behind_its_sessions_back_is_refused(aigul_in):
    """Should a session outlive its account's disabling (a row revoked by hand, a registry
    restored from a backup), its use still checks the account."""
    muni = aigul_in
    con = sqlite3.connect(muni.db_path)
    con.execute("UPDATE accounts SET disabled = 1 WHERE login = 'aigul'")
    con.commit()
    result = run(muni, *CASE_NEW)
    assert result.exit_code == AUTH_EXIT
    assert result.stderr == ("Error: login 'aigul': the account is disabled; its session has "
                             "ended\n")
    assert [revoked for *_, revoked in session_rows(muni)] == [1]


def test_a_session_of_one_registry_is_not_offered_to_another(aigul_in):
    muni = aigul_in
    other = muni.tmp / "copy" / "muni.db"
    other.parent.mkdir()
    with sqlite3.connect(other) as copy:      # even a copy, whose table holds the token's hash
        sqlite3.connect(muni.db_path).backup(copy)
    result = run(muni, "--db", other, *CASE_NEW)
    assert result.exit_code == AUTH_EXIT, result.output
    assert "this registry has accounts; log in first: muni login LOGIN" in result.stderr
    assert run(muni, "--db", other, "whoami").exit_code == AUTH_EXIT
    assert run(muni, *CASE_NEW).exit_code == 0                    # the first one still works


def test_another_login_named_is_asked_its_password_not_given_the_session(aigul_in):
    muni = aigul_in
    result = run(muni, *CASE_NEW, "--user", "bakyt", input="")       # no password typed
    assert result.exit_code != 0
    assert "Password for bakyt: " in result.stderr
    assert audit_identity(muni) == []
    result = run(muni, *CASE_NEW, "--user", "bakyt", input=f"{HEAD_PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert audit_identity(muni) == [("open", "bakyt", "bakyt", "password", None)]


def test_batch_scripts_with_a_password_log_in_as_before(aigul_in):
    muni = aigul_in
    env = {"MUNI_USER": "aigul", "MUNI_PASSWORD": ADMIN_PASSWORD}
    assert run(muni, *CASE_NEW, env=env).exit_code == 0
    assert run(muni, *CASE_NEW, "--user", "aigul", "--password-stdin",
               input=f"{ADMIN_PASSWORD}\n").exit_code == 0
    assert [row[3] for row in audit_identity(muni)] == ["password", "password"]
    result = run(muni, *CASE_NEW, env={**env, "MUNI_PASSWORD": "a guess"})
    assert result.exit_code == AUTH_EXIT            # a wrong one is not rescued by the session
    assert attempts(muni)[-1] == ("aigul", "login", "wrong_password")


def test_an_admin_in_a_session_manages_accounts_without_a_password(aigul_in):
    muni = aigul_in
    result = run(muni, "user", "add", "nurlan", "--person", "lip-004", "--password-stdin",
                 input="nurlan's secret\n")
    assert result.exit_code == 0, result.output
    assert run(muni, "user", "disable", "nurlan").exit_code == 0


def test_a_registry_without_accounts_ignores_a_token_kept_from_an_earlier_one(sample_muni,
                                                                               clock):
    """A registry made anew at the same path, with no accounts yet: the old token proves
    nothing and nothing needs proving — the declared name acts, the stale file goes."""
    muni = sample_muni
    path = token_file(muni)
    path.parent.mkdir(parents=True, mode=0o700)
    path.write_text(json.dumps({"registry": str(Path(muni.db_path).resolve()),
                                "login": "aigul", "token": "from an earlier registry"}))
    path.chmod(0o600)
    result = run(muni, *CASE_NEW, env={"MUNI_ACTOR": "Мамбетова А."})
    assert result.exit_code == 0, result.output
    assert audit_identity(muni) == [("open", "Мамбетова А.", None, "declared", None)]
    assert not path.exists()
    result = login(muni, "aigul", "any password")
    assert result.exit_code == AUTH_EXIT
    assert result.stderr == "Error: login 'aigul': no such account, or a wrong password\n"


def test_a_token_is_good_only_where_it_was_opened(two):
    """A command line's token put in a browser's cookie would live by the web's seven days,
    a web cookie used as a command line's token by its twelve hours: each kind is refused
    by the other, whatever its age."""
    from muni.registry import db as regdb
    from muni.registry import sessions

    db = regdb.connect(two.db_path)
    try:
        cli_token, _ = sessions.create(db, "aigul", now=T0, user_agent=sessions.CLI_AGENT,
                                       lifetime=sessions.CLI)
        web_token, _ = sessions.create(db, "aigul", now=T0, user_agent="Mozilla/5.0")
        later = T0 + dt.timedelta(minutes=5)
        assert sessions.get(db, cli_token, now=later, lifetime=sessions.CLI).login == "aigul"
        assert sessions.get(db, web_token, now=later, lifetime=sessions.WEB).login == "aigul"
        assert sessions.get(db, cli_token, now=later, lifetime=sessions.WEB) is None
        assert sessions.get(db, web_token, now=later, lifetime=sessions.CLI) is None
    finally:
        db.close()


def test_render_names_the_logged_in_account_and_refuses_a_typed_name(aigul_in):
    """``muni render`` writes files (a restored document, PDFs in the hash-chained PDF log):
    in a registry with accounts it acts as the one logged in, like every other write."""
    muni = aigul_in
    assert run(muni, *CASE_NEW).exit_code == 0
    assert run(muni, "advance", "1").exit_code == 0
    draft = Path(json.loads(run(muni, "render", "1", "--json").stdout)["documents"][0]["path"])
    draft.unlink()                                   # lost: render restores it, as aigul
    restored = json.loads(run(muni, "render", "1", "--json").stdout)["documents"][0]
    assert restored["status"] == "restored" and draft.exists()
    run(muni, "logout")
    assert run(muni, "render", "1").exit_code == AUTH_EXIT    # nobody logged in
    typed = run(muni, "render", "1", "--actor", "somebody")   # nor a name typed instead
    assert typed.exit_code == AUTH_EXIT


@needs_soffice
def test_a_pdf_made_in_a_session_is_recorded_as_made_by_its_account(aigul_in):
    muni = aigul_in
    assert run(muni, *CASE_NEW).exit_code == 0
    assert run(muni, "advance", "1").exit_code == 0
    made = json.loads(run(muni, "render", "1", "--pdf", "--json").stdout)["documents"][0]
    con = sqlite3.connect(muni.db_path)
    assert con.execute("SELECT actor, sha256 FROM pdfs").fetchall() == [
        ("aigul", made["pdf_sha256"])]


def test_a_typed_actor_beside_a_session_is_refused_not_ignored(aigul_in):
    """Logged in as aigul, ``--actor somebody`` would have acted as aigul without a word:
    the name typed is refused (exit 12) and nothing is written; her own login passes."""
    muni = aigul_in
    assert run(muni, *CASE_NEW).exit_code == 0
    refused = run(muni, "advance", "1", "--actor", "bakyt")
    assert refused.exit_code == AUTH_EXIT
    assert refused.stderr.strip() == (
        "Error: --actor 'bakyt': this command acts as aigul, who is logged in; a typed name "
        "counts only where the registry has no accounts (leave --actor out, or --user LOGIN "
        "for another account)")
    assert [r[0] for r in audit_identity(muni)] == ["open"]
    assert run(muni, "advance", "1", "--actor", "aigul").exit_code == 0
    assert [r[:4] for r in audit_identity(muni)][-1] == (
        "draft_order", "aigul", "aigul", "cli_session")
