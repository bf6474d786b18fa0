"""`muni serve`: the warning on an open address, and a real server answering over HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from click.testing import CliRunner

from muni.cli import main
from muni.web.serve import exposed_without_tls


@pytest.mark.parametrize(("host", "tls", "warned"), [
    ("127.0.0.1", False, False), ("localhost", False, False), ("::1", False, False),
    ("127.0.0.2", False, False), ("0.0.0.0", False, True), ("192.168.1.10", False, True),
    ("office-pc", False, True), ("0.0.0.0", True, False)])
def test_exposed_without_tls(host, tls, warned):
    assert exposed_without_tls(host, tls) is warned


def test_serve_without_a_registry_says_how_to_make_one(tmp_path):
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "none.db"), "serve"])
    assert result.exit_code == 3
    assert "muni init" in result.output


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_on_every_address_warns_and_answers(web_db_path):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "muni.cli", "--db", str(web_db_path), "serve", "--host",
         "0.0.0.0", "--port", str(port)], stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=5) as r:
                    body = r.read().decode()
                    headers = r.headers
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.1)
        assert "Кирүү" in body
        assert headers["X-Frame-Options"] == "DENY"
        assert "server" not in {k.lower() for k in headers}
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=15)
    assert "without --tls CERT KEY: passwords and case data travel in clear" in err
