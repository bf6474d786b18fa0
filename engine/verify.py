"""``muni verify``: is the registry still what muni wrote, and was every recorded step lawful?

The hash chain (each record's hash over its stored text and the hash before it) finds an
edited, inserted, deleted or reordered audit record — except one thing a chain alone cannot
see: the *last* record deleted (or rewritten with a fresh hash), since nothing comes after it
to disagree. So the chain is cross-checked against everything else muni writes in the same
transaction:

- each case's state, data and version against its audit records (``cases.version`` starts
  at 1 with the "open" record and grows by one with every record, so the number of records
  must equal it: a deleted last record shows up here);
- every ``documents`` row against the audit record that issued it, and the file's bytes on
  disk against the SHA-256 the record holds;
- every journal number against a document and an audit record, and the numbers of each
  series against gaps and against the counter;
- each recorded step against the workflow: a known trigger between the right states, no
  blocking rule recorded as failed, four eyes where the workflow asks for them, an actor;
- the refused-attempts log's own hash chain (``registry.accounts.verify_attempts``);
- each shared verdict text (``audit_texts``) against the SHA-256 it is named by, and every
  text a record names against the table.

Besides findings, the report's ``notes`` name the four-eyes steps that rested on declared
names rather than logins (lawful where a registry has no accounts, but only as good as what
was typed) and the records whose rules were judged on a day that had not come when they were
written (``MUNI_TODAY`` set ahead: the demo does it; in an office a reviewer should ask why).

What no check inside one file can catch is a complete, consistent rewrite of the registry by
someone with write access to it. For that, write down the chain's head (``head.hash`` in the
report) somewhere else — a signed letter, the archive — and pass it back as ``anchor``: the
chain must still contain it. The same head passed as ``since`` checks only what came after
it: the chain from there on, and every case with a record after it (the daily check of a
large registry).

A document whose step committed but whose rename a crash interrupted is still ``<name>.part``
with the recorded bytes: it is reported as *pending* (the next ``muni advance`` renames it),
not as missing.

At the size of a country (100,000 cases, 300,000 records) the registry is read as streams
ordered by case and joined here, one case in memory at a time, and only a case's last record
has its context decoded; document files are hashed by a few threads meanwhile. With
``jobs`` > 1 and at least ``PARALLEL_FROM`` records, the cases are cut into ``jobs`` ranges
of ids, each checked by a process of its own while this one walks the chain; the report
lists what a single process finds (the findings, notes and counts, ranges in case order).
What the report lists grows with the registry — a note for every four-eyes step signed on
declared names, one a case where no one logs in: 100,000 for a country, which held as lists
and handed from the workers to this process were most of verify's memory (250 MB). So
``verifying`` keeps them in spools (``engine/spool.py``): a few hundred in memory, the rest
in a temporary folder, read back in order as the caller writes them out; ``verify`` gives
them as lists, for a caller that wants the whole report at once.

Read-only; returns findings as data, never prints.
"""

from __future__ import annotations

import collections
import concurrent.futures
import contextlib
import dataclasses
import datetime as dt
import itertools
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from muni.registry import accounts, audit, chain, integrity, pdfs
from muni.registry.db import Registry

from .errors import MuniError, NotFound
from .files import PART_SUFFIX, file_sha256
from .identity import recorded_key
from .plan import preparer_records, preparers_of
from .spec import Workflow, load
from .spool import Spool

#: Audit triggers that are not transitions of a workflow.
NON_TRANSITIONS = ("open", "update_data")
#: Threads that read and hash document files while the registry is walked.
HASH_WORKERS = 4
#: Audit records from which ``jobs`` > 1 starts worker processes (below, starting them costs
#: more than the checks).
PARALLEL_FROM = 20_000
#: The report's parts that grow with the registry (spooled by ``verifying``).
SPOOLED = ("findings", "notes", "pending")


@dataclass
class Finding:
    """One thing a reviewer must look at; ``kind`` is stable, ``message`` is for people."""

    kind: str
    message: str
    case: int | None = None
    audit_id: int | None = None
    path: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "message": self.message, "case": self.case,
                "audit_id": self.audit_id, "path": self.path}


def document_status(path: str, recorded_sha256: str) -> tuple[str, str | None]:
    """``("ok" | "altered" | "missing" | "pending", current sha256)`` for one issued
    document. "pending": the file is not there yet but its ``.part`` is, with the recorded
    bytes — the step committed and a crash came before the rename; the next ``muni
    advance`` (its recovery) renames it."""
    current = file_sha256(Path(path))
    if current is None:
        waiting = file_sha256(Path(path + PART_SUFFIX))
        if waiting == recorded_sha256:
            return "pending", waiting
        return "missing", None
    return ("ok" if current == recorded_sha256 else "altered"), current


def _decode(row: dict) -> dict | None:
    """The record with its JSON decoded, or None when an edit left it unreadable.

    A record read by ``integrity.records_by_case`` carries ``data`` only when it is its
    case's last (the one compared with the case); for the others ``data`` stands for what the
    checks read of it — the evaluation date — and ``data_valid`` says whether the stored text
    is JSON at all (the record hash vouches for the rest)."""
    try:
        out = dict(row)
        for key in ("guards", "documents"):
            out[key] = json.loads(out[key])
        if out.get("data") is not None:
            out["data"] = json.loads(out["data"])
        elif out.get("data_valid"):
            out["data"] = {"evaluation": {"on": out.get("evaluated_on")}}
        else:
            return None
    except (TypeError, ValueError):
        return None
    shapes_ok = (isinstance(out["guards"], list) and isinstance(out["documents"], list)
                 and isinstance(out["data"], dict)
                 and all(isinstance(x, dict) for x in out["guards"] + out["documents"]))
    return out if shapes_ok else None


def preparers_before(records: list[dict], index: int) -> set[str]:
    """Who prepared the step at ``records[index]``: ``plan.preparers_of`` the records before
    it — the one rule of four eyes, here applied to the recorded history so it can be
    re-checked after the fact."""
    return preparers_of(reversed(records[:index]))


def _evaluated_on(record: dict) -> str | None:
    evaluation = record["data"].get("evaluation") if isinstance(record["data"], dict) else None
    on = evaluation.get("on") if isinstance(evaluation, dict) else None
    return on if isinstance(on, str) else None


def _latest_local_date(at: str) -> str:
    """The latest calendar date anywhere on Earth at the UTC moment ``at`` (UTC+14): a rule
    evaluated on a later date was evaluated on a day that had not come yet, whatever the
    machine's time zone."""
    try:
        moment = dt.datetime.fromisoformat(at)
    except ValueError:
        return "9999-12-31"     # an unreadable time: the chain check reports the record
    return (moment.astimezone(dt.UTC) + dt.timedelta(hours=14)).date().isoformat()


def declared_signatures(records: list[dict], workflow: Workflow | None,
                        case_id: int) -> list[dict[str, Any]]:
    """What a reviewer should know that is not tampering: four-eyes steps where the signer
    or a preparer was a declared name, not a login (their second person rests on what
    someone typed; a registry without accounts records nothing else), and steps judged on a
    declared day that had not come when they were written (``MUNI_TODAY`` set ahead: tests
    and demos do it, an office should not)."""
    notes = []
    for r in records:
        on = _evaluated_on(r)
        if on and on > _latest_local_date(r["at"]):
            notes.append({"kind": "evaluated_after_written", "case": case_id,
                          "audit_id": r["id"], "message": f"audit #{r['id']}: its rules were "
                          f"evaluated on {on}, a day that had not come when the record was "
                          f"written ({r['at']}): the date was set ahead (MUNI_TODAY)"})
    for i, r in enumerate(records):
        if workflow is None or r["trigger"] in NON_TRANSITIONS:
            continue
        t = workflow.transition(r["trigger"], r["from_state"] or "")
        if t is None or not t.four_eyes:
            continue
        involved = [r, *preparer_records(reversed(records[:i]))]
        declared = [x for x in involved if (x.get("identity") or "declared") == "declared"]
        if declared:
            names = ", ".join(dict.fromkeys(f"'{x['actor']}'" for x in declared))
            notes.append({"kind": "four_eyes_declared", "case": case_id, "audit_id": r["id"],
                          "message": f"audit #{r['id']}: '{r['trigger']}' — four eyes rested on "
                          f"declared names ({names}): no login proved who drafted or signed"})
    return notes


def check_case_records(case: dict | None, case_id: int, records: list[dict],
                       workflow: Workflow | None) -> list[Finding]:
    """The lawfulness and consistency of one case's records (decoded, oldest first)."""
    found: list[Finding] = []

    def add(kind: str, message: str, audit_id: int | None = None) -> None:
        found.append(Finding(kind, message, case=case_id, audit_id=audit_id))

    if case is None:
        add("case_missing", f"case {case_id}: {len(records)} audit record(s) but no case row "
            "(the case was deleted outside muni)")
    elif not records:
        add("case_without_audit", f"case {case_id}: no audit record at all (the case was "
            "created, or its records deleted, outside muni)")
        return found
    previous: dict | None = None
    for i, r in enumerate(records):
        rid = r["id"]
        if not str(r.get("actor") or "").strip():
            add("actor_missing", f"audit #{rid}: no actor recorded", rid)
        if previous is None:
            if r["trigger"] != "open" or r["from_state"] is not None:
                add("sequence_broken", f"case {case_id}: the first record (#{rid}, "
                    f"'{r['trigger']}') is not the case's opening (an earlier record is "
                    "missing)", rid)
            elif workflow and r["to_state"] != workflow.initial:
                add("sequence_broken", f"audit #{rid}: the case opened in '{r['to_state']}', "
                    f"not in the workflow's initial state '{workflow.initial}'", rid)
        elif r["from_state"] != previous["to_state"]:
            add("sequence_broken", f"audit #{rid}: starts from '{r['from_state']}' but the "
                f"record before it (#{previous['id']}) left the case in "
                f"'{previous['to_state']}' (a record is missing or out of order)", rid)
        if r["trigger"] not in NON_TRANSITIONS and workflow is not None:
            t = workflow.transition(r["trigger"], r["from_state"] or "")
            if t is None or t.dest != r["to_state"]:
                add("unknown_transition", f"audit #{rid}: '{r['trigger']}' "
                    f"{r['from_state']} → {r['to_state']} is not a transition of workflow "
                    f"'{workflow.id}' ({workflow.path.name})", rid)
            elif t.four_eyes:
                who = {recorded_key(x) for x in preparer_records(reversed(records[:i]))}
                if recorded_key(r) in who:
                    add("four_eyes_violated", f"audit #{rid}: '{r['trigger']}' needs a second "
                        f"person, but '{r['actor']}' also prepared the step", rid)
        for v in r["guards"]:
            if not v.get("ok") and v.get("severity", "block") == "block":
                said = v.get("say") if isinstance(v.get("say"), dict) else {}
                add("rule_failed_recorded", f"audit #{rid}: '{r['trigger']}' was recorded "
                    f"although rule {v.get('rule')} failed: "
                    f"{v.get('message') or said.get('key')}", rid)
        previous = r
    if case is None or previous is None:
        return found
    last = previous
    if case["state"] != last["to_state"]:
        add("state_mismatch", f"case {case_id}: state is '{case['state']}' but its last audit "
            f"record (#{last['id']}) left it in '{last['to_state']}' (the state was changed, "
            "or the last record deleted, outside muni)", last["id"])
    if case["version"] != len(records):
        add("version_mismatch", f"case {case_id}: the case was changed {case['version']} "
            f"time(s) but has {len(records)} audit record(s) (a record was deleted — possibly "
            "the last one — or the case edited outside muni)")
    recorded = last["data"].get("case") if isinstance(last["data"], dict) else None
    if audit.canonical(case["data"]) != audit.canonical(recorded):
        add("data_mismatch", f"case {case_id}: its data differs from the data recorded by its "
            f"last audit record (#{last['id']}) (edited outside muni)", last["id"])
    return found


class _Report:
    """Findings, notes and pending renames as they are made (as JSON, in spools: a
    country's notes are written out to ``folder`` rather than held), and the counts the
    summary gives."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self.findings = Spool(folder)
        self.notes = Spool(folder)
        self.pending = Spool(folder)
        #: The shared verdict texts the registry holds (their keys).
        self.texts: set[str] = set()
        #: Cases checked (by a worker process, for its share).
        self.checked = 0

    def add(self, kind: str, message: str, **where: Any) -> None:
        self.findings.append(Finding(kind, message, **where).to_json())

    def add_findings(self, findings: list[Finding]) -> None:
        for finding in findings:
            self.findings.append(finding.to_json())


def verify(db: Registry, *, case_id: int | None = None, anchor: str | None = None,
           since: str | None = None, hash_workers: int = HASH_WORKERS,
           jobs: int | None = 1, parallel_from: int = PARALLEL_FROM,
           other_records: bool = True) -> dict[str, Any]:
    """Every check above, streamed: one case's records, documents and journal lines are in
    memory at a time, whatever the registry's size; the report's ``findings``, ``notes``
    and ``pending`` are lists (``verifying`` gives them as spools, for a caller that
    streams them out).

    ``case_id`` limits the per-case checks to one case (the chain is still walked whole:
    one broken link breaks every record after it). With ``other_records=False`` (one
    case's review page) only that case's records are recomputed and checked against the
    records beside them in the chain — the same few lookups at 100,000 cases as at ten,
    where walking the whole chain takes tens of seconds; ``muni verify`` walks it all.
    ``since``: a chain head written down earlier (``head.hash``) — check the chain from
    there on, and every case that has a record after it, with all of that case's records,
    documents and journal lines; the chain before the anchor is taken as verified when the
    anchor was written down.
    """
    report = _verify(db, None, case_id=case_id, anchor=anchor, since=since,
                     hash_workers=hash_workers, jobs=jobs, parallel_from=parallel_from,
                     other_records=other_records)
    return {**report, **{key: list(report[key]) for key in SPOOLED}}


@contextlib.contextmanager
def verifying(db: Registry, **options: Any) -> Iterator[dict[str, Any]]:
    """``verify(db, **options)`` with ``findings``, ``notes`` and ``pending`` as spools
    (iterable, with a length) whose items past a few hundred wait in a temporary folder,
    removed when the block ends: a country's report (100,000 notes where no one logs in)
    is never held whole — by this process or the workers — and can be written out as it
    is read."""
    with tempfile.TemporaryDirectory(prefix="muni-verify-",
                                     ignore_cleanup_errors=True) as folder:
        yield _verify(db, Path(folder), **options)


def _verify(db: Registry, folder: Path | None, *, case_id: int | None = None,
            anchor: str | None = None, since: str | None = None,
            hash_workers: int = HASH_WORKERS, jobs: int | None = 1,
            parallel_from: int = PARALLEL_FROM, other_records: bool = True) -> dict[str, Any]:
    report = _Report(folder)
    start, expected_prev = 0, chain.GENESIS
    if since:
        since = since.strip().lower()
        start = integrity.record_id(db, since)
        if start is None:
            report.add("anchor_missing", f"the anchor {since} given to --since is not in the "
                       "audit chain: the chain was rewritten since it was written down")
            return {"ok": False, "records": 0, "cases": 0, "documents": 0, "head": None,
                    "anchor": anchor, "since": since, "pending": report.pending,
                    "findings": report.findings, "notes": report.notes}
        expected_prev = None  # the anchor's own link was checked when it was written down
    report.texts = _check_texts(db, report)
    scope = integrity.Scope(case=case_id, after=start if since else None)
    if case_id is not None and not _case_exists(db, case_id):
        raise NotFound(f"no case {case_id}", case=case_id)
    jobs = _cores() if jobs is None else jobs
    shares = None
    if (jobs > 1 and case_id is None and db.path is not None
            and integrity.records_from(db, start) >= parallel_from):
        shares = _start_shares(db.path, scope, integrity.case_boundaries(db, jobs),
                               hash_workers, report.texts, folder)
    try:
        wanted = anchor.strip().lower() if anchor else None
        if case_id is not None and not other_records:
            records, head, anchor_seen = _check_links(db, report, start, expected_prev,
                                                      wanted, case_id)
        else:
            records, head, anchor_seen = _check_chain(db, report, start, expected_prev,
                                                      wanted)
        if anchor and not anchor_seen:
            report.add("anchor_missing", f"the anchor {anchor} is not in the audit chain: "
                       "the chain was rewritten since it was written down")
        if shares is None:
            checked = _check_cases(db, report, scope, hash_workers)
        else:
            checked = 0
            for future in shares[1]:
                part = future.result()
                checked += part.checked
                report.findings.extend(part.findings)
                report.notes.extend(part.notes)
                report.pending.extend(part.pending)
    finally:
        if shares is not None:
            shares[0].shutdown(wait=True, cancel_futures=True)
    report.add_findings([Finding(f["kind"], f["message"]) for f in accounts.verify_attempts(db)])
    _check_pdfs(db, report, case_id)
    _check_journal(db, report, scope)
    return _result(db, report, records=records, cases=checked, head=head, anchor=anchor,
                   since=since, scope=scope)


def _check_pdfs(db: Registry, report: _Report, case_id: int | None) -> None:
    """The PDF log (``registry/pdfs.py``): its own chain, and each document's latest PDF —
    made from the ``.docx`` on record, and, where the file is still there, the same bytes
    (a PDF edited or replaced after muni made it is reported; a deleted one is not, PDFs
    being copies made again at will)."""
    report.add_findings([Finding(f["kind"], f["message"]) for f in pdfs.verify_chain(db)])
    for row in pdfs.latest_each(db, case_id):
        where = {"case": row["case_id"], "audit_id": row["audit_id"], "path": row["path"]}
        if row["document_sha256"] != row["docx_sha256"]:
            report.add("pdf_of_other_document", f"{row['path']}: recorded as made from a .docx "
                       f"with sha256 {row['docx_sha256'][:12]}…, not the document on record",
                       **where)
        found = file_sha256(Path(row["path"]))
        if found is not None and found != row["sha256"]:
            report.add("pdf_changed", f"{row['path']}: differs from the PDF muni made "
                       f"(sha256 {found[:12]}…, recorded {row['sha256'][:12]}… on "
                       f"{row['at']}): changed or replaced after it was made", **where)


def _result(db: Registry, report: _Report, *, records: int, cases: int,
            head: dict[str, Any] | None, anchor: str | None, since: str | None,
            scope: integrity.Scope) -> dict[str, Any]:
    return {
        "ok": not report.findings, "records": records, "cases": cases,
        "documents": integrity.count_documents(db, scope), "head": head, "anchor": anchor,
        "since": since, "pending": report.pending,
        "findings": report.findings, "notes": report.notes,
    }


def _case_exists(db: Registry, case_id: int) -> bool:
    scope = integrity.Scope(case=case_id)
    return (next(integrity.cases(db, scope), None) is not None
            or next(integrity.records_by_case(db, scope), None) is not None)


def _check_chain(db: Registry, report: _Report, start: int, expected_prev: str | None,
                 anchor: str | None) -> tuple[int, dict[str, Any] | None, bool]:
    """Walk the chain from the record ``start`` on (0: from the first): each record's hash
    over its stored text, each link to the record before (``expected_prev`` None: not the
    first record's). Returns the records walked, the head and whether ``anchor`` was met."""
    records = 0
    head = None
    anchor_seen = False
    for row, broken, altered in chain.walk(integrity.chain(db, start), audit.record_hash,
                                           prev=expected_prev):
        records += 1
        if broken:
            _broken_link(report, row["id"])
        if altered:
            _altered(report, row["id"])
        anchor_seen = anchor_seen or row["hash"] == anchor
        head = row
    return records, ({"id": head["id"], "hash": head["hash"]} if head else None), anchor_seen


def _check_links(db: Registry, report: _Report, start: int, expected_prev: str | None,
                 anchor: str | None, case_id: int) -> tuple[int, dict[str, Any] | None, bool]:
    """``_check_chain`` for one case's review: each of the case's records against its hash
    and linked to the records beside it in the chain (a record of another case deleted,
    inserted or edited next to it breaks a link here too); the rest of the chain is
    ``muni verify``'s. Returns the records checked, the head and whether ``anchor`` is in
    the chain from ``start`` on."""
    records = 0
    broken: set[int] = set()
    for row, before, after in integrity.case_links(db, case_id, start):
        records += 1
        if audit.record_hash(row) != row["hash"]:
            _altered(report, row["id"])
        expected = before if before is not None else chain.GENESIS
        if not (row["id"] == start and expected_prev is None) and row["prev_hash"] != expected:
            broken.add(row["id"])
        if after is not None and after[1] != row["hash"]:
            broken.add(after[0])
    for record_id in sorted(broken):
        _broken_link(report, record_id)
    seen = anchor is not None and (integrity.record_id(db, anchor) or -1) >= start
    return records, integrity.head(db), seen


def _broken_link(report: _Report, record_id: int) -> None:
    report.add("chain_broken", f"audit #{record_id}: previous-hash link does not match the "
               "record before it (a record was deleted, inserted or reordered)",
               audit_id=record_id)


def _altered(report: _Report, record_id: int) -> None:
    report.add("record_altered", f"audit #{record_id}: content does not match its hash "
               "(edited)", audit_id=record_id)


def _check_texts(db: Registry, report: _Report) -> set[str]:
    """Each shared verdict text against its key; returns the keys there are (a few hundred:
    one per rule and profile wording, whatever the registry's size)."""
    keys = set()
    for key, body in integrity.verdict_texts(db):
        keys.add(key)
        if audit.text_hash(body) != key:
            report.add("verdict_text_altered", f"the shared text {key[:16]}… of the verdicts "
                       "that name it does not match its hash (edited)")
    return keys


def _by_case(rows: Iterator[dict[str, Any]], key: str = "case_id"
             ) -> Iterator[tuple[int, list[dict[str, Any]]]]:
    """Consecutive rows of one case, grouped: ``(case_id, rows)`` in case order."""
    for cid, group in itertools.groupby(rows, key=lambda r: r[key]):
        yield cid, list(group)


def _cores() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _start_shares(db_path: Path, scope: integrity.Scope, cuts: list[int], hash_workers: int,
                  texts: set[str], folder: Path | None
                  ) -> tuple[concurrent.futures.Executor, list[concurrent.futures.Future]]:
    """One process per range of case ids (cut at ``cuts``), each checking its cases and
    spooling what it finds to ``folder`` (its report comes back as the files' names)."""
    bounds = list(zip([None, *cuts], [*(c - 1 for c in cuts), None], strict=True))
    pool = concurrent.futures.ProcessPoolExecutor(max_workers=len(bounds))
    futures = [pool.submit(_check_share, str(db_path), dataclasses.replace(scope, low=low,
                                                                            high=high),
                           hash_workers, texts, folder) for low, high in bounds]
    return pool, futures


def _check_share(db_path: str, scope: integrity.Scope, hash_workers: int,
                 texts: set[str], folder: Path | None) -> _Report:
    """In a worker process: the per-case checks of the cases in ``scope``."""
    from muni.registry import db as regdb

    db = regdb.connect(db_path)
    try:
        report = _Report(folder)
        report.texts = texts
        report.checked = _check_cases(db, report, scope, hash_workers)
        return report
    finally:
        db.close()


def _check_cases(db: Registry, report: _Report, scope: integrity.Scope,
                 hash_workers: int) -> int:
    """The per-case checks, a merge of four streams ordered by case id; the document files
    are hashed by a few threads meanwhile (reading and hashing release the GIL)."""
    streams = {
        "case": ((c["id"], [c]) for c in integrity.cases(db, scope)),
        "records": _by_case(integrity.records_by_case(db, scope)),
        "documents": _by_case(integrity.documents_by_case(db, scope)),
        "journal": _by_case(integrity.journal_by_case(db, scope)),
    }
    heads: dict[str, tuple[int, list[dict[str, Any]]] | None] = {
        name: next(stream, None) for name, stream in streams.items()}
    workflows: dict[str, Workflow | str] = {}  # a workflow, or why it cannot be loaded
    checked = 0
    with _FileChecks(report, hash_workers) as files:
        while any(h is not None for h in heads.values()):
            cid = min(h[0] for h in heads.values() if h is not None)
            rows: dict[str, list[dict[str, Any]]] = {}
            for name, h in heads.items():
                if h is not None and h[0] == cid:
                    rows[name] = h[1]
                    heads[name] = next(streams[name], None)
            checked += 1
            case = rows.get("case", [None])[0]
            _check_one_case(db, report, files, cid, case, rows.get("records", []),
                            rows.get("documents", []), rows.get("journal", []), workflows)
    return checked


def _check_one_case(db: Registry, report: _Report, files: _FileChecks, cid: int,
                    case: dict[str, Any] | None, rows: list[dict[str, Any]],
                    doc_rows: list[dict[str, Any]], journal_rows: list[dict[str, Any]],
                    workflows: dict[str, Workflow | str]) -> None:
    records: list[dict[str, Any]] = []
    for row in rows:
        decoded = _decode(row)
        if decoded is None:
            report.add("record_unreadable", f"audit #{row['id']}: its JSON columns cannot be "
                       "read (edited)", case=row["case_id"], audit_id=row["id"])
            continue
        for key in sorted(audit.text_keys(decoded["guards"]) - report.texts):
            report.add("verdict_text_missing", f"audit #{row['id']}: names the verdict text "
                       f"{key[:16]}…, which the registry does not hold (deleted)",
                       case=row["case_id"], audit_id=row["id"])
        records.append(decoded)
    workflow = None
    if case is not None:
        try:
            case["data"] = json.loads(case["data"])
        except (TypeError, ValueError):
            case["data"] = {"(unreadable)": case["data"]}
        name = case["workflow"]
        if name not in workflows:
            try:
                workflows[name] = load(name)
            except MuniError as exc:
                workflows[name] = exc.message
        loaded = workflows[name]
        if isinstance(loaded, str):
            report.add("unknown_workflow", f"case {cid}: {loaded}", case=cid)
        else:
            workflow = loaded
    report.add_findings(check_case_records(case, cid, records, workflow))
    report.notes.extend(declared_signatures(records, workflow, cid))
    _check_case_documents(db, report, files, cid, records, doc_rows, journal_rows)


def _check_case_documents(db: Registry, report: _Report, files: _FileChecks, cid: int,
                          records: list[dict[str, Any]], doc_rows: list[dict[str, Any]],
                          journal_rows: list[dict[str, Any]]) -> None:
    by_id = {r["id"]: r for r in records}
    listed: set[tuple[int, str]] = set()
    for d in doc_rows:
        path = d["path"]
        listed.add((d["audit_id"], path))
        record = by_id.get(d["audit_id"])
        entries = record["documents"] if record is not None else None
        if record is None:
            elsewhere = integrity.record_case(db, d["audit_id"])
            if elsewhere is not None:
                try:
                    entries = json.loads(elsewhere[1])
                except (TypeError, ValueError):
                    entries = []
        where = {"case": cid, "audit_id": d["audit_id"], "path": path}
        if entries is None:
            report.add("document_without_audit", f"document {path}: its audit record "
                       f"#{d['audit_id']} does not exist", **where)
            recorded_sha = d["sha256"]
        else:
            entry = next((e for e in entries if isinstance(e, dict) and e.get("path") == path),
                         None)
            if entry is None or record is None:
                report.add("document_not_in_audit", f"document {path}: audit "
                           f"#{d['audit_id']} does not list it", **where)
                recorded_sha = d["sha256"]
            else:
                recorded_sha = entry["sha256"]
                if d["sha256"] != recorded_sha:
                    report.add("document_row_altered", f"document {path}: the registry's hash "
                               f"differs from the one in audit #{d['audit_id']} (the "
                               "documents row was edited)", **where)
                if entry.get("number") != d["journal_number"]:
                    report.add("journal_number_mismatch", f"document {path}: audit "
                               f"#{d['audit_id']} records number {entry.get('number')}, the "
                               f"journal holds {d['journal_number']}", **where)
        files.check(path, recorded_sha, where)
    numbers = {(j["template"], j["number"]) for j in journal_rows}
    for record in records:
        rid = record["id"]
        for entry in record["documents"]:
            if (rid, entry.get("path")) not in listed:
                report.add("document_row_missing", f"audit #{rid} issued {entry.get('path')} "
                           "but the registry has no documents row for it (deleted)", case=cid,
                           audit_id=rid, path=entry.get("path"))
            number = entry.get("number")
            if number is not None and (entry.get("template"), number) not in numbers:
                report.add("journal_line_missing", f"audit #{rid} registered "
                           f"{entry.get('template')} as № {number} but the journal has no "
                           "such line (deleted)", case=cid, audit_id=rid,
                           path=entry.get("path"))


class _FileChecks:
    """Hash document files on a few threads, at most ``WINDOW`` ahead of the results, and
    turn each result into a finding (or a pending rename) as it comes."""

    WINDOW = 64

    def __init__(self, report: _Report, workers: int):
        self.report = report
        self.workers = max(1, workers)
        self.waiting: collections.deque = collections.deque()

    def __enter__(self) -> _FileChecks:
        self.pool = (concurrent.futures.ThreadPoolExecutor(max_workers=self.workers)
                     if self.workers > 1 else None)
        return self

    def check(self, path: str, recorded_sha256: str, where: dict[str, Any]) -> None:
        if self.pool is None:
            self.waiting.append((document_status(path, recorded_sha256), recorded_sha256,
                                 where))
        else:
            self.waiting.append((self.pool.submit(document_status, path, recorded_sha256),
                                 recorded_sha256, where))
        while len(self.waiting) > self.WINDOW:
            self._settle()

    def _settle(self) -> None:
        future, recorded_sha, where = self.waiting.popleft()
        status, current = future if self.pool is None else future.result()
        path = where["path"]
        if status == "pending":
            self.report.pending.append({"case": where["case"], "audit_id": where["audit_id"],
                                        "path": path})
        elif status == "missing":
            self.report.add("document_missing", f"document {path}: the file is gone", **where)
        elif status == "altered":
            self.report.add("document_altered", f"document {path}: its bytes no longer match "
                            f"the recorded SHA-256 ({recorded_sha[:16]}…, now "
                            f"{(current or '')[:16]}…)", **where)

    def __exit__(self, *exc: Any) -> None:
        try:
            if exc[0] is None:
                while self.waiting:
                    self._settle()
        finally:
            if self.pool is not None:
                self.pool.shutdown(wait=True, cancel_futures=True)


def _check_journal(db: Registry, report: _Report, scope: integrity.Scope) -> None:
    for j in integrity.journal_without_document(db, scope):
        report.add("journal_without_document", f"journal {j['series']} {j['year']} № "
                   f"{j['number']} (case {j['case_id']}): no document carries this number",
                   case=j["case_id"])
    if scope.case is not None:
        return
    for s in integrity.journal_series(db):
        label = f"journal {s['municipality']} {s['series']} {s['year']}"
        if s["lines"] != s["last"] - s["first"] + 1:
            numbers = integrity.journal_numbers(db, s["municipality"], s["series"], s["year"])
            missing = sorted(set(range(s["first"], s["last"] + 1)) - set(numbers))
            if missing:
                report.add("journal_gap", f"{label}: number(s) "
                           f"{', '.join(map(str, missing))} are missing between {s['first']} "
                           f"and {s['last']} (deleted)")
        if s["counter"] is not None and s["counter"] > s["last"]:
            report.add("journal_gap", f"{label}: the counter stands at {s['counter']} but the "
                       f"last registered number is {s['last']} (a registered number was "
                       "deleted)")
