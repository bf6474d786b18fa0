"""``muni review CASE --out FILE.html|.md``: one page a legal reviewer can read without muni.

Everything on the page comes from the audit log as recorded — the verdicts, the profile's
version, the documents' hashes — never re-evaluated on today's data, so the page shows what
the step was judged by. Live checks are added beside the record and labelled as such: does
each document's file still match its hash, does the profile still say the same, does
``verify`` find anything for this case, which deadlines were met.

The page is self-contained (inline CSS, no scripts, no external resources) so it can be
mailed or archived. Every value is escaped: names and case data are typed by people.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import urllib.parse
from pathlib import Path
from typing import Any

import jinja2

from muni.registry.db import Registry

from .contexts import prepare
from .data import utc_now
from .errors import InputError
from .files import write_atomic
from .plan import load_case
from .review import deadlines, steps_until
from .verify import verify

FORMATS = ("html", "md")


def review_data(db: Registry, case_id: int, *, today: dt.date | None = None,
                lang: str = "en") -> dict[str, Any]:
    """Everything the page shows, as data (also what ``--json`` prints)."""
    on = today or dt.date.today()
    case, workflow = load_case(db, case_id)
    steps, _ = steps_until(db, case_id, workflow, None)
    problems: list[str] = []
    try:  # the same deadlines `explain` shows; here a data problem is said, not skipped
        prepare(db, case, workflow, today=on)
    except InputError as exc:
        problems.append(f"deadlines cannot be computed: {exc}")
    dated = deadlines(db, case, workflow, on)
    documents = [{**d, "audit_id": s["audit_id"], "trigger": s["trigger"]}
                 for s in steps for d in s["documents"]]
    integrity = verify(db, case_id=case_id)
    state = workflow.state(case["state"])

    def title(value: dict[str, str]) -> str:
        return value.get(lang) or value.get("en") or value.get("ky") or ""

    return {
        "case": case["id"], "municipality": case["municipality"],
        "workflow": {"id": workflow.id, "title": title(workflow.title), "basis": workflow.basis,
                     "file": workflow.path.name},
        "state": {"name": state.name, "title": title(state.title), "final": state.final},
        "generated_at": utc_now(), "on": on.isoformat(),
        "timeline": [{**s, "title": title(s["title"]) if s["title"] else ""} for s in steps],
        "documents": documents, "deadlines": dated,
        "integrity": {"ok": integrity["ok"], "head": integrity["head"],
                      "findings": integrity["findings"]},
        "data": case["data"], "problems": problems,
    }


def link(path: str, page: Path) -> str:
    """A link from the page to a document: relative when they share a root (the archive can
    move as a whole), else a file:// URI."""
    target = Path(path)
    try:
        rel = os.path.relpath(target, page.resolve().parent)
    except ValueError:  # another drive
        return target.as_uri()
    return urllib.parse.quote(Path(rel).as_posix())


_ENV = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined,
                          trim_blocks=True, lstrip_blocks=True)

HTML = _ENV.from_string("""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Case {{ r.case }} — {{ r.workflow.title }}</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 70em; color: #222; }
table { border-collapse: collapse; width: 100%; margin: .5em 0 1.5em; }
th, td { border: 1px solid #ccc; padding: .3em .5em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
code, .hash { font-family: ui-monospace, monospace; font-size: 12px; word-break: break-all; }
.ok { color: #176b1c; } .fail { color: #b00020; font-weight: bold; } .warn { color: #8a5a00; }
section.step { border-left: 4px solid #ccd; padding-left: 1em; margin-bottom: 2em; }
pre { background: #f7f7f7; padding: .8em; overflow-x: auto; }
</style>
</head>
<body>
<h1>Case {{ r.case }}: {{ r.workflow.title }}</h1>
<p>Municipality <b>{{ r.municipality }}</b> · workflow <code>{{ r.workflow.id }}</code>
({{ r.workflow.file }}) · current state <b>{{ r.state.name }}</b> — {{ r.state.title }}
{%- if r.state.final %} (final){% endif %}.</p>
{% if r.workflow.basis %}<p>Basis of the procedure: {{ r.workflow.basis }}</p>{% endif %}
<p>Generated {{ r.generated_at }}; deadlines judged on {{ r.on }}.</p>

<h2>Integrity</h2>
{% if r.integrity.ok %}
<p id="integrity" class="ok">✓ The audit chain is intact and every record and document of this
case matches (<code>muni verify</code>).</p>
{% else %}
<p id="integrity" class="fail">✗ <code>muni verify</code> reports {{ r.integrity.findings|length }}
finding(s):</p>
<ul id="findings">
{% for f in r.integrity.findings %}<li class="fail" data-kind="{{ f.kind }}">{{ f.message }}</li>
{% endfor %}
</ul>
{% endif %}
{% if r.integrity.head %}<p>Chain head: record #{{ r.integrity.head.id }},
<span class="hash">{{ r.integrity.head.hash }}</span></p>{% endif %}

<h2>Timeline</h2>
<table id="timeline">
<thead><tr><th>#</th><th>When</th><th>Who</th><th>Step</th><th>From → to</th>
<th>Rule profile</th><th>Rules</th><th>Record hash</th></tr></thead>
<tbody>
{% for s in r.timeline %}
<tr class="step" id="row-{{ s.audit_id }}" data-audit-id="{{ s.audit_id }}"
 data-trigger="{{ s.trigger }}">
<td><a href="#step-{{ s.audit_id }}">{{ s.audit_id }}</a></td>
<td>{{ s.on }}<br><small>{{ s.at }}</small></td>
<td class="actor">{{ s.who }}</td>
<td><code>{{ s.trigger }}</code>{% if s.title %}<br>{{ s.title }}{% endif %}
{% if s.four_eyes %}<br><small>four eyes: prepared by {{ s.prepared_by|join(", ") }}</small>
{% endif %}</td>
<td>{{ s["from"] or "∅" }} → {{ s.to }}</td>
<td>{% if s.profile %}{{ s.profile.id }}
{% if s.profile.changed_since %}<br><span class="fail">edited since</span>
{% elif s.profile.changed_since is none %}<br><small>version not recorded</small>{% endif %}
{% endif %}</td>
<td>{% set failed = s.guards|rejectattr("ok")|list %}
{% if not s.guards %}—{% elif failed %}<span class="fail">{{ failed|length }} of
{{ s.guards|length }} failed</span>{% else %}<span class="ok">{{ s.guards|length }} ✓</span>
{% endif %}</td>
<td class="hash" title="{{ s.hash }}">{{ s.hash[:16] }}…</td>
</tr>
{% endfor %}
</tbody>
</table>

<h2>Documents</h2>
{% if r.documents %}
<table id="documents">
<thead><tr><th>Document</th><th>Step</th><th>№</th><th>SHA-256 recorded</th>
<th>File now</th></tr></thead>
<tbody>
{% for d in r.documents %}
<tr class="document" data-sha256="{{ d.sha256 }}" data-status="{{ d.status }}">
<td><a href="{{ d.href }}">{{ d.name }}</a><br><small>{{ d.template }}</small></td>
<td><a href="#step-{{ d.audit_id }}">#{{ d.audit_id }}</a> {{ d.trigger }}</td>
<td>{{ d.number if d.number is not none else "—" }}</td>
<td class="hash">{{ d.sha256 }}</td>
<td class="{{ 'ok' if d.status == 'ok' else 'fail' }}">{{ {"ok": "✓ matches", "altered":
"✗ ALTERED", "missing": "✗ MISSING"}[d.status] }}</td>
</tr>
{% endfor %}
</tbody>
</table>
{% else %}<p>No documents were issued.</p>{% endif %}

<h2>Deadlines</h2>
{% if r.deadlines %}
<table id="deadlines">
<thead><tr><th>Obligation</th><th>Due</th><th>Status</th><th>Basis</th></tr></thead>
<tbody>
{% for d in r.deadlines %}
<tr class="deadline" data-status="{{ d.status }}"><td>{{ d.what }}</td>
<td>{% if d["from"] %}{{ d["from"] }} – {% endif %}{{ d.due }}</td>
<td class="{{ 'ok' if d.status in ('met', 'pending') else 'fail' }}">{{ d.status }}</td>
<td>{% if d.rule %}<code>{{ d.rule }}</code><br>{% endif %}{{ d.basis or "" }}</td></tr>
{% endfor %}
</tbody>
</table>
{% else %}<p>This procedure records no deadlines.</p>{% endif %}
{% for p in r.problems %}<p class="warn">{{ p }}</p>{% endfor %}

<h2>Each step</h2>
{% for s in r.timeline %}
<section class="step" id="step-{{ s.audit_id }}">
<h3>#{{ s.audit_id }} {{ s.trigger }}: {{ s["from"] or "∅" }} → {{ s.to }}</h3>
<p>By <b>{{ s.who }}</b> at {{ s.at }}{% if s.act_date %}; act dated {{ s.act_date }}
{% endif %}.</p>
{% if s.profile %}
<p>Rule profile <b>{{ s.profile.id }}</b>{% if s.profile.effective_from %} (in force from
{{ s.profile.effective_from }}){% endif %}{% if s.profile.title %} — {{ s.profile.title }}
{% endif %}.<br>
Recorded version: <span class="hash">{{ s.profile.sha256 or "not recorded" }}</span>
{% if s.profile.changed_since %}<br><span class="fail">The profile has been edited since; it
now reads <span class="hash">{{ s.profile.current_sha256 }}</span>. The verdicts below are as
recorded.</span>{% endif %}
{% if s.profile.in_force_now and s.profile.in_force_now != s.profile.id %}<br><span
class="warn">Today's profiles would pick {{ s.profile.in_force_now }} for this act
date.</span>{% endif %}</p>
{% endif %}
{% if s.guards %}
<table class="guards">
<thead><tr><th>Rule</th><th>Result</th><th>Values at that moment</th><th>Parameters</th>
<th>Legal basis</th></tr></thead>
<tbody>
{% for g in s.guards %}
<tr data-rule="{{ g.rule }}" data-ok="{{ 'true' if g.ok else 'false' }}">
<td><code>{{ g.rule }}</code><br>{{ g.title }}</td>
<td class="{{ 'ok' if g.ok else ('warn' if g.severity == 'warn' else 'fail') }}">
{{ "✓ holds" if g.ok else "✗ fails" }}</td>
<td>{{ g.message }}</td>
<td>{% for k, v in (g.params or {}).items() %}<code>{{ k }}</code> = {{ v }}<br>{% endfor %}</td>
<td>{{ g.basis }}</td>
</tr>
{% endfor %}
</tbody>
</table>
{% elif s.kind == "transition" %}<p>This step names no rules.</p>{% endif %}
{% if s.documents %}<p>Documents:
{% for d in s.documents %}<a href="{{ d.href }}">{{ d.name }}</a>{{ ", " if not loop.last }}
{% endfor %}</p>{% endif %}
</section>
{% endfor %}

<h2>Case data now</h2>
<pre id="data">{{ r.data_json }}</pre>
</body>
</html>
""")


def md_escape(value: Any) -> str:
    """Text safe inside Markdown (tables included): no markup, no raw HTML, one line."""
    text = " ".join(str(value if value is not None else "").split())
    out = []
    for ch in text:
        if ch in "\\`*_{}[]<>#|~&":  # "(" ")" "!" only matter after "]" or before "["
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def render_markdown(r: dict[str, Any]) -> str:
    """The same page as Markdown: for wikis, tickets and plain-text archives."""
    e = md_escape
    lines = [f"# Case {r['case']}: {e(r['workflow']['title'])}", "",
             f"Municipality **{e(r['municipality'])}** · workflow `{r['workflow']['id']}` · "
             f"current state **{e(r['state']['name'])}** — {e(r['state']['title'])}"
             + (" (final)" if r["state"]["final"] else ""), "",
             f"Generated {e(r['generated_at'])}; deadlines judged on {r['on']}.", "",
             "## Integrity", ""]
    if r["integrity"]["ok"]:
        lines.append("✓ The audit chain is intact and every record and document of this case "
                     "matches (`muni verify`).")
    else:
        lines.append(f"✗ `muni verify` reports {len(r['integrity']['findings'])} finding(s):")
        lines += [f"- {e(f['message'])}" for f in r["integrity"]["findings"]]
    lines += ["", "## Timeline", "",
              "| # | When | Who | Step | From → to | Profile | Rules | Record hash |",
              "|---|---|---|---|---|---|---|---|"]
    for s in r["timeline"]:
        failed = [g for g in s["guards"] if not g["ok"]]
        rules_cell = ("—" if not s["guards"] else
                      f"{len(failed)} of {len(s['guards'])} failed" if failed
                      else f"{len(s['guards'])} ✓")
        profile = ""
        if s["profile"]:
            profile = e(s["profile"]["id"]) + (" (edited since)"
                                               if s["profile"]["changed_since"] else "")
        lines.append(f"| {s['audit_id']} | {e(s['on'])} | {e(s['who'])} | "
                     f"`{s['trigger']}` | {e(s['from'] or '∅')} → {e(s['to'])} | {profile} | "
                     f"{rules_cell} | `{s['hash'][:16]}…` |")
    lines += ["", "## Documents", ""]
    if r["documents"]:
        lines += ["| Document | Step | № | SHA-256 recorded | File now |",
                  "|---|---|---|---|---|"]
        status = {"ok": "✓ matches", "altered": "✗ ALTERED", "missing": "✗ MISSING"}
        for d in r["documents"]:
            lines.append(f"| [{e(d['name'])}](<{d['href']}>) | #{d['audit_id']} "
                         f"{e(d['trigger'])} | {d['number'] if d['number'] is not None else '—'}"
                         f" | `{d['sha256']}` | {status[d['status']]} |")
    else:
        lines.append("No documents were issued.")
    lines += ["", "## Deadlines", ""]
    if r["deadlines"]:
        lines += ["| Obligation | Due | Status | Basis |", "|---|---|---|---|"]
        lines += [f"| {e(d['what'])} | {e(d['due'])} | {d['status']} | "
                  f"{'`' + d['rule'] + '` ' if d.get('rule') else ''}{e(d.get('basis'))} |"
                  for d in r["deadlines"]]
    else:
        lines.append("This procedure records no deadlines.")
    lines += [f"\n{e(p)}" for p in r["problems"]]
    lines += ["", "## Each step"]
    for s in r["timeline"]:
        lines += ["", f"### #{s['audit_id']} {e(s['trigger'])}: {e(s['from'] or '∅')} → "
                      f"{e(s['to'])}", "", f"By **{e(s['who'])}** at {e(s['at'])}"
                  + (f"; act dated {e(s['act_date'])}" if s["act_date"] else "") + "."]
        p = s["profile"]
        if p:
            lines += ["", f"Rule profile **{e(p['id'])}**, recorded version "
                          f"`{p['sha256'] or 'not recorded'}`"
                      + (f" — **edited since**, now `{p['current_sha256']}`; the verdicts "
                         "below are as recorded" if p["changed_since"] else "") + "."]
        if s["guards"]:
            lines += ["", "| Rule | Result | Values at that moment | Parameters | Legal basis |",
                      "|---|---|---|---|---|"]
            for g in s["guards"]:
                params = ", ".join(f"{e(k)} = {e(v)}" for k, v in (g.get("params") or {}).items())
                lines.append(f"| `{g['rule']}` {e(g['title'])} | "
                             f"{'✓ holds' if g['ok'] else '✗ fails'} | {e(g['message'])} | "
                             f"{params} | {e(g['basis'])} |")
    return "\n".join(lines) + "\n"


def write_review(db: Registry, case_id: int, out: Path, *,
                 fmt: str | None = None, today: dt.date | None = None,
                 lang: str = "en") -> dict[str, Any]:
    """Build the page and write it atomically to ``out``; the format follows the suffix."""
    fmt = fmt or {".html": "html", ".htm": "html", ".md": "md",
                  ".markdown": "md"}.get(out.suffix.lower())
    if fmt not in FORMATS:
        raise InputError(f"--out {out}: name an .html or .md file (or pass --format html|md)")
    r = review_data(db, case_id, today=today, lang=lang)
    for d in r["documents"]:
        d["href"] = link(d["path"], out)
        d["name"] = Path(d["path"]).name
    for s in r["timeline"]:
        for d in s["documents"]:
            d["href"] = link(d["path"], out)
            d["name"] = Path(d["path"]).name
    if fmt == "html":
        text = HTML.render(r={**r, "data_json": json.dumps(r["data"], ensure_ascii=False,
                                                           indent=2)})
    else:
        text = render_markdown(r)
    write_atomic(out, text.encode("utf-8"))
    altered = [d for d in r["documents"] if d["status"] != "ok"]
    return {"case": case_id, "path": str(out.resolve()), "format": fmt,
            "records": len(r["timeline"]), "documents": len(r["documents"]),
            "documents_ok": not altered, "integrity_ok": r["integrity"]["ok"],
            "findings": r["integrity"]["findings"]}
