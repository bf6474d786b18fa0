"""The web application: one Starlette app over one engine, composed here.

Every page handler is a plain synchronous function of a ``Page`` (the request, its session
and account, language and CSRF token, the engine, the posted form). The
``page`` decorator does the rest the same way for every route: it reads the form, refuses a
POST without its CSRF token, sends an anonymous visitor to the login page, and runs the
handler in a worker thread (the registry is SQLite: its calls block). So no route can forget
the CSRF check, and a test walks every POST route to prove it.
"""

from __future__ import annotations

import datetime as dt
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from muni.engine import Actor, AuthError, Engine, Forbidden, MuniError, NotFound

from . import i18n, security
from .backend import Titles
from .jobs import Jobs
from .throttle import LoginThrottle

HERE = Path(__file__).resolve().parent
SESSION_COOKIE = "muni_session"
#: Before login there is no session row: the CSRF token lives in its own cookie (double
#: submit); with SameSite=Strict another site cannot make the browser send it.
ANON_CSRF_COOKIE = "muni_csrf"
LANG_COOKIE = "muni_lang"
#: Largest upload (a registry import spreadsheet) and form.
MAX_PART_BYTES = 8 * 1024 * 1024


def make_jinja() -> jinja2.Environment:
    """The page templates: autoescaped, and an undefined name is an error, not a blank."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
        undefined=jinja2.StrictUndefined, extensions=["jinja2.ext.i18n"], trim_blocks=True,
        lstrip_blocks=True)


@dataclass
class Web:
    """What every request shares: the engine (its registry connection per thread, its
    workflows, profiles and compiled templates kept warm), the throttle, the batches."""

    engine: Engine
    tls: bool = False
    now: Callable[[], dt.datetime] = field(default=lambda: dt.datetime.now(dt.UTC))
    throttle: LoginThrottle = field(default_factory=lambda: LoginThrottle(time.monotonic))
    jobs: Jobs = field(default_factory=Jobs)

    def __post_init__(self) -> None:
        self.jinja = make_jinja()
        self.titles = Titles.of(self.engine)
        for lang in i18n.LANGS:     # compile the catalogs now, not on the first request
            i18n.translations(lang)

    @property
    def documents_dir(self) -> Path:
        """Where steps write their documents (the engine's ``documents``)."""
        return self.engine.documents

    @property
    def db_path(self) -> Path:
        return self.engine.registry


@dataclass
class Page:
    """One request as a handler sees it."""

    web: Web
    request: Request
    #: The engine's live session (``ref``, ``login``, ``csrf``, ``lang``), or None.
    session: Any
    lang: str
    csrf: str
    form: FormData | None
    actor: Actor | None = None
    cookies_to_set: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)
    _places: dict[str, dict] | None = None

    @property
    def engine(self) -> Engine:
        return self.web.engine

    @property
    def _(self) -> Callable[[str], str]:
        return i18n.translations(self.lang).gettext

    def render(self, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        t = i18n.translations(self.lang)
        html = self.web.jinja.get_template(template).render(
            page=self, lang=self.lang, langs=i18n.LANG_NAMES, csrf=self.csrf,
            csrf_field=security.CSRF_FIELD, session=self.session, actor=self.actor,
            gettext=t.gettext, ngettext=t.ngettext, _=t.gettext, tr=self.tr,
            who_label=self.who_label, titles=self.web.titles, place=self.place,
            series_label=self.series_label, **context)
        return self.finish(HTMLResponse(html, status_code=status_code))

    def tr(self, texts: Any) -> str:
        """A ``{ky, ru, en}`` text of the engine in the page's language."""
        if isinstance(texts, dict):
            return str(texts.get(self.lang) or texts.get("ky") or texts.get("en") or "")
        return "" if texts is None else str(texts)

    def place(self, code: str) -> str:
        """A municipality's name in the page's language (its code if the registry has none)."""
        if self._places is None:
            self._places = {m["code"]: m for m in self.engine.municipalities()}
        m = self._places.get(code)
        return (m["aimak_ky"] if self.lang == "ky" else m["aimak_ru"]) if m else code

    def series_label(self, series: str) -> str:
        """A journal's series as the clerk calls it."""
        _ = self._
        return {"orders": _("Orders of the head"),
                "council_decisions": _("Decisions of the council"),
                "council_letters": _("Letters of the council")}.get(series, series)

    def who_label(self, word: str) -> str:
        """A word of a step's ``who:`` as the clerk reads it."""
        _ = self._
        return {
            "head": _("the head of the ayil okmotu"),
            "deputy_head": _("the deputy head"),
            "executive_secretary": _("the executive secretary"),
            "specialist": _("a specialist"),
            "staff": _("the staff of the ayil okmotu"),
            "deputy": _("a deputy of the council"),
            "council_chair": _("the chair of the council"),
            "council": _("the council"),
            "clerk": _("a clerk"),
            "district": _("district staff"),
            "reviewer": _("a reviewer"),
            "admin": _("an administrator"),
        }.get(word, word)

    def redirect(self, url: str) -> Response:
        return self.finish(RedirectResponse(url, status_code=303))

    def finish(self, response: Response) -> Response:
        for name, (value, options) in self.cookies_to_set.items():
            response.set_cookie(name, value, **options)
        return response

    def cookie(self, name: str, value: str, *, max_age: int | None = None) -> None:
        """Queue a cookie for the response: HttpOnly, SameSite=Strict, Secure under TLS."""
        self.cookies_to_set[name] = (value, {
            "httponly": True, "samesite": "strict", "secure": self.web.tls, "path": "/",
            "max_age": max_age})


def safe_next(target: str | None) -> str:
    """Only a path on this site may be redirected to after login (no open redirect)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


Handler = Callable[[Page], Response]


def page(handler: Handler, *, login: bool = True) -> Callable[[Request], Any]:
    """Wrap a handler: form, CSRF, session, language; the handler runs in a worker thread."""

    async def endpoint(request: Request) -> Response:
        form = None
        if request.method == "POST":
            form = await request.form(max_part_size=MAX_PART_BYTES)
        try:
            return await run_in_threadpool(_run, request.app.state.web, handler, request, form,
                                           login)
        finally:
            if form is not None:
                await form.close()

    endpoint.__name__ = handler.__name__
    endpoint.__doc__ = handler.__doc__
    endpoint.login_required = login  # type: ignore[attr-defined]
    return endpoint


def _run(web: Web, handler: Handler, request: Request, form: FormData | None,
         login: bool) -> Response:
    token = request.cookies.get(SESSION_COOKIE, "")
    # the account as it is now: disabled since login, the engine ends the session here
    live = web.engine.session(token, now=web.now()) if token else None
    session, actor = live if live is not None else (None, None)
    anon_csrf = request.cookies.get(ANON_CSRF_COOKIE) or ""
    # Kyrgyz unless Russian was chosen with the switch: the browser's language is not asked,
    # since clerks' computers often run Russian Windows while the office works in Kyrgyz.
    lang = i18n.choose(session.lang if session else None, request.cookies.get(LANG_COOKIE))
    p = Page(web=web, request=request, session=session, lang=lang,
             csrf=session.csrf if session else anon_csrf, form=form, actor=actor)
    if not p.csrf:
        p.csrf = security.new_token()
        p.cookie(ANON_CSRF_COOKIE, p.csrf)
    if form is not None and not security.token_matches(
            session.csrf if session else anon_csrf, _text(form.get(security.CSRF_FIELD))):
        return p.render("error.html", status_code=403, title=p._("This form has expired"),
                        message=p._("The page was open too long or came from elsewhere. Go "
                                    "back, reload the page and send it again."))
    if login and session is None:
        if request.method == "POST":
            return p.render("error.html", status_code=403, title=p._("Please log in"),
                            message=p._("Your session has ended. Log in and try again."))
        return p.redirect("/login?" + urllib.parse.urlencode({"next": request.url.path}))
    try:
        return handler(p)
    except MuniError as exc:
        return error_page(p, exc)


def error_page(p: Page, exc: MuniError) -> Response:
    """An engine refusal as a page: not found (also another municipality's case), not
    permitted, or what was wrong with the input, with the engine's details."""
    if isinstance(exc, NotFound):
        return p.render("error.html", status_code=404, title=p._("Not found"),
                        message=p._("There is no such page or case, or it is not yours to "
                                    "see."))
    status = 403 if isinstance(exc, (Forbidden, AuthError)) else 400
    return p.render("error.html", status_code=status, title=p._("This cannot be done"),
                    message=exc.message, details=exc.details)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


# --- pages that need no engine ------------------------------------------------------------

def login_form(p: Page) -> Response:
    if p.session is not None:
        return p.redirect("/")
    return p.render("login.html", next=safe_next(p.request.query_params.get("next")),
                    error=None, login="")


def login_submit(p: Page) -> Response:
    assert p.form is not None
    login = _text(p.form.get("login")).strip()
    password = _text(p.form.get("password"))
    target = safe_next(_text(p.form.get("next")))
    address = p.request.client.host if p.request.client else ""
    key = f"addr:{address}"
    wait = p.web.throttle.wait_s(key)
    if wait > 0:
        return too_many(p, wait, target, login)
    try:    # the account's own count of failures in a row is kept by identity.authenticate
        actor = p.engine.authenticate(login, password, now=p.web.now())
    except AuthError as exc:
        p.web.throttle.failed(key)
        if exc.extra.get("rule") == "throttled":
            return too_many(p, exc.delay, target, login)
        error = (p._("This account is disabled. Ask your administrator.")
                 if exc.extra.get("rule") == "disabled" else p._("Wrong login or password."))
        return p.render("login.html", status_code=401, next=target, login=login, error=error)
    token, _session = p.engine.open_session(
        actor, now=p.web.now(), lang=p.lang,
        user_agent=p.request.headers.get("user-agent", ""), address=address)
    p.cookie(SESSION_COOKIE, token)
    return p.redirect(target)


def too_many(p: Page, wait: float, target: str, login: str) -> Response:
    error = p._("Too many failed attempts. Try again in %(seconds)d seconds.") % {
        "seconds": int(wait) + 1}
    return p.render("login.html", status_code=429, next=target, error=error, login=login)


def logout(p: Page) -> Response:
    p.engine.end_session(p.request.cookies.get(SESSION_COOKIE, ""), now=p.web.now())
    p.cookie(SESSION_COOKIE, "", max_age=0)
    return p.redirect("/login")


def set_language(p: Page) -> Response:
    """The ky/ru switch: remembered in the session, or in a cookie before login."""
    assert p.form is not None
    lang = i18n.choose(_text(p.form.get("lang")))
    if p.session is not None:
        p.engine.set_session_language(p.request.cookies.get(SESSION_COOKIE, ""), lang)
    p.cookie(LANG_COOKIE, lang, max_age=365 * 24 * 3600)
    return p.redirect(safe_next(_text(p.form.get("next"))))


def favicon(request: Request) -> Response:
    return FileResponse(HERE / "static" / "favicon.svg", media_type="image/svg+xml")
