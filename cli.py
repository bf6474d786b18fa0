"""``muni`` — the command line: parses, calls the engine's API, prints; nothing else.

Every command is a thin shell over ``muni.engine.Engine`` (the API ``docs/api.md`` lists,
which the web interface uses too): no SQL, no .docx handling, no rules here. ``main`` builds
the one ``Engine`` of the process from ``--db`` and the environment (``MUNI_TEMPLATES``,
``MUNI_SOFFICE``) and resolves the day (``--today``/``MUNI_TODAY``); every command is
declared with ``command()``, which adds ``--json`` and turns engine errors into a message (or
JSON) and the documented exit code. The commands stay one flat list, as sqlite-utils keeps
its CLI; the text views are beside the command that prints them.

Every command takes ``--json`` and then prints one JSON document on stdout (errors too:
``{"error": kind, "message": …, "details": […]}``), so scripts can compose them. Exit codes:
the ``exit_code`` of each error in ``engine/errors.py`` (the README's table; a test keeps
them equal), 2 for a usage error, 130 for an interrupted batch.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import getpass
import hashlib
import itertools
import json
import os
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from muni.engine import Actor, Engine, InputError, IntegrityError, MuniError, SpecError
from muni.engine.errors import BATCH_BLOCKED_EXIT, AuthError, TemplateError, WriteFailed
from muni.registry.values import INT_MAX

#: Choices spelled out here, not read from the modules at import time (which would load
#: them, and Jinja, YAML … with them, for every command); tests check they stay equal.
IMPORT_KINDS = ("municipalities", "people", "officials", "journals")   # importer.KINDS
REPORT_FORMATS = ("html", "md")                                         # review.FORMATS
ACCOUNT_ROLES = ("clerk", "reviewer", "district", "admin")              # identity.ROLES
#: How many cases `muni status` lists on screen by default (a registry may hold 10,000).
STATUS_LIMIT = 50
#: How many blocked (and failed) cases a batch's summary names on screen.
BATCH_LISTED = 20
#: Numbers muni looks up in the registry are SQLite integers: an id or a year beyond them is
#: a usage error naming the argument (exit 2), not an OverflowError inside a query.
CASE_ID = click.IntRange(1, INT_MAX)
YEAR = click.IntRange(1, 9999)
#: More worker processes than this is a typo, not a machine.
MAX_JOBS = 256


class DateType(click.ParamType):
    """A date as YYYY-MM-DD: ``--today``/``MUNI_TODAY``, ``explain --at``, ``council ready
    --on``. A malformed date is a usage error (exit 2), like any malformed option."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"must be a date as YYYY-MM-DD, got {value!r}", param, ctx)


DATE = DateType()

#: The language of the rules' messages, titles, bases and deadlines on screen and in --json:
#: English by default, because everything else the command line says is English and a
#: screen in two languages helps no one; a clerk who reads Kyrgyz sets MUNI_LANG=ky once.
#: (The web interface, where a clerk works, is Kyrgyz by default.)
MESSAGE_LANG = click.option(
    "--lang", type=click.Choice(["en", "ky", "ru"]), envvar="MUNI_LANG", default="en",
    show_default=True, help="Language of the rules' messages, titles and bases (ky: "
    "Kyrgyz, ru: Russian). Env: MUNI_LANG.")


def phrase(key: str, lang: str, /, **values: Any) -> str:
    """A label or heading of the text output in ``lang`` (``cli.*`` keys of the rules'
    catalogs, ``workflows/messages``): the words around the rules in the rules' language.
    Only the text views call it; ``--json`` never carries these words."""
    return Engine.phrase(key, lang, **values)


@dataclass
class Env:
    """What every command shares: the engine over the registry, and the day it judges on."""

    engine: Engine
    today: dt.date


pass_env = click.make_pass_decorator(Env)


def emit(as_json: bool, payload: Any, text: Callable[[], None] | str | None = None) -> None:
    if as_json:
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2, default=str))
    elif callable(text):
        text()
    elif text is not None:
        click.echo(text)


def emit_rows(rows: Iterable[dict], chunk: int = 500, indent: str = "", end: str = "") -> None:
    """Print ``rows`` as a JSON list, one row a line, each as soon as it is read: the first
    of 100,000 is out at once, they are never all held, and a row is one call of the C
    encoder (``indent`` would take the pure-Python one: 15 s for 100,000 rows). ``indent``
    and ``end``: the list is a value inside an object (``emit_streamed``)."""
    lines = (json.dumps(row, ensure_ascii=False, default=str) for row in rows)
    first = next(lines, None)
    if first is None:
        click.echo("[]" + end)
        return
    echo_lines(itertools.chain([f"[\n{indent}  {first}"],
                               (f",\n{indent}  {line}" for line in lines)),
               chunk=chunk, sep="")
    click.echo(f"\n{indent}]{end}")


def emit_streamed(payload: dict[str, Any], streamed: Iterable[str]) -> None:
    """Print ``payload`` as ``emit`` does, except that the values under the keys
    ``streamed`` (iterables of rows) are written as ``emit_rows`` writes a list: as they
    are read, never held or encoded whole (``muni verify``'s notes on a country)."""
    streamed = set(streamed)
    click.echo("{")
    for i, (key, value) in enumerate(payload.items()):
        end = "," if i < len(payload) - 1 else ""
        click.echo(f"  {json.dumps(key)}: ", nl=False)
        if key in streamed:
            emit_rows(value, indent="  ", end=end)
        else:
            text = json.dumps(value, ensure_ascii=False, indent=2, default=str)
            click.echo(text.replace("\n", "\n  ") + end)
    click.echo("}")


def echo_lines(lines: Iterable[str], chunk: int = 500, sep: str = "\n") -> None:
    """Print ``lines``, the first at once and then ``chunk`` at a time (one ``click.echo``
    per line costs more than building it)."""
    batch: list[str] = []
    for i, line in enumerate(lines):
        batch.append(line)
        if i == 0 or len(batch) >= chunk:
            click.echo(sep.join(batch), nl=sep == "\n")
            batch = []
    if batch:
        click.echo(sep.join(batch), nl=sep == "\n")


def fail(as_json: bool, payload: dict, message: str, code: int) -> None:
    if as_json:
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2, default=str))
    else:
        click.echo(f"Error: {message}", err=True)
    sys.exit(code)


def default_actor() -> str:
    """The login name, or "" where there is none (a container without a passwd entry): the
    step is then refused with "every step needs an actor" instead of a traceback."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def acting(user: str | None, password_stdin: bool, name: str | None) -> Actor:
    """Who a writing command acts as: the account logged in (``signed_in``); else, only in a
    registry without accounts, the declared ``--actor`` name."""
    ctx = click.get_current_context()
    env = ctx.find_object(Env)
    who = signed_in(env, user, password_stdin=password_stdin)
    if who is not None:
        typed = ctx.get_parameter_source("actor") == click.core.ParameterSource.COMMANDLINE
        if typed and name != who.account:
            # never act as someone else than the one typed without saying so
            raise AuthError(f"--actor {name!r}: this command acts as {who.account}, who is "
                            "logged in; a typed name counts only where the registry has no "
                            "accounts (leave --actor out, or --user LOGIN for another "
                            "account)", field="actor")
        return who
    return env.engine.declared_actor(name, action=ctx.command_path.split(" ", 1)[-1])


user_option = click.option(
    "--user", "user", envvar="MUNI_USER",
    help="Act as this account (default: the one `muni login` logged in on this registry). "
         "Env: MUNI_USER. Another account's password: a prompt, --password-stdin, or "
         "MUNI_PASSWORD (see the README).")
password_stdin_option = click.option(
    "--password-stdin", is_flag=True,
    help="Read the password from the first line of standard input.")


def command(group: click.Group, name: str | None = None, *, env: bool = True,
            actor: bool = False, **settings: Any) -> Callable[[Callable], click.Command]:
    """Declare a command of ``group``: ``--json``, the shared ``Env`` (unless ``env=False``),
    ``--actor`` made an ``Actor`` (with ``actor=True``), and engine errors turned into a
    message or JSON and the documented exit code — the one stack every command has."""
    def decorate(fn: Callable) -> click.Command:
        @functools.wraps(fn)
        def run(*args: Any, **kwargs: Any) -> Any:
            as_json = kwargs.get("as_json", False)
            try:
                if actor:
                    kwargs["actor"] = acting(kwargs.pop("user"), kwargs.pop("password_stdin"),
                                             kwargs["actor"])
                return fn(*args, **kwargs)
            except MuniError as exc:
                fail(as_json, exc.to_json(), str(exc), exc.exit_code)
            except Exception as exc:
                # The registry file itself (damaged, locked, read-only, a full disk …): a
                # clear error with its exit code; anything else is a bug: its traceback.
                state = click.get_current_context().find_object(Env)
                error = state.engine.registry_error(exc) if state else None
                if error is None:
                    raise
                fail(as_json, error.to_json(), str(error), error.exit_code)

        wrapped: Callable = run
        if env:
            wrapped = pass_env(wrapped)
        if actor:
            wrapped = click.option(
                "--actor", envvar="MUNI_ACTOR", default=default_actor, show_default="$USER",
                help="Who does this, in a registry without accounts (recorded in the audit "
                     "log as declared). Env: MUNI_ACTOR.")(wrapped)
            wrapped = password_stdin_option(wrapped)
            wrapped = user_option(wrapped)
        wrapped = click.option("--json", "as_json", is_flag=True, help="Print JSON.")(wrapped)
        return group.command(name, **settings)(wrapped)
    return decorate


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db_path", envvar="MUNI_DB", type=click.Path(dir_okay=False),
              default="muni.db", show_default=True, help="Registry file. Env: MUNI_DB.")
@click.option("--today", type=DATE, envvar="MUNI_TODAY",
              help="The day the rules are judged on (default: today). Env: MUNI_TODAY "
                   "(back-office catch-up, tests).")
@click.version_option(package_name="muni")
@click.pass_context
def main(ctx: click.Context, db_path: str, today: dt.date | None) -> None:
    """Workflows and official documents of Kyrgyz municipalities."""
    templates = os.environ.get("MUNI_TEMPLATES")
    engine = Engine(db_path, templates=templates or None,
                    soffice=os.environ.get("MUNI_SOFFICE") or None, cache=cache_folder())
    # the registry closed as the command ends (SQLite then folds its write-ahead log into
    # the file, so a copy of muni.db alone is whole), not left to the interpreter's teardown
    ctx.call_on_close(engine.close)
    ctx.obj = Env(engine=engine, today=today or dt.date.today())


def run() -> None:
    """The ``muni`` program (pyproject's entry point): ``main``, then a quick exit.

    When a command has finished — its registry closed, its files written and synced — the
    interpreter's teardown has nothing left to do but free, object by object, the modules
    and data the command loaded: about 25 ms of a 250 ms ``muni advance``, which the system
    reclaims at once anyway. So the last ``atexit`` handler (registered first; the threads
    are joined and the handlers registered later have run by then) flushes standard output
    and error and leaves with ``os._exit``, as Instagram skips its final collection
    (``atexit.register(os._exit, 0)``). A traceback (a bug), an exit with a message rather
    than a code, and a failed flush (the reader of a pipe gone) take the ordinary way out."""
    import atexit

    code: list[int] = []
    atexit.register(_leave, code)
    try:
        main()
    except SystemExit as done:
        if done.code is None or isinstance(done.code, int):
            code.append(done.code or 0)
        raise


def _leave(code: list[int]) -> None:
    if not code:
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    os._exit(code[0])


def cache_folder() -> Path | None:
    """Where parsed workflows and profiles and compiled templates are kept between commands
    (``engine/cache.py``): ``MUNI_CACHE`` (``off``: nowhere), else the user's cache folder —
    ``%LOCALAPPDATA%\\muni\\cache`` on Windows, ``$XDG_CACHE_HOME/muni`` or
    ``~/.cache/muni`` elsewhere."""
    chosen = os.environ.get("MUNI_CACHE")
    if chosen:
        return None if chosen.strip().lower() == "off" else Path(chosen)
    if os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "muni" / "cache"
    base = os.environ.get("XDG_CACHE_HOME")
    try:
        return (Path(base) if base else Path.home() / ".cache") / "muni"
    except RuntimeError:  # no home folder: no cache
        return None


# --- registry -------------------------------------------------------------------------------

@command(main)
def init(env: Env, as_json: bool) -> None:
    """Make the registry file (or bring an existing one to the current schema)."""
    result = env.engine.init()
    emit(as_json, result,
         f"{'Created registry' if result['created'] else 'Registry ready'}: {result['db']}")


@command(main, "import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--kind", type=click.Choice(IMPORT_KINDS),
              help="What a CSV file holds (default: from its name, e.g. people.csv).")
@password_stdin_option
@user_option
def import_(env: Env, files: tuple[Path, ...], kind: str | None, user: str | None,
            password_stdin: bool, as_json: bool) -> None:
    """Load municipalities, people, offices and journal starts from YAML, JSON, CSV or .xlsx.

    All files are checked first; one bad row and nothing is written. In a registry with
    accounts, an admin imports (--user): offices decide who may sign.
    """
    by = signed_in(env, user, password_stdin=password_stdin)
    done = env.engine.import_files(list(files), kind, by=by)
    emit(as_json, done, lambda: click.echo(
        "Imported " + ", ".join(f"{n} {k}" for k, n in done["imported"].items() if n) + "."
        + "".join(f"\nNote: {note}" for note in done["notes"])))


# --- accounts -------------------------------------------------------------------------------


def read_password(prompt: str, *, stdin: bool, confirm: bool = False) -> str:
    """A password: the first line of stdin, or a prompt that does not echo (asked twice when
    ``confirm``). Never an argument: arguments show in the process list and shell history."""
    if stdin:
        line = sys.stdin.readline()
        if not line.strip():
            raise InputError("--password-stdin: standard input holds no password")
        return line.rstrip("\r\n")
    return click.prompt(prompt, hide_input=True, confirmation_prompt=confirm, err=True)


def log_in(env: Env, user: str, *, password_stdin: bool = False) -> Actor:
    """The Actor of ``user`` once its password checks out (stdin, MUNI_PASSWORD or a prompt).

    A refused login waits the delay the engine names before the error shows: it grows with
    the login's failures in a row, so guessing passwords is slow.
    """
    if password_stdin:
        password = read_password("", stdin=True)
    elif os.environ.get("MUNI_PASSWORD") is not None:
        password = os.environ["MUNI_PASSWORD"]
    else:
        password = read_password(f"Password for {user}", stdin=False)
    try:
        return env.engine.authenticate(user, password, now=clock())
    except AuthError as exc:
        time.sleep(exc.delay)
        raise


def signed_in(env: Env, user: str | None, *, password_stdin: bool = False) -> Actor | None:
    """Who the command acts as, where a login is wanted; None when nobody logged in.

    - A password given (``--password-stdin``, ``MUNI_PASSWORD``): ``user``'s login, checked
      as ever — district batch scripts keep working unchanged.
    - Else the session ``muni login`` opened on this registry — unless ``--user``/
      ``MUNI_USER`` names another account: then never that session, but the other
      account's password at a prompt. An ended or expired session is an error (exit 12)
      saying to log in again, not a silent fallback.
    """
    if password_stdin or os.environ.get("MUNI_PASSWORD") is not None:
        return log_in(env, user, password_stdin=password_stdin) if user else None
    saved = load_session(env.engine)
    if saved is not None and (not user or user == saved["login"]):
        found = env.engine.cli_session(saved["token"], now=clock())
        if found is not None:
            return found[1]
        forget_session(env.engine)    # kept from an earlier registry without accounts
    return log_in(env, user) if user else None


# --- `muni login`: the password once a working day --------------------------------------------


def clock() -> dt.datetime:
    """The moment sessions are judged at. Tests replace this function; there is no
    environment switch for it, which would let anyone move the clock back and revive an
    expired session."""
    return dt.datetime.now(dt.UTC)


def state_folder() -> Path:
    """Where ``muni login`` keeps its tokens: ``%LOCALAPPDATA%\\muni\\sessions`` on Windows,
    ``$XDG_STATE_HOME/muni/sessions`` (default ``~/.local/state/muni/sessions``) elsewhere."""
    try:
        if os.name == "nt":
            base = os.environ.get("LOCALAPPDATA")
            return (Path(base) if base else Path.home() / "AppData" / "Local") / "muni" / \
                "sessions"
        base = os.environ.get("XDG_STATE_HOME")
        root = Path(base) if base and os.path.isabs(base) else Path.home() / ".local" / "state"
    except RuntimeError:
        raise InputError("no home folder to keep the session in: set XDG_STATE_HOME "
                         "(LOCALAPPDATA on Windows)") from None
    return root / "muni" / "sessions"


def session_file(engine: Engine) -> tuple[Path, str]:
    """The token file of the registry ``engine`` works on, and the registry's resolved path:
    one file per registry, named by the SHA-256 of that path, so a session of one registry
    is never offered to another."""
    registry = os.path.normcase(str(engine.registry.resolve()))
    return state_folder() / f"{hashlib.sha256(registry.encode()).hexdigest()[:32]}.json", \
        registry


def load_session(engine: Engine) -> dict[str, Any] | None:
    """The saved session of this registry (``registry``, ``login``, ``session``, ``token``),
    or None. A file others could read is refused, not used (its token may have leaked)."""
    path, registry = session_file(engine)
    try:
        info = path.stat()
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise AuthError(f"cannot read the session file {path} ({exc.strerror}); log in "
                        "again: muni login", rule="session") from None
    if os.name != "nt" and (info.st_mode & 0o077 or info.st_uid != os.getuid()):
        raise AuthError(f"the session file {path} can be read by others (mode "
                        f"{info.st_mode & 0o777:o}): not used; log in again: muni login",
                        rule="session")
    try:
        saved = json.loads(raw)
        if not isinstance(saved, dict) or not all(
                isinstance(saved.get(k), str) for k in ("registry", "login", "token")):
            raise ValueError
    except ValueError:
        raise AuthError(f"the session file {path} is damaged; log in again: muni login",
                        rule="session") from None
    return saved if saved["registry"] == registry else None


def save_session(path: Path, saved: dict[str, Any]) -> None:
    """Write the token file: readable and writable by its user only (0600, in folders of
    mode 0700), atomically — a temporary file beside it, flushed to disk, then renamed over
    the old one, so a crash leaves the old file or the new, never half of one."""
    import tempfile

    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name != "nt":
        for folder in (path.parent, path.parent.parent):     # muni/sessions, muni/
            os.chmod(folder, 0o700)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".session-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:    # mkstemp made it 0600
            json.dump(saved, out, ensure_ascii=False, indent=2)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def forget_session(engine: Engine) -> Path:
    """Remove the token file of this registry, if there is one; its path."""
    path, _ = session_file(engine)
    path.unlink(missing_ok=True)
    return path


def local_time(iso: str) -> str:
    """A stored UTC time as the clock on the clerk's wall shows it."""
    return dt.datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")


def session_view(session: Any, actor: Actor, path: Path, registry: str) -> dict[str, Any]:
    return {"login": actor.account, "person": actor.person, "name": actor.printed_name,
            "roles": list(actor.roles), "session": session.ref,
            "created_at": session.created_at, "expires_at": session.expires_at,
            "ends_at": session.ends_at, "registry": registry, "file": str(path)}


def show_session(s: dict[str, Any]) -> str:
    return (f"{s['login']} ({s['name']}) on {s['registry']}, session {s['session']}: until "
            f"{local_time(s['expires_at'])} if unused, {local_time(s['ends_at'])} at the latest")


@command(main, "login")
@click.argument("login", required=False, envvar="MUNI_USER")
@password_stdin_option
def login_(env: Env, login: str | None, password_stdin: bool, as_json: bool) -> None:
    """Log in as LOGIN (default: MUNI_USER) once for the working day: the password is checked
    now, and the registry's later commands on this computer act as LOGIN without asking it
    again — for 8 hours without use, 12 hours at most — until `muni logout`.

    The session's token is kept in a file only you can read (see the README); the registry
    keeps only its hash.
    """
    if not login:
        raise InputError("which account? muni login LOGIN (or set MUNI_USER)", field="login")
    actor = log_in(env, login, password_stdin=password_stdin)
    path, registry = session_file(env.engine)
    with contextlib.suppress(AuthError):                 # a session already open here ends
        old = load_session(env.engine)
        if old is not None:
            env.engine.end_session(old["token"], now=clock())
    token, session = env.engine.open_cli_session(actor, now=clock())
    try:
        save_session(path, {"registry": registry, "login": login, "session": session.ref,
                            "token": token, "created_at": session.created_at,
                            "ends_at": session.ends_at})
    except OSError as exc:
        env.engine.end_session(token, now=clock())
        raise WriteFailed(f"cannot write the session file {path} ({exc.strerror}); not "
                          "logged in", path=str(path)) from None
    shown = session_view(session, actor, path, registry)
    emit(as_json, shown, f"Logged in: {show_session(shown)}. `muni logout` ends it.")


@command(main, "logout")
def logout(env: Env, as_json: bool) -> None:
    """End the session `muni login` opened on this registry, and delete its token file."""
    path, registry = session_file(env.engine)
    try:
        saved = load_session(env.engine)
    except AuthError:
        saved = None                  # a damaged or exposed file: deleted all the same
    if saved is not None:
        env.engine.end_session(saved["token"], now=clock())
    existed = path.exists()
    forget_session(env.engine)
    done = {"logged_out": saved["login"] if saved else None, "registry": registry,
            "file": str(path), "deleted": existed}
    emit(as_json, done, f"Logged out {saved['login']} of {registry}." if saved
         else f"No session on {registry}.")


@command(main, "whoami")
def whoami(env: Env, as_json: bool) -> None:
    """Who `muni login` logged in on this registry, and until when (exit 12 when nobody, or
    when the session has ended)."""
    saved = load_session(env.engine)
    found = env.engine.cli_session(saved["token"], now=clock()) if saved else None
    if found is None:
        raise AuthError(f"not logged in on {session_file(env.engine)[1]}: muni login LOGIN",
                        rule="session")
    shown = session_view(*found, *session_file(env.engine))
    emit(as_json, shown, show_session(shown))


def show_account(a: dict) -> str:
    state = "disabled" if a["disabled"] else "enabled"
    return (f"{a['login']}: {a['name']} ({a['person']}, {a['municipality']}); roles: "
            f"{', '.join(a['roles']) or 'none'}; {state}")


@main.group("user")
def user_group() -> None:
    """Accounts: a login for a person of the registry, with an Argon2id password.

    Once the first account exists every write needs --user. The first account must have
    the admin role; later ones are added, changed and disabled by an admin (--user).
    """


@command(user_group, "add")
@click.argument("login")
@click.option("--person", required=True, help="The person's id in the registry.")
@click.option("--role", "roles", multiple=True, type=click.Choice(ACCOUNT_ROLES),
              help="Application role; repeat for several.")
@click.option("--password-stdin", is_flag=True,
              help="Read the new account's password from the first line of standard input.")
@user_option
def user_add(env: Env, login: str, person: str, roles: tuple[str, ...], password_stdin: bool,
             user: str | None, as_json: bool) -> None:
    """Add the account LOGIN for a person; its password is asked twice (or read with
    --password-stdin). The acting admin's own password comes from MUNI_PASSWORD or a prompt.

    Example: muni user add aigul --person lip-003 --role clerk --role admin
    """
    by = signed_in(env, user)
    env.engine.check_new_account(login, person=person, roles=list(roles), by=by)
    password = read_password(f"Password for the new account {login}", stdin=password_stdin,
                             confirm=True)
    account = env.engine.add_account(login, person=person, password=password,
                                     roles=list(roles), by=by)
    emit(as_json, account, f"Added {show_account(account)}")


@command(user_group, "passwd")
@click.argument("login")
@click.option("--password-stdin", is_flag=True,
              help="Read the new password from the first line of standard input.")
@user_option
def user_passwd(env: Env, login: str, password_stdin: bool, user: str | None,
                as_json: bool) -> None:
    """Change LOGIN's password: logged in as LOGIN itself (the default) or as an admin.

    The current password is asked even in a session of `muni login`; every session of LOGIN
    ends (log in again with the new password)."""
    by = log_in(env, user or login)
    env.engine.check_password_change(login, by=by)
    password = read_password(f"New password for {login}", stdin=password_stdin, confirm=True)
    account = env.engine.change_password(login, password, by=by)
    emit(as_json, account, f"Changed the password of {login}." + ended(account))


def ended(account: dict[str, Any]) -> str:
    n = account.get("sessions_ended", 0)
    return f" Ended {n} session(s) of {account['login']}." if n else ""


@command(user_group, "disable")
@click.argument("login")
@click.option("--enable", is_flag=True, help="Enable the account again.")
@user_option
def user_disable(env: Env, login: str, enable: bool, user: str | None, as_json: bool) -> None:
    """Disable LOGIN (an admin's act): it can no longer log in or act. Accounts are never
    deleted, so every record keeps naming a known account."""
    by = signed_in(env, user)
    account = env.engine.set_account_disabled(login, not enable, by=by)
    emit(as_json, account,
         f"{'Enabled' if enable else 'Disabled'} {show_account(account)}" + ended(account))


@command(user_group, "list")
def user_list(env: Env, as_json: bool) -> None:
    """Every account: its person, roles and whether it is enabled (never a password hash)."""
    rows = env.engine.accounts()
    emit(as_json, {"accounts": rows},
         lambda: [click.echo(show_account(a)) for a in rows] if rows
         else click.echo("No accounts: steps are recorded under declared names (--actor)."))


# --- cases ----------------------------------------------------------------------------------

@main.group()
def case() -> None:
    """Open cases, change their data, show them."""


@command(case, "new", actor=True)
@click.argument("workflow")
@click.option("--municipality", "-m", required=True, help="Municipality code.")
@click.option("--data", "data_file", required=True, type=click.Path(path_type=Path),
              help="Case data (YAML or JSON); see `muni case schema WORKFLOW`.")
def case_new(env: Env, workflow: str, municipality: str, data_file: Path, actor: Actor,
             as_json: bool) -> None:
    """Open a case of WORKFLOW in a municipality."""
    opened = env.engine.open_case(workflow, municipality, Engine.read_case_data(data_file),
                                  actor=actor)
    emit(as_json, opened, f"Opened case {opened['case']} ({workflow}, {municipality}) in "
                          f"state '{opened['state']}'.")


@command(case, actor=True)  # `muni case update`: named after the function, as click does
@click.argument("case_id", type=CASE_ID)
@click.option("--data", "data_file", required=True, type=click.Path(path_type=Path))
@click.option("--replace", is_flag=True, help="Replace the data instead of merging into it.")
def update(env: Env, case_id: int, data_file: Path, replace: bool, actor: Actor,
                as_json: bool) -> None:
    """Merge new data into a case (mappings merge, lists replace)."""
    result = env.engine.update_case(case_id, Engine.read_case_data(data_file), actor=actor,
                                    replace=replace)
    emit(as_json, result, f"Updated the data of case {case_id}.")


@command(case, "show")
@click.argument("case_id", type=CASE_ID)
def case_show(env: Env, case_id: int, as_json: bool) -> None:
    """A case's state and data."""
    row = env.engine.case(case_id)
    emit(as_json, row, lambda: click.echo(
        f"Case {row['id']} · {row['workflow']} · {row['municipality']} · {row['state']}\n"
        + json.dumps(row["data"], ensure_ascii=False, indent=2)))


@command(case, "schema", env=False)
@click.argument("workflow")
def case_schema(workflow: str, as_json: bool) -> None:
    """Print the JSON Schema of WORKFLOW's case data (always JSON; --json is accepted so
    every command takes it)."""
    click.echo(json.dumps(Engine.case_schema(workflow), ensure_ascii=False, indent=2))


# --- stepping -------------------------------------------------------------------------------

@command(main, actor=True)
@click.argument("case_ids", nargs=-1, type=CASE_ID)
@click.option("--trigger", "-t", help="Which step (default: the only one possible).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Where documents go (default: documents/ next to the registry).")
@click.option("--lang", type=click.Choice(["ky", "ru"]),
              help="Document language (default: the municipality's).")
@click.option("--dry-run", is_flag=True, help="Check the rules; write nothing.")
@click.option("--pdf", "to_pdf", is_flag=True,
              help="Also write a PDF next to each new .docx (LibreOffice, one batch).")
@click.option("--workflow", "-w", help="Batch: the cases of this workflow.")
@click.option("--state", "-s", help="Batch: the cases in this state.")
@click.option("--municipality", "-m", help="Batch: the cases of this municipality.")
@click.option("--all", "all_cases", is_flag=True, help="Batch: every case not finished.")
@click.option("--batch", "batch_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Batch: rows of case, trigger and data changes (CSV or YAML).")
@click.option("--until", help="Go on, step by step, until this state (default: one step).")
@click.option("--jobs", "-j", type=click.IntRange(1, MAX_JOBS),
              help="Batch: processes that render and commit (default: the cores).")
@click.option("--strict", is_flag=True,
              help=f"Batch: exit {BATCH_BLOCKED_EXIT} when a rule stopped any case.")
def advance(env: Env, case_ids: tuple[int, ...], trigger: str | None, out_dir: Path | None,
            lang: str | None, dry_run: bool, actor: Actor, as_json: bool,
            to_pdf: bool = False, workflow: str | None = None, state: str | None = None,
            municipality: str | None = None, all_cases: bool = False,
            batch_file: Path | None = None, until: str | None = None,
            jobs: int | None = None, strict: bool = False) -> None:
    """Take each CASE one lawful step and write that step's documents.

    Many cases at once (several ids, a filter, --all or --batch FILE): each goes as far as
    asked and stops at its first failing rule; one case's failure never stops another's.
    Interrupted, the same command continues where it stopped.
    """
    if (len(case_ids) > 1 or workflow or state or municipality or all_cases or batch_file
            or until or jobs or strict):
        if to_pdf:
            raise InputError("--pdf is for single steps; after a batch, make the PDFs with "
                             "`muni render CASE… --pdf`")
        events = env.engine.run_batch(
            actor=actor, today=env.today, ids=case_ids, workflow=workflow, state=state,
            municipality=municipality, everything=all_cases, file=batch_file,
            trigger=trigger, until=until, lang=lang, jobs=jobs, dry_run=dry_run, out=out_dir)
        show_batch(events, dry_run=dry_run, strict=strict, as_json=as_json)
        return
    if not case_ids:
        raise InputError("name the cases to advance: case ids, or a selection (--all, "
                         "--workflow, --state, --municipality) or --batch FILE")
    r = env.engine.advance(case_ids[0], trigger, actor=actor, today=env.today, lang=lang,
                           dry_run=dry_run, pdf=to_pdf, out=out_dir,
                           words="en" if as_json else None)

    def show() -> None:
        verb = "would move" if r["dry_run"] else "moved"
        click.echo(f"Case {r['case']}: {r['trigger']} — {verb} {r['from']} → {r['to']}")
        for d in r["documents"]:
            if r["dry_run"]:
                click.echo(f"  would write {d['template']} ({d['lang']})")
            else:
                number = f" № {d['number']}" if d.get("number") else ""
                click.echo(f"  {d['path']}{number}")
                if d.get("pdf"):
                    click.echo(f"  {d['pdf']}")
                if d.get("pdf_sha256"):
                    click.echo(f"  sha256 {d['pdf_sha256']}")
    emit(as_json, r, show)


def show_batch(events: Any, *, dry_run: bool, strict: bool, as_json: bool) -> None:
    """Run a batch's events: a progress bar on a terminal, then the summary; exit 0, or the
    summary's exit code (a case failed; with ``--strict``, a rule stopped one)."""
    started = next(events)
    shown: list[dict] = []
    summary = None
    bar_wanted = not as_json and not dry_run and sys.stderr.isatty()
    bar = click.progressbar(length=started.total, file=sys.stderr, label=(
        f"Run #{started.run_id}" + (" (resumed)" if started.resumed else "")
        + f", {started.jobs} job{'s' * (started.jobs > 1)}")) if bar_wanted else None
    done = 0
    try:
        if bar is not None:
            bar.__enter__()
        for event in events:
            if event.kind == "outcome":
                done += 1
                if bar is not None:
                    bar.update(1)
                if dry_run:
                    if as_json:
                        shown.append(event.to_json())
                    else:
                        click.echo(outcome_line(event))
            elif event.kind == "finished":
                summary = event.summary
    except MuniError:  # the batch stopped (a full disk, the registry locked): say why
        if bar is not None:
            bar.__exit__(None, None, None)
        raise
    except KeyboardInterrupt:
        if bar is not None:
            bar.__exit__(None, None, None)
        message = (f"interrupted after {done} of {started.total} cases; every step taken is "
                   "complete — run the same command again to continue")
        fail(as_json, {"error": "interrupted", "message": message, "run": started.run_id},
             message, 130)
    if bar is not None:
        bar.__exit__(None, None, None)
    payload = summary.to_json() | {"exit": summary.exit_code(strict)}
    if dry_run:
        payload["cases"] = shown

    def show() -> None:
        s = summary
        head = "Dry run (nothing written)" if s.dry_run else f"Run #{s.run_id}"
        if s.resumed:
            head += f", resumed ({s.already_done} done before)"
        click.echo(f"{head}: {s.rows} cases, {s.jobs} job{'s' * (s.jobs > 1)}, "
                   f"{s.elapsed_s:.1f} s")
        verb = "would advance" if s.dry_run else "advanced"
        click.echo(f"  {verb} {s.advanced} · blocked {len(s.blocked)} · failed "
                   f"{len(s.failed)} · skipped {len(s.skipped)} · "
                   f"{s.documents} document{'s' * (s.documents != 1)}"
                   + (" would be written" if s.dry_run else " written"))
        for title, items in (("Blocked", s.blocked), ("Failed", s.failed)):
            if items:
                click.echo(f"{title}:")
            for item in items[:BATCH_LISTED]:
                rules = f" [{', '.join(item['rules'])}]" if item.get("rules") else ""
                message = item["message"] or ""
                if message.startswith(item["label"] + ": "):
                    message = message[len(item["label"]) + 2:]
                click.echo(f"  {item['label']}{rules}: {message}")
                for detail in item.get("details") or []:
                    click.echo(f"      {detail}")
            if len(items) > BATCH_LISTED:
                click.echo(f"  … and {len(items) - BATCH_LISTED} more (--json lists them all)")
        if s.skipped:
            click.echo(f"Skipped: {len(s.skipped)} (--json lists them)")
    emit(as_json, payload, show)
    sys.exit(summary.exit_code(strict))


def outcome_line(o: Any) -> str:
    """One case of a dry run, as the clerk reads it."""
    where = o.label if o.label.startswith("case") else f"{o.label} (case {o.case})"
    if o.status == "advanced":
        moves = "; ".join(f"{s['trigger']} {s['from']} → {s['to']}"
                          + (f" ({', '.join(d['template'] for d in s['documents'])})"
                             if s["documents"] else "") for s in o.steps)
        return f"{where}: would {moves}"
    moved = f" after {len(o.steps)} step(s)" if o.steps else ""
    rules = f" [{', '.join(o.rules)}]" if o.rules else ""
    return f"{where}: {o.status}{moved}{rules} — {o.message}"


@command(main)
@click.argument("case_id", type=CASE_ID)
@click.option("--trigger", "-t")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Where drafts go (default: documents/preview next to the registry).")
@click.option("--lang", type=click.Choice(["ky", "ru"]))
def preview(env: Env, case_id: int, trigger: str | None, out_dir: Path | None,
            lang: str | None, as_json: bool) -> None:
    """Render the next step's documents as drafts: no number taken, nothing recorded."""
    result = env.engine.preview(case_id, trigger, today=env.today, lang=lang, out=out_dir)

    def show() -> None:
        said = lang or "en"
        click.echo(phrase("cli.preview/draft", said, case=case_id, trigger=result["trigger"])
                   if result["allowed"] else
                   phrase("cli.preview/draft_refused", said, case=case_id,
                          trigger=result["trigger"]))
        for path in result["documents"]:
            click.echo(f"  {path}")
    emit(as_json, result, show)


@command(main)
@click.option("--workflow", "-w")
@click.option("--state", "-s")
@click.option("--municipality", "-m")
@click.option("--overdue", is_flag=True,
              help="Only cases past a dated obligation (e.g. an act not sent to the State "
                   "Register in time).")
@click.option("--deadlines", "with_deadlines", is_flag=True,
              help="Under each open case, its dated obligations not yet met (e.g. the ЖМБА "
                   "planning meeting within a week of the last focus group).")
@click.option("--limit", type=click.IntRange(0, INT_MAX), default=None,
              help=f"The N most recently changed cases (default: {STATUS_LIMIT} on screen, "
                   "every case with --json; 0: every case).")
@MESSAGE_LANG
def status(env: Env, workflow: str | None, state: str | None, municipality: str | None,
           overdue: bool, with_deadlines: bool, as_json: bool, limit: int | None = None,
           lang: str = "en") -> None:
    """List cases with their states.

    On screen: how many cases are in each state, then the most recently changed ones — a
    district's registry holds thousands. ``--json`` lists every case, by id, unless
    ``--limit`` is given.
    """
    engine = env.engine
    if overdue:
        late = engine.overdue(today=env.today, municipality=municipality, lang=lang)

        def show_late() -> None:
            if not late:
                click.echo(phrase("cli.overdue/none", lang))
            for r in late:
                who = (phrase("cli.overdue/case", lang, case=r["case"], state=r["state"])
                       if r["case"] is not None else r["municipality"])
                click.echo(phrase("cli.overdue/line", lang, who=who, what=r["what"],
                                  due=r["due"], days=r["days_overdue"], rule=r["rule"]))
        emit(as_json, late, show_late)
        return
    if limit is None and not as_json:
        limit = STATUS_LIMIT
    if as_json and not with_deadlines:  # every case, each printed as it is read
        emit_rows(engine.each_case(workflow=workflow, state=state, municipality=municipality,
                                   limit=limit, newest_first=bool(limit)))
        return
    rows = engine.cases(workflow=workflow, state=state, municipality=municipality,
                        limit=limit, newest_first=bool(limit),
                        deadlines_on=env.today if with_deadlines else None, lang=lang)
    overview = (engine.count_by_state(workflow=workflow, state=state, municipality=municipality)
                if limit and len(rows) == limit and not as_json else [])

    def show() -> None:
        if not rows:
            click.echo(phrase("cli.status/none", lang))
            return
        total = sum(o["cases"] for o in overview)
        if total > len(rows):
            for o in overview:
                click.echo(f"{o['workflow']:<16} {o['state']:<24} {o['cases']:>7}")
            click.echo(phrase("cli.status/newest", lang, total=total, shown=len(rows)) + "\n")
        click.echo(f"{phrase('cli.status/case', lang):>5}  "
                   f"{phrase('cli.status/workflow', lang):<16} "
                   f"{phrase('cli.status/municipality', lang):<14} "
                   f"{phrase('cli.status/state', lang):<20} {phrase('cli.status/updated', lang)}")
        for r in rows:
            click.echo(f"{r['id']:>5}  {r['workflow']:<16} {r['municipality']:<14} "
                       f"{r['state']:<20} {r['updated_at']}")
            show_deadlines([d for d in r.get("deadlines", []) if d["status"] != "met"], lang)
    emit(as_json, rows, show)


@command(main)
@click.argument("case_id", type=CASE_ID)
@click.option("--at", "at_date", type=DATE, help="As of this date (YYYY-MM-DD): the steps "
              "recorded until then, with their verdicts and rule profile as recorded; the "
              "current state's rules evaluated on that date.")
@MESSAGE_LANG
def explain(env: Env, case_id: int, at_date: dt.date | None, as_json: bool,
            lang: str = "en") -> None:
    """Why a case can or cannot move now: every rule, its verdict and its basis."""
    result = env.engine.explain(case_id, today=at_date or env.today, lang=lang)

    def show() -> None:
        if at_date:
            show_history(result, lang)
        st = result["state"]
        click.echo(phrase("cli.case/head", lang, case=result["case"],
                          workflow=result["workflow"], municipality=result["municipality"]))
        title = st["title"].get(lang) or st["title"]["ky"]
        click.echo(phrase("cli.explain/state_final", lang, name=st["name"], title=title)
                   if st["final"] else
                   phrase("cli.explain/state", lang, name=st["name"], title=title))
        if result["profile"]:
            p = result["profile"]
            click.echo(phrase("cli.explain/profile", lang, id=p["id"],
                              since=p["effective_from"], title=p["title"]))
        for t in result["triggers"]:
            mark = (phrase("cli.explain/allowed", lang) if t["allowed"]
                    else phrase("cli.explain/refused", lang))
            click.echo(f"\n{t['trigger']} → {t['to']}: {mark}")
            if t["four_eyes"] and t["prepared_by"]:
                click.echo("  " + phrase("cli.explain/four_eyes", lang,
                                         who=", ".join(t["prepared_by"])))
            elif t["four_eyes"]:
                click.echo("  " + phrase("cli.explain/four_eyes_preparer", lang))
            for g in t["guards"]:
                show_verdict(g, lang)
            for problem in t.get("problems", []):
                click.echo("  ✗ " + phrase("cli.explain/data", lang, problem=problem))
        show_deadlines(result.get("deadlines") or [], lang, indent="")
    emit(as_json, result, show)


def show_verdict(g: dict[str, Any], lang: str = "en") -> None:
    """One rule's verdict: its mark, id and title, the message, the basis (marked when it is
    not in the language asked for)."""
    sign = "✓" if g["ok"] else ("!" if g.get("severity") == "warn" else "✗")
    click.echo(f"  {sign} {g['rule']}: {g['title']}")
    click.echo(f"      {g['message']}")
    basis_lang = g.get("basis_lang", g.get("lang"))
    if basis_lang != g.get("lang"):
        click.echo("      " + phrase("cli.verdict/basis_in", lang, basis=g["basis"],
                                     basis_lang=basis_lang or "en"))
    else:
        click.echo("      " + phrase("cli.verdict/basis", lang, basis=g["basis"]))


def show_deadlines(items: list[dict], lang: str = "en", indent: str = "  ") -> None:
    """Dated obligations of a case (``Engine.deadlines``), one line each."""
    if items and not indent:
        click.echo("\n" + phrase("cli.explain/deadlines", lang))
    for d in items:
        if d["due"] and d.get("from"):
            window = phrase("cli.deadline/window", lang, due=d["due"], start=d["from"])
        elif d["due"]:
            window = phrase("cli.deadline/by", lang, due=d["due"])
        elif d.get("from"):
            window = phrase("cli.deadline/window_unknown", lang, why=d.get("unknown"),
                            start=d["from"])
        else:
            window = phrase("cli.deadline/by_unknown", lang, why=d.get("unknown"))
        click.echo(indent + "  " + phrase("cli.deadline/line", lang, status=d["status"],
                                          what=d["what"], window=window, basis=d["basis"]))


def show_history(result: dict[str, Any], lang: str = "en") -> None:
    """The past half of `explain --at`: each recorded step with its verdicts *as recorded*."""
    as_of = result["as_of"]
    if as_of["state"] is None:
        click.echo(phrase("cli.as_of/nothing", lang, date=as_of["date"]) + "\n")
        return
    click.echo(phrase("cli.as_of/moved", lang, date=as_of["date"], state=as_of["state"],
                      audit=as_of["audit_id"]) if as_of["moved_since"] else
               phrase("cli.as_of/still", lang, date=as_of["date"], state=as_of["state"],
                      audit=as_of["audit_id"]))
    for s in result["history"]:
        click.echo("\n" + phrase("cli.as_of/step", lang, audit=s["audit_id"], on=s["on"],
                                 trigger=s["trigger"], from_state=s["from"] or "∅",
                                 to=s["to"], who=s["who"], at=s["at"]))
        if s["four_eyes"]:
            click.echo("  " + phrase("cli.as_of/four_eyes", lang,
                                     preparers=", ".join(s["prepared_by"]), who=s["who"]))
        p = s["profile"]
        if p:
            version = ("unrecorded" if p["changed_since"] is None else
                       "edited" if p["changed_since"] else "unchanged")
            now = (p["current_sha256"] or "")[:16]
            sha = (p["sha256"] or "?")[:16]
            click.echo("  " + (
                phrase("cli.as_of/profile_act", lang, id=p["id"], since=p["effective_from"],
                       act=s["act_date"], sha=sha, version=version, now=now)
                if s["act_date"] else
                phrase("cli.as_of/profile", lang, id=p["id"], since=p["effective_from"],
                       sha=sha, version=version, now=now)))
        for g in s["guards"]:
            show_verdict(g, lang)
        for d in s["documents"]:
            number = f" № {d['number']}" if d.get("number") else ""
            click.echo("  " + phrase("cli.as_of/document", lang, number=number,
                                     path=d["path"], status=d["status"]))
    click.echo("\n" + phrase("cli.as_of/now", lang))


@command(main)
@click.argument("case_id", type=CASE_ID)
@click.option("--attempts", "with_attempts", is_flag=True,
              help="Also the refused attempts on the case (failed rules, four eyes, who:), "
                   "in time order with the records.")
@MESSAGE_LANG
def history(env: Env, case_id: int, with_attempts: bool, as_json: bool,
            lang: str = "en") -> None:
    """The case's audit log: who did what, when, and under which rules."""
    rows = env.engine.history(case_id, lang=lang)
    tried = env.engine.attempts(case_id) if with_attempts else []
    def who(record: dict[str, Any]) -> str:
        return Engine.describe_actor(record, lang)

    def show() -> None:
        events = sorted([(r["at"], 0, r) for r in rows] + [(a["at"], 1, a) for a in tried],
                        key=lambda e: (e[0][:19], e[1]))
        for _, is_attempt, r in events:
            if is_attempt:
                click.echo(phrase("cli.history/tried", lang, at=r["at"], who=who(r),
                                  action=r["action"], by=r["refused_by"],
                                  message=r["message"]))
                continue
            click.echo(f"#{r['id']} {r['at']} {who(r)}: {r['trigger']} "
                       f"{r['from_state'] or '∅'} → {r['to_state']}"
                       + (" " + phrase("cli.history/profile", lang, id=r["profile"])
                          if r["profile"] else ""))
            for g in r["guards"]:
                click.echo(f"    {'✓' if g['ok'] else '✗'} {g['rule']}: {g['message']}")
            for d in r["documents"]:
                number = f" № {d['number']}" if d.get("number") else ""
                click.echo(f"    {d['path']}{number} sha256:{d['sha256'][:16]}…")
    emit(as_json, {"records": rows, "attempts": tried} if with_attempts else rows, show)


@command(main, actor=True)
@click.argument("case_ids", nargs=-1, type=CASE_ID, required=True)
@click.option("--pdf", "to_pdf", is_flag=True,
              help="Write a PDF next to each .docx (LibreOffice, one batch for all).")
@click.option("--drafts/--no-drafts", default=True, show_default=True,
              help="Include the drafts, or only the registered documents.")
@click.option("--force", is_flag=True, help="Convert again even where the PDF is up to date.")
def render(env: Env, case_ids: tuple[int, ...], to_pdf: bool, drafts: bool, force: bool,
           actor: Actor, as_json: bool) -> None:
    """Check each CASE's recorded documents against the audit log; with --pdf, print-ready PDFs.

    A missing .docx is rendered again from its audit record (kept only if it has the recorded
    hash); a .docx changed after registration is refused. PDFs are derived copies; the
    SHA-256 of each one made is recorded (tied to the step that issued its document), and
    `muni verify` checks the PDFs on disk against it, naming who made them: the account
    logged in (`muni login`, --user), or in a registry without accounts the --actor named."""
    result = env.engine.render(list(case_ids), pdf=to_pdf, drafts=drafts, force=force,
                               actor=actor.name)

    def show() -> None:
        for d in result["documents"]:
            number = f" № {d['number']}" if d.get("number") else ""
            note = " (restored from the audit record)" if d["status"] == "restored" else ""
            click.echo(f"Case {d['case']}: {d['template']} ({d['lang']}){number}{note}")
            click.echo(f"  {d['pdf'] if d['pdf'] else d['path']}")
            if d.get("pdf_sha256"):
                click.echo(f"  sha256 {d['pdf_sha256']}")
        if not result["documents"]:
            click.echo("No recorded documents.")
        for warning in result["warnings"]:
            click.echo(f"Warning: {warning}", err=True)
    emit(as_json, result, show)


# --- registers ------------------------------------------------------------------------------

@command(main, "journal")
@click.option("--municipality", "-m")
@click.option("--series")
@click.option("--year", type=YEAR)
def journal_(env: Env, municipality: str | None, series: str | None, year: int | None,
             as_json: bool) -> None:
    """The numbered journal of orders and decisions."""
    rows = env.engine.each_journal_line(municipality=municipality, series=series, year=year)
    if as_json:
        emit_rows(rows)
        return
    echo_lines(f"{r['municipality']} {r['series']} {r['year']} № {r['number']:<4} "
               f"{r['act_date']} case {r['case_id']} {r['template']}" for r in rows)


@main.group("registry")
def registry_group() -> None:
    """The registers: acts of the kenesh, the numbered journal."""


registry_group.add_command(journal_, "journal")  # `muni journal` stays as an alias


@command(registry_group, "acts")
@click.option("--municipality", "-m")
@click.option("--status", "status_", help="Only acts in this state (e.g. in_force).")
@click.option("--type", "kind", type=click.Choice(["decision", "normative_act"]))
@click.option("--year", type=YEAR, help="Adopted in this year.")
@click.option("--drafts", is_flag=True, help="Include drafts not yet signed.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True)
@click.option("--output", "output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the CSV/JSON export to this file.")
def registry_acts(env: Env, municipality: str | None, status_: str | None, kind: str | None,
                  year: int | None, drafts: bool, fmt: str, output: Path | None,
                  as_json: bool) -> None:
    """Every act of the kenesh: type, titles, number, dates, register number, status, links."""
    rows = env.engine.acts(municipality=municipality, status=status_, kind=kind, year=year,
                           drafts=drafts)
    if fmt in ("csv", "json") and not as_json:
        data = Engine.export_acts(rows, fmt, out=output)
        if output:
            click.echo(f"Wrote {len(rows)} acts to {output}")
        else:
            click.echo(data, nl=False)
        return

    def show() -> None:
        if not rows:
            click.echo("No acts.")
        for r in rows:
            click.echo(f"case {r['case']:>4}  № {r['number'] or '—':<4} {r['type']:<13} "
                       f"{r['status']:<16} adopted {r['adopted'] or '—'}  "
                       f"register {r['register_number'] or '—'}  {r['title_ky']}")
    emit(as_json, rows, show)


def act_lines(c: dict[str, Any]) -> list[str]:
    """The chain of ``chain()`` as text, one fact a line, in the order the law sets them:
    what ``muni registry act CASE`` prints (``--json`` gives the same data)."""
    def txt(value: Any) -> str:  # a {ky, ru} text: the Kyrgyz original
        return str(value.get("ky") or "") if isinstance(value, dict) else str(value or "")

    act = c.get("act") or {}
    out = [f"Case {c['case']} · {c['title']['ky']} · {c['state']}"
           + (f" · № {c['number']}" if c["number"] else "")
           + (" · normative act" if c["normative"] else "")]
    out.append(f"  draft registered {c['registered']}")
    if d := c.get("discussion"):
        out.append(f"  public discussion: published {d.get('published')}"
                   + (f" ({txt(d['where'])})" if d.get("where") else "")
                   + f", closed {d.get('end', '…')}, {d.get('comments', '?')} proposals")
    if pk := c.get("package"):
        parts = [f"{k.replace('_', ' ')} {v.get('date')}" + (f" № {v['number']}"
                                                              if v.get("number") else "")
                 for k, v in pk.items()]
        out.append("  package: " + "; ".join(parts))
    if cm := c.get("commission"):
        out.append(f"  commission {cm['date']}: {cm['conclusion'].replace('_', ' ')}")
    for s in c["sessions"]:
        vote = (f"for {s['for']}, against {s['against']}, abstained {s['abstained']}; "
                f"required {s['required']} → {'adopted' if s['adopted'] else 'rejected'}"
                if "for" in s else "no vote recorded")
        out.append(f"  session {s['convocation']}/{s['number']} of {s['date']} "
                   f"({s['present']} of {s['elected']} present): {vote}")
    if act.get("signed"):
        out.append(f"  signed {act['signed']}")
    if act.get("published"):
        pub = c.get("publication") or {}
        out.append(f"  published {act['published']} in {txt(pub.get('source'))}"
                   + (f" {pub['issue']}" if pub.get("issue") else ""))
    if act.get("sent"):
        out.append(f"  sent to the State Register {act['sent']} "
                   f"({(c.get('register') or {}).get('pages', '?')} pages)")
    if term := c.get("register_term"):
        out.append(f"  entry term: {term['working_days']} working days after {term['from']}: "
                   + (f"due {term['due']}" if term["due"] else f"unknown — {term['unknown']}"))
    if act.get("included"):
        out.append(f"  entered in the State Register {act['included']} as "
                   f"{act['register_number']}")
    if r := c.get("refusal"):
        out.append(f"  refused {r['date']}: {txt(r['grounds'])}")
    if w := c.get("withdrawal"):
        out.append(f"  withdrawn {w['date']}: {txt(w['basis'])}")
    for key, words in (("replaces", "replaces"), ("replaced_by", "replaced by"),
                       ("amends", "amends"), ("amended_by", "amended by"),
                       ("repeals", "repeals"), ("repealed_by", "repealed by")):
        if ids := (act.get("links") or {}).get(key):
            out.append(f"  {words} case {', '.join(str(i) for i in ids)}")
    if act.get("in_force"):
        out.append(f"  in force from {act['in_force']}")
    o = c.get("oversight") or {}
    if p := o.get("protest"):
        out.append(f"  prosecutor's act of response № {p['number']} of {p['date']} "
                   f"({txt(p['prosecutor'])})")
    for r in o.get("responses") or []:
        out.append(f"  kenesh decision case {r['case']}"
                   + (f" № {r['number']}" if r["number"] else "")
                   + (f", signed {r['signed']}" if r["signed"] else "")
                   + f": {r['effect']} ({r['state']})")
    if a := o.get("court_application"):
        out.append(f"  prosecutor applied to {txt(a['court'])} on {a['date']}")
    if ct := o.get("court"):
        pub = ct.get("publication") or {}
        out.append(f"  court decision {ct['date']} ({txt(ct['court'])}, {ct['document']}): "
                   f"{ct['outcome']}" + (f", published {pub['date']}" if pub else ""))
    out.append("  steps:")
    for st in c["steps"]:
        out.append(f"  {st['on']} {st['step']}: {st['from'] or '∅'} → {st['to']} "
                   f"by {st['who']}" + (f" [{st['profile']}]" if st["profile"] else ""))
        for d in st["documents"]:
            number = f" № {d['number']}" if d["number"] else ""
            out.append(f"      {d['template']}{number}: {d['path']}")
    return out


@command(registry_group, "act")
@click.argument("case_id", type=CASE_ID)
def registry_act(env: Env, case_id: int, as_json: bool) -> None:
    """One act's whole chain: draft → vote → signature → sending → inclusion → publication →
    force, with dates, actors, rule profiles and documents."""
    c = env.engine.act(case_id)

    def show() -> None:
        for line in act_lines(c):
            click.echo(line)
    emit(as_json, c, show)


@main.group()
def council() -> None:
    """The local council: drafts ready for a session."""


@command(council, "ready")
@click.option("--municipality", "-m", required=True)
@click.option("--on", "on_date", type=DATE, help="Session date (YYYY-MM-DD; default today).")
def council_ready(env: Env, municipality: str, on_date: dt.date | None, as_json: bool) -> None:
    """Drafts that can go on a session's agenda (list their case ids in the session's data)."""
    rows = env.engine.ready_drafts(municipality, on=on_date or env.today)

    def show() -> None:
        if not rows:
            click.echo("No drafts ready.")
        for r in rows:
            click.echo(f"case {r['case']:>4} {r['state']:<10} "
                       f"{'normative ' if r['normative'] else ''}{r['title_ky']}")
    emit(as_json, rows, show)


# --- workflows and templates ----------------------------------------------------------------

@main.group()
def workflows() -> None:
    """The procedures muni knows."""


@command(workflows, "list", env=False)
def workflows_list(as_json: bool) -> None:
    """List workflows with their states and triggers."""
    rows = Engine.workflows()
    emit(as_json, rows, lambda: [click.echo(f"{r['id']}: {r['title']['ky']} — "
                                            f"{' → '.join(r['states'])}") for r in rows])


@command(workflows, "lint", env=False)
@click.argument("directory", required=False,
                type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--rules", "rules_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Rule profiles (default: DIRECTORY/rules).")
@click.option("--templates", "templates_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Templates with ky/ and ru/ (default: templates/docx beside DIRECTORY).")
def workflows_lint(directory: Path | None, rules_dir: Path | None,
                   templates_dir: Path | None, as_json: bool) -> None:
    """Find unreachable states, dead ends, rules no profile defines or no check implements,
    rules without a legal basis, and templates missing or never used. Exit 7 on findings."""
    report = Engine.lint(directory, rules=rules_dir, templates=templates_dir)

    def show() -> None:
        for f in report["findings"]:
            click.echo(f"[{f['kind']}] {f['message']}")
        for pid, n in (report.get("counts") or {}).items():
            click.echo(f"{pid}: {n['rules']} rules — {n['current']} read in the texts in "
                       f"force, {n['unverified']} unverified, {n['not_checked']} not checked "
                       f"against the text in force ({n['inherited_unchecked']} inherited), "
                       f"{n['withdrawn']} withdrawn, {n['design']} muni design rules")
            for key, words in (("unverified", "unverified"),
                               ("inherited", "not checked against the text in force")):
                listed = [r for r in report[key] if r["profile"] == pid]
                if listed:
                    click.echo(f"  {words}:")
                for r in listed:
                    click.echo(f"    {r['rule']}: {r['status']}")
            for text in (report.get("unread") or {}).get(pid, []):
                click.echo(f"  not read: {text}")
        click.echo(f"{'OK' if report['ok'] else str(len(report['findings'])) + ' finding(s)'}: "
                   f"{len(report['workflows'])} workflow(s), {len(report['profiles'])} "
                   f"profile(s) in {report['directory']}")
    emit(as_json, report, show)
    if not report["ok"]:
        sys.exit(SpecError.exit_code)


@command(main, "diagram", env=False)
@click.argument("workflow")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path),
              help="FILE.svg or FILE.png (Graphviz), FILE.dot, FILE.mmd or FILE.md (Mermaid).")
@click.option("--lang", type=click.Choice(["en", "ky", "ru"]), default="en", show_default=True)
def diagram_(workflow: str, out: Path | None, lang: str, as_json: bool) -> None:
    """Print WORKFLOW's state machine as Mermaid; each edge shows its trigger and rules.

    WORKFLOW is an id or the path of a workflow .yaml file."""
    result = Engine.diagram(workflow, lang=lang, out=out)
    emit(as_json, result,
         result["mermaid"] if out is None else f"Wrote {out} ({result['format']}).")


@main.group()
def templates() -> None:
    """The .docx templates: check them; copy a built-in for a municipality; diff it."""


@command(templates, "check")
def templates_check(env: Env, as_json: bool) -> None:
    """List each template's variables; fail when its workflow does not supply one."""
    report = env.engine.check_templates()

    def show() -> None:
        for item in report["templates"]:
            mark = "ok" if not item["problems"] else "FAIL"
            click.echo(f"[{mark}] {item['workflow']}/{item['template']} ({item['lang']}): "
                       f"{', '.join(item['variables'])}  ← {item['path']}")
            for problem in item["problems"]:
                click.echo(f"    - {problem}")
    emit(as_json, report, show)
    if not report["ok"]:
        sys.exit(TemplateError.exit_code)


@command(templates, "copy")
@click.argument("name")
@click.option("--municipality", "-m", required=True, help="Municipality code.")
@click.option("--lang", type=click.Choice(["ky", "ru"]), help="One language (default: both).")
@click.option("--force", is_flag=True, help="Replace an existing override (and its record).")
def templates_copy(env: Env, name: str, municipality: str, lang: str | None, force: bool,
                   as_json: bool) -> None:
    """Copy built-in template NAME into the municipality's override folder, to edit in Word;
    records which built-in it was, for `muni templates diff`."""
    records = env.engine.copy_template(name, municipality, today=env.today,
                                       langs=(lang,) if lang else ("ky", "ru"), force=force)
    emit(as_json, records, lambda: [click.echo(f"{r['path']}  (built-in {r['lang']} "
                                               f"{r['builtin_sha256'][:12]})") for r in records])


@command(templates, "diff")
@click.option("--municipality", "-m", help="Only this municipality's overrides (and shared).")
def templates_diff(env: Env, municipality: str | None, as_json: bool) -> None:
    """Per override: has the built-in changed since it was copied, and what changed."""
    report = env.engine.template_drift(municipality)
    says = {"current": "the built-in is unchanged since it was copied",
            "builtin_changed": "the built-in CHANGED since it was copied",
            "unrecorded": "no record of the built-in it was copied from; differences from "
                          "the built-in now",
            "no_builtin": "there is no built-in of this name any more"}

    def show() -> None:
        if not report["overrides"]:
            click.echo("No overrides.")
        for o in report["overrides"]:
            copied = f" (copied {o['copied']})" if o["copied"] else ""
            edited = "; edited here" if o["edited"] else ""
            click.echo(f"{o['path']}: {says[o['status']]}{copied}{edited}")
            for line in o["changes"]:
                click.echo(f"    {line}")
    emit(as_json, report, show)


# --- legal review: verify, review (explain --at and diagram above) ------------------------
# For a legal reviewer who does not read Python: these read only; `verify` and
# `workflows lint` exit non-zero on findings so they can guard an archive or a CI job.

@command(main, "verify")
@click.option("--case", "case_id", type=CASE_ID, help="Check only this case (the chain is always "
              "walked whole).")
@click.option("--anchor", help="A chain head hash written down earlier (see the report's "
              "'head'); it must still be in the chain.")
@click.option("--since", metavar="HASH", help="Check only what came after this chain head "
              "(written down at an earlier verify): the chain from there on and every case "
              "with a record after it.")
@click.option("--jobs", "-j", type=click.IntRange(1, MAX_JOBS),
              help="Processes that share the cases of a large registry (default: the cores; "
                   "the report is the same).")
def verify_(env: Env, case_id: int | None, anchor: str | None, since: str | None,
            as_json: bool, jobs: int | None = None) -> None:
    """Walk the audit chain, the cases, the journal and the document files; report every
    edited, deleted or reordered record and every document whose bytes changed.

    Exit 9 on any finding. Notes (not findings) name signatures whose four eyes rested on
    declared names instead of logins. A document whose step committed but whose rename a
    crash cut off is listed as pending, not as a finding: the next `muni advance` renames
    it."""
    with env.engine.verifying(case_id, anchor, since, jobs=jobs) as report:
        if as_json:
            emit_streamed(report, ("pending", "findings", "notes"))
        else:
            echo_lines(itertools.chain(
                (f"[{f['kind']}] {f['message']}" for f in report["findings"]),
                (f"note [{n['kind']}] {n['message']}" for n in report["notes"]),
                (f"[pending] {p['path']}: committed, still waiting as .part (the next muni "
                 "advance renames it)" for p in report["pending"])))
            head = report["head"]
            scope = f" since {since}" if since else ""
            summary = (f"{report['records']} audit records{scope}, {report['cases']} "
                       f"case(s), {report['documents']} document(s)")
            if report["ok"]:
                click.echo(f"OK: {summary}; nothing altered.")
            else:
                click.echo(f"{len(report['findings'])} finding(s) in {summary}.")
            if head:
                click.echo(f"Chain head: #{head['id']} {head['hash']} (write it down; pass "
                           "it back as --anchor)")
    if not report["ok"]:
        sys.exit(IntegrityError.exit_code)


@command(main, "review")
@click.argument("case_id", type=CASE_ID)
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The page to write: FILE.html or FILE.md.")
@click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS),
              help="Override the format the suffix implies.")
@click.option("--lang", type=click.Choice(["en", "ky", "ru"]), envvar="MUNI_LANG", default="en",
              show_default=True, help="Language of state and step titles and of the rules' "
              "messages, titles and bases. Env: MUNI_LANG.")
def review_(env: Env, case_id: int, out: Path, fmt: str | None, lang: str,
            as_json: bool) -> None:
    """One self-contained page for a legal reviewer: timeline, rules and their values at each
    step, documents with links and hashes (and whether they still match), deadlines."""
    result = env.engine.write_review(case_id, out, today=env.today, lang=lang, fmt=fmt)
    integrity = ("intact" if result["integrity_ok"] else
                 f"{len(result['findings'])} finding(s) — see the page or `muni verify`")
    emit(as_json, result,
         f"Wrote {result['path']}: {result['records']} records, {result['documents']} "
         f"document(s); integrity {integrity}.")


# --- web interface --------------------------------------------------------------------------

@command(main)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 0.0.0.0 for every computer of the office network.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--tls", nargs=2, type=click.Path(exists=True, dir_okay=False), metavar="CERT KEY",
              help="Serve HTTPS with this certificate and private key (PEM files).")
def serve(env: Env, host: str, port: int, tls: tuple[str, str] | None, as_json: bool) -> None:
    """Serve the web interface for clerks and reviewers on this registry."""
    import uvicorn

    from muni.web.routes import create_app
    from muni.web.serve import exposed_without_tls

    env.engine.db  # noqa: B018 - a missing registry is the clear error `muni init` fixes
    if exposed_without_tls(host, bool(tls)):
        click.echo(f"Warning: serving on {host} without --tls CERT KEY: passwords and case "
                   "data travel in clear over the network. Use --tls, or keep the default "
                   "127.0.0.1.", err=True)
    app = create_app(env.engine, tls=bool(tls))
    scheme = "https" if tls else "http"
    click.echo(f"muni serve: {scheme}://{host}:{port}/ on {env.engine.registry.resolve()} "
               "(Ctrl-C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False,
                ssl_certfile=tls[0] if tls else None, ssl_keyfile=tls[1] if tls else None)


# --- demo -----------------------------------------------------------------------------------

@command(main)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("demo-out"), show_default=True)
@click.option("--lang", type=click.Choice(["ky", "ru"]), default="ky", show_default=True)
def demo(env: Env, out_dir: Path, lang: str, as_json: bool) -> None:
    """Run the procedures on an embedded sample municipality and write real documents."""
    result = Engine.demo(out_dir, today=env.today, lang=lang)

    def show() -> None:
        click.echo(f"Registry: {result['db']}")
        for line in result["log"]:
            click.echo(line)
        click.echo("\nDocuments:")
        for path in result["documents"]:
            click.echo(f"  {path}")
        click.echo(f"\nAccounts of the demo registry (log in to `muni --db {result['db']} "
                   "serve`, or pass --user to a command; demo passwords, never for real use):")
        for a in result["accounts"]:
            roles = f", roles: {', '.join(a['roles'])}" if a["roles"] else ""
            click.echo(f"  {a['login']:<8} password {a['password']:<13} {a['name']} "
                       f"({a['person']}{roles})")
    emit(as_json, result, show)


if __name__ == "__main__":  # pragma: no cover
    run()
