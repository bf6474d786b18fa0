"""What muni derives from its own files is kept between processes (``engine/cache.py``) and
never served stale: keyed by the files' bytes, rebuilt when an entry is damaged, and no
error when the folder cannot be written."""

from __future__ import annotations

import io
import os
import shutil
import zipfile

import pytest
from conftest import EXAMPLES
from test_render import context
from tools_helpers import with_member_changed

from muni.engine import cache, rules, spec
from muni.engine.render import BUILTIN_TEMPLATES, TemplateStore


@pytest.fixture
def folder(tmp_path):
    previous = cache.use(tmp_path / "cache")
    yield tmp_path / "cache"
    cache.use(previous)


def counting(value):
    calls = []

    def build():
        calls.append(1)
        return value
    return build, calls


def test_a_value_is_built_once_and_again_when_its_file_changes(folder, tmp_path):
    source = tmp_path / "x.yaml"
    source.write_text("a: 1\n")
    build, calls = counting({"a": 1})
    assert cache.derived("x", [source], build) == {"a": 1}
    assert cache.derived("x", [source], build) == {"a": 1}
    assert len(calls) == 1 and len(list(folder.glob("x-*.pickle"))) == 1
    stat = source.stat()
    source.write_text("a: 2\n")          # same size, same time: the bytes decide
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    build2, calls2 = counting({"a": 2})
    assert cache.derived("x", [source], build2) == {"a": 2} and calls2 == [1]


def test_a_damaged_entry_is_rebuilt_and_an_unwritable_folder_is_no_error(folder, tmp_path):
    source = tmp_path / "x.yaml"
    source.write_text("a: 1\n")
    build, calls = counting([1, 2])
    cache.derived("x", [source], build)
    [entry] = folder.glob("x-*.pickle")
    entry.write_bytes(b"\x80\x05cut sho")
    assert cache.derived("x", [source], build) == [1, 2] and len(calls) == 2
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    cache.use(blocked / "cache")
    assert cache.derived("x", [source], build) == [1, 2] and len(calls) == 3


def test_the_review_page_is_compiled_once_then_loaded_as_code(folder, tmp_path, monkeypatch):
    """Jinja's bytecode cache in the cache folder: a second environment (the next process)
    loads the page without compiling it; a cache that cannot be written is no error."""
    import jinja2

    from muni.engine.review import PAGES

    def environment() -> jinja2.Environment:
        return jinja2.Environment(loader=jinja2.FileSystemLoader(PAGES), autoescape=True,
                                  bytecode_cache=cache.jinja_bytecode())

    first = environment().get_template("review.html.j2")
    assert len(list(folder.glob("jinja-*/__jinja2_*.cache"))) == 1
    later = environment()
    monkeypatch.setattr(later, "compile", lambda *a, **k: pytest.fail("compiled again"))
    assert later.get_template("review.html.j2").root_render_func.__code__.co_code == \
        first.root_render_func.__code__.co_code

    monkeypatch.undo()
    monkeypatch.setattr(jinja2.bccache.tempfile, "NamedTemporaryFile",
                        lambda *a, **k: (_ for _ in ()).throw(OSError(28, "No space left")))
    shutil.rmtree(folder)
    assert environment().get_template("review.html.j2") is not None   # compiled, not kept
    assert list(folder.glob("jinja-*/*")) == []
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    cache.use(blocked / "cache")
    assert cache.jinja_bytecode() is None


def test_an_entry_replaces_the_one_it_was_built_instead_of(folder, tmp_path, monkeypatch):
    """One entry per kind and files: new bytes replace the old entry; new code (an upgrade)
    clears what older code left — entries, compiled pages, older formats — but not another
    kind's entry of this code, nor LibreOffice's kept profiles."""
    one, two = tmp_path / "one.yaml", tmp_path / "two.yaml"
    one.write_text("a: 1\n")
    two.write_text("b: 1\n")
    cache.derived("x", [one], lambda: 1)
    cache.derived("x", [two], lambda: 2)
    cache.derived("y", [one], lambda: 3)
    one.write_text("a: 2\n")
    assert cache.derived("x", [one], lambda: 4) == 4
    entries = sorted(p.name.split("-")[0] for p in folder.glob("*.pickle"))
    assert entries == ["x", "x", "y"]                       # x of one.yaml replaced
    assert cache.derived("x", [two], lambda: 5) == 2        # x of two.yaml still read

    (folder / "template-0123456789abcdef0123456789abcdef01234567.pickle").write_bytes(b"old")
    (folder / "jinja-0123456789abcdef0123").mkdir()
    (folder / "libreoffice" / "profile-0").mkdir(parents=True)
    cache.code_digest.cache_clear()
    monkeypatch.setattr(cache, "_ENGINE", tmp_path / "no-code")   # other code: an upgrade
    try:
        assert cache.derived("x", [two], lambda: 6) == 6
        assert [p.name.split("-")[0] for p in folder.glob("*.pickle")] == ["x"]
        assert not (folder / "jinja-0123456789abcdef0123").exists()
        assert (folder / "libreoffice" / "profile-0").is_dir()
        assert cache.derived("y", [one], lambda: 7) == 7
        assert sorted(p.name.split("-")[0] for p in folder.glob("*.pickle")) == ["x", "y"]
    finally:
        cache.code_digest.cache_clear()


def test_errors_are_not_kept(folder, tmp_path):
    source = tmp_path / "x.yaml"
    source.write_text("a: 1\n")

    def broken():
        raise ValueError("bad file")
    with pytest.raises(ValueError):
        cache.derived("x", [source], broken)
    assert not list(folder.glob("x-*.pickle"))


def test_workflows_and_profiles_from_the_cache_equal_the_parsed_ones(folder):
    parsed_workflows = spec._parse_all(spec.WORKFLOWS_DIR)
    parsed_profiles = rules._profiles(rules.RULES_DIR)
    for _ in range(2):  # built and kept, then read back
        assert cache.derived("workflows", cache.tree(spec.WORKFLOWS_DIR),
                             lambda: spec._parse_all(spec.WORKFLOWS_DIR)) == parsed_workflows
        assert cache.derived("profiles", cache.tree(rules.RULES_DIR),
                             lambda: rules._profiles(rules.RULES_DIR)) == parsed_profiles
    assert {p.name.split("-")[0] for p in folder.iterdir()} == {"workflows", "profiles"}


def test_a_template_from_the_cache_renders_the_same_bytes(folder, tmp_path):
    template = tmp_path / "ky" / "working_group_order.docx"
    template.parent.mkdir()
    shutil.copy(BUILTIN_TEMPLATES / "ky" / "working_group_order.docx", template)
    data = context()
    first = TemplateStore(builtin=tmp_path).render("working_group_order", "ky", None, data)
    assert len(list(folder.glob("template-*.pickle"))) == 1
    again = TemplateStore(builtin=tmp_path).render("working_group_order", "ky", None, data)
    assert again == first
    cache.use(None)
    assert TemplateStore(builtin=tmp_path).render("working_group_order", "ky", None,
                                                  data) == first
    cache.use(folder)
    # an edited template is compiled anew: its new text is in the document
    template.write_bytes(with_member_changed(
        template, "word/document.xml",
        lambda xml: xml.replace(b"{{ municipality.oblast_ky|upper }}",
                                b"EDITED {{ municipality.oblast_ky|upper }}", 1)))
    changed = TemplateStore(builtin=tmp_path).render("working_group_order", "ky", None, data)
    assert "EDITED" in zipfile.ZipFile(io.BytesIO(changed)).read("word/document.xml").decode()
    assert len(list(folder.glob("template-*.pickle"))) == 1    # it replaced the old entry


def test_the_cli_keeps_its_derived_values_in_muni_cache(sample_muni, monkeypatch, tmp_path):
    previous = cache.folder()
    try:
        monkeypatch.setenv("MUNI_CACHE", "off")
        cache.use(None)
        sample_muni("status")
        assert cache.folder() is None
        kept = tmp_path / "kept"
        monkeypatch.setenv("MUNI_CACHE", str(kept))
        rules.profiles.cache_clear()
        spec.all_workflows.cache_clear()
        case = sample_muni.json("case", "new", "working_group", "-m", "lipenka", "--data",
                                EXAMPLES / "working_group_case.yaml")["case"]
        sample_muni("explain", case)
        assert cache.folder() == kept
        assert {p.name.split("-")[0] for p in kept.iterdir()} >= {"workflows", "profiles"}
    finally:
        cache.use(previous)
