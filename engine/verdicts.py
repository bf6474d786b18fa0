"""A rule's verdict as a reader of Kyrgyz, Russian or English reads it, fresh or from the audit.

A verdict is computed once and recorded (``rules.Verdict.to_record``) with what the check
found as a message key and values (``say``), the English title and basis, and the rule's
title in every language (``titles``); records made before 1 December 2026 also hold the
English message. Whoever shows it — ``explain``, ``preview``,
``history``, ``review``, a batch's blocked rows, the web's checklist — asks here for it in the
reader's language; this is the one place that decides how, so the interfaces cannot drift:

- the message: worded from its key and values by the catalogs (``engine/messages.py``); a
  record made before messages had keys keeps its English text;
- the title: from the record, else from the profile it was judged by, else as recorded;
- the basis: the rule's citation in that language where the profile has one (``cite``),
  else the English basis with ``basis_lang: "en"`` so a page can say it is not translated.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .errors import InputError
from .messages import FALLBACK, LANGS, Listing, Say, Words, listing, render
from .rules import profile_named


def check_lang(lang: str) -> str:
    """``lang`` if it is one messages are worded in, else an ``InputError`` naming them."""
    if lang not in LANGS:
        raise InputError(f"lang: unknown language {lang!r}; use one of: {', '.join(LANGS)}",
                         field="lang")
    return lang


def in_language(verdict: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """A copy of ``verdict`` (``Verdict.to_json()`` or a recorded one) worded in ``lang``,
    with ``lang`` and ``basis_lang`` saying which language each part is in."""
    check_lang(lang)
    out = dict(verdict)
    if verdict.get("say") and (lang != FALLBACK or "message" not in verdict):
        out["message"] = render(verdict["say"], lang)
    titles = verdict.get("titles") or _titles_now(verdict)
    out["title"] = titles.get(lang) or verdict.get("title") or verdict.get("rule", "")
    out["basis"], out["basis_lang"] = basis_in(verdict, lang)
    out["lang"] = lang
    return out


def all_in_language(verdicts: Iterable[Mapping[str, Any]], lang: str) -> list[dict[str, Any]]:
    return [in_language(v, lang) for v in verdicts]


def refusal_lines(verdicts: Iterable[Mapping[str, Any]], lang: str) -> list[str]:
    """Each failing rule as one line, ``rule: message [basis]`` (``GuardFailed.details``),
    in ``lang``."""
    return [f"{v['rule']}: {v['message']} [{v['basis']}]"
            for v in all_in_language((v for v in verdicts if not v["ok"]), lang)]


def basis_in(verdict: Mapping[str, Any], lang: str) -> tuple[str, str]:
    """The basis in ``lang`` and the language it is actually in: the profile's citation in
    words (``cite``), and, as the English basis says in brackets, where the value stands
    against the texts in force when it is not the current law (``status``)."""
    cite = verdict.get("cite") or {}
    if lang == FALLBACK or not cite.get(lang):
        return str(verdict.get("basis") or ""), FALLBACK
    status = verdict.get("status") or {}
    if not status or status.get("current", True):
        return str(cite[lang]), lang
    return f"{cite[lang]} [{status_words(status, str(verdict.get('profile') or ''), lang)}]", lang


def rule_basis(profile: Any, rule_id: str, lang: str) -> tuple[str, str]:
    """``basis_in`` for a rule of ``profile`` as it stands today (a deadline, an obligation):
    its citation in ``lang`` with where it stands against the law in force."""
    rule = profile.rule(rule_id)
    return basis_in({"basis": rule.basis, "cite": rule.cite,
                     "status": profile.status(rule_id).to_json(), "profile": profile.id}, lang)


def status_words(status: Mapping[str, Any], profile_id: str, lang: str) -> str:
    """``RuleStatus.words`` in ``lang``, from a verdict's ``status`` (fresh or recorded): the
    texts it was and was not checked against are named as the profile names them."""
    profile = profile_named(profile_id)
    texts = profile.texts if profile else {}

    def named(ids: Any) -> Listing:
        return listing([Words((texts.get(i) or {}).get("against") or {"en": i}) for i in ids],
                       None, ", ")

    if status.get("withdrawn"):
        return render(Say("rule_status/withdrawn", profile=profile_id,
                          why=" ".join(str(status["withdrawn"]).split())), lang)
    parts: list[Say] = []
    nature, checked = status.get("nature"), status.get("checked_against") or []
    if nature == "design":
        parts.append(Say("rule_status/design"))
    elif nature == "practice" and not checked:
        parts.append(Say("rule_status/practice"))
    if checked:
        parts.append(Say("rule_status/checked", texts=named(checked)))
    if status.get("not_checked_against"):
        parts.append(Say("rule_status/not_checked", texts=named(status["not_checked_against"])))
    if not status.get("verified") and nature in ("law", "method"):
        parts.append(Say("rule_status/unverified"))
    if status.get("inherited_from"):
        parts.append(Say("rule_status/inherited", profile=status["inherited_from"]))
    if status.get("doubt"):
        parts.append(Say("rule_status/doubt", why=" ".join(str(status["doubt"]).split())))
    return render(Say("rule_status/words", parts=listing(parts, None)), lang)


def _titles_now(verdict: Mapping[str, Any]) -> dict[str, str]:
    """A recorded verdict without titles: the rule's titles in the profile it was judged by,
    as that profile reads today (a title is not the law; the record keeps its English)."""
    profile = profile_named(str(verdict.get("profile") or ""))
    rule = profile.rules.get(str(verdict.get("rule"))) if profile else None
    return dict(rule.title) if rule else {}
