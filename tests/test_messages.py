"""The rules' messages in Kyrgyz, Russian and English: every key a check can say is worded in
all three catalogs, with the values the check supplies; Kyrgyz and Russian wordings contain
no English; every message renders for arbitrary values.

The keys and their values are read from the source (every ``Say("…", name=…)`` in the
engine), the variables each wording uses from the catalogs (``workflows/messages/*.ftl``), so
a new outcome without its three wordings, or a wording that uses a value no check supplies,
fails here.
"""

from __future__ import annotations

import ast
import datetime as dt
import itertools
import re
from pathlib import Path

import pytest
from fluent.syntax import ast as ftl
from fluent.syntax.visitor import Visitor
from hypothesis import given, settings
from hypothesis import strategies as st

from muni.engine import messages
from muni.engine.errors import SpecError
from muni.engine.messages import LANGS, Say, listing, render, render_checked

ROOT = Path(__file__).resolve().parent.parent
CLDR = {"zero", "one", "two", "few", "many", "other"}
#: Keys the machinery says itself, not a check.
MACHINERY = {"list/more"}


#: Where keys are said: every ``Say("key", name=…)`` in the engine, and every
#: ``phrase("key", lang, name=…)`` of the command line (the labels around the rules).
SPEAKERS = [(path, "Say") for path in sorted((ROOT / "engine").rglob("*.py"))] + [
    (ROOT / "cli.py", "phrase")]


def said_in_source() -> dict[str, set[str]]:
    """Every key the engine and the command line say: key → the value names passed."""
    found: dict[str, set[str]] = {}
    for path, speaker in SPEAKERS:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == speaker):
                continue
            first = node.args[0] if node.args else None
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            assert isinstance(first, ast.Constant) and isinstance(first.value, str), (
                f"{where}: a message key must be written out (Say(\"rule.id/outcome\", …)), "
                "so this test and a translator can find it")
            assert all(k.arg is not None for k in node.keywords), (
                f"{where}: name every value (no **mapping), so the catalogs can be checked")
            found.setdefault(first.value, set()).update(k.arg for k in node.keywords)
    return found


SAID = said_in_source()


class _Uses(Visitor):
    """How a wording uses each variable: as a date, a number, a choice, or text."""

    def __init__(self):
        super().__init__()
        self.kinds: dict[str, set[str]] = {}
        self.choices: dict[str, set[str]] = {}

    def _mark(self, name: str, kind: str) -> None:
        self.kinds.setdefault(name, set()).add(kind)

    def visit_VariableReference(self, node):  # noqa: N802 - the visitor's naming
        self._mark(node.id.name, "text")

    def visit_FunctionReference(self, node):  # noqa: N802
        kind = {"DATE": "date", "NUM": "number", "PCT": "share"}.get(node.id.name, "text")
        for arg in node.arguments.positional:
            if isinstance(arg, ftl.VariableReference):
                self._mark(arg.id.name, kind)
        self.generic_visit(node)

    def visit_SelectExpression(self, node):  # noqa: N802
        if isinstance(node.selector, ftl.VariableReference):
            name = node.selector.id.name
            for v in node.variants:
                if isinstance(v.key, ftl.NumberLiteral) or v.key.name in CLDR:
                    self._mark(name, "number")
                else:
                    self.choices.setdefault(name, set()).add(v.key.name)
        self.generic_visit(node)


def uses(key: str) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """The variables of ``key`` in all three catalogs: their kinds and choice keys."""
    visitor = _Uses()
    for lang in LANGS:
        pattern = messages.keys(lang).get(key)
        if pattern is not None:
            visitor.visit(pattern)
    return visitor.kinds, visitor.choices


def catalog_keys(lang: str) -> set[str]:
    return {k for k in messages.keys(lang) if "/" in k}


# --- completeness -----------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_every_key_a_check_says_is_worded_in_every_language(lang):
    missing = sorted(set(SAID) - catalog_keys(lang))
    assert missing == [], f"workflows/messages/{lang}.ftl lacks {missing}"


@pytest.mark.parametrize("lang", LANGS)
def test_every_worded_key_is_said_by_the_engine(lang):
    unused = sorted(catalog_keys(lang) - set(SAID) - MACHINERY)
    assert unused == [], f"workflows/messages/{lang}.ftl words keys nothing says: {unused}"


def test_every_check_module_speaks_through_the_catalogs():
    """No check returns English text of its own: each returns a ``Say``."""
    from muni.engine.guards import base

    for path in sorted((ROOT / "engine" / "guards").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple) \
                    and len(node.value.elts) == 2:
                message = node.value.elts[1]
                assert not isinstance(message, ast.Constant | ast.JoinedStr), (
                    f"{path.relative_to(ROOT)}:{node.lineno}: a check's message is a "
                    "Say(key, **values), worded in workflows/messages/*.ftl")
    assert base.Result.__args__[1] is Say


@pytest.mark.parametrize("key", sorted(SAID))
def test_each_wording_uses_only_values_the_check_supplies(key):
    kinds, _ = uses(key)
    unknown = sorted(set(kinds) - SAID[key])
    assert unknown == [], f"{key}: the catalogs use {unknown}, which no Say({key!r}) supplies"


# --- Kyrgyz and Russian say it in Kyrgyz and Russian -------------------------------------------

NAME = "Асанов Бакыт"
_LATIN = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def english_words(text: str) -> list[str]:
    """Latin words that are not ids: field paths (``group.chair``, ``sessions[2]``), ids with
    an underscore, anything between backticks (a file kind or a command to type)."""
    text = re.sub(r"`[^`]*`", " ", text)
    words = []
    for token in re.split(r"[\s,;:()«»\"'“”—–]+", text):
        if re.search(r"[._\[\]0-9]", token):
            continue
        words += _LATIN.findall(token)
    return words


def samples(key: str) -> list[dict[str, object]]:
    """Values for every choice a wording makes, with Kyrgyz text for free text."""
    kinds, choices = uses(key)
    fixed: dict[str, object] = {}
    varying: dict[str, list[object]] = {}
    for name in SAID[key]:
        kind = kinds.get(name, {"text"})
        if name in choices:
            varying[name] = sorted(choices[name])
        elif "date" in kind:
            fixed[name] = dt.date(2026, 11, 20)
        elif "share" in kind:
            fixed[name] = 0.3
        elif "number" in kind:
            varying[name] = [0, 1, 2, 5, 21]
        else:
            fixed[name] = NAME
    names = sorted(varying)
    return [{**fixed, **dict(zip(names, combo, strict=True))}
            for combo in itertools.islice(itertools.product(*(varying[n] for n in names)), 200)]


@pytest.mark.parametrize("lang", ["ky", "ru"])
@pytest.mark.parametrize("key", sorted(SAID))
def test_kyrgyz_and_russian_wordings_have_no_english(key, lang):
    for values in samples(key):
        text, errors = render_checked(Say(key, **values), lang)
        assert errors == []
        assert english_words(text) == [], f"{key} ({lang}) with {values}: {text}"


def test_the_english_detector_flags_english_and_spares_ids():
    assert english_words("the group has 8 members") == ["the", "group", "has", "members"]
    assert english_words("топто мүчө жок (group.chair), `officials` тизмеси, sessions[2]") == []


# --- arbitrary values ---------------------------------------------------------------------------

TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)


def values_for(key: str) -> st.SearchStrategy[dict[str, object]]:
    kinds, choices = uses(key)
    fields: dict[str, st.SearchStrategy[object]] = {}
    for name in SAID[key]:
        kind = kinds.get(name, {"text"})
        if name in choices:
            fields[name] = st.sampled_from(sorted(choices[name])) | TEXT
        elif "date" in kind:
            fields[name] = st.dates() | TEXT
        elif "share" in kind:
            fields[name] = st.floats(allow_nan=True, allow_infinity=True) | st.integers()
        elif "number" in kind:
            fields[name] = st.integers(-10**12, 10**12)
        else:
            fields[name] = TEXT | st.integers() | st.lists(TEXT, max_size=12).map(listing)
    return st.fixed_dictionaries(fields)


@pytest.mark.parametrize("key", sorted(SAID))
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_every_message_renders_for_arbitrary_values(key, data):
    values = data.draw(values_for(key))
    say = Say(key, **values)
    for lang in LANGS:
        text, errors = render_checked(say, lang)
        assert errors == [], f"{key} ({lang}): {errors}"
        # a failing function of the catalogs leaves "DATE()" — unless a drawn value wrote
        # it itself ("DATE(" and the wording's own ")": "A(" once made "A()" here)
        assert [m for m in re.findall(r"\b(DATE|NUM|PCT)\(\)", text)
                if f"{m}(" not in repr(values)] == []
        # worded from the plain catalog (no Fluent runtime), it is Fluent's own result
        plain = messages._fill_plain(say, lang)
        if plain is not None:
            assert (plain, []) == messages._through_fluent(say, lang), (key, lang)
    # what the audit stores reads back the same
    assert render(Say.from_json(say.to_json()), "ky") == render(say, "ky")


# --- the formatters the catalogs call ------------------------------------------------------------

def test_dates_numbers_and_shares_in_each_language():
    on = dt.date(2026, 11, 20)
    assert render(Say("head_on_record/ok", name=NAME, on=on), "ky") == (
        "Асанов Бакыт — 2026-жылдын 20-ноябрында реестрде катталган айыл өкмөт башчысы")
    assert render(Say("head_on_record/ok", name=NAME, on=on), "ru") == (
        "Асанов Бакыт — глава айыл окмоту по реестру на 20 ноября 2026 г.")
    assert render(Say("head_on_record/ok", name=NAME, on=on), "en") == (
        "Асанов Бакыт is the head on record on 2026-11-20")
    low = Say("group.gender_balance/low", women=1, men=4, size=5, minority=0.2, share=0.3,
              needed=2, sex="f")
    assert render(low, "ky") == (
        "5 мүчөнүн ичинен 1 аял жана 4 эркек: аялдар 20 % түзөт; азчылыктагы жыныс кеминде "
        "30 % болушу керек (5 мүчөнүн 2си)")
    assert render(low, "ru") == (
        "из 5 членов группы 1 женщина и 4 мужчины: доля женщин — 20 %; доля менее "
        "представленного пола должна быть не менее 30 % (2 из 5)")


@pytest.mark.parametrize(("n", "word"), [(1, "член"), (2, "члена"), (5, "членов"),
                                         (11, "членов"), (21, "член"), (22, "члена")])
def test_russian_nouns_agree_with_the_number(n, word):
    assert render(Say("group.min_size/ok", size=n, min=6), "ru") == (
        f"в группе {n} {word} (не менее 6)")


def test_a_long_list_names_how_many_more():
    say = Say("group.composition/ok", counts=listing([str(i) for i in range(10)], 3, ", "))
    assert render(say, "en") == "0, 1, 2, … and 7 more"
    assert render(say, "ky") == "0, 1, 2, … жана дагы 7"
    assert render(say, "ru") == "0, 1, 2, … и ещё 7"


def test_an_unknown_key_falls_back_to_the_key_and_values():
    text, errors = render_checked(Say("no.such_rule/ok", n=1), "ky")
    assert text == "no.such_rule/ok {'n': 1}" and errors


def test_a_broken_catalog_is_named_with_its_line(tmp_path, monkeypatch):
    (tmp_path / "ky.ftl").write_text("list =\n    .more = … { $n\n", encoding="utf-8")
    monkeypatch.setattr(messages, "CATALOG_DIR", tmp_path)
    messages._resource.cache_clear()
    try:
        with pytest.raises(SpecError, match=r"workflows/messages/ky.ftl:1: "):
            messages.keys("ky")
    finally:
        messages._resource.cache_clear()


@pytest.mark.parametrize("lang", LANGS)
def test_every_wording_has_a_plain_form(lang):
    """Every catalog entry is worded without Fluent's runtime (``messages._plain``): text,
    values, the catalogs' functions and selectors are all the catalogs use. An entry with
    more (a term, a message reference) would still be worded, by Fluent: this names it."""
    plain = messages._plain(lang)
    assert sorted(set(messages.keys(lang)) - set(plain["wordings"])) == []
    assert plain["plural"][:3] == (("other", "one", "other") if lang != "ru"
                                   else ("many", "one", "few"))


@pytest.mark.parametrize("key", sorted(SAID))
def test_everyday_values_are_worded_without_fluent(key):
    """Names, dates, counts, shares and every choice a wording makes: the plain catalog says
    them all, as Fluent does."""
    for values in samples(key):
        say = Say(key, **values)
        for lang in LANGS:
            assert messages._fill_plain(say, lang) == messages._through_fluent(say, lang)[0], (
                key, lang, values)


def test_other_values_go_to_fluent():
    # a negative number shown as it is, a date outside DATE(): Fluent's, still worded whole
    say = Say("cli.status/newest", total=-3, shown=1)
    assert messages._fill_plain(say, "en") is None
    assert render(say, "en").startswith("-3 cases;")
    assert messages._fill_plain(Say("list/more", n=3), "en") == "… and 3 more"
    assert render(Say("list/more", n=3), "en") == "… and 3 more"


def _kept(value):
    """What a message keeps of a value, said plainly: dates (and times) as ISO text, lists
    as a Listing of what each item is kept as, everything else as it is."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return messages.Listing(tuple(_kept(v) for v in value), 0, "; ")
    return value


_SCALARS = (st.text(max_size=8) | st.integers() | st.floats(allow_nan=False) | st.booleans()
            | st.none() | st.dates() | st.datetimes())


@given(value=st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=3)
                          | st.builds(lambda v: Say("list/more", n=v), inner), max_leaves=6))
def test_a_value_is_kept_and_recorded_as_it_was_said(value):
    """Whatever type a value has (a bool is an int, a datetime a date: the checks' order
    matters), a message keeps it and records it as JSON that reads back the same."""
    import json

    say = Say("list/more", n=value)
    assert say.values["n"] == _kept(value)
    assert type(say.values["n"]) is type(_kept(value))
    recorded = json.loads(json.dumps(say.to_json()))
    assert recorded == say.to_json()
    assert Say.from_json(recorded) == say
