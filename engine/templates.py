"""``muni templates check``: does every template get every variable it uses?

Two checks per template and language. The top-level names the template uses
(``get_undeclared_template_variables``) must be keys the workflow's context supplies; then a
trial render with the workflow's sample case catches nested names (``group.chair.nme``) that
only StrictUndefined sees. Municipality overrides are checked the same way.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from .contexts import prepare
from .errors import MuniError
from .intake import read_data_file
from .render import LANGS, TemplateStore
from .sample import SAMPLE_CODE, registry
from .spec import all_workflows


def check(store: TemplateStore) -> dict[str, Any]:
    report: list[dict[str, Any]] = []
    db = registry()
    municipalities = [SAMPLE_CODE]
    if store.overrides and store.overrides.is_dir():
        municipalities += sorted(p.name for p in store.overrides.iterdir()
                                 if p.is_dir() and p.name not in LANGS)
    for wf in all_workflows().values():
        sample_context = None
        if wf.example:
            case = {"id": 0, "municipality": SAMPLE_CODE, "data": read_data_file(wf.example)}
            sample_context = prepare(db, case, wf, today=dt.date.today()).context
        for template in sorted(wf.templates):
            for lang in LANGS:
                seen_paths = set()
                for code in municipalities:
                    try:
                        path = store.find(template, lang, code)
                    except MuniError as exc:
                        report.append({"workflow": wf.id, "template": template, "lang": lang,
                                       "path": None, "variables": [], "problems": [str(exc)]})
                        break
                    if path in seen_paths:
                        continue
                    seen_paths.add(path)
                    report.append(_check_one(store, wf.id, template, lang, code,
                                             sample_context))
    return {"ok": all(not r["problems"] for r in report), "templates": report}


def _check_one(store: TemplateStore, workflow: str, template: str, lang: str, code: str,
               sample_context: dict | None) -> dict[str, Any]:
    problems: list[str] = []
    item: dict[str, Any] = {"workflow": workflow, "template": template, "lang": lang,
                            "municipality": code, "path": None, "variables": [],
                            "problems": problems}
    try:
        compiled = store.get(template, lang, code)
    except MuniError as exc:
        problems.append(str(exc))
        return item
    item["path"] = str(compiled.path)
    item["variables"] = sorted(compiled.variables)
    if sample_context is not None:
        missing = compiled.variables - set(sample_context)
        for name in sorted(missing):
            problems.append(f"uses '{name}', which workflow '{workflow}' does not supply "
                            f"(it supplies: {', '.join(sorted(sample_context))})")
        if not missing:
            try:
                compiled.render(copy.deepcopy(sample_context))
            except MuniError as exc:
                problems.append(f"trial render with the sample case failed: {exc.message}")
    return item
