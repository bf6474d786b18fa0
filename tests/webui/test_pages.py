"""The pages of `muni serve` through Starlette's TestClient: every route in both languages,
the case opened through the form, steps by who may take them, reach of each account."""

from __future__ import annotations

import io
import json
import re
import shutil
import urllib.parse

import docx
import pytest
import yaml
from starlette.routing import Route
from starlette.testclient import TestClient

from muni.engine import Actor, identity
from muni.engine.locale.typography import plain
from muni.engine.sample import EXAMPLES, copy_municipalities, open_cases
from muni.registry import cases
from muni.registry import db as regdb
from muni.web import forms
from webui.form_helpers import draw, schema, submitted
from webui.helpers import PASSWORD, csrf_of, log_in

EXAMPLE = json.loads(json.dumps(yaml.safe_load(
    (EXAMPLES / "working_group_case.yaml").read_text("utf-8")), default=str))


def post_form(client: TestClient, path: str, pairs: list[tuple[str, str]]):
    """POST name/value pairs as a browser does (repeated names kept, in order)."""
    body = urllib.parse.urlencode(pairs + [("csrf", csrf_of(client, "/"))])
    return client.post(path, content=body,
                       headers={"content-type": "application/x-www-form-urlencoded"})


def open_through_form(client: TestClient, doc: dict = EXAMPLE) -> object:
    pairs = submitted(draw(forms.build(schema("working_group"), doc)))
    return post_form(client, "/cases/new", pairs + [("workflow", "working_group"),
                                                     ("municipality", "lipenka")])


@pytest.fixture
def other_case(web_db_path, tmp_path) -> int:
    """A working-group case of another municipality (m0001), with an account of its clerk."""
    db = regdb.connect(web_db_path)
    copy_municipalities(db, 1, tmp_path)
    open_cases(db, ["m0001"], 1)
    identity.add_account(db, "other", person="m0001-003", password=PASSWORD, roles=["clerk"],
                         by=identity.account_actor(db, "admin"))
    return max(c["id"] for c in cases.select(db, municipality="m0001"))


def as_user(app, login: str) -> TestClient:
    client = TestClient(app, follow_redirects=False)
    log_in(client, login)
    return client


def test_a_case_opened_through_the_form_holds_exactly_the_example(client, web_db_path):
    log_in(client)
    opened = open_through_form(client)
    assert opened.status_code == 303 and opened.headers["location"] == "/case/1"
    stored = cases.get(regdb.connect(web_db_path), 1)
    assert stored["data"] == EXAMPLE      # what `muni case new --data example.yaml` stores
    assert stored["state"] == "initiative_recorded"


def test_a_missing_field_is_named_in_kyrgyz_and_nothing_is_written(client, web_db_path):
    log_in(client)
    doc = json.loads(json.dumps(EXAMPLE))
    del doc["initiative"]["date"]
    refused = open_through_form(client, doc)
    assert refused.status_code == 400
    assert ('<a href="#f-initiative-date">Кеңештин демилгеси › Күнү</a>: '
            "Бул талааны толтуруңуз.") in refused.text
    assert 'id="f-initiative-date-error">Бул талааны толтуруңуз.</p>' in refused.text
    assert cases.select(regdb.connect(web_db_path)) == []


def test_an_unknown_person_is_refused_by_the_engine_with_its_reason(client, web_db_path):
    log_in(client)
    doc = json.loads(json.dumps(EXAMPLE))
    doc["responsible"] = "lip-999"
    refused = open_through_form(client, doc)
    assert refused.status_code == 400
    assert "lip-999" in refused.text
    assert cases.select(regdb.connect(web_db_path)) == []


def test_every_page_renders_in_kyrgyz_and_russian(app, client):
    log_in(client)
    open_through_form(client)
    token = csrf_of(client, "/")
    client.post("/case/1/step", data={"csrf": token, "trigger": "draft_order"})
    preview = client.post("/case/1/preview", data={"csrf": token, "trigger": "sign_order"})
    draft = re.search(r'href="(/case/1/preview/[^"]+)"', preview.text).group(1)
    pages = ["/", "/cases/new", "/cases/new?workflow=working_group&municipality=lipenka",
             "/case/1", "/case/1/data"]
    words = {"ky": ["Мени күтүп турган иштер", "Жаңы иш", "Кеңештин демилгеси", "Тарых",
                    "Иштин маалыматтары"],
             "ru": ["Что ждёт меня", "Новое дело", "Инициатива кенеша", "История",
                    "Данные дела"]}
    for lang in ("ky", "ru"):
        client.post("/lang", data={"csrf": token, "lang": lang, "next": "/"})
        for path, word in zip(pages, words[lang], strict=True):
            page = client.get(path)
            assert page.status_code == 200, path
            assert f'<html lang="{lang}">' in page.text and word in page.text, (lang, path)
        assert client.get("/case/1/diagram.svg").headers["content-type"] == "image/svg+xml"
        assert client.get(draft).status_code == 200
        assert client.get("/case/1/document/1").status_code == 200
    routes = {r.path for r in app.routes if isinstance(r, Route)}
    assert routes == {"/", "/login", "/logout", "/lang", "/cases/new", "/case/{case_id:int}",
                      "/case/{case_id:int}/diagram.svg", "/case/{case_id:int}/data",
                      "/case/{case_id:int}/step", "/case/{case_id:int}/preview",
                      "/case/{case_id:int}/preview/{name}",
                      "/case/{case_id:int}/document/{doc_id:int}",
                      "/case/{case_id:int}/document/{doc_id:int}/pdf", "/favicon.ico",
                      "/registry", "/registry/import", "/registry/{code}", "/acts",
                      "/acts/{case_id:int}", "/integrity", "/batch", "/batch/run",
                      "/batch/{job_id}"}


def test_every_post_route_with_parameters_refuses_a_missing_csrf_token(app, client):
    log_in(client)
    open_through_form(client)
    for route in app.routes:
        if isinstance(route, Route) and "POST" in route.methods:
            path = route.path.replace("{case_id:int}", "1")
            response = client.post(path, data={"trigger": "draft_order", "lang": "ru"})
            assert response.status_code == 403, path
    assert cases.get(regdb.connect(client.app.state.web.db_path), 1)["state"] == \
        "initiative_recorded"


def test_the_clerk_drafts_cannot_sign_and_the_head_signs(app, web_db_path):
    clerk = as_user(app, "clerk")
    open_through_form(clerk)
    token = csrf_of(clerk, "/")
    drafted = clerk.post("/case/1/step", data={"csrf": token, "trigger": "draft_order"})
    assert drafted.status_code == 200
    assert "Азыр: <strong>Тескеменин долбоору даярдалды</strong>" in drafted.text
    page = clerk.get("/case/1")
    assert 'name="step" value="sign_order"' not in page.text    # no button for the clerk
    assert "Бул кадамды булар гана жасай алат: айыл өкмөтүнүн башчысы." in page.text
    refused = clerk.post("/case/1/step", data={"csrf": token, "trigger": "sign_order"})
    assert refused.status_code == 409       # enforced on the server, whatever the page shows
    db = regdb.connect(web_db_path)
    assert cases.get(db, 1)["state"] == "order_drafted"
    # the engine's refusal, recorded by the engine: four eyes comes before who: there
    attempt = list(db.query("SELECT login, action, refused_by, case_id FROM attempts"))[-1]
    assert attempt == {"login": "clerk", "action": "sign_order", "refused_by": "four_eyes",
                       "case_id": 1}

    head = as_user(app, "head")
    page = head.get("/case/1")
    assert 'name="step" value="sign_order"' in page.text
    signed = head.post("/case/1/step", data={"csrf": csrf_of(head, "/"),
                                             "trigger": "sign_order"})
    assert signed.status_code == 200
    assert cases.get(db, 1)["state"] == "order_registered"
    assert "Жумушчу топту түзүү тууралуу тескеме № 12" in signed.text
    order = head.get("/case/1/document/2")
    assert order.headers["content-type"].startswith("application/vnd.openxmlformats")
    text = plain("\n".join(p.text for p in docx.Document(io.BytesIO(order.content)).paragraphs))
    assert "№ 12" in text and "ТЕСКЕМЕ" in text.upper()
    if shutil.which("soffice") or shutil.which("libreoffice"):
        pdf = head.get("/case/1/document/2/pdf")
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
        assert pdf.headers["content-disposition"].startswith("inline")
        # the PDF log names who asked for the PDF, not an anonymous "muni"
        made = list(db.query("SELECT actor FROM pdfs WHERE document_id = 2"))
        assert made and made[-1]["actor"] == "head"


def test_four_eyes_the_head_who_drafted_cannot_sign(app, web_db_path):
    head = as_user(app, "head")
    open_through_form(head)
    token = csrf_of(head, "/")
    assert head.post("/case/1/step", data={"csrf": token,
                                           "trigger": "draft_order"}).status_code == 200
    page = head.get("/case/1")
    assert 'name="step" value="sign_order"' not in page.text
    refused = head.post("/case/1/step", data={"csrf": token, "trigger": "sign_order"})
    assert refused.status_code == 409
    assert "Бул кадамды сиз даярдадыңыз" in refused.text
    assert "Четке кагылган аракеттер" in head.get("/case/1").text      # on the case page
    assert cases.get(regdb.connect(web_db_path), 1)["state"] == "order_drafted"


def test_another_municipalitys_case_is_not_found(app, other_case):
    clerk = as_user(app, "clerk")
    token = csrf_of(clerk, "/")
    for path in (f"/case/{other_case}", f"/case/{other_case}/diagram.svg",
                 f"/case/{other_case}/data", f"/case/{other_case}/document/1"):
        assert clerk.get(path).status_code == 404, path
    for path in (f"/case/{other_case}/step", f"/case/{other_case}/preview",
                 f"/case/{other_case}/data"):
        assert clerk.post(path, data={"csrf": token, "trigger": "draft_order"}
                          ).status_code == 404, path
    assert clerk.get("/case/999").status_code == 404
    assert as_user(app, "other").get(f"/case/{other_case}").status_code == 200


def test_a_reviewer_reads_every_case_and_changes_none(app, web_db_path, other_case):
    db = regdb.connect(web_db_path)
    identity.add_account(db, "prosecutor", person="lip-010", password=PASSWORD,
                         roles=["reviewer"], by=identity.account_actor(db, "admin"))
    reviewer = as_user(app, "prosecutor")
    page = reviewer.get(f"/case/{other_case}")
    assert page.status_code == 200
    assert 'name="step"' not in page.text and "Сиздин каттоо эсебиңиз окуй гана алат." in page.text
    refused = reviewer.post(f"/case/{other_case}/step",
                            data={"csrf": csrf_of(reviewer, "/"), "trigger": "draft_order"})
    assert refused.status_code == 403
    assert cases.get(db, other_case)["state"] == "initiative_recorded"
    # the page says which rule refused (the CLI's exit 13: who:), and the engine recorded it
    assert "Кадам жасалган жок." in refused.text
    assert ("Бул кадамды булар гана жасай алат: айыл өкмөтүнүн кызматкерлери, иш кагаздарын "
            "жүргүзүүчү." in refused.text)
    assert "only staff or clerk may take this step" not in refused.text   # no English
    attempt = list(db.query("SELECT login, action, refused_by FROM attempts"))[-1]
    assert attempt == {"login": "prosecutor", "action": "draft_order", "refused_by": "who"}


def test_adding_a_row_draws_the_form_again_and_saves_nothing(client, web_db_path):
    log_in(client)
    open_through_form(client)
    db = regdb.connect(web_db_path)
    before = db.execute("SELECT count(*) FROM audit").fetchone()[0]
    page = client.get("/case/1/data")
    pairs = [(k, v) for k, v in submitted(page.text) if k not in ("csrf", "lang", "next")]
    again = post_form(client, "/case/1/data", pairs + [("_add", "group.members")])
    assert again.status_code == 200
    assert 'name="group.members.6.person"' in again.text
    assert db.execute("SELECT count(*) FROM audit").fetchone()[0] == before
    saved = post_form(client, "/case/1/data", submitted(again.text.split("<main>")[1]))
    assert saved.status_code == 303
    assert cases.get(db, 1)["data"] == EXAMPLE     # the empty row is not stored


def test_registry_pages_in_both_languages_and_reach(app, other_case):
    clerk = as_user(app, "clerk")
    for lang, words in (("ky", ["Реестр", "Кызматтар жана алардын мөөнөттөрү", "Аягы"]),
                        ("ru", ["Реестр", "Должности и сроки полномочий", "По"])):
        clerk.post("/lang", data={"csrf": csrf_of(clerk, "/"), "lang": lang, "next": "/"})
        listing = clerk.get("/registry")
        assert listing.status_code == 200 and words[0] in listing.text
        assert 'href="/registry/lipenka"' in listing.text and "m0001" not in listing.text
        page = clerk.get("/registry/lipenka")
        assert page.status_code == 200 and words[1] in page.text and words[2] in page.text
        assert "Асанов Бакыт Кадырбекович" in page.text
    assert clerk.get("/registry/m0001").status_code == 404
    assert clerk.get("/registry/import").status_code == 403      # importing is an admin's


def workbook_bytes(rows: list[list]) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "people"
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_admin_imports_a_workbook_all_or_nothing(app, web_db_path):
    admin = as_user(app, "admin")
    assert "Excel же CSV" in admin.get("/registry/import").text
    bad = workbook_bytes([["id", "municipality", "name", "sex"],
                          ["lip-501", "lipenka", "Үсөнов Ңурлан", "m"],
                          ["lip-502", "lipenka", "Асанова Гүлнара", "x"]])
    token = csrf_of(admin, "/")
    refused = admin.post("/registry/import", data={"csrf": token},
                         files={"file": ("people.xlsx", bad)})
    assert refused.status_code == 400
    assert "people.xlsx: people row 3, field &#39;sex&#39;" in refused.text
    db = regdb.connect(web_db_path)
    assert db.execute("SELECT count(*) FROM people WHERE id LIKE 'lip-50_'").fetchone()[0] == 0
    good = workbook_bytes([["id", "municipality", "name", "sex"],
                           ["lip-501", "lipenka", "Үсөнов Ңурлан", "m"]])
    done = admin.post("/registry/import", data={"csrf": token},
                      files={"file": ("people.xlsx", good)})
    assert done.status_code == 200 and "Жүктөлдү:" in done.text
    assert db.execute("SELECT name FROM people WHERE id = 'lip-501'").fetchone()[0] == \
        "Үсөнов Ңурлан"
    cp1251 = "id;municipality;name;sex\r\nlip-503;lipenka;Асанова;f\r\n".encode("cp1251")
    refused = admin.post("/registry/import", data={"csrf": token},
                         files={"file": ("people.csv", cp1251)})
    assert refused.status_code == 400 and "Windows Cyrillic encoding (cp1251)" in refused.text


def test_acts_register_chain_and_integrity_for_a_reviewer(app, web_db_path):
    from muni.engine import inputs, intake
    from muni.engine.imports import import_files

    db = regdb.connect(web_db_path)
    import_files(db, [EXAMPLES / "council_deputies.yaml"])
    case = intake.open_case(db, "council_decision", "lipenka",
                            inputs.load(EXAMPLES / "council_decision_case.yaml"),
                            actor=Actor.declared("clerk"))
    identity.add_account(db, "prosecutor", person="lip-010", password=PASSWORD,
                         roles=["reviewer"], by=identity.account_actor(db, "admin"))
    reviewer = as_user(app, "prosecutor")
    for lang, word in (("ky", "Актылардын реестри"), ("ru", "Реестр актов")):
        reviewer.post("/lang", data={"csrf": csrf_of(reviewer, "/"), "lang": lang,
                                     "next": "/"})
        register = reviewer.get("/acts?q=бюджет")
        assert register.status_code == 200 and word in register.text
        chain = reviewer.get(f"/acts/{case}")
        assert chain.status_code == 200
        integrity = reviewer.get("/integrity")
        assert integrity.status_code == 200
        assert ("Эч нерсе өзгөртүлгөн эмес" if lang == "ky" else "Ничего не изменено") \
            in integrity.text
    assert as_user(app, "clerk").get("/integrity").status_code == 403


def test_the_integrity_page_lists_the_first_findings_and_counts_the_rest(app, web_db_path,
                                                                          tmp_path, monkeypatch):
    """The page reads the report as it is checked (``engine.verifying``): the first findings
    listed, all of them counted, never a country's report held whole."""
    from test_verify import tamper

    from muni.engine import Engine
    from muni.web import backend

    db = regdb.connect(web_db_path)
    identity.add_account(db, "prosecutor", person="lip-010", password=PASSWORD,
                         roles=["reviewer"], by=identity.account_actor(db, "admin"))
    copy_municipalities(db, 1, tmp_path)
    open_cases(db, ["m0001"], 5)
    db.close()
    tamper(web_db_path, "UPDATE audit SET at = '2001-01-01T00:00:00+00:00' WHERE id <= 4;")
    with Engine(web_db_path) as engine:
        total = len(engine.verify()["findings"])
    assert total >= 4
    monkeypatch.setattr(backend, "SHOWN_FINDINGS", 2)
    monkeypatch.setattr(Engine, "verify", lambda *a, **k: pytest.fail("the whole report"))
    reviewer = as_user(app, "prosecutor")
    reviewer.post("/lang", data={"csrf": csrf_of(reviewer, "/"), "lang": "ru", "next": "/"})
    page = reviewer.get("/integrity")
    assert page.status_code == 200
    assert f"{total} finding(s)" not in page.text          # worded in Russian
    assert page.text.count('<li class="bad">') == 2
    assert (f"Показаны первые 2 из {total} находок; все перечисляет "
            "`muni verify --json`.") in page.text


def wait_for(client: TestClient, job: str) -> str:
    """The batch's page once it has finished (it reloads itself while running)."""
    import time

    for _ in range(300):
        page = client.get(job)
        if 'http-equiv="refresh"' not in page.text:
            return page.text
        time.sleep(0.1)
    raise AssertionError(f"{job} still running")


def test_a_batch_drafts_as_the_clerk_and_signs_as_the_head_each_case_judged_by_person(
        app, web_db_path):
    clerk = as_user(app, "clerk")
    open_through_form(clerk)
    open_through_form(clerk)
    dry = clerk.get("/batch?municipality=lipenka&step=working_group:draft_order&dry=1")
    assert dry.status_code == 200
    assert "Жасалмак: 2" in dry.text and 'action="/batch/run"' in dry.text
    # cases chosen by procedure and state: the steps are offered under their procedure
    chooser = clerk.get("/batch?municipality=lipenka").text
    assert ('<optgroup label="ЖМБА-иш-чаралар комплексин өткөрүү боюнча жумушчу топту түзүү">'
            in chooser)
    assert ('value="working_group:initiative_recorded:draft_order">Кеңештин демилгеси катталды'
            ' → Тескеменин долбоорун даярдоо (иштер: 2)') in chooser
    db = regdb.connect(web_db_path)
    assert {c["state"] for c in cases.select(db)} == {"initiative_recorded"}   # dry: nothing
    started = post_form(clerk, "/batch/run", [("municipality", "lipenka"),
                                              ("step", "working_group:draft_order")])
    assert started.status_code == 303
    job = started.headers["location"]
    assert "Жасалды: 2" in wait_for(clerk, job)
    assert {c["state"] for c in cases.select(db)} == {"order_drafted"}

    # the clerk drafted both: the engine refuses each case on its own, by four eyes
    sign = clerk.get("/batch?municipality=lipenka&step=working_group:sign_order&dry=1")
    assert "Жасалмак: 0" in sign.text and 'action="/batch/run"' not in sign.text
    assert sign.text.count("бул кадамды сиз даярдадыңыз") == 2
    forced = post_form(clerk, "/batch/run", [("municipality", "lipenka"),
                                             ("step", "working_group:sign_order")])
    text = wait_for(clerk, forced.headers["location"])
    assert "Жасалды: 0" in text and "токтотулду: 2" in text
    assert {c["state"] for c in cases.select(db)} == {"order_drafted"}

    head = as_user(app, "head")
    dry = head.get("/batch?municipality=lipenka&step=working_group:sign_order&dry=1")
    assert "Жасалмак: 2" in dry.text
    signed = post_form(head, "/batch/run", [("municipality", "lipenka"),
                                            ("step", "working_group:sign_order")])
    text = wait_for(head, signed.headers["location"])
    assert "Жасалды: 2" in text and "№ 12" in text and "№ 13" in text
    assert {c["state"] for c in cases.select(db)} == {"order_registered"}
    assert [a["account"] for a in db.query("SELECT account FROM audit WHERE trigger = "
                                         "'sign_order'")] == ["head", "head"]
    assert clerk.get("/batch?municipality=m0001&step=working_group:draft_order&dry=1"
                     ).status_code == 404
    other = as_user(app, "admin")
    assert other.get(job).status_code == 404            # a batch is its owner's to watch


def test_district_staff_see_the_dry_run_across_the_rayon(app, web_db_path, other_case):
    """A district account chooses every municipality of its rayon at once; the dry run judges
    each case for it: in m0001, where its person is on the staff, the step would be taken; in
    Lipenka the step is the municipality's own staff's (who:), said in words."""
    clerk = as_user(app, "clerk")
    open_through_form(clerk)
    db = regdb.connect(web_db_path)
    identity.add_account(db, "rayon", person="m0001-004", password=PASSWORD,
                         roles=["district"], by=identity.account_actor(db, "admin"))
    district = as_user(app, "rayon")
    chooser = district.get("/batch").text
    assert '<option value="" selected>Менин бардык айыл аймактарым (2)</option>' in chooser
    assert "(иштер: 2)" in chooser                         # one case in each municipality
    dry = district.get("/batch?municipality=&step=working_group:initiative_recorded:draft_order"
                       "&dry=1")
    assert dry.status_code == 200
    rows = {int(case): status for status, case in
            re.findall(r'<tr class="(\w+)">\s*<td><a href="/case/(\d+)">', dry.text)}
    assert rows == {other_case: "advanced", 2: "blocked"}
    assert "сиздин каттоо эсебиңиз бул жерде бул кадамды жасай албайт" in dry.text
    assert "only staff or clerk may take this step" not in dry.text       # no English
    assert "Жасалмак: 1" in dry.text and 'action="/batch/run"' in dry.text
    assert {c["state"] for c in cases.select(db)} == {"initiative_recorded"}     # dry: nothing
