"""`muni templates copy` and `muni templates diff`: a municipality's own copy of a built-in
template, and what changed in the built-in since it was copied."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import docx
from tools_helpers import write_template

from muni.engine.render import BUILTIN_TEMPLATES

NAME = "working_group_order"
OLD_CLAUSE = "- ушул тескеменин аткарылышын көзөмөлдөө өзүмө калтырылат."
NEW_CLAUSE = "- ушул тескеменин аткарылышына контролду өзүмө калтырам."


def overrides(muni) -> Path:
    return muni.db_path.parent / "templates"


def test_copy_puts_the_builtin_in_the_municipality_folder_with_a_record(sample_muni):
    out = sample_muni.json("templates", "copy", NAME, "-m", "lipenka")
    assert [r["lang"] for r in out] == ["ky", "ru"]
    for lang in ("ky", "ru"):
        copy = overrides(sample_muni) / "lipenka" / lang / f"{NAME}.docx"
        builtin = (BUILTIN_TEMPLATES / lang / f"{NAME}.docx").read_bytes()
        assert copy.read_bytes() == builtin
        record = json.loads((copy.parent / ".builtin" / f"{NAME}.json").read_text())
        assert record["builtin_sha256"] == hashlib.sha256(builtin).hexdigest()
        assert record["copied"] == "2026-11-21" and record["municipality"] == "lipenka"
    # the override is what muni now renders for lipenka
    report = sample_muni.json("templates", "check")
    paths = {t["path"] for t in report["templates"] if t["template"] == NAME}
    assert str(overrides(sample_muni) / "lipenka" / "ky" / f"{NAME}.docx") in paths


def test_copy_one_language_and_refusals(sample_muni):
    out = sample_muni.json("templates", "copy", NAME, "-m", "lipenka", "--lang", "ru")
    assert [r["lang"] for r in out] == ["ru"]
    assert not (overrides(sample_muni) / "lipenka" / "ky").exists()

    again = sample_muni("templates", "copy", NAME, "-m", "lipenka", "--lang", "ru", ok=False)
    assert again.exit_code == 3
    assert "already exists: it is the municipality's own copy" in again.output
    sample_muni("templates", "copy", NAME, "-m", "lipenka", "--lang", "ru", "--force")

    unknown = sample_muni("templates", "copy", "working_group", "-m", "lipenka", ok=False)
    assert unknown.exit_code == 3
    assert "no built-in template 'working_group' (ky)" in unknown.output
    assert "working_group_order" in unknown.output
    nowhere = sample_muni.json("templates", "copy", NAME, "-m", "atlantis", ok=False)
    assert nowhere == {"error": "not_found", "details": [],
                       "message": "no municipality 'atlantis' in the registry"}


def test_diff_says_when_the_builtin_is_unchanged(sample_muni):
    sample_muni("templates", "copy", NAME, "-m", "lipenka")
    report = sample_muni.json("templates", "diff", "-m", "lipenka")
    assert [(o["lang"], o["status"], o["edited"]) for o in report["overrides"]] == [
        ("ky", "current", False), ("ru", "current", False)]
    assert report["changed"] == 0
    text = sample_muni("templates", "diff").output
    assert "ky/working_group_order.docx: the built-in is unchanged since it was copied " \
           "(copied 2026-11-21)" in text


def _pretend_copied_from_an_older_builtin(folder: Path) -> None:
    """Rewrite the kept built-in as an older release had it (another control clause), and
    record that one as the source of the copy."""
    kept = folder / ".builtin" / f"{NAME}.docx"
    document = docx.Document(str(kept))
    [paragraph] = [p for p in document.paragraphs if p.text == NEW_CLAUSE]
    paragraph.runs[0].text = OLD_CLAUSE
    document.save(str(kept))
    record_path = folder / ".builtin" / f"{NAME}.json"
    record = json.loads(record_path.read_text())
    record["builtin_sha256"] = hashlib.sha256(kept.read_bytes()).hexdigest()
    record_path.write_text(json.dumps(record))


def test_diff_shows_what_changed_in_the_builtin_since_the_copy(sample_muni):
    sample_muni("templates", "copy", NAME, "-m", "lipenka", "--lang", "ky")
    folder = overrides(sample_muni) / "lipenka" / "ky"
    _pretend_copied_from_an_older_builtin(folder)
    # the clerk edited the copy in Word meanwhile
    copy = folder / f"{NAME}.docx"
    document = docx.Document(str(copy))
    document.paragraphs[-1].add_run(" ")
    document.save(str(copy))

    [item] = sample_muni.json("templates", "diff", "-m", "lipenka")["overrides"]
    assert item["status"] == "builtin_changed" and item["edited"] is True
    assert f"-{OLD_CLAUSE}" in item["changes"] and f"+{NEW_CLAUSE}" in item["changes"]
    assert item["changes"][:2] == ["--- built-in as copied", "+++ built-in now"]
    assert sum(line[:1] in "+-" for line in item["changes"][2:]) == 2  # nothing else moved

    text = sample_muni("templates", "diff").output
    assert "the built-in CHANGED since it was copied (copied 2026-11-21); edited here" in text
    assert f"    -{OLD_CLAUSE}\n    +{NEW_CLAUSE}\n" in text


def test_diff_of_a_hand_made_override_compares_it_with_the_builtin(muni, monkeypatch,
                                                                   tmp_path):
    shared = tmp_path / "tpl"
    monkeypatch.setenv("MUNI_TEMPLATES", str(shared))
    write_template(shared / "ru" / f"{NAME}.docx", "Распоряжение {{ order.number }}")
    write_template(shared / "ky" / "no_such_form.docx", "x")
    muni("init")
    report = muni.json("templates", "diff")
    by_name = {(o["template"], o["lang"]): o for o in report["overrides"]}
    hand = by_name[(NAME, "ru")]
    assert hand["status"] == "unrecorded" and hand["municipality"] is None
    assert "-Распоряжение {{ order.number }}" in hand["changes"]
    assert "+РАСПОРЯЖЕНИЕ" in hand["changes"]
    assert by_name[("no_such_form", "ky")]["status"] == "no_builtin"
    assert report["changed"] == 1


def test_diff_without_overrides(sample_muni):
    assert sample_muni("templates", "diff").output == "No overrides.\n"
    assert sample_muni.json("templates", "diff") == {"overrides": [], "changed": 0}
