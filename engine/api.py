"""The public engine API: one ``Engine`` the interfaces hold (the CLI now, the web next).

An ``Engine`` is built from where things are — the registry file, the documents root, the
template overrides, the LibreOffice binary — and is the one explicit composition point, as
``datasette.app.Datasette`` is for datasette: the CLI builds one per process, a web server one
for its lifetime. Every method takes plain values and returns JSON-ready data (the shapes of
``docs/json.md``) or raises a ``MuniError`` whose ``exit_code`` an interface shows; nothing
here prints, reads the environment or exits. ``docs/api.md`` lists every call.

What it keeps warm for a long-running process: the workflows and rule profiles (parsed once
per process by ``spec``/``rules``), and one ``TemplateStore`` (each template compiled once per
version of its file). What it never shares between threads: the SQLite connection — each
thread gets its own, opened on first use (``Engine.db``), because a ``sqlite3`` connection
must not cross threads and the registry's write transactions are per connection.

Who acts is an ``Actor`` on every write; the day the rules are judged on is a ``today``
argument on every call that evaluates them (the CLI resolves ``MUNI_TODAY``; the engine never
looks at the clock for it).

Why the engine modules are imported inside the methods: a command loads only what it uses,
so ``muni status`` does not pay for Jinja, docx, jsonschema or multiprocessing (the CLI's
start-up test checks this); each import names its module, so the arrows stay visible.
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from muni.registry import db as regdb

from .actor import Actor
from .errors import (
    AuthError,
    Conflict,
    Forbidden,
    GuardFailed,
    InputError,
    MuniError,
    NotFound,
    StateError,
    from_registry_file,
)
from .paths import usable_file, usable_folder

if TYPE_CHECKING:
    from muni.registry.db import Registry

    from .batch import Event
    from .render import TemplateStore


class Engine:
    """muni as a library: cases, steps, documents and registers of one registry.

    ``registry``: the SQLite file (``muni init`` creates it). ``documents``: where steps write
    their documents (default ``documents/`` next to the registry). ``templates``: the
    municipality overrides (default ``templates/`` next to the registry; built-in templates
    are used where no override exists). ``soffice``: the LibreOffice binary for PDFs (default:
    ``soffice`` or ``libreoffice`` on PATH). ``cache``: a folder where parsed workflows and
    profiles and compiled templates are kept between processes (``engine/cache.py``; default
    none — a long-running process keeps them in memory anyway).
    """

    def __init__(self, registry: str | Path, *, documents: str | Path | None = None,
                 templates: str | Path | None = None, soffice: str | None = None,
                 cache: str | Path | None = None):
        if cache is not None:
            import muni.engine.cache as derived

            derived.use(Path(cache))
        self.registry = Path(registry)
        home = self.registry.resolve().parent
        self.documents = Path(documents) if documents else home / "documents"
        self.templates = Path(templates) if templates else home / "templates"
        self.soffice = soffice
        self._local = threading.local()
        self._store: TemplateStore | None = None
        self._store_lock = threading.Lock()

    # -- what the methods share ----------------------------------------------------------------

    @property
    def db(self) -> Registry:
        """This thread's connection to the registry, opened on first use."""
        db = getattr(self._local, "db", None)
        if db is None:
            try:
                db = regdb.connect(self.registry)
            except FileNotFoundError:
                raise InputError(f"no registry at {self.registry}; create it with `muni init` "
                                 "(or point --db / MUNI_DB at it)") from None
            self._local.db = db
        return db

    @property
    def store(self) -> TemplateStore:
        """The templates, compiled once per process (overrides first, then the built-ins)."""
        with self._store_lock:
            if self._store is None:
                from .render import TemplateStore

                self._store = TemplateStore(self.templates)
            return self._store

    def close(self) -> None:
        """Close this thread's connection (another thread's closes with its thread)."""
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *_: Any) -> None:
        self.close()

    def init(self) -> dict[str, Any]:
        """Make the registry file, or bring an existing one to the current schema."""
        existed = self.registry.exists()
        regdb.connect(self.registry, create=True).close()
        return {"db": str(self.registry.resolve()), "created": not existed}

    def import_files(self, paths: list[Path], kind: str | None = None, *,
                     by: Actor | None = None) -> dict[str, Any]:
        """Load municipalities, people, offices and journal starts; all rows or none
        (``InputError`` lists every bad row). Returns ``{"imported": {kind: count},
        "notes": [...]}``. ``kind``: what a CSV file holds when its name does not say.
        In a registry with accounts ``by`` must be an admin: offices decide who may sign."""
        from .identity import require_admin
        from .imports import import_files

        require_admin(self.db, by, "import")

        done = import_files(self.db, list(paths), kind)
        return {"imported": done.counts, "notes": done.notes}

    def registry_error(self, exc: BaseException) -> MuniError | None:
        """The error to report when ``exc`` (raised by any call) is about the registry file
        itself — damaged, locked, read-only, a full disk — else None (a bug keeps its
        traceback). Interfaces catch ``Exception`` around a call and ask this."""
        problem = regdb.file_error(exc, self.registry)
        return None if problem is None else from_registry_file(problem)

    # -- accounts --------------------------------------------------------------------------------

    def authenticate(self, login: str, password: str, *, now: dt.datetime | None = None
                     ) -> Actor:
        """The Actor of an account whose password checks out; ``AuthError`` (with the
        ``delay`` the interface waits before it answers) when not. ``now``: the moment the
        failures in a row are timed from (default the machine's clock)."""
        from .identity import authenticate

        return authenticate(self.db, login, password, now=now)

    # -- web sessions ----------------------------------------------------------------------------

    def open_session(self, actor: Actor, *, now: dt.datetime, lang: str = "ky",
                     user_agent: str = "", address: str = "") -> tuple[str, Any]:
        """A session for a logged-in account: ``(token, session)``. The token goes to the
        browser once (the registry keeps only its SHA-256); the session has ``ref`` (its
        public name, which audit records of its steps carry), ``login``, ``csrf``, ``lang``."""
        from muni.registry import sessions

        if not actor.authenticated or actor.account is None:
            raise AuthError("a session needs a logged-in account")
        with regdb.write_transaction(self.db):
            return sessions.create(self.db, actor.account, now=now, lang=lang,
                                   user_agent=user_agent, address=address)

    def session(self, token: str, *, now: dt.datetime) -> tuple[Any, Actor] | None:
        """The live session of ``token`` and its account's Actor (``how="session"``), or
        None: unknown, expired, revoked — or its account disabled since, which ends it."""
        from muni.registry import sessions

        from .identity import session_actor

        if not token:
            return None
        try:
            return session_actor(self.db, token, now=now, lifetime=sessions.WEB, how="session")
        except AuthError:
            return None

    def end_session(self, token: str, *, now: dt.datetime) -> None:
        """Log out: the session ends (its row stays for the audit records naming it)."""
        from muni.registry import sessions

        sessions.revoke(self.db, token, now=now)

    # -- command-line sessions (`muni login`) ----------------------------------------------------

    def open_cli_session(self, actor: Actor, *, now: dt.datetime) -> tuple[str, Any]:
        """``muni login``: a session of the logged-in account that lives one working day
        (``registry.sessions.CLI``). ``(token, session)``: the interface keeps the token
        where only its user can read it; the registry keeps its SHA-256."""
        from muni.registry import sessions

        if not actor.authenticated or actor.account is None:
            raise AuthError("a session needs a logged-in account")
        with regdb.write_transaction(self.db):
            return sessions.create(self.db, actor.account, now=now, lang="en",
                                   user_agent=sessions.CLI_AGENT, lifetime=sessions.CLI)

    def cli_session(self, token: str, *, now: dt.datetime) -> tuple[Any, Actor] | None:
        """The live ``muni login`` session of ``token`` and its account's Actor
        (``how="cli_session"``); ``AuthError`` (exit 12) saying why not — unknown, ended,
        expired, the account disabled — and to log in again. None where the registry has no
        accounts at all (a token kept from an earlier registry at the same path proves
        nothing, and nothing needs proving). End a session with ``end_session``."""
        from .identity import accounts_required, session_actor

        if not accounts_required(self.db):
            return None
        return session_actor(self.db, token, now=now)

    def set_session_language(self, token: str, lang: str) -> None:
        """Remember the interface language a session chose."""
        from muni.registry import sessions

        sessions.set_lang(self.db, token, lang)

    def declared_actor(self, name: str | None, *, action: str) -> Actor:
        """``Actor.declared(name)`` where the registry has no accounts; where it has, the
        write is refused (``AuthError``, exit 12) and the try recorded under ``action``."""
        from .identity import declared_actor

        return declared_actor(self.db, name, action=action)

    def check_new_account(self, login: str, *, person: str, roles: list[str],
                          by: Actor | None) -> list[str]:
        """Everything ``add_account`` checks but the password (ask for it after this)."""
        from .identity import check_new_account

        return check_new_account(self.db, login, person=person, roles=roles, by=by)

    def add_account(self, login: str, *, person: str, password: str, roles: list[str],
                    by: Actor | None) -> dict[str, Any]:
        """A login for a person of the registry (the first one an admin; later ones added
        by an admin)."""
        from .identity import add_account

        return add_account(self.db, login, person=person, password=password, roles=roles,
                           by=by)

    def check_password_change(self, login: str, *, by: Actor | None) -> None:
        """May ``by`` give ``login`` a new password (itself, or an admin)?"""
        from .identity import check_password_change

        check_password_change(self.db, login, by=by)

    def change_password(self, login: str, password: str, *, by: Actor | None
                        ) -> dict[str, Any]:
        from .identity import change_password

        return change_password(self.db, login, password, by=by)

    def set_account_disabled(self, login: str, disabled: bool = True, *,
                             by: Actor | None) -> dict[str, Any]:
        """Disable (or enable again) an account: an admin's act."""
        from .identity import set_disabled

        return set_disabled(self.db, login, disabled, by=by)

    def accounts(self) -> list[dict[str, Any]]:
        """Every account with its person and roles (never a password hash)."""
        from .identity import list_accounts

        return list_accounts(self.db)

    def attempts(self, case_id: int | None = None) -> list[dict[str, Any]]:
        """Refused attempts (logins, steps), oldest first; those on one case if given."""
        from muni.registry.accounts import attempts

        return attempts(self.db, case_id=case_id)

    @staticmethod
    def describe_actor(record: dict[str, Any], lang: str = "en") -> str:
        """Who acted in an audit record or attempt, as a reader should take it, in ``lang``:
        "bakyt (Б. К. Асанов; password)", or "clerk (declared)"."""
        from .identity import describe

        return describe(record, lang)

    @staticmethod
    def phrase(key: str, lang: str, /, **values: Any) -> str:
        """A fixed phrase of an interface — a label, a heading — in ``lang``, from the same
        catalogs as the rules' messages (``workflows/messages``): the words around the rules
        read in the rules' language. ``key`` and ``values`` as a check's ``Say``."""
        from .messages import render
        from .verdicts import check_lang

        # as a message's JSON: the key is the caller's, written out where it is said
        return render({"key": key, "values": values}, check_lang(lang))

    # -- cases ---------------------------------------------------------------------------------

    def open_case(self, workflow: str, municipality: str, data: dict[str, Any], *,
                  actor: Actor) -> dict[str, Any]:
        """Open a case (data checked against the workflow's schema and the registry);
        returns ``{"case", "workflow", "municipality", "state"}``."""
        from .intake import open_case

        case_id = open_case(self.db, workflow, municipality, data, actor=actor)
        row = self.case(case_id)
        return {"case": case_id, "workflow": row["workflow"], "municipality": municipality,
                "state": row["state"]}

    def update_case(self, case_id: int, changes: dict[str, Any], *, actor: Actor,
                    replace: bool = False) -> dict[str, Any]:
        """Merge ``changes`` into the case's data (mappings merge, lists replace), or replace
        it; returns ``{"case", "data"}`` with the data now recorded."""
        from .intake import update_case

        data = update_case(self.db, case_id, changes, actor=actor, replace=replace)
        return {"case": case_id, "data": data}

    def case(self, case_id: int, *, actor: Actor | None = None) -> dict[str, Any]:
        """The case's row: id, workflow, municipality, state, version, dates and data. With
        ``actor``: ``NotFound`` also when the case is outside the actor's reach (``reach``)."""
        from .access import require_reach
        from .plan import load_case

        case, _ = load_case(self.db, case_id)
        if actor is not None:
            require_reach(self.db, actor, case)
        return case

    # -- who sees what, who may take which step --------------------------------------------------

    def reach(self, actor: Actor) -> list[str] | None:
        """The municipalities whose cases ``actor`` sees and works in (None: every one):
        admins and reviewers everywhere, district staff their rayon, anyone else the
        municipality of the account's person."""
        from .access import reach

        return reach(self.db, actor)

    def may_take(self, case_id: int, trigger: str | None = None, *, actor: Actor,
                 today: dt.date, lang: str = "en") -> dict[str, Any]:
        """May ``actor`` take the step now? ``{"case", "trigger", "allowed", "rule",
        "reason", "guards"}``: ``rule`` is what refuses — ``four_eyes`` (this person
        prepared it), ``who`` (the step's ``who:`` names no office the person holds on the
        act's date, nor a role of the account), ``rules`` (a rule does not hold; ``guards``
        has every verdict), ``data`` (the data cannot be read), ``state`` (no such step
        now) — and ``reason`` says why. The same check ``advance`` makes before it writes
        (``plan.refusal``), so what an interface offers is what the write path takes. The
        rules' messages, titles and bases are worded in ``lang``."""
        from .access import step_options
        from .plan import choose_transition, load_case
        from .verdicts import check_lang

        case, workflow = load_case(self.db, case_id)
        try:
            trigger = choose_transition(workflow, case, trigger).trigger
        except StateError as exc:
            return {"case": case_id, "trigger": trigger, "allowed": False, "rule": "state",
                    "reason": exc.message, "guards": []}
        [step], _ = step_options(self.db, case, workflow, actor=actor, today=today,
                                 only=trigger, lang=check_lang(lang))
        return {"case": case_id, "trigger": trigger, **step["may"], "guards": step["guards"]}

    def may_act(self, who: list[str], *, actor: Actor, municipality: str, on: dt.date
                ) -> dict[str, Any]:
        """Does ``actor`` answer a ``who:`` list (offices held in ``municipality`` on
        ``on``, or roles that reach it)? ``{"allowed", "rule", "reason"}``. A step's
        ``who:`` is judged on its act's date: ``may_take`` is the answer for a case."""
        from .access import may
        from .identity import may_act

        ok, why = may_act(self.db, actor, tuple(who), municipality=municipality, on=on)
        return may(ok, None if ok else "who", "" if ok else why)

    def may_change_data(self, municipality: str, *, actor: Actor, today: dt.date
                        ) -> dict[str, Any]:
        """May ``actor`` open a case in ``municipality``, or change the data of one there?
        ``{"allowed", "rule", "reason"}``, by the rule ``open_case``/``update_case`` apply
        (an office there, or a role that reaches it; a reviewer only reads)."""
        from .access import may_change_data

        return may_change_data(self.db, actor, municipality, on=today)

    def next_steps(self, case_id: int, *, actor: Actor, today: dt.date, lang: str = "en",
                   failing_only: bool = False) -> dict[str, Any]:
        """A case's next steps as ``actor`` meets them, and its deadlines — what a start
        page needs, without the history ``explain`` also reads: ``{"case", "workflow",
        "workflow_title", "municipality", "state", "steps", "deadlines"}``. Each step:
        ``trigger``, ``title``, ``to``, ``signing``, ``four_eyes``, ``who``, ``documents``
        (with titles), ``allowed`` (every rule holds), ``guards``, ``problems`` and ``may``
        (``may_take``'s answer: allowed, rule, reason). Rules and deadlines are worded in
        ``lang``; with ``failing_only``, ``guards`` holds only the verdicts that do not hold."""
        from .access import step_options
        from .explain import deadlines
        from .plan import load_case
        from .verdicts import check_lang

        case, workflow = load_case(self.db, case_id)
        steps, prepared = step_options(self.db, case, workflow, actor=actor, today=today,
                                       lang=check_lang(lang), failing_only=failing_only)
        state = workflow.state(case["state"])
        return {"case": case_id, "workflow": workflow.id, "workflow_title": workflow.title,
                "municipality": case["municipality"],
                "state": {"name": state.name, "title": state.title, "final": state.final},
                "steps": steps,
                "deadlines": deadlines(self.db, case, workflow, today, prepared, lang=lang)
                if prepared is not None else []}

    @staticmethod
    def rule_titles(*, on: dt.date) -> dict[str, dict[str, str]]:
        """Every rule's title ``{ky, ru, en}`` in the rule profile in force on ``on``, by rule
        id: how an interface names the rules a recorded refusal lists by id."""
        from .rules import profile_for

        return {rid: dict(rule.title) for rid, rule in profile_for(on).rules.items()}

    @staticmethod
    def in_language(verdicts: Iterable[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
        """Verdicts as the engine gives them (a refusal's ``GuardFailed.extra["verdicts"]``,
        an audit record's ``guards``) worded in ``lang``: message, title and basis, with
        ``basis_lang`` saying when the basis is not in that language."""
        from .verdicts import all_in_language

        return all_in_language(verdicts, lang)

    @staticmethod
    def case_schema(workflow: str) -> dict[str, Any]:
        """The JSON Schema of the workflow's case data."""
        from .spec import load

        return load(workflow).data_schema

    @staticmethod
    def read_case_data(path: Path) -> dict[str, Any]:
        """A YAML or JSON file of case data, as ``open_case``/``update_case`` take it."""
        from .intake import read_data_file

        return read_data_file(path)

    # -- a step: explain, preview, advance -------------------------------------------------------

    def explain(self, case_id: int, *, today: dt.date, actor: Actor | None = None,
                lang: str = "en") -> dict[str, Any]:
        """Every step possible now with each rule's verdict, values and basis; the steps
        recorded until ``today`` as they were judged then; the case's deadlines — the
        messages, titles and bases in ``lang`` (ky, ru or en). With ``actor``, each step also
        says whether that actor may take it (``may``, as ``may_take``) and its rules are
        judged as they would be for that actor."""
        from .explain import explain

        view = explain(self.db, case_id, today=today, lang=lang)
        if actor is not None:
            from .access import step_options
            from .plan import load_case

            case, workflow = load_case(self.db, case_id)
            steps = {s["trigger"]: s for s in step_options(
                self.db, case, workflow, actor=actor, today=today, lang=lang)[0]}
            for t in view["triggers"]:
                mine = steps.get(t["trigger"])
                if mine is not None:
                    t.update({k: mine[k] for k in ("may", "signing", "who", "documents",
                                                   "to_title")})
                    if mine["guards"]:
                        t["guards"], t["allowed"] = mine["guards"], mine["allowed"]
        return view

    def preview(self, case_id: int, trigger: str | None = None, *, today: dt.date,
                lang: str | None = None, out: Path | None = None) -> dict[str, Any]:
        """The next step's documents as drafts in ``out`` (default
        ``<documents>/preview``): no number taken, nothing recorded. ``lang``: the documents'
        language (default the municipality's) and the rules' messages' (default English)."""
        from .explain import preview

        out = usable_folder(out or self.documents / "preview", "preview folder")
        return preview(self.db, case_id, trigger, out_dir=out, store=self.store, today=today,
                       lang=lang)

    def advance(self, case_id: int, trigger: str | None = None, *, actor: Actor,
                today: dt.date, lang: str | None = None, dry_run: bool = False,
                pdf: bool = False, out: Path | None = None,
                words: str | None = "en") -> dict[str, Any]:
        """Take one lawful step and write its documents (see ``engine/advance.py`` for the
        guarantees); ``pdf`` also writes their PDFs. Raises ``GuardFailed`` when a rule
        refuses, ``StateError`` when the step is not possible now.

        ``words``: the language the result's verdicts (``guards``) are worded in; None
        leaves them as recorded — key and values, no ``message`` — for a caller that does
        not show them (wording loads the catalogs' runtime, a third of a short command)."""
        from .advance import advance, recover

        out = usable_folder(out or self.documents, "documents folder")
        if not dry_run:
            recover(self.db, out)
        try:
            result = advance(self.db, case_id, trigger, actor=actor, out_dir=out,
                             store=self.store, today=today, lang=lang,
                             dry_run=dry_run).to_json()
        except (GuardFailed, Forbidden, StateError) as exc:
            if not dry_run and not isinstance(exc, Conflict):
                self._record_refusal(actor, case_id, trigger, exc)
            raise
        if words is not None:
            result["guards"] = self.in_language(result["guards"], words)
        if pdf:
            from .documents import attach_pdfs  # LibreOffice's driver, for --pdf only

            attach_pdfs(self.db, [result], actor=actor.name, soffice=self.soffice)
        return result

    def _record_refusal(self, actor: Actor, case_id: int, trigger: str | None,
                        exc: MuniError) -> None:
        """A refused step goes to the attempts log: who tried which step of which case, and
        which rule or check refused it."""
        from .identity import record_refusal

        if isinstance(exc, GuardFailed):
            refused_by = ", ".join(v["rule"] for v in exc.verdicts
                                   if not v["ok"] and v.get("severity", "block") == "block")
        else:
            refused_by = str(exc.extra.get("rule") or exc.kind)
        record_refusal(self.db, actor, action=trigger or exc.extra.get("trigger") or "advance",
                       refused_by=refused_by or exc.kind, message=exc.message,
                       case_id=case_id)

    def run_batch(self, *, actor: Actor, today: dt.date, ids: tuple[int, ...] = (),
                  workflow: str | None = None, state: str | None = None,
                  municipality: str | None = None, everything: bool = False,
                  file: Path | None = None, trigger: str | None = None,
                  until: str | None = None, lang: str | None = None, jobs: int | None = None,
                  dry_run: bool = False, out: Path | None = None) -> Iterator[Event]:
        """Advance many cases — ``ids`` and/or filters (all must hold; ``everything``: every
        case not finished), or the rows of a batch ``file`` (CSV or YAML) — each one step,
        or with ``until`` step by step towards that state. Yields ``Started``, one
        ``Outcome`` per case or row, then ``Finished`` with the summary: a stream an
        interface shows as progress. Stopping early leaves the run resumable. ``lang``: the
        documents' language (default each municipality's) and that of a blocked row's rules
        (default English)."""
        from .batch import Selection, run

        if file is not None and (ids or workflow or state or municipality or everything):
            raise InputError("--batch FILE names its cases; do not combine it with ids or "
                             "filters")
        source = file or Selection(ids=tuple(ids), workflow=workflow, state=state,
                                   municipality=municipality, everything=everything)
        return run(self.db, source, db_path=self.registry, actor=actor,
                   out_dir=usable_folder(out or self.documents, "documents folder"),
                   store=self.store, today=today, lang=lang,
                   trigger=trigger, until=until, jobs=jobs, dry_run=dry_run)

    # -- reviewing -------------------------------------------------------------------------------

    def history(self, case_id: int, *, lang: str = "en") -> list[dict[str, Any]]:
        """The case's audit records, oldest first, as recorded; each verdict also worded in
        ``lang`` from its recorded key and values (``message``, ``title``, ``basis``)."""
        from muni.registry.audit import history

        from .verdicts import all_in_language, check_lang

        check_lang(lang)
        self.case(case_id)
        return [{**r, "guards": all_in_language(r["guards"], lang)}
                for r in history(self.db, case_id)]

    def verify(self, case_id: int | None = None, anchor: str | None = None,
               since: str | None = None, jobs: int | None = None) -> dict[str, Any]:
        """The audit chain, cases, journal and document files cross-checked; ``ok`` is
        False with ``findings`` when anything was altered outside muni. ``since``: a chain
        head written down earlier — only the chain after it and the cases it touched.
        ``jobs``: processes that share the cases of a large registry (default: the cores;
        the same report)."""
        from .verify import verify

        return verify(self.db, case_id=case_id, anchor=anchor, since=since, jobs=jobs)

    def verifying(self, case_id: int | None = None, anchor: str | None = None,
                  since: str | None = None, jobs: int | None = None
                  ) -> AbstractContextManager[dict[str, Any]]:
        """``verify`` for a caller that writes the report out as it reads it (``with
        engine.verifying() as report``): ``findings``, ``notes`` and ``pending`` are
        iterables with a length, read back from a temporary folder that the end of the
        block removes — a country's report (a note a case where no one logs in) is never
        held whole."""
        from .verify import verifying

        return verifying(self.db, case_id=case_id, anchor=anchor, since=since, jobs=jobs)

    def review(self, case_id: int, *, today: dt.date, lang: str = "en") -> dict[str, Any]:
        """Everything the reviewer's page shows, as data (``write_review`` renders it)."""
        from .review import review_data

        return review_data(self.db, case_id, today=today, lang=lang)

    def write_review(self, case_id: int, out: Path, *, today: dt.date, lang: str = "en",
                     fmt: str | None = None) -> dict[str, Any]:
        """The reviewer's page written to ``out`` (HTML or Markdown by its suffix)."""
        from .review import write_review

        usable_file(out, "review page")
        return write_review(self.db, case_id, out, fmt=fmt, today=today, lang=lang)

    def deadlines(self, case_id: int, *, today: dt.date, lang: str = "en"
                  ) -> list[dict[str, Any]]:
        """The case's dated obligations, each met | missed | overdue | pending on ``today``,
        worded in ``lang``."""
        from .explain import deadlines
        from .plan import load_case
        from .verdicts import check_lang

        case, workflow = load_case(self.db, case_id)
        return deadlines(self.db, case, workflow, today, lang=check_lang(lang))

    # -- registers -------------------------------------------------------------------------------

    def cases(self, *, workflow: str | None = None, state: str | None = None,
              municipality: str | None = None, limit: int | None = None,
              newest_first: bool = False, deadlines_on: dt.date | None = None,
              lang: str = "en") -> list[dict[str, Any]]:
        """Cases matching every filter given (by id, or the most recently changed first),
        without their data; with ``deadlines_on`` each open case carries its deadlines,
        worded in ``lang``."""
        from muni.registry.cases import get, select

        rows = select(self.db, workflow=workflow, state=state, municipality=municipality,
                      limit=limit, newest_first=newest_first)
        if deadlines_on is not None:  # one context build per open case: opt-in
            from .explain import deadlines
            from .spec import load

            for r in rows:
                wf = load(r["workflow"])
                r["deadlines"] = ([] if wf.state(r["state"]).final else
                                  deadlines(self.db, get(self.db, r["id"]), wf, deadlines_on,
                                            lang=lang))
        return rows

    def each_case(self, *, workflow: str | None = None, state: str | None = None,
                  municipality: str | None = None, limit: int | None = None,
                  newest_first: bool = False) -> Iterator[dict[str, Any]]:
        """``cases`` (without deadlines) as the registry reads them: the first of 100,000
        rows comes at once and they are never all held. Consume it in the calling thread."""
        from muni.registry.cases import iter_select

        return iter_select(self.db, workflow=workflow, state=state, municipality=municipality,
                           limit=limit, newest_first=newest_first)

    def municipalities(self, *, actor: Actor | None = None) -> list[dict[str, Any]]:
        """Every municipality (code, names in Kyrgyz and Russian, rayon, oblast, language),
        by code; with ``actor``, those within its reach."""
        from muni.registry import directory

        from .access import reach

        rows = directory.municipalities(self.db)
        codes = None if actor is None else reach(self.db, actor)
        return rows if codes is None else [r for r in rows if r["code"] in set(codes)]

    def people(self, municipality: str, *, on: dt.date) -> list[dict[str, Any]]:
        """The municipality's people by name (``id``, ``name``, ``occupation``, and the
        ``positions`` held on ``on``): whom a form offers to choose by name."""
        from muni.registry import directory

        return directory.people_in(self.db, municipality, on.isoformat())

    def offices(self, municipality: str, *, on: dt.date | None = None
                ) -> list[dict[str, Any]]:
        """Every office held in the municipality, past and present, with its term and
        holder (``role``, ``position``, ``position_ru``, ``start_date``, ``end_date``,
        ``person``, ``name``); with ``on``, ``current`` says whether it is held that day."""
        from muni.registry import directory

        rows = directory.offices_of(self.db, municipality)
        if on is not None:
            day = on.isoformat()
            for o in rows:
                o["current"] = o["start_date"] <= day and (o["end_date"] is None
                                                           or o["end_date"] >= day)
        return rows

    def recent(self, *, municipalities: list[str] | None = None, limit: int = 20
               ) -> list[dict[str, Any]]:
        """The latest records of the cases of ``municipalities`` (None: every one), newest
        first: ``id, case_id, at, actor, trigger, from_state, to_state, workflow,
        municipality`` with ``workflow_title`` and ``step_title``."""
        from muni.registry.audit import recent

        from .spec import load, record_title

        rows = recent(self.db, municipalities, limit=limit)
        for r in rows:
            wf = load(r["workflow"])
            r["workflow_title"] = wf.title
            r["step_title"] = record_title(wf, r["trigger"], r["from_state"])
        return rows

    def count_by_state(self, *, workflow: str | None = None, state: str | None = None,
                       municipality: str | None = None) -> list[dict[str, Any]]:
        """``{"workflow", "state", "cases"}`` per workflow and state."""
        from muni.registry.cases import count_by_state

        return count_by_state(self.db, workflow=workflow, state=state,
                                    municipality=municipality)

    def overdue(self, *, today: dt.date, municipality: str | None = None, lang: str = "en"
                ) -> list[dict[str, Any]]:
        """Open cases with a dated obligation past due on ``today`` and not met (worded in
        ``lang``)."""
        from .acts import overdue
        from .verdicts import check_lang

        return overdue(self.db, today, municipality=municipality, lang=check_lang(lang))

    def journal(self, *, municipality: str | None = None, series: str | None = None,
                year: int | None = None) -> list[dict[str, Any]]:
        """The numbered journal's lines in number order."""
        from muni.registry.journal import entries

        return entries(self.db, municipality=municipality, series=series, year=year)

    def each_journal_line(self, *, municipality: str | None = None, series: str | None = None,
                          year: int | None = None) -> Iterator[dict[str, Any]]:
        """``journal`` as the registry reads it (the first line at once, never all held)."""
        from muni.registry.journal import iter_entries

        return iter_entries(self.db, municipality=municipality, series=series, year=year)

    def acts(self, *, municipality: str | None = None, status: str | None = None,
             kind: str | None = None, year: int | None = None,
             drafts: bool = False) -> list[dict[str, Any]]:
        """The register of the kenesh's acts (with ``drafts``, the drafts too)."""
        from .acts import list_acts

        return list_acts(self.db, municipality=municipality, status=status, kind=kind,
                              year=year, include_drafts=drafts)

    @staticmethod
    def export_acts(rows: list[dict[str, Any]], fmt: str, out: Path | None = None) -> str:
        """Rows of ``acts`` as CSV or JSON text; with ``out`` also written to that file
        (whole or not at all)."""
        from .acts import export
        from .files import write_atomic

        text = export(rows, fmt)
        if out is not None:
            write_atomic(usable_file(out, "export file"), text.encode("utf-8"))
        return text

    def act(self, case_id: int, *, lang: str = "en") -> dict[str, Any]:
        """One act's chain: draft, commission, discussion, sessions and votes, each step
        with its date, actor, rule profile and documents; a vote's required majority worded
        in ``lang``."""
        from .acts import chain
        from .verdicts import check_lang

        return chain(self.db, case_id, check_lang(lang))

    def ready_drafts(self, municipality: str, *, on: dt.date) -> list[dict[str, Any]]:
        """Drafts that can go on the agenda of a session held on ``on``."""
        from .acts import ready_drafts

        return ready_drafts(self.db, municipality, on)

    # -- documents -------------------------------------------------------------------------------

    def case_documents(self, case_id: int) -> list[dict[str, Any]]:
        """The case's recorded documents in the order written: ``id, audit_id, template,
        title`` ({ky, ru, en}), ``lang, path, sha256, draft, number, trigger``."""
        from .documents import recorded
        from .spec import load

        out = []
        for d in recorded(self.db, case_id):
            d = {k: v for k, v in d.items() if k != "context"}
            d["title"] = load(d["workflow"]).document_title(d["template"])
            out.append(d)
        return out

    def document_file(self, case_id: int, document_id: int, *, pdf: bool = False,
                      actor: Actor | None = None) -> Path:
        """The file of one recorded document — after checking it still is the document the
        audit recorded (``NotFound`` says it is missing or was changed, and what to run) —
        or, with ``pdf``, its PDF (made once by LibreOffice and kept beside it; the PDF log
        names ``actor`` as the one who asked for it)."""
        from .files import sha256

        doc = next((d for d in self.case_documents(case_id) if d["id"] == document_id), None)
        if doc is None:
            raise NotFound(f"case {case_id} has no document {document_id}", case=case_id)
        path = Path(doc["path"])
        try:
            data = path.read_bytes()
        except OSError:
            raise NotFound(f"document {document_id}: the file is missing; `muni render "
                           f"{case_id}` restores it from its audit record",
                           case=case_id) from None
        if sha256(data) != doc["sha256"]:
            raise NotFound(f"document {document_id}: the file was changed after it was "
                           "registered; `muni verify` reports it", case=case_id)
        if not pdf:
            return path
        made_by = actor.name if actor is not None else ""
        for d in self.render([case_id], pdf=True, actor=made_by)["documents"]:
            if Path(d["path"]) == path and d.get("pdf"):
                return Path(d["pdf"])
        raise NotFound(f"document {document_id}: no PDF could be made", case=case_id)

    def render(self, case_ids: list[int], *, pdf: bool = False, drafts: bool = True,
               force: bool = False, actor: str = "") -> dict[str, Any]:
        """Every recorded document of the cases checked against its recorded sha256 (a
        missing one restored from its audit record); with ``pdf`` their PDFs, each one's
        SHA-256 recorded in the PDF log as made by ``actor``."""
        from .documents import render_cases

        return render_cases(self.db, case_ids, store=self.store, to_pdf=pdf,
                            drafts=drafts, force=force, soffice=self.soffice, actor=actor)

    # -- workflows and templates -----------------------------------------------------------------

    @staticmethod
    def workflows() -> list[dict[str, Any]]:
        """Every workflow with its title, states and triggers."""
        from .spec import all_workflows

        return [{"id": w.id, "title": w.title, "states": list(w.state_names),
                 "triggers": [t.trigger for t in w.transitions]}
                for w in all_workflows().values()]

    @staticmethod
    def lint(directory: Path | None = None, *, rules: Path | None = None,
             templates: Path | None = None) -> dict[str, Any]:
        """Unreachable states, dead ends, rules without a check or basis, templates missing
        or unused: in the installed workflows or in ``directory``."""
        from .lint import lint
        from .spec import WORKFLOWS_DIR

        return lint(directory or WORKFLOWS_DIR, rules_dir=rules,
                         templates_dir=templates)

    @staticmethod
    def diagram(workflow: str, *, lang: str = "en", out: Path | None = None
                ) -> dict[str, Any]:
        """The workflow's state machine as Mermaid text; with ``out`` also written as
        .mmd/.md/.dot/.svg/.png. ``workflow``: an id or the path of a workflow file."""
        from .diagram import mermaid, resolve, write

        wf = resolve(workflow)
        written = write(wf, usable_file(out, "diagram"), lang) if out else None
        return {"workflow": wf.id, "mermaid": mermaid(wf, lang),
                "out": str(out.resolve()) if out else None, "format": written}

    @staticmethod
    def workflow(workflow_id: str) -> dict[str, Any]:
        """One workflow as an interface shows it: ``id``, ``title``; ``states`` (name,
        title, final); ``steps`` (trigger, source, title, to, signing, four_eyes, who,
        documents with their titles); ``documents`` ({template: title}); ``records``
        (what the audit records that are no step are called: opening, data changes). Titles are
        ``{ky, ru, en}``; ids are for tooltips and reviewers."""
        from .access import step_entry
        from .spec import RECORD_TITLES, load

        wf = load(workflow_id)
        return {"id": wf.id, "title": wf.title,
                "states": [{"name": s.name, "title": s.title, "final": s.final}
                           for s in wf.states],
                "steps": [{**step_entry(wf, t), "source": t.source} for t in wf.transitions],
                "documents": {t: wf.document_title(t) for t in sorted(wf.templates)},
                "records": dict(RECORD_TITLES)}

    def case_diagram(self, case_id: int, *, lang: str = "en") -> str:
        """The case's procedure as SVG (Graphviz): states and steps by their titles in
        ``lang`` (ids in tooltips), the case's state filled, the steps it took bold."""
        from muni.registry.audit import history

        from .plan import load_case

        case, wf = load_case(self.db, case_id)
        taken = frozenset((r["trigger"], r["from_state"]) for r in history(self.db, case_id)
                          if r["from_state"])
        return _case_svg(wf.id, lang, case["state"], taken)

    def check_templates(self) -> dict[str, Any]:
        """Each template's variables, and whether its workflow supplies them all."""
        from .templates import check

        return check(self.store)

    def copy_template(self, name: str, municipality: str, *, today: dt.date,
                      langs: tuple[str, ...] | None = None,
                      force: bool = False) -> list[dict[str, Any]]:
        """The municipality's own copy of a built-in template (recorded, for ``diff``)."""
        from .overrides import copy

        kwargs = {"langs": langs} if langs else {}
        return copy(self.db, self.store, name, municipality, today=today,
                              force=force, **kwargs)

    def template_drift(self, municipality: str | None = None) -> dict[str, Any]:
        """Each override, and what changed in its built-in since it was copied."""
        from .overrides import drift

        return drift(self.store, municipality)

    # -- the demo --------------------------------------------------------------------------------

    @staticmethod
    def demo(out: Path, *, today: dt.date, lang: str = "ky") -> dict[str, Any]:
        """Every procedure run end to end on the sample municipality, in a fresh registry
        in ``out``; returns the log and the documents written."""
        from .scenario import run_demo

        return run_demo(usable_folder(out, "demo folder"), lang=lang, today=today)


@functools.lru_cache(maxsize=256)
def _case_svg(workflow_id: str, lang: str, current: str,
              taken: frozenset[tuple[str, str]]) -> str:
    """A case's diagram, drawn once per workflow, language, state and path taken (Graphviz
    takes ~50 ms; a procedure has few distinct paths)."""
    from .diagram import svg
    from .spec import load

    return svg(load(workflow_id), lang, current=current, taken=taken, ids=False)
