"""The engine's public API (``muni.engine.Engine``, docs/api.md), as the web and the CLI use it."""

from __future__ import annotations

import datetime as dt
import shutil
import threading

import pytest

from muni.engine import Actor, Engine, Forbidden, GuardFailed, NotFound, StateError
from muni.engine.sample import EXAMPLES, SAMPLE_MUNICIPALITY

TODAY = dt.date(2026, 11, 21)
CLERK, HEAD = Actor.declared("clerk"), Actor.declared("head")


@pytest.fixture
def engine(tmp_path):
    e = Engine(tmp_path / "muni.db")
    assert e.init() == {"db": str((tmp_path / "muni.db").resolve()), "created": True}
    e.import_files([SAMPLE_MUNICIPALITY])
    yield e
    e.close()


def test_a_case_from_opening_to_a_numbered_order(engine, tmp_path):
    data = Engine.read_case_data(EXAMPLES / "working_group_case.yaml")
    opened = engine.open_case("working_group", "lipenka", data, actor=CLERK)
    case = opened["case"]
    assert opened == {"case": case, "workflow": "working_group", "municipality": "lipenka",
                      "state": "initiative_recorded"}
    explained = engine.explain(case, today=TODAY)
    assert [t["trigger"] for t in explained["triggers"]] == ["draft_order"]
    assert all(g["ok"] for g in explained["triggers"][0]["guards"])
    drafted = engine.advance(case, actor=CLERK, today=TODAY)
    assert (drafted["from"], drafted["to"]) == ("initiative_recorded", "order_drafted")
    with pytest.raises(StateError, match="needs a second person"):
        engine.advance(case, actor=CLERK, today=TODAY)
    signed = engine.advance(case, actor=HEAD, today=TODAY)
    assert signed["documents"][0]["number"] == 12
    assert signed["documents"][0]["path"].startswith(str((tmp_path / "documents").resolve()))
    assert [r["trigger"] for r in engine.history(case)] == ["open", "draft_order", "sign_order"]
    assert [(j["series"], j["number"]) for j in engine.journal()] == [("orders", 12)]
    assert engine.verify()["ok"] is True
    assert engine.cases(workflow="working_group")[0]["state"] == "order_registered"


def test_errors_are_typed_and_writes_need_an_actor(engine):
    with pytest.raises(NotFound, match="no case 7"):
        engine.explain(7, today=TODAY)
    data = Engine.read_case_data(EXAMPLES / "working_group_case.yaml")
    with pytest.raises(TypeError, match=r"pass an Actor \(Actor.declared\('clerk'\)\)"):
        engine.open_case("working_group", "lipenka", data, actor="clerk")
    data["group"]["members"] = data["group"]["members"][:1]
    case = engine.open_case("working_group", "lipenka", data, actor=CLERK)["case"]
    with pytest.raises(GuardFailed) as refused:
        engine.advance(case, actor=CLERK, today=TODAY)
    assert any(v["rule"] == "group.min_size" and not v["ok"] for v in refused.value.verdicts)


def test_each_thread_has_its_own_connection(engine):
    """A web server's requests run in threads: a sqlite3 connection must never cross them."""
    seen = {}

    def read(name: str) -> None:
        seen[name] = (engine.db, len(engine.cases()))

    threads = [threading.Thread(target=read, args=(n,)) for n in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen["a"][0] is not seen["b"][0] and seen["a"][0] is not engine.db
    assert seen["a"][1] == seen["b"][1] == 0


def test_a_batch_is_a_stream_of_events(engine):
    data = Engine.read_case_data(EXAMPLES / "working_group_case.yaml")
    for _ in range(2):
        engine.open_case("working_group", "lipenka", data, actor=CLERK)
    events = list(engine.run_batch(actor=CLERK, today=TODAY, workflow="working_group",
                                   jobs=1))
    assert [e.kind for e in events] == ["started", "outcome", "outcome", "finished"]
    assert events[-1].summary.advanced == 2 and events[-1].summary.exit_code() == 0


# --- who sees what, who may take which step (the web's questions, asked of the engine) -------

NOW = dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def office(engine, tmp_path):
    """The sample municipality with accounts: an admin, the secretary (clerk), the head (no
    role: his office decides), a reviewer; a second municipality of the same rayon (m0001)
    with a case, and a district account there."""
    from muni.engine.sample import copy_municipalities, open_cases

    copy_municipalities(engine.db, 1, tmp_path)
    open_cases(engine.db, ["m0001"], 1)
    admin = None
    for login, person, roles in (("admin", "lip-002", ["admin"]),
                                 ("aigul", "lip-003", ["clerk"]),
                                 ("bakyt", "lip-001", []),
                                 ("review", "lip-020", ["reviewer"]),
                                 ("rayon", "m0001-004", ["district"])):
        engine.add_account(login, person=person, password="password-1", roles=roles, by=admin)
        admin = admin or engine.authenticate("admin", "password-1")
    return {login: engine.authenticate(login, "password-1")
            for login in ("admin", "aigul", "bakyt", "review", "rayon")}


def test_may_take_is_the_check_advance_makes(engine, office):
    """The answer the web shows a button from is the one the write path acts on: each
    refusal ``may_take`` gives is the error ``advance`` raises, each yes is a step taken."""
    aigul, bakyt, review = office["aigul"], office["bakyt"], office["review"]
    data = Engine.read_case_data(EXAMPLES / "working_group_case.yaml")
    case = engine.open_case("working_group", "lipenka", data, actor=aigul)["case"]
    may = engine.may_take(case, actor=aigul, today=TODAY)
    assert (may["allowed"], may["rule"], may["trigger"]) == (True, None, "draft_order")
    engine.advance(case, actor=aigul, today=TODAY)

    for actor, rule, error in ((aigul, "four_eyes", StateError), (review, "who", Forbidden)):
        may = engine.may_take(case, "sign_order", actor=actor, today=TODAY)
        assert (may["allowed"], may["rule"]) == (False, rule)
        with pytest.raises(error) as refused:
            engine.advance(case, "sign_order", actor=actor, today=TODAY)
        assert refused.value.message == may["reason"]
        assert refused.value.extra["rule"] == rule
    assert [(a["login"], a["refused_by"]) for a in engine.attempts(case)] == [
        ("aigul", "four_eyes"), ("review", "who")]

    may = engine.may_take(case, "sign_order", actor=bakyt, today=TODAY)
    assert may["allowed"] is True and all(g["ok"] for g in may["guards"])
    assert engine.advance(case, actor=bakyt, today=TODAY)["to"] == "order_registered"
    gone = engine.may_take(case, "sign_order", actor=bakyt, today=TODAY)
    assert (gone["allowed"], gone["rule"]) == (False, "state")


def test_a_rule_that_fails_is_the_refusal_and_explain_says_it_per_actor(engine, office):
    aigul, review = office["aigul"], office["review"]
    data = Engine.read_case_data(EXAMPLES / "working_group_case.yaml")
    data["group"]["members"] = data["group"]["members"][:1]
    case = engine.open_case("working_group", "lipenka", data, actor=aigul)["case"]
    may = engine.may_take(case, actor=aigul, today=TODAY)
    assert (may["allowed"], may["rule"]) == (False, "rules")
    assert "group.min_size" in may["reason"]
    with pytest.raises(GuardFailed):
        engine.advance(case, actor=aigul, today=TODAY)
    view = engine.explain(case, today=TODAY, actor=review)
    [step] = view["triggers"]
    assert step["may"]["rule"] == "who" and step["who"] == ["staff", "clerk"]
    assert step["documents"] == [{"template": "working_group_order", "journal": None,
                                  "draft": True, "title": {
                                      "ky": "Жумушчу топту түзүү тууралуу тескеме",
                                      "ru": "Распоряжение о создании рабочей группы",
                                      "en": "Order forming the working group"}}]
    steps = engine.next_steps(case, actor=aigul, today=TODAY)
    assert [s["trigger"] for s in steps["steps"]] == ["draft_order"]
    assert steps["steps"][0]["may"]["rule"] == "rules" and steps["state"]["name"] == (
        "initiative_recorded")
    failing = engine.next_steps(case, actor=aigul, today=TODAY, lang="ky", failing_only=True)
    assert [g["rule"] for g in failing["steps"][0]["guards"]] == [
        g["rule"] for g in steps["steps"][0]["guards"] if not g["ok"]]
    assert "group.min_size" in {g["rule"] for g in failing["steps"][0]["guards"]}
    assert all(g["lang"] == "ky" for g in failing["steps"][0]["guards"])


def test_reach_decides_what_an_account_sees(engine, office):
    other = engine.cases(municipality="m0001")[0]["id"]
    assert engine.reach(office["aigul"]) == ["lipenka"]
    assert engine.reach(office["bakyt"]) == ["lipenka"]
    assert engine.reach(office["review"]) is None and engine.reach(office["admin"]) is None
    assert sorted(engine.reach(office["rayon"])) == ["lipenka", "m0001"]
    with pytest.raises(NotFound, match=f"no case {other}"):
        engine.case(other, actor=office["aigul"])
    assert engine.case(other, actor=office["rayon"])["municipality"] == "m0001"
    assert [m["code"] for m in engine.municipalities(actor=office["aigul"])] == ["lipenka"]
    assert engine.may_change_data("lipenka", actor=office["review"], today=TODAY)[
        "allowed"] is False
    assert engine.may_change_data("lipenka", actor=office["bakyt"], today=TODAY)[
        "allowed"] is True
    assert engine.may_change_data("m0001", actor=office["aigul"], today=TODAY)["rule"] == (
        "reach")
    assert engine.may_act(["head"], actor=office["bakyt"], municipality="lipenka",
                          on=TODAY)["allowed"] is True


def test_sessions_name_the_account_and_end(engine, office):
    token, session = engine.open_session(office["aigul"], now=NOW, lang="ru")
    live, actor = engine.session(token, now=NOW)
    assert (live.login, live.lang, actor.how, actor.session) == ("aigul", "ru", "session",
                                                                 live.ref)
    engine.set_session_language(token, "ky")
    assert engine.session(token, now=NOW)[0].lang == "ky"
    engine.end_session(token, now=NOW)
    assert engine.session(token, now=NOW) is None
    token, _ = engine.open_session(office["bakyt"], now=NOW)
    engine.set_account_disabled("bakyt", by=office["admin"])
    assert engine.session(token, now=NOW) is None      # disabled since: the session ends


def test_listings_documents_and_titles_through_the_api(engine, office, tmp_path):
    aigul, bakyt = office["aigul"], office["bakyt"]
    data = Engine.read_case_data(EXAMPLES / "working_group_case.yaml")
    case = engine.open_case("working_group", "lipenka", data, actor=aigul)["case"]
    engine.advance(case, actor=aigul, today=TODAY)
    engine.advance(case, actor=bakyt, today=TODAY)
    docs = engine.case_documents(case)
    assert [(d["template"], d["draft"], d["number"], d["title"]["ky"]) for d in docs] == [
        ("working_group_order", True, None, "Жумушчу топту түзүү тууралуу тескеме"),
        ("working_group_order", False, 12, "Жумушчу топту түзүү тууралуу тескеме")]
    path = engine.document_file(case, docs[1]["id"])
    assert path.name.endswith("-no12.ky.docx")
    path.write_bytes(path.read_bytes() + b" ")
    with pytest.raises(NotFound, match="changed after it was registered"):
        engine.document_file(case, docs[1]["id"])
    recent = engine.recent(municipalities=["lipenka"], limit=2)
    assert [(r["trigger"], r["step_title"]["ky"]) for r in recent] == [
        ("sign_order", "Тескемеге кол коюу жана каттоо"),
        ("draft_order", "Тескеменин долбоорун даярдоо")]
    people = {p["id"]: p for p in engine.people("lipenka", on=TODAY)}
    assert people["lip-001"]["positions"].startswith("Айыл өкмөтүнүн башчысы")
    offices = engine.offices("lipenka", on=TODAY)
    assert any(o["role"] == "head" and o["person"] == "lip-001" and o["current"]
               for o in offices)
    wf = Engine.workflow("working_group")
    assert [s["title"]["ky"] for s in wf["states"]][2] == "Тескемеге кол коюлуп, катталды"
    assert [(s["trigger"], s["signing"], s["who"]) for s in wf["steps"]][1] == (
        "sign_order", True, ["head"])
    if shutil.which("dot"):
        svg = engine.case_diagram(case, lang="ky")
        assert "Тескемеге кол коюлуп," in svg and "<title>order_registered</title>" in svg
