"""Russian documents word positions and occupations in Russian: registry columns, their
migration and import, and the context builder's choice by language."""

from __future__ import annotations

import datetime as dt
import sqlite3

from conftest import EXAMPLES

from muni.engine import intake
from muni.engine import plan as planning
from muni.engine.actor import Actor
from muni.engine.imports import import_files
from muni.registry import db as regdb
from muni.registry import schema

CASE = EXAMPLES / "working_group_case.yaml"


def _columns(db, table: str) -> set[str]:
    return {row[1] for row in db.execute(f"PRAGMA table_info({table})")}


def test_a_version_1_registry_gains_the_russian_columns_and_keeps_its_rows(tmp_path):
    path = tmp_path / "old.db"
    db = regdb.connect(path, create=True)
    import_files(db, [EXAMPLES / "sample_municipality.yaml"])
    people = db.execute("SELECT count(*) FROM people").fetchone()[0]
    db.close()
    # make it what muni 0.1 wrote: schema version 1, no Russian columns
    conn = sqlite3.connect(path)
    conn.execute("ALTER TABLE people DROP COLUMN occupation_ru")
    conn.execute("ALTER TABLE officials DROP COLUMN position_ru")
    conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()

    db = regdb.connect(path)
    assert "occupation_ru" in _columns(db, "people")
    assert "position_ru" in _columns(db, "officials")
    version = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
    assert int(version) == schema.SCHEMA_VERSION  # upgraded to the current schema (3)
    assert "claims" in db.table_names()           # and the tables added since version 1
    assert db.execute("SELECT count(*) FROM people").fetchone()[0] == people
    db.close()
    regdb.connect(path).close()  # migrating twice is harmless


def test_import_reads_the_russian_fields_from_yaml_and_csv(tmp_path):
    db = regdb.connect(tmp_path / "y.db", create=True)
    import_files(db, [EXAMPLES / "sample_municipality.yaml"])
    assert db.execute("SELECT position_ru FROM officials WHERE person = 'lip-002'"
                      ).fetchone()[0] == "Заместитель главы айыл окмоту"
    assert db.execute("SELECT occupation_ru FROM people WHERE id = 'lip-023'"
                      ).fetchone()[0] == "Учитель школы"
    csv_db = regdb.connect(tmp_path / "c.db", create=True)
    import_files(csv_db, [EXAMPLES / f"{k}.csv" for k in
                          ("municipalities", "people", "officials", "journals")])
    assert csv_db.execute("SELECT position_ru FROM officials WHERE person = 'lip-003'"
                          ).fetchone()[0] == "Ответственный секретарь"


def _positions(db, lang: str | None) -> dict[str, str]:
    case_id = intake.open_case(db, "working_group", "lipenka", intake.read_data_file(CASE),
                               actor=Actor("clerk"))
    plan = planning.plan(db, case_id, "draft_order", today=dt.date(2026, 11, 21), lang=lang)
    group = plan.prepared.context["group"]
    people = [group["chair"], group["secretary"], *group["members"]]
    return {p["name"]: p["position"] for p in people}


def test_the_context_words_positions_in_the_documents_language(db):
    ru = _positions(db, "ru")
    assert ru["Осмонова Салтанат Токтогуловна"] == "Заместитель главы айыл окмоту"  # office
    assert ru["Турдубаев Азамат Калыкович"] == "Учитель школы"  # occupation
    # a position written in the case data has its Russian wording there too
    assert ru["Айпери Жолдошбек кызы"] == "Представитель молодёжного совета айылного аймака"
    ky = _positions(db, "ky")
    assert ky["Осмонова Салтанат Токтогуловна"] == "Айыл өкмөт башчысынын орун басары"
    assert ky["Айпери Жолдошбек кызы"] == "Айылдык аймактын жаштар кеңешинин өкүлү"
    assert _positions(db, None) == ky  # the municipality's language (ky)


def test_without_a_russian_wording_the_kyrgyz_one_is_used(db):
    db.execute("UPDATE officials SET position_ru = NULL WHERE person = 'lip-002'")
    db.execute("UPDATE people SET occupation_ru = NULL WHERE id = 'lip-023'")
    ru = _positions(db, "ru")
    assert ru["Осмонова Салтанат Токтогуловна"] == "Айыл өкмөт башчысынын орун басары"
    assert ru["Турдубаев Азамат Калыкович"] == "Мектеп мугалими"
