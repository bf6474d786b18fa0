"""The web interface in a real browser (Debian's chromium through Playwright): log in, open a
case through its form, read the draft, draft, sign as the head, download the order.

The screenshots of every page are taken by ``test_screens.py``.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx

from muni.engine.locale.typography import plain
from webui.helpers import PASSWORD


def log_in(page, url: str, login: str) -> None:
    page.goto(url + "/login")
    page.fill("#login", login)
    page.fill("#password", PASSWORD)
    page.click("form[action='/login'] button[type=submit]")


def test_log_in_switch_language_and_log_out(browser, live_server):
    context = browser.new_context()
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert page.url.endswith("/login?next=%2F")
    assert page.title() == "Кирүү · muni"
    page.fill("#login", "clerk")
    page.fill("#password", "wrong password")
    page.click("form[action='/login'] button[type=submit]")
    assert page.inner_text("[role=alert]") == "Логин же сырсөз туура эмес."
    page.fill("#password", PASSWORD)
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


MEMBERS = ["lip-023", "lip-011", "lip-012", "lip-020", "lip-021", "lip-022"]


def test_open_draft_preview_sign_and_read_the_order(browser, live_server):
    url = live_server.url
    clerk = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True,
                                locale="ru-RU")
    page = clerk.new_page()
    log_in(page, url, "clerk")
    page.click("text=Жаңы иш ачуу")
    page.select_option("#workflow", "working_group")
    page.click("button[type=submit].primary")
    assert page.inner_text("h1").startswith("Жаңы иш")
    # the form: choices, dates, people by name, list rows added with a button
    page.select_option("#f-initiative-kind", "council_decision")
    page.fill("#f-initiative-number", "14")
    page.fill("#f-initiative-date", "2026-11-05")
    page.fill("#f-initiative-title", "Жамаат муктаждыктарын биргелешип аныктоо тууралуу")
    page.fill("#f-order-date", "2026-11-20")
    page.select_option("#f-responsible", "lip-004")
    page.select_option("#f-group-chair-person", "lip-002")
    page.select_option("#f-group-secretary-person", "lip-003")
    for i, person in enumerate(MEMBERS):
        page.click("button[name=_add][value='group.members']")
        page.select_option(f"#f-group-members-{i}-person", person)
    page.click("#f-group-members-5 summary")      # the folded "other position" fields
    page.fill("#f-group-members-5-position", "Айыл аймагынын жаштар кеңешинин өкүлү")
    assert "Мамбетова Айгүл Бакировна" in page.inner_text("#f-group-secretary-person")
    page.click("button[name=_save]")
    assert page.url == url + "/case/1"
    assert "Кеңештин демилгеси катталды" in page.inner_text(".state")
    # the draft before anything is recorded
    page.click("form[action='/case/1/preview'] button")
    draft = page.inner_text(".paper")
    assert "Асанов" in draft or "башчысы" in draft
    assert "Айыл аймагынын жаштар кеңешинин өкүлү" in draft
    page.click("text=Ишке кайтуу")
    page.click("button[name=step][value=draft_order]")
    assert "Тескеменин долбоору даярдалды" in page.inner_text("[role=status]")
    assert page.locator("button[name=step][value=sign_order]").count() == 0
    assert "айыл өкмөтүнүн башчысы" in page.inner_text(".step")
    clerk.close()

    head = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True,
                               locale="ru-RU")
    page = head.new_page()
    log_in(page, url, "head")
    assert "Тескемеге кол коюу жана каттоо" in page.inner_text("section.card")
    page.click("text=№ 1 >> nth=0")
    page.click("button[name=step][value=sign_order]")
    assert "№ 12" in page.inner_text("[role=status]")
    with page.expect_download() as download:
        page.click("a[href='/case/1/document/2']")
    data = Path(download.value.path()).read_bytes()
    text = plain("\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs))
    assert "№ 12" in text
    assert "Айыл аймагынын жаштар кеңешинин өкүлү" in text + "\n".join(
        c.text for t in docx.Document(io.BytesIO(data)).tables for r in t.rows for c in r.cells)
    head.close()
