"""The README's promise: `./scripts/demo` leaves a registry a newcomer opens with `muni serve`
and logs in to with the accounts the demo prints."""

from __future__ import annotations

import io
import re

import docx
from click.testing import CliRunner
from starlette.testclient import TestClient

from muni.cli import main
from muni.engine import Engine
from muni.web.routes import create_app
from webui.helpers import log_in


def test_the_demo_registry_opens_in_serve_and_its_printed_accounts_log_in(tmp_path):
    out = tmp_path / "demo"
    result = CliRunner().invoke(main, ["demo", "--out", str(out)],
                                env={"MUNI_TODAY": "2026-11-21"})
    assert result.exit_code == 0, result.output
    db = out / "muni.db"
    assert f"`muni --db {db.resolve()} serve`" in result.output
    printed = dict(re.findall(r"^  (\w+) +password (\S+) ", result.output, re.MULTILINE))
    assert set(printed) == {"aigul", "bakyt", "meder", "gulnara"}

    app = create_app(Engine(db))
    names = {"aigul": "А. Б. Мамбетова", "bakyt": "Б. К. Асанов", "meder": "М. А. Абдылдаев",
             "gulnara": "Г. М. Сыдыкова"}
    for login, password in printed.items():
        with TestClient(app, follow_redirects=False) as client:
            log_in(client, login, password)
            home = client.get("/")
            assert home.status_code == 200 and names[login] in home.text
            assert "Мени күтүп турган иштер" in home.text
            if login == "aigul":
                # a case a rule stops is listed once, by its procedure's way on: an act in
                # force is not listed again for every event that may follow (protest, repeal)
                stopped = home.text.split("Эреже токтоткон иштер")[1].split("</section>")[0]
                listed = re.findall(r'<a href="/case/(\d+)">', stopped)
                assert listed and len(listed) == len(set(listed)), listed
                assert "Прокурордун актысын каттоо" not in stopped

    # the head reads the order he signed in the demo, by its title, and downloads it
    with TestClient(app, follow_redirects=False) as head:
        log_in(head, "bakyt", printed["bakyt"])
        case = head.get("/case/1")
        assert case.status_code == 200
        assert "Жумушчу топ иштеп жатат" in case.text           # the state, by its title
        link = re.search(r'href="(/case/1/document/\d+)"[^>]*>Жумушчу топту түзүү тууралуу '
                         r'тескеме № \d+', case.text)
        assert link, "the signed order is listed by its title and number"
        order = head.get(link.group(1))
        assert order.status_code == 200
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(order.content)).paragraphs)
        assert "ТЕСКЕМЕ" in text.upper()
