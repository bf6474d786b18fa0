"""Helpers of the web tests: test accounts, a settable clock, logging in, a live server."""

from __future__ import annotations

import datetime as dt
import re
import socket
import threading
import time

from starlette.testclient import TestClient

PASSWORD = "Өрүк-2026"
#: Accounts of the sample municipality: login → (person, roles). The first is the admin.
ACCOUNTS = {"admin": ("lip-002", ["admin"]), "clerk": ("lip-003", ["clerk"]),
            "head": ("lip-001", ["clerk"])}


def add_accounts(db) -> None:
    """The test accounts, all with ``PASSWORD``, added as ``muni user add`` adds them."""
    from muni.engine import identity

    admin = None
    for login, (person, roles) in ACCOUNTS.items():
        identity.add_account(db, login, person=person, password=PASSWORD, roles=roles,
                             by=admin)
        if admin is None:
            admin = identity.account_actor(db, login)


class Clock:
    """A settable 'now' for session expiry."""

    def __init__(self, start: dt.datetime):
        self.moment = start

    def __call__(self) -> dt.datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += dt.timedelta(**delta)


def csrf_of(client: TestClient, path: str = "/login") -> str:
    """The CSRF token of the form on ``path``."""
    page = client.get(path)
    match = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert match, f"no CSRF field on {path}"
    return match.group(1)


def log_in(client: TestClient, login: str = "clerk", password: str = PASSWORD):
    response = client.post("/login", data={"csrf": csrf_of(client), "login": login,
                                           "password": password, "next": "/"})
    assert response.status_code == 303, response.text
    return response


class LiveServer:
    """uvicorn serving an app on a free loopback port, in a thread of the test process."""

    def __init__(self, app):
        import uvicorn

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port,
                                                    log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


