"""`muni explain CASE --at DATE`: why a past transition was allowed, from the audit record."""

from __future__ import annotations

import dataclasses

from conftest import EXAMPLES

from muni.engine import rules

CASE = EXAMPLES / "working_group_case.yaml"


def steps_on_three_days(muni, monkeypatch) -> int:
    """draft on the 21st, sign on the 22nd, start work on the 23rd (MUNI_TODAY)."""
    case = muni.json("case", "new", "working_group", "-m", "lipenka", "--data", CASE)["case"]
    for day, actor in (("2026-11-21", "clerk"), ("2026-11-22", "head"), ("2026-11-23", "clerk")):
        monkeypatch.setenv("MUNI_TODAY", day)
        muni("advance", case, actor=actor)
    return case


def test_explain_at_a_past_date_shows_the_recorded_verdicts(sample_muni, monkeypatch):
    muni = sample_muni
    case = steps_on_three_days(muni, monkeypatch)
    out = muni.json("explain", case, "--at", "2026-11-22")
    assert out["as_of"] == {"date": "2026-11-22", "state": "order_registered", "audit_id": 3,
                            "moved_since": True}
    assert [s["trigger"] for s in out["history"]] == ["open", "draft_order", "sign_order"]
    sign = out["history"][2]
    assert (sign["on"], sign["actor"], sign["from"], sign["to"]) == (
        "2026-11-22", "head", "order_drafted", "order_registered")
    assert sign["four_eyes"] is True and sign["prepared_by"] == ["clerk"]
    assert sign["act_date"] == "2026-11-20"
    profile = sign["profile"]
    kg2021 = next(p for p in rules.profiles() if p.id == "kg-2021")
    assert profile["id"] == "kg-2021" and profile["effective_from"] == "2021-10-21"
    assert profile["sha256"] == profile["current_sha256"] == kg2021.sha256
    assert profile["changed_since"] is False and profile["in_force_now"] == "kg-2021"
    guards = {g["rule"]: g for g in sign["guards"]}
    assert guards["order.signer_is_head"]["message"] == (
        "Асанов Бакыт Кадырбекович is the head on record on 2026-11-20")
    assert "not checked against Law No. 123 of 20.10.2021; basis not verified" in \
        guards["order.signer_is_head"]["basis"]
    assert [d["status"] for d in sign["documents"]] == ["ok"]

    text = muni("explain", case, "--at", "2026-11-22").stdout
    assert "As of 2026-11-22: state 'order_registered' (after audit #3); the case has moved " \
           "since." in text
    assert "#3 2026-11-22 sign_order: order_drafted → order_registered by head" in text
    assert "four eyes: prepared by clerk; confirmed by head" in text
    assert "rule profile then: kg-2021 (in force from 2021-10-21, act dated 2026-11-20)" in text
    assert "unchanged since" in text
    assert "✓ group.min_size: The working group has at least 6 members" in text
    assert "basis: ЖМБА methodology, seed 002 L996" in text
    assert "#4" not in text  # start_work came later


def test_explain_at_says_when_the_profile_was_edited_since(sample_muni, monkeypatch):
    muni = sample_muni
    case = steps_on_three_days(muni, monkeypatch)
    edited = []
    for p in rules.profiles():
        if p.id == "kg-2021":
            rule = dataclasses.replace(p.rules["group.min_size"], params={"min": 7})
            p = dataclasses.replace(p, rules={**p.rules, "group.min_size": rule})
        edited.append(p)
    monkeypatch.setattr(rules, "profiles", lambda directory=rules.RULES_DIR: tuple(edited))
    out = muni.json("explain", case, "--at", "2026-11-21")
    assert out["as_of"]["state"] == "order_drafted"
    draft = out["history"][1]
    assert draft["profile"]["changed_since"] is True
    assert draft["profile"]["current_sha256"] != draft["profile"]["sha256"]
    # the verdicts stay as recorded, under the threshold then in force
    min_size = next(g for g in draft["guards"] if g["rule"] == "group.min_size")
    assert min_size["params"] == {"min": 6} and min_size["ok"] is True
    assert "EDITED since" in muni("explain", case, "--at", "2026-11-21").stdout


def test_explain_now_still_explains_the_next_step(sample_muni):
    muni = sample_muni
    case = muni.json("case", "new", "working_group", "-m", "lipenka", "--data", CASE)["case"]
    muni("advance", case, actor="clerk")
    out = muni.json("explain", case)
    assert out["as_of"]["state"] == "order_drafted" and out["as_of"]["moved_since"] is False
    [sign] = out["triggers"]
    assert sign["trigger"] == "sign_order" and sign["prepared_by"] == ["clerk"]
    text = muni("explain", case).stdout
    assert "sign_order → order_registered: ALLOWED" in text
    assert "needs a second person: not clerk" in text
    assert "As of" not in text  # the past is shown with --at


def test_explain_before_anything_happened(sample_muni):
    muni = sample_muni
    case = muni.json("case", "new", "working_group", "-m", "lipenka", "--data", CASE)["case"]
    out = muni.json("explain", case, "--at", "2000-01-01")
    assert out["as_of"]["state"] is None and out["history"] == []
    assert "had no recorded step yet" in muni("explain", case, "--at", "2000-01-01").stdout
