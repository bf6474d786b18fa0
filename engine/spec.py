"""Load the declarative workflow files (``workflows/*.yaml``) into frozen dataclasses.

A workflow file is written for a lawyer to read: states, triggers, the rules each trigger
needs (``rules:``; ``guards:``, the older word, is accepted too), and the documents it issues.
It names rules and templates; the logic lives in Python — the rules' checks in
``engine/guards``, the documents' context in ``engine/contexts``. Errors name the file and
the key.

The words: a *rule* is a requirement with its text, thresholds and legal basis (in a rule
profile, ``workflows/rules``); its *check* is the Python function that judges it
(``@check``); a *verdict* is one rule's result for one case. Audit records and JSON keep the
key ``guards`` for the verdicts: the audit's hash chain covers them.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import muni.engine.cache as cache

from .errors import NotFound, SpecError, StateError

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS_DIR = PACKAGE_ROOT / "workflows"


@dataclass(frozen=True)
class DocumentSpec:
    """One document a transition issues: its template and, if numbered, its journal."""

    template: str
    journal: str | None = None      # journal series that numbers it ("orders"); None: unnumbered
    number_at: str | None = None    # dotted path in the context that receives the number
    draft: bool = False             # a draft for reading, never numbered


@dataclass(frozen=True)
class TransitionSpec:
    trigger: str
    source: str
    dest: str
    title: dict[str, str]
    guards: tuple[str, ...] = ()     # the rules the step needs (``rules:`` in the file)
    documents: tuple[DocumentSpec, ...] = ()
    four_eyes: bool = False          # the actor must differ from who prepared the step before
    #: Who may take the step: offices held in the case's municipality on the act's date
    #: (``head``, ``deputy_head``, ``staff``, ``council_chair``, ``deputy``, ``council`` …)
    #: or application roles of the account (``clerk``, ``district`` …); any one suffices.
    #: Checked for logged-in accounts (``engine/identity.may_act``); ``lint`` wants it on
    #: every step and refuses a signing step that names nobody.
    who: tuple[str, ...] = ()
    #: Dotted path to this step's own act date when it differs from the workflow's (an order
    #: issued later in the procedure): it selects the profile and the journal year.
    act_date: str | None = None
    #: Values that must be unique across all cases, e.g. ``{"key": "state_register",
    #: "value": "register.number"}``: recorded with the step under a UNIQUE constraint.
    claims: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class StateSpec:
    name: str
    title: dict[str, str]
    final: bool = False
    #: What Python may ask about the state (``engine/tags.py``), e.g. ``("act", "standing")``.
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Workflow:
    id: str
    title: dict[str, str]
    basis: str
    states: tuple[StateSpec, ...]
    initial: str
    transitions: tuple[TransitionSpec, ...]
    context: str                     # name of the context builder in engine/context.py
    act_date: str                    # dotted path to the date that selects the rule profile
    data_schema: dict[str, Any] = field(hash=False, compare=False, repr=False)
    path: Path = field(compare=False)
    example: Path | None = field(default=None, compare=False)  # sample case data (demo, checks)
    #: What each template it issues is called, ``{template: {ky, ru, en}}`` (``documents:``
    #: at the top of the file): a page lists "Жумушчу топту түзүү жөнүндө тескеме", not
    #: ``working_group_order``.
    document_titles: dict[str, dict[str, str]] = field(default_factory=dict, hash=False,
                                                        compare=False, repr=False)

    @functools.cached_property
    def state_names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.states)

    def states_tagged(self, tag: str) -> tuple[str, ...]:
        """The names of the states carrying ``tag`` (``engine/tags.py``), in file order."""
        return tuple(s.name for s in self.states if tag in s.tags)

    def tagged(self, state: str, tag: str) -> bool:
        """Does ``state`` carry ``tag``? (False for a name the workflow does not know.)"""
        return any(s.name == state and tag in s.tags for s in self.states)

    def state(self, name: str) -> StateSpec:
        for s in self.states:
            if s.name == name:
                return s
        raise KeyError(name)

    def transitions_from(self, state: str) -> list[TransitionSpec]:
        return [t for t in self.transitions if t.source == state]

    def first_step_toward(self, state: str, target: str) -> TransitionSpec:
        """The first transition of the shortest way from ``state`` to ``target``.

        Raises ``StateError`` when the target cannot be reached from here, or when two
        different steps lead there equally fast (the user must name the trigger). Found once
        per pair: a batch asks it at every case."""
        found = self._first_steps.get((state, target))
        if found is None:
            found = self._first_steps[(state, target)] = self._search(state, target)
        return found

    @functools.cached_property
    def _first_steps(self) -> dict[tuple[str, str], TransitionSpec]:
        return {}

    def _search(self, state: str, target: str) -> TransitionSpec:
        frontier = {state: set[str]()}
        seen = {state}
        while frontier:
            nxt: dict[str, set[str]] = {}
            for s, firsts in frontier.items():
                for t in self.transitions_from(s):
                    via = firsts or {t.trigger}
                    if t.dest not in seen:
                        nxt.setdefault(t.dest, set()).update(via)
            if target in nxt:
                firsts = nxt[target]
                if len(firsts) > 1:
                    raise StateError(f"several steps lead from '{state}' to '{target}' ("
                                     f"{', '.join(sorted(firsts))}); name one with --trigger")
                return next(t for t in self.transitions_from(state) if t.trigger in firsts)
            seen |= set(nxt)
            frontier = nxt
        raise StateError(f"'{target}' cannot be reached from '{state}' in workflow "
                         f"'{self.id}'")

    def transition(self, trigger: str, source: str) -> TransitionSpec | None:
        return next((t for t in self.transitions if t.trigger == trigger and t.source == source),
                    None)

    def document_title(self, template: str) -> dict[str, str]:
        """The template's title in each language (its id where the file gives none)."""
        return self.document_titles.get(template) or {"ky": template, "ru": template,
                                                      "en": template}

    @property
    def rule_ids(self) -> tuple[str, ...]:
        """Every rule a step of the workflow names, in the order of first mention."""
        return tuple(dict.fromkeys(g for t in self.transitions for g in t.guards))

    @property
    def templates(self) -> set[str]:
        return {d.template for t in self.transitions for d in t.documents}


#: What the audit records that are not steps of a procedure are called.
RECORD_TITLES: dict[str, dict[str, str]] = {
    "open": {"ky": "Иш ачылды", "ru": "Дело открыто", "en": "Case opened"},
    "update_data": {"ky": "Маалыматтар өзгөртүлдү", "ru": "Данные изменены",
                    "en": "Data changed"},
}


def record_title(workflow: Workflow, trigger: str, source: str | None) -> dict[str, str]:
    """The title of an audit record: its step's (from ``source``), or what opening a case
    or changing its data is called."""
    if trigger in RECORD_TITLES:
        return RECORD_TITLES[trigger]
    t = workflow.transition(trigger, source or "") or next(
        (x for x in workflow.transitions if x.trigger == trigger), None)
    return t.title if t is not None else {"ky": trigger, "ru": trigger, "en": trigger}


def is_signing(t: TransitionSpec) -> bool:
    """A step someone signs: it needs a second person, or it issues a numbered act."""
    return t.four_eyes or any(d.journal for d in t.documents)


def _require(doc: dict, key: str, where: str) -> Any:
    if key not in doc:
        raise SpecError(f"{where}: missing key '{key}'")
    return doc[key]


def _title(value: Any, where: str) -> dict[str, str]:
    if isinstance(value, str):
        return {"ky": value, "ru": value, "en": value}
    if not isinstance(value, dict) or "ky" not in value:
        raise SpecError(f"{where}: a title must be text or a mapping with at least 'ky'")
    stray = [str(k) for k, v in value.items() if v is None or k not in ("ky", "ru", "en")]
    if stray:  # {ky: Кол коюлуп, катталды} reads as ky "Кол коюлуп" and a key "катталды"
        raise SpecError(f"{where}: title: unexpected {', '.join(stray)!r} — a title is "
                        "{ky: …, ru: …, en: …}; quote a title that holds a comma")
    return {str(k): str(v) for k, v in value.items()}


def _who(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
        raise SpecError(f"{where}.who: a list of offices or roles, e.g. [head] or [staff, clerk]")
    return tuple(value)


def _rules(t: dict, where: str) -> tuple[str, ...]:
    """A transition's ``rules:`` (or ``guards:``, the older key; not both)."""
    if "rules" in t and "guards" in t:
        raise SpecError(f"{where}: name the rules once, under 'rules' ('guards' is the older "
                        "word for the same list)")
    names = t.get("rules", t.get("guards")) or []
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise SpecError(f"{where}.rules: a list of rule ids")
    return tuple(names)


def _claim(doc: Any, where: str) -> tuple[str, str]:
    if not isinstance(doc, dict) or not doc.get("key") or not doc.get("value"):
        raise SpecError(f"{where}: a claim needs 'key' and 'value' (a dotted path in the data)")
    return str(doc["key"]), str(doc["value"])


def parse(path: Path) -> Workflow:
    """Parse and check one workflow file."""
    import muni.engine.inputs as inputs  # YAML: not loaded when the cache has them

    name = path.name
    doc = inputs.parse(inputs.read_text(path, error=SpecError), name, error=SpecError)
    if not isinstance(doc, dict):
        raise SpecError(f"{name}: expected a mapping at the top level")
    states = []
    for i, s in enumerate(_require(doc, "states", name)):
        where = f"{name}: states[{i}]"
        if isinstance(s, str):
            s = {"name": s}
        tags = s.get("tags") or []
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            raise SpecError(f"{where}.tags: a list of words (see engine/tags.py)")
        states.append(StateSpec(name=_require(s, "name", where),
                                title=_title(s.get("title", s.get("name")), where),
                                final=bool(s.get("final", False)), tags=tuple(tags)))
    names = [s.name for s in states]
    if len(set(names)) != len(names):
        raise SpecError(f"{name}: states: duplicate state names")
    initial = _require(doc, "initial", name)
    if initial not in names:
        raise SpecError(f"{name}: initial: '{initial}' is not one of the states")
    transitions = []
    for i, t in enumerate(_require(doc, "transitions", name)):
        where = f"{name}: transitions[{i}]"
        for key in ("source", "dest"):
            if _require(t, key, where) not in names:
                raise SpecError(f"{where}.{key}: unknown state '{t[key]}'")
        docs = []
        for j, d in enumerate(t.get("documents") or []):
            dwhere = f"{where}.documents[{j}]"
            docs.append(DocumentSpec(template=_require(d, "template", dwhere),
                                     journal=d.get("journal"), number_at=d.get("number_at"),
                                     draft=bool(d.get("draft", False))))
            if docs[-1].journal and not docs[-1].number_at:
                raise SpecError(f"{dwhere}: a numbered document needs 'number_at'")
        transitions.append(TransitionSpec(
            trigger=_require(t, "trigger", where), source=t["source"], dest=t["dest"],
            title=_title(t.get("title", t["trigger"]), where),
            guards=_rules(t, where), documents=tuple(docs),
            four_eyes=bool(t.get("four_eyes", False)), who=_who(t.get("who"), where),
            act_date=t.get("act_date"),
            claims=tuple(_claim(c, f"{where}.claims[{k}]")
                         for k, c in enumerate(t.get("claims") or [])),
        ))
    titles = doc.get("documents") or {}
    if not isinstance(titles, dict):
        raise SpecError(f"{name}: documents: a mapping of template ids to their titles")
    document_titles = {str(k): _title(v, f"{name}: documents.{k}") for k, v in titles.items()}
    schema_ref = _require(doc, "data_schema", name)
    schema_path = path.parent / schema_ref
    try:
        data_schema = inputs.parse(inputs.read_text(schema_path, error=SpecError),
                                   schema_path.name, "json", error=SpecError)
    except SpecError as exc:
        raise SpecError(f"{name}: data_schema: cannot load {schema_ref}: {exc}") from None
    return Workflow(
        id=_require(doc, "id", name), title=_title(_require(doc, "title", name), name),
        basis=str(doc.get("basis", "")), states=tuple(states), initial=initial,
        transitions=tuple(transitions), context=_require(doc, "context", name),
        act_date=_require(doc, "act_date", name), data_schema=data_schema, path=path,
        example=(path.parent / doc["example"]).resolve() if doc.get("example") else None,
        document_titles=document_titles,
    )


@functools.cache
def all_workflows(directory: Path = WORKFLOWS_DIR) -> dict[str, Workflow]:
    """Every workflow in ``directory`` by id (parsed once per process, and kept between
    processes while the folder's files are unchanged: ``engine/cache.py``)."""
    return cache.derived("workflows", cache.tree(directory),
                         lambda: _parse_all(directory))


def _parse_all(directory: Path) -> dict[str, Workflow]:
    result = {}
    for path in sorted(directory.glob("*.yaml")):
        wf = parse(path)
        if wf.id in result:
            raise SpecError(f"{path.name}: workflow id '{wf.id}' already used")
        result[wf.id] = wf
    return result


def load(workflow_id: str) -> Workflow:
    workflows = all_workflows()
    if workflow_id not in workflows:
        raise NotFound(f"unknown workflow '{workflow_id}'; known: {', '.join(sorted(workflows))}")
    return workflows[workflow_id]
