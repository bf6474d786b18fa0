"""The engine's public API (``muni.engine.Engine``, docs/api.md), as the web and the CLI use it."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from muni.engine import Actor, Engine, GuardFailed, NotFound, StateError
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
