"""Append-only, hash-chained audit log of every transition.

Each record stores the SHA-256 of its own canonical JSON together with the hash of the record
before it, so an edited, deleted or reordered row breaks the chain and ``verify`` finds it.
A deleted (or re-hashed) *last* row leaves the chain intact; ``engine/verify.py`` catches that
by cross-checking the cases, documents and journal, and by an anchor kept outside the file.

Why verdict texts are stored apart (schema 6): a step records every rule's verdict, and most
of a verdict — the rule's title, legal basis, citation and status in its profile — is the
same for every case judged under that profile: it was 85 % of the registry's bytes (a
country's registry grew to 1.8 GB). Those fields (``SHARED_VERDICT_FIELDS``) go once into
``audit_texts``, keyed by the SHA-256 of their canonical JSON, and the record keeps the
verdict's own fields (rule, ok, severity, message, params, profile) and that key under
``text``. The record's hash covers the key and the key is the hash of the text, so an edited
text is found like an edited record (``verify``). ``history`` gives the verdicts whole, as
they were before: records written before schema 6 hold them whole and are read as they are.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from collections.abc import Iterator
from typing import Any

from .chain import GENESIS, walk
from .db import Registry

#: What a verdict says whatever the case it judged: stored once in ``audit_texts``.
SHARED_VERDICT_FIELDS = ("title", "basis", "verified", "status", "cite", "titles")
_SHARED = frozenset(SHARED_VERDICT_FIELDS)
#: The key under which a stored verdict names its shared text (the text's SHA-256).
TEXT_KEY = "text"
HASHED_FIELDS = (
    "case_id", "at", "actor", "trigger", "from_state", "to_state",
    "profile", "guards", "data", "documents", "prev_hash",
)
#: Who acted, as established (schema 4): hashed when set, so the records written before
#: them keep their hashes and a record that has them cannot lose or change them unseen.
IDENTITY_FIELDS = ("account", "person", "printed_name", "identity", "session")


#: ``canonical``'s encoder, made once: ``json.dumps`` with options builds a new one per call,
#: and a step encodes a dozen values (its verdicts' texts, context, documents, hash).
_CANONICAL = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                              default=str)


def canonical(value: Any) -> str:
    """Stable JSON text: sorted keys, no spaces, UTF-8 kept; dates as ISO strings."""
    return _CANONICAL.encode(value)


def text_hash(body: str) -> str:
    """The key of a shared verdict text: the SHA-256 of its canonical JSON."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


#: Shared texts this process made, by the pickle of their values: a batch judges every
#: case by the same few rules, and encoding and hashing their texts again was a twentieth
#: of a step. A pickle tells apart what the canonical JSON tells apart (``True`` and
#: ``1``, ``1`` and ``1.0``, a str and a date); values that pickle alike are the same
#: values, so their text is the same. Bounded: forgotten past ``_SHARED_LIMIT``.
_shared_made: dict[bytes, tuple[str, str]] = {}
_SHARED_LIMIT = 4096


def shared_text(values: dict[str, Any]) -> tuple[str, str]:
    """``(key, body)`` of a verdict's shared text: ``text_hash`` of its ``canonical`` JSON."""
    try:
        seen = pickle.dumps(values, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # not picklable: made afresh, not kept
        body = canonical(values)
        return text_hash(body), body
    made = _shared_made.get(seen)
    if made is None:
        body = canonical(values)
        if len(_shared_made) >= _SHARED_LIMIT:
            _shared_made.clear()
        made = _shared_made[seen] = (text_hash(body), body)
    return made


class Written:
    """What one write transaction's kept steps have written that the steps after them may
    rely on, kept by whoever holds the transaction: a batch commits 32 steps in one.

    - The shared verdict texts: every step names the same few, so once a step that wrote
      them is kept (its savepoint released) the steps after it need not write them again.
    - The chain's last record (``head``): the next record's ``prev_hash``, without reading
      the log's last row at every step. ``append`` checks the id its record got follows the
      head's, so a record some other code appended in between stops the step instead of
      forking the chain.

    A step rolled back takes what it wrote with it (``forget``). Never kept past the
    transaction: another process may append once the lock is released."""

    def __init__(self) -> None:
        self.kept: set[str] = set()
        self.pending: set[str] = set()
        self.head: tuple[int, str] | None = None
        self.pending_head: tuple[int, str] | None = None

    def keep(self) -> None:
        """The step that wrote ``pending`` is kept in the transaction."""
        self.kept |= self.pending
        self.pending.clear()
        if self.pending_head is not None:
            self.head, self.pending_head = self.pending_head, None

    def forget(self) -> None:
        """The step that wrote ``pending`` was rolled back."""
        self.pending.clear()
        self.pending_head = None


def share_texts(db: Registry, guards: list[dict], written: Written | None = None
                ) -> list[dict]:
    """The verdicts as a record stores them: each one's ``SHARED_VERDICT_FIELDS`` written
    once to ``audit_texts`` (inside the caller's transaction; not again where ``written``
    says this transaction has them) and named by their hash."""
    out = []
    bodies: dict[str, str] = {}
    for verdict in guards:
        if not (isinstance(verdict, dict) and TEXT_KEY not in verdict
                and verdict.keys() >= _SHARED):
            out.append(verdict)
            continue
        key, body = shared_text({k: verdict[k] for k in SHARED_VERDICT_FIELDS})
        bodies[key] = body
        own = {k: v for k, v in verdict.items() if k not in _SHARED}
        own[TEXT_KEY] = key
        out.append(own)
    if written is not None:
        bodies = {key: body for key, body in bodies.items() if key not in written.kept}
        written.pending.update(bodies)
    if bodies:  # one statement for the step's texts
        db.execute("INSERT OR IGNORE INTO audit_texts(hash, body) VALUES "
                   + ", ".join("(?, ?)" for _ in bodies),
                   [x for pair in bodies.items() for x in pair])
    return out


def text_keys(guards: Any) -> set[str]:
    """The shared texts the stored verdicts ``guards`` name."""
    if not isinstance(guards, list):
        return set()
    return {v[TEXT_KEY] for v in guards if isinstance(v, dict) and isinstance(v.get(TEXT_KEY), str)}


def texts(db: Registry, keys: set[str]) -> dict[str, dict]:
    """The shared verdict texts named ``keys``, decoded (a missing one is left out)."""
    if not keys:
        return {}
    marks = ", ".join("?" for _ in keys)
    return {key: json.loads(body) for key, body in db.execute(
        f"SELECT hash, body FROM audit_texts WHERE hash IN ({marks})", sorted(keys))}


def whole_verdicts(guards: list[dict], shared: dict[str, dict]) -> list[dict]:
    """Stored verdicts with their shared texts put back: what the step recorded, as it was
    judged. A text that is missing is left named (``verify`` reports it)."""
    out = []
    for verdict in guards:
        key = verdict.get(TEXT_KEY) if isinstance(verdict, dict) else None
        if key is None or key not in shared:
            out.append(verdict)
            continue
        whole = {k: v for k, v in verdict.items() if k != TEXT_KEY}
        whole.update(shared[key])
        out.append(whole)
    return out


def record_hash(record: dict[str, Any]) -> str:
    hashed = {k: record[k] for k in HASHED_FIELDS}
    hashed.update({k: record[k] for k in IDENTITY_FIELDS if record.get(k) is not None})
    return hashlib.sha256(canonical(hashed).encode("utf-8")).hexdigest()


def last_hash(db: Registry) -> str:
    row = db.execute("SELECT hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    return row[0] if row else GENESIS


def append(
    db: Registry,
    *,
    case_id: int,
    at: str,
    actor: str,
    trigger: str,
    from_state: str | None,
    to_state: str,
    profile: str | None,
    guards: list[dict],
    data: dict,
    documents: list[dict],
    identity: dict[str, Any] | None = None,
    written: Written | None = None,
) -> int:
    """Append one record inside the caller's write transaction; returns its id.

    ``identity``: the ``IDENTITY_FIELDS`` of who acted (``engine.identity.Actor``); without
    it the record names only ``actor``, a declared name. ``written``: the shared texts the
    transaction already holds and the chain's last record in it (``Written``)."""
    if not db.conn.in_transaction:
        raise RuntimeError("audit records must be appended inside a write transaction")
    if not actor or not actor.strip():
        # The last line of defence: the engine refuses a blank actor with an InputError
        # first, but a record without "who" must be impossible on every path.
        raise ValueError("an audit record needs an actor")
    # the record before this one, as this transaction wrote it (None: read it)
    chained = None if written is None else written.pending_head or written.head
    record: dict[str, Any] = {
        "case_id": case_id,
        "at": at,
        "actor": actor,
        "trigger": trigger,
        "from_state": from_state,
        "to_state": to_state,
        "profile": profile,
        "guards": canonical(share_texts(db, guards, written)),
        "data": canonical(data),
        "documents": canonical(documents),
        "prev_hash": last_hash(db) if chained is None else chained[1],
    }
    record.update({k: v for k, v in (identity or {}).items()
                   if k in IDENTITY_FIELDS and v is not None})
    record["hash"] = record_hash(record)
    cur = db.execute(
        f"INSERT INTO audit({', '.join(record)}) VALUES ({', '.join('?' for _ in record)})",
        list(record.values()),
    )
    record_id = int(cur.lastrowid)
    if written is not None:
        if chained is not None and record_id != chained[0] + 1:
            raise RuntimeError(f"audit #{record_id} does not follow #{chained[0]}, the last "
                               "record this transaction wrote: a record was appended without "
                               "it; the step is not written")
        written.pending_head = (record_id, record["hash"])
    return record_id


def history(db: Registry, case_id: int) -> list[dict]:
    """The case's records, oldest first, with JSON columns decoded and each verdict whole
    (its shared text put back)."""
    rows = db.query("SELECT * FROM audit WHERE case_id = ? ORDER BY id", [case_id])
    records = [decode(r) for r in rows]
    shared = texts(db, set().union(*(text_keys(r["guards"]) for r in records)))
    for r in records:
        r["guards"] = whole_verdicts(r["guards"], shared)
    return records


def count_for_case(db: Registry, case_id: int) -> int:
    """How many records the case has: the number of its next step (documents are named by
    it)."""
    return int(db.execute("SELECT count(*) FROM audit WHERE case_id = ?",
                          [case_id]).fetchone()[0])


def actors_newest_first(db: Registry, case_id: int) -> Iterator[dict]:
    """Who acted in the case's records (``actor``, ``trigger`` and the identity columns),
    newest first, read as far as the caller goes (four eyes stops at the last transition)."""
    yield from db.query("SELECT actor, trigger, account, person, identity FROM audit "
                        "WHERE case_id = ? ORDER BY id DESC", [case_id])


def step_date(db: Registry, case_id: int, trigger: str) -> str | None:
    """The day the case's latest ``trigger`` step was taken: the day its rules were judged on
    where the record says (a back-office catch-up), else the day it was recorded."""
    row = db.execute("SELECT coalesce(json_extract(data, '$.evaluation.on'), substr(at, 1, 10))"
                     " FROM audit WHERE case_id = ? AND trigger = ? ORDER BY id DESC LIMIT 1",
                     [case_id, trigger]).fetchone()
    return row[0] if row else None


def decode(row: dict) -> dict:
    out = dict(row)
    for key in ("guards", "data", "documents"):
        out[key] = json.loads(out[key])
    return out


def verify_chain(db: Registry) -> list[dict]:
    """Walk the chain; return one finding per broken link or altered record."""
    findings = []
    for row, broken, altered in walk(db.query("SELECT * FROM audit ORDER BY id"), record_hash):
        if broken:
            findings.append({
                "kind": "chain_broken",
                "audit_id": row["id"],
                "message": f"audit #{row['id']}: previous-hash link does not match the record "
                "before it (a record was deleted, inserted or reordered)",
            })
        if altered:
            findings.append({
                "kind": "record_altered",
                "audit_id": row["id"],
                "message": f"audit #{row['id']}: content does not match its hash (edited)",
            })
    return findings


def recent(db: Registry, municipalities: list[str] | None, *, limit: int = 20) -> list[dict]:
    """The latest records of the cases of ``municipalities`` (None: of every one), newest
    first: who did what to which case, and when — a clerk's "recent activity". Read through
    the per-case index, so a municipality's few records are found without walking the log."""
    columns = ("SELECT a.id, a.case_id, a.at, a.actor, a.trigger, a.from_state, a.to_state, "
               "c.workflow, c.municipality FROM audit a JOIN cases c ON c.id = a.case_id ")
    if municipalities is None:
        return list(db.query(columns + "ORDER BY a.id DESC LIMIT ?", [int(limit)]))
    if not municipalities:
        return []
    marks = ", ".join("?" for _ in municipalities)
    return list(db.query(
        columns + f"WHERE a.case_id IN (SELECT id FROM cases WHERE municipality IN ({marks})) "
        "ORDER BY a.id DESC LIMIT ?", [*municipalities, int(limit)]))
