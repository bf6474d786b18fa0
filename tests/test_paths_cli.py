"""Through the CLI: nothing muni writes or reads under its roots leaves them, whatever a
municipality code in the registry holds; an output option under a file is a clear error;
ids beyond SQLite's integers are unknown cases, not tracebacks. Each refusal leaves the
registry, the documents and the journal exactly as they were."""

from __future__ import annotations

import shutil
import sqlite3
import uuid
from contextlib import closing

import pytest
from conftest import EXAMPLES, working_group
from snapshots import snapshot

CASE = EXAMPLES / "working_group_case.yaml"


def refused(muni, *args: str, code: int = 3, actor: str = "clerk") -> str:
    before = snapshot(muni.tmp, muni.db_path)
    result = muni(*args, ok=False, actor=actor)
    assert result.exit_code == code, result.output
    assert snapshot(muni.tmp, muni.db_path) == before
    return result.stderr


def rename_municipality(db_path, code: str) -> None:
    """What an older muni let an import store: a code that is a path."""
    with closing(sqlite3.connect(db_path)) as con:
        con.execute("PRAGMA foreign_keys = OFF")
        for table, column in (("municipalities", "code"), ("people", "municipality"),
                              ("officials", "municipality"), ("counters", "municipality"),
                              ("cases", "municipality")):
            con.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = 'lipenka'", [code])
        con.commit()


@pytest.fixture
def outside(muni):
    """A folder name beside the test's folder, unique, removed afterwards."""
    name = f"evil-{uuid.uuid4().hex[:8]}"
    yield name
    shutil.rmtree(muni.tmp.parent / name, ignore_errors=True)


def test_a_path_code_in_the_registry_cannot_put_documents_outside(sample_muni, outside):
    muni = sample_muni
    case = muni.json("case", "new", "working_group", "-m", "lipenka", "--data", CASE)["case"]
    rename_municipality(muni.db_path, f"../../{outside}")
    message = refused(muni, "advance", case)
    assert "would be outside" in message   # (the template lookup refuses it first)
    assert not (muni.tmp.parent / outside).exists()
    assert not (muni.tmp / outside).exists()
    message = refused(muni, "preview", case)
    assert "would be outside" in message
    assert not (muni.tmp.parent / outside).exists()


def test_a_path_code_cannot_load_a_template_from_outside(sample_muni, outside):
    muni = sample_muni
    case = muni.json("case", "new", "working_group", "-m", "lipenka", "--data", CASE)["case"]
    # a template planted beside the overrides folder, where '../<name>' would find it
    planted = muni.tmp / outside / "ky"
    planted.mkdir(parents=True)
    shutil.copy(EXAMPLES.parent / "templates" / "docx" / "ky" / "working_group_order.docx",
                planted / "working_group_order.docx")
    (muni.tmp / "templates").mkdir()
    rename_municipality(muni.db_path, f"../{outside}")
    message = refused(muni, "advance", case)
    assert "would be outside" in message and str(muni.tmp / "templates") in message


@pytest.mark.parametrize("command", [
    ("advance", "{case}", "--out", "{file}/sub"),
    ("preview", "{case}", "--out", "{file}/sub"),
    ("review", "{case}", "--out", "{file}/page.html"),
    ("diagram", "working_group", "--out", "{file}/wg.mmd"),
    ("registry", "acts", "--format", "csv", "--output", "{file}/acts.csv"),
    ("demo", "--out", "{file}/demo"),
], ids=["advance", "preview", "review", "diagram", "registry-acts", "demo"])
def test_an_output_option_under_a_file_is_a_clear_error(sample_muni, command):
    muni = sample_muni
    case = muni.json("case", "new", "working_group", "-m", "lipenka", "--data", CASE)["case"]
    notes = muni.write("notes.txt", "a file, not a folder\n")
    args = [a.format(case=case, file=notes) for a in command]
    message = refused(muni, *args)
    assert f"{notes} is a file, not a folder" in message or \
        f"is under {notes}, which is a file, not a folder" in message


@pytest.mark.parametrize("command", [
    ("case", "show", "{n}"), ("history", "{n}"), ("explain", "{n}"), ("advance", "{n}"),
    ("review", "{n}", "--out", "r.html"), ("registry", "act", "{n}"),
    ("render", "{n}"), ("verify", "--case", "{n}"),
], ids=lambda c: " ".join(c[:2]))
def test_case_ids_beyond_sqlite_are_a_usage_error_naming_the_argument(sample_muni, command):
    muni = sample_muni
    working_group(muni, ("clerk",))
    huge = str(2**70)
    message = refused(muni, *[a.format(n=huge) for a in command], code=2)
    assert f"{huge} is not in the range 1<=x<=9223372036854775807" in message


def test_the_engine_knows_no_case_beyond_sqlite(sample_muni):
    """Below the CLI (the web passes ids too) an impossible id is simply no case."""
    from muni.engine import Engine
    from muni.engine.errors import NotFound

    with Engine(sample_muni.db_path) as engine, pytest.raises(NotFound, match=str(2**70)):
        engine.case(2**70)


def test_numbers_beyond_sqlite_in_listing_options(sample_muni):
    muni = sample_muni
    working_group(muni, ("clerk",))
    for args, name in ((("status", "--limit", str(2**70)), "--limit"),
                       (("journal", "--year", str(2**70)), "--year"),
                       (("registry", "acts", "--year", str(2**70)), "--year"),
                       (("advance", "--all", "--jobs", str(2**70)), "--jobs")):
        message = refused(muni, *args, code=2)
        assert f"Invalid value for '{name}'" in message and str(2**70) in message


def test_a_template_name_that_is_a_path_is_refused(sample_muni):
    muni = sample_muni
    (muni.tmp / "templates").mkdir()
    message = refused(muni, "templates", "copy", "../../../../x", "-m", "lipenka")
    assert "would be outside" in message
    message = refused(muni, "templates", "copy", "working_group_order", "-m", "../x")
    assert "no municipality '../x'" in message
