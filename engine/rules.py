"""Rule profiles (dated data), verdicts, and the evaluation of a step's rules.

A rule has two halves. Its *text* — title, thresholds, legal or methodological basis, whether
the citation was verified — lives in a profile file under ``workflows/rules/``, because the
law changes and a lawyer should be able to read and date it. Its *check* is a Python function
of the same id in ``engine/guards`` (``guards.checks_for``), handed to ``evaluate``. A case is
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

import muni.engine.cache as cache

from .errors import SpecError
from .messages import Say, render
from .spec import WORKFLOWS_DIR

RULES_DIR = WORKFLOWS_DIR / "rules"


NATURES = ("law", "method", "practice", "design")


@dataclass(frozen=True)
class Rule:
    id: str
    title: dict[str, str]
    basis: str
    verified: bool
    severity: str = "block"            # "block" refuses the step; "warn" only reports
    params: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    #: The articles, as data: ``{source, article}`` (see ``engine/citations.py``).
    refs: tuple[dict[str, Any], ...] = field(default=(), hash=False, compare=False)
    #: The basis in words for documents, ``{ky, ru, en}`` (composed from ``refs``).
    cite: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    #: The texts actually read for this value (source ids).
    checked_against: tuple[str, ...] = ()
    nature: str = "law"                # law, method, practice or design
    doubt: str | None = None           # why a rule warns instead of blocking
    withdrawn: str | None = None       # why the rule does not carry over into this profile
    defined_in: str = ""               # the profile whose file states this rule

    def applies_to(self, facts: Any) -> bool:
        """A rule with ``params.kinds`` concerns decisions of those kinds only."""
        kinds = self.params.get("kinds")
        return kinds is None or getattr(facts, "kind", None) in kinds


@dataclass(frozen=True)
class RuleStatus:
    """Whether a rule's value was read in the texts in force for a profile, and where it comes
    from — what ``explain``, ``lint`` and the documents' legal wording say about it."""

    rule: str
    profile: str
    nature: str
    verified: bool
    checked: tuple[str, ...]           # texts in force for the profile that were read for it
    not_checked: tuple[str, ...]       # texts in force for the profile that were not
    earlier: tuple[str, ...]           # texts read for it that are no longer in force
    inherited_from: str | None         # the older profile stating the rule, if not this one
    withdrawn: str | None
    doubt: str | None
    sources: dict[str, dict[str, Any]] = field(default_factory=dict, hash=False, compare=False)

    @property
    def current(self) -> bool:
        """Read in the texts in force: the value can be presented as the current law."""
        return (self.verified and self.nature in ("law", "method") and not self.not_checked
                and self.withdrawn is None)

    def _names(self, ids: tuple[str, ...], lang: str) -> str:
        against = [(self.sources.get(i) or {}).get("against") or {} for i in ids]
        return " and ".join(" ".join(str(a.get(lang) or a.get("en") or i).split())
                            for a, i in zip(against, ids, strict=True))

    def words(self) -> str:
        """One English line for ``explain`` and ``lint``."""
        if self.withdrawn:
            return f"withdrawn in {self.profile}: {' '.join(self.withdrawn.split())}"
        parts = []
        if self.nature == "design":
            parts.append("muni design rule (no legal text)")
        elif self.nature == "practice" and not self.checked and not self.earlier:
            parts.append("practice: no legal text was found for it")
        read = self.checked + self.earlier
        if read:
            parts.append(f"checked against {self._names(read, 'en')}")
        if self.not_checked:
            parts.append(f"not checked against {self._names(self.not_checked, 'en')}")
        if not self.verified and self.nature in ("law", "method"):
            parts.append("basis not verified")
        if self.inherited_from:
            parts.append(f"inherited from {self.inherited_from}")
        if self.doubt:
            parts.append(f"in doubt: {' '.join(self.doubt.split())}")
        return "; ".join(parts)

    def to_json(self) -> dict[str, Any]:
        return dict(self._json)

    @functools.cached_property
    def basis_note(self) -> str:
        """What a verdict adds to the rule's basis: nothing for a value read in the texts in
        force, else `` [words]``. Worked out once: every verdict of a batch adds it."""
        return "" if self.current else f" [{self.words()}]"

    @functools.cached_property
    def _json(self) -> dict[str, Any]:
        return {"current": self.current, "nature": self.nature, "verified": self.verified,
                "checked_against": list(self.checked + self.earlier),
                "not_checked_against": list(self.not_checked),
                "inherited_from": self.inherited_from, "withdrawn": self.withdrawn,
                "doubt": self.doubt, "words": self.words()}


@dataclass(frozen=True)
class Profile:
    id: str
    title: str
    effective_from: dt.date
    rules: dict[str, Rule] = field(hash=False, compare=False)
    path: Path = field(compare=False)
    #: The files this profile is made of: its own and those it ``extends``, parent first.
    sources: tuple[Path, ...] = field(default=(), compare=False)
    #: The legal texts its rules cite, by id (its own and those it inherits).
    texts: dict[str, dict[str, Any]] = field(default_factory=dict, hash=False, compare=False)
    #: The text in force for each matter ("lsg", "npa", …) in this profile's period.
    in_force: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    #: Texts in force for the period that were not read (shown by lint).
    unread: tuple[str, ...] = field(default=(), compare=False)
    effective_from_verified: bool = True
    effective_from_note: str = ""
    #: The SHA-256 of each source file's bytes as they were parsed into this profile.
    file_sha256: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    _statuses: dict[str, RuleStatus] = field(default_factory=dict, hash=False, compare=False,
                                             repr=False)

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
            "in_force": self.in_force,
            "rules": {rid: {"title": r.title, "basis": r.basis, "verified": r.verified,
                            "severity": r.severity, "params": r.params,
                            "refs": list(r.refs), "checked_against": list(r.checked_against),
                            "nature": r.nature, "doubt": r.doubt, "withdrawn": r.withdrawn}
                      for rid, r in sorted(self.rules.items())},
        }
        text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                          default=str)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def version(self) -> dict[str, Any]:
        """``{"id", "sha256", "effective_from", "files": {name: sha256 of the bytes}}``.

        ``sha256`` covers what the rules say; ``files`` also shows an edit that changed only
        comments, so both "the law changed" and "someone touched the file" are visible. Both
        describe the profile as it was parsed — the rules the verdicts came from — even when
        a file was edited since (a batch keeps its profiles for its whole run). Worked out
        once per profile: a batch records it for every step.
        """
        version = self._version  # the caller's own copy: two levels, strings inside
        return {**version, "files": dict(version["files"])}

    @functools.cached_property
    def _version(self) -> dict[str, Any]:
        files = self.file_sha256 or {     # a profile made in code, not parsed from files
            p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in (self.sources or (self.path,)) if p.exists()}
        return {"id": self.id, "sha256": self.sha256,
                "effective_from": self.effective_from.isoformat(), "files": dict(files)}

    def rule(self, rule_id: str) -> Rule:
        try:
            return self.rules[rule_id]
        except KeyError:
            raise SpecError(f"{self.path.name}: profile '{self.id}' has no rule '{rule_id}'"
                            ) from None

    def status(self, rule_id: str) -> RuleStatus:
        """Was the rule's value read in the texts in force for this profile? A rule checked
        against a text that another now replaces (Law No. 101 → Law No. 123) is *not checked*
        against the new one — never presented as the current law.

        Worked out once per rule: it depends on the profile alone, and every verdict of a
        batch asks for it (a twentieth of a batch step before)."""
        known = self._statuses.get(rule_id)
        if known is None:
            known = self._statuses[rule_id] = self._status(rule_id)
        return known

    def _status(self, rule_id: str) -> RuleStatus:
        r = self.rule(rule_id)
        roles = {str(self.texts.get(s, {}).get("role")) for s in r.checked_against}
        in_force = {role: self.in_force[role] for role in sorted(roles) if role in self.in_force}
        checked = tuple(s for s in r.checked_against if s in in_force.values())
        earlier = tuple(s for s in r.checked_against if s not in checked)
        not_checked = tuple(t for t in in_force.values() if t not in r.checked_against)
        return RuleStatus(
            rule=rule_id, profile=self.id, nature=r.nature, verified=r.verified,
            checked=checked, not_checked=not_checked, earlier=earlier,
            inherited_from=r.defined_in if r.defined_in and r.defined_in != self.id else None,
            withdrawn=r.withdrawn, doubt=r.doubt, sources=self.texts)

    def legal_words(self, rule_id: str, lang: str) -> str:
        """The rule's basis as a document prints it: the articles in words and, when the value
        was not read in the text in force, that it was not («… боюнча текшерилген эмес»)."""
        from .citations import not_checked_words

        r, st = self.rule(rule_id), self.status(rule_id)
        words = r.cite.get(lang) or r.cite.get("en", "")
        unchecked = not_checked_words([self.texts[t] for t in st.not_checked], lang)
        return "; ".join(w for w in (words, unchecked) if w)


@dataclass(frozen=True)
class Verdict:
    """One rule's result for one case at one moment.

    ``say`` is what the check found as a message key and values, and ``titles`` the rule's
    title in each language, so the verdict reads in Kyrgyz, Russian or English, now or later
    (``engine/verdicts.py``); ``title`` is English. ``message`` — the English words of
    ``say`` — is worded only when asked for: the audit records ``say`` (``to_record``), so a
    step that shows no message never loads Fluent's runtime (~70 ms of a command, and a
    tenth of a batch step). A check that answers with plain text keeps it as ``text``."""

    rule: str
    ok: bool
    title: str
    basis: str
    verified: bool
    severity: str
    profile: str
    params: dict[str, Any] = field(default_factory=dict)
    #: Where the value stands against the texts in force (:class:`RuleStatus`).
    status: dict[str, Any] = field(default_factory=dict)
    #: The basis in words, as documents print it ({ky, ru, en}).
    cite: dict[str, str] = field(default_factory=dict)
    say: Say | None = None
    titles: dict[str, str] = field(default_factory=dict)
    text: str | None = None

    @property
    def blocks(self) -> bool:
        return not self.ok and self.severity == "block"

    @functools.cached_property
    def message(self) -> str:
        """What the check found, in English."""
        return render(self.say, "en") if self.say is not None else (self.text or "")

    def to_record(self) -> dict[str, Any]:
        """The verdict as the audit keeps it: ``say`` (key and values), no worded message
        unless the check gave plain text; ``engine/verdicts.py`` words it for a reader."""
        return {
            "rule": self.rule, "ok": self.ok, "severity": self.severity,
            **({"say": self.say.to_json()} if self.say is not None
               else {"message": self.text or ""}),
            "title": self.title, "basis": self.basis,
            "verified": self.verified, "profile": self.profile, "params": self.params,
            "status": self.status, "cite": self.cite, "titles": dict(self.titles),
        }

    def to_json(self) -> dict[str, Any]:
        """``to_record`` with the English ``message``."""
        return {**self.to_record(), "message": self.message}


@dataclass
class _File:
    """One profile file as written, before ``extends`` is resolved."""

    id: str
    path: Path
    doc: dict[str, Any]
    rules: dict[str, Rule]
    effective_from: dt.date
    sha256: str                 # of the bytes parsed


def _str_list(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SpecError(f"{where}: expected a list of source ids")
    return tuple(value)


def _parse_rule(rule_id: str, r: Any, pid: str, where: str) -> Rule:
    if not isinstance(r, dict):
        raise SpecError(f"{where}: a rule is a mapping")
    if "basis" not in r or not str(r["basis"]).strip():
        raise SpecError(f"{where}: every rule needs a 'basis'")
    severity = r.get("severity", "block")
    if severity not in ("block", "warn"):
        raise SpecError(f"{where}.severity: must be 'block' or 'warn'")
    refs = r.get("refs") or []
    if not isinstance(refs, list) or not all(isinstance(x, dict) and "source" in x
                                             for x in refs):
        raise SpecError(f"{where}.refs: a list of {{source, article}}")
    nature = r.get("nature") or ("law" if refs else "practice")
    if nature not in NATURES:
        raise SpecError(f"{where}.nature: one of {', '.join(NATURES)}")
    title = r.get("title") or rule_id
    cite = r.get("cite") or {}
    if not isinstance(cite, dict):
        raise SpecError(f"{where}.cite: {{ky, ru}}")
    return Rule(
        id=rule_id, title=title if isinstance(title, dict) else {"ky": title, "en": title},
        basis=" ".join(str(r["basis"]).split()), verified=bool(r.get("verified", False)),
        severity=severity, params=dict(r.get("params") or {}),
        refs=tuple(dict(x) for x in refs), cite={k: str(v) for k, v in cite.items()},
        checked_against=_str_list(r.get("checked_against"), f"{where}.checked_against"),
        nature=nature, doubt=(" ".join(str(r["doubt"]).split()) if r.get("doubt") else None),
        defined_in=pid)


def _read(path: Path) -> tuple[Any, str]:
    """The file's YAML and the SHA-256 of the very bytes it was parsed from."""
    import muni.engine.inputs as inputs  # YAML: not loaded when the cache has them

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SpecError(f"{path}: cannot read ({exc.strerror})") from None
    text = inputs.decode(raw, path.name, error=SpecError)
    return inputs.parse(text, path.name, error=SpecError), hashlib.sha256(raw).hexdigest()


def _parse_file(path: Path) -> _File:
    name = path.name
    doc, digest = _read(path)
    if not isinstance(doc, dict):
        raise SpecError(f"{name}: a rule profile is a mapping")
    pid = str(doc.get("id") or path.stem)
    rules = {rule_id: _parse_rule(rule_id, r, pid, f"{name}: rules.{rule_id}")
             for rule_id, r in (doc.get("rules") or {}).items()}
    try:
        effective = doc["effective_from"]
        if not isinstance(effective, dt.date):
            effective = dt.date.fromisoformat(str(effective))
    except (KeyError, ValueError):
        raise SpecError(f"{name}: effective_from must be a date (YYYY-MM-DD)") from None
    return _File(id=pid, path=path, doc=doc, rules=rules, effective_from=effective,
                 sha256=digest)


def _finish(rules: dict[str, Rule], texts: dict[str, dict[str, Any]], withdrawn: dict,
            where: str) -> dict[str, Rule]:
    """Check every rule's sources against the texts the profile knows, compose its words,
    and mark the rules the profile withdraws."""
    from .citations import LANGS, cite

    out = {}
    for rid, r in rules.items():
        here = f"{where}: rules.{rid}"
        for sid in (*r.checked_against, *(x["source"] for x in r.refs)):
            if sid not in texts:
                raise SpecError(f"{here}: unknown source '{sid}' (not in any profile's sources)")
        for ref in r.refs:
            if texts[ref["source"]].get("read") is False:
                raise SpecError(f"{here}.refs: '{ref['source']}' was not read; a rule may cite "
                                "only a text that was read (say so in its basis instead)")
        words = dict(r.cite)
        if r.refs:
            for lang in LANGS:
                words.setdefault(lang, cite(r.refs, texts, lang))
        words.setdefault("en", r.basis.split(":")[0])   # lint reports a missing ky/ru
        reason = (withdrawn.get(rid) or {}).get("reason")
        nature = r.nature
        if nature == "law" and r.refs and all(texts[x["source"]].get("role") == "method"
                                              for x in r.refs):
            nature = "method"       # a methodology's rule, not the law's
        out[rid] = Rule(**{**r.__dict__, "cite": words, "nature": nature,
                           "withdrawn": " ".join(str(reason).split()) if reason else None})
    return out


@functools.cache
def profiles(directory: Path = RULES_DIR) -> tuple[Profile, ...]:
    """All profiles, oldest first; ``extends: ID`` inherits every rule, source and withdrawn
    rule not restated. Parsed once per process, and kept between processes while the
    folder's files are unchanged (``engine/cache.py``)."""
    return cache.derived("profiles", cache.tree(directory), lambda: _profiles(directory))


def _profiles(directory: Path) -> tuple[Profile, ...]:
    files: dict[str, _File] = {}
    for path in sorted(directory.glob("*.yaml")):
        f = _parse_file(path)
        if f.id in files:
            raise SpecError(f"{path.name}: profile id '{f.id}' already used")
        files[f.id] = f

    def chain(pid: str, seen: tuple[str, ...] = ()) -> tuple[_File, ...]:
        if pid in seen:
            raise SpecError(f"rule profiles extend each other in a loop: {' → '.join(seen)}")
        parent = files[pid].doc.get("extends")
        if parent is None:
            return (files[pid],)
        if parent not in files:
            raise SpecError(f"{files[pid].path.name}: extends unknown profile '{parent}'")
        return (*chain(parent, (*seen, pid)), files[pid])

    found = []
    for f in files.values():
        line = chain(f.id)
        rules: dict[str, Rule] = {}
        texts: dict[str, dict[str, Any]] = {}
        withdrawn: dict[str, Any] = {}
        for g in line:
            rules.update(g.rules)
            texts.update(g.doc.get("sources") or {})
            withdrawn.update(g.doc.get("withdrawn") or {})
            for rid in g.rules:          # restated after a withdrawal: in force again
                if g is not line[0] and rid in withdrawn and rid not in (
                        g.doc.get("withdrawn") or {}):
                    withdrawn.pop(rid)
        for rid, w in withdrawn.items():
            if rid not in rules:        # withdrawn before it was ever stated: a bare marker
                rules[rid] = Rule(id=rid, title={"en": rid}, basis=str(w.get("reason", "")),
                                  verified=False, params={"kinds": list(w.get("kinds") or [])},
                                  nature="law", cite={"ky": "", "ru": ""}, defined_in=f.id)
            elif w.get("kinds"):
                rules[rid] = Rule(**{**rules[rid].__dict__, "params": {
                    **rules[rid].params, "kinds": list(w["kinds"])}})
        in_force = {str(k): str(v) for k, v in (f.doc.get("in_force") or {}).items()}
        for role, sid in in_force.items():
            if sid not in texts:
                raise SpecError(f"{f.path.name}: in_force.{role}: unknown source '{sid}'")
        found.append(Profile(
            id=f.id, title=" ".join(str(f.doc.get("title", "")).split()),
            effective_from=f.effective_from,
            rules=_finish(rules, texts, withdrawn, f.path.name), path=f.path,
            sources=tuple(g.path for g in line), texts=texts, in_force=in_force,
            file_sha256={g.path.name: g.sha256 for g in line},
            unread=tuple(" ".join(str(u).split()) for u in f.doc.get("unread") or ()),
            effective_from_verified=bool(f.doc.get("effective_from_verified", True)),
            effective_from_note=" ".join(str(f.doc.get("effective_from_note", "")).split())))
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
             checks: Mapping[str, Callable[[Any, dict[str, Any]], tuple[bool, Say | str]]],
             lang: str = "en") -> list[Verdict]:
    """Run every named rule's check from ``checks`` (``guards.checks_for``) with the profile's
    params; no short-circuit: ``explain`` shows them all. The title is in ``lang``; what
    each check found is kept as its key and values (``Verdict.say``), worded when read."""
    verdicts = []
    for rule_id in rule_ids:
        rule = profile.rule(rule_id)
        if not rule.applies_to(facts):
            continue            # a rule of other kinds of decision: not this one's
        status = profile.status(rule_id)
        if rule.withdrawn:
            ok, said = False, Say("rule/withdrawn", profile=profile.id, why=rule.withdrawn)
        else:
            fn = checks.get(rule_id)
            if fn is None:
                raise SpecError(f"rule '{rule_id}' has no check in engine/guards")
            ok, said = fn(facts, rule.params)
            if not ok and rule.doubt:
                said = Say("rule/in_doubt", found=said, doubt=rule.doubt)
        verdicts.append(Verdict(
            rule=rule_id, ok=bool(ok), text=said if isinstance(said, str) else None,
            title=rule.title.get(lang) or rule.title.get("en") or rule_id,
            basis=rule.basis + status.basis_note,
            verified=rule.verified, severity="block" if rule.withdrawn else rule.severity,
            profile=profile.id, params=rule.params, status=status.to_json(),
            cite=dict(rule.cite),
            say=said if isinstance(said, Say) else None, titles=dict(rule.title),
        ))
    return verdicts
