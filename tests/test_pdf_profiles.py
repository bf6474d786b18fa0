"""LibreOffice profiles kept in muni's cache folder: a second conversion reuses the first's
profile (no first start), two at once never share one, a failed call drops its profile."""

from __future__ import annotations

import shutil
import threading

import pytest
from test_render import context

from muni.engine import cache, pdf
from muni.engine.render import TemplateStore

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None,
                                reason="LibreOffice (soffice) is not installed")


@pytest.fixture
def kept(tmp_path):
    previous = cache.use(tmp_path / "cache")
    yield tmp_path / "cache" / "libreoffice"
    cache.use(previous)


def test_a_kept_profile_is_reused_and_a_failed_call_drops_it(kept, tmp_path):
    order = tmp_path / "order.docx"
    order.write_bytes(TemplateStore().render("working_group_order", "ky", None, context()))
    [first] = pdf.convert([order])
    assert first.pdf.read_bytes().startswith(b"%PDF")
    profile = kept / "profile-0"
    assert profile.is_dir()
    (profile / "kept-marker").write_text("first call's profile")
    first.pdf.unlink()
    [again] = pdf.convert([order])
    assert again.pdf.is_file() and (profile / "kept-marker").is_file()  # the same profile

    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not a document")
    with pytest.raises(pdf.ConversionError):
        pdf.convert([broken])
    assert not profile.exists()        # dropped: the next call starts clean
    assert pdf.convert([order])[0].pdf.is_file()


def test_two_workers_at_once_take_two_profiles(kept):
    taken = []
    release = threading.Event()

    def hold():
        with pdf._profile(kept.parent) as (folder, _failed):
            taken.append(folder)
            release.wait(10)

    first = threading.Thread(target=hold)
    first.start()
    while not taken:
        threading.Event().wait(0.01)
    with pdf._profile(kept.parent) as (second, _failed):
        assert second != taken[0]
    release.set()
    first.join()
    assert [p.name for p in (*taken, second)] == ["profile-0", "profile-1"]
