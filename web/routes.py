"""The application: every route of ``muni serve`` listed in one place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from muni.engine.render import TemplateStore

from . import app as core
from . import pages, security
from .app import page


def create_app(db_path: str | Path, *, store: TemplateStore | None = None, tls: bool = False,
               now: Callable[[], dt.datetime] | None = None) -> Starlette:
    """The application on the registry at ``db_path``: its accounts log in (``muni user
    add``), each through a session of the registry's ``sessions`` table. ``store``: the
    templates (default: the built-ins, with overrides in ``templates/`` beside the
    registry), compiled once and kept warm for every request."""
    db_path = Path(db_path)
    web = core.Web(db_path=db_path, tls=tls,
                   store=store or TemplateStore(db_path.resolve().parent / "templates"))
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
