"""A procedure told as data: open cases, change their data, take steps — some expected to be
refused — against a registry. ``muni demo`` is three scenario files (``examples/demo/``).

A scenario file is a list of steps, each a mapping with one verb::

    - import: ../council_deputies.yaml          # municipalities, people, offices
    - open: working_group                        # a case of this workflow …
      as: group                                  # … called "group" later on
      data: ../working_group_case.yaml           # case data (a file beside this one) …
      keys: [initiative, order]                  # … only these top-level keys of it …
      set: {order.date: 2026-11-20}              # … with these values (dotted paths, [i])
    - change: group                              # the same data options, merged in
    - step: sign_order                           # a step of a case
      case: group
      day: 2026-11-21                            # the day it is taken (default: the run's)
      actor: head                                # a name under `actors:` (default: `actor:`)
      expect: refused                            # the rules must refuse it
    - show: group                                # log the case's state
    - say: "case {group} is done"                # log a line ({alias} is the case's id)

``actors:`` names who acts: a name (declared, as in a registry without accounts) or
``{account: LOGIN}``, an account logged in with its password. ``accounts:`` (a list of
``{login, person, roles, password}``) makes accounts before the first step — the first one
an admin, which then adds the others — and keeps their passwords for later files of the run.
Other top-level keys hold YAML anchors the steps reuse (``&present`` … ``*present``).

A value ``"@group"`` is that case's id; ``"@group/na_action_plan"`` the path of its latest
registered document of that template. Every step goes through the engine's one path
(``intake``, ``advance``), so a scenario proves what a clerk's session would.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Any

import muni.engine.inputs as inputs
from muni.registry import cases, documents
from muni.registry import db as regdb
from muni.registry.db import Registry

from .actor import Actor
from .advance import advance
from .data import jsonable, parse_date
from .errors import GuardFailed, InputError, MuniError, StateError
from .identity import add_account, authenticate
from .imports import import_files
from .intake import open_case, read_data_file, update_case
from .render import TemplateStore
from .sample import EXAMPLES, SAMPLE_CODE, SAMPLE_MUNICIPALITY

DEMO = EXAMPLES / "demo"
#: The demo's scenarios, in the order they run (each takes up the cases of the last).
DEMO_FILES = ("working_group.yaml", "needs_assessment.yaml", "council.yaml")
_INDEX = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


class Run:
    """One run of scenarios on a registry: the cases by alias, the log, the documents."""

    def __init__(self, db: Registry, *, out: Path, store: TemplateStore, lang: str,
                 today: dt.date):
        self.db, self.out, self.store, self.lang, self.today = db, out, store, lang, today
        self.cases: dict[str, int] = {}
        self.log: list[str] = []
        self.documents: list[str] = []
        self.accounts: list[dict[str, Any]] = []      # made by the run, with their passwords

    def _make_accounts(self, accounts: list[dict]) -> None:
        admin = None
        for a in accounts:
            add_account(self.db, a["login"], person=a["person"], password=a["password"],
                        roles=list(a.get("roles") or []), by=admin)
            actor = authenticate(self.db, a["login"], a["password"])
            admin = admin or actor
            self.accounts.append({"login": a["login"], "password": a["password"],
                                  "person": a["person"], "name": actor.printed_name,
                                  "roles": list(a.get("roles") or [])})
        self.log.append("Accounts: " + ", ".join(f"{a['login']} ({a['name']})"
                                                 for a in self.accounts)
                        + " — every step below is taken under one of them.")

    def _actor(self, value: Any) -> Actor:
        """A declared name, or ``{account: LOGIN}``: that account, logged in."""
        if isinstance(value, dict):
            login = value["account"]
            known = {a["login"]: a["password"] for a in self.accounts}
            if login not in known:
                raise InputError(f"actors: no account '{login}' made by this run")
            return authenticate(self.db, login, known[login])
        return Actor.declared(value)

    def play(self, path: Path) -> None:
        """Every step of the scenario file at ``path``."""
        doc = inputs.parse(inputs.read_text(path), path.name) or {}
        if doc.get("accounts"):
            self._make_accounts(doc["accounts"])
        actors = {k: self._actor(v) for k, v in (doc.get("actors") or {}).items()}
        default = doc.get("actor")
        for i, item in enumerate(doc.get("steps") or []):
            where = f"{path.name} steps[{i}]"
            actor = actors.get(item.get("actor", default)) if actors else None
            if item.get("actor", default) and actor is None:
                raise InputError(f"{where}: no actor '{item.get('actor', default)}'")
            self._one(path.parent, where, item, actor)

    def _one(self, here: Path, where: str, item: dict, actor: Actor | None) -> None:
        if "import" in item:
            counts = import_files(self.db, [here / item["import"]]).counts
            self.log.append(item.get("say", "").format(**counts) or f"Imported {counts}.")
        elif "open" in item:
            case_id = open_case(self.db, item["open"], SAMPLE_CODE, self._data(here, item),
                                actor=actor)
            self.cases[item["as"]] = case_id
            self.log.append(f"Case {case_id} opened ({item['open']}): {self._say(item)}")
        elif "change" in item:
            case_id = self.cases[item["change"]]
            update_case(self.db, case_id, self._data(here, item), actor=actor)
            self.log.append(f"  case {case_id}: recorded {self._say(item)}")
        elif "step" in item:
            self._step(where, item, actor)
        elif "show" in item:
            case = cases.get(self.db, self.cases[item["show"]])
            self.log.append(f"Case {case['id']} is now '{case['state']}'."
                            + (f" {self._say(item)}" if item.get("say") else ""))
        elif "say" in item:
            self.log.append(self._say(item))
        else:
            raise InputError(f"{where}: expected import, open, change, step, show or say")

    def _step(self, where: str, item: dict, actor: Actor) -> None:
        case_id, trigger = self.cases[item["case"]], item["step"]
        day = parse_date(item["day"], f"{where}.day") if item.get("day") else self.today
        said = f"  case {case_id} {trigger} by {actor.name}" + (f" ({day})" if item.get("day")
                                                                 else "")
        try:
            result = advance(self.db, case_id, trigger, actor=actor, out_dir=self.out,
                             store=self.store, today=day, lang=self.lang)
        except (GuardFailed, StateError) as exc:
            if item.get("expect") != "refused":
                raise
            self.log.append(f"{said}: refused — {exc.details[0] if exc.details else exc}")
            return
        if item.get("expect") == "refused":
            raise InputError(f"{where}: '{trigger}' was expected to be refused; it was taken")
        numbered = [f"{d['template']} № {d['number']}" for d in result.documents if d["number"]]
        warned = [g["rule"] for g in result.verdicts if not g["ok"] and g["severity"] == "warn"]
        self.log.append(f"{said}: {result.from_state} → {result.to_state}"
                        + (f" ({', '.join(numbered)})" if numbered else "")
                        + (f" — warnings: {', '.join(warned)}" if warned else ""))
        self.documents.extend(d["path"] for d in result.documents)

    def _data(self, here: Path, item: dict) -> dict[str, Any]:
        data = read_data_file(here / item["data"]) if item.get("data") else {}
        if item.get("keys"):
            data = {k: data[k] for k in item["keys"] if k in data}
        for path, value in (item.get("set") or {}).items():
            try:
                _set(data, path, self._value(jsonable(value)))
            except (IndexError, KeyError, TypeError):
                raise InputError(f"set: no place '{path}' in the data it changes") from None
        return data

    def _value(self, value: Any) -> Any:
        if isinstance(value, dict):
            return {k: self._value(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self._value(v) for v in value]
        if isinstance(value, str) and value.startswith("@"):
            alias, _, template = value[1:].partition("/")
            if not template:
                return self.cases[alias]
            row = documents.latest(self.db, self.cases[alias], template)
            return row["path"] if row else None
        return value

    def _say(self, item: dict) -> str:
        return str(item.get("say", "")).format(**self.cases)


def _set(data: dict, path: str, value: Any) -> None:
    """``data[a][b][0][c] = value`` for ``path`` "a.b[0].c" (mappings made on the way)."""
    keys: list[Any] = [int(i) if i else k for k, i in _INDEX.findall(path)]
    target: Any = data
    for key, following in zip(keys, keys[1:], strict=False):
        if isinstance(key, int):
            target = target[key]
        else:
            target = target.setdefault(key, [] if isinstance(following, int) else {})
    target[keys[-1]] = value


def run_demo(out: Path, *, lang: str = "ky", today: dt.date) -> dict[str, Any]:
    """A fresh registry in ``out`` with the sample municipality, and the demo's scenarios
    played on it; returns the log, the documents written and the cases opened."""
    out.mkdir(parents=True, exist_ok=True)
    db_path = out / "muni.db"
    for leftover in (db_path, db_path.with_name("muni.db-wal"), db_path.with_name("muni.db-shm")):
        leftover.unlink(missing_ok=True)
    shutil.rmtree(out / "documents", ignore_errors=True)
    db = regdb.connect(db_path, create=True)
    try:
        run = Run(db, out=out / "documents", store=TemplateStore(out / "templates"), lang=lang,
                  today=today)
        counts = import_files(db, [SAMPLE_MUNICIPALITY]).counts
        run.log.append(f"Imported the sample municipality '{SAMPLE_CODE}': {counts['people']} "
                       f"people, {counts['officials']} offices.")
        for name in DEMO_FILES:
            run.play(DEMO / name)
    except MuniError as exc:
        raise InputError(f"the demo stopped: {exc.message}", details=exc.details) from None
    finally:
        db.close()
    return {"db": str(db_path.resolve()), "log": run.log, "documents": run.documents,
            "cases": list(run.cases.values()), "accounts": run.accounts}
