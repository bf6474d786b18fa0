"""``muni workflows lint [DIR]``: find what would make a procedure unlawful or unusable *before*
a case meets it.

Loading a workflow already rejects malformed files (``spec.parse``). Lint looks at what a
well-formed file can still get wrong, across the workflows, the rule profiles and the
templates together:

- a state no trigger reaches, or a non-final state no trigger leaves (a case stuck forever);
- a guard that names no rule in the profiles, a rule missing from a profile a case could be
  judged by (that case cannot be evaluated), or a rule with no check in ``engine/guards``;
- a rule without a legal basis (the whole point of ``explain`` is to cite it);
- a template a workflow names but no language provides, and a template no workflow names;
- a step without ``who:`` — above all a signing step (four eyes, or a numbered act) that names
  nobody — and a ``who:`` word that is no office or role;
- a state, step or document without a Kyrgyz and a Russian title (the web shows titles).

It reads the files tolerantly and reports every problem it finds, instead of stopping at the
first like the loaders do. Returns data; the CLI prints it.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import muni.engine.inputs as inputs
import muni.engine.rules as rules
import muni.engine.tags as tags

from .contexts import BUILDERS
from .errors import SpecError
from .guards import MODULES, all_checks, checks_for
from .identity import WHO_WORDS, unknown_who
from .render import BUILTIN_TEMPLATES, LANGS
from .spec import WORKFLOWS_DIR, Workflow, is_signing, parse


@dataclass
class LintFinding:
    kind: str
    message: str
    file: str | None = None
    workflow: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "message": self.message, "file": self.file,
                "workflow": self.workflow}


@dataclass
class RawProfile:
    """A rule profile read without the loader's strictness, so one bad rule hides nothing."""

    id: str
    file: str
    effective_from: str
    extends: str | None
    rules: dict[str, dict[str, Any]]


def read_profiles(rules_dir: Path, findings: list[LintFinding]) -> dict[str, RawProfile]:
    profiles: dict[str, RawProfile] = {}
    for path in sorted(rules_dir.glob("*.yaml")):
        try:
            doc = inputs.parse(inputs.read_text(path, error=SpecError), path.name,
                               error=SpecError) or {}
        except SpecError as exc:
            findings.append(LintFinding("profile_error", exc.message, file=path.name))
            continue
        if not isinstance(doc, dict) or not isinstance(doc.get("rules") or {}, dict):
            findings.append(LintFinding("profile_error", f"{path.name}: expected a mapping with "
                                        "'rules'", file=path.name))
            continue
        pid = str(doc.get("id") or path.stem)
        own = {str(k): (v if isinstance(v, dict) else {}) for k, v in
               (doc.get("rules") or {}).items()}
        for rule_id, r in own.items():
            if not str(r.get("basis") or "").strip():
                findings.append(LintFinding("rule_without_basis", f"{path.name}: rule "
                                            f"'{rule_id}' has no legal basis ('basis:')",
                                            file=path.name))
        if pid in profiles:
            findings.append(LintFinding("profile_error", f"{path.name}: profile id '{pid}' "
                                        f"already used by {profiles[pid].file}", file=path.name))
            continue
        profiles[pid] = RawProfile(id=pid, file=path.name,
                                   effective_from=str(doc.get("effective_from", "")),
                                   extends=doc.get("extends"), rules=own)
    return profiles


def resolved_rules(profiles: dict[str, RawProfile], pid: str) -> dict[str, dict[str, Any]]:
    """A profile's rules with those it inherits (loops and unknown parents just stop)."""
    out: dict[str, dict[str, Any]] = {}
    seen: set[str] = set()
    chain = []
    while pid in profiles and pid not in seen:
        seen.add(pid)
        chain.append(profiles[pid])
        pid = profiles[pid].extends  # type: ignore[assignment]
    for p in reversed(chain):
        out.update(p.rules)
    return out


def graph_findings(wf: Workflow) -> list[LintFinding]:
    """Unreachable states, dead ends, final states with exits, ambiguous triggers."""
    found = []
    name = wf.path.name
    reached = {wf.initial}
    queue = deque([wf.initial])
    while queue:
        for t in wf.transitions_from(queue.popleft()):
            if t.dest not in reached:
                reached.add(t.dest)
                queue.append(t.dest)
    for s in wf.states:
        exits = wf.transitions_from(s.name)
        if s.name not in reached:
            found.append(LintFinding("unreachable_state", f"{name}: state '{s.name}' cannot be "
                                     f"reached from '{wf.initial}'", name, wf.id))
        if not exits and not s.final:
            found.append(LintFinding("dead_end", f"{name}: state '{s.name}' has no way out and "
                                     "is not marked final (a case would stay there forever)",
                                     name, wf.id))
        if exits and s.final:
            found.append(LintFinding("final_state_has_exits", f"{name}: state '{s.name}' is "
                                     "final but triggers leave it: "
                                     + ", ".join(t.trigger for t in exits), name, wf.id))
    seen: set[tuple[str, str]] = set()
    for t in wf.transitions:
        if (t.trigger, t.source) in seen:
            found.append(LintFinding("ambiguous_trigger", f"{name}: trigger '{t.trigger}' "
                                     f"leaves '{t.source}' twice", name, wf.id))
        seen.add((t.trigger, t.source))
    return found


def who_findings(wf: Workflow) -> list[LintFinding]:
    """Every step says who may take it; a signing step (four eyes, or a numbered act) names
    somebody; every word names an office or an application role."""
    name, found = wf.path.name, []
    for t in wf.transitions:
        step = f"{name}: '{t.trigger}' ({t.source} → {t.dest})"
        if not t.who:
            kind = "signer_unnamed" if is_signing(t) else "who_missing"
            what = ("a signing step must name who signs" if is_signing(t) else
                    "every step names who may take it")
            found.append(LintFinding(kind, f"{step}: no 'who:' — {what}, e.g. who: [head]",
                                     name, wf.id))
        unknown = unknown_who(t.who)
        if unknown:
            found.append(LintFinding(
                "who_unknown", f"{step}: who: {', '.join(unknown)} is no office or role; "
                f"known: {', '.join(sorted(WHO_WORDS))}", name, wf.id))
    return found


def title_findings(wf: Workflow) -> list[LintFinding]:
    """Every state, step and document has a Kyrgyz and a Russian title: the web interface
    shows titles, never ids, to the clerk."""
    name, found = wf.path.name, []
    named = ([(f"state '{s.name}'", s.name, s.title) for s in wf.states]
             + [(f"step '{t.trigger}' ({t.source} → {t.dest})", t.trigger, t.title)
                for t in wf.transitions])
    for template in sorted(wf.templates):
        if template not in wf.document_titles:
            found.append(LintFinding(
                "untitled", f"{name}: document '{template}' has no title; add it under "
                "'documents:' as {ky: …, ru: …, en: …}", name, wf.id))
        else:
            named.append((f"document '{template}'", template, wf.document_titles[template]))
    for what, ident, title in named:   # a title that is only the id is no title
        missing = [lang for lang in ("ky", "ru") if title.get(lang, ident) == ident]
        if missing:
            found.append(LintFinding("untitled", f"{name}: {what} has no title in "
                                     f"{', '.join(missing)}", name, wf.id))
    return found


def tag_findings(workflows: dict[str, Workflow]) -> list[LintFinding]:
    """A state tag Python asks about (``engine/tags.py``) that no state declares: Python
    would silently stop finding, say, the acts or the drafts ready for a session."""
    found = []
    for wf_id, asked in tags.ASKED.items():
        wf = workflows.get(wf_id)
        for tag in asked if wf else ():
            if not wf.states_tagged(tag):
                found.append(LintFinding("tag_missing", f"{wf.path.name}: no state carries the "
                                         f"tag '{tag}', which engine/tags.py asks about",
                                         wf.path.name, wf.id))
    for tag, asker in tags.ASKED_OF_ANY.items():
        if asker in workflows and not any(w.states_tagged(tag) for w in workflows.values()):
            found.append(LintFinding("tag_missing", f"no workflow has a state tagged '{tag}', "
                                     f"which '{asker}' asks about (engine/tags.py)",
                                     workflows[asker].path.name, asker))
    return found


def lint(workflows_dir: Path = WORKFLOWS_DIR, *, rules_dir: Path | None = None,
         templates_dir: Path | None = None) -> dict[str, Any]:
    """Lint every workflow in ``workflows_dir`` against its rules and templates.

    Defaults: rules in ``workflows_dir/rules``; templates in ``../templates/docx`` next to
    the workflows when that exists, else the built-in templates.
    """
    workflows_dir = workflows_dir.resolve()
    if not workflows_dir.is_dir():
        raise SpecError(f"{workflows_dir}: not a directory of workflow files")
    rules_dir = (rules_dir or workflows_dir / "rules").resolve()
    if templates_dir is None:
        beside = workflows_dir.parent / "templates" / "docx"
        templates_dir = beside if beside.is_dir() else BUILTIN_TEMPLATES
    templates_dir = templates_dir.resolve()
    findings: list[LintFinding] = []
    try:
        all_checks()
    except SpecError as exc:  # a rule checked in two modules of engine/guards
        findings.append(LintFinding("guard_twice", str(exc)))

    workflows: dict[str, Workflow] = {}
    for path in sorted(workflows_dir.glob("*.yaml")):
        try:
            wf = parse(path)
        except SpecError as exc:
            findings.append(LintFinding("spec_error", exc.message, file=path.name))
            continue
        if wf.id in workflows:
            findings.append(LintFinding("spec_error", f"{path.name}: workflow id '{wf.id}' "
                                        f"already used by {workflows[wf.id].path.name}",
                                        path.name, wf.id))
            continue
        workflows[wf.id] = wf

    profiles = read_profiles(rules_dir, findings) if rules_dir.is_dir() else {}
    if not profiles:
        findings.append(LintFinding("profile_error", f"no rule profiles in {rules_dir}"))
    by_profile = {pid: resolved_rules(profiles, pid) for pid in profiles}
    for wf in workflows.values():
        name = wf.path.name
        findings += graph_findings(wf)
        findings += who_findings(wf)
        findings += title_findings(wf)
        if wf.context not in BUILDERS:
            findings.append(LintFinding("unknown_context", f"{name}: context: no builder "
                                        f"'{wf.context}' in engine/contexts", name, wf.id))
        if wf.example is not None and not wf.example.exists():
            findings.append(LintFinding("example_missing", f"{name}: example: {wf.example} "
                                        "does not exist", name, wf.id))
        for rule_id in sorted({g for t in wf.transitions for g in t.guards}):
            triggers = ", ".join(sorted({t.trigger for t in wf.transitions
                                         if rule_id in t.guards}))
            having = [pid for pid, rs in by_profile.items() if rule_id in rs]
            if not having:
                findings.append(LintFinding("unknown_rule", f"{name}: '{triggers}' names rule "
                                            f"'{rule_id}', which no rule profile defines",
                                            name, wf.id))
            else:
                for pid in sorted(set(by_profile) - set(having)):
                    findings.append(LintFinding(
                        "rule_missing_in_profile", f"{name}: rule '{rule_id}' ('{triggers}') is "
                        f"missing from profile '{pid}' ({profiles[pid].file}, in force from "
                        f"{profiles[pid].effective_from}): a case judged by it cannot be "
                        "evaluated", name, wf.id))
            if rule_id not in checks_for(wf.context):
                where = ", ".join(MODULES.get(wf.context, ()))
                findings.append(LintFinding("guard_missing", f"{name}: rule '{rule_id}' "
                                            f"('{triggers}') has no check in engine/guards"
                                            + (f" ({where})" if where else ""),
                                            name, wf.id))
        for template in sorted(wf.templates):
            for lang in LANGS:
                if not (templates_dir / lang / f"{template}.docx").exists():
                    findings.append(LintFinding(
                        "template_missing", f"{name}: template '{template}' is named but "
                        f"{lang}/{template}.docx is missing in {templates_dir}", name, wf.id))

    findings += tag_findings(workflows)
    named = {t for wf in workflows.values() for t in wf.templates}
    for path in sorted(templates_dir.glob("*/*.docx")):
        if path.stem not in named:
            findings.append(LintFinding("template_unused", f"{path.parent.name}/{path.name}: no "
                                        "workflow names this template", file=path.name))

    # The loader refuses what read_profiles already reported (a rule without basis): then
    # there is nothing more to say about where the rules stand.
    unloadable = any(f.kind in ("profile_error", "rule_without_basis") for f in findings)
    law = law_report(rules_dir, findings) if profiles and not unloadable else {}
    return {"ok": not findings, "directory": str(workflows_dir), "rules_dir": str(rules_dir),
            "templates_dir": str(templates_dir), "workflows": sorted(workflows),
            "profiles": sorted(profiles), **law,
            "findings": [f.to_json() for f in findings]}


def law_report(rules_dir: Path, findings: list[LintFinding]) -> dict[str, Any]:
    """Where each profile's rules stand against the texts in force for it.

    ``unverified``: rules whose value was never read in a legal text (practice, unread
    texts); ``inherited``: rules read in an older text and inherited into a profile whose text
    in force replaced it, so "not checked against" the new one; ``counts``: per profile. A
    basis must also name the articles its ``refs`` give (``basis_without_ref``)."""
    try:
        loaded = rules.profiles(rules_dir)
    except SpecError as exc:
        findings.append(LintFinding("profile_error", exc.message))
        return {}
    unverified, inherited, counts = [], [], {}
    for profile in loaded:
        tally = {"rules": 0, "current": 0, "unverified": 0, "inherited_unchecked": 0,
                 "not_checked": 0, "design": 0, "withdrawn": 0, "warn": 0}
        for rid, rule in profile.rules.items():
            st = profile.status(rid)
            tally["rules"] += 1
            tally["warn"] += rule.severity == "warn"
            entry = {"profile": profile.id, "rule": rid, "status": st.words()}
            if st.withdrawn:
                tally["withdrawn"] += 1
            elif st.nature == "design":
                tally["design"] += 1
            elif not st.verified:
                tally["unverified"] += 1
                unverified.append(entry)
            elif st.not_checked:
                tally["not_checked"] += 1
                if st.inherited_from:
                    tally["inherited_unchecked"] += 1
                inherited.append(entry)
            else:
                tally["current"] += 1
            if rule.defined_in == profile.id:
                findings += _basis_names_refs(profile, rule)
                where = f"{profile.path.name}: rule '{rid}'"
                if rule.verified and not rule.checked_against:
                    findings.append(LintFinding(
                        "verified_unchecked", f"{where} is verified but names no text it was "
                        "checked against (checked_against)", file=profile.path.name))
                if not rule.withdrawn and not {"ky", "ru"} <= set(rule.cite):
                    findings.append(LintFinding(
                        "rule_without_cite", f"{where} has neither refs nor cite: {{ky, ru}}, "
                        "so a document cannot print its basis in words", file=profile.path.name))
        counts[profile.id] = tally
    return {"unverified": unverified, "inherited": inherited, "counts": counts,
            "unread": {p.id: list(p.unread) for p in loaded if p.unread}}


def _basis_names_refs(profile: rules.Profile, rule: rules.Rule) -> list[LintFinding]:
    """A rule's basis names each text and article its refs give, so what a lawyer reads and
    what documents print are the same citation."""
    out = []
    for ref in rule.refs:
        src = profile.texts.get(ref["source"]) or {}
        needles = [str(src.get("en", ""))] + ([str(ref["article"])] if ref.get("article")
                                               else [])
        missing = [n for n in needles if n and n not in rule.basis]
        if missing:
            out.append(LintFinding(
                "basis_without_ref", f"{profile.path.name}: rule '{rule.id}' cites "
                f"{ref['source']} {ref.get('article', '')} in refs, but its basis does not name "
                + ", ".join(f"'{m}'" for m in missing), file=profile.path.name))
    return out
