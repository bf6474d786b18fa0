"""Forms from the workflows' JSON Schemas: drawn, submitted and parsed back to the same data."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings

from muni.web import forms, i18n
from webui.form_helpers import SCHEMAS, documents, draw, round_trip, schema, submitted

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
WORKFLOWS = sorted(p.stem for p in SCHEMAS.glob("*.json"))
KY = i18n.translations("ky").gettext
RU = i18n.translations("ru").gettext
PEOPLE = [forms.Person("lip-002", "Осмонова Салтанат Токтогуловна", "орун басар"),
          forms.Person("lip-003", "Мамбетова Айгүл Бакировна", "адис")]


def example(name: str) -> dict:
    return json.loads(json.dumps(yaml.safe_load((EXAMPLES / name).read_text("utf-8")),
                                 default=str))


@pytest.mark.parametrize(("workflow", "file"), [
    ("working_group", "working_group_case.yaml"),
    ("council_decision", "council_decision_case.yaml"),
    ("council_decision", "council_normative_case.yaml"),
    ("council_session", "council_session_case.yaml"),
    ("needs_assessment", "needs_assessment_case.yaml"),
])
def test_every_example_survives_the_form_unchanged(workflow, file):
    doc = example(file)
    assert round_trip(schema(workflow), doc, PEOPLE) == doc


@pytest.mark.parametrize("workflow", WORKFLOWS)
def test_any_document_survives_the_form_unchanged(workflow):
    s = schema(workflow)

    @settings(max_examples=20 if workflow == "needs_assessment" else 40, deadline=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(documents(s))
    def check(doc):
        assert round_trip(s, doc) == doc
    check()


def test_working_group_form_shows_kyrgyz_labels_people_by_name_and_dates():
    s = schema("working_group")
    page = draw(forms.build(s, example("working_group_case.yaml"), people=PEOPLE))
    assert "Кеңештин демилгеси" in page and "Жумушчу топтун курамы" in page
    assert '<input id="f-initiative-date" name="initiative.date" value="2026-11-05" ' \
           'type="date">' in page
    assert '<option value="lip-002" selected>Осмонова Салтанат Токтогуловна — орун басар' \
           '</option>' in page
    assert '<option value="council_decision" selected>Кеңештин токтому</option>' in page
    assert 'name="_add" value="group.members"' in page
    assert 'name="_remove" value="group.members.5"' in page
    ru = draw(forms.build(s, {}, lang="ru", people=PEOPLE), "ru")
    assert "Инициатива кенеша" in ru and "Добавить строку" in ru


def test_people_the_registry_no_longer_lists_are_kept_not_lost():
    s = schema("working_group")
    doc = example("working_group_case.yaml")
    root = forms.build(s, doc, people=PEOPLE)
    responsible = next(f for f in root.walk() if f.name == "responsible")
    assert responsible.value == "lip-004"
    assert ("lip-004", "lip-004") in responsible.choices


def test_values_are_escaped_in_the_page():
    s = schema("working_group")
    doc = {"initiative": {"title": '<script>alert("x")</script> & "Ак-Көк"'}}
    page = draw(forms.build(s, doc))
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#34;Ак-Көк&#34;" in page
    assert forms.parse(s, submitted(page))["initiative"]["title"] == doc["initiative"]["title"]


def test_empty_inputs_are_left_out_and_numbers_are_numbers():
    s = schema("council_session")
    doc = forms.parse(s, {"session.number": " 3 ", "session.convocation": "7",
                          "session.kind": "ordinary", "session.date": "2027-01-28",
                          "session.time": "", "agenda.0.draft": "3", "agenda.0.vote.for": "",
                          "presiding": ""})
    assert doc == {"session": {"number": 3, "convocation": 7, "kind": "ordinary",
                               "date": "2027-01-28"}, "agenda": [{"draft": 3}]}


def test_a_member_with_a_position_is_a_mapping_and_without_one_an_id():
    s = schema("working_group")
    doc = forms.parse(s, {"group.chair.person": "lip-002", "group.members.0.person": "lip-003",
                          "group.members.0.position": "Жаштар кеңешинин өкүлү",
                          "group.members.1.person": "lip-011"})
    assert doc["group"] == {"chair": "lip-002", "members": [
        {"person": "lip-003", "position": "Жаштар кеңешинин өкүлү"}, "lip-011"]}


def test_document_number_keeps_its_json_type():
    s = schema("working_group")
    for number in ("14", 14, "14-б"):
        doc = {"initiative": {"kind": "council_decision", "number": number,
                              "date": "2026-11-05"}}
        assert round_trip(s, doc)["initiative"]["number"] == number
    typed = forms.parse(s, {"initiative.number": "15"})     # a new value, typed by a clerk
    assert typed["initiative"]["number"] == "15"


def test_add_and_remove_rows_without_javascript():
    s = schema("working_group")
    posted = {"group.members.0.person": "lip-002", "group.members.1.person": "lip-003",
              forms.ADD: "group.members"}
    verb, path = forms.action_of(posted)
    doc = forms.apply_action(s, forms.parse(s, posted, keep_empty_rows=True), verb, path)
    assert doc["group"]["members"] == ["lip-002", "lip-003", {}]
    page = draw(forms.build(s, doc, people=PEOPLE))
    assert 'name="group.members.2.person"' in page
    # the new row, still empty, is kept when another row is added, and dropped on saving
    again = submitted(page) + [(forms.ADD, "group.members")]
    verb, path = forms.action_of(dict(again))
    doc = forms.apply_action(s, forms.parse(s, again, keep_empty_rows=True), verb, path)
    assert len(doc["group"]["members"]) == 4
    assert forms.parse(s, submitted(draw(forms.build(s, doc))))["group"]["members"] == [
        "lip-002", "lip-003"]
    removed = forms.apply_action(s, doc, "remove", ("group", "members", 0))
    assert removed["group"]["members"][0] == "lip-003"


def test_add_a_row_to_a_list_not_there_yet_and_to_a_nested_list():
    s = schema("council_session")
    doc = forms.apply_action(s, {}, "add", ("agenda",))
    assert doc == {"agenda": [{}]}
    doc = forms.apply_action(s, doc, "add", ("agenda", 0, "vote", "roll_call"))
    assert doc == {"agenda": [{"vote": {"roll_call": [{}]}}]}
    doc = forms.apply_action(s, doc, "add", ("attendance", "present"))
    assert doc["attendance"] == {"present": [None]}
    assert forms.apply_action(s, {"agenda": []}, "remove", ("agenda", 5)) == {"agenda": []}


def test_validation_errors_name_the_field_in_kyrgyz_and_russian():
    s = schema("working_group")
    doc = forms.parse(s, {"initiative.kind": "council_decision", "initiative.number": "14",
                          "order.date": "20.11.2026", "responsible": "lip-004"})
    found = forms.problems(s, doc, KY)
    assert found["initiative.date"] == "Бул талааны толтуруңуз."
    assert found["order.date"] == "Күндү ЖЖЖЖ-АА-КК түрүндө жазыңыз."
    assert found["group"] == "Бул талааны толтуруңуз."
    root = forms.build(s, doc, errors=found)
    assert forms.label_path(root, "initiative.date") == "Кеңештин демилгеси › Күнү"
    date = next(f for f in root.walk() if f.name == "initiative.date")
    assert date.error == "Бул талааны толтуруңуз."
    page = draw(root)
    assert 'aria-invalid="true"' in page and "Бул талааны толтуруңуз." in page
    assert forms.problems(s, doc, RU)["initiative.date"] == "Заполните это поле."


def test_wrong_numbers_and_limits_are_named():
    s = schema("council_session")
    doc = forms.parse(s, {"session.number": "бир", "session.convocation": "0",
                          "session.kind": "ordinary", "session.date": "2027-01-28",
                          "agenda.0.draft": "3"})
    assert doc["session"]["number"] == "бир"        # kept as typed, to be shown again
    found = forms.problems(s, doc, KY)
    assert found["session.number"] == "Бүтүн сан жазыңыз."
    assert found["session.convocation"] == "Эң аз дегенде 1 болушу керек."


def test_the_form_saves_what_the_engine_accepts():
    """What the form parses passes the engine's own check, so a saved form is a case."""
    from muni.engine.intake import validate
    from muni.engine.spec import load

    doc = round_trip(schema("working_group"), example("working_group_case.yaml"), PEOPLE)
    validate(load("working_group"), doc)


def all_properties(node, root, where=""):
    """Every property of a schema (through $ref, items and oneOf), with its path."""
    node = forms.resolve(node, root)
    for key, sub in (node.get("properties") or {}).items():
        yield f"{where}.{key}".lstrip("."), sub
        yield from all_properties(sub, root, f"{where}.{key}")
    if "items" in node:
        yield from all_properties(node["items"], root, where + "[]")
    for b in node.get("oneOf", []):
        yield from all_properties(b, root, where)


@pytest.mark.parametrize("workflow", WORKFLOWS)
def test_every_property_has_kyrgyz_and_russian_labels_and_help(workflow):
    s = schema(workflow)
    missing = []
    for where, prop in all_properties(s, s):
        resolved = forms.resolve(prop, s)
        label = prop.get("x-label") or resolved.get("x-label") or {}
        if not (label.get("ky") and label.get("ru")):
            missing.append(f"{where}: x-label needs ky and ru")
        helps = prop.get("x-help") or resolved.get("x-help")
        if (prop.get("description") or resolved.get("description")) and not (
                helps and helps.get("ky") and helps.get("ru")):
            missing.append(f"{where}: has a description but no x-help in ky and ru")
        if "enum" in resolved:
            labels = resolved.get("x-enum-labels") or {}
            for value in resolved["enum"]:
                if not (labels.get(str(value), {}).get("ky") and labels[str(value)].get("ru")):
                    missing.append(f"{where}: enum value {value!r} needs x-enum-labels ky, ru")
    assert missing == []


@pytest.mark.parametrize("workflow", WORKFLOWS)
def test_labels_keep_the_schema_valid(workflow):
    jsonschema.Draft202012Validator.check_schema(schema(workflow))
