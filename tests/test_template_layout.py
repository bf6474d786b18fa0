"""Layout rules every built-in template keeps, read out of the .docx files themselves.

* A table's header words fit their column: measured in Liberation Serif (Times New Roman's
  metric twin) at the header's size and weight, every word is narrower than the cell minus its
  margins, so no header prints as «Добуштарды / н саны».
* A bold paragraph (a heading, a label) keeps with the next one, so no page ends on it.
* The wide tables (the БАП, the schedule) sit on landscape pages.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from muni.engine.render import BUILTIN_TEMPLATES

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEMPLATES = sorted(BUILTIN_TEMPLATES.rglob("*.docx"))
#: Room a word must leave in its cell (points): LibreOffice's line layout is not ours exactly.
SPARE = 3.0


def body(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as zf:
        return etree.fromstring(zf.read("word/document.xml")).find(f"{W}body")


@cache
def font(bold: bool):
    from PIL import ImageFont

    if shutil.which("fc-match") is None:
        pytest.skip("fontconfig is not installed")
    style = "Liberation Serif:bold" if bold else "Liberation Serif"
    path = subprocess.run(["fc-match", "-f", "%{file}", style], capture_output=True,
                          text=True).stdout
    if "LiberationSerif" not in path:
        pytest.skip("Liberation Serif is not installed (fonts-liberation2)")
    return ImageFont.truetype(path, 1000)


def width_pt(text: str, size: float, bold: bool) -> float:
    return font(bold).getlength(text) * size / 1000


def run_style(run: etree._Element) -> tuple[float, bool]:
    rpr = run.find(f"{W}rPr")
    size = rpr.find(f"{W}sz") if rpr is not None else None
    bold = rpr is not None and rpr.find(f"{W}b") is not None
    return (int(size.get(f"{W}val")) / 2 if size is not None else 12.0), bold


def cell_margins_pt(table: etree._Element) -> float:
    mar = table.find(f"{W}tblPr/{W}tblCellMar")
    if mar is None:
        return 0.0
    return sum(int(el.get(f"{W}w")) / 20 for side in ("left", "right")
               if (el := mar.find(f"{W}{side}")) is not None)


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_table_header_words_fit_their_columns(path):
    too_wide = []
    for table in body(path).iter(f"{W}tbl"):
        margins = cell_margins_pt(table)
        for row in table.findall(f"{W}tr"):
            if row.find(f"{W}trPr/{W}tblHeader") is None:
                continue
            for cell in row.findall(f"{W}tc"):
                room = int(cell.find(f"{W}tcPr/{W}tcW").get(f"{W}w")) / 20 - margins
                for run in cell.iter(f"{W}r"):
                    size, bold = run_style(run)
                    for word in "".join(t.text or "" for t in run.iter(f"{W}t")).split():
                        need = width_pt(word, size, bold)
                        if need + SPARE > room:
                            too_wide.append(f"{word!r} needs {need:.0f} pt, the column has "
                                            f"{room:.0f}")
    assert not too_wide, too_wide


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_bold_paragraphs_keep_with_the_next(path):
    loose = []
    for p in body(path).iter(f"{W}p"):
        runs = [r for r in p.findall(f"{W}r") if "".join(t.text or "" for t in r.iter(f"{W}t"))]
        if not runs or p.getparent().tag == f"{W}tc":
            continue  # empty, or inside a table cell (the row keeps itself together)
        if all(run_style(r)[1] for r in runs) and p.find(f"{W}pPr/{W}keepNext") is None:
            loose.append("".join(t.text or "" for t in p.iter(f"{W}t")))
    assert not loose, loose


@pytest.mark.parametrize("name", ["na_action_plan", "na_plan_order"])
@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_the_wide_tables_are_on_landscape_pages(name, lang):
    """The БАП is landscape throughout; the plan order turns for its annex №2, the schedule."""
    root = body(BUILTIN_TEMPLATES / lang / f"{name}.docx")
    sections = [*root.iter(f"{W}sectPr")]
    orient = [s.find(f"{W}pgSz").get(f"{W}orient", "portrait") for s in sections]
    assert orient == (["landscape"] if name == "na_action_plan" else ["portrait", "landscape"])
    last = sections[-1].find(f"{W}pgSz")
    assert (int(last.get(f"{W}w")), int(last.get(f"{W}h"))) == (16838, 11906)  # A4, turned
