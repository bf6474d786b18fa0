"""Raw docxtpl, the plain way: ``python -m benchmarks.raw REGISTRY OUT``.

For each document muni wrote into REGISTRY (the context its audit record holds): load the
template, render, save — with the same Jinja environment as muni (autoescape,
StrictUndefined, muni's filters), so the documents are the same. Nothing is recorded and
nothing synced to disk: the number to beat, not a safe way to keep a journal. Prints
``{"documents": N, "seconds": S}``, S the rendering alone (imports and reading the contexts
are in the process's wall time, which the caller measures).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from docxtpl import DocxTemplate

from muni.engine.render import TemplateStore, make_environment

from .fixtures import documents


def main(db_path: Path, out: Path) -> dict:
    store = TemplateStore()
    env = make_environment()
    jobs = [(store.find(d["template"], d["lang"], d["municipality"]), d["context"])
            for d in documents(db_path)]
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    for i, (template, context) in enumerate(jobs):
        tpl = DocxTemplate(str(template))
        tpl.render(context, env)
        tpl.save(str(out / f"{i}.docx"))
    return {"documents": len(jobs), "seconds": time.perf_counter() - started}


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), Path(sys.argv[2]))))
