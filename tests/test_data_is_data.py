"""Data is data: case data that looks like template syntax or like the placeholder muni uses
for a journal number while rendering comes out in the document exactly as typed, and the
number goes only where the template puts it."""

from __future__ import annotations

from conftest import EXAMPLES, docx_text

CASE_TEXT = (EXAMPLES / "working_group_case.yaml").read_text(encoding="utf-8")
POSITION = "Айылдык аймактын жаштар кеңешинин өкүлү"   # a member's position, in the annex


def test_template_syntax_and_the_number_placeholder_in_data_stay_as_typed(sample_muni):
    # the placeholder muni used before, the one it uses now, docxtpl's literal braces, Jinja
    typed = (f"{POSITION} MUNI#NUMBER#PENDING#7F3A <?muni-number?> {{_{{ order.number }}_}} "
             "{_% if 1 %_} {{ 7 * 7 }} <w:t>&amp;")
    assert CASE_TEXT.count(f"position: {POSITION}\n") == 1
    data = sample_muni.write("tricky.yaml", CASE_TEXT.replace(
        f"position: {POSITION}\n", "position: '" + typed.replace("'", "''") + "'\n"))
    case = sample_muni.json("case", "new", "working_group", "-m", "lipenka", "--data",
                            data)["case"]
    draft = sample_muni.json("advance", case, actor="clerk")["documents"][0]["path"]
    signed = sample_muni.json("advance", case, actor="head")["documents"][0]
    assert signed["number"] == 12
    for path in (draft, signed["path"]):
        text = docx_text(path)
        assert text.count(typed) == 1, text
    plain = sample_muni.json("case", "new", "working_group", "-m", "lipenka", "--data",
                             EXAMPLES / "working_group_case.yaml")["case"]
    sample_muni("advance", plain, actor="clerk")
    other = sample_muni.json("advance", plain, actor="head")["documents"][0]
    # apart from the typed text, the order is the plain one: the number where the template
    # puts it, and nowhere else
    assert docx_text(signed["path"]).replace(typed, POSITION).replace("№ 12", "№ N") == \
        docx_text(other["path"]).replace("№ 13", "№ N")
    assert "№ 12" in docx_text(signed["path"])


def test_a_template_still_prints_literal_braces_with_docxtpl_s_notation(tmp_path):
    """``{_{`` in a template shows as ``{{`` (docxtpl's notation) — in the template only."""
    import docx

    from muni.engine.render import CompiledTemplate, make_environment

    document = docx.Document()
    document.add_paragraph("Literal {_{ x }_} and {_% y %_}; data: {{ name }}")
    path = tmp_path / "t.docx"
    document.save(path)
    out = tmp_path / "out.docx"
    out.write_bytes(CompiledTemplate(path, make_environment()).render(
        {"name": "{_{ data }_} {_% z %_}"}))
    assert docx_text(out) == "Literal {{ x }} and {% y %}; data: {_{ data }_} {_% z %_}"
