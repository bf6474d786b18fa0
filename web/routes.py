"""The application: every route of ``muni serve`` listed in one place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from muni.engine import Engine

from . import app as core
from . import pages, security
from .app import page


def create_app(engine: Engine, *, tls: bool = False,
               now: Callable[[], dt.datetime] | None = None) -> Starlette:
    """The application over ``engine`` (one per process: it keeps the workflows, rule
    profiles and compiled templates warm): the registry's accounts log in (``muni user
    add``), each through a session of the registry's ``sessions`` table."""
    web = core.Web(engine=engine, tls=tls)
    if now is not None:
        web.now = now
    routes = [
        Route("/", page(pages.home)),
        Route("/login", page(core.login_form, login=False), methods=["GET"]),
        Route("/login", page(core.login_submit, login=False), methods=["POST"]),
        Route("/logout", page(core.logout), methods=["POST"]),
        Route("/lang", page(core.set_language, login=False), methods=["POST"]),
        Route("/cases/new", page(pages.new_case_form), methods=["GET"]),
        Route("/cases/new", page(pages.open_case), methods=["POST"]),
        Route("/case/{case_id:int}", page(pages.case_page), methods=["GET"]),
        Route("/case/{case_id:int}/diagram.svg", page(pages.diagram_svg)),
        Route("/case/{case_id:int}/data", page(pages.data_form), methods=["GET"]),
        Route("/case/{case_id:int}/data", page(pages.save_form), methods=["POST"]),
        Route("/case/{case_id:int}/step", page(pages.take_step), methods=["POST"]),
        Route("/case/{case_id:int}/preview", page(pages.preview), methods=["POST"]),
        Route("/case/{case_id:int}/preview/{name}", page(pages.preview_file)),
        Route("/case/{case_id:int}/document/{doc_id:int}", page(pages.document)),
        Route("/case/{case_id:int}/document/{doc_id:int}/pdf", page(pages.document_pdf)),
        Route("/registry", page(pages.registry_page)),
        Route("/registry/import", page(pages.import_page), methods=["GET"]),
        Route("/registry/import", page(pages.import_upload), methods=["POST"]),
        Route("/registry/{code}", page(pages.municipality_page)),
        Route("/acts", page(pages.acts_page)),
        Route("/acts/{case_id:int}", page(pages.act_page)),
        Route("/integrity", page(pages.integrity_page)),
        Route("/batch", page(pages.batch_page), methods=["GET"]),
        Route("/batch/run", page(pages.batch_run), methods=["POST"]),
        Route("/batch/{job_id}", page(pages.batch_job), methods=["GET"]),
        Route("/favicon.ico", core.favicon),
        Mount("/static", StaticFiles(directory=core.HERE / "static"), name="static"),
    ]

    async def not_found(request: Request, exc: HTTPException):
        return await page(lambda p: p.render(
            "error.html", status_code=exc.status_code, title=p._("Not found"),
            message=p._("There is no such page or case, or it is not yours to see.")),
            login=False)(request)

    app = Starlette(routes=routes, exception_handlers={404: not_found})
    app.state.web = web
    app.add_middleware(security.SecurityHeaders, tls=tls)
    return app
