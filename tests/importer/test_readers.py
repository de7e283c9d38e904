"""Reading uploaded files: what is read, and what is refused with a Vietnamese message."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pytest

from tiendo.importer.parser import parse_plan_text
from tiendo.importer.readers import DocumentRefused, detect_legacy_encoding, read_document

SEED = (
    Path(__file__).resolve().parents[2].parent
    / "shared"
    / "seed"
    / "chuong-trinh-hanh-dong-lang-son-2020-2025.txt"
)
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

SAMPLE = (
    "Chương trình hành động của Ban Chấp hành Đảng bộ tỉnh. Đến năm 2025, tổng kim ngạch xuất nhập "
    "khẩu qua địa bàn đạt khoảng 6.650 triệu USD; độ che phủ rừng đạt 65%."
)

# --- legacy encoders, written here so that the tests do not depend on the detector's tables ----

_TCVN3 = dict(
    zip(
        "àảãáạăằẳẵắặâầẩẫấậđèẻẽéẹêềểễếệìỉĩíịòỏõóọôồổỗốộơờởỡớợùủũúụưừửữứựỳỷỹýỵĂÂÊÔƠƯĐ",
        "µ¶·¸¹¨»¼½¾Æ©ÇÈÉÊË®ÌÎÏÐÑªÒÓÔÕÖ×ØÜÝÞßáâãä«åæçèé¬êëìíîïñòóô\xadõö÷øùúûüýþ¡¢£¤¥¦§",
        strict=True,
    )
)


def tcvn3(text: str) -> str:
    """Vietnamese as TCVN3 (ABC) shows it in a Unicode font: "Chương" -> "Ch\xad¬ng"."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in _TCVN3:
            out.append(_TCVN3[ch])
        elif ch.lower() in _TCVN3 and ch.lower() not in "ăâêôơưđ":
            out.append(_TCVN3[ch.lower()])  # TCVN3 has no capitals with tones: .VnTimeH does
        else:
            out.append(ch)
    return "".join(out)


_VNI_TONE = {"\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
_VNI_CIRC = {"\u0301": "á", "\u0300": "à", "\u0309": "å", "\u0303": "ã", "\u0323": "ä", None: "â"}
_VNI_BREVE = {"\u0301": "é", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë", None: "ê"}
_VNI_I = {"\u0301": "í", "\u0300": "ì", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}


def vni(text: str) -> str:
    """Vietnamese as VNI shows it in a Unicode font: "Chương trình" -> "Chöông trình"."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in "đĐ":
            out.append("ñ" if ch == "đ" else "Ñ")
            continue
        decomposed = unicodedata.normalize("NFD", ch)
        base, marks = decomposed[0], decomposed[1:]
        tone = next((m for m in marks if m in _VNI_TONE), None)
        if "\u0302" in marks:
            out.append(base + _VNI_CIRC[tone])
        elif "\u0306" in marks:
            out.append(base + _VNI_BREVE[tone])
        elif "\u031b" in marks:
            out.append(
                {"o": "ô", "u": "ö", "O": "Ô", "U": "Ö"}[base] + (_VNI_TONE[tone] if tone else "")
            )
        elif tone and base == "i":
            out.append(_VNI_I[tone])
        elif tone:
            out.append(base + _VNI_TONE[tone])
        else:
            out.append(ch)
    return "".join(out)


def test_the_encoders_give_the_known_garble() -> None:
    assert tcvn3("Chương trình hành động") == "Ch\xad¬ng tr×nh hµnh ®éng"
    assert vni("Chương trình hành động") == "Chöông trình haønh ñoäng"


def _refused(data: bytes, filename: str) -> str:
    with pytest.raises(DocumentRefused) as info:
        read_document(data=data, filename=filename)
    message = info.value.message_vi
    assert message and message == str(info.value)
    return message


# --- text files --------------------------------------------------------------------------------


def test_utf8_text_with_and_without_bom() -> None:
    assert read_document(data=SAMPLE.encode("utf-8"), filename="ctr.txt") == SAMPLE
    assert read_document(data=b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"), filename="CTR.MD") == SAMPLE
    decomposed = unicodedata.normalize("NFD", SAMPLE).encode("utf-8")
    assert read_document(data=decomposed, filename="ctr.txt") == SAMPLE  # NFC


def test_seed_reads_and_parses() -> None:
    text = read_document(data=SEED.read_bytes(), filename=SEED.name)
    assert len(parse_plan_text(text=text).document["targets"]) == 53


def test_empty_file_is_refused() -> None:
    assert "trống" in _refused(b"", "ctr.txt")
    assert "trống" in _refused(b"  \n\r\n ", "ctr.md")
    assert "trống" in _refused(b"\xef\xbb\xbf", "ctr.txt")


def test_binary_and_unknown_files_are_refused() -> None:
    assert "nhị phân" in _refused(bytes(range(256)) * 8, "ctr.txt")
    assert "nhị phân" in _refused(b"%PDF-1.7 but called .txt", "ctr.txt")
    assert ".xlsx" in _refused(b"PK\x03\x04 spreadsheet", "chi-tieu.xlsx")
    assert "đuôi" in _refused(b"plain words", "README")
    assert ".docx" in _refused(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 word 97", "ctr.doc")
    assert "docx" in _refused(b"not a zip at all", "ctr.docx")
    assert "PDF" in _refused(b"%PDF-1.4 broken", "ctr.pdf")


def test_text_that_is_not_utf8_is_refused() -> None:
    assert "UTF-8" in _refused("Café déjà vu, prix moyen".encode("cp1252"), "ctr.txt")
    assert "UTF-8" in _refused(SAMPLE.encode("utf-16"), "ctr.txt")


def test_tcvn3_is_refused() -> None:
    garbled = tcvn3(SAMPLE)
    assert detect_legacy_encoding(garbled) == "tcvn3"
    assert "TCVN3" in _refused(garbled.encode("cp1252"), "ctr.txt")  # the legacy bytes
    assert "TCVN3" in _refused(garbled.encode("utf-8"), "ctr.txt")  # copied into a UTF-8 file


def test_vni_is_refused() -> None:
    garbled = vni(SAMPLE)
    assert detect_legacy_encoding(garbled) == "vni"
    assert "VNI" in _refused(garbled.encode("cp1252"), "ctr.txt")
    assert "VNI" in _refused(garbled.encode("utf-8"), "ctr.md")


def test_unicode_vietnamese_is_not_taken_for_a_legacy_encoding() -> None:
    assert detect_legacy_encoding(SEED.read_text(encoding="utf-8")) is None
    assert detect_legacy_encoding("Giá trị ≥ 5% © 2021 · Mục § 3 « trích dẫn »") is None


def test_a_few_legacy_paragraphs_in_a_unicode_document_are_refused() -> None:
    lines = [SAMPLE] * 20 + [tcvn3(SAMPLE)] * 3
    assert detect_legacy_encoding("\n".join(lines)) == "tcvn3"


# --- Word --------------------------------------------------------------------------------------


def _docx(legacy: bool = False) -> bytes:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("CHƯƠNG TRÌNH HÀNH ĐỘNG", level=0)
    document.add_paragraph(
        "Thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Lạng Sơn lần thứ XVII, nhiệm kỳ 2020 - 2025"
    )
    document.add_heading("1. Chương trình 1: Phát triển kinh tế cửa khẩu", level=1)
    document.add_heading("1.1. Mục tiêu cụ thể", level=2)
    first = "Đến năm 2025, tổng kim ngạch xuất nhập khẩu qua địa bàn đạt khoảng 6.650 triệu USD."
    document.add_paragraph(tcvn3(first) if legacy else first, style="List Bullet")
    document.add_paragraph(
        "Hoàn thành xây dựng hạ tầng kỹ thuật Khu chế xuất 1.", style="List Bullet"
    )
    document.add_heading("1.2. Nhiệm vụ, giải pháp", level=2)
    document.add_paragraph(
        "Tạo môi trường thuận lợi đẩy mạnh hoạt động xuất nhập khẩu.", style="List Bullet"
    )
    document.add_heading("2. Chương trình 2: Phát triển nông nghiệp", level=1)
    document.add_heading("2.1. Mục tiêu cụ thể", level=2)
    table = document.add_table(rows=1, cols=4)
    for cell, text in zip(
        table.rows[0].cells, ["STT", "Chỉ tiêu", "Đơn vị", "Mục tiêu 2025"], strict=True
    ):
        cell.text = text
    rows = [
        ("1", "Tốc độ tăng trưởng giá trị sản xuất nông lâm nghiệp bình quân", "%/năm", "3 - 3,5"),
        ("2", "Độ che phủ rừng", "%", "65"),
        ("3", "Tỷ lệ hộ nghèo", "%", "dưới 3"),
        ("4", "Số xã đạt chuẩn nông thôn mới", "xã", "≥ 115"),
    ]
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    document.add_heading("2.2. Nhiệm vụ, giải pháp", level=2)
    document.add_paragraph("Đẩy mạnh tái cơ cấu ngành nông nghiệp.", style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_paragraphs_and_tables_in_body_order() -> None:
    text = read_document(data=_docx(), filename="ctr.docx")
    lines = text.splitlines()
    assert lines[0] == "CHƯƠNG TRÌNH HÀNH ĐỘNG"
    assert "- Hoàn thành xây dựng hạ tầng kỹ thuật Khu chế xuất 1." in lines  # a list paragraph
    header = lines.index("STT | Chỉ tiêu | Đơn vị | Mục tiêu 2025")
    assert lines[header + 2] == "2 | Độ che phủ rừng | % | 65"
    assert lines.index("2.1. Mục tiêu cụ thể") < header < lines.index("2.2. Nhiệm vụ, giải pháp")

    doc = parse_plan_text(text=text).document
    assert [p["number"] for p in doc["programs"]] == [1, 2]
    brief = [
        (t["code"], t["kind"], t["comparator"], t["value"], t["value_high"], t["unit"])
        for t in doc["targets"]
    ]
    assert brief == [
        ("1.1", "level", "approx", "6650", None, "triệu USD"),
        ("1.2", "milestone", None, None, None, ""),
        ("2.1", "avg_growth", "range", "3", "3.5", "%/năm"),
        ("2.2", "level", "ge", "65", None, "%"),
        ("2.3", "level", "lt", "3", None, "%"),
        ("2.4", "level", "ge", "115", None, "xã"),
    ]
    assert doc["targets"][3]["indicator"] == "Độ che phủ rừng"
    assert [t["code"] for t in doc["tasks"]] == ["NV1.1", "NV2.1"]
    assert doc["unparsed"] == []


def test_docx_with_a_tcvn3_paragraph_is_refused() -> None:
    # one paragraph in .VnTime among Unicode ones would give half a plan: refuse the file
    text = tcvn3(
        "Đến năm 2025, tổng kim ngạch xuất nhập khẩu qua địa bàn đạt khoảng 6.650 triệu USD."
    )
    assert detect_legacy_encoding(text) == "tcvn3"
    assert "TCVN3" in _refused(_docx(legacy=True), "ctr.docx")


# --- PDF ---------------------------------------------------------------------------------------


def test_scanned_pdf_without_text_is_refused() -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    assert "scan" in _refused(buffer.getvalue(), "ctr.pdf")


def test_pdf_with_a_text_layer() -> None:
    fpdf = pytest.importorskip("fpdf", reason="fpdf2 makes the PDF with a Vietnamese text layer")
    if not FONT.is_file():
        pytest.skip(f"{FONT} is needed to write Vietnamese into a PDF")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.set_font("DejaVu", size=11)
    for line in [
        "CÁC CHỈ TIÊU CHỦ YẾU ĐẾN NĂM 2025",
        "Kế hoạch phát triển kinh tế - xã hội 5 năm giai đoạn 2021 - 2025 tỉnh Lạng Sơn gồm các chỉ tiêu sau:",
        "- Tốc độ tăng trưởng kinh tế (GRDP) bình quân hằng năm đạt 7 - 7,5%.",
        "- Tỷ lệ che phủ rừng đạt 65%.",
        "- Tỷ lệ hộ nghèo giảm bình quân 2%/năm.",
    ]:
        pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    text = read_document(data=bytes(pdf.output()), filename="ke-hoach.pdf")
    assert "Tỷ lệ che phủ rừng đạt 65%." in text
    doc = parse_plan_text(text=text).document
    brief = [(t["kind"], t["comparator"], t["value"], t["value_high"]) for t in doc["targets"]]
    assert brief == [
        ("avg_growth", "range", "7", "7.5"),
        ("level", "ge", "65", None),
        ("avg_growth", "ge", "2", None),
    ]
    assert doc["term"] == {"from_year": 2021, "to_year": 2025}
