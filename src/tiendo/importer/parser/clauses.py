"""Stage 3b, clauses: a target paragraph cut into clauses, and a clause into one span per quantity.

A paragraph is cut at inline items ("(1) … (2) …"), then into sentences, then at semicolons
outside brackets; every piece is a `Clause`, which carries the year in force ("Đến năm 2030,
…" holds for the clauses after it in the paragraph), whether its sentence is yearly ("Hằng năm,
…") and whether it speaks of the economic structure ("Cơ cấu kinh tế: …"). Baselines in brackets
("(năm 2020: 60%)") are blanked out, offsets kept. Inside a clause with several quantities,
`quantity_spans` tells which words belong to which ("đạt khoảng 6.650 triệu USD, trong đó xuất
khẩu 3.890 triệu USD": the comma and "trong đó" part them).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .lines import Para
from .quantities import Quantity, year_context
from .regions import FreeReading, reports_the_past
from .spans import sentences, split_top

#: The words before a clause's subject that only set its context: "Đến năm 2025:", "Hằng năm,",
#: "trong đó", "Toàn tỉnh có", "Về kinh tế:".
CONTEXT_PREFIX_RE = re.compile(
    r"^\s*(?:"
    r"(?:phấn đấu\s+)?(?:đến|tới|vào|trong|cuối)?\s*năm\s+\d{4}\s*[:,]?\s*"
    r"|(?:hằng năm|hàng năm|mỗi năm)\s*[:,]?\s*"
    r"|(?:trong đó|gồm|bao gồm)\s*(?:có\s+)?:?\s*"
    r"|(?:toàn tỉnh|toàn thành phố|toàn huyện|tỉnh|thành phố)\s+có\s+"
    r"|có\s+"
    r"|về [^:,;]{1,40}:\s*"
    r")+",
    re.IGNORECASE,
)
#: A sentence or intro that starts "Hằng năm," is about every year.
#: A sentence that opens with "Hằng năm" ("Hằng năm, …", "Hằng năm kết nạp …; có …") sets a yearly
#: target in each of its clauses.
ANNUAL_START_RE = re.compile(r"^\s*(?:hằng năm|hàng năm|mỗi năm)(?:\s*[,:]|\s)", re.IGNORECASE)
_PERIOD_RE = re.compile(r"giai đoạn\s+(\d{4})\s*[-–]\s*(\d{4})", re.IGNORECASE)
#: The economic structure: its shares are exact figures ("Cơ cấu kinh tế: dịch vụ 42,5%").
_SHARE_RE = re.compile(r"\bcơ c[ấầ]u\b", re.IGNORECASE)
_BASELINE_RE = re.compile(r"\([^()]*?\bnăm\s+(\d{4})\b[^()]*\)")


@dataclass
class Clause:
    """One clause of a target paragraph."""

    start: int  # where it starts in the paragraph's text
    text: str  # the clause, baselines blanked (same length as the source span)
    year: int | None  # the year in force: set by this clause or one before it, or carried in
    annual: bool  # its sentence (or the intro above it) says "hằng năm"
    share: bool  # its sentence, up to here, speaks of shares ("cơ cấu", "chiếm")
    reason: str = ""  # why a free document's sentence was read (Vietnamese), else ""
    context: str = ""  # the words of its sentence before it ("Giai đoạn 2026 - 2030, …")


def paragraph_clauses(
    p: Para,
    *,
    year: int | None,
    annual: bool,
    period_start: int,
    skip_past: bool = False,
    reading: FreeReading | None = None,
) -> Iterator[Clause]:
    """The clauses of a paragraph's body, in order. `year` and `annual` are carried in from an
    intro line above ("- Đến năm 2025:"); `skip_past` leaves out sentences that report results;
    `reading` (documents without target sections) decides sentence by sentence, by tense and
    period, which ones set targets (`regions.FreeReading`)."""
    text = p.text
    if reading is not None:
        reading.paragraph(listed=bool(p.marker))
    for start, end in inline_items(text, p.body_at):
        for s_start, s_end in sentences(text, start, end):
            sentence = blank_baselines(text[s_start:s_end], period_start)
            if skip_past and reports_the_past(sentence, period_start=period_start):
                continue
            reason, by_part = "", False
            if reading is not None:
                keep, reason, by_part = reading.sentence(sentence)
                if not keep:
                    continue
            yearly = annual or bool(ANNUAL_START_RE.match(text[s_start:s_end]))
            share = False
            for g_start, g_end in split_top(text, s_start, s_end, (";",)):
                segment = blank_baselines(text[g_start:g_end], period_start)
                if reading is not None and by_part:
                    keep, reason = reading.part(segment)
                    if not keep:
                        continue
                found_year = year_context(segment)
                if found_year:
                    year = found_year[0]
                if _SHARE_RE.search(segment):
                    share = True
                yield Clause(g_start, segment, year, yearly, share, reason, text[s_start:g_start])


def inline_items(text: str, start: int) -> list[tuple[int, int]]:
    """Inline enumerations "(1) … (2) …" (or "1) … 2) …") are separate items, also when one
    runs on after the stop of the one before ("… từ 5% trở lên.(7) Giá trị …"); the words before
    the first item ("Đại hội đề ra 17 chỉ tiêu: (1) …") are an item of their own."""
    marks = [
        m for m in re.finditer(r"(?:^|(?<=[\s.;:,]))\((\d{1,2})\)\s*", text) if m.start() >= start
    ]
    # "… 10 chỉ tiêu: 1) Tổng giá trị …; 2) Thu nhập …": bare "N)" before a capital, when they
    # count on one by one ("từ 3 đến 18) tuổi" is no item)
    bare = [
        m
        for m in re.finditer(r"(?:^|(?<=[\s.;:,]))(\d{1,2})\)\s+", text)
        if m.start() >= start and text[m.end() : m.end() + 1].isupper()
    ]
    numbers = [int(m.group(1)) for m in bare]
    if len(bare) >= 2 and numbers == list(range(numbers[0], numbers[0] + len(numbers))):
        marks = sorted([*marks, *bare], key=lambda m: m.start())
    if len(marks) < 1:
        return [(start, len(text))]

    def trimmed(end: int) -> int:
        while end > start and text[end - 1].isspace():
            end -= 1
        return end

    spans: list[tuple[int, int]] = []
    if text[start : marks[0].start()].strip(" .;:,"):
        spans.append((start, trimmed(marks[0].start())))
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        spans.append((mark.end(), trimmed(end)))
    return spans


def blank_baselines(segment: str, period_start: int) -> str:
    """ "đạt 65% (năm 2020: 60%)": a bracket about a year before the plan gives a baseline, not a
    target; it is blanked out (offsets kept)."""

    def blank(match: re.Match[str]) -> str:
        year = int(match.group(1))
        return " " * len(match.group(0)) if year < period_start else match.group(0)

    return _BASELINE_RE.sub(blank, segment)


def period(segment: str) -> tuple[int, int] | None:
    """ "giai đoạn 2021 - 2025" -> (2021, 2025); "giai đoạn 2020 - 2025" -> (2021, 2025)."""
    match = _PERIOD_RE.search(segment)
    if not match:
        return None
    a, b = int(match.group(1)), int(match.group(2))
    if not 0 < b - a <= 10:
        return None
    return (a + 1 if b - a == 5 else a, b)


def quantity_spans(segment: str, quantities: list[Quantity]) -> list[tuple[int, int]]:
    """For each quantity of a clause, the span of its own words: (where the words before it
    start, where the words after it end). Without a delimiter between two quantities the first
    ends at its unit and the second's words start there."""
    n = len(quantities)
    lead_start = [0] * n
    suffix_end = [len(segment)] * n
    for i in range(1, n):
        prev, cur = quantities[i - 1], quantities[i]
        gap = segment[prev.unit_end : cur.start]
        cut = _last_delimiter(gap)
        if cut is None:
            lead_start[i] = prev.unit_end
            suffix_end[i - 1] = prev.unit_end
        else:
            suffix_end[i - 1] = prev.unit_end + cut[0]
            lead_start[i] = prev.unit_end + cut[1]
    return list(zip(lead_start, suffix_end, strict=True))


def _last_delimiter(gap: str) -> tuple[int, int] | None:
    """The last place where the words before one quantity end and those of the next begin."""
    best: tuple[int, int] | None = None
    depth = 0
    open_at: int | None = None
    for i, ch in enumerate(gap):
        if ch == "(":
            depth += 1
            open_at = i
        elif ch == ")" and depth:
            depth -= 1
            open_at = None
    # a comma (or "trong đó") parts them before "và" does: in "16%/năm, tỷ trọng công nghiệp -
    # xây dựng và dịch vụ đạt trên 90%" the second quantity's words start after the comma
    cuts = list(re.finditer(r",|\s+trong đó\s*", gap)) or list(re.finditer(r"\s+và\s+", gap))
    for match in cuts:
        if best is None or match.start() >= best[0]:
            best = (match.start(), match.end())
    if open_at is not None and (best is None or open_at > best[0]):
        best = (open_at, open_at + 1)
    return best
