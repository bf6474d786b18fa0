"""LibreOffice profiles kept in muni's cache folder: a second conversion reuses the first's
profile (no first start), two at once never share one, a failed call drops its profile."""

from __future__ import annotations

import shutil
import subprocess
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


def test_a_new_profile_is_told_the_installed_version_so_no_self_tests_run(kept, tmp_path):
    """LibreOffice runs its graphics self-tests (about 1 s of CPU, logged in the profile's
    GraphicsRenderTests.log) at every start with a profile that has not recorded the running
    version; muni records it before the first call, and LibreOffice keeps it."""
    version = pdf.installed_version(pdf.find_soffice())
    assert version is not None and version.count(".") == 1
    order = tmp_path / "order.docx"
    order.write_bytes(TemplateStore().render("working_group_order", "ky", None, context()))
    [done] = pdf.convert([order])
    user = kept / "profile-0" / "user"
    settings = (user / "registrymodifications.xcu").read_text(encoding="utf-8")
    assert f'oor:name="ooSetupLastVersion" oor:op="fuse"><value>{version}</value>' in settings
    assert not (user / "GraphicsRenderTests.log").exists()
    text = subprocess.run(["pdftotext", str(done.pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "ТЕСКЕМЕ" in text
    fonts = subprocess.run(["pdffonts", str(done.pdf)], capture_output=True, text=True,
                           check=True).stdout
    assert "LiberationSerif" in fonts
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])  # embedded


SETTINGS = ('<?xml version="1.0" encoding="UTF-8"?>\n<oor:items '
            'xmlns:oor="http://openoffice.org/2001/registry">\n'
            '<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" '
            'oor:op="fuse"><value>false</value></prop></item>\n{last}</oor:items>\n')


def test_seeding_keeps_other_settings_replaces_an_older_version_and_is_idempotent(tmp_path):
    profile = tmp_path / "profile"
    settings = profile / "user" / "registrymodifications.xcu"
    settings.parent.mkdir(parents=True)
    settings.write_text(SETTINGS.format(last=""), encoding="utf-8")
    pdf._seed_profile(profile, "7.4")
    seeded = SETTINGS.format(last=pdf.LAST_VERSION_ITEM.format(version="7.4") + "\n")
    assert settings.read_text(encoding="utf-8") == seeded
    pdf._seed_profile(profile, "7.4")
    assert settings.read_text(encoding="utf-8") == seeded
    pdf._seed_profile(profile, "24.2")
    assert settings.read_text(encoding="utf-8") == SETTINGS.format(
        last=pdf.LAST_VERSION_ITEM.format(version="24.2") + "\n")


def test_a_fresh_profile_gets_a_settings_file_and_an_unknown_version_writes_nothing(tmp_path):
    pdf._seed_profile(tmp_path / "unknown", None)
    assert not (tmp_path / "unknown").exists()
    pdf._seed_profile(tmp_path / "fresh", "7.4")
    text = (tmp_path / "fresh" / "user" / "registrymodifications.xcu").read_text("utf-8")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<oor:items ')
    assert pdf.LAST_VERSION_ITEM.format(version="7.4") + "\n</oor:items>" in text


def test_the_version_is_read_beside_the_binary_and_a_wrapper_script_has_none(tmp_path):
    program = tmp_path / "libreoffice" / "program"
    registry = tmp_path / "libreoffice" / "share" / "registry"
    program.mkdir(parents=True)
    registry.mkdir(parents=True)
    (program / "soffice").write_text("#!/bin/sh\n")
    (registry / "main.xcd").write_text(
        '<oor:data><prop oor:name="ooSetupVersion">\n  <value>25.8</value>\n</prop></oor:data>')
    assert pdf.installed_version(str(program / "soffice")) == "25.8"
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "soffice").write_text("#!/bin/sh\n")
    assert pdf.installed_version(str(tmp_path / "bin" / "soffice")) is None
