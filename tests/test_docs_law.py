"""docs/law.md, the lawyer's page, names every rule of the profiles and no rule that is gone."""

from __future__ import annotations

import re
from pathlib import Path

from muni.engine import rules

DOC = Path(__file__).resolve().parent.parent / "docs" / "law.md"


def test_the_law_page_names_every_council_rule_and_only_rules_that_exist():
    text = DOC.read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:act|vote|draft|session|decision|oversight|order)\.[a-z_]+)`",
                           text))
    every = {rid for p in rules.profiles() for rid in p.rules}
    assert named - every == set(), "the page names rules no profile has"
    council = {rid for rid in every if rid.split(".")[0] in
               ("act", "vote", "draft", "session", "decision", "oversight")}
    assert council - named == set(), "council rules the page does not explain"
