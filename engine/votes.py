"""Council arithmetic: quorum, majorities and tally checks, as pure functions.

Kept apart from the guards and the protocol so both use one computation: the protocol states
the same threshold the guard enforced, and property tests can check the arithmetic alone.
The thresholds (share, strictness, base, which kinds of decision a rule concerns) are not here:
they are parameters of the rule profile in force on the session's date (``workflows/rules/``),
handed in as :class:`VoteRule` values so this module knows nothing of profiles.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .messages import Say

VOTE_CHOICES = ("for", "against", "abstained")


def threshold(base: int, fraction: Fraction, strict: bool) -> int:
    """The smallest whole number of votes (or deputies) that satisfies the rule.

    ``strict`` means "more than" (more than half of 15 → 8; of 16 → 9); otherwise "not less
    than" (not less than half of 15 → 8; of 16 → 8; not less than two thirds of 15 → 10).
    """
    if base < 0:
        raise ValueError("base must not be negative")
    exact = fraction * base
    if strict:
        return math.floor(exact) + 1
    return math.ceil(exact)


def fraction_of(params: Mapping[str, Any], key: str = "fraction") -> Fraction:
    """``[1, 2]`` in a profile → ``Fraction(1, 2)``; a float share (0.5) is accepted too."""
    value = params.get(key, [1, 2])
    if isinstance(value, (list, tuple)):
        return Fraction(int(value[0]), int(value[1]))
    return Fraction(str(value))


_FRACTION_NAMES = {
    "en": {Fraction(1, 2): "half", Fraction(1, 3): "one third", Fraction(2, 3): "two thirds",
           Fraction(3, 4): "three quarters"},
    "ky": {Fraction(1, 2): "жарымынан", Fraction(1, 3): "үчтөн биринен",
           Fraction(2, 3): "үчтөн экисинен", Fraction(3, 4): "төрттөн үчүнөн"},
    "ru": {Fraction(1, 2): "половины", Fraction(1, 3): "одной трети",
           Fraction(2, 3): "двух третей", Fraction(3, 4): "трёх четвертей"},
}


def describe(fraction: Fraction, strict: bool, lang: str = "en") -> str:
    """"a majority", "not less than half", "not less than two thirds" — the law's words.

    "More than half" is a majority («көпчүлүгү», «большинство»), the word Law No. 101 uses.
    """
    if strict and fraction == Fraction(1, 2):
        return {"en": "a majority", "ky": "көпчүлүгү", "ru": "большинство"}[lang]
    names = _FRACTION_NAMES[lang]
    name = names.get(fraction, f"{fraction.numerator}/{fraction.denominator}")
    if lang == "ky":
        return f"{name} {'көбү' if strict else 'кем эмеси'}"
    if lang == "ru":
        return f"{'более' if strict else 'не менее'} {name}"
    return f"{'more than' if strict else 'not less than'} {name}"


@dataclass(frozen=True)
class Tally:
    """One agenda item's vote: totals, and the roll call when it was taken per deputy."""

    for_: int
    against: int
    abstained: int
    roll_call: tuple[tuple[str, str], ...] = ()   # (deputy id, choice); empty: totals only

    @property
    def voted(self) -> int:
        return self.for_ + self.against + self.abstained


def tally_problems(tally: Tally, present: int, elected: int,
                   present_ids: frozenset[str] | None = None) -> list[str]:
    """Why a recorded vote cannot be true, in English; empty when it is consistent
    (``tally_findings`` worded)."""
    return [str(f) for f in tally_findings(tally, present, elected, present_ids)]


def tally_findings(tally: Tally, present: int, elected: int,
                   present_ids: frozenset[str] | None = None) -> list[Say]:
    """Why a recorded vote cannot be true, as messages (``vote.tally``); empty when it is
    consistent.

    for + against + abstained ≤ present ≤ elected; no negative count; with a roll call, a
    deputy votes once, only present deputies vote, and the totals agree with the roll call.
    """
    problems = []
    for name, value in (("for", tally.for_), ("against", tally.against),
                        ("abstained", tally.abstained)):
        if value < 0:
            problems.append(Say("vote.tally/negative", name=name, value=value))
    if present > elected:
        problems.append(Say("vote.tally/over_elected", present=present, elected=elected))
    if tally.voted > present:
        problems.append(Say("vote.tally/over_present", voted=tally.voted, for_=tally.for_,
                            against=tally.against, abstained=tally.abstained, present=present))
    if tally.roll_call:
        seen: set[str] = set()
        for deputy, choice in tally.roll_call:
            if deputy in seen:
                problems.append(Say("vote.tally/twice", deputy=deputy))
            seen.add(deputy)
            if choice not in VOTE_CHOICES:
                problems.append(Say("vote.tally/unknown_choice", deputy=deputy, choice=choice,
                                    choices=", ".join(VOTE_CHOICES)))
            if present_ids is not None and deputy not in present_ids:
                problems.append(Say("vote.tally/absent", deputy=deputy))
    return problems


def tally_from(record: dict[str, Any]) -> Tally:
    """A vote as the session data records it: ``{for, against, abstained}`` totals or a
    ``roll_call`` list of ``{deputy, vote}``; with a roll call the totals are counted."""
    roll = tuple((str(r.get("deputy")), str(r.get("vote"))) for r in record.get("roll_call") or [])
    if roll:
        counts = {c: sum(1 for _, v in roll if v == c) for c in VOTE_CHOICES}
        return Tally(counts["for"], counts["against"], counts["abstained"], roll)
    return Tally(int(record.get("for", 0)), int(record.get("against", 0)),
                 int(record.get("abstained", 0)))


@dataclass(frozen=True)
class VoteRule:
    """A vote rule of the profile in force, as the arithmetic needs it.

    ``params``: ``fraction``, ``strict``, ``base`` (``elected``: the total number of deputies;
    ``present``), ``kinds`` (the decisions it concerns; absent: every decision) and ``measure``
    (``for``: the votes for; ``participants``: the deputies who voted, for an election's
    validity). ``blocking`` is false for a rule that only warns; ``withdrawn`` says why a rule
    does not carry over into the profile (a decision of its kind cannot be adopted under it).
    """

    id: str
    params: Mapping[str, Any]
    blocking: bool = True
    withdrawn: str | None = None

    def applies_to(self, kind: str) -> bool:
        kinds = self.params.get("kinds")
        return kinds is None or kind in kinds


_OF = {"en": {"elected": "of the total number of deputies",
              "present": "of the deputies present"},
       "ky": {"elected": "депутаттардын жалпы санынын", "present": "катышкан депутаттардын"},
       "ru": {"elected": "от общего числа депутатов",
              "present": "от числа присутствующих депутатов"}}
_MEASURE = {"en": {"participants": "taking part: "}, "ky": {"participants": "катышкандар: "},
            "ru": {"participants": "участвуют: "}}


@dataclass(frozen=True)
class Requirement:
    """One threshold a vote must meet, computed from a rule's parameters."""

    rule: str              # rule id: vote.majority, vote.charter_amendment, vote.quorum, …
    base_name: str         # "elected" (the total number of deputies) or "present"
    base: int
    fraction: Fraction
    strict: bool
    needed: int
    measure: str = "for"   # "for", "participants" (voted), "present" (attendance)
    blocking: bool = True
    withdrawn: str | None = None

    def count(self, tally: Tally | None, present: int | None = None) -> int:
        """What this requirement counts in a vote: votes for, deputies who voted, present."""
        if self.measure == "present":
            return present or 0
        if tally is None:
            return 0
        return tally.voted if self.measure == "participants" else tally.for_

    def met(self, tally: Tally | None, present: int | None = None) -> bool:
        return self.withdrawn is None and self.count(tally, present) >= self.needed

    def words(self, lang: str = "en") -> str:
        """"not less than two thirds of the total number of deputies" in ``lang``."""
        rule = describe(self.fraction, self.strict, lang)
        of = _OF[lang][self.base_name]
        prefix = _MEASURE[lang].get(self.measure, "")
        if lang == "ky":
            return f"{prefix}{of} {rule}"
        if lang == "ru":
            return f"{prefix}{rule} {of}"
        return f"{prefix}{rule} {of}"


def requirement(rule: VoteRule, elected: int, present: int, measure: str | None = None
                ) -> Requirement:
    """The threshold ``rule`` sets for a council of ``elected`` deputies, ``present`` attending."""
    p = rule.params
    base_name = str(p.get("base", "elected"))
    if base_name not in ("elected", "present"):
        raise ValueError(f"{rule.id}: base must be 'elected' or 'present', not '{base_name}'")
    base = present if base_name == "present" else elected
    fraction, strict = fraction_of(p), bool(p.get("strict", True))
    return Requirement(rule=rule.id, base_name=base_name, base=base, fraction=fraction,
                       strict=strict, needed=threshold(base, fraction, strict),
                       measure=measure or str(p.get("measure", "for")),
                       blocking=rule.blocking, withdrawn=rule.withdrawn)


def requirements(kind: str, elected: int, present: int, rules: Iterable[VoteRule]
                 ) -> list[Requirement]:
    """Every threshold a decision of ``kind`` must meet, in the order the profile's rules come:
    the majority of the total (a rule without ``kinds``), and each rule that names the kind."""
    return [requirement(r, elected, present) for r in rules if r.applies_to(kind)]


def quorum(elected: int, params: Mapping[str, Any]) -> Requirement:
    """The quorum as a requirement on attendance (Law No. 101 art. 28(2): not less than half)."""
    return requirement(VoteRule("vote.quorum", params), elected, elected, measure="present")


def quorum_needed(elected: int, params: Mapping[str, Any]) -> int:
    """Deputies who must be present for the session to be competent."""
    return quorum(elected, params).needed
