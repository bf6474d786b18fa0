"""The built-in templates carry only the styles they use (``drop_unused_styles``).

Why it matters: LibreOffice imports every style definition of every document it converts;
python-docx's blank document defines 164, a form uses about 14, and the unused ones were half
of a PDF's conversion time (issue 15). Dropping one a part still names would change the look
silently, so both directions are checked: nothing named is missing, nothing unnamed is left.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
from docx.oxml.ns import qn

ROOT = Path(__file__).resolve().parent.parent
BUILTIN = sorted((ROOT / "templates" / "docx").rglob("*.docx"))
NAMED = re.compile(rb'<w:(?:pStyle|rStyle|tblStyle|numStyleLink|styleLink) w:val="([^"]+)"')


def _defined(styles_xml: bytes) -> dict[str, bytes]:
    return {m.group(1).decode(): m.group(0) for m in
            re.finditer(rb'<w:style [^>]*w:styleId="([^"]+)"[^>]*>.*?</w:style>', styles_xml,
                         re.S)}


def test_every_builtin_template_defines_the_styles_it_names_and_few_others():
    assert len(BUILTIN) == 40
    for path in BUILTIN:
        with zipfile.ZipFile(path) as z:
            defined = _defined(z.read("word/styles.xml"))
            named = {m.decode() for name in z.namelist()
                     if name.startswith("word/") and name.endswith(".xml")
                     and "styles" not in name.lower()
                     for m in NAMED.findall(z.read(name))}
        assert named <= defined.keys(), f"{path.name}: names undefined {named - defined.keys()}"
        assert "Normal" in defined and len(defined) <= 20, (path.name, sorted(defined))
        normal = defined["Normal"]
        assert b'w:ascii="Times New Roman"' in normal and b'<w:sz w:val="24"/>' in normal


def test_a_used_style_keeps_what_it_is_based_on_and_linked_to(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT))          # the generator is not installed with muni
    from tools.templates.blocks import drop_unused_styles

    doc = docx.Document()
    doc.add_paragraph("Heading", style="Heading 1")
    doc.add_table(rows=1, cols=1, style="Light Grid Accent 1")
    kept = drop_unused_styles(doc)
    assert {"Heading1", "Heading1Char", "Normal", "LightGrid-Accent1", "TableNormal",
            "DefaultParagraphFont"} <= set(kept)
    assert "Title" not in kept and "Heading2" not in kept and len(kept) < 20
    doc.save(tmp_path / "x.docx")
    again = docx.Document(tmp_path / "x.docx")
    assert again.paragraphs[0].style.name == "Heading 1"
    assert again.paragraphs[0].style.base_style.name == "Normal"
    assert again.tables[0].style.name == "Light Grid Accent 1"
    ids = {s.get(qn("w:styleId")) for s in again.styles.element.findall(qn("w:style"))}
    assert ids == set(kept)
