"""Who acts: the one value every write of the engine carries.

A frozen ``Actor`` rather than a bare name, so that an interface can say *how* it knows who
acts — a name typed on the command line (``declared``), a login checked here (``password``),
a web session (``session``), a session of ``muni login`` (``cli_session``) — and the account
and person behind it, without another change to every signature that writes.
``engine/identity.py`` makes authenticated actors; the CLI makes declared ones with
``Actor.declared(name)``. The audit's ``actor`` column holds ``name``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .errors import InputError
from .names import name_key

#: How an actor's identity was established.
HOW = ("password", "session", "cli_session", "declared")


@dataclass(frozen=True)
class Actor:
    """Who takes a step, and how that is known.

    ``name`` is what the audit's ``actor`` column shows: the login of an account, or the
    declared name. ``how``: ``password`` (logged in here), ``session`` (a web session;
    ``session`` is its public id, never the cookie's secret), ``cli_session`` (a session
    opened by ``muni login``; ``session`` likewise its public id) or ``declared`` (a name
    typed, in a registry without accounts). ``printed_name``: the person's name as the documents
    print it.
    """

    name: str
    how: str = "declared"
    account: str | None = None
    person: str | None = None
    printed_name: str | None = None
    roles: tuple[str, ...] = field(default=())
    session: str | None = None

    def __post_init__(self) -> None:
        if self.how not in HOW:
            raise ValueError(f"Actor.how must be one of {HOW}, not {self.how!r}")
        if self.how != "declared" and not (self.account and self.person):
            raise ValueError("an authenticated Actor names its account and person")

    @classmethod
    def declared(cls, name: str | None) -> Actor:
        """A typed name (``--actor``); refused when blank — every record names who acted."""
        if not name or not name.strip():
            raise InputError("every step needs an actor (--actor or MUNI_ACTOR)")
        return cls(name=name)

    @property
    def authenticated(self) -> bool:
        return self.how != "declared"

    @property
    def identity_key(self) -> str:
        """What four eyes compares: the person, or the declared name's ``name_key``."""
        if self.person:
            return f"person:{self.person}"
        return f"name:{name_key(self.name)}"

    def audit_fields(self) -> dict[str, Any]:
        """The audit record's identity columns."""
        return {"actor": self.name, "account": self.account, "person": self.person,
                "printed_name": self.printed_name or (None if self.person else self.name),
                "identity": self.how, "session": self.session}

    def to_json(self) -> dict[str, Any]:
        return {**self.audit_fields(), "roles": list(self.roles)}


def require(actor: Actor | None) -> Actor:
    """Every record names who acted: the audit is worthless to a reviewer otherwise.

    Refuses a missing or blank actor with the message a clerk can act on, and a bare name
    passed where an ``Actor`` belongs (a caller written before ``Actor`` existed)."""
    if isinstance(actor, str):
        raise TypeError(f"pass an Actor (Actor.declared({actor!r})), not a bare name")
    if actor is None or not actor.name or not actor.name.strip():
        raise InputError("every step needs an actor (--actor or MUNI_ACTOR)")
    return actor
