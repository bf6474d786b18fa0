"""Forms from a workflow's JSON Schema, and the posted form back into the case's data.

Three pure steps, each testable alone:

* ``build(schema, data, …)`` → a tree of ``Field``s (what the page template draws): nested
  objects as fieldsets, lists as rows with "add" and "remove" buttons (plain submit buttons:
  no JavaScript), dates as date inputs, enums as choices, people as a choice among the
  registry's people of the case's municipality (the form shows names, the data keeps ids).
* ``parse(schema, form)`` → the JSON document, exactly what ``muni case update --replace``
  would store from the same values written in YAML: empty inputs are left out, numbers are
  numbers, a member given only by a person is that person's id.
* ``problems(schema, doc, gettext)`` → each validation error under the name of its field,
  in the interface's language.

Labels and help come from the schema: ``x-label: {ky, ru}``, ``x-help: {ky, ru}`` on each
property, ``x-enum-labels: {value: {ky, ru}}`` on enums, ``x-person: true`` on strings that
hold a person id, ``x-widget: textarea`` on long texts.

Field names in the HTML are the JSON paths joined by dots (``group.members.2.person``); row
numbers are renumbered on every round, so removing a row in the middle leaves no gap.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import jsonschema

Path = tuple[str | int, ...]
#: The submit button that adds a row to the list named by its value, and the one that
#: removes the row named by its value.
ADD = "_add"
REMOVE = "_remove"
#: Suffix of the hidden input that says a "string or number" field held a number (its value:
#: ``integer`` or ``number``): a document number written 14 in YAML stays 14, "14" stays "14".
TYPE_MARK = ":type"


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()
_INTEGER = re.compile(r"-?(0|[1-9][0-9]*)")
_NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?")


def name_of(path: Path) -> str:
    return ".".join(str(p) for p in path)


def path_of(name: str) -> Path:
    return tuple(int(p) if p.isdigit() else p for p in name.split(".")) if name else ()


@dataclass
class Person:
    """A choice in a person field: the id stored, the text shown."""

    id: str
    name: str
    detail: str = ""


@dataclass
class Field:
    """One node of the form. ``value`` is the text an input shows (scalars only)."""

    path: Path
    kind: str           # object, array, oneof, text, textarea, date, integer, number, flex,
    label: str          # boolean, enum, person
    help: str = ""
    required: bool = False
    value: str = ""
    children: list[Field] = field(default_factory=list)
    choices: list[tuple[str, str]] = field(default_factory=list)
    error: str | None = None
    minimum: int | float | None = None
    maximum: int | float | None = None
    json_type: str = ""     # flex fields: "integer" or "number" when the value was one
    fold: bool = False      # a person with optional details: the details folded away

    @property
    def name(self) -> str:
        return name_of(self.path)

    @property
    def id(self) -> str:
        return "f-" + (self.name.replace(".", "-") or "root")

    @property
    def is_row(self) -> bool:
        return bool(self.path) and isinstance(self.path[-1], int)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


# --- schema navigation ----------------------------------------------------------------------

def resolve(node: Mapping[str, Any], root: Mapping[str, Any]) -> dict[str, Any]:
    """``node`` with its ``$ref`` (``#/$defs/x``) merged in; the node's own keywords (label,
    help, description) win over the definition's."""
    merged = dict(node)
    while "$ref" in merged:
        ref = merged.pop("$ref")
        target: Any = root
        for part in ref.lstrip("#/").split("/"):
            target = target[part]
        merged = {**target, **merged}
    return merged


class MapRows(list):
    """The rows of a map (an object of free keys, e.g. a problem's wording → the wording it
    is merged into) while the form is being edited: ``(key, value)`` pairs, empty ones too."""


def kind_of(node: Mapping[str, Any]) -> str:
    if "oneOf" in node:
        return "oneof"
    if "enum" in node:
        return "enum"
    types = node.get("type")
    types = set(types) if isinstance(types, list) else {types}
    if types == {"object"} and not node.get("properties") and isinstance(
            node.get("additionalProperties"), Mapping):
        return "map"
    if types == {"object"}:
        return "object"
    if types == {"array"}:
        return "array"
    if types == {"boolean"}:
        return "boolean"
    if types == {"integer"}:
        return "integer"
    if types == {"number"}:
        return "number"
    if "string" in types and types & {"integer", "number"}:
        return "flex"
    if node.get("x-person"):
        return "person"
    if node.get("format") == "date":
        return "date"
    if node.get("x-widget") == "textarea":
        return "textarea"
    return "text"


def text_in(labels: Any, lang: str, fallback: str = "") -> str:
    """``{ky, ru}`` → the text in ``lang`` (Kyrgyz when the language is missing)."""
    if isinstance(labels, Mapping):
        return labels.get(lang) or labels.get("ky") or fallback
    return labels if isinstance(labels, str) else fallback


def branches(node: Mapping[str, Any], root: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [resolve(b, root) for b in node.get("oneOf", [])]


def _union_properties(alternatives: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The properties of every object branch of a ``oneOf``, first branch first."""
    union: dict[str, dict[str, Any]] = {}
    for b in alternatives:
        for key, sub in (b.get("properties") or {}).items():
            union.setdefault(key, sub)
    return union


def _person_shorthand(alternatives: list[dict[str, Any]]) -> bool:
    """``oneOf: [person id, {person, …}]``: a member given by id alone, or with details."""
    kinds = [kind_of(b) for b in alternatives]
    return "object" in kinds and any(k in ("text", "person") for k in kinds) and any(
        "person" in (b.get("properties") or {}) for b in alternatives)


# --- schema + data → fields -----------------------------------------------------------------

def build(schema: Mapping[str, Any], data: Any, *, lang: str = "ky",
          people: Sequence[Person] = (), errors: Mapping[str, str] | None = None) -> Field:
    """The form's fields for ``data`` (possibly incomplete: a new case, a row just added)."""
    errors = errors or {}
    by_id = {p.id: p for p in people}

    def person_choices(current: str) -> list[tuple[str, str]]:
        choices = [("", "—")] + [(p.id, f"{p.name} — {p.detail}" if p.detail else p.name)
                                 for p in people]
        if current and current not in by_id:    # keep a value the registry no longer lists
            choices.append((current, current))
        return choices

    def walk(node: Mapping[str, Any], value: Any, path: Path, required: bool) -> Field:
        node = resolve(node, schema)
        kind = kind_of(node)
        f = Field(path=path, kind=kind, required=required,
                  label=text_in(node.get("x-label"), lang, str(path[-1]) if path else ""),
                  help=text_in(node.get("x-help"), lang), error=errors.get(name_of(path)))
        if kind == "object":
            value = value if isinstance(value, Mapping) else {}
            need = set(node.get("required", []))
            f.children = [walk(sub, value.get(key, MISSING), path + (key,), key in need)
                          for key, sub in (node.get("properties") or {}).items()]
        elif kind == "map":
            pairs = list(value) if isinstance(value, MapRows) else (
                list(value.items()) if isinstance(value, Mapping) else [])
            for i, (key, sub_value) in enumerate(pairs):
                row = Field(path=path + (i,), kind="pair", label="")
                row.children = [
                    Field(path=path + (i, "key"), kind="text", required=True,
                          label=text_in(node.get("x-key-label"), lang, "key"), value=key),
                    walk(node["additionalProperties"], sub_value, path + (i, "value"), True)]
                row.children[1].label = text_in(node.get("x-value-label"), lang, "value")
                f.children.append(row)
        elif kind == "array":
            rows = value if isinstance(value, list) else []
            f.minimum = node.get("minItems")
            f.children = [walk(node.get("items", {}), row, path + (i,), True)
                          for i, row in enumerate(rows)]
        elif kind == "oneof":
            alternatives = branches(node, schema)
            if isinstance(value, str) and _person_shorthand(alternatives):
                value = {"person": value}
            value = value if isinstance(value, Mapping) else {}
            required_keys = {k for b in alternatives for k in b.get("required", [])}
            f.children = [walk(sub, value.get(key, MISSING), path + (key,),
                               key in required_keys and len(alternatives) == 1
                               or _person_shorthand(alternatives) and key == "person")
                          for key, sub in _union_properties(alternatives).items()]
            f.choices = [(str(i), text_in(b.get("x-label"), lang, str(i)))
                         for i, b in enumerate(alternatives) if kind_of(b) == "object"]
            f.fold = _person_shorthand(alternatives) and bool(f.children) and \
                f.children[0].path[-1] == "person"
        else:
            f.value = "" if value is MISSING or value is None else _shown(value)
            if kind == "flex" and not isinstance(value, (str, bool)) and value is not MISSING:
                f.json_type = "integer" if isinstance(value, int) else "number"
            f.minimum, f.maximum = node.get("minimum"), node.get("maximum")
            if kind == "enum":
                labels = node.get("x-enum-labels") or {}
                f.choices = [("", "—")] + [(str(v), text_in(labels.get(str(v)), lang, str(v)))
                                           for v in node["enum"]]
            elif kind == "boolean":
                f.choices = [("", "—"), ("true", "✓"), ("false", "✗")]
            elif kind == "person":
                f.choices = person_choices(f.value)
        return f

    return walk(schema, data, (), True)


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# --- form → data ----------------------------------------------------------------------------

def parse(schema: Mapping[str, Any], form: Mapping[str, Any] | Sequence[tuple[str, str]], *,
          keep_empty_rows: bool = False) -> dict[str, Any]:
    """The JSON document of a posted form.

    ``keep_empty_rows`` keeps rows with nothing filled in (the clerk has just added them and
    the form is drawn again); a saved document never holds them.
    """
    values: dict[str, str] = {}
    items = form.items() if isinstance(form, Mapping) else form
    for key, value in items:
        if isinstance(value, str):
            values.setdefault(key, value)
    rows_under: dict[str, set[int]] = {}
    for key in values:
        parts = key.split(".")
        for i, part in enumerate(parts[1:], start=1):
            if part.isdigit():
                rows_under.setdefault(".".join(parts[:i]), set()).add(int(part))

    def walk(node: Mapping[str, Any], path: Path) -> Any:
        """The value at ``path``, or MISSING when nothing under it was filled in (then the
        parent's ``required`` names it, e.g. "initiative: fill in")."""
        node = resolve(node, schema)
        kind = kind_of(node)
        name = name_of(path)
        if kind == "object":
            out = {}
            for key, sub in (node.get("properties") or {}).items():
                v = walk(sub, path + (key,))
                if v is not MISSING:
                    out[key] = v
            return out if out or not path else MISSING
        if kind == "map":
            pairs = MapRows()
            for i in sorted(rows_under.get(name, ())):
                key = values.get(name_of(path + (i, "key")), "").strip()
                v = walk(node["additionalProperties"], path + (i, "value"))
                if key and v is not MISSING or keep_empty_rows:
                    pairs.append((key, None if v is MISSING else v))
            if keep_empty_rows:
                return pairs if pairs else MISSING
            return dict(pairs) if pairs else MISSING
        if kind == "array":
            out_rows = []
            for i in sorted(rows_under.get(name, ())):
                v = walk(node.get("items", {}), path + (i,))
                if v is not MISSING:
                    out_rows.append(v)
                elif keep_empty_rows:
                    out_rows.append(_placeholder(resolve(node.get("items", {}), schema)))
            return out_rows if out_rows else MISSING
        if kind == "oneof":
            alternatives = branches(node, schema)
            filled = {}
            for key, sub in _union_properties(alternatives).items():
                v = walk(sub, path + (key,))
                if v is not MISSING:
                    filled[key] = v
            if not filled:
                return MISSING
            if _person_shorthand(alternatives) and set(filled) == {"person"}:
                return filled["person"]
            return filled
        raw = values.get(name)
        if raw is None:
            return MISSING
        raw = raw.replace("\r\n", "\n").strip()
        if raw == "":
            return MISSING
        if kind == "flex":
            typed = values.get(name + TYPE_MARK)
            return convert(typed, raw) if typed in ("integer", "number") else raw
        return convert(kind, raw)

    doc = walk(schema, ())
    return doc if isinstance(doc, dict) else {}


def _placeholder(item: Mapping[str, Any]) -> Any:
    return {} if kind_of(item) in ("object", "oneof") else None


def convert(kind: str, raw: str) -> Any:
    """The typed value of an input's text; text that is not of the kind stays text, so the
    validator names the field ("a whole number") and the form shows what was typed."""
    if kind == "integer" and _INTEGER.fullmatch(raw):
        return int(raw)
    if kind == "number" and _NUMBER.fullmatch(raw):
        return int(raw) if _INTEGER.fullmatch(raw) else float(raw)
    if kind == "boolean":
        return {"true": True, "false": False}.get(raw, raw)
    return raw


# --- the add / remove row buttons -----------------------------------------------------------

def action_of(form: Mapping[str, Any]) -> tuple[str, Path] | None:
    """("add", path of the list) or ("remove", path of the row), when such a button was
    pressed instead of "save"."""
    for verb, key in (("add", ADD), ("remove", REMOVE)):
        value = form.get(key)
        if isinstance(value, str) and value:
            return verb, path_of(value)
    return None


def apply_action(schema: Mapping[str, Any], doc: dict[str, Any], verb: str,
                 path: Path) -> dict[str, Any]:
    """``doc`` with an empty row added at the end of the list at ``path``, or the row at
    ``path`` removed."""
    target_path = path if verb == "add" else path[:-1]
    parent: Any = doc
    node: dict[str, Any] = resolve(schema, schema)
    for step, part in enumerate(target_path):
        if isinstance(part, int):
            node = resolve(node.get("items") or {"type": "object", "properties": {
                "key": {"type": "string"}, "value": node["additionalProperties"]}}, schema)
        else:
            node = resolve((node.get("properties") or _union_properties(branches(node, schema))
                            )[part], schema)
        last = step == len(target_path) - 1
        default: Any = [] if last else ({} if kind_of(node) in ("object", "oneof") else [])
        if kind_of(node) == "map" and last:
            default = MapRows()
        if isinstance(parent, list):
            if not isinstance(part, int) or part >= len(parent):
                return doc
            if last:
                break
            if parent[part] is None:
                parent[part] = default
            parent = parent[part]
        else:
            if not isinstance(parent.get(part), (dict, list)):
                parent[part] = default
            elif isinstance(parent[part], dict) and kind_of(node) == "map":
                parent[part] = MapRows(parent[part].items())
            parent = parent[part]
    if verb == "add" and isinstance(parent, MapRows):
        parent.append(("", None))
    elif verb == "add" and isinstance(parent, list):
        parent.append(_placeholder(resolve(node.get("items", {}), schema)))
    elif verb == "remove" and isinstance(parent, list):
        index = path[-1]
        if isinstance(index, int) and 0 <= index < len(parent):
            del parent[index]
    return doc


# --- validation, in the clerk's language ----------------------------------------------------

def problems(schema: Mapping[str, Any], doc: Any, gettext: Callable[[str], str]
             ) -> dict[str, str]:
    """Field name → what is wrong with it, worded for the clerk. One message per field."""
    _ = gettext
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    found: dict[str, str] = {}
    for error in sorted(validator.iter_errors(doc), key=lambda e: [str(p) for p in e.path]):
        path = tuple(error.absolute_path)
        v = error.validator
        if v == "required":
            missing = [k for k in error.validator_value if not isinstance(error.instance, dict)
                       or k not in error.instance]
            for key in missing:
                found.setdefault(name_of(path + (key,)), _("Fill in this field."))
            continue
        if v == "type":
            wanted = error.validator_value
            wanted = set(wanted) if isinstance(wanted, list) else {wanted}
            message = (_("Enter a whole number.") if wanted == {"integer"} else
                       _("Enter a number.") if wanted <= {"integer", "number"} else
                       _("This value has the wrong form."))
        elif v == "format":
            message = _("Enter a date as YYYY-MM-DD.")
        elif v == "minLength":
            message = _("Fill in this field.")
        elif v == "minimum":
            message = _("Must be at least %(limit)s.") % {"limit": error.validator_value}
        elif v == "maximum":
            message = _("Must be at most %(limit)s.") % {"limit": error.validator_value}
        elif v == "minItems":
            message = _("Add at least %(limit)s row(s).") % {"limit": error.validator_value}
        elif v == "enum":
            message = _("Choose one of the options.")
        elif v == "oneOf":
            message = _("Fill in the fields of exactly one of the variants.")
        else:
            message = _("This value is not accepted: %(reason)s") % {"reason": error.message}
        found.setdefault(name_of(path), message)
    return found


def label_path(root: Field, name: str) -> str:
    """"Initiative › Date" for the field ``initiative.date`` (rows counted from 1)."""
    parts: list[str] = []
    node = root
    for part in path_of(name):
        child = next((c for c in node.children if c.path[-1] == part), None)
        if child is None:
            parts.append(str(part + 1) if isinstance(part, int) else str(part))
            continue
        parts.append(f"№ {part + 1}" if isinstance(part, int) else child.label)
        node = child
    return " › ".join(parts)

