"""Fixtures of the web interface: an app on a sample registry, a test client, a browser.

The browser is Debian's ``chromium`` driven by Playwright's Python package with
``executable_path``: Playwright's own browser downloads are never used (``playwright
install`` would fetch one from the internet). Where chromium is absent the browser tests skip
and say why.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from muni.engine import Engine
from muni.engine.sample import registry
from muni.web.routes import create_app
from webui.helpers import Clock, LiveServer, add_accounts

#: Flags for a headless Chromium on a closed network: no sandbox (root in CI), and none of
#: the background connections (updates, sync, safe browsing lists) a closed network refuses.
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"]


@pytest.fixture
def web_db_path(tmp_path) -> Path:
    """A registry with the sample municipality and the test accounts."""
    path = tmp_path / "muni.db"
    db = registry(path)
    add_accounts(db)
    db.close()
    return path


@pytest.fixture
def clock() -> Clock:
    return Clock(dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.UTC))


@pytest.fixture
def app(web_db_path, clock):
    return create_app(Engine(web_db_path), now=clock)


@pytest.fixture
def client(app) -> Iterator[TestClient]:
    with TestClient(app, follow_redirects=False) as c:
        yield c


# --- a real browser -----------------------------------------------------------------------

@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.skip("Debian's chromium is not installed (scripts/bootstrap installs it as "
                    "root: apt-get install chromium); browser tests skipped")
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_FLAGS)
        yield b
        b.close()


@pytest.fixture
def live_server(app) -> Iterator[LiveServer]:
    with LiveServer(app) as server:
        yield server
