"""Every page of ``muni serve`` in a real browser at an office screen's size (1366×768), on the
demo's registry with a few working-group cases more — what a clerk, the head and a reviewer
see. Each page is checked for what it must say, and a Kyrgyz page for English it must not.

Screenshots go to ``$MUNI_SCREENSHOTS`` when set (``docs/screenshots`` holds the committed
ones: ``MUNI_SCREENSHOTS=docs/screenshots .venv/bin/pytest tests/webui/test_screens.py``),
else to the test's temporary folder.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest

from muni.engine import Engine, GuardFailed
from muni.engine.sample import EXAMPLES
from muni.web.routes import create_app
from webui.helpers import Clock, LiveServer

#: The machine's day: the registry dates the cases it opens by the machine's clock, so the
#: pages' steps are taken that day too (the demo's dated acts lie before it).
TODAY = dt.date.today()
SCREEN = {"width": 1366, "height": 768}
#: Latin words a Kyrgyz page may show: the program's name, file formats, the demo's logins.
LATIN_ALLOWED = {"muni", "PDF", "docx", "SHA", "xlsx", "csv", "CSV", "UTF", "aigul", "bakyt",
                 "meder", "gulnara"}


@pytest.fixture(scope="module")
def office(tmp_path_factory) -> Path:
    """The demo's registry, and three working-group cases opened by the clerk: two ready to
    draft, one whose group is too small (a rule stops it)."""
    out = tmp_path_factory.mktemp("screens")
    result = Engine.demo(out, today=TODAY, lang="ky")
    engine = Engine(Path(result["db"]))
    clerk = engine.authenticate("aigul", "aigul-demo")
    data = Engine.read_case_data(EXAMPLES / "working_group_case.yaml")
    for _ in range(2):
        engine.open_case("working_group", "lipenka", data, actor=clerk)
    small = {**data, "group": {**data["group"], "members": data["group"]["members"][:2]}}
    small_case = engine.open_case("working_group", "lipenka", small, actor=clerk)["case"]
    with pytest.raises(GuardFailed):     # refused, and recorded in the attempts log
        engine.advance(small_case, actor=clerk, today=TODAY)
    engine.close()
    return Path(result["db"])


@pytest.fixture
def server(office):
    clock = Clock(dt.datetime.now(dt.UTC))
    with LiveServer(create_app(Engine(office), now=clock)) as live:
        yield live


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("MUNI_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def session(browser, url: str, login: str, lang: str = "ky"):
    context = browser.new_context(viewport=SCREEN, locale="ru-RU")
    page = context.new_page()
    page.goto(url + "/login")
    if lang == "ru":
        page.click("button[value=ru]")
    page.fill("#login", login)
    page.fill("#password", f"{login}-demo")
    page.click("form[action='/login'] button[type=submit]")
    assert page.url == url + "/", page.inner_text("body")
    return context, page


def latin_words(page) -> set[str]:
    """Latin-script words the reader sees (the main part of the page, not the URL bar)."""
    text = re.sub(r"\b[0-9a-f]{8,}\b|\bkg-\d{4}\b", "",    # hashes, rule profiles' ids
                  page.inner_text("main"))
    return {w for w in re.findall(r"[A-Za-z][A-Za-z'’-]+", text)} - LATIN_ALLOWED


def shot(page, shots: Path, name: str) -> None:
    page.screenshot(path=str(shots / f"web-{name}.png"), full_page=True)


def test_every_page_as_the_clerk_the_head_and_the_admin(browser, server, office, shots):
    url = server.url
    login_page = browser.new_context(viewport=SCREEN).new_page()
    login_page.goto(url + "/login")
    shot(login_page, shots, "login")
    login_page.context.close()

    context, page = session(browser, url, "aigul")
    assert page.inner_text("h1") == "Мени күтүп турган иштер"
    assert "Тескеменин долбоорун даярдоо" in page.inner_text("main")     # her next steps
    shot(page, shots, "home")

    # a new case: choose the procedure, then its form
    page.goto(url + "/cases/new")
    shot(page, shots, "new-case")
    page.select_option("#workflow", "working_group")
    page.click("button[type=submit].primary")
    assert page.inner_text("h1").startswith("Жаңы иш")
    shot(page, shots, "form")

    # the first of the new cases: draft the order after reading the draft
    page.goto(url + "/case/11")
    assert "Кеңештин демилгеси катталды" in page.inner_text(".state")
    page.click("form[action='/case/11/preview'] button")
    assert page.locator(".paper").count() >= 1
    shot(page, shots, "preview")
    page.goto(url + "/case/11")
    page.click("button[name=step][value=draft_order]")
    assert "Тескеменин долбоору даярдалды" in page.inner_text("[role=status]")
    assert page.locator("button[name=step][value=sign_order]").count() == 0
    page.goto(url + "/case/11/data")
    shot(page, shots, "data")

    # the batch: the dry run of drafting the others, then the run
    page.goto(url + "/batch?municipality=lipenka&step=working_group:draft_order&dry=1")
    main = page.inner_text("main")
    assert "Жасалмак: 1" in main and "№ 13" in main
    assert "Жумушчу топтун курамы алты адамдан кем эмес" in main     # why № 13 stops, in Kyrgyz
    assert latin_words(page) == set()
    shot(page, shots, "batch-dry-run")
    page.click("form[action='/batch/run'] button")
    page.wait_for_selector("[role=status]:has-text('Жасалды')", timeout=60_000)
    shot(page, shots, "batch-done")

    page.goto(url + "/registry")
    shot(page, shots, "registry")
    page.goto(url + "/registry/lipenka")
    assert "Асанов" in page.inner_text("main")
    shot(page, shots, "municipality")
    page.goto(url + "/registry/import")
    shot(page, shots, "import")
    page.goto(url + "/acts")
    shot(page, shots, "acts")
    page.goto(url + "/acts/3")
    assert "депутаттардын жалпы санынын көпчүлүгү" in page.inner_text("main")   # the majority
    assert latin_words(page) == set()
    shot(page, shots, "act")
    page.goto(url + "/integrity")
    assert "Жумушчу топтун курамы алты адамдан кем эмес" in page.inner_text("main")
    assert latin_words(page) == set()
    shot(page, shots, "integrity")
    context.close()

    # the head signs what the clerk drafted; the case page shows him the button
    context, page = session(browser, url, "bakyt")
    page.goto(url + "/case/11")
    assert page.locator("button[name=step][value=sign_order]").count() == 1
    shot(page, shots, "case")
    assert latin_words(page) == set()
    page.click("button[name=step][value=sign_order]")
    assert "Жумушчу топту түзүү тууралуу тескеме №" in page.inner_text("[role=status]")
    shot(page, shots, "case-signed")
    context.close()

    context, page = session(browser, url, "bakyt", lang="ru")
    page.goto(url + "/case/11")
    assert "Распоряжение о создании рабочей группы" in page.inner_text("main")
    shot(page, shots, "case-ru")
    context.close()


ROOT = Path(__file__).resolve().parents[2]


def english_phrases() -> set[str]:
    """Every run of three or more English words in the English catalogs — the rules'
    (``workflows/messages/en.ftl``, between their placeables) and the interface's (the
    msgids of ``web/locale``) — as a reader would see it."""
    lines = [line.split("=", 1)[1] if "=" in line else re.sub(r"^\s*\*?\[[^]]*]", "", line)
             for line in (ROOT / "workflows/messages/en.ftl").read_text().splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    po = (ROOT / "web/locale/ky/LC_MESSAGES/messages.po").read_text()
    lines += [m.replace('\\"', '"') for m in re.findall(r'^msgid "(.+)"$', po, re.MULTILINE)]
    phrases = set()
    for text in lines:
        while (simpler := re.sub(r"\{[^{}]*\}", "|", text)) != text:    # placeables, nested
            text = simpler
        for fragment in re.split(r"\||%\(\w+\)[sd]", text):
            words = re.findall(r"[A-Za-z][A-Za-z']*", fragment)
            if len(words) >= 3:
                phrases.add(" ".join(fragment.split()).strip(" .,;:()'«»"))
    return phrases


def test_a_kyrgyz_case_page_has_no_english(browser, server):
    """Documents, states, steps and rules by their titles, the rules' values and bases, the
    history (each past step's rules unfolded) and the refused attempts: a Kyrgyz case page
    shows nothing of the English catalogs — rules or interface — whichever procedure and
    state; and so do an act's chain (the majority its vote required) and the start page."""
    phrases = english_phrases()
    assert len(phrases) > 300 and "the group has" in phrases      # the catalogs were read
    context, page = session(browser, server.url, "bakyt")
    for path in ("/case/1", "/case/2", "/case/3", "/case/5", "/case/13", "/acts/3", "/"):
        page.goto(server.url + path)
        page.eval_on_selector_all("details", "all => all.forEach(d => d.open = true)")
        text = " ".join(page.inner_text("main").split())
        assert [p for p in phrases if p in text] == [], path
    for case in (1, 13):                      # the working group's pages: not a Latin word
        page.goto(f"{server.url}/case/{case}")
        assert latin_words(page) == set(), case
    attempts = page.inner_text("section:has(h2:text('Четке кагылган аракеттер'))")
    assert "Жумушчу топтун курамы алты адамдан кем эмес" in attempts   # the refused try
    context.close()

    context, page = session(browser, server.url, "bakyt", lang="ru")     # and in Russian
    for path in ("/case/1", "/case/2", "/case/3", "/acts/3"):
        page.goto(server.url + path)
        page.eval_on_selector_all("details", "all => all.forEach(d => d.open = true)")
        text = " ".join(page.inner_text("main").split())
        assert [p for p in phrases if p in text] == [], path
    context.close()
