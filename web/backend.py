"""Every engine call the web interface makes, in one place, each for an authenticated account.

The pages never touch the registry's tables or the engine's modules themselves: they ask this
module, which applies the account's reach first (a clerk sees the cases of the municipality
of the account's person; district staff those of the rayon; reviewers and admins every one;
anything else is "not found", so another municipality's case numbers are not even
confirmed), then calls the same engine functions as ``muni``: ``intake`` to open and change
a case, ``advance`` for a step, ``explain`` for explain and preview, ``documents`` for the
recorded files. Writes go through the engine's one write path, with the account's login as
the recorded actor; the workflow's ``who:`` and four eyes are checked here, on the server,
before the step (identity.may_act), and a refusal is recorded in the attempts log.

Writes go through the ``Engine`` (``docs/api.md``); reads that the API has no call for yet
(a step's plan for the start page, recorded documents, registry listings) use the engine's
modules and the registry's listings on the engine's connection.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from muni.engine import Engine, acts, diagram, documents, identity, rules, spec, verify
from muni.engine import explain as explaining
from muni.engine import plan as planning
from muni.engine.errors import (
    Forbidden,
    GuardFailed,
    InputError,
    MuniError,
    NotFound,
    StateError,
)
from muni.registry import accounts, audit, cases, directory, journal
from muni.registry.db import Registry

from . import forms

#: Application roles that may change data (a reviewer only reads).
WRITING_ROLES = frozenset({"clerk", "district", "admin"})
#: How many open cases the start page examines rule by rule (the newest first).
HOME_CASES = 25


#: Roles that see every municipality.
EVERYWHERE = frozenset({"admin", "reviewer"})


def sees_everything(actor: identity.Actor) -> bool:
    return bool(EVERYWHERE & set(actor.roles))


def scope(db: Registry, actor: identity.Actor) -> list[str]:
    """The municipalities whose cases the account sees."""
    roles = set(actor.roles)
    if sees_everything(actor):
        return [m["code"] for m in directory.municipalities(db)]
    person = directory.person(db, actor.person or "")
    if person is None:
        return []
    if "district" in roles:
        home = directory.municipality(db, person["municipality"])
        everyone = directory.municipalities(db)
        if home is not None:
            return [m["code"] for m in everyone
                    if (m["oblast_ru"], m["rayon_ru"]) == (home["oblast_ru"], home["rayon_ru"])]
    return [person["municipality"]]


def may_write(actor: identity.Actor) -> bool:
    return bool(WRITING_ROLES & set(actor.roles))


def case_for(db: Registry, actor: identity.Actor, case_id: int) -> tuple[dict, spec.Workflow]:
    """The case, if the account may see it; ``NotFound`` otherwise (also when it exists in
    another municipality)."""
    row = cases.get(db, case_id)
    if row is None or not (sees_everything(actor) or row["municipality"] in scope(db, actor)):
        raise NotFound(f"no case {case_id}", case=case_id)
    return planning.load_case(db, case_id)


def people(db: Registry, municipality: str, on: dt.date) -> list[forms.Person]:
    """The municipality's people as a form offers them: name, and office or occupation."""
    return [forms.Person(r["id"], r["name"], r["positions"] or r["occupation"] or "")
            for r in directory.people_in(db, municipality, on.isoformat())]


def require_writer(actor: identity.Actor) -> None:
    if not may_write(actor):
        raise Forbidden(f"account '{actor.account}' may only read (roles: "
                        f"{', '.join(actor.roles) or 'none'})", rule="read_only")


# --- the start page ---------------------------------------------------------------------------

@dataclass
class Home:
    municipalities: list[dict]
    waiting: list[dict]         # steps this account may take now (signatures first)
    blocked: list[dict]         # next steps a rule stops, with the rule
    deadlines: list[dict]       # dated obligations due within two weeks or overdue
    recent: list[dict]          # the latest records
    counts: list[dict]          # open cases per workflow and state
    examined: int               # how many open cases were examined rule by rule


def home(db: Registry, actor: identity.Actor, *, today: dt.date) -> Home:
    """What needs this account: the newest open cases of its reach examined rule by rule
    (steps it may take, signatures first; steps a rule stops; deadlines), the counts of open
    cases, the latest records. A reviewer, who takes no step, gets counts and records only."""
    everywhere = sees_everything(actor)
    codes = [] if everywhere else scope(db, actor)
    filters: list[str | None] = [None] if everywhere else list(codes)
    open_cases: list[dict] = []
    counts: list[dict] = []
    for code in filters:
        for row in cases.count_by_state(db, municipality=code):
            wf = spec.load(row["workflow"])
            if not wf.state(row["state"]).final:
                counts.append({**row, "workflow_title": wf.title,
                               "state_title": wf.state(row["state"]).title})
        if may_write(actor):
            open_cases += [r for r in cases.select(db, municipality=code, newest_first=True,
                                                   limit=HOME_CASES * 2)
                           if not spec.load(r["workflow"]).state(r["state"]).final]
    open_cases.sort(key=lambda r: (r["updated_at"], r["id"]), reverse=True)
    waiting, blocked, due = [], [], []
    soon = today + dt.timedelta(days=14)
    for row in open_cases[:HOME_CASES]:
        case, wf = planning.load_case(db, row["id"])
        steps, prepared = next_steps(db, actor, case, wf, today=today)
        for t in steps:
            item = {"case": case["id"], "workflow": wf.title, "trigger": t["trigger"],
                    "title": t["title"], "signing": t["signing"]}
            if t["allowed"] and t["may"]:
                waiting.append(item)
            elif not t["allowed"]:
                blocked.append({**item, "rules": [g for g in t["guards"] if g["blocks"]],
                                "problems": t["problems"]})
        for d in (explaining.deadlines(db, case, wf, today, prepared) if prepared else []):
            if d["status"] == "overdue" or (d["status"] == "pending"
                                            and dt.date.fromisoformat(d["due"]) <= soon):
                due.append({**d, "case": case["id"], "workflow": wf.title})
    waiting.sort(key=lambda w: (not w["signing"], -w["case"]))
    due.sort(key=lambda d: d["due"])
    recent = audit.recent(db, None if everywhere else codes, limit=15)
    for r in recent:
        wf = spec.load(r["workflow"])
        r["workflow_title"] = wf.title
        r["step_title"] = step_title(wf, r["trigger"], r["from_state"])
    return Home(municipalities=[] if everywhere else
                [directory.municipality(db, c) for c in codes[:50]],
                waiting=waiting, blocked=blocked, deadlines=due, recent=recent,
                counts=counts, examined=min(len(open_cases), HOME_CASES))


def next_steps(db: Registry, actor: identity.Actor, case: dict, wf: spec.Workflow, *,
               today: dt.date) -> tuple[list[dict], Any]:
    """Each step leaving the case's state: its rules' verdicts (as ``explain`` gives them,
    without the history) and whether this account may take it; and the case's prepared
    context (for its deadlines), None when no step could read the data."""
    out = []
    prepared = None
    prepared_by = sorted(planning.preparers(db, case["id"]))
    for t in wf.transitions_from(case["state"]):
        entry = {"trigger": t.trigger, "title": t.title, "signing": spec.is_signing(t),
                 "allowed": False, "guards": [], "problems": [], "may": False}
        try:
            plan = planning.plan_transition(db, case, wf, t, today=today)
        except MuniError as exc:
            entry["problems"] = [exc.message]
        else:
            entry["allowed"] = plan.allowed
            entry["guards"] = [{**v.to_json(), "blocks": v.blocks,
                                "titles": rule_titles(v.profile, v.rule, v.title)}
                               for v in plan.verdicts]
            entry["may"] = may_take(db, actor, case, t, plan.prepared.act_date,
                                    prepared_by)[0]
            prepared = prepared or plan.prepared
        out.append(entry)
    return out, prepared


def step_title(wf: spec.Workflow, trigger: str, source: str | None) -> dict[str, str]:
    if trigger == "open":
        return {"ky": "Иш ачылды", "ru": "Дело открыто", "en": "Case opened"}
    if trigger == "update_data":
        return {"ky": "Маалыматтар өзгөртүлдү", "ru": "Данные изменены", "en": "Data changed"}
    for t in wf.transitions:
        if t.trigger == trigger and (source is None or t.source == source):
            return t.title
    return {"ky": trigger, "ru": trigger, "en": trigger}


# --- one case ---------------------------------------------------------------------------------

def explain(db: Registry, actor: identity.Actor, case_id: int, *, today: dt.date
            ) -> dict[str, Any]:
    """``muni explain`` for a case the account sees, and for each next step whether *this*
    account may take it (its ``who:``, four eyes, read-only roles) and why not."""
    case, wf = case_for(db, actor, case_id)
    view = explaining.explain(db, case_id, today=today)
    view["workflow_title"] = wf.title
    view["data"] = case["data"]
    act_date = dt.date.fromisoformat(view.get("act_date") or today.isoformat())
    for past in view["history"]:
        if not past.get("title"):
            past["title"] = step_title(wf, past["trigger"], past.get("from"))
    for step_ in view["triggers"] + view["history"]:
        for g in step_.get("guards") or []:
            g["titles"] = rule_titles(g.get("profile"), g["rule"], g["title"])
    for t in view["triggers"]:
        tspec = next(x for x in wf.transitions
                     if x.trigger == t["trigger"] and x.source == case["state"])
        t["signing"] = spec.is_signing(tspec)
        t["who"] = list(tspec.who)
        t["may"], t["why_not"] = may_take(db, actor, case, tspec, act_date, t["prepared_by"])
    return view


@functools.cache
def _profiles() -> dict[str, rules.Profile]:
    return {p.id: p for p in rules.profiles()}


def rule_titles(profile: str | None, rule_id: str, fallback: str) -> dict[str, str]:
    """A rule's title in every language its profile words it ({ky, ru, en})."""
    try:
        return dict(_profiles()[profile or ""].rule(rule_id).title)
    except (KeyError, MuniError):
        return {"en": fallback}


def may_take(db: Registry, actor: identity.Actor, case: dict, tspec: spec.TransitionSpec,
             act_date: dt.date, prepared_by: list[str]) -> tuple[bool, str]:
    """(may, why not): the account may take the step now — may write, is named by the
    step's ``who:`` on the act's date, and (four eyes) did not prepare it."""
    if not may_write(actor):
        return False, "read_only"
    allowed, why = identity.may_act(db, actor, tspec.who, municipality=case["municipality"],
                                    on=act_date)
    if not allowed:
        return False, why
    if tspec.four_eyes and planning.same_person(actor.name) in {planning.same_person(p)
                                                           for p in prepared_by}:
        return False, "four_eyes"
    return True, ""


def history(db: Registry, actor: identity.Actor, case_id: int, *, today: dt.date
            ) -> list[dict]:
    """Every recorded step (newest last) with its rules, documents and hashes."""
    case_for(db, actor, case_id)
    return explaining.explain(db, case_id, today=today)["history"]


def case_documents(db: Registry, actor: identity.Actor, case_id: int) -> list[dict]:
    case_for(db, actor, case_id)
    return [{k: v for k, v in d.items() if k != "context"}
            for d in documents.recorded(db, case_id)]


def document_file(db: Registry, actor: identity.Actor, case_id: int, doc_id: int
                  ) -> tuple[Path, dict]:
    """The file of a recorded document, after checking it is the one the audit recorded."""
    for d in case_documents(db, actor, case_id):
        if d["id"] == doc_id:
            path = Path(d["path"])
            try:
                data = path.read_bytes()
            except OSError:
                raise NotFound(f"document {doc_id}: the file is missing; `muni render "
                               f"{case_id}` restores it from its audit record") from None
            if hashlib.sha256(data).hexdigest() != d["sha256"]:
                raise NotFound(f"document {doc_id}: the file was changed after it was "
                               "registered; `muni verify` reports it")
            return path, d
    raise NotFound(f"case {case_id} has no document {doc_id}")


@functools.lru_cache(maxsize=256)
def _svg(workflow_id: str, lang: str, current: str, taken: frozenset) -> str:
    return diagram.svg(spec.load(workflow_id), lang, current=current, taken=taken)


def case_diagram(db: Registry, actor: identity.Actor, case_id: int, lang: str) -> str:
    """The procedure as SVG: the case's state filled, the steps it took drawn bold."""
    case, wf = case_for(db, actor, case_id)
    records = audit.history(db, case_id)
    taken = frozenset((r["trigger"], r["from_state"]) for r in records if r["from_state"])
    return _svg(wf.id, lang, case["state"], taken)


# --- writes ---------------------------------------------------------------------------------

def open_case(engine: Engine, actor: identity.Actor, workflow: str, municipality: str,
              data: dict) -> int:
    require_writer(actor)
    if municipality not in scope(engine.db, actor):
        raise NotFound(f"unknown municipality '{municipality}'")
    return engine.open_case(workflow, municipality, data, actor=actor)["case"]


def save_data(engine: Engine, actor: identity.Actor, case_id: int, data: dict) -> dict:
    """Store the case's whole data, as ``muni case update --replace`` would."""
    require_writer(actor)
    case_for(engine.db, actor, case_id)
    return engine.update_case(case_id, data, actor=actor, replace=True)["data"]


def step(engine: Engine, actor: identity.Actor, case_id: int, trigger: str, *,
         today: dt.date) -> dict[str, Any]:
    """Take the step, if this account may: otherwise ``Forbidden`` (or the engine's own
    refusal), recorded in the attempts log either way."""
    db = engine.db
    case, wf = case_for(db, actor, case_id)
    tspec = next((t for t in wf.transitions_from(case["state"]) if t.trigger == trigger), None)
    if tspec is None:
        raise StateError(f"case {case_id}: '{trigger}' is not a step from '{case['state']}'")
    try:
        plan = planning.plan(db, case_id, trigger, today=today)
        may, why = may_take(db, actor, case, tspec, plan.prepared.act_date,
                            sorted(planning.preparers(db, case_id)))
        if not may:
            raise (StateError(f"case {case_id}: '{trigger}' needs a second person — "
                              f"'{actor.name}' prepared this step", rule="four_eyes")
                   if why == "four_eyes" else Forbidden(why, rule="who"))
        return engine.advance(case_id, trigger, actor=actor, today=today)
    except (Forbidden, GuardFailed, StateError) as exc:
        rule = exc.extra.get("rule") or ("rules" if isinstance(exc, GuardFailed) else exc.kind)
        identity.record_refusal(db, actor, action=trigger, refused_by=str(rule),
                                message=exc.message, case_id=case_id)
        raise


def preview(engine: Engine, actor: identity.Actor, case_id: int, trigger: str | None, *,
            out_dir: Path, today: dt.date, lang: str | None = None) -> dict[str, Any]:
    """The step's documents as drafts (no number, nothing recorded), with their text."""
    case_for(engine.db, actor, case_id)
    result = engine.preview(case_id, trigger, today=today, lang=lang, out=out_dir)
    result["texts"] = [docx_text(Path(p)) for p in result["documents"]]
    return result


def docx_text(path: Path) -> list[str]:
    """A .docx's paragraphs and table rows as lines (for reading a draft in the page)."""
    import docx

    document = docx.Document(str(path))
    lines = [p.text for p in document.paragraphs if p.text.strip()]
    for table in document.tables:
        for row in table.rows:
            cells = []
            for cell in row.cells:
                if cell.text.strip() and (not cells or cells[-1] != cell.text.strip()):
                    cells.append(cell.text.strip())
            if cells:
                lines.append(" · ".join(cells))
    return lines


def describe(exc: MuniError) -> list[str]:
    """An engine error as lines for the page: the message, then its details."""
    return [exc.message, *exc.details]


def home_municipalities(db: Registry, actor: identity.Actor) -> list[dict]:
    """The municipalities the account works in, as rows (code, names)."""
    return [m for m in (directory.municipality(db, c) for c in scope(db, actor)) if m]


# --- the registry and the reviewer's pages ----------------------------------------------------

#: Roles that see the registry's integrity report and every refused attempt.
OVERSIGHT = frozenset({"admin", "reviewer", "district"})


def municipality_page(db: Registry, actor: identity.Actor, code: str, *, today: dt.date
                      ) -> dict[str, Any]:
    """A municipality of the account's reach: its people with their offices and terms, and
    its numbered journal."""
    if not (sees_everything(actor) or code in scope(db, actor)):
        raise NotFound(f"unknown municipality '{code}'")
    row = directory.municipality(db, code)
    if row is None:
        raise NotFound(f"unknown municipality '{code}'")
    offices = directory.offices_of(db, code)
    on = today.isoformat()
    for o in offices:
        o["current"] = o["start_date"] <= on and (o["end_date"] is None or o["end_date"] >= on)
    return {"municipality": row, "offices": offices,
            "people": directory.people_in(db, code, on),
            "journal": journal.entries(db, municipality=code)}


def acts_register(db: Registry, actor: identity.Actor, *, query: str = "") -> list[dict]:
    """The register of the kenesh's acts in the account's reach, searched by title."""
    codes: list[str | None] = [None] if sees_everything(actor) else list(scope(db, actor))
    rows = [r for code in codes for r in acts.list_acts(db, municipality=code)]
    words = query.casefold().split()
    return [r for r in rows if all(w in f"{r['title_ky']} {r['title_ru']}".casefold()
                                   for w in words)]


def act_chain(db: Registry, actor: identity.Actor, case_id: int) -> dict[str, Any]:
    case_for(db, actor, case_id)
    return acts.chain(db, case_id)


def require_oversight(actor: identity.Actor) -> None:
    if not OVERSIGHT & set(actor.roles):
        raise Forbidden(f"account '{actor.account}': the integrity report and the refused "
                        "attempts are for reviewers, district staff and admins", rule="role")


def integrity(db: Registry, actor: identity.Actor) -> dict[str, Any]:
    """``muni verify``: the audit chain, cases, journal and files, with every finding."""
    require_oversight(actor)
    return verify.verify(db)


def refused_attempts(db: Registry, actor: identity.Actor, *, case_id: int | None = None
                     ) -> list[dict]:
    """Refused logins and steps, newest first: of one case the account sees, or (oversight
    roles) all of them."""
    if case_id is not None:
        case_for(db, actor, case_id)
    else:
        require_oversight(actor)
    return list(reversed(accounts.attempts(db, case_id=case_id)))


def require_admin(actor: identity.Actor) -> None:
    if "admin" not in actor.roles:
        raise Forbidden(f"account '{actor.account}': importing into the registry needs the "
                        "'admin' role", rule="role")


def import_file(engine: Engine, actor: identity.Actor, filename: str, data: bytes
                ) -> dict[str, int]:
    """``muni import`` of an uploaded file (.xlsx, .csv, .yaml, .json): all rows or none;
    problems listed by file, row and field."""
    import tempfile

    require_admin(actor)
    name = Path(filename).name
    if not name or name.startswith("."):
        raise InputError("the file has no name")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        return engine.import_files([path], by=actor)["imported"]


# --- many cases at once (district staff, clerks) ------------------------------------------------

def batch_triggers(actor: identity.Actor) -> list[dict]:
    """Every step of every procedure, with whether this account may run it over many cases:
    only a step that signs nothing and whose ``who:`` names one of the account's roles (an
    office is checked case by case on the act's date, which a batch does not do)."""
    out = []
    for wf in spec.all_workflows().values():
        seen = set()
        for t in wf.transitions:
            if t.trigger in seen:
                continue
            seen.add(t.trigger)
            roles = sorted(set(t.who) & set(actor.roles))
            out.append({"workflow": wf.id, "workflow_title": wf.title, "trigger": t.trigger,
                        "title": t.title, "who": list(t.who),
                        "runnable": bool(roles) and not spec.is_signing(t) and may_write(actor)})
    return out


@dataclass
class BatchRequest:
    municipality: str
    workflow: str
    trigger: str


def batch_request(db: Registry, actor: identity.Actor, municipality: str, workflow: str,
                  trigger: str) -> BatchRequest:
    """The request checked against the account's reach and the procedure."""
    if municipality not in scope(db, actor):
        raise NotFound(f"unknown municipality '{municipality}'")
    wf = spec.all_workflows().get(workflow)
    if wf is None or trigger not in {t.trigger for t in wf.transitions}:
        raise NotFound(f"no step '{trigger}' in '{workflow}'")
    return BatchRequest(municipality, workflow, trigger)


def require_runnable(actor: identity.Actor, request: BatchRequest) -> None:
    runnable = {(b["workflow"], b["trigger"]) for b in batch_triggers(actor) if b["runnable"]}
    if (request.workflow, request.trigger) not in runnable:
        raise Forbidden(f"account '{actor.account}' may not run '{request.trigger}' over many "
                        "cases: it signs, or its who: names none of the account's roles",
                        rule="who")


def batch_events(engine: Engine, actor: identity.Actor, request: BatchRequest, *,
                 today: dt.date, dry_run: bool):
    """``muni advance --municipality M --workflow W --trigger T [--dry-run]`` as events; a
    real run only for a step ``batch_triggers`` marks runnable for this account."""
    if not dry_run:
        require_runnable(actor, request)
    return engine.run_batch(actor=actor, today=today, workflow=request.workflow,
                            municipality=request.municipality, trigger=request.trigger,
                            jobs=1, dry_run=dry_run)


def document_pdf(engine: Engine, actor: identity.Actor, case_id: int, doc_id: int) -> Path:
    """The PDF of a recorded document (LibreOffice, made once and kept beside the .docx,
    as ``muni render CASE --pdf`` does), after the .docx is checked against its hash."""
    path, _ = document_file(engine.db, actor, case_id, doc_id)
    result = engine.render([case_id], pdf=True)
    for d in result["documents"]:
        if Path(d["path"]) == path and d.get("pdf"):
            return Path(d["pdf"])
    raise NotFound(f"document {doc_id}: no PDF could be made")
