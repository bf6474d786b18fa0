"""Council arithmetic: quorum, majorities and tally checks, as pure functions.

Kept apart from the guards and the protocol so both use one computation: the protocol states
the same threshold the guard enforced, and property tests can check the arithmetic alone.
The thresholds (share, strictness, base, which kinds need two thirds) are not here: they are
parameters of the rule profile in force on the session's date (``workflows/rules/``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

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


def fraction_of(params: dict[str, Any], key: str = "fraction") -> Fraction:
    """``[1, 2]`` in a profile → ``Fraction(1, 2)``; a float share (0.5) is accepted too."""
    value = params.get(key, [1, 2])
    if isinstance(value, (list, tuple)):
        return Fraction(int(value[0]), int(value[1]))
    return Fraction(str(value))


def describe(fraction: Fraction, strict: bool, lang: str = "en") -> str:
    """"more than half", "not less than two thirds" — the words of the rule, for messages."""
    names = {
        "en": {Fraction(1, 2): "half", Fraction(2, 3): "two thirds",
               Fraction(3, 4): "three quarters"},
        "ky": {Fraction(1, 2): "жарымынан", Fraction(2, 3): "үчтөн экисинен",
               Fraction(3, 4): "төрттөн үчүнөн"},
        "ru": {Fraction(1, 2): "половины", Fraction(2, 3): "двух третей",
               Fraction(3, 4): "трёх четвертей"},
    }[lang]
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
    """Why a recorded vote cannot be true; empty when it is consistent.

    for + against + abstained ≤ present ≤ elected; no negative count; with a roll call, a
    deputy votes once, only present deputies vote, and the totals agree with the roll call.
    """
    problems = []
    for name, value in (("for", tally.for_), ("against", tally.against),
                        ("abstained", tally.abstained)):
        if value < 0:
            problems.append(f"'{name}' is {value}; a count cannot be negative")
    if present > elected:
        problems.append(f"{present} deputies present, but the council has only {elected} "
                        "elected deputies")
    if tally.voted > present:
        problems.append(f"{tally.voted} votes cast (for {tally.for_}, against {tally.against}, "
                        f"abstained {tally.abstained}) but only {present} deputies present")
    if tally.roll_call:
        seen: set[str] = set()
        for deputy, choice in tally.roll_call:
            if deputy in seen:
                problems.append(f"deputy '{deputy}' voted more than once")
            seen.add(deputy)
            if choice not in VOTE_CHOICES:
                problems.append(f"deputy '{deputy}': unknown vote '{choice}' "
                                f"(use {', '.join(VOTE_CHOICES)})")
            if present_ids is not None and deputy not in present_ids:
                problems.append(f"deputy '{deputy}' voted but is not recorded as present")
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
class Requirement:
    """The rule a decision of a given kind must meet, computed from the profile's parameters."""

    rule: str              # rule id: vote.majority or vote.special_majority
    base_name: str         # "elected" or "present"
    base: int
    fraction: Fraction
    strict: bool
    needed: int

    def words(self, lang: str = "en") -> str:
        of = {"en": {"elected": "of the elected deputies", "present": "of the deputies present"},
              "ky": {"elected": "шайланган депутаттардын",
                     "present": "катышкан депутаттардын"},
              "ru": {"elected": "от числа избранных депутатов",
                     "present": "от числа присутствующих депутатов"}}[lang][self.base_name]
        if lang == "ky":
            return f"{of} {describe(self.fraction, self.strict, 'ky')}"
        return f"{describe(self.fraction, self.strict, lang)} {of}"


def requirements(kind: str, elected: int, present: int, majority: dict[str, Any],
                 special: dict[str, Any]) -> list[Requirement]:
    """Every threshold a decision of ``kind`` must meet: the ordinary majority always, and a
    special majority where the profile lists the kind."""
    out = []
    for rule_id, params in (("vote.majority", majority), ("vote.special_majority", special)):
        if rule_id == "vote.special_majority" and kind not in (params.get("kinds") or []):
            continue
        of_present = kind in (params.get("of_present_kinds") or [])
        base_name = "present" if of_present else str(params.get("base", "elected"))
        base = present if base_name == "present" else elected
        fraction = fraction_of(params)
        strict = bool(params.get("strict", True))
        out.append(Requirement(rule=rule_id, base_name=base_name, base=base,
                               fraction=fraction, strict=strict,
                               needed=threshold(base, fraction, strict)))
    return out


def quorum_needed(elected: int, params: dict[str, Any]) -> int:
    """Deputies who must be present: by default more than half of the elected deputies."""
    return threshold(elected, fraction_of(params), bool(params.get("strict", True)))
