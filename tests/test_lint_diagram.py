"""`muni workflows lint [DIR]` on fixtures, and `muni diagram WORKFLOW`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from tools_helpers import write_template

from muni.cli import main
from muni.engine import diagram, spec

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "lint"
SPEC_EXIT = 7


def run(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    return result.exit_code, result.stdout


@pytest.fixture
def templates(tmp_path) -> Path:
    """ky/used_doc and ky/orphan (no ru/used_doc), ky+ru/clean_doc."""
    root = tmp_path / "templates"
    for name in ("ky/used_doc", "ky/orphan", "ky/clean_doc", "ru/clean_doc"):
        write_template(root / f"{name}.docx", "{{ x }}")
    return root


def test_lint_finds_everything_wrong_with_the_broken_fixture(templates):
    code, out = run("workflows", "lint", FIXTURES / "broken", "--templates", templates, "--json")
    assert code == SPEC_EXIT
    report = json.loads(out)
    assert report["ok"] is False and report["workflows"] == ["broken"]
    assert report["profiles"] == ["fx-2015", "fx-2020"]
    found = {(f["kind"], f["message"]) for f in report["findings"]}
    expected = {
        ("spec_error", "malformed.yaml: transitions[0].dest: unknown state 'nowhere'"),
        ("unreachable_state", "broken.yaml: state 'island' cannot be reached from 'start'"),
        ("dead_end", "broken.yaml: state 'stuck' has no way out and is not marked final "
                     "(a case would stay there forever)"),
        ("unknown_rule", "broken.yaml: 'go' names rule 'no.such_rule', which no rule profile "
                         "defines"),
        ("guard_missing", "broken.yaml: rule 'no.such_rule' ('go') has no check in "
                          "engine/guards (dates, working_group)"),
        ("guard_missing", "broken.yaml: rule 'fixture.no_check' ('finish') has no check in "
                          "engine/guards (dates, working_group)"),
        ("rule_without_basis", "fx-2015.yaml: rule 'fixture.no_basis' has no legal basis "
                               "('basis:')"),
        ("rule_missing_in_profile", "broken.yaml: rule 'fixture.only_new' ('finish') is missing "
                                    "from profile 'fx-2015' (fx-2015.yaml, in force from "
                                    "2015-01-01): a case judged by it cannot be evaluated"),
        ("template_unused", "ky/orphan.docx: no workflow names this template"),
        ("template_unused", "ky/clean_doc.docx: no workflow names this template"),
        ("signer_unnamed", "broken.yaml: 'finish' (middle → done): no 'who:' — a signing step "
                           "must name who signs, e.g. who: [head]"),
        ("who_missing", "broken.yaml: 'wander' (middle → stuck): no 'who:' — every step names "
                        "who may take it, e.g. who: [head]"),
        ("who_missing", "broken.yaml: 'leave' (island → done): no 'who:' — every step names "
                        "who may take it, e.g. who: [head]"),
        ("who_unknown", "broken.yaml: 'go' (start → middle): who: boss is no office or role; "
                        "known: admin, clerk, council, council_chair, deputy, deputy_head, "
                        "district, executive_secretary, head, reviewer, specialist, staff"),
        ("untitled", "broken.yaml: document 'missing_doc' has no title; add it under "
                     "'documents:' as {ky: …, ru: …, en: …}"),
        ("untitled", "broken.yaml: document 'used_doc' has no title in ru"),
        ("untitled", "broken.yaml: state 'stuck' has no title in ky, ru"),
        ("untitled", "broken.yaml: step 'go' (start → middle) has no title in ky, ru"),
    }
    assert expected <= found, expected - found
    missing = sorted(f["message"].split(" but ")[1].split(" is missing")[0]
                     for f in report["findings"] if f["kind"] == "template_missing")
    assert missing == ["ky/missing_doc.docx", "ru/missing_doc.docx", "ru/used_doc.docx"]
    assert {f["kind"] for f in report["findings"]} == {k for k, _ in expected} | {
        "template_missing", "guard_missing"}

    code, text = run("workflows", "lint", FIXTURES / "broken", "--templates", templates)
    assert code == SPEC_EXIT
    assert "[dead_end] broken.yaml: state 'stuck' has no way out" in text
    assert text.rstrip().endswith(f"finding(s): 1 workflow(s), 2 profile(s) in "
                                  f"{FIXTURES / 'broken'}")


def test_lint_passes_a_clean_directory(templates):
    (templates / "ky" / "used_doc.docx").unlink()
    (templates / "ky" / "orphan.docx").unlink()
    code, out = run("workflows", "lint", FIXTURES / "clean", "--templates", templates)
    assert code == 0, out
    assert "OK: 1 workflow(s), 1 profile(s)" in out


def test_every_shipped_step_names_who_and_every_signing_step_a_signer():
    workflows = spec.all_workflows()
    signing = {(wf.id, t.trigger): t.who for wf in workflows.values() for t in wf.transitions
               if spec.is_signing(t)}
    assert signing == {
        ("working_group", "sign_order"): ("head",),
        ("needs_assessment", "approve_plan"): ("head",),
        ("needs_assessment", "form_initiative_groups"): ("head",),
        ("council_decision", "sign"): ("council_chair", "deputy"),
        ("council_decision", "send_to_register"): ("council_chair", "deputy"),
    }
    assert all(t.who for wf in workflows.values() for t in wf.transitions)


def test_the_working_group_workflow_lints_clean():
    """Other procedures may be work in progress; the shipped one must be clean."""
    code, out = run("workflows", "lint", "--json")
    report = json.loads(out)
    assert "working_group" in report["workflows"]
    assert [f for f in report["findings"] if f["workflow"] == "working_group"] == []
    assert not [f for f in report["findings"] if f["kind"] == "template_unused"
                and "working_group" in f["message"]]


def test_mermaid_labels_each_edge_with_trigger_rules_and_four_eyes():
    code, out = run("diagram", "working_group")
    assert code == 0
    lines = out.splitlines()
    assert "stateDiagram-v2" in lines
    assert "    [*] --> initiative_recorded" in lines
    assert "    group_working --> [*]" in lines
    sign = next(x for x in lines if x.startswith("    order_drafted --> order_registered: "))
    assert sign.startswith("    order_drafted --> order_registered: sign_order<br/>"
                           "[act.date_reached]<br/>[order.signer_is_head]<br/>")
    assert sign.endswith("[group.composition]<br/>(four eyes)")
    assert "    order_registered --> group_working: start_work<br/>[order.in_effect]" in lines
    wf = spec.load("working_group")
    assert sum(" --> " in x and "[*]" not in x for x in lines) == len(wf.transitions)


def test_diagram_of_a_file_escapes_what_mermaid_cannot_hold():
    text = diagram.mermaid(diagram.resolve(str(FIXTURES / "broken" / "broken.yaml")))
    title = text.splitlines()[1]
    assert title == "title: Broken - a lint fixture, with № and 'quotes'"
    assert "    middle --> done: finish<br/>[fixture.no_basis]<br/>[fixture.no_check]<br/>" \
           "[fixture.only_new]<br/>(four eyes)" in text
    assert "    island --> done: leave" in text


def test_diagram_writes_mermaid_and_dot(tmp_path):
    code, out = run("diagram", "working_group", "--out", tmp_path / "wg.mmd", "--json")
    assert code == 0
    result = json.loads(out)
    assert result["format"] == "mermaid" and result["workflow"] == "working_group"
    assert (tmp_path / "wg.mmd").read_text(encoding="utf-8") == result["mermaid"]
    code, _ = run("diagram", "working_group", "--out", tmp_path / "wg.dot")
    dot = (tmp_path / "wg.dot").read_text(encoding="utf-8")
    assert code == 0 and dot.startswith('digraph "working_group" {')
    assert ('"order_drafted" -> "order_registered" [label="sign_order\\n[act.date_reached]\\n'
            '[order.signer_is_head]') in dot
    code, out = run("diagram", "working_group", "--out", tmp_path / "wg.gif")
    assert code == 3


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_diagram_svg_with_graphviz(tmp_path):
    code, out = run("diagram", "working_group", "--out", tmp_path / "wg.svg")
    assert code == 0, out
    svg = etree.parse(str(tmp_path / "wg.svg"))
    texts = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert "sign_order" in texts and "[order.signer_is_head]" in texts
    assert "(four eyes)" in texts and "group_working" in texts


def test_svg_without_graphviz_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setattr(diagram.shutil, "which", lambda name: None)
    result = CliRunner().invoke(main, ["diagram", "working_group", "--out",
                                       str(tmp_path / "wg.svg")])
    assert result.exit_code == 3
    assert "SVG and PNG need Graphviz, which is not installed (apt-get install graphviz)" in \
        result.stderr


def test_lint_reports_a_state_tag_python_asks_about_and_no_state_carries(tmp_path):
    """Renaming or dropping a tag in a workflow file would make Python silently stop
    finding, say, the acts of the kenesh; lint says so instead."""
    folder = tmp_path / "workflows"
    shutil.copytree(spec.WORKFLOWS_DIR, folder)
    council = folder / "council_decision.yaml"
    text = council.read_text(encoding="utf-8")
    council.write_text(text.replace(", discussion_over]", "]").replace(  # every state's
        "    tags: [discussion_over]\n", ""), encoding="utf-8")
    handing = folder / "needs_assessment.yaml"
    handing.write_text(handing.read_text(encoding="utf-8").replace(
        "    tags: [handed_to_council]\n", ""), encoding="utf-8")
    code, out = run("workflows", "lint", folder, "--json")
    assert code == SPEC_EXIT
    missing = [f["message"] for f in json.loads(out)["findings"] if f["kind"] == "tag_missing"]
    assert missing == [
        "council_decision.yaml: no state carries the tag 'discussion_over', which "
        "engine/tags.py asks about",
        "no workflow has a state tagged 'handed_to_council', which 'council_decision' asks "
        "about (engine/tags.py)"]


def test_a_workflow_names_its_rules_under_rules_or_the_older_guards(tmp_path):
    text = (spec.WORKFLOWS_DIR / "working_group.yaml").read_text(encoding="utf-8")
    assert "    rules:" in text and "    guards:" not in text
    older = tmp_path / "working_group.yaml"
    older.write_text(text.replace("    rules:", "    guards:"), encoding="utf-8")
    (tmp_path / "schemas").mkdir()
    shutil.copy(spec.WORKFLOWS_DIR / "schemas" / "working_group.json", tmp_path / "schemas")
    assert spec.parse(older) == spec.load("working_group")
    both = tmp_path / "both.yaml"
    both.write_text(text.replace("    rules: &composition", "    guards: []\n    rules: "
                                 "&composition", 1), encoding="utf-8")
    with pytest.raises(Exception, match=r"transitions\[0\]: name the rules once, under "
                                         "'rules'"):
        spec.parse(both)
