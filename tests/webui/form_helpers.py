"""Draw a form as the page does and submit it as a browser would, without a browser."""

from __future__ import annotations

import datetime as dt
import html.parser
import json
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from muni.web import forms, i18n
from muni.web.app import make_jinja

SCHEMAS = Path(__file__).resolve().parents[2] / "workflows" / "schemas"
JINJA = make_jinja()
FORM = JINJA.from_string(
    '{% from "_form.html" import fields with context %}<form>{{ fields(root) }}</form>')


def schema(workflow: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / f"{workflow}.json").read_text(encoding="utf-8"))


def draw(root: forms.Field, lang: str = "ky") -> str:
    t = i18n.translations(lang)
    return FORM.render(root=root, _=t.gettext, gettext=t.gettext, ngettext=t.ngettext)


class Submission(html.parser.HTMLParser):
    """The name/value pairs a browser posts for a form (no button pressed): every input
    with a name, each select's selected option (else its first), each textarea's text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pairs: list[tuple[str, str]] = []
        self._select: str | None = None
        self._options: list[tuple[str, bool]] = []
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name") and a.get("type") not in ("submit", "button"):
            self.pairs.append((a["name"], a.get("value") or ""))
        elif tag == "select":
            self._select, self._options = a.get("name"), []
        elif tag == "option" and self._select is not None:
            self._options.append((a.get("value", ""), "selected" in a))
        elif tag == "textarea":
            self._textarea, self._text = a.get("name"), []

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            chosen = [v for v, sel in self._options if sel] or [self._options[0][0]]
            self.pairs.append((self._select, chosen[-1]))
            self._select = None
        elif tag == "textarea" and self._textarea:
            text = "".join(self._text)
            self.pairs.append((self._textarea, text[1:] if text.startswith("\n") else text))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)


def submitted(page: str) -> list[tuple[str, str]]:
    parser = Submission()
    parser.feed(page)
    return parser.pairs


def round_trip(workflow_schema: dict, doc: Any, people=()) -> dict:
    """The document a clerk's unchanged form posts back."""
    root = forms.build(workflow_schema, doc, people=people)
    return forms.parse(workflow_schema, submitted(draw(root)))


# --- documents a clerk could have typed: hypothesis strategies from the schema --------------

TEXT = st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs"),
                             exclude_characters="\u2028\u2029\x85"), min_size=1, max_size=12
               ).map(str.strip).filter(bool)
DATES = st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31)).map(dt.date.isoformat)


def prune(value: Any) -> Any:
    """Empty mappings and lists left out: a form has no way to show "present but empty"."""
    if isinstance(value, dict):
        kept = {k: prune(v) for k, v in value.items()}
        return {k: v for k, v in kept.items() if v not in ({}, [])}
    if isinstance(value, list):
        kept = [prune(v) for v in value]
        return [v for v in kept if v not in ({}, [])]
    return value


def documents(root_schema: dict, node: dict | None = None, *, people=("p-1", "p-2")):
    """Documents of the schema's shape, as a form can hold them: stripped one-line text,
    nothing empty (the top level aside)."""
    return _documents(root_schema, node, people=people).map(prune)


def _documents(root_schema: dict, node: dict | None = None, *, people=("p-1", "p-2")):
    node = forms.resolve(node if node is not None else root_schema, root_schema)
    kind = forms.kind_of(node)
    if kind == "object":
        props = node.get("properties") or {}
        need = set(node.get("required", []))

        @st.composite
        def obj(draw_):
            out = {}
            for key, sub in props.items():
                if key in need or draw_(st.booleans()):
                    out[key] = draw_(_documents(root_schema, sub, people=people))
            return out
        return obj()
    if kind == "map":
        return st.dictionaries(TEXT, _documents(root_schema, node["additionalProperties"],
                                                people=people), max_size=3)
    if kind == "array":
        return st.lists(_documents(root_schema, node.get("items", {}), people=people),
                        min_size=max(1, node.get("minItems", 0)), max_size=3)
    if kind == "oneof":
        alternatives = forms.branches(node, root_schema)
        options = []
        for b in alternatives:
            if forms.kind_of(b) == "object":
                options.append(_documents(root_schema, b, people=people))
            elif forms._person_shorthand(alternatives):
                options.append(st.sampled_from(people))
        # a member given as {person} alone is stored as the id: the form keeps that form
        return st.one_of(options).filter(lambda v: not (isinstance(v, dict) and set(v) ==
                                                        {"person"} and
                                                        forms._person_shorthand(alternatives)))
    if kind == "enum":
        return st.sampled_from(node["enum"])
    if kind == "boolean":
        return st.booleans()
    if kind == "integer":
        return st.integers(node.get("minimum", -10**6), node.get("maximum", 10**6))
    if kind == "number":
        return st.one_of(st.integers(0, 10**6),
                         st.decimals(0, 10**6, places=2).map(float).filter(
                             lambda x: forms._NUMBER.fullmatch(repr(x)) is not None))
    if kind == "flex":
        return st.one_of(st.integers(0, 10**6), TEXT)
    if kind == "person":
        return st.sampled_from(people)
    if kind == "date":
        return DATES
    return TEXT
