"""Every engine call the web interface makes, in one place, each for a logged-in account.

The web is a client of the engine's API (``muni.engine.Engine``, ``docs/api.md``) and of
nothing else: no table, no engine module, no rule of its own. Who sees a case is the
engine's ``reach`` (a case outside it is "not found", so another municipality's case numbers
are not even confirmed); who may take a step is the engine's ``may_take`` — the very check
``advance`` makes before it writes, so a page never offers a step the write path refuses nor
hides one it would take; a refused step is recorded in the attempts log by ``advance``
itself, as for the command line. Writes go through the engine's one write path with the
session's ``Actor``.

What this module adds is only composition: the start page gathers the engine's answers for
the newest cases of the account's reach; the batch page runs the engine's batches over the
municipalities of that reach.
"""

from __future__ import annotations

import datetime as dt
import itertools
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from muni.engine import Actor, Engine, InputError, MuniError, NotFound

from . import forms

#: How many open cases the start page examines rule by rule (the newest first).
HOME_CASES = 25


def case_for(engine: Engine, actor: Actor, case_id: int) -> dict[str, Any]:
    """The case, if the account sees it; ``NotFound`` otherwise (also when it exists in
    another municipality)."""
    return engine.case(case_id, actor=actor)


def within_reach(engine: Engine, actor: Actor, municipality: str) -> bool:
    codes = engine.reach(actor)
    return codes is None or municipality in codes


def municipalities(engine: Engine, actor: Actor) -> list[dict]:
    """The municipalities the account works in, as rows (code, names)."""
    return engine.municipalities(actor=actor)


def may_change_data(engine: Engine, actor: Actor, municipality: str, today: dt.date) -> bool:
    return engine.may_change_data(municipality, actor=actor, today=today)["allowed"]


def people(engine: Engine, municipality: str, on: dt.date) -> list[forms.Person]:
    """The municipality's people as a form offers them: name, and office or occupation."""
    return [forms.Person(r["id"], r["name"], r["positions"] or r["occupation"] or "")
            for r in engine.people(municipality, on=on)]


# --- what things are called ---------------------------------------------------------------

@dataclass(frozen=True)
class Titles:
    """What a page calls the procedures' states, steps and documents — their workflow titles
    ``{ky, ru, en}``, never their ids — gathered once from ``Engine.workflow`` (the workflows
    do not change while the server runs)."""

    states: dict[tuple[str, str], dict[str, str]]
    steps: dict[tuple[str, str], dict[str, str]]
    documents: dict[str, dict[str, str]]
    workflows: dict[str, dict[str, str]]
    records: dict[str, dict[str, str]]

    @classmethod
    def of(cls, engine: Engine) -> Titles:
        states, steps, documents, workflows, records = {}, {}, {}, {}, {}
        for wf in map(engine.workflow, workflow_ids(engine)):
            records.update(wf["records"])
            workflows[wf["id"]] = wf["title"]
            states.update({(wf["id"], s["name"]): s["title"] for s in wf["states"]})
            steps.update({(wf["id"], s["trigger"]): s["title"] for s in wf["steps"]})
            documents.update(wf["documents"])
        return cls(states, steps, documents, workflows, records)

    def state(self, name: str, workflow: str | None = None) -> dict[str, str]:
        """A state's title (of ``workflow``, or of the first workflow that has it)."""
        if workflow is not None:
            return self.states.get((workflow, name)) or {"ky": name}
        return next((t for (_, n), t in self.states.items() if n == name), {"ky": name})

    def step(self, trigger: str, workflow: str | None = None) -> dict[str, str]:
        if workflow is not None:
            return self.steps.get((workflow, trigger)) or self.record(trigger)
        return next((t for (_, n), t in self.steps.items() if n == trigger),
                    self.record(trigger))

    def record(self, trigger: str) -> dict[str, str]:
        """An audit record that is no step of a procedure (opening a case, changing data)."""
        return self.records.get(trigger) or {"ky": trigger}

    def document(self, template: str) -> dict[str, str]:
        return self.documents.get(template) or {"ky": template}


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
    everywhere: bool            # the account sees every municipality


def home(engine: Engine, actor: Actor, *, today: dt.date, lang: str = "ky") -> Home:
    """What needs this account: the newest open cases of its reach examined as it meets
    them (steps it may take, signatures first; steps a rule stops; deadlines), the counts of
    open cases, the latest records."""
    codes = engine.reach(actor)
    filters: list[str | None] = [None] if codes is None else list(codes)
    open_cases: list[dict] = []
    counts: list[dict] = []
    final = {(w["id"], s["name"]): s for w in map(engine.workflow, workflow_ids(engine))
             for s in w["states"]}
    titles = {w["id"]: w["title"] for w in engine.workflows()}
    for code in filters:
        for row in engine.count_by_state(municipality=code):
            state = final[(row["workflow"], row["state"])]
            if not state["final"]:
                counts.append({**row, "workflow_title": titles[row["workflow"]],
                               "state_title": state["title"]})
        open_cases += [r for r in engine.cases(municipality=code, newest_first=True,
                                               limit=HOME_CASES * 2)
                       if not final[(r["workflow"], r["state"])]["final"]]
    open_cases.sort(key=lambda r: (r["updated_at"], r["id"]), reverse=True)
    waiting, blocked, due = [], [], []
    soon = today + dt.timedelta(days=14)
    for row in open_cases[:HOME_CASES]:
        view = engine.next_steps(row["id"], actor=actor, today=today, lang=lang,
                                 failing_only=True)
        items = [{"case": view["case"], "workflow": view["workflow_title"],
                  "trigger": t["trigger"], "title": t["title"], "signing": t["signing"],
                  "municipality": view["municipality"]} for t in view["steps"]]
        waiting += [item for item, t in zip(items, view["steps"], strict=True)
                    if t["may"]["allowed"]]
        if items and not any(t["allowed"] for t in view["steps"]):
            # stopped: no step's rules hold. The first step is the procedure's way on (the
            # others leave it: a protest, a repeal — events, not work waiting), so it alone
            # is listed, with the rules that stop it.
            t = view["steps"][0]
            blocked.append({**items[0], "rules": [g for g in t["guards"]
                                                  if not g["ok"] and g["severity"] == "block"],
                            "problems": t["problems"]})
        for d in view["deadlines"]:
            if d["status"] == "overdue" or (d["status"] == "pending"
                                            and dt.date.fromisoformat(d["due"]) <= soon):
                due.append({**d, "case": view["case"], "workflow": view["workflow_title"]})
    waiting.sort(key=lambda w: (not w["signing"], -w["case"]))
    due.sort(key=lambda d: d["due"])
    return Home(municipalities=[] if codes is None else municipalities(engine, actor)[:50],
                waiting=waiting, blocked=blocked, deadlines=due,
                recent=engine.recent(municipalities=codes, limit=15), counts=counts,
                examined=min(len(open_cases), HOME_CASES), everywhere=codes is None)


def workflow_ids(engine: Engine) -> list[str]:
    return [w["id"] for w in engine.workflows()]


# --- one case ---------------------------------------------------------------------------------

def case_view(engine: Engine, actor: Actor, case_id: int, *, today: dt.date,
              lang: str = "ky") -> dict[str, Any]:
    """``explain`` for a case the account sees, each next step with whether *this* account
    may take it (``may``: the engine's answer, with the reason), and the titles a page shows
    instead of ids."""
    case = case_for(engine, actor, case_id)
    view = engine.explain(case_id, today=today, actor=actor, lang=lang)
    wf = engine.workflow(case["workflow"])
    view["workflow_title"] = wf["title"]
    view["data"] = case["data"]
    steps = {(s["trigger"], s["source"]): s for s in wf["steps"]}
    for past in view["history"]:
        for d in past["documents"]:
            d["title"] = wf["documents"].get(d["template"]) or {"ky": d["template"]}
        past["step"] = steps.get((past["trigger"], past.get("from")))
    view["may_change_data"] = (not view["state"]["final"] and may_change_data(
        engine, actor, case["municipality"], today))
    return view


def case_documents(engine: Engine, actor: Actor, case_id: int) -> list[dict]:
    case_for(engine, actor, case_id)
    return engine.case_documents(case_id)


def document_file(engine: Engine, actor: Actor, case_id: int, doc_id: int, *,
                  pdf: bool = False) -> Path:
    """The file of a recorded document (or its PDF), after the engine checked it is the one
    the audit recorded."""
    case_for(engine, actor, case_id)
    return engine.document_file(case_id, doc_id, pdf=pdf, actor=actor)


def case_diagram(engine: Engine, actor: Actor, case_id: int, lang: str) -> str:
    case_for(engine, actor, case_id)
    return engine.case_diagram(case_id, lang=lang)


def refused_attempts(engine: Engine, actor: Actor, *, case_id: int | None = None,
                     today: dt.date) -> list[dict]:
    """Refused logins and steps, newest first: of one case the account sees, or (oversight
    roles) all of them. A step refused by rules lists them by title (``rules``)."""
    if case_id is not None:
        case_for(engine, actor, case_id)
    else:
        require_oversight(actor)
    titles = engine.rule_titles(on=today)
    rows = list(reversed(engine.attempts(case_id)))
    for a in rows:
        ids = [r.strip() for r in (a["refused_by"] or "").split(",")]
        a["rules"] = [titles[r] for r in ids if r in titles]
    return rows


# --- writes ---------------------------------------------------------------------------------

def open_case(engine: Engine, actor: Actor, workflow: str, municipality: str,
              data: dict) -> int:
    if not within_reach(engine, actor, municipality):
        raise NotFound(f"unknown municipality '{municipality}'")
    return engine.open_case(workflow, municipality, data, actor=actor)["case"]


def save_data(engine: Engine, actor: Actor, case_id: int, data: dict) -> dict:
    """Store the case's whole data, as ``muni case update --replace`` would."""
    case_for(engine, actor, case_id)
    return engine.update_case(case_id, data, actor=actor, replace=True)["data"]


def step(engine: Engine, actor: Actor, case_id: int, trigger: str, *,
         today: dt.date) -> dict[str, Any]:
    """Take the step: the engine checks four eyes, ``who:`` and every rule, and records a
    refusal in the attempts log before it raises."""
    case_for(engine, actor, case_id)
    return engine.advance(case_id, trigger or None, actor=actor, today=today)


def preview(engine: Engine, actor: Actor, case_id: int, trigger: str | None, *,
            out_dir: Path, today: dt.date, lang: str | None = None) -> dict[str, Any]:
    """The step's documents as drafts (no number, nothing recorded), with their text."""
    case_for(engine, actor, case_id)
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
            cells: list[str] = []
            for cell in row.cells:
                if cell.text.strip() and (not cells or cells[-1] != cell.text.strip()):
                    cells.append(cell.text.strip())
            if cells:
                lines.append(" · ".join(cells))
    return lines


def describe(exc: MuniError) -> list[str]:
    """An engine error as lines for the page: the message, then its details."""
    return [exc.message, *exc.details]


# --- the registry and the reviewer's pages ----------------------------------------------------

#: Roles that see the registry's integrity report and every refused attempt.
OVERSIGHT = frozenset({"admin", "reviewer", "district"})


def municipality_page(engine: Engine, actor: Actor, code: str, *, today: dt.date
                      ) -> dict[str, Any]:
    """A municipality of the account's reach: its people with their offices and terms, and
    its numbered journal."""
    row = next((m for m in municipalities(engine, actor) if m["code"] == code), None)
    if row is None:
        raise NotFound(f"unknown municipality '{code}'")
    return {"municipality": row, "offices": engine.offices(code, on=today),
            "people": engine.people(code, on=today),
            "journal": engine.journal(municipality=code)}


def acts_register(engine: Engine, actor: Actor, *, query: str = "") -> list[dict]:
    """The register of the kenesh's acts in the account's reach, searched by title."""
    codes = engine.reach(actor)
    rows = [r for code in ([None] if codes is None else codes)
            for r in engine.acts(municipality=code)]
    words = query.casefold().split()
    return [r for r in rows if all(w in f"{r['title_ky']} {r['title_ru']}".casefold()
                                   for w in words)]


def act_chain(engine: Engine, actor: Actor, case_id: int, lang: str) -> dict[str, Any]:
    case_for(engine, actor, case_id)
    return engine.act(case_id, lang=lang)


def require_oversight(actor: Actor) -> None:
    if not OVERSIGHT & set(actor.roles):
        from muni.engine import Forbidden

        raise Forbidden(f"account '{actor.account}': the integrity report and the refused "
                        "attempts are for reviewers, district staff and admins", rule="role")


#: Findings the integrity page lists; the rest are counted (``muni verify --json`` lists all).
SHOWN_FINDINGS = 200


def integrity(engine: Engine, actor: Actor) -> dict[str, Any]:
    """``muni verify``: the audit chain, cases, journal and files — what the page shows,
    read as it is checked (``engine.verifying``): the counts, the chain head and the first
    ``SHOWN_FINDINGS`` findings. The server never holds a country's report whole (a note a
    case where no one logs in: 2.3 KB each, 230 MB at 100,000 cases)."""
    require_oversight(actor)
    with engine.verifying() as report:
        findings = report["findings"]
        return {**{k: v for k, v in report.items() if k not in ("findings", "notes", "pending")},
                "findings": list(itertools.islice(findings, SHOWN_FINDINGS)),
                "findings_total": len(findings)}


def import_file(engine: Engine, actor: Actor, filename: str, data: bytes) -> dict[str, int]:
    """``muni import`` of an uploaded file (.xlsx, .csv, .yaml, .json): all rows or none;
    problems listed by file, row and field. The engine refuses anyone but an admin."""
    name = Path(filename).name
    if not name or name.startswith("."):
        raise InputError("the file has no name")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        return engine.import_files([path], by=actor)["imported"]


# --- many cases at once ---------------------------------------------------------------------------

def batch_steps(engine: Engine, actor: Actor, municipality: str, *,
                today: dt.date) -> list[dict]:
    """What a batch can do in the chosen municipality (empty: every one of the account's
    reach): each procedure's states that hold open cases, each with the steps leaving it and
    how many cases wait there — the selection by procedure and state a clerk, the head or
    district staff makes. The steps whose ``who:`` the account answers in at least one of
    those municipalities come first. Only an order for the page: whether the account may
    take the step is judged case by case by the engine, in the dry run and in the run."""
    reach = engine.reach(actor)
    codes = [municipality] if municipality else [m["code"]
                                                 for m in municipalities(engine, actor)]
    # every municipality (a reviewer's, an admin's): one count, not one per municipality
    filters: list[str | None] = [None] if not municipality and reach is None else list(codes)
    waiting: dict[tuple[str, str], int] = {}
    for code in filters:
        for row in engine.count_by_state(municipality=code):
            key = (row["workflow"], row["state"])
            waiting[key] = waiting.get(key, 0) + row["cases"]
    out = []
    for wf in map(engine.workflow, workflow_ids(engine)):
        states = {s["name"]: s for s in wf["states"]}
        for st in wf["steps"]:
            cases = waiting.get((wf["id"], st["source"]), 0)
            if cases:
                out.append({"workflow": wf["id"], "workflow_title": wf["title"],
                            "state": st["source"], "state_title": states[st["source"]]["title"],
                            "trigger": st["trigger"], "title": st["title"],
                            "signing": st["signing"], "who": st["who"], "cases": cases,
                            "key": f"{wf['id']}:{st['source']}:{st['trigger']}"})
    answers: dict[tuple[str, ...], bool] = {}
    for item in out:
        who = tuple(item["who"])
        if who not in answers:
            answers[who] = any(engine.may_act(list(who), actor=actor, municipality=code,
                                              on=today)["allowed"] for code in codes[:50])
        item["mine"] = answers[who]
    out.sort(key=lambda i: (not i["mine"], i["workflow"], -i["cases"]))
    return out


@dataclass(frozen=True)
class BatchRequest:
    """A step over the open cases of some municipalities: the engine's batch, run once per
    municipality of the account's reach that the request names."""

    municipalities: tuple[str, ...]
    workflow: str
    trigger: str
    state: str | None = None        # only the cases in this state (None: wherever it leaves)


def batch_request(engine: Engine, actor: Actor, municipality: str, step: str
                  ) -> BatchRequest:
    """The request checked against the account's reach and the procedure. ``step``:
    ``workflow:state:trigger`` (or ``workflow:trigger``, from any state); ``municipality``
    empty: every municipality of the reach."""
    mine = [m["code"] for m in municipalities(engine, actor)]
    if municipality and municipality not in mine:
        raise NotFound(f"unknown municipality '{municipality}'")
    parts = step.split(":")
    workflow, state, trigger = (parts if len(parts) == 3 else
                                (parts[0], None, parts[-1]) if len(parts) == 2 else
                                ("", None, ""))
    try:
        wf = engine.workflow(workflow)
    except NotFound:
        raise NotFound(f"no step '{step}'") from None
    if not any(s["trigger"] == trigger and state in (None, s["source"]) for s in wf["steps"]):
        raise NotFound(f"no step '{step}'")
    return BatchRequest(tuple([municipality] if municipality else mine), workflow, trigger,
                        state)


def batch_events(engine: Engine, actor: Actor, request: BatchRequest, *,
                 today: dt.date, dry_run: bool, lang: str = "ky"
                 ) -> Iterator[dict[str, Any]]:
    """``muni advance --municipality M --workflow W --trigger T [--dry-run]`` for each
    municipality of the request, one after the other, as one stream of events: ``started``
    with the number of open cases of the procedure there, every case's ``outcome`` (the
    engine judges each case for this actor — four eyes by person, ``who:`` on the act's
    date, the rules — and names what stopped it), then ``finished`` with the summaries
    added up. Nothing of the permission is decided here.

    A stopped case also gets ``reasons``: the rules that stop it, worded in the page's
    ``lang`` by ``Engine.may_take`` (the batch's own words follow the documents' language,
    which is the municipality's, not the reader's)."""
    wf = engine.workflow(request.workflow)
    final = {s["name"] for s in wf["states"] if s["final"]}
    total = sum(r["cases"] for code in request.municipalities
                for r in engine.count_by_state(workflow=request.workflow, municipality=code,
                                               state=request.state)
                if r["state"] not in final)
    yield {"kind": "started", "total": total}
    summaries = []
    for code in request.municipalities:
        for event in engine.run_batch(actor=actor, today=today, workflow=request.workflow,
                                      state=request.state, municipality=code,
                                      trigger=request.trigger, jobs=1, dry_run=dry_run):
            if event.kind == "outcome":
                outcome = {"kind": "outcome", "municipality": code, **event.to_json()}
                if outcome["status"] == "blocked" and outcome["case"] is not None:
                    may = engine.may_take(outcome["case"], request.trigger, actor=actor,
                                          today=today, lang=lang)
                    outcome["reasons"] = [g for g in may["guards"]
                                          if not g["ok"] and g["severity"] == "block"]
                yield outcome
            elif event.kind == "finished":
                summaries.append(event.summary.to_json())
    yield {"kind": "finished", "summary": merge_summaries(summaries)}


def merge_summaries(summaries: list[dict]) -> dict[str, Any]:
    """The summaries of the municipalities' batches as one: counts added, lists joined."""
    out: dict[str, Any] = {"advanced": 0, "documents": 0, "steps": 0, "rows": 0,
                           "blocked": [], "failed": [], "skipped": []}
    for s in summaries:
        for key in ("advanced", "documents", "steps", "rows"):
            out[key] += int(s.get(key) or 0)
        for key in ("blocked", "failed", "skipped"):
            out[key] += list(s.get(key) or [])
    return out
