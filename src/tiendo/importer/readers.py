"""Read an uploaded document into plain text for the parser. Pure Python, no Django.

`read_document` accepts .txt / .md (UTF-8, with or without BOM), .docx (paragraphs and tables
in body order; a table row becomes one line, cells joined by " | "; list paragraphs get a "- "
bullet) and .pdf with a text layer. Anything it cannot read faithfully is refused whole with
`DocumentRefused`, whose `message_vi` tells the user what to do: an empty file, a binary or
unknown file, a scanned PDF without text, text that is not UTF-8, and Vietnamese typed in the
legacy TCVN3 (ABC) or VNI encodings. It never returns half a document.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import PurePath
from typing import Any

from tiendo.core.archives import ArchiveRefused, zip_check

__all__ = ["DocumentRefused", "detect_legacy_encoding", "read_document"]

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
# A .docx is opened only when its parts unpack to at most this much, in at most this many parts
# (the callers pass the settings TIENDO_ZIP_MAX_BYTES / TIENDO_ZIP_MAX_MEMBERS).
ZIP_MAX_BYTES = 50 * 1024 * 1024
ZIP_MAX_MEMBERS = 2000
SUPPORTED = "tệp .docx, .pdf (có lớp chữ), .txt hoặc .md"


class DocumentRefused(ValueError):
    """The file cannot be read faithfully; `message_vi` says why and what to do."""

    def __init__(self, message_vi: str) -> None:
        super().__init__(message_vi)
        self.message_vi = message_vi


MSG_EMPTY = "Tệp trống: không có nội dung để nhập. Hãy kiểm tra lại tệp đã chọn."
MSG_BINARY = (
    "Tệp không phải văn bản đọc được (có vẻ là tệp nhị phân hoặc bị hỏng). "
    f"Hãy tải lên {SUPPORTED}."
)
MSG_NOT_UTF8 = (
    "Tệp văn bản không ở bảng mã UTF-8 (Unicode). Hãy mở tệp, chọn “Lưu thành” với bảng mã "
    "UTF-8 rồi tải lên lại."
)
MSG_TCVN3 = (
    "Văn bản dùng bảng mã cũ TCVN3 (ABC, phông .VnTime): chữ tiếng Việt sẽ bị sai. Hãy chuyển "
    "sang Unicode (ví dụ Unikey → Công cụ chuyển mã, nguồn “TCVN3 (ABC)”, đích “Unicode”), lưu "
    "lại rồi tải lên lại."
)
MSG_VNI = (
    "Văn bản dùng bảng mã cũ VNI (phông VNI-Times): chữ tiếng Việt sẽ bị sai. Hãy chuyển sang "
    "Unicode (ví dụ Unikey → Công cụ chuyển mã, nguồn “VNI Windows”, đích “Unicode”), lưu lại "
    "rồi tải lên lại."
)
MSG_SCANNED = (
    "Tệp PDF không có lớp chữ (có thể là bản scan hoặc ảnh chụp), nên không đọc được nội dung. "
    "Hãy dùng bản .docx, bản PDF xuất trực tiếp từ Word, hoặc nhận dạng chữ (OCR) trước khi tải lên."
)
MSG_DOC = (
    "Tệp Word 97-2003 (.doc) chưa được hỗ trợ. Hãy mở bằng Word, chọn “Lưu thành” định dạng "
    ".docx rồi tải lên lại."
)
MSG_BAD_DOCX = "Không mở được tệp .docx (tệp hỏng hoặc không đúng định dạng Word). Hãy lưu lại bằng Word rồi tải lên lại."
MSG_BAD_PDF = (
    "Không mở được tệp PDF (tệp hỏng hoặc không đúng định dạng). Hãy xuất lại PDF rồi tải lên lại."
)
MSG_ENCRYPTED = "Tệp PDF được đặt mật khẩu. Hãy bỏ mật khẩu (hoặc dùng bản .docx) rồi tải lên lại."


def _unknown(suffix: str) -> str:
    shown = suffix or "không có đuôi"
    return f"Không đọc được định dạng tệp “{shown}”. Hãy tải lên {SUPPORTED}."


def read_document(
    *,
    data: bytes,
    filename: str,
    zip_max_bytes: int = ZIP_MAX_BYTES,
    zip_max_members: int = ZIP_MAX_MEMBERS,
) -> str:
    """The text of an uploaded plan document, NFC-normalised; raises DocumentRefused. A .docx
    is checked (`tiendo.core.archives.zip_check`) before it is opened."""
    if not data or not data.strip():
        raise DocumentRefused(MSG_EMPTY)
    suffix = PurePath(filename or "").suffix.lower()
    if suffix in TEXT_SUFFIXES:
        text = _read_text(data)
    elif suffix == ".docx":
        text = _read_docx(data, max_bytes=zip_max_bytes, max_members=zip_max_members)
    elif suffix == ".pdf":
        text = _read_pdf(data)
    elif suffix == ".doc":
        raise DocumentRefused(MSG_DOC)
    else:
        raise DocumentRefused(_unknown(suffix))
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    legacy = detect_legacy_encoding(text)
    if legacy == "tcvn3":
        raise DocumentRefused(MSG_TCVN3)
    if legacy == "vni":
        raise DocumentRefused(MSG_VNI)
    if not re.search(r"[^\W\d_]", text):
        raise DocumentRefused(MSG_EMPTY)
    return text


# --- Plain text ------------------------------------------------------------------------------------


def _read_text(data: bytes) -> str:
    if data.startswith((b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0")):
        raise DocumentRefused(MSG_BINARY)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DocumentRefused(MSG_NOT_UTF8)
    if b"\x00" in data[:65536]:
        raise DocumentRefused(MSG_BINARY)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        guess = data.decode("cp1252", errors="replace")
        legacy = detect_legacy_encoding(guess)
        if legacy == "tcvn3":
            raise DocumentRefused(MSG_TCVN3) from None
        if legacy == "vni":
            raise DocumentRefused(MSG_VNI) from None
        control = sum(1 for b in data if b < 32 and b not in (9, 10, 13))
        raise DocumentRefused(MSG_BINARY if control > len(data) / 100 else MSG_NOT_UTF8) from None
    control = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f")
    if control > max(2, len(text) / 200):
        raise DocumentRefused(MSG_BINARY)
    return text


# --- Legacy Vietnamese encodings -------------------------------------------------------------------

#: Characters that TCVN3 (ABC) text shows when read as Windows-1252/Latin-1 and that Vietnamese
#: written in Unicode never uses: "Ch­¬ng tr×nh hµnh ®éng" is "Chương trình hành động".
_TCVN3_MARKS = set("¡¢£¤¥¦§¨©ª¬\u00ad®µ¶·¸¹¼½¾Æ×ØÜÞß")
#: VNI writes a tone or vowel mark as a second character after the vowel: "Chöông trình haønh
#: ñoäng" is "Chương trình hành động".
_VNI_PAIRS = re.compile(
    r"[aeiouyAEIOUYôöÔÖ][ùøûõïÙØÛÕÏ]|[aAeEoO][âêÂÊ]|[aAeEoOôÔ][áàåãäéèëüÁÀÅÃÄÉÈËÜ]|[ñÑ](?=[a-zA-Zô])"
)


def _unicode_vietnamese(text: str) -> int:
    return sum(1 for ch in text if "\u1ea0" <= ch <= "\u1ef9" or ch in "ăâđêôơưĂÂĐÊÔƠƯ")


def detect_legacy_encoding(text: str) -> str | None:
    """ "tcvn3" or "vni" when the text is Vietnamese typed in a legacy encoding, else None."""
    if not text:
        return None
    found = _legacy(text, 5)
    if found:
        return found
    # a document can mix fonts: a few paragraphs typed in .VnTime are enough to refuse it
    hits: dict[str, int] = {}
    lines = [line for line in text.split("\n") if len(line) >= 20]
    for line in lines:
        strong = _legacy(line, 5)
        if strong:
            return strong  # one paragraph clearly typed in a legacy font
        kind = _legacy(line, 3)
        if kind:
            hits[kind] = hits.get(kind, 0) + 1
    for kind, count in sorted(hits.items(), key=lambda kv: -kv[1]):
        if count >= 3 or count >= 0.1 * len(lines):
            return kind
    return None


def _legacy(text: str, minimum: int) -> str | None:
    native = _unicode_vietnamese(text)
    tcvn3 = sum(1 for ch in text if ch in _TCVN3_MARKS)
    if tcvn3 >= minimum and tcvn3 > native:
        return "tcvn3"
    vni = len(_VNI_PAIRS.findall(text))
    if vni >= minimum and vni > native:
        return "vni"
    return None


# --- Word (.docx) ----------------------------------------------------------------------------------


def _read_docx(data: bytes, *, max_bytes: int, max_members: int) -> str:
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise DocumentRefused(MSG_DOC if data.startswith(b"\xd0\xcf\x11\xe0") else MSG_BAD_DOCX)
    try:
        zip_check(data, max_bytes=max_bytes, max_members=max_members)
    except ArchiveRefused as exc:
        raise DocumentRefused(exc.message_vi) from exc
    try:
        import docx
        from docx.oxml.ns import qn
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds for a broken package
        raise DocumentRefused(MSG_BAD_DOCX) from exc

    lines: list[str] = []

    def blocks(parent: Any) -> Iterator[Any]:
        for child in parent.iterchildren():
            if child.tag == qn("w:p"):
                yield Paragraph(child, document)
            elif child.tag == qn("w:tbl"):
                yield Table(child, document)
            elif child.tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    yield from blocks(content)

    for block in blocks(document.element.body):
        if isinstance(block, Paragraph):
            text = block.text.replace("\t", " ")
            if _is_list_paragraph(block) and text.strip() and not re.match(r"\s*[-+•–*]\s", text):
                text = "- " + text.strip()
            lines.extend(text.split("\n"))
        else:
            for row in block.rows:
                cells: list[str] = []
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell repeats
                        continue
                    seen.add(id(cell._tc))
                    cells.append(re.sub(r"\s+", " ", cell.text).strip())
                if any(cells):
                    lines.append(" | ".join(cells))
    return "\n".join(lines)


def _is_list_paragraph(paragraph: Any) -> bool:
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.numPr is not None:
        return True
    style = getattr(paragraph.style, "name", "") or ""
    return style.lower().startswith("list")


# --- PDF -------------------------------------------------------------------------------------------


def _read_pdf(data: bytes) -> str:
    if not data.lstrip().startswith(b"%PDF"):
        raise DocumentRefused(MSG_BINARY)
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentRefused(MSG_ENCRYPTED)
        pages = [page.extract_text() or "" for page in reader.pages]
    except DocumentRefused:
        raise
    except Exception as exc:  # pypdf raises many kinds for broken files
        raise DocumentRefused(MSG_BAD_PDF) from exc
    text = "\n".join(pages)
    letters = len(re.findall(r"[^\W\d_]", text))
    if letters < 20 * max(1, len(pages)) / 4 or letters < 20:
        raise DocumentRefused(MSG_SCANNED)
    return text
