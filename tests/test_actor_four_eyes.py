"""Every record names who acted, on every path; four eyes cannot be dodged by spelling."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest
from conftest import EXAMPLES

from muni.engine import advance as adv
from muni.engine import intake
from muni.engine import plan as planning
from muni.engine.actor import Actor
from muni.engine.errors import InputError
from muni.registry import audit
from muni.registry.db import write_transaction

CASE = EXAMPLES / "working_group_case.yaml"
NO_ACTOR = "every step needs an actor (--actor or MUNI_ACTOR)"
FOUR_EYES = ("case 1: 'sign_order' needs a second person — '{}' prepared this step; another "
             "actor must confirm it")


def audit_count(muni) -> int:
    return sqlite3.connect(muni.db_path).execute("SELECT count(*) FROM audit").fetchone()[0]


def test_four_eyes_refusal_through_the_cli(sample_muni):
    muni = sample_muni
    muni("case", "new", "working_group", "-m", "lipenka", "--data", CASE)
    muni("advance", 1, actor="clerk")
    result = muni("advance", 1, actor="clerk", ok=False)
    assert result.exit_code == 5
    assert result.stderr == f"Error: {FOUR_EYES.format('clerk')}\n"
    result = muni("advance", 1, "--json", actor="clerk", ok=False)
    assert result.exit_code == 5
    assert json.loads(result.stdout) == {
        "error": "state", "message": FOUR_EYES.format("clerk"), "details": [], "case": 1,
        "rule": "four_eyes"}
    assert audit_count(muni) == 2


@pytest.mark.parametrize("same", ["Clerk", " clerk ", "CLERK", "clerk\u200b", "ｃｌｅｒｋ",
                                  "сlerk", "c\u00adlerk\u2060"])
def test_four_eyes_is_not_dodged_by_case_spaces_or_look_alikes(sample_muni, same):
    """Invisible characters, fullwidth letters and a Cyrillic с (the attacks of the review)
    spell the same name as the drafter's."""
    muni = sample_muni
    muni("case", "new", "working_group", "-m", "lipenka", "--data", CASE)
    muni("advance", 1, actor="clerk")
    result = muni("advance", 1, actor=same, ok=False)
    assert result.exit_code == 5
    assert FOUR_EYES.format(same) in result.stderr


def test_a_data_change_makes_its_author_a_preparer_too(sample_muni):
    muni = sample_muni
    muni("case", "new", "working_group", "-m", "lipenka", "--data", CASE)
    muni("advance", 1, actor="clerk")
    change = muni.write("change.yaml", "responsible: lip-002\n")
    muni("case", "update", 1, "--data", change, actor="head")
    result = muni("advance", 1, actor="head", ok=False)
    assert result.exit_code == 5 and FOUR_EYES.format("head") in result.stderr
    muni("advance", 1, actor="deputy")


@pytest.mark.parametrize("actor", ["", "   "])
def test_every_writing_command_refuses_a_blank_actor(sample_muni, actor):
    muni = sample_muni
    muni("case", "new", "working_group", "-m", "lipenka", "--data", CASE)
    before = audit_count(muni)
    change = muni.write("change.yaml", "responsible: lip-002\n")
    for argv in (["case", "new", "working_group", "-m", "lipenka", "--data", CASE],
                 ["case", "update", "1", "--data", change],
                 ["advance", "1"],
                 ["advance", "1", "--dry-run"]):
        result = muni(*argv, "--actor", actor, actor=None, ok=False)
        assert result.exit_code == 3, argv
        assert result.stderr == f"Error: {NO_ACTOR}\n", argv
    assert audit_count(muni) == before


def test_no_login_name_and_no_muni_actor_is_refused_not_a_crash(sample_muni, monkeypatch):
    import muni.cli as cli

    def no_user() -> str:
        raise KeyError("getpwuid(): uid not found: 1234")

    monkeypatch.setattr(cli.getpass, "getuser", no_user)
    muni = sample_muni
    result = muni("case", "new", "working_group", "-m", "lipenka", "--data", CASE, actor=None,
                  ok=False)
    assert result.exit_code == 3 and NO_ACTOR in result.stderr


def test_the_login_name_is_the_default_actor(sample_muni, monkeypatch):
    import muni.cli as cli

    monkeypatch.setattr(cli.getpass, "getuser", lambda: "aibek")
    sample_muni("case", "new", "working_group", "-m", "lipenka", "--data", CASE, actor=None)
    assert sample_muni.json("history", 1)[0]["actor"] == "aibek"


def test_engine_paths_below_the_cli_refuse_a_blank_actor(db, tmp_path, store):
    """``commit_plan`` (what batch runs call) and ``audit.append`` itself refuse too."""
    case = intake.open_case(db, "working_group", "lipenka", intake.read_data_file(CASE),
                            actor=Actor("clerk"))
    plan = planning.plan(db, case, today=dt.date(2026, 11, 21))
    with pytest.raises(InputError, match="every step needs an actor"):
        adv.commit_plan(db, plan, actor=Actor(" "), out_dir=tmp_path, store=store)
    with pytest.raises(InputError, match="every step needs an actor"):
        intake.update_case(db, case, {"responsible": "lip-004"}, actor=Actor(""))
    with pytest.raises(ValueError, match="needs an actor"), write_transaction(db):
        audit.append(db, case_id=case, at="now", actor="", trigger="x", from_state=None,
                     to_state="y", profile=None, guards=[], data={}, documents=[])
    assert db.execute("SELECT count(*) FROM audit").fetchone()[0] == 1


def test_verify_finds_a_signature_recorded_under_a_look_alike_name(sample_muni):
    """A registry written before names were compared this way may hold such a signature:
    ``verify`` re-checks four eyes with the same comparison and reports it."""
    from muni.engine import verify as verify_mod
    from muni.engine.spec import load
    from muni.registry.db import connect

    muni = sample_muni
    muni("case", "new", "working_group", "-m", "lipenka", "--data", CASE)
    muni("advance", 1, actor="clerk")
    muni("advance", 1, actor="head")
    db = connect(muni.db_path)
    records = audit.history(db, 1)
    db.close()
    records[-1]["actor"] = "сlerk"      # Cyrillic с: as an older muni would have recorded it
    case = {"state": "order_registered", "version": 3,
            "data": records[-1]["data"].get("case")}
    found = verify_mod.check_case_records(case, 1, records, load("working_group"))
    [finding] = [f for f in found if f.kind == "four_eyes_violated"]
    assert finding.message == ("audit #3: 'sign_order' needs a second person, but 'сlerk' "
                               "also prepared the step")
