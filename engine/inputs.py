"""The one way muni reads a file someone hands it: case data, batch rows, imports, workflows.

Every reader used to call ``yaml.safe_load`` or ``json.loads`` and trust what came back.
Here a file is bounded before it is built — its nesting depth, and how far anchors and
aliases multiply it (a 460-byte YAML file of nested aliases expands to gigabytes; libyaml
crashes the process on a file nested 100,000 deep) — and refused when a key repeats (YAML
and JSON silently keep the last one, so a clerk's second ``date:`` would win unseen). Its
values are then checked against what the registry can store and a document can print
(``registry/values.py``): no XML-illegal control characters, no impossible dates such as an
unquoted ``date: 2026-02-30``, no whole numbers beyond SQLite's 64 bits, no NaN. Every
refusal names the file and the key, field, line or row. Tables (CSV, .xlsx) are read by
``spreadsheets``; their rows are checked with the same ``value_problems``.

The error class is the caller's: ``InputError`` (exit 3) for what a clerk hands in,
``SpecError`` (exit 7) for a workflow or a rule profile.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from muni.registry import values

from .errors import InputError, MuniError

#: Deeper than any muni file needs (case data nests 5–6 levels); far below where the
#: parsers recurse out of their stack.
MAX_DEPTH = 64
#: How many more nodes aliases may add beyond a file's own: generous for a clerk who reuses
#: a list with ``&anchor``/``*alias``, nothing like the billions of a nested-alias bomb.
MAX_ALIAS_GROWTH = 100_000

#: libyaml's parser when PyYAML has it: the same documents, ~10× faster (parsing the
#: workflows and rule profiles was most of `muni explain`'s wall time).
_BASE_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MERGE_TAG = "tag:yaml.org,2002:merge"


class NotADate(str):
    """An unquoted YAML value shaped like a date that is no date (``2026-02-30``): kept as
    text with its line, so the check of values names its field instead of YAML failing
    without one."""

    line: int

    def __new__(cls, text: str, line: int) -> NotADate:
        self = super().__new__(cls, text)
        self.line = line
        return self


class _DuplicateKey(yaml.YAMLError):
    def __init__(self, key: Any, line: int, first: int):
        super().__init__(f"key '{key}' appears twice (lines {first} and {line})")
        self.key, self.line, self.first = key, line, first


class _Loader(_BASE_LOADER):  # type: ignore[misc, valid-type]
    """Safe YAML (libyaml where present) that refuses a repeated key and keeps an impossible
    date as ``NotADate``."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == _MERGE_TAG:
                continue
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            try:
                if key in seen:
                    raise _DuplicateKey(key, line, seen[key])
                seen[key] = line
            except TypeError:  # an unhashable key: the constructor says so below
                continue
        return super().construct_mapping(node, deep=deep)


def _timestamp(loader: _Loader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return NotADate(node.value, node.start_mark.line + 1)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


# --- reading ------------------------------------------------------------------------------

def read_text(path: Path, *, error: type[MuniError] = InputError) -> str:
    """The file's text (UTF-8, with or without a byte-order mark); an error names the file
    and, for a file saved in another encoding, how to save it as UTF-8."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise error(f"{path}: cannot read ({exc.strerror})") from None
    return decode(raw, path.name, error=error)


def decode(raw: bytes, name: str, *, error: type[MuniError] = InputError) -> str:
    """UTF-8 (with or without a byte-order mark) or, with its mark, UTF-16 (Windows Notepad's
    "Unicode"); anything else is refused saying how to save it as UTF-8."""
    try:
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            return raw.decode("utf-16")
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise error(f"{name}: not UTF-8 text ({exc.reason} at byte {exc.start}, line {line}). "
                    + _encoding_advice(raw)) from None


def _encoding_advice(raw: bytes) -> str:
    how = ("Save it again as UTF-8: in Notepad, Save As → Encoding “UTF-8”; in LibreOffice, "
           "Save As with “Edit filter settings” → Character set “Unicode (UTF-8)”.")
    import muni.engine.spreadsheets as spreadsheets  # only to word this advice

    if spreadsheets.looks_like_cp1251(raw):
        return ("It looks like Windows-1251 (Cyrillic), which has no Ө, Ү or Ң. " + how)
    return how


def load(path: Path, *, error: type[MuniError] = InputError) -> Any:
    """A YAML or JSON file (by its suffix; YAML otherwise), bounded, its values checked."""
    text = read_text(path, error=error)
    doc = parse(text, path.name, "json" if path.suffix.lower() == ".json" else "yaml",
                error=error)
    check_values(doc, path.name, error=error)
    return doc


def parse(text: str, name: str, fmt: str = "yaml", *,
          error: type[MuniError] = InputError) -> Any:
    """YAML or JSON text → plain data; refuses bombs, deep nesting and repeated keys.

    Values are not checked here (``check_values``): a caller reporting per row checks them
    row by row."""
    if fmt == "json":
        return _parse_json(text, name, error)
    try:
        _check_yaml_shape(text)
        return yaml.load(text, Loader=_Loader)
    except _DuplicateKey as exc:
        raise error(f"{name}: key '{exc.key}' appears twice (lines {exc.first} and "
                    f"{exc.line}); keep one", key=str(exc.key), line=exc.line) from None
    except _TooBig as exc:
        raise error(f"{name}: {exc}") from None
    except yaml.YAMLError as exc:
        raise error(f"{name}: not valid YAML: {exc}") from None
    except RecursionError:
        raise error(f"{name}: nested more than {MAX_DEPTH} levels deep") from None


class _TooBig(Exception):
    pass


def _check_yaml_shape(text: str) -> None:
    """One pass over the parser's events, before anything is built: the nesting depth, and
    the size the document would have with every alias expanded."""
    frames: list[list] = []     # per open collection: [expanded size, anchor]
    anchors: dict[str, int] = {}
    open_anchors: set[str] = set()
    own = expanded = 0
    for event in yaml.parse(text, Loader=_BASE_LOADER):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            own += 1
            if len(frames) >= MAX_DEPTH:
                raise _TooBig(f"nested more than {MAX_DEPTH} levels deep (line "
                              f"{event.start_mark.line + 1})")
            frames.append([1, event.anchor])
            if event.anchor:
                open_anchors.add(event.anchor)
            continue
        if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            size, anchor = frames.pop()
            if anchor:
                anchors[anchor] = size
                open_anchors.discard(anchor)
        elif isinstance(event, yaml.ScalarEvent):
            own += 1
            size = 1
            if event.anchor:
                anchors[event.anchor] = 1
        elif isinstance(event, yaml.AliasEvent):
            if event.anchor in open_anchors:
                raise _TooBig(f"the alias *{event.anchor} refers to a collection that "
                              f"contains it (line {event.start_mark.line + 1})")
            size = anchors.get(event.anchor, 1)
        else:
            continue
        if frames:
            frames[-1][0] += size
        else:
            expanded += size
        if frames and frames[-1][0] - own > MAX_ALIAS_GROWTH:
            raise _TooBig(f"its aliases (*name) would expand it beyond {MAX_ALIAS_GROWTH:,} "
                          f"values (line {event.start_mark.line + 1}); write the values out")
    if expanded - own > MAX_ALIAS_GROWTH:
        raise _TooBig(f"its aliases (*name) would expand it beyond {MAX_ALIAS_GROWTH:,} "
                      "values; write the values out")


def _parse_json(text: str, name: str, error: type[MuniError]) -> Any:
    repeated: list[bool] = []

    def pairs(items: list[tuple[str, Any]]) -> dict:
        out = dict(items)
        if len(out) != len(items):
            repeated.append(True)
        return out

    try:
        doc = json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        raise error(f"{name}: not valid JSON: {exc}") from None
    except RecursionError:
        raise error(f"{name}: nested too deeply") from None
    if repeated:
        key, line, first = _json_repeated_key(text)
        raise error(f"{name}: key '{key}' appears twice (lines {first} and {line}); keep one",
                    key=key, line=line)
    return doc


_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:]')


def _json_repeated_key(text: str) -> tuple[str, int, int]:
    """The first key that repeats within one object of (valid) JSON, with both lines."""
    stack: list[dict[str, int] | None] = []
    tokens = list(_JSON_TOKEN.finditer(text))
    for i, token in enumerate(tokens):
        t = token.group()
        if t in "{[":
            stack.append({} if t == "{" else None)
        elif t in "}]":
            stack.pop()
        elif (t.startswith('"') and stack and stack[-1] is not None
              and i + 1 < len(tokens) and tokens[i + 1].group() == ":"):
            key = json.loads(t)
            line = text.count("\n", 0, token.start()) + 1
            if key in stack[-1]:
                return key, line, stack[-1][key]
            stack[-1][key] = line
    raise AssertionError("a repeated key was reported but not found")  # pragma: no cover


# --- checking values ------------------------------------------------------------------------

def value_problems(value: Any, prefix: str = "") -> Iterator[tuple[str, str]]:
    """``(field path, problem)`` for every value the registry cannot store or a document
    cannot print; paths as the schema errors write them (``order.members[0].name``)."""
    stack: list[tuple[str, Any]] = [(prefix, value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, dict):
            for key, child in reversed(list(item.items())):
                text_key = str(key)
                problem = values.text_problem(text_key)
                if problem:
                    yield where or "(top level)", f"the key {text_key!r} {problem}"
                    continue
                stack.append((f"{where}.{text_key}" if where else text_key, child))
        elif isinstance(item, list):
            stack.extend((f"{where}[{i}]", child) for i, child in reversed(list(enumerate(item))))
        elif isinstance(item, NotADate):
            yield where, (f"{str(item)!r} is not a date (line {item.line}); write a real date "
                          "as YYYY-MM-DD")
        elif isinstance(item, str):
            problem = values.text_problem(item)
            if problem:
                yield where, problem
        elif isinstance(item, bool) or item is None or isinstance(item, dt.date):
            continue
        elif isinstance(item, int):
            problem = values.int_problem(item)
            if problem:
                yield where, problem
        elif isinstance(item, float):
            if not math.isfinite(item):
                yield where, f"{item} is not a number muni can store"
        elif isinstance(item, bytes):
            yield where, "binary data (!!binary) is not accepted"


def check_values(value: Any, name: str, *, error: type[MuniError] = InputError) -> None:
    """Raise ``error`` listing every value ``value_problems`` finds, each with its field."""
    problems = [f"field '{where}': {problem}" for where, problem in value_problems(value)]
    if problems:
        raise error(f"{name}: {len(problems)} value(s) cannot be accepted", details=problems,
                    problems=problems)
