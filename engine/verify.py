"""``muni verify``: is the registry still what muni wrote, and was every recorded step lawful?

The hash chain (``registry.audit.verify_chain``) finds an edited, inserted, deleted or
reordered audit record — except one thing a chain alone cannot see: the *last* record
deleted (or rewritten with a fresh hash), since nothing comes after it to disagree. So the
chain is cross-checked against everything else muni writes in the same transaction:

- each case's state, data and version against its audit records (``cases.version`` starts
  at 1 with the "open" record and grows by one with every record, so the number of records
  must equal it: a deleted last record shows up here);
- every ``documents`` row against the audit record that issued it, and the file's bytes on
  disk against the SHA-256 the record holds;
- every journal number against a document and an audit record, and the numbers of each
  series against gaps and against the counter;
- each recorded step against the workflow: a known trigger between the right states, no
  blocking rule recorded as failed, four eyes where the workflow asks for them, an actor;
- the refused-attempts log's own hash chain (``registry.accounts.verify_attempts``).

Besides findings, the report's ``notes`` name the four-eyes steps that rested on declared
names rather than logins (lawful where a registry has no accounts, but only as good as what
was typed) and the records whose rules were judged on a day that had not come when they were
written (``MUNI_TODAY`` set ahead: the demo does it; in an office a reviewer should ask why).

What no check inside one file can catch is a complete, consistent rewrite of the registry by
someone with write access to it. For that, write down the chain's head (``head.hash`` in the
report) somewhere else — a signed letter, the archive — and pass it back as ``anchor``: the
chain must still contain it.

Read-only; returns findings as data, never prints.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from muni.registry import accounts, audit, cases, documents, journal
from muni.registry.db import Registry

from .errors import MuniError, NotFound
from .files import file_sha256
from .identity import recorded_key
from .plan import preparer_records, preparers_of
from .spec import Workflow, load

#: Audit triggers that are not transitions of a workflow.
NON_TRANSITIONS = ("open", "update_data")


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
    """``("ok" | "altered" | "missing", current sha256)`` for one issued document."""
    current = file_sha256(Path(path))
    if current is None:
        return "missing", None
    return ("ok" if current == recorded_sha256 else "altered"), current


def _decode(row: dict) -> dict | None:
    """The record with its JSON decoded, or None when an edit left it unreadable."""
    try:
        out = audit.decode(row)
    except (TypeError, ValueError):
        return None
    shapes_ok = (isinstance(out["guards"], list) and isinstance(out["data"], dict)
                 and isinstance(out["documents"], list)
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
                add("rule_failed_recorded", f"audit #{rid}: '{r['trigger']}' was recorded "
                    f"although rule {v.get('rule')} failed: {v.get('message')}", rid)
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


def verify(db: Registry, *, case_id: int | None = None,
           anchor: str | None = None) -> dict[str, Any]:
    """Every check above; ``case_id`` limits the per-case checks (the chain is always walked
    whole, since one broken link breaks every record after it)."""
    findings: list[Finding] = [
        Finding(f["kind"], f["message"], audit_id=f["audit_id"])
        for f in audit.verify_chain(db)
    ]
    rows = audit.records(db)
    head = {"id": rows[-1]["id"], "hash": rows[-1]["hash"]} if rows else None
    if anchor:
        if not any(r["hash"] == anchor.strip().lower() for r in rows):
            findings.append(Finding("anchor_missing", f"the anchor {anchor} is not in the audit "
                                    "chain: the chain was rewritten since it was written down"))

    by_case: dict[int, list[dict]] = {}
    by_id: dict[int, dict] = {}
    for row in rows:
        decoded = _decode(row)
        if decoded is None:
            findings.append(Finding("record_unreadable", f"audit #{row['id']}: its JSON "
                                    "columns cannot be read (edited)", case=row["case_id"],
                                    audit_id=row["id"]))
            continue
        by_id[row["id"]] = decoded
        by_case.setdefault(row["case_id"], []).append(decoded)

    case_rows = cases.all_rows(db)
    if case_id is not None and case_id not in case_rows and case_id not in by_case:
        raise NotFound(f"no case {case_id}", case=case_id)
    wanted = ({case_id} if case_id is not None else set(case_rows) | set(by_case))
    notes: list[dict[str, Any]] = []
    for cid in sorted(wanted):
        case = case_rows.get(cid)
        workflow = None
        if case is not None:
            try:
                workflow = load(case["workflow"])
            except MuniError as exc:
                findings.append(Finding("unknown_workflow", f"case {cid}: {exc.message}",
                                        case=cid))
        findings += check_case_records(case, cid, by_case.get(cid, []), workflow)
        notes += declared_signatures(by_case.get(cid, []), workflow, cid)

    findings += [Finding(f["kind"], f["message"]) for f in accounts.verify_attempts(db)]
    findings += _check_documents(db, by_id, case_id)
    findings += _check_journal(db, case_id)
    docs = documents.count(db, case_id)
    return {
        "ok": not findings, "records": len(rows),
        "cases": len(wanted), "documents": docs, "head": head,
        "anchor": anchor, "findings": [f.to_json() for f in findings],
        "notes": notes,
    }


def _check_documents(db: Registry, by_id: dict[int, dict],
                     case_id: int | None) -> list[Finding]:
    found: list[Finding] = []
    doc_rows = documents.with_numbers(db, case_id)
    listed: set[tuple[int, str]] = set()
    for d in doc_rows:
        path, cid = d["path"], d["case_id"]
        listed.add((d["audit_id"], path))
        record = by_id.get(d["audit_id"])
        if record is None:
            found.append(Finding("document_without_audit", f"document {path}: its audit record "
                                 f"#{d['audit_id']} does not exist", case=cid,
                                 audit_id=d["audit_id"], path=path))
            recorded_sha = d["sha256"]
        else:
            entry = next((e for e in record["documents"] if e.get("path") == path), None)
            if entry is None or record["case_id"] != cid:
                found.append(Finding("document_not_in_audit", f"document {path}: audit "
                                     f"#{d['audit_id']} does not list it", case=cid,
                                     audit_id=d["audit_id"], path=path))
                recorded_sha = d["sha256"]
            else:
                recorded_sha = entry["sha256"]
                if d["sha256"] != recorded_sha:
                    found.append(Finding("document_row_altered", f"document {path}: the "
                                         "registry's hash differs from the one in audit "
                                         f"#{d['audit_id']} (the documents row was edited)",
                                         case=cid, audit_id=d["audit_id"], path=path))
                if entry.get("number") != d["journal_number"]:
                    found.append(Finding("journal_number_mismatch", f"document {path}: audit "
                                         f"#{d['audit_id']} records number "
                                         f"{entry.get('number')}, the journal holds "
                                         f"{d['journal_number']}", case=cid,
                                         audit_id=d["audit_id"], path=path))
        status, current = document_status(path, recorded_sha)
        if status == "missing":
            found.append(Finding("document_missing", f"document {path}: the file is gone",
                                 case=cid, audit_id=d["audit_id"], path=path))
        elif status == "altered":
            found.append(Finding("document_altered", f"document {path}: its bytes no longer "
                                 f"match the recorded SHA-256 ({recorded_sha[:16]}…, now "
                                 f"{(current or '')[:16]}…)", case=cid,
                                 audit_id=d["audit_id"], path=path))
    numbers = journal.issued(db)
    for rid, record in by_id.items():
        if case_id is not None and record["case_id"] != case_id:
            continue
        for entry in record["documents"]:
            if (rid, entry.get("path")) not in listed:
                found.append(Finding("document_row_missing", f"audit #{rid} issued "
                                     f"{entry.get('path')} but the registry has no documents "
                                     "row for it (deleted)", case=record["case_id"],
                                     audit_id=rid, path=entry.get("path")))
            number = entry.get("number")
            if number is not None and (record["case_id"], entry.get("template"),
                                       number) not in numbers:
                found.append(Finding("journal_line_missing", f"audit #{rid} registered "
                                     f"{entry.get('template')} as № {number} but the journal "
                                     "has no such line (deleted)", case=record["case_id"],
                                     audit_id=rid, path=entry.get("path")))
    return found


def _check_journal(db: Registry, case_id: int | None) -> list[Finding]:
    found: list[Finding] = []
    for j in journal.without_document(db, case_id):
        found.append(Finding("journal_without_document", f"journal {j['series']} "
                             f"{j['year']} № {j['number']} (case {j['case_id']}): no document "
                             "carries this number", case=j["case_id"]))
    if case_id is not None:
        return found
    counters = journal.counters(db)
    for key, numbers in sorted(journal.numbers_by_series(db).items()):
        label = f"journal {key[0]} {key[1]} {key[2]}"
        missing = sorted(set(range(numbers[0], numbers[-1] + 1)) - set(numbers))
        if missing:
            found.append(Finding("journal_gap", f"{label}: number(s) "
                                 f"{', '.join(map(str, missing))} are missing between "
                                 f"{numbers[0]} and {numbers[-1]} (deleted)"))
        last = counters.get(key)
        if last is not None and last > numbers[-1]:
            found.append(Finding("journal_gap", f"{label}: the counter stands at {last} but the "
                                 f"last registered number is {numbers[-1]} (a registered "
                                 "number was deleted)"))
    return found
