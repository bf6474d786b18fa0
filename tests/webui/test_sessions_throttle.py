"""The registry's session table and the login throttle, without the web layer."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from muni.engine.sample import registry
from muni.registry import sessions
from muni.web.throttle import (
    FORGET_AFTER_S,
    FREE_FAILURES,
    MAX_DELAY_S,
    LoginThrottle,
    delay_after,
)
from webui.helpers import add_accounts

T0 = dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.UTC)


def accounts_registry():
    db = registry()
    add_accounts(db)
    return db


def test_sessions_live_expire_and_revoke():
    db = accounts_registry()
    token, session = sessions.create(db, "clerk", now=T0, user_agent="Firefox")
    other, _ = sessions.create(db, "clerk", now=T0)
    head, _ = sessions.create(db, "head", now=T0)
    assert sessions.get(db, token, now=T0) == session
    assert sessions.get(db, "forged", now=T0) is None
    assert sessions.get(db, "", now=T0) is None
    assert [s["login"] for s in sessions.live(db, now=T0)] == ["clerk", "clerk", "head"]
    sessions.revoke(db, token, now=T0)
    assert sessions.get(db, token, now=T0) is None
    assert sessions.revoke_login(db, "clerk", now=T0) == 1        # `other`; token was already
    assert sessions.get(db, other, now=T0) is None
    assert [s["login"] for s in sessions.live(db, now=T0)] == ["head"]
    assert sessions.get(db, head, now=T0 + sessions.IDLE_TTL) is None       # idle too long
    assert sessions.purge(db, now=T0 + dt.timedelta(days=401)) == 3
    assert sessions.live(db, now=T0) == []


def test_session_ref_names_the_session_without_revealing_its_token():
    db = accounts_registry()
    token, session = sessions.create(db, "clerk", now=T0)
    assert len(session.ref) == 12 and session.ref not in token
    assert sessions.live(db, now=T0)[0]["ref"] == session.ref


def test_use_slides_expiry_but_writes_at_most_every_few_minutes():
    db = accounts_registry()
    token, session = sessions.create(db, "clerk", now=T0)
    minute = T0 + dt.timedelta(minutes=1)
    assert sessions.get(db, token, now=minute).expires_at == session.expires_at
    later = T0 + dt.timedelta(hours=1)
    assert sessions.get(db, token, now=later).expires_at == (
        later + sessions.IDLE_TTL).isoformat(timespec="seconds")


@given(st.integers(min_value=0, max_value=200))
def test_delay_grows_with_failures_and_is_bounded(failures):
    assert 0 <= delay_after(failures) <= MAX_DELAY_S
    assert delay_after(failures) <= delay_after(failures + 1)
    assert (delay_after(failures) == 0) == (failures < FREE_FAILURES)


class FakeClock:
    def __init__(self):
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


@given(st.lists(st.sampled_from(["fail", "wait1", "wait_long"]), max_size=30))
def test_throttle_never_lets_a_key_try_before_its_delay(actions):
    clock = FakeClock()
    throttle = LoginThrottle(clock)
    failures = 0
    for action in actions:
        if action == "fail":
            throttle.failed("login:clerk")
            failures += 1
            assert throttle.wait_s("login:clerk") == delay_after(failures)
        elif action == "wait1":
            clock.t += 1
        elif action == "wait_long":
            clock.t += FORGET_AFTER_S + 1
            failures = 0
            assert throttle.wait_s("login:clerk") == 0
        assert throttle.wait_s("login:clerk") >= 0


def test_an_address_is_throttled_whichever_login_it_tries():
    clock = FakeClock()
    throttle = LoginThrottle(clock)
    for login in ("a", "b", "c", "d"):
        assert throttle.wait_s("addr:10.0.0.5") == 0 or login == "d"
        throttle.failed("addr:10.0.0.5")
    assert throttle.wait_s("addr:10.0.0.5") == delay_after(4)
    assert throttle.wait_s("addr:10.0.0.6") == 0
