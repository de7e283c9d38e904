"""Stage 2b, paragraphs: numbered lines grouped into paragraphs, a page break's cut mended.

A line continues the paragraph before it when that one has not ended (no stop, no colon), is no
heading and no table row, and the line itself starts nothing new (`headings.starts_new`) and
either starts in lower case, follows a long line, or is the number that the line before stops
short of ("… đến năm 2025 đạt" + "150 triệu đồng"). A line that is only a value (">90%", "≥ 95
%", "> 1,5%": the text of an infographic or a slide puts the figure under its indicator) is the
value of the line before it, whatever that one ends with. The `Para` keeps the source line of every
piece (`Para.line_at`), so that later stages can say where a target came from.
"""

from __future__ import annotations

import re

from .headings import is_heading_text, starts_new
from .lines import Para, marker

#: A paragraph that ends with one of these has ended.
_TERMINAL_RE = re.compile(r"[.!?;:…]['\"”’)]*$")
#: A line that is only a value: a comparator sign or word, a number, a short unit.
_VALUE_LINE_RE = re.compile(
    r"^(?:(?P<sign>[<>≥≤~]|trên|dưới|khoảng|đạt|ít nhất|tối thiểu)\s*)?\d[\d.,]*\s*"
    r"(?P<unit>%(?:/năm)?|[^\W\d_]+(?:\s[^\W\d_/]+){0,3}(?:/năm)?)?\s*$",
    re.IGNORECASE,
)


#: A line that stops at the word before a number ("… đến năm 2025 đạt", "… giảm còn dưới"): the
#: number is on the next line (a line wrapped by a PDF or a narrow column).
_AWAITS_NUMBER_RE = re.compile(
    r"\b(?:đạt|dưới|trên|khoảng|là|còn|từ|tăng|giảm|hơn|ít nhất|tối thiểu|tối đa|chiếm|"
    r"bình quân|không quá|không dưới|không vượt quá|có|thêm|gấp|mức|ở mức|lên)\s*$",
    re.IGNORECASE,
)


def is_value_line(text: str) -> bool:
    """ ">90%", "> 1,5%", "≥ 95 %", "> 20 nghìn lao động": a value with a comparator sign or a
    percent sign, and nothing else (a bare number is a page number, "1. Mục đích" a heading)."""
    match = _VALUE_LINE_RE.match(text)
    if not match or marker(text)[0]:
        return False
    return bool(match["sign"] or (match["unit"] or "").startswith("%"))


def build_paragraphs(lines: list[tuple[int, str]]) -> list[Para]:
    """Group cleaned lines into paragraphs, joining a paragraph that a page break cut."""
    paras: list[Para] = []
    for number, text in lines:
        previous = paras[-1] if paras else None
        if (
            previous is not None
            and is_value_line(text)
            and " | " not in previous.text
            and not is_value_line(previous.body)
        ):
            # the value of the indicator on the line before: "Tốc độ đổi mới công nghệ ;" + "> 20%"
            previous.text = previous.text.rstrip(" ;:")
            previous.starts.append(len(previous.text) + 1)
            previous.lines.append(number)
            previous.text += " " + text
            continue
        if (
            previous is not None
            and not _TERMINAL_RE.search(previous.text)
            and " | " not in previous.text
            and previous.marker not in ("roman",)
            and not starts_new(text)
            and not is_heading_text(previous)
            and (
                text[:1].islower()
                or len(previous.text) >= 60
                or (text[:1].isdigit() and bool(_AWAITS_NUMBER_RE.search(previous.text)))
            )
        ):
            previous.starts.append(len(previous.text) + 1)
            previous.lines.append(number)
            previous.text += " " + text
            continue
        kind, num, body_at = marker(text)
        paras.append(Para([number], [0], text, kind, num, body_at))
    return paras
