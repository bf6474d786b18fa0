"""The building blocks every built-in form is made of.

Page setup, fonts, the bilingual letterhead, the date line, titles, clauses, signatures, annex
headers and ``ListTable`` live here once, so the templates stay alike; a form module
(``working_group``, ``council``, ``needs_plan``, ``needs_listening``) only arranges blocks and
wording.

Rules for the Jinja tags (docxtpl only sees a tag that sits inside one run): every tag is
written with a single ``add_run`` call, never split by formatting; ``{%p %}`` and ``{%tr %}``
tags sit alone in their own paragraph / table row, which docxtpl removes on render.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor
from docx.table import Table, _Row
from docx.text.paragraph import Paragraph

LANGS = KY, RU = ("ky", "ru")

FONT = "Times New Roman"
FONT_SIZE = 12
PAGE_WIDTH, PAGE_HEIGHT = 21.0, 29.7  # cm, A4
MARGINS = {"top": 2.0, "bottom": 2.0, "left": 3.0, "right": 1.5}  # cm
TEXT_WIDTH = PAGE_WIDTH - MARGINS["left"] - MARGINS["right"]  # 16.5 cm
#: A landscape page of a portrait-bound file: its top edge is the bound (left) edge.
LANDSCAPE_MARGINS = {"top": 3.0, "bottom": 1.5, "left": 2.0, "right": 2.0}  # cm
LANDSCAPE_TEXT_WIDTH = PAGE_HEIGHT - LANDSCAPE_MARGINS["left"] - LANDSCAPE_MARGINS["right"]
INDENT = 1.25  # cm, first-line indent of body paragraphs
WORD_LANG = {"ky": "ky-KG", "ru": "ru-RU"}

CELL_MARGIN = 108  # twips (0.19 cm), left/right padding of bordered table cells
RED = RGBColor(0xC0, 0x00, 0x00)

# Fixed wording shared by several forms.
DRAFT_TEXT = {
    "ky": "ДОЛБООР — кол коюлган эмес, катталган эмес",
    "ru": "ПРОЕКТ — не подписан, не зарегистрирован",
}
HEAD_POSITION = {"ky": "Башчы", "ru": "Глава айыл окмоту"}
SIGN_LINE = "_____________________"

# The letterhead of the ayil okmotu: Kyrgyz column left, Russian column right (seed 002, T-1/T-2).
LETTERHEAD_KY = (
    "КЫРГЫЗ РЕСПУБЛИКАСЫ",
    "{{ municipality.oblast_ky|upper }} ОБЛУСУ",
    "{{ municipality.rayon_ky|upper }} РАЙОНУ",
    "{{ municipality.aimak_ky|upper }} АЙЫЛДЫК АЙМАГЫНЫН",  # the body's term, as in seed 002
    "АЙЫЛ ӨКМӨТҮ",
)
LETTERHEAD_RU = (
    "КЫРГЫЗСКАЯ РЕСПУБЛИКА",
    "{{ municipality.oblast_ru|upper }} ОБЛАСТЬ",
    "{{ municipality.rayon_ru|upper }} РАЙОН",
    "АЙЫЛ ОКМОТУ",
    "{{ municipality.aimak_ru|upper }} АЙЫЛНОГО АЙМАКА",
)

SEAT = {"ky": "{{ municipality.seat_ky }} айылы", "ru": "с. {{ municipality.seat_ru }}"}
#: The preamble of the head's orders in the ЖМБА procedure (seed 002, forms 1 and 2).
JMBA_PREAMBLE = {
    KY: ("Жарандардын жергиликтүү маанидеги маселелерди чечүүгө катышуусун камсыздоо жана "
         "{{ municipality.aimak_ky }} айылдык аймагынын калкынын керектөөлөрүн аныктоо "
         "максатында төмөнкүлөрдү тапшырам:"),
    RU: ("В целях обеспечения участия граждан в решении вопросов местного значения и "
         "определения потребностей населения {{ municipality.aimak_ru }} айылного аймака "
         "поручаю:"),
}


def pick(lang: str, ky: str, ru: str) -> str:
    """The Kyrgyz or the Russian wording, for forms that keep both side by side."""
    return ky if lang == KY else ru


def date_expr(lang: str, expr: str) -> str:
    """``{{ expr|ky_date }}`` / ``{{ expr|ru_date }}``: a date as the language writes it."""
    return f"{{{{ {expr}|{'ky_date' if lang == KY else 'ru_date'} }}}}"


def order_date(lang: str, order: str = "order") -> str:
    """The date and number of the head's order ``order`` («2026-жылдын 20-ноябры № 12»)."""
    return f"{date_expr(lang, order + '.date')} № {{{{ {order}.number }}}}"


# --------------------------------------------------------------------------------------------
# Low-level helpers
# --------------------------------------------------------------------------------------------

def _set_fonts(rpr, font: str = FONT) -> None:
    """Explicit font on all four slots (ascii, hAnsi, eastAsia, cs), theme attributes removed,
    so Word and LibreOffice (→ Liberation Serif) agree for Cyrillic text."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), font)


def _set_size(rpr, pt: float) -> None:
    for tag in ("w:sz", "w:szCs"):
        el = rpr.find(qn(tag))
        if el is None:
            el = OxmlElement(tag)
            rpr.append(el)
        el.set(qn("w:val"), str(int(pt * 2)))


def _fmt(
    p: Paragraph,
    align: str | None = None,
    first_indent: float | None = None,
    left_indent: float | None = None,
    before: float | None = None,
    after: float | None = None,
    keep_next: bool | None = None,
) -> Paragraph:
    pf = p.paragraph_format
    if align is not None:
        pf.alignment = {
            "left": WD_ALIGN_PARAGRAPH.LEFT,
            "center": WD_ALIGN_PARAGRAPH.CENTER,
            "right": WD_ALIGN_PARAGRAPH.RIGHT,
            "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        }[align]
    if first_indent is not None:
        pf.first_line_indent = Cm(first_indent)
    if left_indent is not None:
        pf.left_indent = Cm(left_indent)
    if before is not None:
        pf.space_before = Pt(before)
    if after is not None:
        pf.space_after = Pt(after)
    if keep_next is not None:
        pf.keep_with_next = keep_next
    return p


def add_text(
    p: Paragraph,
    text: str,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    color: RGBColor | None = None,
):
    """Append ``text`` as ONE run (so a Jinja tag inside it stays whole)."""
    run = p.add_run(text)
    if bold:
        run.bold = True
    if italic:
        run.italic = True
    if size is not None:
        run.font.size = Pt(size)
    if color is not None:
        run.font.color.rgb = color
    return run


def para(
    container,
    text: str = "",
    *,
    align: str = "left",
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    color: RGBColor | None = None,
    first_indent: float | None = None,
    left_indent: float | None = None,
    before: float | None = None,
    after: float | None = None,
    keep_next: bool | None = None,
) -> Paragraph:
    """A new paragraph in ``container`` (document or cell) holding ``text`` in a single run.

    A bold paragraph is a heading or a label: it keeps with what follows (``keep_next``), so a
    page never ends on it."""
    if bold and keep_next is None:
        keep_next = True
    p = container.add_paragraph()
    _fmt(p, align, first_indent, left_indent, before, after, keep_next)
    if text:
        add_text(p, text, bold=bold, italic=italic, size=size, color=color)
    return p


def cell_para(cell, first: bool = True) -> Paragraph:
    """The cell's existing empty paragraph for the first line, a new one afterwards."""
    return cell.paragraphs[0] if first else cell.add_paragraph()


def control_paragraph(doc, tag: str) -> Paragraph:
    """A paragraph holding only a docxtpl ``{%p ... %}`` tag (removed on render)."""
    if not tag.startswith("{%p "):
        raise ValueError(f"not a paragraph tag: {tag!r}")
    return para(doc, tag)


# w:pPr children that must follow w:pBdr (ECMA-376 schema order)
_PPR_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)


def bottom_rule(doc, size_eighths: int = 12, style: str = "single") -> Paragraph:
    """An empty, tiny paragraph whose bottom border draws a full-width rule."""
    p = para(doc, after=0, before=0)
    p_pr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), style)
    bottom.set(qn("w:sz"), str(size_eighths))
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "auto")
    bdr.append(bottom)
    p_pr.insert_element_before(bdr, *_PPR_AFTER_PBDR)
    # keep the empty line itself small: the rule sits right under the table
    rpr = OxmlElement("w:rPr")
    _set_size(rpr, 4)
    p_pr.append(rpr)
    return p


def _table_borders(table: Table, val: str) -> None:
    """Set all six table borders to ``val`` ("nil" or "single")."""
    tbl_pr = table._tbl.tblPr
    old = tbl_pr.find(qn("w:tblBorders"))
    if old is not None:
        tbl_pr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), val)
        if val != "nil":
            el.set(qn("w:sz"), "4")
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "auto")
        borders.append(el)
    # schema order: tblStyle, tblpPr, tblOverlap, bidiVisual, tblStyleRowBandSize,
    # tblStyleColBandSize, tblW, jc, tblCellSpacing, tblInd, tblBorders, ...
    anchor = None
    for tag in ("w:tblInd", "w:tblCellSpacing", "w:jc", "w:tblW"):
        anchor = tbl_pr.find(qn(tag))
        if anchor is not None:
            break
    if anchor is not None:
        anchor.addnext(borders)
    else:
        tbl_pr.append(borders)


def new_table(doc, widths_cm: Sequence[float], rows: int = 1, borders: bool = False) -> Table:
    """A fixed-layout table with explicit column widths (cm), left-aligned to the margin.

    Widths are written to the grid, to every cell and to ``tblW`` so Word and LibreOffice
    agree. ``borders=False`` gives an invisible layout table."""
    _separate_from_previous_table(doc)
    table = doc.add_table(rows=rows, cols=len(widths_cm))
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(sum(Cm(w).twips for w in widths_cm)))
    _table_borders(table, "single" if borders else "nil")
    if borders:
        # compatibility mode 14 places the cell *text* at tblInd: indent by the cell margin so
        # the borders, not the text, line up with the page margins
        _cell_margins(table, left=CELL_MARGIN, right=CELL_MARGIN)
        ind = OxmlElement("w:tblInd")
        ind.set(qn("w:w"), str(CELL_MARGIN))
        ind.set(qn("w:type"), "dxa")
        tbl_pr.find(qn("w:jc")).addnext(ind)
    else:
        _cell_margins(table, left=0, right=0)
    for col, w in zip(table.columns, widths_cm, strict=True):
        col.width = Cm(w)
    for row in table.rows:
        _size_row(row, widths_cm)
    return table


def _separate_from_previous_table(doc) -> None:
    """Word and LibreOffice merge two tables that touch into one (the second loses its own
    borders and widths): put a tiny empty paragraph between them."""
    body_el = doc.element.body
    last = body_el[-2] if len(body_el) > 1 and body_el[-1].tag == qn("w:sectPr") else body_el[-1]
    if last.tag == qn("w:tbl"):
        p = para(doc, before=0, after=0)
        rpr = OxmlElement("w:rPr")
        _set_size(rpr, 2)
        p._p.get_or_add_pPr().append(rpr)


def _cell_margins(table: Table, **twips: int) -> None:
    """Default cell margins of the table, e.g. ``left=0, right=0`` (values in twips)."""
    tbl_pr = table._tbl.tblPr
    mar = tbl_pr.find(qn("w:tblCellMar"))
    if mar is None:
        mar = OxmlElement("w:tblCellMar")
        look = tbl_pr.find(qn("w:tblLook"))
        if look is not None:
            look.addprevious(mar)
        else:
            tbl_pr.append(mar)
    for edge in ("top", "left", "bottom", "right"):  # schema order
        if edge not in twips:
            continue
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), str(twips[edge]))
        el.set(qn("w:type"), "dxa")
        mar.append(el)


def _size_row(row: _Row, widths_cm: Sequence[float]) -> None:
    for cell, w in zip(row.cells, widths_cm, strict=True):
        cell.width = Cm(w)


def add_row(table: Table, widths_cm: Sequence[float]) -> _Row:
    row = table.add_row()
    _size_row(row, widths_cm)
    return row


def _tr_flag(row: _Row, tag: str) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement(tag)
    tr_pr.append(el)


def keep_row_together(row: _Row) -> None:
    """Do not split the row across pages."""
    _tr_flag(row, "w:cantSplit")


def repeat_as_header(row: _Row) -> None:
    """Repeat the row at the top of every page the table spans."""
    _tr_flag(row, "w:tblHeader")


def _is_control(el) -> bool:
    """A docxtpl ``{%p …%}`` / ``{%tr …%}`` paragraph or row: gone from the rendered file."""
    text = "".join(t.text or "" for t in el.iter(qn("w:t"))).strip()
    return text.startswith(("{%p", "{%tr", "{%-p"))


def _keep_next(p_el) -> None:
    p_pr = p_el.get_or_add_pPr()
    if p_pr.find(qn("w:keepNext")) is None:
        p_pr.insert(0, OxmlElement("w:keepNext"))


def keep_with_previous(doc, *, whole_table: bool = False) -> None:
    """Keep what the document holds so far with what comes next, so a signature never
    opens a page alone: the last paragraph before it keeps with the next (skipping
    template control paragraphs), or, after a table, the table's last row (Word and
    LibreOffice then carry that row to the signature's page, under the repeated header).
    Called before a signature is added. A table ending in a loop row keeps nothing: every
    row would be bound to the next — unless ``whole_table``: a short table (a protocol's
    vote count) goes to the signatures' page whole rather than leave its last row."""
    for el in reversed(list(doc.element.body)):
        if el.tag == qn("w:p"):
            if _is_control(el):
                continue
            _keep_next(el)
            if "".join(t.text or "" for t in el.iter(qn("w:t"))).strip():
                return
            continue  # an empty spacer (between two tables): the chain goes on through it
        if el.tag == qn("w:tbl"):
            rows = el.findall(qn("w:tr"))
            if rows and (whole_table or not _is_control(rows[-1])):
                for row in rows if whole_table else rows[-1:]:
                    for p_el in row.iter(qn("w:p")):
                        _keep_next(p_el)
            return


# --------------------------------------------------------------------------------------------
# Building blocks
# --------------------------------------------------------------------------------------------

def new_document(lang: str = "ky", title: str = "", *, landscape: bool = False) -> Document:
    """An empty A4 document with the house page setup and styles.

    A4 portrait, margins top/bottom 2 cm, left 3 cm, right 1.5 cm (``landscape``: the page
    turned, see ``set_page``); Normal = Times New Roman
    12 pt on all font slots, single spacing, 0 pt after; proofing language ky-KG / ru-RU;
    a footer with the page number centred, from page 2 on (GOST R 7.0.97: the first page of
    an official document carries no number, so a one-page document shows none)."""
    doc = Document()
    section = doc.sections[0]
    set_page(section, landscape=landscape)
    section.header_distance = Cm(1.0)
    section.footer_distance = Cm(1.0)

    # document defaults (used by table styles and anything without a style)
    styles = doc.styles.element
    rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr_default)
    _set_size(rpr_default, FONT_SIZE)
    lang_el = rpr_default.find(qn("w:lang"))
    lang_el.set(qn("w:val"), WORD_LANG[lang])
    lang_el.set(qn("w:eastAsia"), WORD_LANG[lang])
    ppr_default = styles.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = ppr_default.find(qn("w:spacing"))
    spacing.attrib.clear()
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")

    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(FONT_SIZE)
    _set_fonts(normal.element.get_or_add_rPr())
    _set_size(normal.element.get_or_add_rPr(), FONT_SIZE)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0

    # footer: centred PAGE field on pages 2+; page 1 has its own, empty footer (titlePg)
    section.different_first_page_header_footer = True
    section.first_page_footer.is_linked_to_previous = False  # an explicit, empty footer
    footer = section.footer
    footer.is_linked_to_previous = False
    p = footer.paragraphs[0]
    _fmt(p, align="center")
    _page_field(p)
    # header on pages 2+: a draft says so on every page (page 1 carries the banner), so an
    # annex printed on its own is never mistaken for the signed document
    header = section.header
    header.is_linked_to_previous = False
    p = header.paragraphs[0]
    _fmt(p, align="right")
    add_text(p, "{% if draft %}" + DRAFT_TEXT[lang] + "{% endif %}", bold=True, size=9,
             color=RED)

    # python-docx's core properties would say "python-docx", 2013
    cp = doc.core_properties
    cp.author = "muni"
    cp.last_modified_by = "muni"
    cp.title = title
    cp.subject = ""
    cp.comments = ""
    cp.keywords = ""
    cp.category = ""
    cp.revision = 1
    fixed = datetime(2026, 1, 1)
    cp.created = fixed
    cp.modified = fixed
    cp.last_printed = fixed
    cp.language = WORD_LANG[lang]

    # the default template's first (empty) body paragraph is removed: blocks add their own
    body = doc.element.body
    for p_el in body.findall(qn("w:p")):
        body.remove(p_el)
    return doc


def set_page(section, *, landscape: bool = False) -> None:
    """A4 with the house margins; ``landscape`` turns it, for tables too wide for a portrait
    page (the БАП, the schedule): a figure in a narrow column would otherwise break inside a
    word or a sum."""
    width, height, margins = ((PAGE_HEIGHT, PAGE_WIDTH, LANDSCAPE_MARGINS) if landscape
                              else (PAGE_WIDTH, PAGE_HEIGHT, MARGINS))
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width = Cm(width)
    section.page_height = Cm(height)
    for edge in ("top", "bottom", "left", "right"):
        setattr(section, f"{edge}_margin", Cm(margins[edge]))


def landscape_section(doc) -> None:
    """Start a new page in landscape (e.g. a wide annex); the page header and footer carry
    on, and the page number shows on its first page too."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    set_page(section, landscape=True)
    section.different_first_page_header_footer = False


def _page_field(p: Paragraph) -> None:
    """Insert a PAGE field (complex field, shows "1" until the viewer updates it)."""
    def fld(kind: str):
        run = p.add_run()
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        run._r.append(el)

    fld("begin")
    run = p.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    run._r.append(instr)
    fld("separate")
    p.add_run("1")
    fld("end")


def signature_tab(p: Paragraph) -> Paragraph:
    """A line to sign on after the text of ``p``: its tab (``\\t``) runs to a right-aligned
    stop at the margin with an underscore leader, so the word after the tab («Кол тамгасы»)
    sits at the same place on every line."""
    p.paragraph_format.tab_stops.add_tab_stop(Cm(TEXT_WIDTH), WD_TAB_ALIGNMENT.RIGHT,
                                              WD_TAB_LEADER.LINES)
    return p


def draft_banner(doc, lang: str) -> None:
    """``{%p if draft %}`` red bold centred notice ``{%p endif %}`` — shown on drafts only."""
    control_paragraph(doc, "{%p if draft %}")
    para(doc, DRAFT_TEXT[lang], align="center", bold=True, color=RED, after=6)
    control_paragraph(doc, "{%p endif %}")


def letterhead(
    doc,
    left: Sequence[str] = LETTERHEAD_KY,
    right: Sequence[str] = LETTERHEAD_RU,
    size: float = 11,
) -> Table:
    """The bilingual letterhead: a borderless two-column table (Kyrgyz left, Russian right),
    bold, centred in each cell, followed by a full-width rule. Same in both languages."""
    half = TEXT_WIDTH / 2
    table = new_table(doc, [half, half])
    for cell, lines in zip(table.rows[0].cells, (left, right), strict=True):
        for i, line in enumerate(lines):
            p = cell_para(cell, first=i == 0)
            _fmt(p, align="center")
            add_text(p, line, bold=True, size=size)
    bottom_rule(doc)
    return table


def date_line(doc, date_expr: str, place_expr: str | None = None, before: float = 12) -> Paragraph:
    """Date and number on the left; optionally the place on the right (right tab stop)."""
    p = para(doc, align="left", before=before, after=0)
    add_text(p, date_expr)
    if place_expr:
        p.paragraph_format.tab_stops.add_tab_stop(Cm(TEXT_WIDTH), WD_TAB_ALIGNMENT.RIGHT)
        p.add_run().add_tab()
        add_text(p, place_expr)
    return p


def title(
    doc,
    lines: Sequence[str],
    doc_type: str | None = None,
    *,
    doc_type_first: bool = False,
    before: float = 18,
    after: float = 12,
    spaced: bool = False,
) -> list[Paragraph]:
    """A centred bold title block: the subject ``lines`` and the document type word on its own
    line — after the subject (Kyrgyz «… тууралуу / ТЕСКЕМЕ») or, with ``doc_type_first``,
    before it (Russian «РАСПОРЯЖЕНИЕ / о …»). ``spaced`` inserts a blank line's gap between the
    type word and the subject."""
    seq = list(lines)
    boundary = None  # index of the first line after the subject/type boundary
    if doc_type:
        if doc_type_first:
            seq.insert(0, doc_type)
            boundary = 1
        else:
            seq.append(doc_type)
            boundary = len(seq) - 1
    out = []
    for i, text in enumerate(seq):
        b = before if i == 0 else (6 if spaced and i == boundary else 0)
        a = after if i == len(seq) - 1 else 0
        out.append(para(doc, text, align="center", bold=True, before=b, after=a, keep_next=True))
    return out


def body(doc, text: str, *, after: float = 6, keep_next: bool = False) -> Paragraph:
    """A justified body paragraph with a 1.25 cm first-line indent. One that ends in a colon
    introduces what follows (a list, a table, «ТОКТОМ КЫЛАТ:») and keeps with it."""
    return para(doc, text, align="justify", first_indent=INDENT, after=after,
                keep_next=keep_next or text.rstrip().endswith(":") or None)


def clauses(doc, items: Sequence[str], *, after: float = 6) -> list[Paragraph]:
    """Operative clauses, one justified indented paragraph each (text as written, e.g. "- …")."""
    return [body(doc, item, after=after) for item in items]


def signature(
    doc,
    position: str | Sequence[str],
    name: str,
    *,
    line: str = SIGN_LINE,
    before: float = 30,
    widths_cm: Sequence[float] = (6.0, 6.0, 4.5),
) -> Table:
    """Signature block on one row of a borderless three-cell table:
    position (left) | signature line (centre) | printed name (right).

    ``position`` may be several lines (e.g. ["Глава", "айыл окмоту"]). It keeps with what
    comes before it (``keep_with_previous``): a signature never stands alone on a page."""
    return signatures(doc, [(position, name, before)], line=line, widths_cm=widths_cm)


def signatures(
    doc,
    signers: Sequence[tuple[str | Sequence[str], str, float]],
    *,
    line: str = SIGN_LINE,
    widths_cm: Sequence[float] = (6.0, 6.0, 4.5),
) -> Table:
    """Several signatures (``(position, name, space before)``), one row each of one table,
    kept together on one page and with what comes before them: the chair's and the
    secretary's signatures are never on two pages."""
    _separate_from_previous_table(doc)
    keep_with_previous(doc)
    table = new_table(doc, list(widths_cm), rows=len(signers))
    for n, (position, name, before) in enumerate(signers):
        row = table.rows[n]
        keep_row_together(row)
        pos_lines = [position] if isinstance(position, str) else list(position)
        cells = row.cells
        for i, text in enumerate(pos_lines):
            p = cell_para(cells[0], first=i == 0)
            add_text(p, text, bold=True)
        add_text(_fmt(cells[1].paragraphs[0], align="center"), line)
        add_text(_fmt(cells[2].paragraphs[0], align="right"), name, bold=True)
        for cell in cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
            _fmt(cell.paragraphs[0], before=before)
            if n < len(signers) - 1:  # bound to the next signature
                for p in cell.paragraphs:
                    _keep_next(p._p)
    return table


def annex_header(
    doc,
    lines: Sequence[str],
    *,
    page_break: bool = True,
    after: float = 12,
) -> list[Paragraph]:
    """The right-aligned reference block of an annex («… тескемесине №1 тиркеме»), starting on
    a new page by default."""
    out = []
    for i, text in enumerate(lines):
        p = para(doc, text, align="right", after=after if i == len(lines) - 1 else 0,
                 keep_next=True)
        if i == 0 and page_break:
            p.paragraph_format.page_break_before = True
        out.append(p)
    return out


def approval_block(doc, lines: Sequence[str], *, width: float = 8.0) -> Table:
    """The «БЕКИТИЛДИ / … токтому менен» block in the top right corner of a plan: a borderless
    one-cell table ``width`` cm wide at the right margin, the first line bold."""
    section = doc.sections[-1]
    full = Emu(section.page_width - section.left_margin - section.right_margin).cm
    table = new_table(doc, [round(full - width, 2), width])
    cell = table.rows[0].cells[1]
    for i, line in enumerate(lines):
        add_text(cell_para(cell, first=i == 0), line, bold=i == 0)
    return table


def order_header(doc, lang: str, order: str = "order") -> None:
    """The top of a head's order: draft banner, letterhead, date and number, and the seat."""
    draft_banner(doc, lang)
    letterhead(doc)
    date_line(doc, order_date(lang, order), SEAT[lang])


def order_annex_header(doc, lang: str, order: str, n: int, *,
                       page_break: bool = True) -> list[Paragraph]:
    """«… АӨ башчысынын / <date> № <no> / тескемесине №n тиркеме» (Russian: «Приложение №n /
    к распоряжению главы айыл окмоту …»), on a new page unless ``page_break=False``."""
    if lang == KY:
        lines = ["{{ municipality.aimak_ky }} АӨ башчысынын", order_date(lang, order),
                 f"тескемесине №{n} тиркеме"]
    else:
        lines = [f"Приложение №{n}", "к распоряжению главы айыл окмоту",
                 "{{ municipality.aimak_ru }} айылного аймака", "от " + order_date(lang, order)]
    return annex_header(doc, lines, page_break=page_break)


def page_break_between(doc) -> None:
    """Inside a ``{%p for %}`` loop: a page break before every iteration but the first."""
    control_paragraph(doc, "{%p if not loop.first %}")
    p = para(doc, before=0, after=0)
    p.add_run().add_break(WD_BREAK.PAGE)
    control_paragraph(doc, "{%p endif %}")


class ListTable:
    """A bordered list table (№ | name | … ) with a bold header row repeated on every page,
    full-width section rows, fixed record rows and docxtpl ``{%tr for %}`` loop rows."""

    def __init__(self, doc, headers: Sequence[str], widths_cm: Sequence[float], size=None):
        if len(headers) != len(widths_cm):
            raise ValueError("one width per header")
        self.widths = list(widths_cm)
        self.size = size
        self.table = new_table(doc, self.widths, rows=1, borders=True)
        head = self.table.rows[0]
        repeat_as_header(head)
        keep_row_together(head)
        for cell, text in zip(head.cells, headers, strict=True):
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            add_text(_fmt(cell.paragraphs[0], align="center"), text, bold=True, size=size)

    def section(self, text: str, bold: bool = True, italic: bool = False) -> _Row:
        """A row merged across all columns (e.g. «Жумушчу топтун төрагасы:»)."""
        row = add_row(self.table, self.widths)
        keep_row_together(row)
        merged = row.cells[0].merge(row.cells[-1])
        add_text(merged.paragraphs[0], text, bold=bold, italic=italic, size=self.size)
        return row

    def record(self, values: Sequence[str], number_align: str = "center",
               bold: bool = False) -> _Row:
        """A row of values (template expressions allowed); the first column is centred.
        ``bold`` for a total row."""
        if len(values) != len(self.widths):
            raise ValueError("one value per column")
        row = add_row(self.table, self.widths)
        keep_row_together(row)
        for i, (cell, text) in enumerate(zip(row.cells, values, strict=True)):
            p = _fmt(cell.paragraphs[0], align=number_align if i == 0 else "left")
            add_text(p, text, size=self.size, bold=bold)
        return row

    def control(self, tag: str) -> _Row:
        """A row holding only a ``{%tr ... %}`` tag (docxtpl removes the row on render)."""
        if not tag.startswith("{%tr "):
            raise ValueError(f"not a row tag: {tag!r}")
        row = add_row(self.table, self.widths)
        merged = row.cells[0].merge(row.cells[-1])  # full width, so the tag stays readable
        add_text(merged.paragraphs[0], tag, italic=True)
        return row

    def loop(self, for_tag: str, values: Sequence[str], *,
             min_height: float | None = None) -> _Row:
        """``{%tr for … %}`` / one record row / ``{%tr endfor %}``. ``min_height`` (cm) for
        rows people sign by hand."""
        self.control(for_tag)
        row = self.record(values)
        if min_height is not None:
            row.height = Cm(min_height)
            row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        self.control("{%tr endfor %}")
        return row


#: Where a part of a document names a style: paragraphs, runs, tables, numbering levels.
STYLE_REFERENCES = ("w:pStyle", "w:rStyle", "w:tblStyle", "w:numStyleLink", "w:styleLink")
#: Where a style names another it depends on.
STYLE_LINKS = ("w:basedOn", "w:link", "w:next")


def drop_unused_styles(doc: Document) -> list[str]:
    """Remove the style definitions no part of ``doc`` uses; returns the ids kept.

    Why: python-docx's blank document defines 164 styles (every table style and heading of
    Word 2010); a form uses about 14. LibreOffice imports every definition of every file it
    converts — half of its time for one of our documents (0.12 s of CPU a document with all
    of them, 0.06 s without). What is shown is unchanged: an unused definition draws nothing,
    the defaults (``w:default="1"``) and everything a used style is based on, linked to or
    followed by are kept, and Word's latent list (``w:latentStyles``) still offers its
    built-in styles to a clerk editing the file."""
    styles = doc.styles.element
    used: set[str] = set()
    query = " | ".join(f".//{tag}/@w:val" for tag in STYLE_REFERENCES)
    for part in doc.part.package.iter_parts():
        element = getattr(part, "element", None)
        if element is not None and element is not styles:
            used.update(element.xpath(query))
    by_id = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
    used.update(i for i, s in by_id.items() if s.get(qn("w:default")) in ("1", "true"))
    todo = list(used)
    while todo:
        style = by_id.get(todo.pop())
        if style is None:
            continue
        for tag in STYLE_LINKS:
            link = style.find(qn(tag))
            if link is not None and link.get(qn("w:val")) not in used:
                used.add(link.get(qn("w:val")))
                todo.append(link.get(qn("w:val")))
    for style_id, style in by_id.items():
        if style_id not in used:
            styles.remove(style)
    return sorted(used & by_id.keys())


def save(doc: Document, path: Path) -> None:
    """Save with fixed zip timestamps, so an unchanged form is byte-identical on re-run;
    without the style definitions it does not use (``drop_unused_styles``)."""
    drop_unused_styles(doc)
    buf = io.BytesIO()
    doc.save(buf)
    buf.seek(0)
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue())


