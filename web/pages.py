"""The pages of a logged-in account: the start page, a case, its data form, a new case.

Each handler reads the request, asks ``backend`` (which applies the account's reach and the
engine's rules), and draws a template; a refusal of the engine becomes a page that says why
(``app._run`` turns errors into pages with the right status).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.responses import FileResponse, Response

from muni.engine import Engine, Forbidden, InputError, MuniError, NotFound

from . import backend, forms
from .app import Page, _text

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def today(p: Page):
    return p.web.now().date()


def case_id_of(p: Page) -> int:
    return int(p.request.path_params["case_id"])


def home(p: Page) -> Response:
    assert p.actor is not None
    data = backend.home(p.engine, p.actor, today=today(p), lang=p.lang)
    may_open = any(backend.may_change_data(p.engine, p.actor, m["code"], today(p))
                   for m in backend.municipalities(p.engine, p.actor)[:50])
    return p.render("home.html", home=data, may_write=may_open)


def case_page(p: Page, *, status_code: int = 200, refusal: MuniError | None = None,
              done: dict | None = None) -> Response:
    assert p.actor is not None
    case_id = case_id_of(p)
    view = backend.case_view(p.engine, p.actor, case_id, today=today(p), lang=p.lang)
    docs = backend.case_documents(p.engine, p.actor, case_id)
    refused = None
    if refusal is not None:
        failing = Engine.in_language([v for v in refusal.extra.get("verdicts", [])
                                      if not v["ok"]], p.lang)
        trigger = _text(p.form.get("trigger")) if p.form is not None else ""
        who = next((s["who"] for s in p.engine.workflow(view["workflow"])["steps"]
                    if s["trigger"] == trigger), [])
        refused = {"kind": refusal.kind, "message": refusal.message, "rules": failing,
                   "rule": refusal.extra.get("rule"), "who": who}
    attempts = backend.refused_attempts(p.engine, p.actor, case_id=case_id, today=today(p))
    return p.render("case.html", status_code=status_code, view=view, documents=docs,
                    attempts=attempts, refused=refused, done=done,
                    sections=sections(Engine.case_schema(view["workflow"])))


def diagram_svg(p: Page) -> Response:
    assert p.actor is not None
    svg = backend.case_diagram(p.engine, p.actor, case_id_of(p), p.lang)
    return p.finish(Response(svg, media_type="image/svg+xml"))


def document(p: Page) -> Response:
    assert p.actor is not None
    path = backend.document_file(p.engine, p.actor, case_id_of(p),
                                 int(p.request.path_params["doc_id"]))
    return p.finish(FileResponse(path, media_type=DOCX, filename=path.name))


def document_pdf(p: Page) -> Response:
    """The document as PDF, shown in the browser (inline) for reading or printing."""
    assert p.actor is not None
    path = backend.document_file(p.engine, p.actor, case_id_of(p),
                                 int(p.request.path_params["doc_id"]), pdf=True)
    return p.finish(FileResponse(path, media_type="application/pdf",
                                 content_disposition_type="inline", filename=path.name))


def take_step(p: Page) -> Response:
    assert p.actor is not None and p.form is not None
    case_id = case_id_of(p)
    trigger = _text(p.form.get("trigger"))
    try:
        result = backend.step(p.engine, p.actor, case_id, trigger, today=today(p))
    except MuniError as exc:
        if isinstance(exc, (InputError, NotFound)):
            raise
        return case_page(p, status_code=403 if exc.kind == "forbidden" else 409,
                         refusal=exc)
    wf = p.engine.workflow(result["workflow"])
    state = next(s for s in wf["states"] if s["name"] == result["to"])
    for d in result["documents"]:
        d["title"] = wf["documents"].get(d["template"]) or {"ky": d["template"]}
    step = next(s for s in wf["steps"]
                if (s["trigger"], s["source"]) == (result["trigger"], result["from"]))
    return case_page(p, done={"title": step["title"],
                              "state": state["title"], "documents": result["documents"]})


def preview(p: Page) -> Response:
    assert p.actor is not None and p.form is not None and p.session is not None
    case_id = case_id_of(p)
    trigger = _text(p.form.get("trigger")) or None
    out = preview_dir(p, case_id)
    result = backend.preview(p.engine, p.actor, case_id, trigger, out_dir=out,
                             today=today(p))
    view = backend.case_view(p.engine, p.actor, case_id, today=today(p), lang=p.lang)
    names = [Path(d).name for d in result["documents"]]
    prefix = f"case-{case_id}-{result['trigger']}-"
    templates = [n.removeprefix(prefix).split("-preview.")[0] for n in names]
    return p.render("preview.html", view=view, result=result,
                    drafts=list(zip(names, templates, result["texts"], strict=True)))


def preview_dir(p: Page, case_id: int) -> Path:
    """Drafts of one session, apart from other sessions' and from the registered documents."""
    assert p.session is not None
    return p.web.documents_dir / "preview" / p.session.ref / f"case-{case_id}"


def preview_file(p: Page) -> Response:
    assert p.actor is not None
    case_id = case_id_of(p)
    backend.case_for(p.engine, p.actor, case_id)
    name = p.request.path_params["name"]
    path = preview_dir(p, case_id) / name
    if not re.fullmatch(r"[\w.-]+\.docx", name) or not path.is_file():
        raise NotFound(f"no draft {name}")
    return p.finish(FileResponse(path, media_type=DOCX, filename=name))


# --- the data form ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Workflow:
    """What the form pages need of a procedure: its id, titles and data schema."""

    id: str
    title: dict[str, str]
    schema: dict

    @classmethod
    def of(cls, workflow_id: str) -> Workflow:
        return cls(workflow_id, Engine.workflow(workflow_id)["title"],
                   Engine.case_schema(workflow_id))


def sections(schema: dict) -> list[tuple[str, dict]]:
    """The top-level parts of a large schema, each edited on its own page (the ЖМБА case
    has more than two thousand fields once its lists fill up)."""
    props = schema.get("properties") or {}
    return [(k, v.get("x-label") or {"ky": k}) for k, v in props.items()]


def section_schema(schema: dict, section: str | None) -> dict:
    """The schema of one top-level part (its ``$defs`` kept), or the whole schema."""
    if not section:
        return schema
    props = schema.get("properties") or {}
    if section not in props:
        raise NotFound(f"no part '{section}' in this form")
    sub = copy.deepcopy(schema)
    sub["properties"] = {section: props[section]}
    sub["required"] = [section] if section in schema.get("required", []) else []
    return sub


def data_form(p: Page) -> Response:
    assert p.actor is not None
    case_id = case_id_of(p)
    case = backend.case_for(p.engine, p.actor, case_id)
    wf = Workflow.of(case["workflow"])
    section = p.request.query_params.get("section") or None
    schema = section_schema(wf.schema, section)
    doc = case["data"] if not section else {k: v for k, v in case["data"].items()
                                            if k == section}
    return draw_form(p, schema, doc, municipality=case["municipality"], case=case, wf=wf,
                     section=section)


def draw_form(p: Page, schema: dict, doc: Any, *, municipality: str, wf: Workflow,
              case: dict | None = None, section: str | None = None,
              errors: dict[str, str] | None = None, message: list[str] | None = None,
              status_code: int = 200) -> Response:
    people = backend.people(p.engine, municipality, today(p))
    root = forms.build(schema, doc, lang=p.lang, people=people, errors=errors)
    summary = [(name, forms.label_path(root, name), text)
               for name, text in (errors or {}).items()]
    return p.render("data.html", status_code=status_code, root=root, case=case, wf=wf,
                    section=section, summary=summary, message=message or [],
                    municipality=municipality,
                    sections=sections(wf.schema) if case else [])


def save_form(p: Page) -> Response:
    assert p.actor is not None and p.form is not None
    case_id = case_id_of(p)
    case = backend.case_for(p.engine, p.actor, case_id)
    wf = Workflow.of(case["workflow"])
    section = _text(p.form.get("_section")) or None
    schema = section_schema(wf.schema, section)
    action = forms.action_of(p.form)
    if action is not None:
        doc = forms.apply_action(schema, forms.parse(schema, p.form.multi_items(),
                                                     keep_empty_rows=True), *action)
        return draw_form(p, schema, doc, municipality=case["municipality"], case=case,
                         wf=wf, section=section)
    posted = forms.parse(schema, p.form.multi_items())
    doc = dict(case["data"])
    if section:
        doc.pop(section, None)
        doc.update(posted)
    else:
        doc = posted
    errors = forms.problems(wf.schema, doc, p._)
    if section:
        errors = {k: v for k, v in errors.items() if k.split(".")[0] == section}
    if errors:
        return draw_form(p, schema, posted, municipality=case["municipality"], case=case,
                         wf=wf, section=section, errors=errors, status_code=400)
    try:
        backend.save_data(p.engine, p.actor, case_id, doc)
    except InputError as exc:
        return draw_form(p, schema, posted, municipality=case["municipality"], case=case,
                         wf=wf, section=section, message=backend.describe(exc),
                         status_code=400)
    return p.redirect(f"/case/{case_id}?saved=1")


def new_case_form(p: Page) -> Response:
    assert p.actor is not None
    wf, municipality = new_case_target(p, p.request.query_params)
    if wf is None or municipality is None:
        return p.render("new_case.html", workflows=p.engine.workflows(),
                        municipalities=backend.municipalities(p.engine, p.actor))
    return draw_form(p, wf.schema, {}, municipality=municipality, wf=wf)


def new_case_target(p: Page, source: Any) -> tuple[Workflow | None, str | None]:
    assert p.actor is not None
    workflow_id = _text(source.get("workflow"))
    codes = [m["code"] for m in backend.municipalities(p.engine, p.actor)]
    municipality = _text(source.get("municipality")) or (codes[0] if len(codes) == 1
                                                        else "")
    if municipality and municipality not in codes:
        raise NotFound(f"unknown municipality '{municipality}'")
    known = {w["id"] for w in p.engine.workflows()}
    return (Workflow.of(workflow_id) if workflow_id in known else None), municipality or None


def open_case(p: Page) -> Response:
    assert p.actor is not None and p.form is not None
    wf, municipality = new_case_target(p, p.form)
    if wf is None or municipality is None:
        raise InputError("choose a procedure and a municipality")
    action = forms.action_of(p.form)
    if action is not None:
        doc = forms.apply_action(wf.schema, forms.parse(
            wf.schema, p.form.multi_items(), keep_empty_rows=True), *action)
        return draw_form(p, wf.schema, doc, municipality=municipality, wf=wf)
    doc = forms.parse(wf.schema, p.form.multi_items())
    errors = forms.problems(wf.schema, doc, p._)
    if errors:
        return draw_form(p, wf.schema, doc, municipality=municipality, wf=wf,
                         errors=errors, status_code=400)
    try:
        case_id = backend.open_case(p.engine, p.actor, wf.id, municipality, doc)
    except InputError as exc:
        return draw_form(p, wf.schema, doc, municipality=municipality, wf=wf,
                         message=backend.describe(exc), status_code=400)
    return p.redirect(f"/case/{case_id}")


# --- the registry and the reviewer's pages ------------------------------------------------------

def registry_page(p: Page) -> Response:
    assert p.actor is not None
    return p.render("registry.html", municipalities=backend.municipalities(p.engine, p.actor),
                    may_import="admin" in p.actor.roles)


def municipality_page(p: Page) -> Response:
    assert p.actor is not None
    data = backend.municipality_page(p.engine, p.actor, p.request.path_params["code"],
                                     today=today(p))
    return p.render("municipality.html", **data)


def import_page(p: Page, *, result: dict | None = None, problems: list[str] | None = None,
                status_code: int = 200) -> Response:
    assert p.actor is not None
    if "admin" not in p.actor.roles:
        raise Forbidden(f"account '{p.actor.account}': importing into the registry needs "
                        "the 'admin' role", rule="role")
    return p.render("import.html", status_code=status_code, result=result,
                    problems=problems or [])


def import_upload(p: Page) -> Response:
    assert p.actor is not None and p.form is not None
    upload = p.form.get("file")
    if upload is None or isinstance(upload, str) or not upload.filename:
        return import_page(p, problems=[p._("Choose a file.")], status_code=400)
    data = upload.file.read()
    try:
        counts = backend.import_file(p.engine, p.actor, upload.filename, data)
    except InputError as exc:
        return import_page(p, problems=backend.describe(exc), status_code=400)
    return import_page(p, result=counts)


def acts_page(p: Page) -> Response:
    assert p.actor is not None
    query = p.request.query_params.get("q", "")
    return p.render("acts.html", rows=backend.acts_register(p.engine, p.actor, query=query),
                    query=query)


def act_page(p: Page) -> Response:
    assert p.actor is not None
    chain = backend.act_chain(p.engine, p.actor, case_id_of(p), p.lang)
    conclusion = (chain.get("commission") or {}).get("conclusion")
    labels = (Engine.case_schema("council_decision")["properties"]["commission"]["properties"]
              ["conclusion"]["x-enum-labels"])
    return p.render("act.html", chain=chain, conclusion=labels.get(conclusion, conclusion))


def integrity_page(p: Page) -> Response:
    assert p.actor is not None
    return p.render("integrity.html", report=backend.integrity(p.engine, p.actor),
                    attempts=backend.refused_attempts(p.engine, p.actor, today=today(p))[:200])


# --- many cases at once -------------------------------------------------------------------------

def batch_page(p: Page) -> Response:
    """Choose a municipality (or all of the account's) and a step; the dry run shows, case
    by case, what the engine would do for this account; the run takes every step it
    allows."""
    assert p.actor is not None
    q = p.request.query_params
    municipalities = backend.municipalities(p.engine, p.actor)
    asked = q.get("municipality", "")
    if asked and asked not in {m["code"] for m in municipalities}:
        raise NotFound(f"unknown municipality '{asked}'")
    chosen = {"municipality": asked or (municipalities[0]["code"]
                                        if len(municipalities) == 1 else ""),
              "step": q.get("step", "")}
    steps = backend.batch_steps(p.engine, p.actor, chosen["municipality"], today=today(p))
    result = None
    if q.get("dry") and chosen["step"]:
        request = batch_request_of(p, chosen["municipality"], chosen["step"])
        outcomes, summary = [], None
        for event in backend.batch_events(p.engine, p.actor, request, today=today(p),
                                          dry_run=True, lang=p.lang):
            if event["kind"] == "outcome" and event["status"] != "skipped":
                outcomes.append(event)
            elif event["kind"] == "finished":
                summary = event["summary"]
        result = {"outcomes": outcomes, "summary": summary}
    names = {m["code"]: m for m in municipalities}
    return p.render("batch.html", steps=steps, municipalities=municipalities,
                    names=names, chosen=chosen, result=result)


def batch_request_of(p: Page, municipality: str, step: str) -> backend.BatchRequest:
    assert p.actor is not None
    return backend.batch_request(p.engine, p.actor, municipality, step)


def batch_run(p: Page) -> Response:
    assert p.actor is not None and p.form is not None
    request = batch_request_of(p, _text(p.form.get("municipality")), _text(p.form.get("step")))
    web, actor, on, lang = p.web, p.actor, today(p), p.lang

    def events():
        try:    # in the batch's own thread: the engine opens that thread's connection
            yield from backend.batch_events(web.engine, actor, request, today=on,
                                            dry_run=False, lang=lang)
        finally:
            web.engine.close()

    wf = p.engine.workflow(request.workflow)
    title = next(s["title"] for s in wf["steps"] if s["trigger"] == request.trigger)
    job = web.jobs.start(actor.account or actor.name, title, events)
    return p.redirect(f"/batch/{job.id}")


def batch_job(p: Page) -> Response:
    assert p.actor is not None
    job = p.web.jobs.get(p.request.path_params["job_id"], p.actor.account or p.actor.name)
    if job is None:
        raise NotFound("no such batch")
    names = {m["code"]: m for m in backend.municipalities(p.engine, p.actor)}
    return p.render("batch_job.html", job=job, names=names)
