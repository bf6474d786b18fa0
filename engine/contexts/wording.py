"""A case's free text in the language of its documents: Russian documents are Russian.

A clerk types the case's free text in Kyrgyz (problems, places, occupations, proposals,
titles…). A Russian document prints each such text in Russian, taken from the case data:

* a field given as ``{ky: …, ru: …}`` (titles, places of the council's cases), or
* the case's glossary ``ru:`` — ``{Kyrgyz text: Russian text}`` — which translates a text
  once however many lists repeat it (a problem is named in every session, the focus groups,
  the planning meeting and the БАП; an occupation in every participants' list).

A text with neither is *missing*: ``Wording`` notes the field (``sessions[2].place``) and the
Kyrgyz text, and ``require_russian`` refuses the Russian document, naming each one — a
Russian document never prints Kyrgyz free text silently. The one exception is the law's:
where the ayil kenesh decided to adopt its acts in the state language only (Law No. 241 of
20.07.2009 «On normative legal acts of the Kyrgyz Republic», art. 24(3), 26(1-1) and 29(3),
edition of 07.07.2014), the case records that decision (``state_language_only``) and a
Russian copy may carry the Kyrgyz text it lacks.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..errors import InputError

#: The case data's key of the glossary (Kyrgyz text → Russian text).
GLOSSARY = "ru"
#: The case data's key of the kenesh's decision to adopt acts in the state language only.
STATE_LANGUAGE_ONLY = "state_language_only"
#: The basis cited when a Russian document is refused or allowed with Kyrgyz text.
BASIS = ("Law No. 241 of 20.07.2009 «On normative legal acts of the Kyrgyz Republic», "
         "art. 24(3), 26(1-1), 29(3) (edition of 07.07.2014)")


class Wording:
    """The free text of one case, worded for documents in ``lang``.

    ``text(value, where)`` gives ``value`` in the document's language; ``both`` gives the
    ``{ky, ru}`` pair for contexts that carry both. Each Russian wording that the data lacks
    is noted in ``missing`` (field → Kyrgyz text), whatever the document's language, so the
    Russian document can be refused naming every field at once."""

    def __init__(self, data: dict[str, Any], lang: str, case_id: Any = None):
        self.lang = lang
        self.case_id = case_id
        glossary = data.get(GLOSSARY) or {}
        if not isinstance(glossary, dict):
            raise InputError(f"{GLOSSARY}: expected a mapping of Kyrgyz text to its Russian "
                             "wording", field=GLOSSARY)
        self.glossary = {str(k).strip(): str(v) for k, v in glossary.items() if v}
        decision = data.get(STATE_LANGUAGE_ONLY)
        self.state_language_only: str | None = (
            str(decision.get("decision") or "").strip() or None
            if isinstance(decision, dict) else None)
        self.missing: dict[str, str] = {}

    def get(self, value: Any, where: str, lang: str) -> str:
        """``value`` (a string or a ``{ky, ru}`` mapping) in ``lang``; for Russian, the
        glossary's wording of a Kyrgyz string. A missing Russian wording is noted and the
        Kyrgyz text returned (``require_russian`` refuses it before it is printed)."""
        if value is None or value == "":
            return ""
        if isinstance(value, dict):
            ky, ru = str(value.get("ky") or ""), str(value.get("ru") or "")
        else:
            ky, ru = str(value), ""
        if lang != "ru":
            return ky
        if ru:
            return ru
        if not ky.strip():
            return ky
        found = self.glossary.get(ky.strip())
        if found is not None:
            return found
        self.missing.setdefault(where, ky)
        return ky

    def text(self, value: Any, where: str) -> str:
        """``value`` in the document's language."""
        return self.get(value, where, self.lang)

    def texts(self, values: Iterable[Any] | None, where: str) -> list[str]:
        """Each of ``values`` (a list field) in the document's language."""
        return [self.text(v, f"{where}[{i}]") for i, v in enumerate(values or [])]

    def both(self, value: Any, where: str) -> dict[str, str]:
        """``{ky, ru}`` of ``value``, for contexts that carry both languages."""
        return {"ky": self.get(value, where, "ky"), "ru": self.get(value, where, "ru")}

    def merge(self, other: Wording, prefix: str = "") -> None:
        """Take another case's missing wordings (a decision printing its source's БАП),
        their fields prefixed (``case 2: ``)."""
        for where, ky in other.missing.items():
            self.missing.setdefault(f"{prefix}{where}", ky)

    def fill(self, data: Any, prefix: str = "") -> Any:
        """A copy of ``data`` whose every ``{ky, …}`` text has its ``ru``: given, from the
        glossary, or noted missing (field ``prefix`` + path). For the council's cases, whose
        free text is all ``{ky, ru}`` (the schemas' ``text``), so a builder may read
        ``value["ru"]`` with no silent fall-back to Kyrgyz."""
        def walk(node: Any, path: str) -> Any:
            if isinstance(node, dict):
                if "ky" in node and isinstance(node.get("ky"), str):
                    return {**node, "ru": self.get(node, prefix + path, "ru")}
                return {k: v if k in (GLOSSARY, STATE_LANGUAGE_ONLY) else
                        walk(v, f"{path}.{k}" if path else str(k)) for k, v in node.items()}
            if isinstance(node, list):
                return [walk(v, f"{path}[{i}]") for i, v in enumerate(node)]
            return node

        return walk(data, "")


def require_russian(missing: dict[str, str], state_language_only: str | None, *,
                    case_id: Any, lang: str) -> None:
    """Refuse to print a Russian document whose data lacks a Russian wording.

    ``InputError`` names the case and, per Kyrgyz text, the fields that hold it (the first
    few): what the clerk adds to the case's ``ru:`` glossary. Nothing is refused for a
    Kyrgyz document, nor where the case records the kenesh's decision to adopt acts in the
    state language only."""
    if lang != "ru" or not missing or state_language_only:
        return
    fields: dict[str, list[str]] = {}
    for where, ky in missing.items():
        fields.setdefault(ky, []).append(where)
    details = []
    for ky, wheres in fields.items():
        more = f" and {len(wheres) - 3} more" if len(wheres) > 3 else ""
        details.append(f"{', '.join(wheres[:3])}{more}: «{ky}»")
    raise InputError(
        f"case {case_id}: the Russian document would print Kyrgyz text — no Russian wording "
        f"for {len(fields)} text(s) in {len(missing)} field(s). Add each under '{GLOSSARY}:' "
        "in the case data (Kyrgyz text: Russian text) or give the field as {ky: …, ru: …}; "
        f"or record the ayil kenesh's decision to adopt acts in the state language only "
        f"('{STATE_LANGUAGE_ONLY}: {{decision: …}}', {BASIS})",
        details=details, case=case_id, field=next(iter(missing)))


#: Keys of case data whose strings are not free text to translate: identifiers, dates, times,
#: codes and people's names and contacts (a name is the same name in a Russian document).
NOT_TEXT = frozenset({
    "event", "time", "date", "due", "deadline", "amount", "source", "kind", "age_group",
    "sex", "category", "contacts", "name", "name_ru", "person", "chair", "secretary",
    "compiler", "facilitators", "signer", "working_group_case", GLOSSARY,
    STATE_LANGUAGE_ONLY})
#: ``(list, key)``: ``NOT_TEXT`` keys of a list's items that are free text all the same — a
#: village's and an initiative group's name (not its members').
TEXT_NAMES = frozenset({("villages", "name"), ("initiative_groups", "name")})


def free_texts(data: dict[str, Any]) -> dict[str, str]:
    """Every free-text string of the case data → the field it first occurs in
    (``sessions[0].problems[1].problem``). ``{ky, ru}`` mappings carry their own Russian
    and are left out; so are the ``NOT_TEXT`` keys' strings."""
    found: dict[str, str] = {}

    def walk(node: Any, path: str, owner: str) -> None:
        if isinstance(node, dict):
            if "ky" in node:
                return
            for key, value in node.items():
                if key in NOT_TEXT and (owner, key) not in TEXT_NAMES:
                    continue
                walk(value, f"{path}.{key}" if path else str(key), str(key))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{path}[{i}]", owner)
        elif isinstance(node, str) and node.strip():
            found.setdefault(node, path)

    walk(data, "", "")
    return found


def localize(context: dict[str, Any], data: dict[str, Any], wording: Wording,
             keep: Iterable[str] = ("municipality",)) -> dict[str, Any]:
    """The context with every string that is a free text of the case data in Russian.

    The builders compute with the Kyrgyz texts as recorded (a problem is the same problem in
    every session, the focus groups and the БАП); the words printed are swapped here, once,
    for the whole context — a field a builder adds later is translated too, never printed
    in Kyrgyz by oversight. ``keep``: context keys not from the case data (the registry's
    letterhead wording); keys ending in ``_ky`` stay Kyrgyz."""
    texts = free_texts(data)
    kept = set(keep)

    def swap(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: v if k in kept or str(k).endswith("_ky") else swap(v)
                    for k, v in node.items()}
        if isinstance(node, list):
            return [swap(v) for v in node]
        if isinstance(node, str) and node in texts:
            return wording.get(node, texts[node], "ru")
        return node

    return swap(context)
