"""Stage 2a, headings: what a heading looks like, and what kind of section it opens.

A heading is a short paragraph without a number, marked "I-", "1.", "1.1.", "a)", written in
capitals, or unmarked but titled like a section. Its words tell the section: "Mục tiêu cụ thể" /
"Các chỉ tiêu chủ yếu" (targets), "Nhiệm vụ, giải pháp" (tasks), "… khâu đột phá" (breakthroughs),
"Tổ chức thực hiện" (org), "Mục tiêu tổng quát", "Quan điểm" … (other). "Chương trình 1: …" and
"Chương trình thứ nhất: …" open a program; "a) Mục tiêu: Đến năm 2025, …" is an inline label that
opens a section and holds its first paragraph.

This module only recognises one paragraph; `paragraphs` uses it to know where a paragraph ends
and `sections` to walk the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lines import Para, is_caps, marker
from .quantities import find_quantities

_ORDINALS = {"nhất": 1, "một": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7,
             "tám": 8, "chín": 9, "mười": 10}  # fmt: skip
#: "Chương trình 1: …", "Chương trình số 2 - …", "Chương trình thứ ba: …".
PROGRAM_RE = re.compile(
    r"^chương trình\s+(?:số\s+)?(?P<n>\d{1,2}|thứ\s+(?:"
    + "|".join(_ORDINALS)
    + r"))\s*[:.\-–—]\s*(?P<title>\S.*)$",
    re.IGNORECASE,
)
#: "Mục tiêu: …", "Nhiệm vụ, giải pháp: …" at the start of a paragraph that goes on.
INLINE_LABEL_RE = re.compile(
    r"^(?P<label>mục tiêu(?: cụ thể)?|(?:các )?chỉ tiêu(?: chủ yếu)?|nhiệm vụ(?:,? (?:và )?giải pháp)?(?: chủ yếu)?|"
    r"giải pháp(?: thực hiện)?)\s*:\s*(?=\S)",
    re.IGNORECASE,
)


def program_number(text: str) -> int:
    """ "3" -> 3, "thứ ba" -> 3."""
    return int(text) if text.isdigit() else _ORDINALS[text.split()[-1].lower()]


def heading_like_program(p: Para) -> bool:
    """A "Chương trình N: …" paragraph short enough to be a heading, not a sentence about it."""
    return len(p.body.split()) <= 60


_OTHER_SECTION_RE = re.compile(
    r"(?:mục tiêu tổng quát|mục tiêu chung|mục đích|yêu cầu|quan điểm|bối cảnh|tình hình|"
    r"kết quả|đánh giá|phương hướng|nơi nhận)"
)


def section_type(text: str) -> str:
    """The section a title names: "targets", "tasks", "breakthroughs", "org", "other" or
    "unknown"."""
    low = text.lower().strip(" :.")
    low = re.sub(r"^(?:[ivx]+|\d+(?:\.\d+)*)\s*[.\-–)]*\s*", "", low)
    if "đột phá" in low:
        return "breakthroughs"
    if "tổ chức thực hiện" in low:
        return "org"
    if _OTHER_SECTION_RE.match(low):
        return "other"
    if re.search(r"\b(?:chỉ tiêu|mục tiêu cụ thể)\b", low) or re.match(r"mục tiêu\b", low):
        return "targets"
    if re.match(r"(?:các\s+)?(?:nhiệm vụ|giải pháp)", low) or re.search(
        r"nhiệm vụ,?\s*(?:và\s+)?giải pháp", low
    ):
        return "tasks"
    return "unknown"


@dataclass
class Heading:
    level: int | None  # None: an unnumbered heading
    type: str
    text: str


def heading(p: Para) -> Heading | None:
    """The heading a paragraph is (level: 0 for "I-" and capitals, 1 for "1.", 2 for "1.1." …, 6
    for "a)", None when unnumbered), or None when it is body text."""
    body = p.body.strip()
    if " | " in body:
        return None  # a table row
    words = len(body.split())
    ends_sentence = bool(re.search(r"[.;!?…]$", body))
    kind = section_type(body) if body else "unknown"
    if p.marker == "roman":
        if words <= 25 and not ends_sentence:
            return Heading(0, kind, body)
        return None
    if p.marker in ("num", "letter"):
        level = p.number.count(".") + 1 if p.marker == "num" else 6
        if not body:
            return Heading(level, "unknown", body)
        if (
            words <= 25
            and (not ends_sentence or (kind != "unknown" and words <= 8))
            and not find_quantities(body)
        ):
            return Heading(level, kind, body)
        return None
    if p.marker == "":
        if kind != "unknown" and words <= 12 and not ends_sentence and not find_quantities(body):
            return Heading(None, kind, body)
        if is_caps(body) and words <= 20 and not find_quantities(body):
            return Heading(0, kind, body)
    return None


def is_heading_text(p: Para) -> bool:
    return heading(p) is not None or bool(PROGRAM_RE.match(p.body))


def starts_new(text: str) -> bool:
    """A line that cannot continue the paragraph before it: a list item, a table row, a program
    heading, capitals, a short section title, "Căn cứ …", "Nơi nhận", "Điều 1" …"""
    if " | " in text or marker(text)[0] or PROGRAM_RE.match(text) or is_caps(text):
        return True
    if section_type(text) != "unknown" and len(text.split()) <= 12:
        return True
    return bool(re.match(r"(?:Căn cứ|Xét|Nơi nhận|Điều \d|QUYẾT NGHỊ)", text))
