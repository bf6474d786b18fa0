"""What a rule's check says, in the reader's language: a key and its values, worded by catalogs.

A check knows *what* it found — "the group has 5 members, at least 6 are required" — but not
how Kyrgyz, Russian or English say it: Kyrgyz puts a case suffix on the number («6дан кем
эмес»), Russian agrees the noun with it («5 членов», «2 члена»), each writes dates its own way
(«2026-жылдын 20-ноябры», «20 ноября 2026 г.»). So a check returns a :class:`Say` — a message
key (``"group.min_size/too_small"``: the rule and the outcome) and the values — and the words
live in one catalog file per language, ``workflows/messages/{ky,ru,en}.ftl``, which a lawyer or
a translator edits without touching Python.

The catalogs are `Project Fluent <https://projectfluent.org>`_ files (``fluent.runtime``):
unlike gettext, whose ``ngettext`` agrees one noun with one number, a Fluent message can select
on any of its values (a plural category from CLDR, a kind, a sex), which is what sentences with
two counts and a date need. A rule is one Fluent message; its outcomes are the message's
attributes::

    group-min_size =
        .ok = топто { $size } мүчө (кеминде { $min })
        .too_small = топто { $size } гана мүчө бар; { NUM($min, case: "abl") } кем эмес болушу керек

Functions the catalogs may call, each written per language with ``engine/locale``:

    DATE($d, form: "long" | "of" | "on" | "until" | "from")   a date (ISO text) in words
    NUM($n, case: "dat" | "abl" | "loc" | "gen" | "acc")      a number with a Kyrgyz suffix
    PCT($share, case: …)                                      a share (0.3) as a percentage

Fluent is the source of truth for what a wording says; to say it, a command reads the
catalog's wordings as plain data (``_plain``, kept in the cache folder) and fills them itself,
exactly as Fluent would, so it never loads Fluent's runtime with Babel (about 50 ms of a
command's start); what the plain form cannot say exactly goes to Fluent.

Values are JSON: the audit stores a verdict's key and values, so a record made today reads in
any language later. A value is a string, a number, a date (stored as ISO text), a nested
``Say`` (its key and values), :class:`Words` already worded in each language, or a
:class:`Listing` of those; nested ones are worded first.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from typing import Any

import muni.engine.cache as cache

from .errors import SpecError
from .locale import ky, ru
from .spec import WORKFLOWS_DIR

#: The languages a message is worded in; English is the fallback and the audit's reading copy.
LANGS = ("ky", "ru", "en")
FALLBACK = "en"
CATALOG_DIR = WORKFLOWS_DIR / "messages"


@dataclass(frozen=True, init=False)
class Say:
    """A message by key, with its values: ``Say("group.min_size/ok", size=8, min=6)``."""

    key: str
    values: Mapping[str, Any] = field(default_factory=dict)

    def __init__(self, key: str, /, **values: Any):
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "values", {k: plain(v) for k, v in values.items()})

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "values": {k: to_json(v) for k, v in self.values.items()}}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Say:
        return cls(str(data["key"]), **{k: from_json(v)
                                         for k, v in (data.get("values") or {}).items()})

    def __str__(self) -> str:
        return render(self, FALLBACK)


@dataclass(frozen=True)
class Words:
    """A value already worded in each language — the law's words for a threshold, a holiday's
    name, a body's name typed in Kyrgyz and Russian: the reader's language, else Kyrgyz (the
    original of the case data), else whichever there is."""

    texts: Mapping[str, str]

    def to_json(self) -> dict[str, Any]:
        return {"words": {k: str(v) for k, v in self.texts.items() if v is not None}}

    def pick(self, lang: str) -> str:
        for candidate in (lang, "ky", "ru", "en"):
            if self.texts.get(candidate):
                return str(self.texts[candidate])
        return next((str(v) for v in self.texts.values() if v), "")


@dataclass(frozen=True)
class Listing:
    """Several things a message names, worded one by one and joined; ``more`` says how many
    were left out ("…; and 3 more"): a message names what to fix, not everything."""

    items: tuple[Any, ...]
    more: int = 0
    sep: str = "; "

    def to_json(self) -> dict[str, Any]:
        return {"items": [to_json(i) for i in self.items], "more": self.more, "sep": self.sep}


def listing(items: Iterable[Any], limit: int | None = 8, sep: str = "; ") -> Listing:
    """The first ``limit`` of ``items`` (all when None) and how many more there are."""
    items = [plain(i) for i in items]
    shown = items if limit is None else items[:limit]
    return Listing(tuple(shown), len(items) - len(shown), sep)


#: The types a message keeps as they are, looked up before the checks of ``plain`` (most
#: values of a batch's every verdict are these).
_AS_IS = frozenset({str, int, float, type(None)})


def plain(value: Any) -> Any:
    """A value as a message keeps it: dates as ISO text, lists as a :class:`Listing`."""
    if type(value) in _AS_IS:
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return listing(value, None)
    if isinstance(value, Say | Listing | Words | str | int | float) or value is None:
        return value
    raise TypeError(f"a message value must be text, a number, a date or a message, "
                    f"not {type(value).__name__} {value!r}")


def to_json(value: Any) -> Any:
    if type(value) in _AS_IS:
        return value
    if isinstance(value, Say | Listing | Words):
        return value.to_json()
    return value


def from_json(value: Any) -> Any:
    if isinstance(value, Mapping) and "key" in value:
        return Say.from_json(value)
    if isinstance(value, Mapping) and "words" in value:
        return Words(dict(value["words"]))
    if isinstance(value, Mapping) and "items" in value:
        return Listing(tuple(from_json(i) for i in value["items"]), int(value.get("more") or 0),
                       str(value.get("sep") or "; "))
    return value


# --- the catalogs -----------------------------------------------------------------------------

def fluent_id(key: str) -> tuple[str, str | None]:
    """``"group.min_size/too_small"`` → the Fluent message ``group-min_size`` and its
    attribute ``too_small`` (Fluent names have no dots; rule ids have no hyphens)."""
    message, _, attribute = key.partition("/")
    return message.replace(".", "-"), attribute or None


def catalog_path(lang: str) -> Path:
    return CATALOG_DIR / f"{lang}.ftl"


@functools.cache
def _resource(lang: str) -> Any:
    """The parsed catalog; a line Fluent cannot read, or a message stated twice, is a
    ``SpecError`` naming the file and the line, never a message silently missing."""
    path = catalog_path(lang)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SpecError(f"{path.name}: cannot read the message catalog ({exc})") from None
    # Fluent's parser is pure Python (~0.3 s for the catalogs): what it makes of the file's
    # bytes is kept between commands (engine/cache.py), checked once when it is made
    return cache.derived(f"catalog-{lang}", [path], lambda: _parse_checked(text, path.name),
                         extra=cache.module_stamp("fluent.syntax"))


def _parse_checked(text: str, name: str) -> Any:
    """The catalog's text parsed and checked; kept without the parser's source positions
    (needed only to name a line here), which halves what a command unpickles."""
    from fluent.syntax import FluentParser, ast

    resource = FluentParser(with_spans=True).parse(text)
    seen: set[str] = set()
    for entry in resource.body:
        line = text.count("\n", 0, entry.span.start) + 1 if entry.span else "?"
        if isinstance(entry, ast.Junk):
            why = "; ".join(a.message for a in entry.annotations) or "unreadable"
            raise SpecError(f"workflows/messages/{name}:{line}: {why}")
        if isinstance(entry, ast.Message):
            if entry.id.name in seen:
                raise SpecError(f"workflows/messages/{name}:{line}: message "
                                f"'{entry.id.name}' is stated twice")
            seen.add(entry.id.name)
    _drop_spans(resource)
    return resource


def _drop_spans(node: Any) -> None:
    from fluent.syntax import ast

    if isinstance(node, list):
        for item in node:
            _drop_spans(item)
    elif isinstance(node, ast.BaseNode):
        if isinstance(node, ast.SyntaxNode):
            node.span = None
        for value in vars(node).values():
            _drop_spans(value)


@functools.cache
def _bundle(lang: str) -> Any:
    from fluent.runtime import FluentBundle

    if lang not in LANGS:
        raise ValueError(f"unknown message language {lang!r}; expected one of {LANGS}")
    bundle = FluentBundle([lang], functions=FUNCTIONS[lang], use_isolating=False)
    # the catalog as validated (FluentBundle would skip what it cannot read), parsed once:
    # a command that words only a label pays for one parse, not two
    bundle.add_resource(_resource(lang))
    return bundle


#: A wording as plain data, read without Fluent's runtime: a tuple of parts, each a text;
#: ``("$", name)``, a value; ``("f", FUNCTION, name, ((option, text), …))``, one of
#: ``FUNCTIONS`` called on a value; or ``("?", name, ((key, is_number, wording), …),
#: default)``, Fluent's select expression (``key`` a CLDR plural category or a text, or a
#: number where ``is_number``).
Plain = tuple[Any, ...]
#: Whole numbers Fluent's runtime takes as numbers (Babel formats them); larger ones are
#: passed as their digits.
FLUENT_NUMBERS = 10**15
#: Whole numbers whose plural category is kept with the plain wordings (a count beyond it
#: goes to Fluent).
PLURAL_TABLE = 1000


@functools.cache
def _plain(lang: str) -> dict[str, Any]:
    """The catalog as plain data, kept between commands: ``{"wordings": {key: Plain},
    "plural": (category of 0, of 1, …)}``. ``_fill_plain`` words a message from it the way
    Fluent would — text, values, the catalogs' functions, selectors on a kind or a plural
    category — so a command that words its messages never loads Fluent's runtime (with
    Babel and attrs, ~50 ms of a command's start). Anything the plain form cannot say
    exactly (a negative or fractional number shown as it is, a date outside ``DATE()``, a
    missing value, a function's error) goes to Fluent; ``tests/test_messages.py`` holds
    every wording to Fluent's own result for arbitrary values."""
    return cache.derived(f"catalog-plain-{lang}", [catalog_path(lang)],
                         lambda: _plain_catalog(lang),
                         extra=" ".join(cache.module_stamp(m)
                                        for m in ("fluent.syntax", "fluent.runtime", "babel")))


def _plain_catalog(lang: str) -> dict[str, Any]:
    wordings = {}
    for key, pattern in keys(lang).items():
        plain = _compile(pattern)
        if plain is not None:
            wordings[key] = plain
    # the categories Fluent's bundle gives (Babel's CLDR rules for the language)
    plural = _bundle(lang)._plural_form
    return {"wordings": wordings, "plural": tuple(plural(n) for n in range(PLURAL_TABLE))}


def _compile(pattern: Any) -> Plain | None:
    """A Fluent pattern as ``Plain``, or None if it uses anything more (a term, a message
    reference, a nested placeable, a number literal as a value …)."""
    from fluent.syntax import ast

    parts: list[Any] = []
    for element in pattern.elements:
        if isinstance(element, ast.TextElement):
            parts.append(element.value)
            continue
        expression = element.expression
        if isinstance(expression, ast.VariableReference):
            parts.append(("$", expression.id.name))
        elif isinstance(expression, ast.StringLiteral):
            parts.append(expression.parse()["value"])
        elif isinstance(expression, ast.FunctionReference):
            args = expression.arguments
            if (len(args.positional) != 1
                    or not isinstance(args.positional[0], ast.VariableReference)
                    or not all(isinstance(n.value, ast.StringLiteral) for n in args.named)):
                return None
            parts.append(("f", expression.id.name, args.positional[0].id.name,
                          tuple((n.name.name, n.value.parse()["value"]) for n in args.named)))
        elif (isinstance(expression, ast.SelectExpression)
              and isinstance(expression.selector, ast.VariableReference)):
            variants, default = [], None
            for i, variant in enumerate(expression.variants):
                inner = _compile(variant.value)
                if inner is None:
                    return None
                if isinstance(variant.key, ast.NumberLiteral):
                    variants.append((variant.key.parse()["value"], True, inner))
                else:
                    variants.append((variant.key.name, False, inner))
                if variant.default:
                    default = i
            parts.append(("?", expression.selector.id.name, tuple(variants), default))
        else:
            return None
    return tuple(parts)


class _Unsaid(Exception):
    """The plain form cannot say this exactly: Fluent will."""


def _fill_plain(say: Say, lang: str) -> str | None:
    """``say`` worded from the plain catalog, or None where only Fluent can word it."""
    catalog = _plain(lang)
    plain = catalog["wordings"].get(say.key)
    if plain is None:
        return None
    out: list[str] = []
    try:
        _say_plain(plain, say.values, lang, catalog["plural"], out)
    except _Unsaid:
        return None
    return "".join(out)


def _say_plain(plain: Plain, values: Mapping[str, Any], lang: str, plural: tuple[str, ...],
               out: list[str]) -> None:
    for part in plain:
        if isinstance(part, str):
            out.append(part)
        elif part[0] == "$":
            shown = _plain_value(values, part[1], lang)
            if not isinstance(shown, str):
                # a number Fluent shows through Babel; digits only for a whole one ≥ 0
                if type(shown) is not int or shown < 0:
                    raise _Unsaid
                shown = str(shown)
            out.append(shown)
        elif part[0] == "f":
            _, name, value_name, options = part
            function = FUNCTIONS[lang].get(name)
            if function is None:
                raise _Unsaid
            try:
                out.append(function(_plain_value(values, value_name, lang), **dict(options)))
            except Exception:
                raise _Unsaid from None
        else:
            _, value_name, variants, default = part
            value = _plain_value(values, value_name, lang)
            chosen = None
            for key, is_number, inner in variants:
                if isinstance(value, str):
                    if is_number:
                        raise _Unsaid     # Fluent would compare the number's category
                    hit = value == key
                elif type(value) is int and 0 <= value < len(plural):
                    hit = value == key if is_number else plural[value] == key
                else:
                    raise _Unsaid
                if hit:
                    chosen = inner
                    break
            if chosen is None:
                if default is None:
                    raise _Unsaid
                chosen = variants[default][2]
            _say_plain(chosen, values, lang, plural, out)


def _plain_value(values: Mapping[str, Any], name: str, lang: str) -> Any:
    """A value as Fluent's runtime receives it (``_argument``): text, a whole number, a
    fraction or a date (for the functions); anything else is ``_Unsaid``."""
    if name not in values:
        raise _Unsaid
    value = values[name]
    if isinstance(value, int | float | dt.date) and not isinstance(value, bool):
        # as Fluent receives it, without making its number type (which needs Babel)
        return value if not isinstance(value, int) or abs(value) < FLUENT_NUMBERS else str(value)
    if isinstance(value, str | bool | Words | Say | Listing) or value is None:
        text, errors = _argument(value, lang)
        if errors:
            raise _Unsaid
        return text
    raise _Unsaid


def keys(lang: str) -> dict[str, Any]:
    """Every key the catalog words (``"rule.id/outcome"``), with its Fluent pattern node."""
    from fluent.syntax import ast

    out: dict[str, Any] = {}
    for entry in _resource(lang).body:
        if not isinstance(entry, ast.Message):
            continue
        base = entry.id.name.replace("-", ".")
        if entry.value is not None:
            out[base] = entry.value
        for attribute in entry.attributes:
            out[f"{base}/{attribute.id.name}"] = attribute.value
    return out


# --- wording ----------------------------------------------------------------------------------

def render(message: Say | Mapping[str, Any] | str | None, lang: str) -> str:
    """The message in ``lang``: a :class:`Say` (or its JSON) through the catalog, falling back
    to English and then to the key; plain text (a record made before messages had keys) as it
    is."""
    text, _errors = render_checked(message, lang)
    return text


def render_checked(message: Say | Mapping[str, Any] | str | None, lang: str
                   ) -> tuple[str, list[str]]:
    """``render``, and what went wrong on the way (a missing key or value, a failing
    function): the catalog tests require none."""
    if message is None:
        return "", []
    if isinstance(message, str):
        return message, []
    say = message if isinstance(message, Say) else Say.from_json(message)
    if lang in LANGS:
        text = _fill_plain(say, lang)
        if text is not None:
            return text, []
    return _through_fluent(say, lang)


def _through_fluent(say: Say, lang: str) -> tuple[str, list[str]]:
    """``say`` worded by Fluent's runtime, falling back to English and then to the key."""
    errors: list[str] = []
    for attempt in dict.fromkeys((lang, FALLBACK)):
        bundle = _bundle(attempt)
        name, attribute = fluent_id(say.key)
        pattern = None
        if bundle.has_message(name):
            found = bundle.get_message(name)
            pattern = found.attributes.get(attribute) if attribute else found.value
        if pattern is None:
            errors.append(f"{attempt}: no message '{say.key}'")
            continue
        args = {}
        for k, v in say.values.items():
            args[k], inner = _argument(v, lang)
            errors += inner
        try:
            text, problems = bundle.format_pattern(pattern, args)
        except ArithmeticError as exc:  # Babel on a number beyond its precision
            errors.append(f"{attempt}: {say.key}: {type(exc).__name__}")
            continue
        errors += [f"{attempt}: {say.key}: {p}" for p in problems]
        return text, errors
    return f"{say.key} {to_json(dict(say.values))}", errors


def _argument(value: Any, lang: str) -> tuple[Any, list[str]]:
    if isinstance(value, Say):
        return render_checked(value, lang)
    if isinstance(value, Words):
        return value.pick(lang), []
    if isinstance(value, Listing):
        errors: list[str] = []
        parts = []
        for item in value.items:
            if isinstance(item, int | float) and not isinstance(item, bool):
                parts.append(str(item))   # as str() prints Fluent's number: no Babel needed
                continue
            text, inner = _argument(item, lang)
            parts.append(str(text))
            errors += inner
        if value.more:
            text, inner = render_checked(Say("list/more", n=value.more), lang)
            parts.append(text)
            errors += inner
        return value.sep.join(parts), errors
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value).lower(), []
    if isinstance(value, int) and abs(value) >= FLUENT_NUMBERS:
        return str(value), []   # beyond what Babel formats: as digits, no plural form
    if isinstance(value, int | float):
        from fluent.runtime.types import fluent_number  # only a number needs Babel

        if isinstance(value, int):
            return fluent_number(value, useGrouping=False), []
        return fluent_number(value, useGrouping=False, maximumFractionDigits=2), []
    return value, []   # text, a date


# --- the functions the catalogs call ----------------------------------------------------------

def _day(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _whole(value: Any) -> int | None:
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        return None
    if not number.is_finite():
        return None
    return int(number.to_integral_value(ROUND_HALF_EVEN))


def _percent(value: Any) -> int | None:
    try:
        share = float(value)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(share):
        return None
    return _whole(Decimal(str(share)) * 100)


def _ky_suffix(n: int | None, case: str | None) -> str:
    if n is None or not case or abs(n) > ky.MAX_NUMBER:
        return ""
    return ky.numeral_suffix(abs(n), case)


_KY_DATE = {"long": ky.date_long, "of": ky.date_of, "on": ky.date_on, "until": ky.date_until,
            "from": ky.date_from}
_RU_DATE = {"long": ru.date_long, "of": ru.date_of, "on": ru.date_on, "until": ru.date_until,
            "from": ru.date_from}


def _date_function(forms: Mapping[str, Any]) -> Any:
    def DATE(value: Any, form: str = "long") -> str:  # noqa: N802 - Fluent's naming
        day = _day(value)
        if day is None:
            return str(value)
        if form not in forms:
            raise ValueError(f"DATE: unknown form {form!r}; use one of {', '.join(forms)}")
        return forms[form](day)
    return DATE


def _num_function(lang: str) -> Any:
    def NUM(value: Any, case: str | None = None) -> str:  # noqa: N802 - Fluent's naming
        n = _whole(value)
        if n is None:
            return str(value)
        digits = ("-" if n < 0 else "") + ky.group_digits(abs(n))
        return digits + (_ky_suffix(n, case) if lang == "ky" else "")
    return NUM


def _pct_function(lang: str) -> Any:
    def PCT(value: Any, case: str | None = None) -> str:  # noqa: N802 - Fluent's naming
        n = _percent(value)
        if n is None:
            return str(value)
        if lang == "en":
            return f"{n}%"
        return f"{n} %" + (_ky_suffix(n, case) if lang == "ky" else "")
    return PCT


def _iso_date(value: Any, form: str = "long") -> str:
    day = _day(value)
    return day.isoformat() if day else str(value)


FUNCTIONS: dict[str, dict[str, Any]] = {
    "ky": {"DATE": _date_function(_KY_DATE), "NUM": _num_function("ky"),
           "PCT": _pct_function("ky")},
    "ru": {"DATE": _date_function(_RU_DATE), "NUM": _num_function("ru"),
           "PCT": _pct_function("ru")},
    "en": {"DATE": _iso_date, "NUM": _num_function("en"), "PCT": _pct_function("en")},
}
