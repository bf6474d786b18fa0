"""The web interface in a real browser (Debian's chromium through Playwright)."""

from __future__ import annotations


def test_log_in_switch_language_and_log_out(browser, live_server):
    context = browser.new_context()
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert page.url.endswith("/login?next=%2F")
    assert page.title() == "Кирүү · muni"
    page.fill("#login", "clerk")
    page.fill("#password", "wrong")
    page.click("form[action='/login'] button[type=submit]")
    assert page.inner_text("[role=alert]") == "Логин же сырсөз туура эмес."
    page.fill("#password", "Өрүк-2026")
    page.click("form[action='/login'] button[type=submit]")
    assert page.url == live_server.url + "/"
    assert page.inner_text("h1") == "Мени күтүп турган иштер"
    page.click("button[value=ru]")
    assert page.inner_text("h1") == "Что ждёт меня"
    cookies = {c["name"]: c for c in context.cookies()}
    assert cookies["muni_session"]["httpOnly"] and cookies["muni_session"]["sameSite"] == "Strict"
    page.click("form[action='/logout'] button")
    assert "/login" in page.url
    context.close()
