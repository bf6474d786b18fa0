"""Accounts, logins and who may act, at the engine's level (the CLI's checks are in
test_accounts_cli.py)."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from hypothesis import given
from hypothesis import strategies as st

from muni.engine import identity
from muni.engine.errors import AuthError, Forbidden, InputError, NotFound
from muni.registry import accounts

PASSWORD = "correct horse"
T0 = dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def admin(db):
    """The first account: the executive secretary (lip-003), clerk and admin."""
    identity.add_account(db, "aigul", person="lip-003", password=PASSWORD,
                         roles=["clerk", "admin"], by=None)
    return identity.authenticate(db, "aigul", PASSWORD)


def attempts(db) -> list[dict]:
    return accounts.attempts(db)


def test_the_first_account_must_be_an_admin_and_later_ones_need_one(db):
    with pytest.raises(InputError, match="first account must have the 'admin' role"):
        identity.add_account(db, "aigul", person="lip-003", password=PASSWORD,
                             roles=["clerk"], by=None)
    identity.add_account(db, "aigul", person="lip-003", password=PASSWORD,
                         roles=["admin", "clerk"], by=None)
    with pytest.raises(AuthError, match="log in"):
        identity.add_account(db, "bakyt", person="lip-001", password=PASSWORD, roles=[],
                             by=None)
    clerk = identity.Actor.declared("aigul")
    with pytest.raises(AuthError):
        identity.add_account(db, "bakyt", person="lip-001", password=PASSWORD, roles=[],
                             by=clerk)


def test_an_account_needs_a_known_person_a_plain_login_and_a_long_password(db, admin):
    with pytest.raises(NotFound, match="no person 'lip-999'"):
        identity.add_account(db, "x", person="lip-999", password=PASSWORD, roles=[], by=admin)
    for login in ("Bakyt", "бакыт", "a b", "", "-x", "x" * 65):
        with pytest.raises(InputError, match="lower-case Latin letters"):
            identity.add_account(db, login, person="lip-001", password=PASSWORD, roles=[],
                                 by=admin)
    with pytest.raises(InputError, match="at least 8 characters"):
        identity.add_account(db, "bakyt", person="lip-001", password="short", roles=[],
                             by=admin)
    with pytest.raises(InputError, match="unknown role"):
        identity.add_account(db, "bakyt", person="lip-001", password=PASSWORD,
                             roles=["boss"], by=admin)
    with pytest.raises(InputError, match="is taken"):
        identity.add_account(db, "aigul", person="lip-001", password=PASSWORD, roles=[],
                             by=admin)


def test_a_login_gives_the_accounts_person_and_the_printed_name(db, admin):
    assert admin == identity.Actor(name="aigul", how="password", account="aigul",
                                   person="lip-003", printed_name="А. Б. Мамбетова",
                                   roles=("admin", "clerk"))
    stored = db.execute("SELECT password_hash FROM accounts").fetchone()[0]
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_a_wrong_password_is_refused_recorded_and_slows_the_next_try(db, admin):
    slow = identity.Policy(time_cost=1, memory_cost=1024, parallelism=1, first_delay=1.0,
                           max_delay=4.0)
    old = identity.use_policy(slow)
    try:
        with pytest.raises(AuthError) as first:
            identity.authenticate(db, "aigul", "wrong password", now=T0)
        assert first.value.message == "login 'aigul': no such account, or a wrong password"
        assert first.value.delay == 1.0 and first.value.exit_code == 12
        # Within the second the first failure earned: refused unchecked, even the right one.
        with pytest.raises(AuthError, match="too many failed logins") as early:
            identity.authenticate(db, "aigul", PASSWORD, now=T0 + dt.timedelta(seconds=0.5))
        assert early.value.delay == pytest.approx(0.5)
        with pytest.raises(AuthError) as second:
            identity.authenticate(db, "aigul", "again wrong", now=T0 + dt.timedelta(seconds=2))
        assert second.value.delay == 2.0
        actor = identity.authenticate(db, "aigul", PASSWORD, now=T0 + dt.timedelta(seconds=5))
        assert actor.person == "lip-003"
    finally:
        identity.use_policy(old)
    assert [(a["login"], a["person"], a["action"], a["refused_by"]) for a in attempts(db)] == [
        ("aigul", "lip-003", "login", "wrong_password"),
        ("aigul", None, "login", "throttled"),
        ("aigul", "lip-003", "login", "wrong_password")]
    assert accounts.failed_logins(db, "aigul") is None  # the success cleared the count


def test_an_unknown_login_reads_like_a_wrong_password_and_is_recorded(db, admin):
    with pytest.raises(AuthError) as refused:
        identity.authenticate(db, "nobody", PASSWORD)
    assert refused.value.message == "login 'nobody': no such account, or a wrong password"
    assert attempts(db)[-1]["refused_by"] == "unknown_login"


def test_a_disabled_account_cannot_log_in_and_the_last_admin_stays(db, admin):
    identity.add_account(db, "bakyt", person="lip-001", password=PASSWORD, roles=[], by=admin)
    with pytest.raises(InputError, match="last enabled admin"):
        identity.set_disabled(db, "aigul", by=admin)
    bakyt = identity.authenticate(db, "bakyt", PASSWORD)
    with pytest.raises(Forbidden, match="needs the 'admin' role"):
        identity.set_disabled(db, "aigul", by=bakyt)
    identity.set_disabled(db, "bakyt", by=admin)
    with pytest.raises(AuthError, match="the account is disabled"):
        identity.authenticate(db, "bakyt", PASSWORD)
    with pytest.raises(AuthError, match="disabled"):
        identity.account_actor(db, "bakyt", how="session", session="s-1")


def test_a_password_changes_by_its_owner_or_an_admin(db, admin):
    identity.add_account(db, "bakyt", person="lip-001", password=PASSWORD, roles=[], by=admin)
    bakyt = identity.authenticate(db, "bakyt", PASSWORD)
    identity.change_password(db, "bakyt", "a new secret", by=bakyt)
    with pytest.raises(AuthError):
        identity.authenticate(db, "bakyt", PASSWORD)
    assert identity.authenticate(db, "bakyt", "a new secret").account == "bakyt"
    with pytest.raises(Forbidden):
        identity.change_password(db, "aigul", "taken over!", by=bakyt)
    identity.change_password(db, "bakyt", "reset by admin", by=admin)
    assert identity.authenticate(db, "bakyt", "reset by admin").account == "bakyt"


def test_a_hash_made_under_other_parameters_verifies_and_is_upgraded(db):
    old = identity.use_policy(identity.Policy(time_cost=1, memory_cost=2048, parallelism=1))
    try:
        identity.add_account(db, "aigul", person="lip-003", password=PASSWORD,
                             roles=["admin"], by=None)
    finally:
        identity.use_policy(old)
    before = db.execute("SELECT password_hash FROM accounts").fetchone()[0]
    identity.authenticate(db, "aigul", PASSWORD)
    after = db.execute("SELECT password_hash FROM accounts").fetchone()[0]
    assert "m=2048" in before and "m=1024" in after


def test_two_accounts_of_one_person_are_one_person_for_four_eyes(db, admin):
    identity.add_account(db, "aigul2", person="lip-003", password=PASSWORD, roles=[],
                         by=admin)
    second = identity.authenticate(db, "aigul2", PASSWORD)
    assert second.identity_key == admin.identity_key == "person:lip-003"
    assert identity.Actor.declared("сlerk").identity_key == (
        identity.Actor.declared("clerk").identity_key)


@pytest.mark.parametrize("name", ["", "   ", None])
def test_a_declared_name_is_never_blank(name):
    with pytest.raises(InputError, match="every step needs an actor"):
        identity.Actor.declared(name)


def test_who_checks_offices_on_the_acts_date_and_roles_within_their_reach(db, admin):
    identity.add_account(db, "bakyt", person="lip-001", password=PASSWORD, roles=[], by=admin)
    head = identity.authenticate(db, "bakyt", PASSWORD)
    on = dt.date(2026, 11, 20)
    ok, why = identity.may_act(db, head, ("head",), municipality="lipenka", on=on)
    assert ok and why == "Асанов Бакыт Кадырбекович holds 'head' in lipenka on 2026-11-20"
    ok, why = identity.may_act(db, admin, ("head",), municipality="lipenka", on=on)
    assert not ok and why == (
        "only head may take this step; Мамбетова Айгүл Бакировна (lip-003) holds "
        "executive_secretary in lipenka on 2026-11-20; account 'aigul' roles: admin, clerk")
    assert identity.may_act(db, admin, ("staff",), municipality="lipenka", on=on)[0]
    assert identity.may_act(db, admin, ("clerk",), municipality="lipenka", on=on)[0]
    # Before his term the head was not head.
    assert not identity.may_act(db, head, ("head",), municipality="lipenka",
                                on=dt.date(2024, 2, 29))[0]
    # A term that ended: he is no longer head on the act's date.
    db.execute("UPDATE officials SET end_date = '2026-10-31' WHERE person = 'lip-001'")
    ok, why = identity.may_act(db, head, ("head",), municipality="lipenka", on=on)
    assert not ok and "holds no office in lipenka on 2026-11-20" in why
    # A declared name is not checked, and says so.
    assert identity.may_act(db, identity.Actor.declared("head"), ("head",),
                            municipality="lipenka", on=on) == (
        True, "declared identity 'head': offices not checked")


def test_every_word_of_who_is_known():
    assert identity.unknown_who(["head", "staff", "council", "clerk", "boss"]) == ["boss"]


def test_the_attempts_log_is_append_only_and_chained(db, admin):
    for n in range(3):
        identity.record_refusal(db, admin, action="sign_order", refused_by="four_eyes",
                                message=f"refusal {n}", case_id=1)
    assert accounts.verify_attempts(db) == []
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("UPDATE attempts SET message = 'nothing' WHERE id = 2")
    db.execute("DROP TRIGGER attempts_no_update")
    db.execute("UPDATE attempts SET message = 'nothing happened' WHERE id = 2")
    assert [f["kind"] for f in accounts.verify_attempts(db)] == ["attempt_altered"]


@given(st.integers(min_value=0, max_value=200), st.integers(min_value=0, max_value=200))
def test_the_wait_grows_with_failures_and_is_capped(a, b):
    p = identity.Policy()
    lo, hi = sorted((a, b))
    assert 0 <= p.delay(lo) <= p.delay(hi) <= p.max_delay
    assert p.delay(0) == 0 and p.delay(1) == p.first_delay


def test_who_acted_is_part_of_the_records_hash(db, admin):
    """A record's identity columns are hashed when set: clearing or changing them shows;
    a record without them (written before accounts existed) keeps the hash it had."""
    from muni.registry import audit
    from muni.registry.db import write_transaction

    case = db.execute("INSERT INTO cases(workflow, municipality, state, data, created_at, "
                      "updated_at) VALUES ('working_group', 'lipenka', 'x', '{}', 'now', 'now')"
                      ).lastrowid
    fields = dict(case_id=case, at="2026-11-21T09:00:00+00:00", trigger="open",
                  from_state=None, to_state="x", profile=None, guards=[], data={},
                  documents=[])
    with write_transaction(db):
        plain = audit.append(db, actor="clerk", **fields)
        signed = audit.append(db, actor=admin.name, identity=admin.audit_fields(), **fields)
    rows = {r["id"]: r for r in db.query("SELECT * FROM audit")}
    assert rows[plain]["identity"] is None
    assert {k: rows[signed][k] for k in audit.IDENTITY_FIELDS} == {
        "account": "aigul", "person": "lip-003", "printed_name": "А. Б. Мамбетова",
        "identity": "password", "session": None}
    assert audit.verify_chain(db) == []
    db.execute("DROP TRIGGER audit_no_update")
    db.execute("UPDATE audit SET person = 'lip-001' WHERE id = ?", [signed])
    assert [f["kind"] for f in audit.verify_chain(db)] == ["record_altered"]
    db.execute("UPDATE audit SET person = NULL, identity = NULL, account = NULL, "
               "printed_name = NULL WHERE id = ?", [signed])
    assert [f["kind"] for f in audit.verify_chain(db)] == ["record_altered"]
