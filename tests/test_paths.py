"""engine/paths.py: a path built from data never leaves its root; a folder option under a
file is refused naming the file. (Through the CLI: tests/test_paths_cli.py.)"""

from __future__ import annotations

import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from muni.engine.errors import InputError
from muni.engine.paths import inside, usable_file, usable_folder

PARTS = st.lists(st.sampled_from(["..", ".", "a", "b", "/", "/etc", "../x", "a/../..",
                                  "c:", "x" * 10, "lipenka", "2026", "..\\.."]),
                 min_size=1, max_size=6)


@given(PARTS)
def test_a_path_from_any_parts_is_inside_its_root_or_refused(tmp_path_factory, parts):
    root = tmp_path_factory.getbasetemp() / "root"
    root.mkdir(exist_ok=True)
    try:
        path = inside(root, *parts)
    except InputError as exc:
        assert "would be outside" in exc.message
        return
    assert path == root.resolve() or path.is_relative_to(root.resolve())


def test_what_is_refused_and_why(tmp_path):
    root = tmp_path / "documents"
    root.mkdir()
    assert inside(root, "lipenka", "2026") == root.resolve() / "lipenka" / "2026"
    for parts in (("..",), ("../../x",), ("/etc", "passwd"), ("lipenka", "..", "..", "y")):
        with pytest.raises(InputError, match="would be outside"):
            inside(root, *parts, what="the documents of case 1")
    with pytest.raises(InputError, match="contains a NUL character"):
        inside(root, "lip\0enka")
    with pytest.raises(InputError, match="is longer than 255 bytes"):
        inside(root, "a" * 300)
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", root / "link")
    with pytest.raises(InputError, match="would be outside"):
        inside(root, "link", "x.docx")


def test_a_folder_or_file_option_under_a_file_names_the_file(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("x")
    assert usable_folder(tmp_path / "new" / "deeper", "--out") == tmp_path / "new" / "deeper"
    with pytest.raises(InputError) as caught:
        usable_folder(notes / "sub", "--out")
    assert caught.value.message == (f"--out {notes / 'sub'}: is under {notes}, which is a "
                                    "file, not a folder; nothing was written")
    with pytest.raises(InputError, match="is a file, not a folder"):
        usable_folder(notes, "--out")
    with pytest.raises(InputError, match=f"{notes} is a file, not a folder"):
        usable_file(notes / "page.html", "--out")
    with pytest.raises(InputError, match="is a folder; name the file to write"):
        usable_file(tmp_path, "--out")


def test_a_document_path_from_a_path_code_is_refused(tmp_path):
    """The documents' own check, behind the template lookup's (which refuses such a code
    first on the command line)."""
    import datetime as dt
    from types import SimpleNamespace

    from muni.engine.advance import document_path

    plan = SimpleNamespace(transition=SimpleNamespace(trigger="sign_order"), lang="ky",
                           prepared=SimpleNamespace(act_date=dt.date(2026, 11, 20)))
    good = document_path(tmp_path, {"municipality": "lipenka", "id": 3}, 2, plan,
                         "working_group_order", 12, False)
    assert good == (tmp_path.resolve() / "lipenka" / "2026" / "case-3"
                    / "02-sign_order-working_group_order-no12.ky.docx")
    for code in ("..", "../../x", "/etc", "a/../../b"):
        with pytest.raises(InputError, match="the documents of case 3: .* would be outside"):
            document_path(tmp_path, {"municipality": code, "id": 3}, 2, plan,
                          "working_group_order", 12, False)


LINKED = st.lists(st.sampled_from(["..", ".", "a", "b", "in", "out", "file", "new", "a/b",
                                   "in/a", "a/../b", "/abs", "", "новый"]),
                  min_size=1, max_size=5)


@given(LINKED)
def test_a_path_is_what_realpath_makes_of_it(tmp_path_factory, parts):
    """The quick walk below a root (one ``lstat`` a name) gives what resolving the whole
    path gives, links inside and outside the root and files in the way included."""
    top = tmp_path_factory.getbasetemp() / "linked"
    root = top / "root"
    if not root.exists():
        (root / "a" / "b").mkdir(parents=True)
        (top / "elsewhere").mkdir()
        (root / "file").write_text("x")
        os.symlink(root / "a", root / "in")
        os.symlink(top / "elsewhere", root / "out")
    expected = root.resolve().joinpath(*parts).resolve()
    try:
        got = inside(root, *parts)
    except InputError as exc:
        assert "would be outside" in exc.message
        assert not expected.is_relative_to(root.resolve())
        return
    assert got == expected
