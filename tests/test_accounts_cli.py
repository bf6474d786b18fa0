"""`muni user add|passwd|disable|list`, and logging in with --user, through the CLI."""

from __future__ import annotations

import json
import sqlite3

import pytest
from conftest import EXAMPLES

from muni.cli import main

AUTH_EXIT = 12
FORBIDDEN_EXIT = 13
ADMIN_PASSWORD = "aigul's secret"
HEAD_PASSWORD = "bakyt's secret"


def run(muni, *args: str, input: str | None = None, env: dict | None = None):
    """``muni ARGS`` with text on stdin and extra environment (MUNI_PASSWORD …)."""
    return muni.runner.invoke(main, [str(a) for a in args], input=input, env=env or {},
                              catch_exceptions=False)


def attempts(muni) -> list[tuple]:
    con = sqlite3.connect(muni.db_path)
    return con.execute("SELECT login, action, refused_by FROM attempts ORDER BY id").fetchall()


@pytest.fixture
def accounts(sample_muni):
    """aigul (lip-003, clerk + admin) and bakyt (lip-001, the head)."""
    muni = sample_muni
    result = run(muni, "user", "add", "aigul", "--person", "lip-003", "--role", "clerk",
                 "--role", "admin", input=f"{ADMIN_PASSWORD}\n{ADMIN_PASSWORD}\n")
    assert result.exit_code == 0, result.output
    result = run(muni, "user", "add", "bakyt", "--person", "lip-001", "--password-stdin",
                 "--user", "aigul", input=f"{HEAD_PASSWORD}\n",
                 env={"MUNI_PASSWORD": ADMIN_PASSWORD})
    assert result.exit_code == 0, result.output
    return muni


def test_the_first_account_is_an_admin_and_its_password_is_asked_twice(sample_muni):
    muni = sample_muni
    result = run(muni, "user", "add", "aigul", "--person", "lip-003", "--role", "clerk",
                 input="secret123\nsecret123\n")
    assert result.exit_code == 3
    assert result.stderr == ("Error: the first account must have the 'admin' role (--role "
                             "admin): it manages the others\n")
    result = run(muni, "user", "add", "aigul", "--person", "lip-003", "--role", "admin",
                 "--json", input="secret123\nsecret123\n")
    assert result.exit_code == 0, result.output
    assert "Password for the new account aigul: \nRepeat for confirmation: \n" in result.stderr
    assert "secret123" not in result.output
    account = json.loads(result.stdout)
    assert {k: account[k] for k in ("login", "person", "name", "roles", "disabled")} == {
        "login": "aigul", "person": "lip-003", "name": "Мамбетова Айгүл Бакировна",
        "roles": ["admin"], "disabled": False}


def test_later_accounts_need_an_admins_login(accounts):
    muni = accounts
    result = run(muni, "user", "add", "nurlan", "--person", "lip-004", "--password-stdin",
                 input="nurlan's secret\n")
    assert result.exit_code == AUTH_EXIT
    assert result.stderr == ("Error: user add: this registry has accounts; log in (muni login, "
                             "or --user) as an admin\n")
    result = run(muni, "user", "add", "nurlan", "--person", "lip-004", "--password-stdin",
                 "--user", "bakyt", input="nurlan's secret\n",
                 env={"MUNI_PASSWORD": HEAD_PASSWORD})
    assert result.exit_code == FORBIDDEN_EXIT
    assert result.stderr == ("Error: user add: needs the 'admin' role; account 'bakyt' has no "
                             "role\n")
    listed = json.loads(run(muni, "user", "list", "--json").stdout)["accounts"]
    assert [(a["login"], a["person"], a["roles"]) for a in listed] == [
        ("aigul", "lip-003", ["admin", "clerk"]), ("bakyt", "lip-001", [])]
    assert "password_hash" not in listed[0]


def test_a_wrong_password_is_refused_with_its_exit_code_and_recorded(accounts):
    muni = accounts
    result = run(muni, "user", "add", "nurlan", "--person", "lip-004", "--password-stdin",
                 "--user", "aigul", "--json", input="nurlan's secret\n",
                 env={"MUNI_PASSWORD": "not aigul's password"})
    assert result.exit_code == AUTH_EXIT
    assert json.loads(result.stdout) == {
        "error": "auth", "message": "login 'aigul': no such account, or a wrong password",
        "details": [], "login": "aigul", "rule": "wrong_password"}
    assert attempts(muni) == [("aigul", "login", "wrong_password")]
    assert [a["login"] for a in json.loads(run(muni, "user", "list", "--json").stdout)[
        "accounts"]] == ["aigul", "bakyt"]


def test_an_account_changes_its_own_password(accounts):
    muni = accounts
    result = run(muni, "user", "passwd", "bakyt", "--password-stdin", input="a new secret\n",
                 env={"MUNI_PASSWORD": HEAD_PASSWORD})
    assert result.exit_code == 0, result.output
    assert result.stdout == "Changed the password of bakyt.\n"
    result = run(muni, "user", "passwd", "bakyt", "--password-stdin", input="again new\n",
                 env={"MUNI_PASSWORD": HEAD_PASSWORD})
    assert result.exit_code == AUTH_EXIT


def test_a_disabled_account_cannot_log_in(accounts):
    muni = accounts
    result = run(muni, "user", "disable", "bakyt", "--user", "aigul",
                 env={"MUNI_PASSWORD": ADMIN_PASSWORD})
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Disabled bakyt: Асанов Бакыт Кадырбекович (lip-001")
    result = run(muni, "user", "passwd", "bakyt", "--password-stdin", input="a new secret\n",
                 env={"MUNI_PASSWORD": HEAD_PASSWORD})
    assert result.exit_code == AUTH_EXIT
    assert result.stderr == "Error: login 'bakyt': the account is disabled\n"
    assert attempts(muni)[-1] == ("bakyt", "login", "disabled")


def test_the_password_prompt_does_not_echo_and_stdin_must_hold_one(accounts):
    muni = accounts
    result = run(muni, "user", "passwd", "bakyt", "--password-stdin", input="\n",
                 env={"MUNI_PASSWORD": HEAD_PASSWORD})
    assert result.exit_code == 3
    assert result.stderr == "Error: --password-stdin: standard input holds no password\n"
    result = run(muni, "user", "disable", "bakyt", "--user", "aigul",
                 input=f"{ADMIN_PASSWORD}\n")
    assert result.exit_code == 0
    assert result.stderr == "Password for aigul: \n" and ADMIN_PASSWORD not in result.output


def test_verify_fails_when_a_refused_attempt_is_edited_or_deleted(accounts):
    muni = accounts
    for _ in range(2):
        run(muni, "user", "disable", "bakyt", "--user", "aigul",
            env={"MUNI_PASSWORD": "a guess"})
    assert run(muni, "verify").exit_code == 0
    con = sqlite3.connect(muni.db_path)
    con.executescript("DROP TRIGGER attempts_no_update;"
                      "UPDATE attempts SET message = 'all fine' WHERE id = 1;")
    con.close()
    result = run(muni, "verify", "--json")
    assert result.exit_code == 9
    assert [(f["kind"], f["message"]) for f in json.loads(result.stdout)["findings"]] == [
        ("attempt_altered", "attempt #1: content does not match its hash (edited)")]
    con = sqlite3.connect(muni.db_path)
    con.executescript("UPDATE attempts SET message = 'login ''aigul'': no such account, or "
                      "a wrong password' WHERE id = 1; DROP TRIGGER attempts_no_delete;"
                      "DELETE FROM attempts WHERE id = 1;")
    con.close()
    result = run(muni, "verify", "--json")
    assert [f["kind"] for f in json.loads(result.stdout)["findings"]] == [
        "attempts_chain_broken"]


# --- acting under accounts (issue: real identity) ---------------------------------------------

CASE = EXAMPLES / "working_group_case.yaml"
AIGUL = {"MUNI_USER": "aigul", "MUNI_PASSWORD": ADMIN_PASSWORD}
BAKYT = {"MUNI_USER": "bakyt", "MUNI_PASSWORD": HEAD_PASSWORD}


def audit_rows(muni) -> list[tuple]:
    con = sqlite3.connect(muni.db_path)
    return con.execute("SELECT trigger, actor, account, person, identity FROM audit "
                       "ORDER BY id").fetchall()


@pytest.fixture
def drafted(accounts):
    """The working-group case opened and its order drafted by aigul (the secretary)."""
    muni = accounts
    assert run(muni, "case", "new", "working_group", "-m", "lipenka", "--data", CASE,
               env=AIGUL).exit_code == 0
    assert run(muni, "advance", "1", env=AIGUL).exit_code == 0
    return muni


def test_with_accounts_a_write_without_a_login_is_refused(accounts):
    muni = accounts
    result = run(muni, "case", "new", "working_group", "-m", "lipenka", "--data", CASE,
                 env={"MUNI_ACTOR": "Асанов Б."})
    assert result.exit_code == AUTH_EXIT
    assert result.stderr == ("Error: case new: this registry has accounts; log in first: muni "
                             "login LOGIN (or --user LOGIN) — a typed name (--actor) is not "
                             "enough\n")
    assert audit_rows(muni) == []
    assert attempts(muni)[-1] == (None, "case new", "no_login")


def test_the_drafters_account_cannot_sign_even_under_the_heads_name(drafted):
    muni = drafted
    result = run(muni, "advance", "1", env={**AIGUL, "MUNI_ACTOR": "Асанов Бакыт"})
    assert result.exit_code == 5
    assert result.stderr == ("Error: case 1: 'sign_order' needs a second person — 'aigul' "
                             "(lip-003) prepared this step; another actor must confirm it\n")
    assert attempts(muni)[-1] == ("aigul", "advance", "four_eyes")


def test_the_heads_account_signs_and_the_record_says_who_and_how(drafted):
    muni = drafted
    result = run(muni, "advance", "1", env=BAKYT)
    assert result.exit_code == 0, result.output
    assert audit_rows(muni) == [
        ("open", "aigul", "aigul", "lip-003", "password"),
        ("draft_order", "aigul", "aigul", "lip-003", "password"),
        ("sign_order", "bakyt", "bakyt", "lip-001", "password")]
    text = run(muni, "history", "1").stdout
    assert "bakyt (Б. К. Асанов; password): sign_order order_drafted → order_registered" in text
    assert run(muni, "verify", "--json").exit_code == 0
    assert json.loads(run(muni, "verify", "--json").stdout)["notes"] == []


def test_a_person_no_longer_head_on_the_orders_date_cannot_sign(drafted):
    muni = drafted
    con = sqlite3.connect(muni.db_path)
    con.execute("UPDATE officials SET end_date = '2026-10-31' WHERE person = 'lip-001'")
    con.commit()
    result = run(muni, "advance", "1", env=BAKYT)
    assert result.exit_code == FORBIDDEN_EXIT
    assert result.stderr == (
        "Error: case 1: 'sign_order': only head may take this step; Асанов Бакыт Кадырбекович "
        "(lip-001) holds no office in lipenka on 2026-11-20; account 'bakyt' roles: none\n")
    assert [t for t, *_ in audit_rows(muni)] == ["open", "draft_order"]
    refused = json.loads(run(muni, "history", "1", "--attempts", "--json").stdout)["attempts"]
    assert [(a["login"], a["person"], a["action"], a["refused_by"]) for a in refused] == [
        ("bakyt", "lip-001", "advance", "who")]
    text = run(muni, "history", "1", "--attempts").stdout
    assert "bakyt (lip-001; password) tried advance: refused by who — case 1:" in text


def test_a_wrong_password_on_a_step_is_refused_and_recorded(drafted):
    muni = drafted
    result = run(muni, "advance", "1", env={**BAKYT, "MUNI_PASSWORD": "guess"})
    assert result.exit_code == AUTH_EXIT
    assert result.stderr == "Error: login 'bakyt': no such account, or a wrong password\n"
    assert attempts(muni)[-1] == ("bakyt", "login", "wrong_password")
    assert [t for t, *_ in audit_rows(muni)] == ["open", "draft_order"]


def test_two_accounts_of_one_person_cannot_draft_and_sign(accounts):
    muni = accounts
    result = run(muni, "user", "add", "bakyt2", "--person", "lip-001", "--password-stdin",
                 input="second account\n", env=AIGUL)
    assert result.exit_code == 0, result.output
    run(muni, "case", "new", "working_group", "-m", "lipenka", "--data", CASE, env=AIGUL)
    assert run(muni, "advance", "1", env=BAKYT).exit_code == 0        # the head drafts …
    result = run(muni, "advance", "1", env={"MUNI_USER": "bakyt2",
                                            "MUNI_PASSWORD": "second account"})
    assert result.exit_code == 5                                        # … and cannot sign
    assert "'bakyt2' (lip-001) prepared this step" in result.stderr


def test_with_accounts_only_an_admin_imports_people_and_offices(accounts):
    """Offices decide who may sign: importing them is an admin's act."""
    from muni.engine.sample import SAMPLE_MUNICIPALITY

    muni = accounts
    result = run(muni, "import", SAMPLE_MUNICIPALITY)
    assert result.exit_code == AUTH_EXIT
    assert result.stderr == ("Error: import: this registry has accounts; log in (muni login, or "
                             "--user) as an admin\n")
    assert run(muni, "import", SAMPLE_MUNICIPALITY, env=BAKYT).exit_code == FORBIDDEN_EXIT
    result = run(muni, "import", SAMPLE_MUNICIPALITY, env=AIGUL)
    assert result.exit_code == 0, result.output
