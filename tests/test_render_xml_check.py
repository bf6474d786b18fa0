"""Every rendered part is checked as strict XML before it goes into a document.

The check runs without building a tree where the template vouches for its namespace
prefixes (``render.prefixes_bound``); these tests hold the two ways to the same verdicts:
a rendering that breaks the XML is refused whichever way it is checked, and what passes is
the same document either way.
"""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from test_render import context
from tools_helpers import with_member_changed

from muni.engine.errors import TemplateError
from muni.engine.render import BUILTIN_TEMPLATES, CompiledTemplate, make_environment
from muni.engine.wellformed import prefixes_bound

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def template_with_body(tmp_path: Path, body: str, name: str = "t.docx") -> Path:
    """A .docx made by python-docx whose body is replaced by ``body`` (raw WordprocessingML
    with Jinja in it, as a clerk's edited template may hold)."""
    path = tmp_path / name
    document = docx.Document()
    document.add_paragraph("x")
    document.save(path)

    def body_replaced(data: bytes) -> bytes:
        text = data.decode("utf-8")
        start, end = text.index("<w:body>"), text.index("</w:body>") + len("</w:body>")
        return (text[:start] + body + text[end:]).encode("utf-8")

    path.write_bytes(with_member_changed(path, "word/document.xml", body_replaced))
    return path


def compiled(path: Path) -> CompiledTemplate:
    return CompiledTemplate(path, make_environment())


def paragraph(inner: str) -> str:
    return f"<w:p><w:r><w:t>{inner}</w:t></w:r></w:p>"


def test_a_branch_that_leaves_an_element_open_is_refused(tmp_path):
    body = ("<w:body>" + paragraph("{{ name }}")
            + "<w:p>{% if open %}<w:r>{% endif %}<w:t>a</w:t>{% if close %}</w:r>{% endif %}"
              "</w:p></w:body>")
    template = compiled(template_with_body(tmp_path, body))
    assert "word/document.xml" not in template._tree_checked  # the quick check's case
    fine = template.render({"name": "Асанов", "open": True, "close": True})
    assert [p.text for p in docx.Document(io.BytesIO(fine)).paragraphs] == ["Асанов", "a"]
    for tree in (False, True):
        with pytest.raises(TemplateError, match=r"t\.docx \(word/document\.xml\): rendered "
                                                r"XML is not valid: .*mismatch"):
            template.render_xml({"name": "Асанов", "open": True, "close": False}, tree=tree)


def test_a_prefix_declared_below_the_root_is_checked_with_the_tree(tmp_path):
    """The quick check cannot see where a prefix is bound: a template that binds one below
    its root is checked with the tree, and renders as before."""
    body = ("<w:body>" + paragraph("{{ name }}")
            + '<w:p><q:note xmlns:q="urn:x">x</q:note></w:p></w:body>')
    template = compiled(template_with_body(tmp_path, body))
    assert "word/document.xml" in template._tree_checked
    data = template.render({"name": "Асанов"})
    assert docx.Document(io.BytesIO(data)).paragraphs[0].text == "Асанов"


def test_data_printed_unescaped_cannot_bring_an_unbound_prefix(tmp_path):
    """``|safe`` prints case data as markup: the template is then checked with its tree."""
    body = "<w:body>" + paragraph("{{ name|safe }}") + "</w:body>"
    template = compiled(template_with_body(tmp_path, body))
    assert "word/document.xml" in template._tree_checked
    with pytest.raises(TemplateError, match="Namespace prefix q"):
        template.render({"name": "<q:x/>"})
    with pytest.raises(TemplateError, match="rendered XML is not valid"):
        template.render({"name": "<w:t>"})


def test_data_is_escaped_whatever_it_holds(tmp_path):
    body = "<w:body>" + paragraph("{{ name }}") + "</w:body>"
    template = compiled(template_with_body(tmp_path, body))
    assert not template._tree_checked
    data = template.render({"name": "<q:x/> </w:t> &amp; ]]>"})
    text = docx.Document(io.BytesIO(data)).paragraphs[0].text
    assert text == "<q:x/> </w:t> &amp; ]]>"


@pytest.mark.parametrize("src, bound", [
    (f"<w:body {W}><w:p/></w:body>", True),
    (f"<?xml version='1.0'?>\n<w:body {W}><w:p w:rsidR='1'/></w:body>", True),
    (f"<w:body {W}><w:p/><v:shape/></w:body>", False),                  # v not declared
    (f"<w:body {W}><w:p/><w:r v:ext='1'/></w:body>", False),           # nor as attribute
    (f"<w:body {W}><w:p xmlns:v='u'><v:shape/></w:p></w:body>", False),  # only inside
    ("<w:body><w:p/></w:body>", False),                                 # w itself unbound
    (f"{{% if x %}}<w:body {W}>{{% endif %}}</w:body>", False),       # root under Jinja
    (f"<w:body {W} {{{{ attrs }}}}><w:p/></w:body>", False),          # Jinja in the root
    (f"<w:body {W}>{{{{ x|safe }}}}</w:body>", False),
    (f"<w:body {W}>{{% autoescape false %}}{{{{ x }}}}{{% endautoescape %}}</w:body>", False),
])
def test_which_templates_vouch_for_their_prefixes(src, bound):
    assert prefixes_bound(src) is bound


def builtin_templates() -> list[Path]:
    return sorted(BUILTIN_TEMPLATES.glob("*/*.docx"))


@pytest.mark.parametrize("path", builtin_templates(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_builtin_template_takes_the_quick_check(path):
    template = compiled(path)
    assert not template._tree_checked and not template._needs_table_fix


def canonical_parts(parts: dict[str, bytes]) -> dict[str, bytes]:
    return {name: etree.tostring(etree.fromstring(data), method="c14n")
            for name, data in parts.items()}


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40))
def test_the_quick_check_gives_the_document_the_tree_gives(store, name):
    template = store.get("working_group_order", "ky")
    quick = template.render_xml(context(name))
    tree = template.render_xml(context(name), tree=True)
    assert quick["word/document.xml"] == tree["word/document.xml"]  # the text as rendered
    assert canonical_parts(quick) == canonical_parts(tree)
    for data in quick.values():
        assert data.startswith(b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>")


def test_an_override_that_breaks_the_xml_stops_the_step_and_writes_nothing(sample_muni):
    """A clerk's override whose branch leaves an element open: the advance fails with the
    template named (exit 6), the case stays where it was, no number is taken and no file
    is written."""
    from conftest import EXAMPLES

    builtin = BUILTIN_TEMPLATES / "ky" / "working_group_order.docx"
    override = sample_muni.db_path.parent / "templates" / "lipenka" / "ky" / builtin.name
    override.parent.mkdir(parents=True)
    override.write_bytes(with_member_changed(
        builtin, "word/document.xml",
        lambda xml: xml.replace(b"</w:body>", b"<w:p>{% if not draft %}<w:r>{% endif %}<w:t>z"
                                b"</w:t>{% if draft and not draft %}</w:r>{% endif %}</w:p>"
                                b"</w:body>")))
    case = sample_muni.json("case", "new", "working_group", "-m", "lipenka", "--data",
                            EXAMPLES / "working_group_case.yaml")["case"]
    sample_muni("advance", case)            # the draft: the branch is not taken
    result = sample_muni("advance", case, actor="head", ok=False)
    assert result.exit_code == 6
    assert "working_group_order.docx (word/document.xml): rendered XML is not valid" \
        in result.stderr
    con = sqlite3.connect(sample_muni.db_path)
    assert con.execute("SELECT state FROM cases WHERE id = ?", [case]).fetchone()[0] == \
        "order_drafted"
    assert con.execute("SELECT count(*) FROM journal").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 1  # the draft
    written = sorted(p.name for p in (sample_muni.db_path.parent / "documents").rglob("*")
                     if p.is_file() and p.suffix in (".docx", ".part"))
    assert written == ["01-draft_order-working_group_order-draft.ky.docx"]
