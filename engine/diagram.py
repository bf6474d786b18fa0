"""``muni diagram WORKFLOW``: the state machine as a picture a lawyer can check against the law.

Generated from the workflow spec itself (not from a ``transitions`` machine), so the picture
is exactly the file: every state, every transition, each edge labelled with its trigger, the
rules (guards) it needs, and whether it needs a second person. Mermaid text needs nothing
installed and renders in GitLab/GitHub and most wikis; Graphviz (``dot``) is used for SVG and
PNG when it is installed.
"""

from __future__ import annotations

import shutil
import subprocess
import textwrap
from pathlib import Path

from .errors import InputError
from .files import write_atomic
from .spec import TransitionSpec, Workflow, load, parse

FOUR_EYES = "four eyes"


def resolve(name: str) -> Workflow:
    """A workflow by id, or by the path of its YAML file (for drafts not yet installed)."""
    path = Path(name)
    if path.suffix in (".yaml", ".yml") and path.exists():
        return parse(path.resolve())
    return load(name)


def _mermaid_text(text: str) -> str:
    """Mermaid has no escaping inside labels: drop what would end or break a statement."""
    for ch, repl in {'"': "'", ";": ",", "#": "№", ":": " -", "\n": " "}.items():
        text = text.replace(ch, repl)
    return text


def edge_lines(t: TransitionSpec) -> list[str]:
    """The label of one edge, line by line: trigger, then the rules, then four eyes."""
    lines = [t.trigger]
    lines += [f"[{g}]" for g in t.guards]
    if t.four_eyes:
        lines.append(f"({FOUR_EYES})")
    return lines


def mermaid(workflow: Workflow, lang: str = "en") -> str:
    """``stateDiagram-v2`` text for ``workflow``."""
    out = ["---", f"title: {_mermaid_text(workflow.title.get(lang) or workflow.title['ky'])}",
           "---", "stateDiagram-v2"]
    for s in workflow.states:
        title = _mermaid_text(s.title.get(lang) or s.title.get("ky") or s.name)
        out.append(f'    state "{s.name}<br/>{title}" as {s.name}')
    out.append(f"    [*] --> {workflow.initial}")
    for t in workflow.transitions:
        label = "<br/>".join(_mermaid_text(x) for x in edge_lines(t))
        out.append(f"    {t.source} --> {t.dest}: {label}")
    for s in workflow.states:
        if s.final:
            out.append(f"    {s.name} --> [*]")
    return "\n".join(out) + "\n"


def _dot_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _wrap(text: str, width: int = 26) -> str:
    """A title over several short lines (Graphviz does not wrap labels)."""
    return "\n".join(textwrap.wrap(text, width)) or text


def dot(workflow: Workflow, lang: str = "en", *, current: str | None = None,
        taken: frozenset[tuple[str, str]] = frozenset(), ids: bool = True) -> str:
    """Graphviz source for ``workflow`` (the same content as the Mermaid text); with
    ``current`` a case's state is filled and the steps it took (``(trigger, source)``) drawn
    bold, so a clerk sees where the case is and how it got there. ``ids=False`` (the web's
    picture): states and steps are labelled by their titles alone, the ids and rules kept in
    each one's tooltip."""
    out = [f"digraph {_dot_string(workflow.id)} {{", "    rankdir=TB;",
           f"    label={_dot_string(workflow.title.get(lang) or workflow.title['ky'])};",
           '    labelloc=t; fontname="DejaVu Sans";',
           '    node [shape=box, style=rounded, fontname="DejaVu Sans"];',
           '    edge [fontname="DejaVu Sans", fontsize=10];',
           '    __start [shape=point, width=0.15, label=""];',
           f"    __start -> {_dot_string(workflow.initial)};"]
    for s in workflow.states:
        title = s.title.get(lang) or s.title.get("ky") or s.name
        label = s.name + chr(10) + title if ids else _wrap(title)
        shape = ", peripheries=2" if s.final else ""
        if s.name == current:
            shape += ', style="rounded,filled,bold", fillcolor="#1f4e79", fontcolor=white'
        out.append(f"    {_dot_string(s.name)} [label={_dot_string(label)}"
                   f", tooltip={_dot_string(s.name)}{shape}];")
    for t in workflow.transitions:
        style = ", style=bold" if t.four_eyes else ""
        if (t.trigger, t.source) in taken:
            style = ', penwidth=3, color="#1f4e79"'
        elif current is not None:
            style += ', color="#8c959f", fontcolor="#57606a"'
        lines = edge_lines(t)
        label = (chr(10).join(lines) if ids else
                 _wrap(t.title.get(lang) or t.title.get("ky") or t.trigger, 22))
        out.append(f"    {_dot_string(t.source)} -> {_dot_string(t.dest)} "
                   f"[label={_dot_string(label)}, tooltip={_dot_string(' '.join(lines))}"
                   f"{style}];")
    out.append("}")
    return "\n".join(out) + "\n"


def svg(workflow: Workflow, lang: str = "en", *, current: str | None = None,
        taken: frozenset[tuple[str, str]] = frozenset(), ids: bool = True) -> str:
    """The diagram as SVG text (Graphviz's ``dot``)."""
    exe = shutil.which("dot")
    if exe is None:
        raise InputError("the diagram needs Graphviz, which is not installed "
                         "(apt-get install graphviz)")
    done = subprocess.run([exe, "-Tsvg"], input=dot(workflow, lang, current=current,
                                                    taken=taken, ids=ids),
                          text=True, capture_output=True, timeout=60)
    if done.returncode != 0:
        raise InputError(f"Graphviz failed on {workflow.id}: {done.stderr.strip()}")
    return done.stdout


def write(workflow: Workflow, out: Path, lang: str = "en") -> str:
    """Write ``out`` by its suffix: .mmd/.md (Mermaid), .dot, or .svg/.png (needs Graphviz).
    Returns the format written."""
    suffix = out.suffix.lower().lstrip(".")
    if suffix in ("mmd", "mermaid"):
        write_atomic(out, mermaid(workflow, lang).encode("utf-8"))
        return "mermaid"
    if suffix == "md":
        write_atomic(out, f"```mermaid\n{mermaid(workflow, lang)}```\n".encode())
        return "mermaid"
    if suffix in ("dot", "gv"):
        write_atomic(out, dot(workflow, lang).encode("utf-8"))
        return "dot"
    if suffix in ("svg", "png"):
        out.parent.mkdir(parents=True, exist_ok=True)
        exe = shutil.which("dot")
        if exe is None:
            raise InputError(
                f"--out {out.name}: SVG and PNG need Graphviz, which is not installed "
                "(apt-get install graphviz); write .mmd or .dot instead, or print the Mermaid "
                "text without --out")
        done = subprocess.run([exe, f"-T{suffix}", "-o", str(out)], input=dot(workflow, lang),
                              text=True, capture_output=True, timeout=60)
        if done.returncode != 0:
            raise InputError(f"Graphviz failed on {workflow.id}: {done.stderr.strip()}")
        return suffix
    raise InputError(f"--out {out.name}: use .mmd, .md, .dot, .svg or .png")
