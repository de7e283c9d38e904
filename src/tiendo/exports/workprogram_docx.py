"""A year's work program as the office's Word table (python-docx): landscape A4, Times New Roman,
the issuer's header, one row per item grouped by month and quarter, the header row repeated on
every page, page numbers in the footer."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table as DocxTable

from tiendo.plans.models import Plan

from .docx_render import BODY_PT, _cell_text, _font, _no_borders, _page_field, _para
from .report import date_line

TABLE_PT = 11
HEADERS = (
    "TT",
    "Nội dung",
    "Cơ quan chủ trì chuẩn bị",
    "Cơ quan phối hợp",
    "Thời gian trình",
    "Cấp xem xét",
    "Phục vụ chương trình",
    "Kết quả",
)
WIDTHS_CM = (1.1, 9.4, 3.6, 3.6, 1.9, 2.0, 2.3, 3.3)  # 27.2 cm: A4 landscape less 2 × 1.25 cm


def _setup(document: Any) -> None:
    style = document.styles["Normal"]
    _font(style, BODY_PT)
    style.paragraph_format.space_after = Pt(0)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width = Cm(29.7)
    section.page_height = Cm(21.0)
    section.top_margin = Cm(1.5)
    section.bottom_margin = Cm(1.5)
    section.left_margin = Cm(1.25)
    section.right_margin = Cm(1.25)
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(paragraph)


def _issuer(plan: Plan) -> str:
    unit = plan.issuing_unit
    name = (unit.short_name or unit.name) if unit else (plan.issuing_body or "")
    return name.upper()


def _header_block(document: Any, plan: Plan, today: dt.date) -> None:
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    left.width, right.width = Cm(10.0), Cm(17.0)
    _cell_text(left, _issuer(plan), size=BODY_PT, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(left, "*", size=BODY_PT)
    _cell_text(right, "ĐẢNG CỘNG SẢN VIỆT NAM", size=15, bold=True, underline=True, align=1)
    _para(right, "")
    _para(right, date_line(plan.place, today), italic=True)


def _repeat_header(table: DocxTable) -> None:
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)


def _keep_row_whole(row: Any) -> None:
    """A row is never split across two pages."""
    tr_pr = row._tr.get_or_add_trPr()
    cant_split = OxmlElement("w:cantSplit")
    cant_split.set(qn("w:val"), "true")
    tr_pr.append(cant_split)


def _shade(cell: Any, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    tc_pr.append(shading)


def _outcome_text(item: dict[str, Any]) -> str:
    code = item["outcome"]["code"]
    if code == "issued" and item["document"]:
        doc = item["document"]
        date = dt.date.fromisoformat(doc["date"])
        return f"Đã ban hành: {doc['number']}, ngày {date:%d/%m/%Y}"
    if code in ("postponed", "dropped"):
        return f"{item['outcome']['label']}: {item['reason']}"
    return ""


def _period_key(item: dict[str, Any]) -> tuple[int, int]:
    due = item["due"]
    if due["month"] is not None:
        return (due["month"], 0)
    return (3 * due["quarter"], 1)


def workprogram_docx(*, plan: Plan, document: dict[str, Any], today: dt.date) -> bytes:
    """The work program (as `selectors.workprogram_document` gives it) as .docx bytes."""
    doc = Document()
    _setup(doc)
    _header_block(doc, plan, today)
    _para(doc, "")
    _para(doc, f"CHƯƠNG TRÌNH CÔNG TÁC NĂM {document['year']}", size=15, bold=True)
    _para(doc, "của Ban Chấp hành, Ban Thường vụ Tỉnh ủy", bold=True)
    if document["title"] and not document["title"].upper().startswith("CHƯƠNG TRÌNH CÔNG TÁC"):
        _para(doc, document["title"], italic=True)
    if plan.number:
        _para(
            doc,
            f"(cụ thể hóa Chương trình hành động số {plan.number})",
            italic=True,
        )
    _para(doc, "-----", space_after=6)

    table = doc.add_table(rows=1, cols=len(HEADERS))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, HEADERS, strict=True):
        _cell_text(cell, text, size=TABLE_PT, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        _shade(cell, "DDE7F3")
    _repeat_header(table)

    group_rows: set[int] = set()
    groups: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for item in document["items"]:
        groups.setdefault(_period_key(item), []).append(item)
    for key in sorted(groups):
        items = groups[key]
        row = table.add_row()
        group_rows.add(len(table.rows) - 1)
        merged = row.cells[0].merge(row.cells[-1])
        title = _cell_text(
            merged,
            items[0]["due"]["label"].upper(),
            size=TABLE_PT,
            bold=True,
            align=WD_ALIGN_PARAGRAPH.LEFT,
        )
        title.paragraph_format.keep_with_next = True  # a month's title stays with its first item
        _keep_row_whole(row)
        for item in items:
            item_row = table.add_row()
            _keep_row_whole(item_row)
            cells = item_row.cells
            values = [
                str(item["number"]),
                item["content"],
                item["preparing_unit"]["name"],
                "; ".join(u["name"] for u in item["coordinating_units"]),
                item["due"]["label"],
                item["considered_by"]["label"],
                ", ".join(str(n) for n in item["programs"])
                + (
                    ("\n" + ", ".join([*item["targets"], *item["tasks"]]))
                    if item["targets"] or item["tasks"]
                    else ""
                ),
                _outcome_text(item),
            ]
            for index, (cell, text) in enumerate(zip(cells, values, strict=True)):
                align = WD_ALIGN_PARAGRAPH.LEFT if index in (1, 2, 3, 7) else 1
                _cell_text(cell, text, size=TABLE_PT, align=align)
    table.autofit = False
    for column, width in zip(table.columns, WIDTHS_CM, strict=True):
        column.width = Cm(width)  # the grid: what LibreOffice and Word lay out by
    for index, row in enumerate(table.rows):
        if index in group_rows:
            continue
        for cell, width in zip(row.cells, WIDTHS_CM, strict=True):
            cell.width = Cm(width)
    if not document["items"]:
        _para(doc, "(Chưa có nội dung nào.)", italic=True)
    note = doc.add_paragraph()
    note.paragraph_format.space_before = Pt(6)
    run = note.add_run(
        "Ghi chú: “Phục vụ chương trình” ghi số chương trình công tác trọng tâm (và mã chỉ tiêu, "
        "nhiệm vụ) của Chương trình hành động mà nội dung cụ thể hóa."
    )
    _font(run, 10)
    run.italic = True
    run.font.color.rgb = RGBColor(0x40, 0x40, 0x40)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
