"""The report as a Word file (python-docx): A4, Times New Roman, page numbers in the footer;
wide tables (and the appendix) on landscape pages, their header row repeated on every page,
column widths fixed so that every office suite keeps them."""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Cm, Pt
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph

from .report import LANDSCAPE_CM, PORTRAIT_CM, Report, Table

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 11
SMALL_PT = 12


def _font(run_or_style: object, size: float | None = None) -> None:
    font = run_or_style.font  # type: ignore[attr-defined]
    font.name = FONT
    if size is not None:
        font.size = Pt(size)
    element = (
        run_or_style.element if hasattr(run_or_style, "element") else run_or_style._element  # type: ignore[attr-defined]
    )
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _run(
    paragraph: Paragraph,
    text: str,
    *,
    size: float = BODY_PT,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
) -> None:
    run = paragraph.add_run(text)
    _font(run, size)
    run.bold = bold
    run.italic = italic
    run.underline = underline


def _para(
    container: object,
    text: str = "",
    *,
    align: int | None = WD_ALIGN_PARAGRAPH.CENTER,
    size: float = BODY_PT,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    first_indent: float | None = None,
    space_after: float = 0,
) -> Paragraph:
    paragraph = container.add_paragraph()  # type: ignore[attr-defined]
    if align is not None:
        paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(space_after)
    if first_indent is not None:
        fmt.first_line_indent = Cm(first_indent)
    if text:
        _run(paragraph, text, size=size, bold=bold, italic=italic, underline=underline)
    return paragraph


def _cell_text(cell: object, text: str, **kwargs: object) -> Paragraph:
    paragraph = cell.paragraphs[0]  # type: ignore[attr-defined]
    lines = text.split("\n") if text else [""]
    first = True
    for line in lines:
        p = paragraph if first else cell.add_paragraph()  # type: ignore[attr-defined]
        first = False
        p.paragraph_format.space_after = Pt(0)
        if "align" in kwargs and kwargs["align"] is not None:
            p.alignment = kwargs["align"]
        if line:
            _run(
                p,
                line,
                size=float(kwargs.get("size", BODY_PT)),  # type: ignore[arg-type]
                bold=bool(kwargs.get("bold", False)),
                italic=bool(kwargs.get("italic", False)),
                underline=bool(kwargs.get("underline", False)),
            )
    return paragraph


def _no_borders(table: DocxTable) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def _page_field(paragraph: Paragraph) -> None:
    """A PAGE field: Word shows the page number."""
    run = paragraph.add_run()
    _font(run, SMALL_PT)
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    shown = OxmlElement("w:t")
    shown.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, instr, separate, shown, end):
        run._r.append(element)


def _page_layout(section: Section, *, landscape: bool) -> None:
    """A4 with the margins of Nghị định 30/2020 (left 3 cm, right 1,5 cm, top and bottom 2 cm),
    upright or turned for wide tables."""
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width = Cm(29.7) if landscape else Cm(21.0)
    section.page_height = Cm(21.0) if landscape else Cm(29.7)
    section.top_margin = Cm(2.0)
    section.bottom_margin = Cm(2.0)
    section.left_margin = Cm(3.0)
    section.right_margin = Cm(1.5)


def _turn(document: DocumentObject, *, landscape: bool) -> None:
    """Start a new page in the other orientation (a new section; the footer carries on).
    The paragraph that ends the previous section is 1 pt high, so that a page filled to the
    bottom is not followed by an empty one."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    _page_layout(section, landscape=landscape)
    closing = document.paragraphs[-1]._p  # holds the previous section's properties
    sect_pr = closing.get_or_add_pPr().find(qn("w:sectPr"))
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:before"), "0")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "20")
    spacing.set(qn("w:lineRule"), "exact")
    mark = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "2")
    mark.append(size)
    sect_pr.addprevious(spacing)  # the schema's order: spacing, rPr, then sectPr
    sect_pr.addprevious(mark)


def _setup(document: DocumentObject) -> None:
    style = document.styles["Normal"]
    _font(style, BODY_PT)
    style.paragraph_format.space_after = Pt(0)
    section = document.sections[0]
    _page_layout(section, landscape=False)
    footer = section.footer
    paragraph = footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(paragraph)


def _header_block(document: DocumentObject, report: Report) -> None:
    h = report.header
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    left.width, right.width = Cm(7.0), Cm(9.5)
    lines = left.paragraphs[0]
    first = True
    if h.issuer_upper:
        _cell_text(left, h.issuer_upper, size=SMALL_PT if h.state else BODY_PT, align=1)
        first = False
    target = lines if first else left.add_paragraph()
    target.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(target, h.issuer, size=SMALL_PT if h.state else BODY_PT, bold=True, underline=h.state)
    if not h.state:
        _para(left, "*", size=BODY_PT)
    _para(left, h.number, size=BODY_PT)
    nat = right.paragraphs[0]
    nat.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if h.state:
        _run(nat, h.national[0], size=SMALL_PT + 0.5, bold=True)
        _para(right, h.national[1], size=BODY_PT, bold=True, underline=True)
    else:
        _run(nat, h.national[0], size=15, bold=True, underline=True)
    _para(right, "")
    _para(right, h.place_date, size=BODY_PT, italic=True)


def _fixed_widths(table: DocxTable, widths_cm: list[float]) -> None:
    """Column widths that every office suite keeps: a fixed layout, the grid's columns and
    each cell's width (Word reads the cells, LibreOffice the grid)."""
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    margins = OxmlElement("w:tblCellMar")  # 1 mm left and right: more room for the words
    for edge in ("left", "right"):
        margin = OxmlElement(f"w:{edge}")
        margin.set(qn("w:w"), str(int(Cm(0.1).twips)))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    tbl_pr.append(margins)
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_cm, strict=True):
        col.set(qn("w:w"), str(int(Cm(width).twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)


def _row_flags(row: object, *, header: bool) -> None:
    """A row never split across pages; the header row repeated on every page."""
    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    cant_split = OxmlElement("w:cantSplit")
    tr_pr.append(cant_split)
    if header:
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        tr_pr.append(repeat)


def _data_table(document: DocumentObject, data: Table, *, page_cm: float) -> DocxTable:
    table = document.add_table(rows=1, cols=len(data.headers))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    head = table.rows[0].cells
    for cell, text in zip(head, data.headers, strict=True):
        _cell_text(cell, text, size=TABLE_PT, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _row_flags(table.rows[0], header=True)
    for row in data.rows:
        added = table.add_row()
        _row_flags(added, header=False)
        for index, (cell, text) in enumerate(zip(added.cells, row, strict=True)):
            align = (
                WD_ALIGN_PARAGRAPH.LEFT
                if index in (1, 2, 3, *data.flexible) and len(text) > 12
                else WD_ALIGN_PARAGRAPH.CENTER
            )
            _cell_text(cell, text, size=TABLE_PT, align=align)
    if data.widths_cm:
        _fixed_widths(table, data.widths_on(page_cm))
    return table


def report_docx(*, report: Report) -> bytes:
    """The report as .docx bytes."""
    document = Document()
    _setup(document)
    _header_block(document, report)
    _para(document, "")
    _para(document, report.title, size=15, bold=True)
    _para(document, report.subtitle, size=BODY_PT, bold=True)
    _para(document, "-----", size=BODY_PT, space_after=6)
    landscape = False
    for block in report.blocks:
        if block.landscape != landscape:
            landscape = block.landscape
            _turn(document, landscape=landscape)
        if block.kind == "heading":
            _para(
                document,
                block.text,
                align=WD_ALIGN_PARAGRAPH.JUSTIFY,
                bold=True,
                italic=block.level >= 3,
                first_indent=1.0,
                space_after=3,
            )
        elif block.kind == "table" and block.table is not None:
            _data_table(document, block.table, page_cm=LANDSCAPE_CM if landscape else PORTRAIT_CM)
            if block.table.note:
                _para(
                    document,
                    block.table.note,
                    align=WD_ALIGN_PARAGRAPH.LEFT,
                    size=TABLE_PT,
                    italic=True,
                )
            _para(document, "", size=6)
        else:
            _para(
                document,
                block.text,
                align=WD_ALIGN_PARAGRAPH.JUSTIFY,
                first_indent=1.0,
                space_after=3,
            )
    if landscape:
        _turn(document, landscape=False)
    _para(document, "")
    sign = document.add_table(rows=1, cols=2)
    _no_borders(sign)
    left, right = sign.rows[0].cells
    left.width, right.width = Cm(8.0), Cm(8.5)
    header = report.header
    if header.state:
        _cell_text(left, "Nơi nhận:", size=SMALL_PT, bold=True, italic=True, align=0)
        for line in report.recipients:
            _para(left, f"- {line}", align=WD_ALIGN_PARAGRAPH.LEFT, size=11)
    else:
        _cell_text(left, "Nơi nhận:", size=BODY_PT, underline=True, align=0)
        for line in report.recipients:
            _para(left, f"- {line}", align=WD_ALIGN_PARAGRAPH.LEFT, size=SMALL_PT)
    _cell_text(right, report.signer_authority, size=BODY_PT, bold=True, align=1)
    _para(right, report.signer_title, bold=True)
    for _ in range(4):
        _para(right, "")
    _para(right, report.signer_name, bold=True)

    if report.appendix.landscape:
        _turn(document, landscape=True)
    else:
        page_break = _para(document, "")
        page_break.add_run().add_break(WD_BREAK.PAGE)
    _para(document, report.appendix_title, bold=True)
    _para(document, report.appendix_subtitle, bold=True, space_after=6)
    _data_table(
        document,
        report.appendix,
        page_cm=LANDSCAPE_CM if report.appendix.landscape else PORTRAIT_CM,
    )

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
