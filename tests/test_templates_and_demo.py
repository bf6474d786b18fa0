"""`muni templates check` and `muni demo`."""

from __future__ import annotations

from pathlib import Path

from conftest import docx_text
from tools_helpers import write_template


def test_templates_check_passes_on_the_shipped_templates(muni):
    muni("init")
    report = muni.json("templates", "check")
    assert report["ok"] is True
    wg = [t for t in report["templates"] if t["template"] == "working_group_order"]
    assert {t["lang"] for t in wg} == {"ky", "ru"}
    assert wg[0]["variables"] == ["draft", "group", "head", "municipality", "order",
                                  "responsible"]


def test_templates_check_fails_on_an_override_with_an_unknown_variable(muni, monkeypatch,
                                                                       tmp_path):
    overrides = tmp_path / "tpl"
    monkeypatch.setenv("MUNI_TEMPLATES", str(overrides))
    write_template(overrides / "lipenka" / "ky" / "working_group_order.docx",
                   "{{ municipality.aimak_ky }} {{ mayor.name }}")
    write_template(overrides / "lipenka" / "ru" / "working_group_order.docx",
                   "{{ group.chair.nickname }}")
    muni("init")
    result = muni("templates", "check", ok=False)
    assert result.exit_code == 6
    assert "uses 'mayor', which workflow 'working_group' does not supply" in result.stdout
    assert ("trial render with the sample case failed: working_group_order.docx (word/"
            "document.xml): 'dict object' has no attribute 'nickname'") in result.stdout


def test_demo_runs_the_procedure_and_writes_documents(muni, tmp_path):
    out = muni.json("demo", "--out", tmp_path / "demo", actor=None)
    paths = [Path(p) for p in out["documents"]]
    assert paths and all(p.exists() for p in paths)
    orders = [p for p in paths if "working_group_order-no12" in p.name]
    assert len(orders) == 1
    assert "2026-жылдын 20-ноябры № 12" in docx_text(orders[0])
    assert any("refused" in line and "second person" in line for line in out["log"])
    again = muni.json("demo", "--out", tmp_path / "demo", actor=None)  # re-runnable
    assert [Path(p).name for p in again["documents"]] == [p.name for p in paths]
