"""A template proven to render well-formed XML needs only its data's characters checked.

``wellformed.always_well_formed`` follows a template once, when it is compiled; these tests
hold it to libxml2: whatever data a proven template is given, the quick way accepts a
rendering exactly when libxml2's parse does. Templates the proof cannot follow keep the
parse, and the journal number's hole cannot be cut into broken markup.
"""

from __future__ import annotations

import io

import docx
import jinja2.sandbox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import Markup
from test_render import context
from test_render_xml_check import W, builtin_templates, compiled, paragraph, template_with_body

from muni.engine import wellformed
from muni.engine.errors import TemplateError
from muni.engine.render import FILTERS, PROVABLE_FILTERS, make_environment, number_hole
from muni.engine.wellformed import allowed_characters, always_well_formed, xml_error


def proven(src: str) -> bool:
    return always_well_formed(make_environment(), src, PROVABLE_FILTERS)


def body(inner: str) -> str:
    return f"<w:body {W}>{inner}</w:body>"


P = "<w:p><w:r><w:t>{}</w:t></w:r></w:p>"


@pytest.mark.parametrize("inner", [
    P.format("{{ name }}"),
    P.format("{{ name|upper }} {{ date|ky_date }} {{ names|join(', ') }}"),
    "{% if a %}" + P.format("a") + "{% elif b %}" + P.format("b") + "{% else %}{% endif %}",
    "{% for m in ms %}" + P.format("{{ m }}") + "{% else %}" + P.format("-") + "{% endfor %}",
    # a body that closes what is open and opens it again keeps the nesting
    "<w:p><w:r><w:t>a{% for m in ms %}</w:t></w:r></w:p><w:p><w:r><w:t>{{ m }}"
    "{% endfor %}</w:t></w:r></w:p>",
    "{% set x = name ~ '!' %}{% with y = x %}" + P.format("{{ y }}") + "{% endwith %}",
    P.format("{# a note #}{% raw %}{{ kept }}{% endraw %} &amp; &#1040; &#x41;"),
    "<!-- a comment --><?pi data?>" + P.format("{{ name }}"),
])
def test_what_the_proof_follows(inner):
    assert proven(body(inner))


@pytest.mark.parametrize("inner, why", [
    ("{% if a %}<w:p>{% endif %}</w:p>", "a branch leaves an element open"),
    ("<w:p>{% if a %}</w:p><w:p>{% else %}</w:p>{% endif %}</w:p>",
     "a branch closes an element the other does not"),
    ("{% for m in ms %}<w:p>{% endfor %}", "a repeated body leaves an element open"),
    ('<w:p><w:r><w:t w:val="{{ name }}">x</w:t></w:r></w:p>', "data in an attribute"),
    ("<w:p {% if a %}w:rsidR='1'{% endif %}/>", "Jinja inside a tag"),
    ("<!-- {{ name }} -->", "data in a comment"),
    (P.format("&{{ name }}amp;"), "an ampersand cut from its reference"),
    (P.format("{{ name|tojson }}"), "a filter that prints markup"),
    (P.format("{{ name|e|upper }}"), "an escaped value changed again"),
    (P.format("{{ names|map('upper')|join }}"), "map applies any filter"),
    (P.format("{{ lipsum() }}"), "a call"),
    ("{% set x %}<w:p/>{% endset %}{{ x }}", "a captured block prints markup"),
    ("{% macro m() %}<w:p/>{% endmacro %}{{ m() }}", "a macro"),
    ("<w:p><w:r><w:t>{{ a }}<w:t>b</w:t></w:t></w:r></w:p>", "a text run in a text run"),
    ("<w:p/></w:body><w:body>", "a second root"),
    ("<w:p>x<", "a tag cut short"),
])
def test_what_the_proof_does_not_follow(inner, why):
    assert not proven(body(inner)), why


def test_jinja_outside_the_root_is_not_followed():
    assert not proven("{% if a %}{% endif %}" + body("<w:p/>"))
    assert not proven(body("<w:p/>") + "{{ name }}")


def test_a_prefix_not_bound_at_the_root_is_not_proven():
    assert not proven(body('<w:p xmlns:q="urn:q"><q:x/></w:p>'))
    assert not proven(body("<w:p/><v:shape/>"))


#: Proven templates, each with what varies between its renderings.
TEMPLATES = [
    body("{% if a %}" + P.format("{{ s }}") + "{% else %}<w:p/>{% endif %}"
         "{% for m in ms %}" + P.format("{{ m|upper }} {{ s|ky_date if false else s }}")
         + "{% endfor %}"),
    body("<w:tbl><w:tr>{% for m in ms %}<w:tc>" + P.format("{{ loop.index }}. {{ m }}")
         + "</w:tc>{% endfor %}</w:tr></w:tbl>"
         "<w:p><w:r><w:t>{{ s }}{% for m in ms %}</w:t></w:r></w:p><w:p><w:r><w:t>{{ m }}"
         "{% endfor %}</w:t></w:r></w:p>"),
]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(TEMPLATES), st.booleans(),
       st.text(st.characters(blacklist_categories=("Cs",)), max_size=12),
       st.lists(st.text(st.characters(blacklist_categories=("Cs",)), max_size=6),
                max_size=3))
def test_a_proven_template_fails_exactly_when_libxml2_does(src, a, s, ms):
    """Data with any character — controls, U+FFFE, ``]]>``, ``<``, ``&`` — rendered by a
    proven template: the quick way accepts it exactly when the full parse does."""
    assert proven(src)
    env = make_environment()
    xml = env.from_string(src).render(a=a, s=s, ms=ms)
    data = xml.encode("utf-8")
    assert allowed_characters(data) == (xml_error(data) is None), xml


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=30))
def test_a_builtin_template_refuses_exactly_what_the_full_parse_refuses(store, name):
    """The working-group order (proven) with a name holding anything: ``render_xml``
    refuses it exactly when libxml2's parse of the tree does, with the same kind of error,
    and what it returns parses."""
    template = store.get("working_group_order", "ky")
    assert template._proven

    def outcome(tree: bool):
        try:
            return template.render_xml(context(name), tree=tree)
        except TemplateError as exc:
            assert "rendered XML is not valid" in exc.message
            return None

    quick, full = outcome(False), outcome(True)
    assert (quick is None) == (full is None)
    for data in (quick or {}).values():
        assert xml_error(data) is None


@pytest.mark.parametrize("path", builtin_templates(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_part_of_every_builtin_template_is_proven(path):
    template = compiled(path)
    assert template._proven == set(template._parts)


def test_a_control_character_in_data_is_refused_by_the_parse(tmp_path):
    template = compiled(template_with_body(tmp_path, "<w:body>" + paragraph("{{ name }}")
                                           + "</w:body>"))
    assert template._proven == {"word/document.xml"}
    with pytest.raises(TemplateError, match=r"t\.docx \(word/document\.xml\): rendered XML "
                                            r"is not valid: PCDATA invalid Char value 1"):
        template.render({"name": "a\x01b"})


def test_a_rendering_docxtpl_rewrote_is_parsed(tmp_path, monkeypatch):
    """Tabs and line breaks in data are rewritten into runs by docxtpl after Jinja; the
    proof does not follow that rewriting, so such a rendering takes the full parse."""
    template = compiled(template_with_body(tmp_path, "<w:body>" + paragraph("{{ name }}")
                                           + "</w:body>"))
    parsed: list[bytes] = []

    def counting(data: bytes) -> str | None:
        parsed.append(data)
        return xml_error(data)

    monkeypatch.setattr("muni.engine.render.xml_error", counting)
    template.render({"name": "one line"})
    assert parsed == []
    data = template.render({"name": "two\nlines"})
    assert len(parsed) == 1
    paragraph_xml = docx.Document(io.BytesIO(data)).paragraphs[0]._p.xml
    assert "<w:br/>" in paragraph_xml


@pytest.mark.parametrize("expression, whole", [
    ("n", True), ("[n, 'a<']|join(' ')", True), ("n ~ 'x'", True), ("n|string", True),
    ("n|upper", False), ("n[:5]", False), ("n + 'x'", False), ("n * 2", False),
    ("n|truncate(9)", False), ("n|replace('?', '')", False), ("n|trim('?')", False),
    ("n|first", False), ("n|apposition", True),  # unchanged: the hole itself
])
def test_the_number_hole_prints_whole_or_as_text(expression, whole):
    """Markup cut by a filter or a slice would be broken XML (``n[:5]`` is ``<?mun``); the
    hole gives plain text to anything done to it, which is escaped."""
    src = body(P.format("{{ " + expression + " }}"))
    assert proven(src)
    xml = make_environment().from_string(src).render(n=number_hole())
    assert xml_error(xml.encode("utf-8")) is None
    assert ("<?muni-number?>" in xml) is whole
    assert ("&lt;" in xml) is not whole or "a&lt;" in xml


@pytest.mark.parametrize("expression", ["n[:5]", "n|replace('?', '')", "n|truncate(9)"])
def test_plain_markup_would_be_cut_into_broken_xml(expression):
    """Why the hole is not plain ``Markup``."""
    src = body(P.format("{{ " + expression + " }}"))
    xml = make_environment().from_string(src).render(n=Markup("<?muni-number?>"))
    assert xml_error(xml.encode("utf-8")) is not None


def test_muni_filters_print_plain_text_given_the_hole():
    """Every filter of muni's that a proven template may use gives plain text or refuses,
    given the hole — never markup that is not the hole itself."""
    hole = number_hole()
    for name, fn in FILTERS.items():
        try:
            out = fn(hole)
        except Exception:  # noqa: BLE001 — refusing the hole is fine: nothing is printed
            continue
        assert not isinstance(out, Markup) or str(out) == str(hole), name


def test_the_allowed_filters_are_jinjas_own():
    env = jinja2.sandbox.SandboxedEnvironment()
    assert wellformed.PLAIN_FILTERS <= set(env.filters)


@pytest.mark.parametrize("text, allowed", [
    ("a]]>b", True),  # data's ">" is escaped: "]]&gt;"
    ("a]]b", True), ("]", True),
    ("\ufffe", False), ("\uffff", False), ("\uf8ff \ufffd \uff01", True),  # \xef-led, allowed
    ("\x00", False), ("\x1f", False), ("\t\n\r", True), ("\x7f \u2028", True),
])
def test_the_characters_a_rendering_may_hold(text, allowed):
    """The quick scan against libxml2 on what it looks for: ``]]>``, the noncharacters
    U+FFFE and U+FFFF (whose UTF-8 begins like other characters in U+F000–U+FFFF) and the
    C0 controls — in text of a proven template."""
    xml = make_environment().from_string(body(P.format("{{ s }}"))).render(s=text)
    data = xml.encode("utf-8")
    assert allowed_characters(data) is allowed
    assert (xml_error(data) is None) is allowed


@pytest.mark.parametrize("text, allowed", [("", False), ("x", True)])
def test_a_value_that_joins_the_template_s_text_into_cdata_s_end_is_refused(text, allowed):
    """``]]`` and ``>`` in the template's text are fine apart; an empty value between them
    makes ``]]>``, which text may not hold: the scan refuses it, as libxml2 does."""
    xml = make_environment().from_string(body(P.format("]]{{ s }}>"))).render(s=text)
    data = xml.encode("utf-8")
    assert allowed_characters(data) is allowed
    assert (xml_error(data) is None) is allowed
