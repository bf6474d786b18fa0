"""``muni`` — the command line. Parses, calls the engine, prints; nothing else.

No SQL and no .docx handling here: every command is a thin shell over ``muni.engine`` or
``muni.registry``. Every command takes ``--json`` and then prints one JSON document on stdout
(errors too: ``{"error": kind, "message": …, "details": […]}``), so scripts can compose them.

Exit codes: 0 ok · 1 unexpected failure · 2 usage · 3 bad input / not found · 4 a rule
(guard) refused the step · 5 step not allowed in this state · 6 template error · 7 malformed
workflow or rule profile.
"""

from __future__ import annotations

import datetime as dt
import functools
import getpass
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from muni.engine import advance as adv
from muni.engine import demo as demo_mod
from muni.engine import intake, review, spec
from muni.engine import templates as tpl_check
from muni.engine.errors import InputError, MuniError
from muni.engine.render import TemplateStore
from muni.registry import audit, cases, importer, journal
from muni.registry import db as regdb


class Env:
    """What every command shares: where the registry is, and how to print."""

    def __init__(self, db_path: str | None):
        self.db_path = regdb.resolve_path(db_path)
        self._db = None

    @property
    def db(self):
        if self._db is None:
            try:
                self._db = regdb.connect(self.db_path)
            except FileNotFoundError:
                raise InputError(f"no registry at {self.db_path}; create it with `muni init` "
                                 "(or point --db / MUNI_DB at it)") from None
        return self._db

    @property
    def documents_dir(self) -> Path:
        return self.db_path.resolve().parent / "documents"

    def store(self) -> TemplateStore:
        overrides = os.environ.get("MUNI_TEMPLATES")
        return TemplateStore(Path(overrides) if overrides else
                             self.db_path.resolve().parent / "templates")


def today() -> dt.date:
    """``MUNI_TODAY`` (YYYY-MM-DD) stands in for today's date: back-office catch-up, tests."""
    value = os.environ.get("MUNI_TODAY")
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"MUNI_TODAY: must be a date as YYYY-MM-DD, got {value!r}") from None


def emit(as_json: bool, payload: Any, text: Callable[[], None] | str | None = None) -> None:
    if as_json:
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2, default=str))
    elif callable(text):
        text()
    elif text is not None:
        click.echo(text)


def handles_errors(fn: Callable) -> Callable:
    """Turn engine errors into a message (or JSON) and the documented exit code."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        as_json = kwargs.get("as_json", False)
        try:
            return fn(*args, **kwargs)
        except MuniError as exc:
            fail(as_json, exc.to_json(), str(exc), exc.exit_code)
        except importer.ImportProblem as exc:
            fail(as_json, {"error": "input", "message": "import refused; nothing was written",
                           "details": exc.problems},
                 "import refused; nothing was written:\n"
                 + "\n".join(f"  - {p}" for p in exc.problems), 3)

    return wrapper


def fail(as_json: bool, payload: dict, message: str, code: int) -> None:
    if as_json:
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2, default=str))
    else:
        click.echo(f"Error: {message}", err=True)
    sys.exit(code)


json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON.")
actor_option = click.option(
    "--actor", envvar="MUNI_ACTOR", default=lambda: getpass.getuser(), show_default="$USER",
    help="Who does this (recorded in the audit log). Env: MUNI_ACTOR.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db_path", envvar="MUNI_DB", type=click.Path(dir_okay=False),
              help="Registry file (default ./muni.db). Env: MUNI_DB.")
@click.version_option(package_name="muni")
@click.pass_context
def main(ctx: click.Context, db_path: str | None) -> None:
    """Workflows and official documents of Kyrgyz municipalities."""
    ctx.obj = Env(db_path)


pass_env = click.make_pass_decorator(Env)


# --- registry -------------------------------------------------------------------------------

@main.command()
@json_option
@pass_env
@handles_errors
def init(env: Env, as_json: bool) -> None:
    """Create the registry (or upgrade an existing one)."""
    existed = env.db_path.exists()
    regdb.connect(env.db_path, create=True).close()
    path = str(env.db_path.resolve())
    emit(as_json, {"db": path, "created": not existed},
         f"{'Registry ready' if existed else 'Created registry'}: {path}")


@main.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--kind", type=click.Choice(importer.KINDS),
              help="What a CSV file holds (default: from its name, e.g. people.csv).")
@json_option
@pass_env
@handles_errors
def import_(env: Env, files: tuple[Path, ...], kind: str | None, as_json: bool) -> None:
    """Load municipalities, people, offices and journal starts from YAML, JSON or CSV.

    All files are checked first; one bad row and nothing is written.
    """
    counts = importer.load(env.db, list(files), kind)
    emit(as_json, {"imported": counts},
         "Imported " + ", ".join(f"{n} {k}" for k, n in counts.items() if n) + ".")


# --- cases ----------------------------------------------------------------------------------

@main.group()
def case() -> None:
    """Open cases, change their data, show them."""


@case.command("new")
@click.argument("workflow")
@click.option("--municipality", "-m", required=True, help="Municipality code.")
@click.option("--data", "data_file", required=True, type=click.Path(path_type=Path),
              help="Case data (YAML or JSON); see `muni case schema WORKFLOW`.")
@actor_option
@json_option
@pass_env
@handles_errors
def case_new(env: Env, workflow: str, municipality: str, data_file: Path, actor: str,
             as_json: bool) -> None:
    """Open a case of WORKFLOW in a municipality."""
    data = intake.read_data_file(data_file)
    case_id = intake.open_case(env.db, workflow, municipality, data, actor=actor)
    row = cases.get(env.db, case_id)
    emit(as_json, {"case": case_id, "workflow": workflow, "municipality": municipality,
                   "state": row["state"]},
         f"Opened case {case_id} ({workflow}, {municipality}) in state '{row['state']}'.")


@case.command("update")
@click.argument("case_id", type=int)
@click.option("--data", "data_file", required=True, type=click.Path(path_type=Path))
@click.option("--replace", is_flag=True, help="Replace the data instead of merging into it.")
@actor_option
@json_option
@pass_env
@handles_errors
def case_update(env: Env, case_id: int, data_file: Path, replace: bool, actor: str,
                as_json: bool) -> None:
    """Merge new data into a case (mappings merge, lists replace)."""
    data = intake.update_case(env.db, case_id, intake.read_data_file(data_file), actor=actor,
                              replace=replace)
    emit(as_json, {"case": case_id, "data": data}, f"Updated the data of case {case_id}.")


@case.command("show")
@click.argument("case_id", type=int)
@json_option
@pass_env
@handles_errors
def case_show(env: Env, case_id: int, as_json: bool) -> None:
    """A case's state and data."""
    row, _ = adv.load_case(env.db, case_id)
    emit(as_json, row, lambda: click.echo(
        f"Case {row['id']} · {row['workflow']} · {row['municipality']} · {row['state']}\n"
        + json.dumps(row["data"], ensure_ascii=False, indent=2)))


@case.command("schema")
@click.argument("workflow")
@pass_env
@handles_errors
def case_schema(env: Env, workflow: str, as_json: bool = True) -> None:
    """Print the JSON Schema of WORKFLOW's case data."""
    click.echo(json.dumps(spec.load(workflow).data_schema, ensure_ascii=False, indent=2))


# --- stepping -------------------------------------------------------------------------------

@main.command()
@click.argument("case_ids", nargs=-1, type=int)
@click.option("--trigger", "-t", help="Which step (default: the only one possible).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Where documents go (default: documents/ next to the registry).")
@click.option("--lang", type=click.Choice(["ky", "ru"]),
              help="Document language (default: the municipality's).")
@click.option("--dry-run", is_flag=True, help="Check the rules; write nothing.")
@actor_option
@json_option
@pass_env
@handles_errors
def advance(env: Env, case_ids: tuple[int, ...], trigger: str | None, out_dir: Path | None,
            lang: str | None, dry_run: bool, actor: str, as_json: bool) -> None:
    """Take each CASE one lawful step and write that step's documents."""
    if not case_ids:
        raise InputError("name at least one case id")
    out = out_dir or env.documents_dir
    store = env.store()
    if not dry_run:
        adv.recover(env.db, out)
    results = []
    for case_id in case_ids:
        result = adv.advance(env.db, case_id, trigger, actor=actor, out_dir=out, store=store,
                             today=today(), lang=lang, dry_run=dry_run)
        results.append(result.to_json())

    def show() -> None:
        for r in results:
            verb = "would move" if r["dry_run"] else "moved"
            click.echo(f"Case {r['case']}: {r['trigger']} — {verb} {r['from']} → {r['to']}")
            for d in r["documents"]:
                if r["dry_run"]:
                    click.echo(f"  would write {d['template']} ({d['lang']})")
                else:
                    number = f" № {d['number']}" if d.get("number") else ""
                    click.echo(f"  {d['path']}{number}")
    emit(as_json, results if len(results) > 1 else results[0], show)


@main.command()
@click.argument("case_id", type=int)
@click.option("--trigger", "-t")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Where drafts go (default: documents/preview next to the registry).")
@click.option("--lang", type=click.Choice(["ky", "ru"]))
@json_option
@pass_env
@handles_errors
def preview(env: Env, case_id: int, trigger: str | None, out_dir: Path | None,
            lang: str | None, as_json: bool) -> None:
    """Render the next step's documents as drafts: no number taken, nothing recorded."""
    result = review.preview(env.db, case_id, trigger, out_dir=out_dir or env.documents_dir /
                            "preview", store=env.store(), today=today(), lang=lang)

    def show() -> None:
        click.echo(f"Case {case_id}: draft of '{result['trigger']}'"
                   + ("" if result["allowed"] else " (its rules do not all hold yet — "
                      "see `muni explain`)"))
        for path in result["documents"]:
            click.echo(f"  {path}")
    emit(as_json, result, show)


@main.command()
@click.option("--workflow", "-w")
@click.option("--state", "-s")
@click.option("--municipality", "-m")
@json_option
@pass_env
@handles_errors
def status(env: Env, workflow: str | None, state: str | None, municipality: str | None,
           as_json: bool) -> None:
    """List cases with their states."""
    rows = cases.select(env.db, workflow=workflow, state=state, municipality=municipality)

    def show() -> None:
        if not rows:
            click.echo("No cases.")
            return
        click.echo(f"{'case':>5}  {'workflow':<16} {'municipality':<14} {'state':<20} updated")
        for r in rows:
            click.echo(f"{r['id']:>5}  {r['workflow']:<16} {r['municipality']:<14} "
                       f"{r['state']:<20} {r['updated_at']}")
    emit(as_json, rows, show)


@main.command()
@click.argument("case_id", type=int)
@click.option("--at", "at_date", help="Evaluate as of this date (YYYY-MM-DD).")
@json_option
@pass_env
@handles_errors
def explain(env: Env, case_id: int, at_date: str | None, as_json: bool) -> None:
    """Why a case can or cannot move now: every rule, its verdict and its basis."""
    on = today()
    if at_date:
        try:
            on = dt.date.fromisoformat(at_date)
        except ValueError:
            raise InputError(f"--at: must be a date as YYYY-MM-DD, got {at_date!r}") from None
    result = review.explain(env.db, case_id, today=on)

    def show() -> None:
        st = result["state"]
        click.echo(f"Case {result['case']} · {result['workflow']} · {result['municipality']}")
        click.echo(f"State: {st['name']} — {st['title'].get('en', st['title']['ky'])}"
                   + (" (final)" if st["final"] else ""))
        if result["profile"]:
            p = result["profile"]
            click.echo(f"Rule profile: {p['id']} (in force from {p['effective_from']}) — "
                       f"{p['title']}")
        for t in result["triggers"]:
            mark = "ALLOWED" if t["allowed"] else "REFUSED"
            click.echo(f"\n{t['trigger']} → {t['to']}: {mark}")
            if t["four_eyes"]:
                click.echo("  needs a second person: not "
                           + (", ".join(t["prepared_by"]) or "the preparer"))
            for g in t["guards"]:
                sign = "✓" if g["ok"] else ("!" if g["severity"] == "warn" else "✗")
                click.echo(f"  {sign} {g['rule']}: {g['title']}")
                click.echo(f"      {g['message']}")
                click.echo(f"      basis: {g['basis']}")
            for problem in t.get("problems", []):
                click.echo(f"  ✗ data: {problem}")
    emit(as_json, result, show)


@main.command()
@click.argument("case_id", type=int)
@json_option
@pass_env
@handles_errors
def history(env: Env, case_id: int, as_json: bool) -> None:
    """The case's audit log: who did what, when, and under which rules."""
    adv.load_case(env.db, case_id)
    rows = audit.history(env.db, case_id)

    def show() -> None:
        for r in rows:
            click.echo(f"#{r['id']} {r['at']} {r['actor']}: {r['trigger']} "
                       f"{r['from_state'] or '∅'} → {r['to_state']}"
                       + (f" [profile {r['profile']}]" if r["profile"] else ""))
            for g in r["guards"]:
                click.echo(f"    {'✓' if g['ok'] else '✗'} {g['rule']}: {g['message']}")
            for d in r["documents"]:
                number = f" № {d['number']}" if d.get("number") else ""
                click.echo(f"    {d['path']}{number} sha256:{d['sha256'][:16]}…")
    emit(as_json, rows, show)


@main.command("journal")
@click.option("--municipality", "-m")
@click.option("--series")
@click.option("--year", type=int)
@json_option
@pass_env
@handles_errors
def journal_(env: Env, municipality: str | None, series: str | None, year: int | None,
             as_json: bool) -> None:
    """The numbered journal of orders and decisions."""
    rows = journal.entries(env.db, municipality=municipality, series=series, year=year)

    def show() -> None:
        for r in rows:
            click.echo(f"{r['municipality']} {r['series']} {r['year']} № {r['number']:<4} "
                       f"{r['act_date']} case {r['case_id']} {r['template']}")
    emit(as_json, rows, show)


# --- workflows and templates ------------------------------------------------------------------

@main.group()
def workflows() -> None:
    """The procedures muni knows."""


@workflows.command("list")
@json_option
@handles_errors
def workflows_list(as_json: bool) -> None:
    """List workflows with their states and triggers."""
    rows = [{"id": w.id, "title": w.title, "states": list(w.state_names),
             "triggers": [t.trigger for t in w.transitions]}
            for w in spec.all_workflows().values()]
    emit(as_json, rows, lambda: [click.echo(f"{r['id']}: {r['title']['ky']} — "
                                            f"{' → '.join(r['states'])}") for r in rows])


@main.group()
def templates() -> None:
    """Check the .docx templates."""


@templates.command("check")
@json_option
@pass_env
@handles_errors
def templates_check(env: Env, as_json: bool) -> None:
    """List each template's variables; fail when its workflow does not supply one."""
    report = tpl_check.check(env.store())

    def show() -> None:
        for item in report["templates"]:
            mark = "ok" if not item["problems"] else "FAIL"
            click.echo(f"[{mark}] {item['workflow']}/{item['template']} ({item['lang']}): "
                       f"{', '.join(item['variables'])}  ← {item['path']}")
            for problem in item["problems"]:
                click.echo(f"    - {problem}")
    emit(as_json, report, show)
    if not report["ok"]:
        sys.exit(6)


# --- demo -----------------------------------------------------------------------------------

@main.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("demo-out"), show_default=True)
@click.option("--lang", type=click.Choice(["ky", "ru"]), default="ky", show_default=True)
@json_option
@handles_errors
def demo(out_dir: Path, lang: str, as_json: bool) -> None:
    """Run the procedures on an embedded sample municipality and write real documents."""
    result = demo_mod.run(out_dir, lang=lang, on=today())

    def show() -> None:
        click.echo(f"Registry: {result['db']}")
        for line in result["log"]:
            click.echo(line)
        click.echo("\nDocuments:")
        for path in result["documents"]:
            click.echo(f"  {path}")
    emit(as_json, result, show)


if __name__ == "__main__":  # pragma: no cover
    main()
