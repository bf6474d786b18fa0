"""What a check is, and how the modules beside this one mark theirs.

A rule has two halves (see ``engine/rules.py``): its text in a profile, and its *check* here —
a Python function of the step's facts and the rule's ``params`` that returns ``(ok, Say(key,
**values))``: what it found, as a message key (``"rule.id/outcome"``) and the values, worded in
Kyrgyz, Russian and English by the catalogs ``workflows/messages/*.ftl``
(``engine/messages.py``), so a clerk reads why in her language and the audit keeps the values.
``@check("vote.quorum")`` marks a function as the check of that rule id; it registers nothing.
``guards/__init__.py`` collects the marked functions of the modules it lists for a procedure
(``checks_in``) into ``checks_for(context)``, the mapping ``rules.evaluate`` is handed. This
module imports nothing of muni's but errors and messages, so a check module never imports
the composition root back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from types import ModuleType
from typing import Any

from ..errors import SpecError
from ..messages import Say

#: What a check returns: does the rule hold, and why (or why not) as a message key and values.
Result = tuple[bool, Say]
#: ``check(facts, params) -> (ok, message)``.
Check = Callable[[Any, dict[str, Any]], Result]
#: ``deadline(facts, profile) -> [{"what", "due", "from"?, "met"}]``.
DeadlineFn = Callable[[Any, Any], list[dict[str, Any]]]


def check(rule_id: str) -> Callable[[Check], Check]:
    """Mark ``fn`` as the check of ``rule_id`` (``fn.rule``); collected by ``checks_in``."""
    def mark(fn: Check) -> Check:
        fn.rule = rule_id  # type: ignore[attr-defined]
        return fn
    return mark


def deadline(rule_id: str) -> Callable[[DeadlineFn], DeadlineFn]:
    """Mark ``fn`` as the dated obligation of ``rule_id`` — written beside the rule's check
    and reading the same ``params`` from the profile, so ``explain``, ``status --deadlines``
    and ``--overdue`` show the due date the check enforces. ``fn(facts, profile)`` returns
    ``[{"what": Say, "due", "from"?, "met": bool | None}]``; the caller words ``what`` in the
    reader's language and adds the rule and its basis."""
    def mark(fn: DeadlineFn) -> DeadlineFn:
        fn.deadline_of = rule_id  # type: ignore[attr-defined]
        return fn
    return mark


def _marked(modules: Iterable[ModuleType], attribute: str, what: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    where: dict[str, str] = {}
    for module in modules:
        for fn in vars(module).values():
            rule_id = getattr(fn, attribute, None)
            if not callable(fn) or not isinstance(rule_id, str):
                continue
            if rule_id in found and found[rule_id] is not fn:
                raise SpecError(f"rule '{rule_id}' has two {what}s: in {where[rule_id]} and "
                                f"in {module.__name__}")
            found[rule_id], where[rule_id] = fn, module.__name__
    return found


def checks_in(modules: Iterable[ModuleType]) -> dict[str, Check]:
    """Every marked check of ``modules`` by rule id; a rule checked twice is an error."""
    return _marked(modules, "rule", "check")


def deadlines_in(modules: Iterable[ModuleType]) -> dict[str, DeadlineFn]:
    """Every marked deadline of ``modules`` by rule id."""
    return _marked(modules, "deadline_of", "deadline")


def head_on_record(head: dict | None, signer: str | None, on: dt.date,
                   signer_field: str) -> Result:
    """The signer is the head of the ayil okmotu on record on ``on`` (when one is named):
    shared by the procedures whose orders the head signs, each wording its own field."""
    if head is None:
        return False, Say("head_on_record/none", on=on)
    if signer and signer != head["person"]:
        return False, Say("head_on_record/other", field=signer_field, signer=signer, on=on,
                          name=head["name"], person=head["person"])
    return True, Say("head_on_record/ok", name=head["name"], on=on)
