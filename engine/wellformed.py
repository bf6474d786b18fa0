"""Is a rendered part well-formed XML? Checked in full, or proven once for its template.

Every part a template renders must be XML Word can open. The full check is libxml2's parse
of every rendered byte (``xml_error``): about 0.2 ms for a one-page order, the largest thing
muni adds to rendering a document.

Most templates make the parse of each rendering needless, and ``always_well_formed`` proves
it once, when the template is compiled. Data is escaped (``&``, ``<``, ``>`` and quotes come
out as references), so case data can bring no markup; what varies from one rendering to the
next is which branch of each ``{% if %}`` is taken and how often each ``{% for %}`` body is
repeated. If every such body ends with the same elements open as it began with, and data is
printed only between tags, then any choice of branches and any number of repetitions gives
the same nesting as the template's own text — which is parsed once, strictly, with each body
in it once. What is left to each rendering is the characters the data brings, which XML 1.0
restricts (``allowed_characters``: a scan for bytes, ten times quicker than the parse).

The data may hold one piece of markup, the journal number's hole (``render.number_hole``),
which prints whole — a processing instruction, between tags like any value — or, when a
filter or an operator works on it, as plain text, escaped. The typesetting that follows
Jinja (``typography.typeset_wordml``) cuts and reopens ``<w:t>`` runs, which keeps any
well-formed part well-formed as long as runs do not nest; docxtpl's rewriting of tabs and
line breaks in data (``resolve_listing``) is not followed, and a rendering it touched is
parsed in full.

The proof is conservative: a template it cannot follow (Jinja inside a tag, a body that
leaves an element open, a macro, ``|safe``, a call, a filter not known to print plain text)
keeps the full parse for every rendering, as before.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jinja2


class _NoTree:
    """A parser target that keeps nothing: libxml2 still reads every byte and raises on
    anything that is not well-formed XML (tags, attributes, entities, characters)."""

    def close(self) -> None:
        return None


def xml_error(data: bytes) -> str | None:
    """Why ``data`` is not well-formed XML, or None. Namespace prefixes are not checked
    here (a parse without a tree does not bind them): ``prefixes_bound`` vouches for them
    when the template is compiled."""
    from lxml import etree

    try:  # a parser per call (1.6 µs): lxml's parsers are not to be shared between threads
        etree.fromstring(data, etree.XMLParser(target=_NoTree()))
    except etree.XMLSyntaxError as exc:
        return str(exc)
    return None


#: A prefixed element or attribute name in template text, and a prefix declaration.
_PREFIXED = re.compile(r"</?([A-Za-z_][\w.-]*):|\s([A-Za-z_][\w.-]*):[\w.-]+\s*=")
_DECLARED = re.compile(r"\sxmlns:([A-Za-z_][\w.-]*)\s*=")
#: The start tag of a part's root: after an optional declaration, before any Jinja.
_ROOT_TAG = re.compile(r"\s*(?:<\?xml[^>]*\?>\s*)?(<[A-Za-z_][^>]*>)")
#: Ways template text can print case data as markup, unescaped.
_UNESCAPED = re.compile(r"\|\s*safe\b|autoescape")


def prefixes_bound(src: str) -> bool:
    """Can any rendering of the template ``src`` use a namespace prefix its root does not
    declare? Not when every prefix the text names (and ``w``, which the typesetting writes)
    is declared on the root's start tag, that tag is plain text before any Jinja, and the
    text prints nothing unescaped: a rendering is then the template's own text, cut and
    repeated by Jinja, with escaped values — no other prefix can come out of it."""
    root = _ROOT_TAG.match(src)
    if root is None or any(m in src[:root.end()] for m in ("{{", "{%", "{#")):
        return False
    if _UNESCAPED.search(src):
        return False
    declared = set(_DECLARED.findall(root.group(1))) | {"xml", "xmlns"}
    used = {a or b for a, b in _PREFIXED.findall(src)} | {"w"}
    return used <= declared


# --- the proof, once per template -----------------------------------------------------------

#: Jinja's own filters that print plain text, escaped when printed, whatever they are
#: given. Not here, among others: ``safe``, ``tojson``, ``xmlattr`` and ``urlize`` (they
#: print markup); ``escape`` and ``e`` (their markup, changed by the next filter — ``|e|upper``
#: turns ``&amp;`` into ``&AMP;`` — is broken); ``map`` (it applies any filter by name);
#: ``format`` and ``indent`` (they keep markup they are given).
PLAIN_FILTERS = frozenset({
    "abs", "capitalize", "center", "count", "d", "default", "first", "float", "int", "join",
    "last", "length", "list", "lower", "max", "min", "replace", "reverse", "round", "sort",
    "string", "sum", "title", "trim", "truncate", "unique", "upper", "wordcount",
})
#: The statements a proven template may use: none prints anything of its own, and each
#: body they hold is checked to keep the nesting (``_nesting_kept``).
_BLOCKS = {"if": "endif", "for": "endfor", "with": "endwith"}
_BRANCHES = {"elif": ("if",), "else": ("if", "for")}
#: A tag, comment, processing instruction or CDATA section, whole; ``end``/``name``/``empty``
#: say which element a tag opens or closes. A ``<`` that starts none of them (or one that a
#: Jinja tag cuts) is not followed.
_MARKUP = re.compile(r"""
    <(?: !--(?:[^-]|-(?!-))*-->
       | \?[A-Za-z_][\w.:-]*(?:\s(?:[^?]|\?(?!>))*)?\?>
       | !\[CDATA\[(?:[^\]]|\](?!\]>))*\]\]>
       | (?P<end>/)?(?P<name>[A-Za-z_][\w.:-]*)
         (?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*\s*(?P<empty>/)?>
    )""", re.X)
#: An ``&`` that does not start a whole reference in the same piece of text.
_LOOSE_AMPERSAND = re.compile(r"&(?!(?:[A-Za-z_][\w.-]*|#[0-9]+|#x[0-9A-Fa-f]+);)")
#: What stands for printed data in the text that is parsed once.
_DATA = "x"


def always_well_formed(env: jinja2.Environment, src: str, filters: frozenset[str]) -> bool:
    """Is every rendering of the template ``src`` well-formed XML, whatever its data, as long
    as the data's characters are ones XML allows (``allowed_characters``)?

    Yes when, besides ``prefixes_bound``: the template uses only ``if``, ``for``, ``with`` and
    ``set`` statements and expressions that cannot print markup (no calls; filters from
    ``filters``, which print plain text); Jinja stands only between tags, inside the root,
    never in a tag, comment or CDATA; every body of a block ends with the same elements open
    as it began with (so leaving it out or repeating it keeps the nesting); no ``&`` in the
    text is cut from its reference by Jinja; and the text with every body in it once and
    ``x`` for each printed value is well-formed XML, parsed strictly with namespaces."""
    if not prefixes_bound(src) or not _expressions_print_text(env, src, filters):
        return False
    linear = _nesting_kept(env, src)
    if linear is None:
        return False
    from lxml import etree

    try:
        etree.fromstring(linear.encode("utf-8"))
    except (etree.XMLSyntaxError, ValueError):
        return False
    return True


def _expressions_print_text(env: jinja2.Environment, src: str, filters: frozenset[str]
                            ) -> bool:
    """No node of the template can print markup: only plain statements, no calls, and
    every filter one of ``filters``."""
    import jinja2
    from jinja2 import nodes

    statements = (nodes.Template, nodes.Output, nodes.If, nodes.For, nodes.With, nodes.Assign)
    forbidden = (nodes.Call, nodes.MarkSafe, nodes.MarkSafeIfAutoescape,
                 nodes.ContextReference, nodes.DerivedContextReference,
                 nodes.EnvironmentAttribute, nodes.ExtensionAttribute, nodes.ImportedName,
                 nodes.InternalName)
    try:
        tree = env.parse(src)
    except jinja2.TemplateSyntaxError:
        return False
    for node in tree.find_all(nodes.Node):
        if isinstance(node, (nodes.Stmt, nodes.Template)):
            if not isinstance(node, statements):
                return False
        elif isinstance(node, nodes.Expr):
            if isinstance(node, forbidden):
                return False
            if isinstance(node, nodes.Filter) and node.name not in filters:
                return False
        elif not isinstance(node, nodes.Helper):
            return False
    return True


def _nesting_kept(env: jinja2.Environment, src: str) -> str | None:
    """The template's text with every block body once and ``x`` for each printed value —
    or None where Jinja stands in a tag or outside the root, a body does not end with the
    elements it began with, or an ``&`` is cut from its reference."""
    import jinja2

    open_elements: list[str] = []
    blocks: list[tuple[str, tuple[str, ...]]] = []  # (keyword, elements open at its start)
    linear: list[str] = []
    try:
        tokens = list(env.lex(src))
    except jinja2.TemplateSyntaxError:
        return None
    i = 0
    while i < len(tokens):
        _, kind, value = tokens[i]
        if kind == "data":
            if not _follow(value, open_elements):
                return None
            linear.append(value)
        elif kind in ("variable_begin", "block_begin"):
            if not open_elements:
                return None  # before the root or after it
            end = "variable_end" if kind == "variable_begin" else "block_end"
            j = i + 1
            while j < len(tokens) and tokens[j][1] != end:
                j += 1
            if kind == "variable_begin":
                linear.append(_DATA)
            else:
                words = [v for _, k, v in tokens[i + 1:j] if k == "name"]
                if not words or not _block(words[0], tokens[i + 1:j], open_elements, blocks):
                    return None
            i = j
        elif kind in ("raw_begin", "raw_end", "comment_begin", "comment", "comment_end",
                      "whitespace"):
            pass
        else:
            return None
        i += 1
    if blocks or open_elements:
        return None
    return "".join(linear)


def _block(word: str, inside: list[tuple[int, str, str]], open_elements: list[str],
           blocks: list[tuple[str, tuple[str, ...]]]) -> bool:
    """Follow one ``{% … %}``; False where it is not one of the proven statements or a body
    it ends did not keep the nesting."""
    now = tuple(open_elements)
    if word in _BLOCKS:
        blocks.append((word, now))
        return True
    if word in _BRANCHES:
        return bool(blocks) and blocks[-1][0] in _BRANCHES[word] and blocks[-1][1] == now
    if word in _BLOCKS.values():
        if not blocks or _BLOCKS[blocks[-1][0]] != word or blocks[-1][1] != now:
            return False
        blocks.pop()
        return True
    # ``{% set name = value %}``, not the block form that captures markup
    return word == "set" and any(k == "operator" and v == "=" for _, k, v in inside)


def _follow(text: str, open_elements: list[str]) -> bool:
    """Follow the elements ``text`` opens and closes; False where a ``<`` starts nothing
    whole, a tag closes another element than the last one open, or an ``&`` is loose."""
    if _LOOSE_AMPERSAND.search(text):
        return False
    at = text.find("<")
    while at != -1:
        m = _MARKUP.match(text, at)
        if m is None:
            return False
        name = m.group("name")
        if name == "w:t" and not m.group("end") and "w:t" in open_elements:
            return False  # a text run in a text run: the typesetting could not follow it
        if name is not None:
            if m.group("end"):
                if not open_elements or open_elements[-1] != name or m.group("empty"):
                    return False
                open_elements.pop()
            elif not m.group("empty"):
                open_elements.append(name)
        at = text.find("<", m.end())
    return True


# --- each rendering ---------------------------------------------------------------------------

#: The C0 controls XML 1.0 does not allow (all but tab, line feed, carriage return), as the
#: single UTF-8 bytes they are; and U+FFFE and U+FFFF, as theirs (both led by 0xEF).
_CONTROLS = tuple(bytes([c]) for c in range(32) if c not in (9, 10, 13))
_NONCHARACTERS = (b"\xef\xbf\xbe", b"\xef\xbf\xbf")


def allowed_characters(data: bytes) -> bool:
    """``data`` (UTF-8) holds only characters XML 1.0 allows, and no ``]]>``, which text may
    not hold either. (Lone surrogates cannot be in it: Python does not encode them.)

    Each test looks for one byte first (``memchr``, a third of a microsecond for a page):
    a search for two or three bytes took 15–20 µs, more than the 29 single bytes together,
    and the lead bytes 0xEF and ``]`` are rare in a document."""
    if any(c in data for c in _CONTROLS):
        return False
    if b"\xef" in data and any(c in data for c in _NONCHARACTERS):
        return False
    return b"]" not in data or b"]]>" not in data
