"""The arrows of the layout, checked on the source: interfaces → engine → registry, never back.

- the registry imports nothing of the engine, the web or the CLI;
- the engine imports nothing of the CLI or the web, never prints, never reads the
  environment and never exits (an interface decides what a user sees and when to stop);
- no engine module imports the ``muni.engine`` package itself (``from . import x``): the
  package's ``__init__`` imports the API, which reaches every module, so such an import is
  an import cycle. Write ``from .x import name`` (or ``import muni.engine.x as x``).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def modules(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def imported(path: Path) -> list[tuple[int, str]]:
    """``(line, module)`` of every import in the file, relative ones as written (``.x``)."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            out.append((node.lineno, "." * node.level + (node.module or "")))
    return out


def where(path: Path, line: int) -> str:
    return f"{path.relative_to(ROOT)}:{line}"


def test_the_registry_imports_nothing_of_the_engine_web_or_cli():
    back = [where(p, n) for p in modules("registry") for n, m in imported(p)
            if m.startswith(("muni.engine", "muni.web", "muni.cli", ".."))]
    assert back == []


def test_the_engine_imports_neither_the_cli_nor_the_web_nor_click():
    back = [where(p, n) for p in modules("engine") for n, m in imported(p)
            if m.startswith(("muni.cli", "muni.web", "click")) or m in ("cli", "...")]
    assert back == []


@pytest.mark.parametrize("call", ["print", "input", "exit", "quit"])
def test_the_engine_never_prints_reads_input_or_exits(call):
    found = [where(p, node.lineno) for p in modules("engine")
             for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
             and node.func.id == call]
    assert found == []


def test_the_engine_reads_no_environment_and_calls_no_sys_exit():
    found = []
    for p in modules("engine"):
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and (
                    (node.value.id == "os" and node.attr in ("environ", "getenv", "putenv"))
                    or (node.value.id == "sys" and node.attr == "exit")):
                found.append(f"{where(p, node.lineno)} {node.value.id}.{node.attr}")
    assert found == []


def test_no_engine_module_imports_the_engine_package_back():
    """``from . import x`` runs ``muni/engine/__init__.py``, which imports the API, which
    imports every module: a cycle. A package's ``__init__`` may import its own modules."""
    back = []
    for p in modules("engine"):
        package_init = p.name == "__init__.py"
        for n, m in imported(p):
            if m == "." and not package_init or m == "..":
                back.append(where(p, n))
    assert back == [], ("write `from .x import name` (or `import muni.engine.x as x`) "
                        "instead of `from . import x` at " + ", ".join(back))


def test_the_web_is_a_client_of_the_engine_api_and_nothing_else_of_muni():
    """web/ imports ``muni.engine`` (the ``Engine``, ``Actor`` and the errors it exports),
    its own modules and third-party libraries — never an engine module, the registry or the
    CLI: whatever the web shows or does, the command line can too, by the same calls."""
    def allowed(module: str) -> bool:
        if module.startswith("."):
            return not module.startswith("..")
        if module == "muni.engine" or module == "muni.web" or module.startswith("muni.web."):
            return True
        return module != "muni" and not module.startswith(("muni.", "cli", "engine",
                                                            "registry"))
    found = [f"{where(p, n)} {m}" for p in modules("web") for n, m in imported(p)
             if not allowed(m)]
    assert found == []
