"""Login, sessions, CSRF, throttling, languages and security headers of the web interface."""

from __future__ import annotations

import hashlib

import pytest
from starlette.routing import Route
from starlette.testclient import TestClient

from muni.engine import Engine
from muni.registry import db as regdb
from muni.registry import sessions
from muni.web import i18n
from muni.web.app import SESSION_COOKIE, safe_next
from muni.web.routes import create_app
from muni.web.security import CSP
from webui.helpers import PASSWORD, csrf_of, log_in


def test_login_page_is_kyrgyz_even_when_the_browser_asks_for_russian(client):
    page = client.get("/login", headers={"accept-language": "ru-RU,ru;q=0.9"})
    assert page.status_code == 200
    assert '<html lang="ky">' in page.text
    assert "Кирүү" in page.text and "Сырсөз" in page.text


def test_language_switch_is_remembered(client):
    token = csrf_of(client)
    switched = client.post("/lang", data={"csrf": token, "lang": "ru", "next": "/login"})
    assert switched.status_code == 303 and switched.headers["location"] == "/login"
    assert "Пароль" in client.get("/login").text
    log_in(client)
    assert "Что ждёт меня" in client.get("/").text    # the choice made before login carries
    client.post("/lang", data={"csrf": csrf_of(client, "/"), "lang": "ky", "next": "/"})
    assert "Мени күтүп турган иштер" in client.get("/").text


def test_security_headers_on_pages_static_files_and_errors(client):
    for path in ("/login", "/static/muni.css", "/favicon.ico", "/no-such-page"):
        response = client.get(path)
        assert response.headers["content-security-policy"] == CSP, path
        assert "script-src 'self'" in CSP and "unsafe-inline" not in CSP
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["referrer-policy"] == "same-origin"
        assert response.headers["x-content-type-options"] == "nosniff"
    assert client.get("/login").headers["cache-control"] == "no-store"
    assert "strict-transport-security" not in client.get("/login").headers


def test_pages_carry_no_inline_script_or_style(client):
    log_in(client)
    for path in ("/", "/login"):
        text = client.get(path).text
        assert "<script" not in text and "style=" not in text and "<style" not in text


def test_post_without_or_with_a_wrong_csrf_token_is_refused(client):
    no_token = client.post("/login", data={"login": "clerk", "password": PASSWORD})
    assert no_token.status_code == 403
    assert "Форманын мөөнөтү бүттү" in no_token.text
    wrong = client.post("/login", data={"csrf": "x" * 43, "login": "clerk",
                                        "password": PASSWORD})
    assert wrong.status_code == 403
    assert SESSION_COOKIE not in wrong.cookies


def test_every_post_route_refuses_a_missing_csrf_token(app, client):
    log_in(client)
    posts = [r.path for r in app.routes if isinstance(r, Route) and "POST" in r.methods]
    assert {"/login", "/logout", "/lang"} <= set(posts)
    for path in posts:
        response = client.post(path, data={"lang": "ru", "login": "clerk"})
        assert response.status_code == 403, path
        assert "Форманын мөөнөтү бүттү" in response.text, path


def test_login_sets_an_httponly_strict_cookie_and_stores_only_the_tokens_hash(
        client, web_db_path):
    response = log_in(client)
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{SESSION_COOKIE}=")
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Secure" not in cookie
    token = response.cookies[SESSION_COOKIE]
    db = regdb.connect(web_db_path)
    rows = list(db.query("SELECT id_hash, login FROM sessions"))
    assert rows == [{"id_hash": hashlib.sha256(token.encode()).hexdigest(), "login": "clerk"}]
    assert token not in str(list(db.query("SELECT * FROM sessions")))


def test_session_cookie_is_secure_under_tls(web_db_path, clock):
    app = create_app(Engine(web_db_path), tls=True, now=clock)
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as c:
        response = log_in(c)
        assert "Secure" in response.headers["set-cookie"]
        assert c.get("/").headers["strict-transport-security"] == "max-age=31536000"


def test_anonymous_visitor_is_sent_to_login_and_back(client):
    response = client.get("/")
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=%2F"
    token = csrf_of(client)
    back = client.post("/login", data={"csrf": token, "login": "clerk",
                                       "password": PASSWORD, "next": "/"})
    assert back.headers["location"] == "/"
    assert "Мени күтүп турган иштер" in client.get("/").text


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "\\\\evil",
                                    "", None, "javascript:alert(1)"])
def test_login_never_redirects_off_site(target):
    assert safe_next(target) == "/"


def test_wrong_password_is_refused_in_kyrgyz_and_throttled(client):
    for _ in range(3):
        wrong = client.post("/login", data={"csrf": csrf_of(client), "login": "clerk",
                                            "password": "guess"})
        assert wrong.status_code == 401
        assert "Логин же сырсөз туура эмес." in wrong.text
    blocked = client.post("/login", data={"csrf": csrf_of(client), "login": "clerk",
                                          "password": PASSWORD})
    assert blocked.status_code == 429      # even the right password waits its turn
    assert "секунддан кийин" in blocked.text
    assert SESSION_COOKIE not in blocked.cookies


def test_unknown_login_reads_like_a_wrong_password_and_both_are_recorded(client, web_db_path):
    for login in ("clerk", "nobody"):
        wrong = client.post("/login", data={"csrf": csrf_of(client), "login": login,
                                            "password": "guess-guess"})
        assert wrong.status_code == 401
        assert "Логин же сырсөз туура эмес." in wrong.text
    db = regdb.connect(web_db_path)
    refused = [(r["login"], r["refused_by"]) for r in db.query(
        "SELECT login, refused_by FROM attempts ORDER BY id")]
    assert refused == [("clerk", "wrong_password"), ("nobody", "unknown_login")]


def test_a_disabled_account_cannot_log_in_and_its_session_ends(client, web_db_path):
    from muni.engine import identity

    log_in(client)
    assert client.get("/").status_code == 200
    db = regdb.connect(web_db_path)
    identity.set_disabled(db, "clerk", by=identity.account_actor(db, "admin"))
    assert client.get("/").status_code == 303            # the open session ends at once
    refused = client.post("/login", data={"csrf": csrf_of(client), "login": "clerk",
                                          "password": PASSWORD})
    assert refused.status_code == 401
    assert "Бул каттоо эсеби өчүрүлгөн" in refused.text


def test_the_accounts_own_wait_is_shown(web_db_path, clock):
    from muni.engine import identity

    old = identity.use_policy(identity.Policy(time_cost=1, memory_cost=1024, parallelism=1,
                                              first_delay=30.0, max_delay=60.0))
    try:
        with TestClient(create_app(Engine(web_db_path), now=clock),
                        follow_redirects=False) as c:
            c.post("/login", data={"csrf": csrf_of(c), "login": "clerk", "password": "x" * 9})
            waiting = c.post("/login", data={"csrf": csrf_of(c), "login": "clerk",
                                             "password": PASSWORD})
            assert waiting.status_code == 429
            assert "30 секунддан кийин" in waiting.text or "31 секунддан кийин" in waiting.text
    finally:
        identity.use_policy(old)


def test_logout_revokes_the_session_in_the_registry(client, web_db_path):
    token = log_in(client).cookies[SESSION_COOKIE]
    assert client.post("/logout", data={"csrf": csrf_of(client, "/")}).status_code == 303
    db = regdb.connect(web_db_path)
    row = next(db.query("SELECT revoked_at FROM sessions"))
    assert row["revoked_at"] is not None
    client.cookies.set(SESSION_COOKIE, token)       # the old cookie no longer opens anything
    assert client.get("/").status_code == 303


def test_idle_session_expires(client, clock):
    log_in(client)
    assert client.get("/").status_code == 200
    clock.advance(hours=7)
    assert client.get("/").status_code == 200       # used: the expiry slides forward
    clock.advance(hours=7)
    assert client.get("/").status_code == 200
    clock.advance(hours=8, minutes=1)               # idle longer than 8 hours
    assert client.get("/").status_code == 303


def test_session_ends_after_seven_days_however_often_it_is_used(client, clock):
    started = clock.moment
    log_in(client)
    statuses = {}
    for _ in range(7 * 4 + 2):
        clock.advance(hours=6)
        statuses[clock.moment - started] = client.get("/").status_code
    assert all(code == 200 for age, code in statuses.items() if age < sessions.MAX_TTL)
    assert all(code == 303 for age, code in statuses.items() if age >= sessions.MAX_TTL)


def test_every_interface_message_is_translated_in_both_catalogs():
    assert i18n.catalog_problems() == []
