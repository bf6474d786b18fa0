"""Rendering treats data as data and refuses undefined variables."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from muni.engine.errors import TemplateError
from muni.engine.locale.typography import plain
from muni.engine.render import TemplateStore

NASTY = "Ак-Суу & Ко <ЖЧК> {{ 7*7 }} {% if %} \"кавычки\" 'апостроф'"


def context(name: str = "Осмонова Салтанат", members: int = 6) -> dict:
    person = {"name": name, "position": "адис", "contacts": "+996 555 00 00 00"}
    return {
        "draft": False,
        "municipality": {"code": "x", "oblast_ky": "Ысык-Көл", "oblast_ru": "Иссык-Кульская",
                         "rayon_ky": "Түп", "rayon_ru": "Тюпский", "aimak_ky": "Липенка",
                         "aimak_ru": "Липенского", "seat_ky": "Липенка", "seat_ru": "Липенка"},
        "order": {"number": "7", "date": dt.date(2014, 11, 19)},
        "head": {"name": "Б. К. Асанов"},
        "responsible": {"name": name},
        "group": {"size": members + 2, "chair": person, "secretary": person,
                  "members": [dict(person, name=f"{name} {i}") for i in range(members)]},
    }


def text_of(data: bytes) -> tuple[str, int]:
    """The text as a reader reads it: no-break hyphens and spaces as ordinary ones."""
    d = docx.Document(io.BytesIO(data))
    cells = [c.text for t in d.tables for r in t.rows for c in r.cells]
    return plain("\n".join([p.text for p in d.paragraphs] + cells)), len(d.tables)


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_special_characters_come_out_verbatim(store, lang):
    data = store.render("working_group_order", lang, None, context(NASTY))
    text, tables = text_of(data)
    assert NASTY in text
    assert "49" not in text
    assert tables == 4
    assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None


def test_date_line_and_count_in_words(store):
    text, _ = text_of(store.render("working_group_order", "ky", None, context(members=4)))
    assert "2014-жылдын 19-ноябры № 7" in text
    assert "курамы 6 (алты) кишиден турган" in text


def test_table_rows_grow_with_the_data(store):
    d = docx.Document(io.BytesIO(store.render("working_group_order", "ky", None,
                                               context(members=30))))
    roster = d.tables[2]
    numbers = [r.cells[0].text for r in roster.rows if r.cells[0].text.isdigit()]
    assert numbers == [str(i) for i in range(1, 33)]


def test_undefined_variable_is_an_error(store):
    ctx = context()
    del ctx["head"]
    with pytest.raises(TemplateError, match="'head' is undefined"):
        store.render("working_group_order", "ky", None, ctx)
    ctx = context()
    del ctx["group"]["chair"]["contacts"]
    with pytest.raises(TemplateError, match="has no attribute 'contacts'"):
        store.render("working_group_order", "ky", None, ctx)


def test_missing_template_names_where_it_looked(store):
    with pytest.raises(TemplateError, match="no template 'nothing' for language 'ky'"):
        store.render("nothing", "ky", None, {})
    with pytest.raises(TemplateError, match="unknown language 'en'"):
        store.find("working_group_order", "en")


def test_sandbox_blocks_python_internals(tmp_path):
    from tools_helpers import write_template

    path = write_template(tmp_path / "ky" / "evil.docx", "{{ ''.__class__.__mro__ }}")
    store = TemplateStore(overrides=tmp_path)
    with pytest.raises(TemplateError, match="unsafe|__class__|access"):
        store.render("evil", "ky", None, {})
    assert path.exists()


def test_municipality_override_wins(tmp_path):
    from tools_helpers import write_template

    write_template(tmp_path / "lipenka" / "ky" / "working_group_order.docx",
                   "Override for {{ municipality.aimak_ky }}")
    store = TemplateStore(overrides=tmp_path)
    text, _ = text_of(store.render("working_group_order", "ky", "lipenka", context()))
    assert text.strip() == "Override for Липенка"
    other, _ = text_of(store.render("working_group_order", "ky", "other", context()))
    assert "ТЕСКЕМЕ" in other


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1,
                    max_size=40).filter(lambda s: s.strip() == s and s))
def test_any_text_round_trips(store, name):
    text, tables = text_of(store.render("working_group_order", "ky", None, context(name)))
    assert tables == 4
    assert plain(name) in text  # what a reader sees; only line-break opportunities may differ
