"""Fill .docx templates: compile each template once per process, render many times.

docxtpl re-reads the .docx, re-patches its XML and re-compiles the Jinja source on every
render. Here a template is opened once (``CompiledTemplate``): its parts are kept as bytes and
the Jinja-bearing parts (body, headers, footers) are patched and compiled once; a render is
Jinja + the XML check + writing a zip. The check is libxml2's strict parse of the rendered
part, or — for a template proven once to render well-formed XML whatever its data
(``wellformed``) — a scan of the part for characters XML does not allow.

Data is data: the environment autoescapes (``&`` and ``<`` come out verbatim and the file stays
valid), is sandboxed (a clerk-edited template cannot reach Python internals), and an
undefined variable raises instead of printing a blank.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import marshal
import re
import threading
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

import muni.engine.cache as cache

from .errors import TemplateError
from .locale import ky, ru, typography
from .ooxml import Header, Member, Pieces
from .ooxml import write as write_docx
from .paths import inside
from .spec import PACKAGE_ROOT
from .wellformed import (
    PLAIN_FILTERS,
    allowed_characters,
    always_well_formed,
    prefixes_bound,
    xml_error,
)

if TYPE_CHECKING:
    import jinja2

# docxtpl, python-docx, Jinja and lxml are imported where a template is compiled or rendered:
# together ~100 ms, which `muni status` or `muni explain` (which render nothing) need not pay.

BUILTIN_TEMPLATES = PACKAGE_ROOT / "templates" / "docx"
LANGS = ("ky", "ru")
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_BODY_MARK = "<!--muni-body-->"
#: docxtpl's way to print Jinja's own braces in a template: ``{_{`` shows as ``{{`` (and
#: ``}_}``, ``{_%``, ``%_}`` alike). docxtpl replaces them in the *rendered* text, so case
#: data typed with them changed too; here they become Jinja string literals in the template
#: source, and data is data, whatever it contains.
_LITERAL_BRACES = re.compile(r"\{_\{|\}_\}|\{_%|%_\}")


@functools.cache
def _compiler_versions() -> str:
    """The libraries that compile a template, by version: a cached compile made by others
    is not used (docxtpl's by its file, so that docxtpl itself is not imported)."""
    import jinja2

    return f"jinja2 {jinja2.__version__}; {cache.module_stamp('docxtpl')}"


def number_hole() -> str:
    """What stands for a journal number while a document is rendered before the number is
    taken: an XML processing instruction, passed as markup. Data cannot produce it — the
    environment escapes every ``<`` of case data — so the only holes in the rendered XML are
    where the template printed the number. (A plain-text placeholder could be typed in
    case data, and the number would have been written there too.)"""
    return _Hole("<?muni-number?>")


class _Hole(Markup):
    """Markup that prints whole or not at all: whatever a template does to it first — a
    filter, a slice, ``+``, ``*``, ``%`` — gives plain text, which is escaped. A piece of the
    instruction (``<?muni-nu``) would be broken markup; as text it is only a wrong value,
    which the placeholder probe (``placeholder_stands_for``) sees, and the document is then
    rendered with the number itself. ``wellformed`` counts on it: no other markup reaches a
    rendering."""

    __slots__ = ()

    def __getattribute__(self, name: str) -> Any:
        if name.startswith("__"):
            return super().__getattribute__(name)
        return getattr(str(self), name)

    def __getitem__(self, key: Any) -> str:  # type: ignore[override]
        return str(self)[key]

    def __add__(self, other: Any) -> str:  # type: ignore[override]
        return str(self) + str(other)

    def __radd__(self, other: Any) -> str:  # type: ignore[override]
        return str(other) + str(self)

    def __mul__(self, n: Any) -> str:  # type: ignore[override]
        return str(self) * n

    __rmul__ = __mul__

    def __mod__(self, args: Any) -> str:  # type: ignore[override]
        return str(self) % args


def _as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise TemplateError(f"expected a date, got {value!r}")


def _date_filter(fn: Callable[[dt.date], str]) -> Callable[[Any], str]:
    return lambda value: fn(_as_date(value))


def _number_filter(fn: Callable[..., str]) -> Callable[..., str]:
    def apply(value: Any, *args: Any) -> str:
        if isinstance(value, bool) or not isinstance(value, (int, Decimal, str)):
            raise TemplateError(f"expected a number, got {value!r}")
        return fn(value, *args)
    return apply


FILTERS: dict[str, Callable[..., str]] = {
    "ky_date": _date_filter(ky.date_long),
    "ky_date_of": _date_filter(ky.date_of),
    "ky_date_until": _date_filter(ky.date_until),
    "ky_date_on": _date_filter(ky.date_on),
    "ru_date": _date_filter(ru.date_long),
    "ru_date_of": _date_filter(ru.date_of),
    "ru_date_until": _date_filter(ru.date_until),
    "ky_words": _number_filter(ky.number_words),
    "ru_words": _number_filter(ru.number_words),
    "ky_count": _number_filter(ky.count),
    "ru_count": _number_filter(ru.count),
    "ky_amount": _number_filter(ky.amount),
    "ru_amount": _number_filter(ru.amount),
    "ky_ordinal": _number_filter(ky.ordinal),
    "ru_plural": _number_filter(ru.plural),
    "ru_adj_gen": ru.adjective_genitive,
    "ru_adj_nom": ru.adjective_nominative,
    "apposition": typography.apposition,
}
#: The filters a template proven well-formed may use (``wellformed.always_well_formed``):
#: each of muni's prints plain text — given the number's hole, too (``_Hole``).
PROVABLE_FILTERS = PLAIN_FILTERS | frozenset(FILTERS)


def make_environment() -> jinja2.Environment:
    import jinja2
    import jinja2.sandbox

    env = jinja2.sandbox.SandboxedEnvironment(
        autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True
    )
    env.filters.update(FILTERS)
    return env


@dataclass(frozen=True)
class Rendition:
    """A document rendered from ``template`` except for one value: where ``placeholder``
    stood (the journal number, not taken yet) the XML is cut into pre-compressed pieces.
    ``CompiledTemplate.finish`` fills the holes. Plain data, so a worker process can send it
    to the process that holds the registry's write lock."""

    template: Path
    stamp: float                     # the template file's mtime it was compiled from
    parts: tuple[Pieces, ...]  # the Jinja-rendered members (body, headers, footers)

    @property
    def holes(self) -> int:
        """How many times the placeholder occurred (0: the value is not in the document)."""
        return sum(p.holes for p in self.parts)


class CompiledTemplate:
    """A .docx template opened and compiled once; ``render(context)`` returns .docx bytes.

    What compiling derives — the patched Jinja sources of the body, headers and footers,
    compiled to Python code, and the document around the body — depends only on the file's
    bytes, so it is kept between processes (``engine/cache.py``): a single step then loads
    neither python-docx nor docxtpl, unless the rendered text needs docxtpl's fix-ups."""

    def __init__(self, path: Path, env: jinja2.Environment):
        self.path = path
        self.stamp = path.stat().st_mtime
        derived = cache.derived("template", [path], lambda: self._derive(env),
                                extra=_compiler_versions())
        with zipfile.ZipFile(path) as zf:
            self._entries = [(info, zf.read(info)) for info in zf.infolist()]
        self._headers = {info.filename: Header.of(info) for info, _ in self._entries}
        self._members: list[tuple[str, Member]] | None = None  # packed on first use
        self._needs_table_fix = derived["needs_table_fix"]
        self._tree_checked = frozenset(derived["tree_checked"])
        self._proven = frozenset(derived["proven"])
        globals_ = env.make_globals(None)
        self._parts: dict[str, tuple[jinja2.Template, str]] = {  # zip name → (jinja, wrapper)
            name: (env.template_class.from_code(env, marshal.loads(code), globals_, None),
                   wrapper)
            for name, (code, wrapper) in derived["parts"].items()}
        self._env, self._body_src = env, derived["body_src"]
        #: Every part is proven (``wellformed.always_well_formed``): it calls nothing, so
        #: rendering cannot change the context it is given (``if``/``for``/``with``/``set``
        #: bind names of the template's own; the filters return new values).
        self.reads_only = self._proven >= self._parts.keys()

    @functools.cached_property
    def _tpl(self) -> Any:
        """docxtpl's template object: for its fix-ups of rendered XML (tabs and line breaks
        in text, merged table cells) and for compiling; opened when first needed."""
        from docxtpl import DocxTemplate

        try:
            tpl = DocxTemplate(str(self.path))
            tpl.init_docx()
        except Exception as exc:  # python-docx raises several kinds for a bad file
            raise TemplateError(f"{self.path}: not a readable .docx file ({exc})") from None
        return tpl

    def _derive(self, env: jinja2.Environment) -> dict[str, Any]:
        """What compiling the file gives: each Jinja-bearing member's code (marshalled) and
        the document around the body, whether tables need docxtpl's fix, the body source."""
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from lxml import etree

        self._needs_table_fix = False
        docx = self._tpl.docx
        body_src = self._patch(self._tpl.get_xml())
        root = etree.fromstring(docx.part.blob)
        body = root.find(f"{{{_W_NS}}}body")
        root.replace(body, etree.Comment("muni-body"))
        wrapper = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        parts = {docx.part.partname.lstrip("/"): (self._compile(env, body_src, "body"),
                                                  wrapper.decode("utf-8"))}
        sources = {docx.part.partname.lstrip("/"): body_src}
        for rel in docx.part.rels.values():
            if rel.reltype in (RT.HEADER, RT.FOOTER) and not rel.is_external:
                part = rel.target_part
                src = self._patch(self._tpl.get_part_xml(part))
                if "{{" in src or "{%" in src:
                    parts[part.partname.lstrip("/")] = (self._compile(env, src,
                                                                      part.partname), "")
                    sources[part.partname.lstrip("/")] = src
        tree_checked = [name for name, src in sources.items() if not prefixes_bound(src)]
        proven = [name for name, src in sources.items() if name not in tree_checked
                  and always_well_formed(env, src, PROVABLE_FILTERS)]
        return {"parts": parts, "needs_table_fix": self._needs_table_fix,
                "body_src": body_src, "tree_checked": tree_checked, "proven": proven}

    def _patch(self, xml: str) -> str:
        xml = self._tpl.patch_xml(xml)
        if "{%tc" in xml or "{% tc" in xml or "{%hm" in xml or "{%vm" in xml:
            self._needs_table_fix = True
        xml = _LITERAL_BRACES.sub(lambda m: "{{ '" + m.group()[::2] + "' }}", xml)
        return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)

    def _compile(self, env: jinja2.Environment, src: str, where: str) -> bytes:
        """``src`` compiled by Jinja to Python code, marshalled (what a cache can keep)."""
        import jinja2

        try:
            return marshal.dumps(env.compile(src))
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(f"{self.path.name} ({where}): template syntax error: "
                                f"{exc.message}") from None

    @functools.cached_property
    def variables(self) -> set[str]:
        """The names the template uses (``muni templates check``): parsed on first use,
        not at every compile — a single step never asks."""
        return self._variables(self._env, self._body_src)

    def _variables(self, env: jinja2.Environment, body_src: str) -> set[str]:
        from jinja2 import meta

        names = meta.find_undeclared_variables(env.parse(body_src))
        for name, (_, wrapper) in self._parts.items():
            if not wrapper:
                names |= meta.find_undeclared_variables(env.parse(
                    self._tpl.patch_xml(self._zip_text(name))))
        return set(names)

    def _zip_text(self, name: str) -> str:
        return next(data for info, data in self._entries if info.filename == name).decode("utf-8")

    def _render_part(self, template: jinja2.Template, context: dict, where: str) -> str:
        return self._render(template, context, where)[0]

    def _render(self, template: jinja2.Template, context: dict, where: str
                ) -> tuple[str, bool]:
        """The part's XML, and whether docxtpl rewrote tabs and line breaks in it (which
        ``wellformed``'s proof does not follow)."""
        import jinja2

        try:
            xml = template.render(context)
        except jinja2.UndefinedError as exc:
            raise TemplateError(f"{self.path.name} ({where}): {exc.message}",
                                template=self.path.name) from None
        except jinja2.TemplateError as exc:
            raise TemplateError(f"{self.path.name} ({where}): {exc}",
                                template=self.path.name) from None
        except TemplateError as exc:
            raise TemplateError(f"{self.path.name} ({where}): {exc.message}",
                                template=self.path.name) from None
        # the line breaks ``_patch`` put before each paragraph, out again (what
        # ``re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)`` does, without a regex per document)
        xml = xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
        listing = any(c in xml for c in "\n\t\a\f")
        if listing:
            xml = self._tpl.resolve_listing(xml)
        # no line break inside a date, number or sum
        return typography.typeset_wordml(xml), listing

    def render(self, context: dict[str, Any]) -> bytes:
        """Render to the bytes of a .docx file; raises ``TemplateError`` on any failure."""
        return self.finish(self.prerender(context))

    def prerender(self, context: dict[str, Any], placeholder: str | None = None) -> Rendition:
        """Render and compress everything; where ``placeholder`` occurs leave a hole for
        ``finish`` to fill. Reads nothing but the context: safe in any process, no lock."""
        mark = placeholder.encode("utf-8") if placeholder else None
        parts = tuple(Pieces.pack(self._headers[name], xml, mark)
                      for name, xml in self.render_xml(context).items())
        return Rendition(template=self.path, stamp=self.stamp, parts=parts)

    def finish(self, rendition: Rendition, value: str = "") -> bytes:
        """The .docx bytes of ``rendition`` with ``value`` in its holes: concatenation only."""
        if (rendition.template, rendition.stamp) != (self.path, self.stamp):
            raise TemplateError(f"{self.path.name}: the template changed while documents were "
                                "being rendered; run the command again")
        if self._members is None:  # the unchanged members, deflated once per template
            self._members = [(info.filename, Member.pack(self._headers[info.filename], data))
                             for info, data in self._entries]
        filled = {p.header.name: p.fill(value) for p in rendition.parts}
        return write_docx(filled.get(name, member) for name, member in self._members)

    def placeholder_stands_for(self, with_placeholder: dict[str, Any], placeholder: str,
                               with_value: dict[str, Any], value: str) -> bool:
        """Does writing ``value`` over ``placeholder`` give what rendering ``value`` gives?

        Not when the template transforms the value (``|ky_words``, ``|int + 1``, slicing):
        then the document must be rendered with the real value. One probe per template and
        path is enough — a template treats every value of a variable alike."""
        try:
            held = self.render_xml(with_placeholder)
        except TemplateError:
            return False
        real = self.render_xml(with_value)
        mark, text = placeholder.encode("utf-8"), value.encode("utf-8")
        return held.keys() == real.keys() and all(
            held[name].replace(mark, text) == real[name] for name in held)

    def render_xml(self, context: dict[str, Any], *, tree: bool = False
                   ) -> dict[str, bytes]:
        """The Jinja-bearing members rendered and checked (strict XML), by zip name.

        A part whose template is proven to render well-formed XML whatever its data
        (``wellformed.always_well_formed``, worked out once when compiling) needs only its
        characters checked (``allowed_characters``), unless docxtpl rewrote its tabs or line
        breaks. Any other part is parsed by libxml2: without building a tree where the
        template's prefixes are all bound at its root (``prefixes_bound``; ``xml_error``),
        into a tree, with namespaces, where its merged table cells need docxtpl's fix, it
        fails that test, or ``tree=True``."""
        rendered: dict[str, bytes] = {}
        for name, (template, wrapper) in self._parts.items():
            xml, listing = self._render(template, context, name)
            if tree or self._needs_table_fix or name in self._tree_checked:
                rendered[name] = self._checked_tree(name, xml, xml.encode("utf-8"), wrapper)
                continue
            # the characters are scanned in the part as written: the rendered text with the
            # document around it (the template's own, already well-formed) finds all the
            # rendered text's, so one encoding serves the scan and the file
            data = (wrapper.replace(_BODY_MARK, xml) if wrapper else xml).encode("utf-8")
            if listing or name not in self._proven or not allowed_characters(data):
                error = xml_error(xml.encode("utf-8") if wrapper else data)
                if error is not None:
                    raise self._not_valid(name, error)
            if not wrapper and not xml.startswith("<?xml"):
                data = _DECLARATION + data
            rendered[name] = data
        return rendered

    def _not_valid(self, name: str, error: str) -> TemplateError:
        return TemplateError(f"{self.path.name} ({name}): rendered XML is not valid: {error}",
                             template=self.path.name)

    def _checked_tree(self, name: str, xml: str, data: bytes, wrapper: str) -> bytes:
        from lxml import etree

        try:
            tree = etree.fromstring(data)  # strict: broken XML is an error
        except etree.XMLSyntaxError as exc:
            raise self._not_valid(name, str(exc)) from None
        if not wrapper:
            return etree.tostring(tree, xml_declaration=True, encoding="UTF-8",
                                  standalone=True)
        if self._needs_table_fix:
            body = etree.tostring(self._tpl.fix_tables(etree.tostring(tree)),
                                  encoding="unicode")
        else:  # checked above: the text goes in as rendered, not written out again
            body = xml
        return wrapper.replace(_BODY_MARK, body).encode("utf-8")


#: What ``etree.tostring(..., xml_declaration=True, standalone=True)`` puts before a part.
_DECLARATION = b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"


class TemplateStore:
    """Finds templates (municipality overrides first) and keeps them compiled.

    Lookup order for ``name`` in ``lang`` for municipality ``code``:
    ``<overrides>/<code>/<lang>/<name>.docx``, ``<overrides>/<lang>/<name>.docx``, then the
    built-in ``templates/docx/<lang>/<name>.docx``. Overrides are plain .docx files a clerk
    edited in Word or LibreOffice; no code changes.
    """

    def __init__(self, overrides: Path | None = None, builtin: Path = BUILTIN_TEMPLATES):
        self.overrides = overrides
        self.builtin = builtin
        self.env = make_environment()
        self._cache: dict[tuple[Path, float], CompiledTemplate] = {}
        self._lock = threading.Lock()
        self._candidates: dict[tuple[str, str, str | None], tuple[Path, ...]] = {}
        #: A pinned view's templates, by lookup and by path (``pinned``); None: looked up
        #: and their files' versions read at every use.
        self._pinned: dict[Any, CompiledTemplate] | None = None

    def pinned(self) -> TemplateStore:
        """This store for one batch: each template is looked up, and its file's version
        read, once per municipality and language — every document the batch prints for a
        municipality has the same version of its form, and a template a clerk saves
        meanwhile is used for the municipalities it reaches after that and by the next
        command. (Unpinned, every document looked for its template again: seven
        file-system calls a document, and a municipality's first orders could come out in
        one version of a form and the rest in another.) Shares the compiled templates
        with this store."""
        view = copy.copy(self)
        view._pinned = {}
        return view

    def candidates(self, name: str, lang: str, municipality: str | None) -> list[Path]:
        """Where ``name`` may be, first found wins; each inside its folder (``paths.inside``:
        a municipality code or template name that is a path never reaches outside).
        Worked out once per store and name: resolving each path walks every folder above it
        (a tenth of a batch's time when done for every document)."""
        key = (name, lang, municipality)
        if key not in self._candidates:
            self._candidates[key] = tuple(self._resolve_candidates(name, lang, municipality))
        return list(self._candidates[key])

    def _resolve_candidates(self, name: str, lang: str, municipality: str | None
                            ) -> list[Path]:
        file = f"{name}.docx"
        paths = []
        if self.overrides:
            if municipality:
                paths.append(inside(self.overrides, municipality, lang, file,
                                    what=f"the template override {municipality}/{lang}/{file}"))
            paths.append(inside(self.overrides, lang, file, what=f"the template {lang}/{file}"))
        paths.append(inside(self.builtin, lang, file, what=f"the template {lang}/{file}"))
        return paths

    def find(self, name: str, lang: str, municipality: str | None = None) -> Path:
        if lang not in LANGS:
            raise TemplateError(f"unknown language '{lang}'; use one of {', '.join(LANGS)}")
        for path in self.candidates(name, lang, municipality):
            if path.is_file():
                return path
        looked = ", ".join(str(p) for p in self.candidates(name, lang, municipality))
        raise TemplateError(f"no template '{name}' for language '{lang}' (looked in {looked})")

    def get(self, name: str, lang: str, municipality: str | None = None) -> CompiledTemplate:
        if self._pinned is None:
            return self.compiled(self.find(name, lang, municipality))
        key = (name, lang, municipality)
        if key not in self._pinned:
            self._pinned[key] = self.compiled(self.find(name, lang, municipality))
        return self._pinned[key]

    def compiled(self, path: Path) -> CompiledTemplate:
        """The template at ``path``, compiled once per version of the file (a pinned view:
        the version it first used)."""
        if self._pinned is not None and path in self._pinned:
            return self._pinned[path]
        compiled = self._compiled(path)
        if self._pinned is not None:
            self._pinned[path] = compiled
        return compiled

    def _compiled(self, path: Path) -> CompiledTemplate:
        key = (path, path.stat().st_mtime)
        with self._lock:
            compiled = self._cache.get(key)
            if compiled is None:
                compiled = self._cache[key] = CompiledTemplate(path, self.env)
        return compiled

    def render(self, name: str, lang: str, municipality: str | None, context: dict) -> bytes:
        return self.get(name, lang, municipality).render(context)

    def prerender(self, name: str, lang: str, municipality: str | None, context: dict,
                  placeholder: str | None = None) -> Rendition:
        """``CompiledTemplate.prerender`` of the template ``find`` picks."""
        return self.get(name, lang, municipality).prerender(context, placeholder)

    def finish(self, rendition: Rendition, value: str = "") -> bytes:
        """Fill a rendition's holes, possibly in another process than the one that made it."""
        return self.compiled(rendition.template).finish(rendition, value)
