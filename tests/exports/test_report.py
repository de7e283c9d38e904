"""The results report: Word and PDF files opened and checked against the evaluation."""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from docx import Document
from docx.shared import Pt
from pypdf import PdfReader

from tiendo.audit.models import AuditEntry
from tiendo.core.numbers import format_number
from tiendo.evaluation import engine
from tiendo.evaluation.services import plan_evaluate
from tiendo.exports.docx_render import report_docx
from tiendo.exports.models import ReportDraft
from tiendo.exports.report import report_build
from tiendo.exports.services import DraftStale, report_draft_save
from tiendo.org.models import OrgUnit, OrgUnitKind

pytestmark = pytest.mark.django_db
PLAN = "lang-son-2020-2025"
TODAY = dt.date(2025, 12, 15)


def run_report(tmp_path: Path, *args: str) -> Path:
    out = tmp_path / "bao-cao.out"
    call_command(
        "report",
        "--plan",
        PLAN,
        *args,
        "-o",
        str(out),
        "--date",
        "2025-12-15",
        stdout=io.StringIO(),
    )
    return out


def evaluate_json() -> dict[str, dict[str, Any]]:
    out = io.StringIO()
    call_command("evaluate", "--plan", PLAN, "--as-of", "2025", "--json", stdout=out)
    return {e["code"]: e for e in json.loads(out.getvalue())}


def doc_text(document: Any) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def test_docx_header_party_layout(shared_figures, tmp_path):
    path = run_report(tmp_path, "--as-of", "2025", "--format", "docx")
    document = Document(str(path))
    head = document.tables[0]
    left = head.cell(0, 0).text
    right = head.cell(0, 1).text
    assert left.splitlines() == ["TỈNH ỦY LẠNG SƠN", "*", "Số       -BC/TU"]
    assert right.splitlines()[0] == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert "Lạng Sơn, ngày 15 tháng 12 năm 2025" in right
    text = doc_text(document)
    assert "BÁO CÁO" in text
    assert "kết quả thực hiện Chương trình hành động số 23-CTr/TU" in text
    # A4, Times New Roman 14 pt, a PAGE field in the footer.
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(14)
    footer_xml = section.footer.paragraphs[0]._p.xml
    assert "PAGE" in footer_xml and "fldChar" in footer_xml
    # Signature block and recipients.
    sign = document.tables[-2]
    assert "T/M BAN THƯỜNG VỤ" in sign.cell(0, 1).text
    assert sign.cell(0, 0).text.startswith("Nơi nhận:")


def test_docx_numbers_match_evaluation(shared_figures, tmp_path):
    path = run_report(tmp_path, "--as-of", "2025", "--format", "docx")
    document = Document(str(path))
    result = evaluate_json()
    plan_eval = plan_evaluate(plan=shared_figures, as_of_year=2025)
    text = doc_text(document)
    counts = Counter(e["status"] for e in result.values())
    met = counts["exceeded"] + counts["achieved"]
    assert f"có {met}/{len(result)} chỉ tiêu đạt và vượt" in text
    assert f"{counts['not_achieved']} chỉ tiêu không đạt" in text
    assert f"{counts['no_data']} chỉ tiêu chưa có số liệu" in text
    # One table per program after the header, then the signature block and the appendix.
    program_tables = document.tables[1 : 1 + len(plan_eval.programs)]
    seen: dict[str, list[str]] = {}
    by_year: dict[str, dict[str, str]] = {}
    for table in program_tables:
        header = [c.text for c in table.rows[0].cells]
        assert header[:4] == ["STT", "Chỉ tiêu", "Đơn vị tính", "Mục tiêu"]
        assert header[-2:] == ["% so với mục tiêu", "Đánh giá"]
        # The years of the term that have a figure in the program, in order.
        all_years = [str(y) for y in range(2020, 2026)]
        assert header[4:-2] == [y for y in all_years if y in header[4:-2]]
        for row in table.rows[1:]:
            cells = [c.text for c in row.cells]
            code = cells[1].split(". ", 1)[0]
            seen[code] = cells
            by_year[code] = dict(zip(header[4:-2], cells[4:-2], strict=True))
    assert set(seen) == set(result)
    for code, cells in seen.items():
        e = result[code]
        assert cells[-1] == engine.STATUS_LABELS[engine.Status(e["status"])]
        assert cells[3] == e["target"]
        if e["progress_pct"] is not None:
            from decimal import Decimal

            assert cells[-2] == format_number(Decimal(e["progress_pct"]), 1) + "%"
    # 5.6: the official 2,32 % counts in 2025; 3.1 "hơn 4,4" in 2025; 2.1 the 2024 estimate.
    assert by_year["5.6"]["2025"] == "2,32" and seen["5.6"][-1] == "Đạt"
    assert by_year["3.1"]["2025"] == "hơn 4,4"
    assert by_year["2.1"]["2024"] == "2,78 (*)"
    # Appendix: every target with its explanation from the evaluation.
    appendix = document.tables[-1]
    rows = {r.cells[1].text: [c.text for c in r.cells] for r in appendix.rows[1:]}
    assert len(rows) == len(result)
    for code, e in result.items():
        assert rows[code][-1] == e["explanation"]
        assert rows[code][5] == engine.STATUS_LABELS[engine.Status(e["status"])]
    # Limitations name the targets not achieved.
    for code in ("2.9", "2.10", "2.11", "3.2"):
        assert f"Chỉ tiêu {code} (" in text


def test_state_variant_for_a_state_issuer(shared_figures):
    plan = shared_figures
    ubnd = OrgUnit.objects.create(
        code="ubnd-tinh-lang-son",
        name="Ủy ban nhân dân tỉnh Lạng Sơn",
        short_name="Ủy ban nhân dân tỉnh Lạng Sơn",
        kind=OrgUnitKind.PEOPLES_COMMITTEE,
    )
    plan.issuing_unit = ubnd
    plan.number = "12/CTr-UBND"
    plan.save()
    report = report_build(plan=plan, as_of_year=2025, today=TODAY)
    document = Document(io.BytesIO(report_docx(report=report)))
    right = document.tables[0].cell(0, 1).text.splitlines()
    assert right[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    left = document.tables[0].cell(0, 0).text
    assert "*" not in left and "Số:       /BC-UBND" in left
    assert "ĐẢNG CỘNG SẢN" not in document.tables[0].cell(0, 1).text
    assert "TM. ỦY BAN NHÂN DÂN" in document.tables[-2].cell(0, 1).text


def test_draft_edits_reach_the_report_and_are_audited(shared_figures, demo):
    plan = shared_figures
    draft = report_draft_save(
        actor=demo["theodoi"],
        plan=plan,
        as_of_year=2025,
        version=None,
        fields={"number": "245-BC/TU", "signer_name": "Nguyễn Văn A", "date": TODAY},
        sections={"overall": "Nhận định chung do Văn phòng viết lại.", "limitations": ""},
    )
    assert draft.version == 2 or draft.version >= 1
    entry = AuditEntry.objects.filter(object_type="exports.reportdraft").latest("id")
    assert entry.changes["section.overall"]["after"].startswith("Nhận định chung")
    report = report_build(plan=plan, as_of_year=2025)
    document = Document(io.BytesIO(report_docx(report=report)))
    text = doc_text(document)
    assert "Nhận định chung do Văn phòng viết lại." in text
    assert "Tính đến năm 2025, trong tổng số" not in text  # replaced
    assert "Số 245-BC/TU" in document.tables[0].cell(0, 0).text
    assert "Nguyễn Văn A" in document.tables[-2].cell(0, 1).text
    # A stale version is refused; a leader or reporter may not edit.
    with pytest.raises(DraftStale):
        report_draft_save(
            actor=demo["theodoi"], plan=plan, as_of_year=2025, version=1, fields={}, sections={}
        )
    from tiendo.accounts.permissions import NotAllowed

    for user in ("lanhdao", "baocao.snn"):
        with pytest.raises(NotAllowed):
            report_draft_save(
                actor=demo[user], plan=plan, as_of_year=2025, version=None, fields={}, sections={}
            )
    assert ReportDraft.objects.count() == 1


def test_pdf_has_the_same_text(shared_figures, tmp_path):
    path = run_report(tmp_path, "--as-of", "2025", "--format", "pdf")
    reader = PdfReader(str(path))
    text = "\n".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split())
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in flat
    assert "TỈNH ỦY LẠNG SƠN" in flat
    assert "BÁO CÁO" in flat
    result = evaluate_json()
    counts = Counter(e["status"] for e in result.values())
    met = counts["exceeded"] + counts["achieved"]
    assert f"có {met}/{len(result)} chỉ tiêu đạt và vượt" in flat
    assert "PHỤ LỤC" in flat
    assert "2,32" in flat
    assert len(reader.pages) >= 3


def test_text_dump_and_refusals(shared_figures, tmp_path):
    path = run_report(tmp_path, "--as-of", "2025", "--format", "txt")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("TỈNH ỦY LẠNG SƠN\n*\n")
    with pytest.raises(CommandError, match="Không có chương trình hành động"):
        call_command("report", "--plan", "khong-co", "-o", str(tmp_path / "x"))


def test_report_pages(shared_figures, demo, client):
    client.force_login(demo["theodoi"])
    url = f"/plans/{PLAN}/bao-cao-ket-qua/"
    page = client.get(url + "?as_of=2025")
    assert page.status_code == 200
    assert "Đánh giá chung" in page.content.decode()
    saved = client.post(
        url,
        {
            "as_of": "2025",
            "version": "",
            "number": "7-BC/TU",
            "date": "2025-12-20",
            "section-overall": "Đoạn do Văn phòng sửa.",
        },
    )
    assert saved.status_code == 302
    docx = client.get(url + "tai-ve.docx?as_of=2025")
    assert docx.status_code == 200
    document = Document(io.BytesIO(docx.content))
    assert "Đoạn do Văn phòng sửa." in doc_text(document)
    assert "ngày 20 tháng 12 năm 2025" in document.tables[0].cell(0, 1).text
    # A reporter may not read the report page.
    client.force_login(demo["baocao.snn"])
    assert client.get(url).status_code == 403
    assert client.get(url + "tai-ve.docx").status_code == 403


def test_query_counts_are_pinned(shared_figures, demo, client, django_assert_num_queries):
    """The report, the Excel export and open data do not grow with the number of targets."""
    from tiendo.exports.selectors import open_figures
    from tiendo.exports.workbook import plan_targets_xlsx

    with django_assert_num_queries(REPORT_QUERIES):
        report_build(plan=shared_figures, as_of_year=2025, today=TODAY)
    with django_assert_num_queries(XLSX_QUERIES):
        plan_targets_xlsx(plan=shared_figures, as_of_year=2025)
    with django_assert_num_queries(1):
        list(open_figures(plan=shared_figures))


REPORT_QUERIES = 10  # includes the fingerprint of the evaluation inputs
XLSX_QUERIES = 4  # the evaluation of the report just built is reused (its stamp: one query)


def test_the_report_command_prints_no_progress_lines_of_weasyprint(
    db, builtin_plan, capsys, caplog
):
    """`tiendo report --format pdf` says what it wrote, and nothing of WeasyPrint's (or
    fontTools') INFO lines: the logging configuration keeps those libraries to warnings."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "bao-cao.pdf"
        call_command("report", plan=builtin_plan.code, as_of=2025, format="pdf", output=out)
        assert out.read_bytes()[:5] == b"%PDF-"
    assert "Đã ghi" in capsys.readouterr().out
    chatter = [
        f"{r.levelname} {r.name} {r.getMessage()}"
        for r in caplog.records
        if r.name.split(".")[0] in ("weasyprint", "fontTools") and r.levelno < logging.WARNING
    ]
    assert not chatter, chatter[:5]


def test_sentences_are_the_engines_and_say_the_verdict_once(shared_figures):
    report = report_build(plan=shared_figures, as_of_year=2025, today=TODAY)
    evaluations = {e.code: e for e in report.evaluation.evaluations}
    limitations = report.sections["limitations"]
    assert (
        "- Chỉ tiêu 2.9 (Số xã đạt chuẩn nông thôn mới): " + evaluations["2.9"].explanation
        in limitations
    )
    assert "không đạt. Năm" not in limitations, "the verdict is not said before its sentence"
    text = report.text()
    assert ": chưa có số liệu." not in text
    no_data = evaluations["1.1"].explanation
    assert no_data == (
        "Chưa có số liệu năm 2025; số liệu gần nhất là năm 2023: 4.975 triệu USD (số chính thức)."
    )
    assert no_data in text


def test_wide_tables_print_on_landscape_pages_with_their_header_repeated(shared_figures, tmp_path):
    """Item 20: a program's table with many years is printed on a landscape page (Word and PDF),
    its columns fixed (office suites keep the widths), its header row repeated on each page,
    rows never split; years without a figure in the program are left out."""
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn

    document = Document(str(run_report(tmp_path, "--as-of", "2025", "--format", "docx")))
    orientations = [s.orientation for s in document.sections]
    assert orientations[0] == WD_ORIENT.PORTRAIT  # the header and the opening text
    assert WD_ORIENT.LANDSCAPE in orientations
    assert orientations[-1] == WD_ORIENT.LANDSCAPE  # the appendix's seven columns
    for section in document.sections:
        wide = section.orientation == WD_ORIENT.LANDSCAPE
        assert (section.page_width > section.page_height) == wide
    data_tables = [t for t in document.tables if t.rows[0].cells[0].text == "STT"]
    assert len(data_tables) >= 8  # seven programs and the appendix
    result = evaluate_json()
    for table in data_tables:
        tbl = table._tbl
        assert tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        assert tbl.tr_lst[0].trPr.find(qn("w:tblHeader")) is not None
        assert all(tr.trPr.find(qn("w:cantSplit")) is not None for tr in tbl.tr_lst)
        headers = [c.text for c in table.rows[0].cells]
        for index, header in enumerate(headers):
            if header.isdigit() and len(header) == 4:
                column = [row.cells[index].text for row in table.rows[1:]]
                assert any(column), f"an empty year column {header}"
        assert headers.count("Chỉ tiêu") == 1
    # The program whose figures span the most years has them all, on a landscape page.
    program_2 = next(t for t in data_tables if t.rows[1].cells[1].text.startswith("2.1."))
    years_2 = [c.text for c in program_2.rows[0].cells if c.text.isdigit()]
    assert years_2 == ["2020", "2022", "2023", "2024", "2025"]
    assert "2.1" in result

    reader = PdfReader(str(run_report(tmp_path, "--as-of", "2025", "--format", "pdf")))
    shapes = ["L" if p.mediabox.width > p.mediabox.height else "P" for p in reader.pages]
    assert shapes[0] == "P" and "L" in shapes and shapes[-1] == "L"
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "202\n0" not in text and "2020 2022 2023 2024 2025" in " ".join(text.split())
