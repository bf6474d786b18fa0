"""Rule profiles (dated data), verdicts, and the evaluation of a step's rules.

A rule has two halves. Its *text* — title, thresholds, legal or methodological basis, whether
the citation was verified — lives in a profile file under ``workflows/rules/``, because the
law changes and a lawyer should be able to read and date it. Its *check* is a Python function
of the same id in ``engine/guards`` (``guards.CHECKS``), handed to ``evaluate``. A case is
checked against the profile in force on the date of its act (``Workflow.act_date``);
``explain`` names the profile and the rule.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import muni.engine.inputs as inputs

from .errors import SpecError
from .spec import WORKFLOWS_DIR

RULES_DIR = WORKFLOWS_DIR / "rules"


@dataclass(frozen=True)
class Rule:
    id: str
    title: dict[str, str]
    basis: str
    verified: bool
    severity: str = "block"            # "block" refuses the step; "warn" only reports
    params: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class Profile:
    id: str
    title: str
    effective_from: dt.date
    rules: dict[str, Rule] = field(hash=False, compare=False)
    path: Path = field(compare=False)
    #: The files this profile is made of: its own and those it ``extends``, parent first.
    sources: tuple[Path, ...] = field(default=(), compare=False)

    @property
    def sha256(self) -> str:
        """Digest of the rules as resolved (title, basis, severity, params of each).

        Recorded with every transition so a reviewer can tell, years later, whether the
        profile a step was judged by still says the same thing: an edited threshold or
        basis changes the digest even when the profile keeps its id.
        """
        content = {
            "id": self.id, "title": self.title,
            "effective_from": self.effective_from.isoformat(),
            "rules": {rid: {"title": r.title, "basis": r.basis, "verified": r.verified,
                            "severity": r.severity, "params": r.params}
                      for rid, r in sorted(self.rules.items())},
        }
        text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                          default=str)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def version(self) -> dict[str, Any]:
        """``{"id", "sha256", "effective_from", "files": {name: sha256 of the bytes}}``.

        ``sha256`` covers what the rules say; ``files`` also shows an edit that changed only
        comments, so both "the law changed" and "someone touched the file" are visible.
        """
        return {
            "id": self.id, "sha256": self.sha256,
            "effective_from": self.effective_from.isoformat(),
            "files": {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
                      for p in (self.sources or (self.path,)) if p.exists()},
        }

    def rule(self, rule_id: str) -> Rule:
        try:
            return self.rules[rule_id]
        except KeyError:
            raise SpecError(f"{self.path.name}: profile '{self.id}' has no rule '{rule_id}'"
                            ) from None


@dataclass(frozen=True)
class Verdict:
    """One rule's result for one case at one moment."""

    rule: str
    ok: bool
    message: str
    title: str
    basis: str
    verified: bool
    severity: str
    profile: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def blocks(self) -> bool:
        return not self.ok and self.severity == "block"

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule, "ok": self.ok, "severity": self.severity,
            "message": self.message, "title": self.title, "basis": self.basis,
            "verified": self.verified, "profile": self.profile, "params": self.params,
        }


def _read(path: Path) -> Any:
    return inputs.parse(inputs.read_text(path, error=SpecError), path.name, error=SpecError)


def _parse_profile(path: Path) -> Profile:
    name = path.name
    doc = _read(path)
    rules = {}
    for rule_id, r in (doc.get("rules") or {}).items():
        where = f"{name}: rules.{rule_id}"
        if "basis" not in r or not str(r["basis"]).strip():
            raise SpecError(f"{where}: every rule needs a 'basis'")
        severity = r.get("severity", "block")
        if severity not in ("block", "warn"):
            raise SpecError(f"{where}.severity: must be 'block' or 'warn'")
        title = r.get("title") or rule_id
        rules[rule_id] = Rule(
            id=rule_id, title=title if isinstance(title, dict) else {"ky": title, "en": title},
            basis=str(r["basis"]).strip(), verified=bool(r.get("verified", False)),
            severity=severity, params=dict(r.get("params") or {}),
        )
    try:
        effective = doc["effective_from"]
        if not isinstance(effective, dt.date):
            effective = dt.date.fromisoformat(str(effective))
    except (KeyError, ValueError):
        raise SpecError(f"{name}: effective_from must be a date (YYYY-MM-DD)") from None
    return Profile(id=str(doc.get("id") or path.stem), title=str(doc.get("title", "")),
                   effective_from=effective, rules=rules, path=path)


@functools.cache
def profiles(directory: Path = RULES_DIR) -> tuple[Profile, ...]:
    """All profiles, oldest first; ``extends: ID`` inherits every rule not restated."""
    parsed = {}
    parents = {}
    for path in sorted(directory.glob("*.yaml")):
        profile = _parse_profile(path)
        if profile.id in parsed:
            raise SpecError(f"{path.name}: profile id '{profile.id}' already used")
        parsed[profile.id] = profile
        parents[profile.id] = (_read(path) or {}).get("extends")

    def resolved(pid: str, seen: tuple[str, ...] = ()) -> dict[str, Rule]:
        if pid in seen:
            raise SpecError(f"rule profiles extend each other in a loop: {' → '.join(seen)}")
        parent = parents[pid]
        if parent is None:
            return parsed[pid].rules
        if parent not in parsed:
            raise SpecError(f"{parsed[pid].path.name}: extends unknown profile '{parent}'")
        return {**resolved(parent, (*seen, pid)), **parsed[pid].rules}

    def chain(pid: str) -> tuple[Path, ...]:
        parent = parents[pid]
        return ((chain(parent) if parent in parsed else ()) + (parsed[pid].path,))

    found = [
        Profile(id=p.id, title=p.title, effective_from=p.effective_from,
                rules=resolved(p.id), path=p.path, sources=chain(p.id))
        for p in parsed.values()
    ]
    if not found:
        raise SpecError(f"no rule profiles in {directory}")
    return tuple(sorted(found, key=lambda p: p.effective_from))


def profile_named(profile_id: str) -> Profile | None:
    """The profile with this id as the files say it today (None if there is none)."""
    return next((p for p in profiles() if p.id == profile_id), None)


def profile_for(on: dt.date) -> Profile:
    """The profile in force on ``on``: the latest whose ``effective_from`` is not after it."""
    in_force = [p for p in profiles() if p.effective_from <= on]
    if not in_force:
        first = profiles()[0]
        raise SpecError(f"no rule profile in force on {on.isoformat()} "
                        f"(the earliest, '{first.id}', starts {first.effective_from})")
    return in_force[-1]


def evaluate(rule_ids: tuple[str, ...] | list[str], facts: Any, profile: Profile,
             checks: Mapping[str, Callable[[Any, dict[str, Any]], tuple[bool, str]]],
             lang: str = "ky") -> list[Verdict]:
    """Run every named rule's check from ``checks`` (``guards.CHECKS``) with the profile's
    params; no short-circuit: ``explain`` shows them all."""
    verdicts = []
    for rule_id in rule_ids:
        rule = profile.rule(rule_id)
        fn = checks.get(rule_id)
        if fn is None:
            raise SpecError(f"rule '{rule_id}' has no check in engine/guards")
        ok, message = fn(facts, rule.params)
        verdicts.append(Verdict(
            rule=rule_id, ok=bool(ok), message=message,
            title=rule.title.get(lang) or rule.title.get("en") or rule_id,
            basis=rule.basis + ("" if rule.verified else " (basis not verified)"),
            verified=rule.verified, severity=rule.severity, profile=profile.id,
            params=rule.params,
        ))
    return verdicts
