"""Parse the text of an action program into a plan document (format `tiendo.plan/1`).

Pure Python, no Django. `parse_plan_text` reads the genre of Vietnamese Party and government
plans: action programs with "Chương trình 1: …" headings, "Mục tiêu cụ thể" and "Nhiệm vụ, giải
pháp" sections, "khâu đột phá" lists and a "Tổ chức thực hiện" part; and resolutions or five-year
plans that only list "Các chỉ tiêu chủ yếu" (numbered, bulleted, inline "(1) … (2) …" or in
tables). Every non-empty line of the input ends up in the document (program, target, task,
breakthrough, assignment, deadline, metadata) or in `unparsed` with its line number.

The output is a proposal for a person to review: it validates against the JSON Schema, and the
`line` fields and `unparsed` list tell the reviewer where each part came from.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from tiendo.core.text import normalize_space, slug
from tiendo.importer.quantities import (
    Quantity,
    comparator_after,
    comparator_before,
    find_quantities,
    is_less_better,
    kind_cue,
    normalize,
    year_context,
)

__all__ = ["ParseResult", "PlanNotRecognised", "parse_plan_text"]

FORMAT = "tiendo.plan/1"
PERIOD_KINDS = {"annual", "annual_reduction", "avg_growth", "increase", "maintain", "qualitative"}


@dataclass
class ParseResult:
    """The proposed plan document (with `unparsed`) and notes for the reviewer (Vietnamese).

    `placement` tells, for every non-empty line that is not in `unparsed`, what it became:
    "metadata", "structure" (a heading), "program", "target", "task", "breakthrough",
    "assignment" or "deadline"."""

    document: dict[str, Any]
    warnings: list[str] = field(default_factory=list)
    placement: dict[int, str] = field(default_factory=dict)


class PlanNotRecognised(ValueError):
    """The text is not a plan this parser can read; `message_vi` tells the user what to do."""

    def __init__(self, message_vi: str) -> None:
        super().__init__(message_vi)
        self.message_vi = message_vi


# --- Lines and paragraphs ------------------------------------------------------------------------

_EMPHASIS_RE = re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])")
_UPPER_FIRST = re.compile(r"^[\W\d_]*([^\W\d_])")


def clean_line(line: str) -> str:
    """NFC, markdown emphasis and LaTeX-ish artefacts removed, white space collapsed."""
    text = normalize(line).replace("\u00a0", " ").replace("\ufeff", "")
    text = text.replace("**", "").replace("__", "")
    text = _EMPHASIS_RE.sub(r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class Para:
    """A paragraph: one or more source lines joined (a page break can cut a paragraph)."""

    lines: list[int]
    starts: list[int]
    text: str
    marker: str = ""  # "-", "+", "•", "num", "roman", "letter", "enum", ""
    number: str = ""
    body_at: int = 0

    @property
    def body(self) -> str:
        return self.text[self.body_at :]

    def line_at(self, offset: int) -> int:
        line = self.lines[0]
        for number, start in zip(self.lines, self.starts, strict=True):
            if start <= offset:
                line = number
        return line


_BULLET_RE = re.compile(r"^(?P<m>[-+•–—*▪●○◦·])\s+")
_NUM_RE = re.compile(r"^(?P<n>\d{1,2}(?:\.\d{1,2})+)\.?(?:\s+|$)|^(?P<n1>\d{1,2})[.)](?:\s+|$)")
_ROMAN_RE = re.compile(r"^(?P<n>[IVX]{1,4})\s*[.\-–)]\s*(?=\S)")
_LETTER_RE = re.compile(r"^(?P<n>[a-zđ])\)\s+")
_ENUM_RE = re.compile(r"^\((?P<n>\d{1,2})\)\s*")
_ORDINALS = {"nhất": 1, "một": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7,
             "tám": 8, "chín": 9, "mười": 10}  # fmt: skip
_PROGRAM_RE = re.compile(
    r"^chương trình\s+(?:số\s+)?(?P<n>\d{1,2}|thứ\s+(?:"
    + "|".join(_ORDINALS)
    + r"))\s*[:.\-–—]\s*(?P<title>\S.*)$",
    re.IGNORECASE,
)
_INLINE_LABEL_RE = re.compile(
    r"^(?P<label>mục tiêu(?: cụ thể)?|(?:các )?chỉ tiêu(?: chủ yếu)?|nhiệm vụ(?:,? (?:và )?giải pháp)?(?: chủ yếu)?|"
    r"giải pháp(?: thực hiện)?)\s*:\s*(?=\S)",
    re.IGNORECASE,
)


def _program_number(text: str) -> int:
    """ "3" -> 3, "thứ ba" -> 3."""
    return int(text) if text.isdigit() else _ORDINALS[text.split()[-1].lower()]


_TERMINAL_RE = re.compile(r"[.!?;:…]['\"”’)]*$")


def _marker(text: str) -> tuple[str, str, int]:
    for pattern, name in ((_ENUM_RE, "enum"), (_ROMAN_RE, "roman"), (_LETTER_RE, "letter")):
        match = pattern.match(text)
        if match:
            return name, match["n"], match.end()
    match = _NUM_RE.match(text)
    if match:
        return "num", match["n"] or match["n1"], match.end()
    match = _BULLET_RE.match(text)
    if match:
        return match["m"], "", match.end()
    return "", "", 0


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _starts_new(text: str) -> bool:
    if " | " in text or _marker(text)[0] or _PROGRAM_RE.match(text) or _is_caps(text):
        return True
    if _section_type(text) != "unknown" and len(text.split()) <= 12:
        return True
    return bool(re.match(r"(?:Căn cứ|Xét|Nơi nhận|Điều \d|QUYẾT NGHỊ)", text))


def build_paragraphs(lines: list[tuple[int, str]]) -> list[Para]:
    """Group cleaned lines into paragraphs, joining a paragraph that a page break cut."""
    paras: list[Para] = []
    for number, text in lines:
        previous = paras[-1] if paras else None
        if (
            previous is not None
            and not _TERMINAL_RE.search(previous.text)
            and " | " not in previous.text
            and previous.marker not in ("roman",)
            and not _starts_new(text)
            and not _is_heading_text(previous)
            and (text[:1].islower() or len(previous.text) >= 60)
        ):
            previous.starts.append(len(previous.text) + 1)
            previous.lines.append(number)
            previous.text += " " + text
            continue
        marker, num, body_at = _marker(text)
        paras.append(Para([number], [0], text, marker, num, body_at))
    return paras


def _is_heading_text(p: Para) -> bool:
    return _heading(p) is not None or bool(_PROGRAM_RE.match(p.body))


# --- Sections --------------------------------------------------------------------------------------

_OTHER_SECTION_RE = re.compile(
    r"(?:mục tiêu tổng quát|mục tiêu chung|mục đích|yêu cầu|quan điểm|bối cảnh|tình hình|"
    r"kết quả|đánh giá|phương hướng|nơi nhận)"
)


def _section_type(text: str) -> str:
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


def _heading(p: Para) -> Heading | None:
    body = p.body.strip()
    if " | " in body:
        return None  # a table row
    words = len(body.split())
    ends_sentence = bool(re.search(r"[.;!?…]$", body))
    kind = _section_type(body) if body else "unknown"
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
        if _is_caps(body) and words <= 20 and not find_quantities(body):
            return Heading(0, kind, body)
    return None


# --- Targets -----------------------------------------------------------------------------------


@dataclass
class Cand:
    """A target found in the text, before it gets its code."""

    kind: str
    comparator: str | None
    value: Decimal | None
    value_high: Decimal | None
    unit: str
    from_year: int | None
    to_year: int
    indicator: str
    source_text: str
    line: int


@dataclass
class Ctx:
    """What the document tells about years."""

    to_year: int
    period_start: int


_CTX_PREFIX_RE = re.compile(
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
_PREAMBLE_PART_RE = re.compile(
    r"^\s*(?:phấn đấu|theo |nhiệm kỳ|trong nhiệm kỳ|giai đoạn|trong giai đoạn|đến năm|năm \d{4}|"
    r"hằng năm|hàng năm|mỗi năm|trong đó|gồm|về |toàn tỉnh|toàn thành phố|tỉnh [A-ZĐ]|"
    r"thành phố [A-ZĐ]|.*\bphấn đấu$)",
    re.IGNORECASE,
)
_TRAILING_CUE_RE = re.compile(
    r"(?:\s|^)(?:đạt|là|có|khoảng|trên|hơn|dưới|ít nhất|tối thiểu|không quá|không vượt quá|tối đa|"
    r"từ|tăng|giảm|còn|chiếm|bằng|ở mức|thêm|có thêm|xây dựng được|được|gần|xấp xỉ|đạt mức|"
    r"giảm còn|xuống còn|giảm xuống|xuống|lên|gấp|tăng gấp|:|<|>|≥|≤|=|cả \d+ (?:tiêu chí|chỉ tiêu|mặt))\s*$",
    re.IGNORECASE,
)
_ANNUAL_START_RE = re.compile(r"^\s*(?:hằng năm|hàng năm|mỗi năm)\s*[,:]", re.IGNORECASE)
_MILESTONE_RE = re.compile(
    r"^(?:hoàn thành|hoàn chỉnh|đưa vào (?:sử dụng|hoạt động|vận hành|khai thác)|khởi công|"
    r"xây dựng xong|thành lập)\b",
    re.IGNORECASE,
)
_MAINTAIN_RE = re.compile(r"^(?:tiếp tục\s+)?(?:duy trì|giữ vững|giữ ổn định)\b", re.IGNORECASE)
_PERIOD_RE = re.compile(r"giai đoạn\s+(\d{4})\s*[-–]\s*(\d{4})", re.IGNORECASE)
_SHARE_RE = re.compile(r"\b(?:cơ cấu|chiếm)\b", re.IGNORECASE)
_MULTIPLIER_WORDS_RE = re.compile(r"\bcả\s+\d+\s+(?:tiêu chí|chỉ tiêu|mặt)\b", re.IGNORECASE)
_PAST_RE = re.compile(
    r"\b(?:đã đạt|đạt được|ước đạt|ước thực hiện|ước cả năm|nhiệm kỳ qua|những năm qua|5 năm qua|"
    r"năm năm qua|thời gian qua|giai đoạn qua|so với đầu nhiệm kỳ|vượt kế hoạch|vượt chỉ tiêu)\b",
    re.IGNORECASE,
)
_BASELINE_RE = re.compile(r"\([^()]*?\bnăm\s+(\d{4})\b[^()]*\)")


def _blank_baselines(segment: str, period_start: int) -> str:
    """ "đạt 65% (năm 2020: 60%)": a bracket about a year before the plan gives a baseline, not a
    target; it is blanked out (offsets kept)."""

    def blank(match: re.Match[str]) -> str:
        year = int(match.group(1))
        return " " * len(match.group(0)) if year < period_start else match.group(0)

    return _BASELINE_RE.sub(blank, segment)


_TRAFFIC_CRITERIA = ["Số vụ", "Số người chết do", "Số người bị thương do"]


def _split_top(text: str, start: int, end: int, seps: tuple[str, ...]) -> list[tuple[int, int]]:
    """Split text[start:end] at separators outside brackets; spans of the parts."""
    parts: list[tuple[int, int]] = []
    depth = 0
    i = begin = start
    while i < end:
        ch = text[i]
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
        elif depth == 0:
            for sep in seps:
                if text.startswith(sep, i):
                    parts.append((begin, i))
                    i += len(sep)
                    begin = i
                    break
            else:
                i += 1
                continue
            continue
        i += 1
    parts.append((begin, end))
    return [(s, e) for s, e in parts if text[s:e].strip()]


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    begin = start
    for match in re.finditer(r"[.!?…]+\s+", text[start:end]):
        stop = start + match.end()
        following = text[stop : stop + 1]
        if following and (following.isupper() or following in '“"('):
            spans.append((begin, start + match.start() + 1))
            begin = stop
    spans.append((begin, end))
    return [(s, e) for s, e in spans if text[s:e].strip(" .")]


def _capitalise(text: str) -> str:
    text = text.strip(" ,;:.-–")
    text = re.sub(r"\s+", " ", text)
    if text.count("(") > text.count(")"):
        text = text[: text.rfind("(")].strip() if text.rfind("(") > 0 else text.replace("(", "")
    if text.count(")") > text.count("("):
        text = text.replace(")", "")
    return text[:1].upper() + text[1:] if text else text


def _strip_trailing_cues(text: str) -> str:
    previous = None
    while previous != text:
        previous = text
        text = _TRAILING_CUE_RE.sub("", text).rstrip(" ,:")
    return text


def _lead_noun(lead: str) -> str:
    text = _CTX_PREFIX_RE.sub("", lead)
    listing = re.search(r".*\b(?:bao gồm|gồm|như sau|gồm có)\s*:?\s+", text, re.IGNORECASE)
    if listing:
        text = text[listing.end() :]
    parts = [text[s:e] for s, e in _split_top(text, 0, len(text), (",",))]
    while len(parts) > 1 and _PREAMBLE_PART_RE.match(parts[0]):
        parts.pop(0)
    text = ", ".join(p.strip() for p in parts)
    text = _CTX_PREFIX_RE.sub("", text)
    text = re.sub(
        r"\s*\b(?:đến|tới|vào)\s+(?:cuối\s+)?năm\s+\d{4}\b", "", text, flags=re.IGNORECASE
    )
    text = _strip_trailing_cues(text).strip(" ,;:")
    head, colon, rest = text.rpartition(":")
    if colon and rest.strip():
        head = re.sub(r"\s*(?:(?:đến|tới|vào)\s+)?năm\s+\d{4}\s*$", "", head).strip(" ,")
        keep = (
            head
            and len(head.split()) <= 6
            and not re.search(r"mục tiêu|chỉ tiêu|đề ra|phấn đấu|như sau", head, re.I)
        )
        text = f"{head}: {rest.strip()}" if keep else rest.strip()
    if _MAINTAIN_RE.fullmatch(text):
        return ""
    return text


_MEASURES = {
    "usd",
    "đồng",
    "ha",
    "tấn",
    "km",
    "km2",
    "m2",
    "m3",
    "mw",
    "kwh",
    "lần",
    "giờ",
    "ngày",
    "héc-ta",
    "hecta",
}


def _base_unit(unit: str) -> str:
    unit = re.sub(r"^(?:(?:nghìn|ngàn|triệu|tỷ|tỉ|vạn)\s+)+", "", unit)
    return re.sub(r"\s*\(.*\)$", "", unit.split("/")[0]).strip()


def _indicator(lead: str, unit: str, after: str, percent: bool) -> str:
    noun = _lead_noun(lead)
    rest = re.sub(r"^\s*(?:trở lên|trở xuống)\b", "", after).strip(" ,;:.")
    rest = re.sub(r"\s+", " ", rest)
    if not noun:
        words = rest if percent else f"{_base_unit(unit)} {rest}".strip()
        words = re.sub(r"^số\s+", "", words, flags=re.IGNORECASE)
        return _capitalise(("Tỷ lệ " if percent else "Số ") + words) if words else ""
    base = _base_unit(unit)
    if rest and len(noun.split()) <= 3:
        return _capitalise(f"{noun} {rest}" if percent else f"{noun} {base} {rest}")
    if not percent and base and base.lower() not in _MEASURES and base.lower() not in noun.lower():
        return _capitalise(f"{noun} {base} {rest}")
    return _capitalise(noun)


@dataclass
class _Extracted:
    cands: list[Cand] = field(default_factory=list)
    residues: list[tuple[str, int]] = field(default_factory=list)
    milestone_like: bool = False
    year: int | None = None
    annual: bool = False


class TargetReader:
    """Reads the targets of the paragraphs of one target section (or of a free document)."""

    def __init__(self, ctx: Ctx, *, free: bool = False) -> None:
        self.ctx = ctx
        self.free = free  # a document without target sections: skip what reports the past
        self.carry_year: int | None = None
        self.carry_annual = False
        self.table: dict[str, int] | None = None
        self.table_year: int | None = None

    # -- tables ("STT | Chỉ tiêu | Đơn vị | Mục tiêu 2025") --
    def table_row(self, p: Para) -> list[Cand] | None:
        cells = [c.strip() for c in p.text.split(" | ")]
        if len(cells) < 2:
            return None
        low = [c.lower() for c in cells]
        if any("chỉ tiêu" in c or "nội dung" in c for c in low) and (
            any("đơn vị" in c for c in low)
            or any(re.search(r"mục tiêu|kế hoạch|\b20\d\d\b", c) for c in low)
        ):
            table: dict[str, int] = {}
            for i, c in enumerate(low):
                if (
                    ("chỉ tiêu" in c or "nội dung" in c)
                    and "indicator" not in table
                    and not re.search(r"\d{4}", c)
                ):
                    table["indicator"] = i
                elif "đơn vị" in c:
                    table["unit"] = i
            value_cols = [
                i
                for i, c in enumerate(low)
                if re.search(r"mục tiêu|kế hoạch|\b20\d\d\b", c) and i != table.get("indicator")
            ]
            table["value"] = value_cols[-1] if value_cols else len(cells) - 1
            self.table = table
            years = re.findall(r"\b(20\d\d)\b", low[table["value"]])
            self.table_year = int(years[-1]) if years else None
            return []
        if self.table is None or len(cells) <= max(self.table.values()):
            return None
        indicator = cells[self.table["indicator"]]
        unit = cells[self.table["unit"]] if "unit" in self.table else ""
        value_text = cells[self.table["value"]]
        quantities = find_quantities(value_text, allow_bare=True)
        if not quantities or not indicator:
            return None
        q = quantities[0]
        percent = q.percent or unit.startswith("%")
        unit = unit or q.unit
        comparator = (
            "range" if q.value_high is not None else comparator_before(value_text[: q.start])
        )
        comparator = comparator or comparator_after(value_text[q.unit_end :])
        kind = kind_cue(
            lead=indicator,
            tail=indicator,
            unit=unit,
            after="",
            percent=percent,
            annual_context=False,
        )
        kind = kind or ("maintain" if _MAINTAIN_RE.match(indicator) else "level")
        if comparator is None:
            comparator = "le" if kind in ("level", "annual") and is_less_better(indicator) else "ge"
        to_year = self.table_year or self.ctx.to_year
        return [
            self._cand(
                kind,
                comparator.rstrip("!"),
                q,
                unit,
                to_year,
                indicator,
                p.text,
                p.lines[0],
                period=None,
            )
        ]

    def _cand(
        self,
        kind: str,
        comparator: str | None,
        q: Quantity | None,
        unit: str,
        to_year: int,
        indicator: str,
        source: str,
        line: int,
        period: tuple[int, int] | None,
    ) -> Cand:
        from_year: int | None = None
        if kind in PERIOD_KINDS:
            from_year = self.ctx.period_start
            if period is not None:
                from_year, to_year = period
            from_year = min(from_year, to_year)
        if kind == "avg_growth" and unit == "%":
            unit = "%/năm"
        if kind == "annual_reduction" and unit == "%":
            unit = "%/năm"
        if kind == "annual" and unit and not unit.startswith("%") and "/" not in unit:
            unit += "/năm"
        return Cand(
            kind=kind,
            comparator=comparator if q is not None else None,
            value=q.value if q is not None else None,
            value_high=q.value_high if q is not None else None,
            unit=unit if q is not None else "",
            from_year=from_year,
            to_year=to_year,
            indicator=indicator or _capitalise(source)[:200] or "Chỉ tiêu",
            source_text=source,
            line=line,
        )

    # -- prose --
    def paragraph(self, p: Para, *, allow_loose: bool) -> _Extracted:
        """Targets of one paragraph. `allow_loose`: milestones and maintain clauses without a
        number count even when the paragraph has no quantity (target sections)."""
        out = _Extracted()
        if p.marker not in ("+", "•", "*", "▪", "○", "◦", "·", "letter"):
            self.carry_year, self.carry_annual = None, False
        year = self.carry_year
        text = p.text
        items = self._items(text, p.body_at)
        any_quantity = bool(find_quantities(text[p.body_at :]))
        for start, end in items:
            for s_start, s_end in _sentences(text, start, end):
                if self.free and self._reports_the_past(text[s_start:s_end]):
                    continue
                annual = self.carry_annual or bool(_ANNUAL_START_RE.match(text[s_start:s_end]))
                share = False
                for g_start, g_end in _split_top(text, s_start, s_end, (";",)):
                    segment = _blank_baselines(text[g_start:g_end], self.ctx.period_start)
                    found_year = year_context(segment)
                    if found_year:
                        year = found_year[0]
                    if _SHARE_RE.search(segment):
                        share = True
                    quantities = find_quantities(segment)
                    to_year = year or self.ctx.to_year
                    if quantities:
                        out.cands.extend(
                            self._segment(p, g_start, segment, quantities, to_year, annual, share)
                        )
                        continue
                    body = _CTX_PREFIX_RE.sub("", segment).strip(" .;:,")
                    if not body:
                        continue
                    if _MILESTONE_RE.match(body) and (allow_loose or any_quantity):
                        out.cands.extend(self._milestones(p, g_start, segment, body, to_year))
                        out.milestone_like = True
                    elif _MAINTAIN_RE.match(body) and (allow_loose or any_quantity):
                        out.cands.append(
                            self._cand(
                                "maintain", None, None, "", to_year, _capitalise(body), body,
                                p.line_at(g_start), period=_period(segment),
                            )
                        )  # fmt: skip
                    elif len(body.split()) >= 3:
                        out.residues.append((body, p.line_at(g_start)))
        if not out.cands and text.rstrip().endswith(":"):
            # an intro ("- Đến năm 2025:") sets the year for the sub-bullets that follow
            self.carry_year = year
            self.carry_annual = bool(_ANNUAL_START_RE.match(p.body + ","))
        out.year = year
        return out

    def _reports_the_past(self, sentence: str) -> bool:
        """ "Nhiệm kỳ 2015 - 2020, GRDP tăng bình quân 7,2%/năm" reports results, sets no target."""
        if _PAST_RE.search(sentence):
            return True
        for match in re.finditer(
            r"(?:nhiệm kỳ|giai đoạn)\s+\d{4}\s*[-–]\s*(\d{4})", sentence, re.IGNORECASE
        ):
            if int(match.group(1)) < self.ctx.period_start:
                return True
        found = year_context(sentence)
        return bool(
            found
            and found[0] < self.ctx.period_start
            and not re.search(r"(?:đến|tới)\s+năm", sentence)
        )

    def _items(self, text: str, start: int) -> list[tuple[int, int]]:
        """Inline enumerations "(1) … (2) …" are separate items."""
        marks = [m for m in re.finditer(r"(?:^|\s)\((\d{1,2})\)\s", text) if m.start() >= start - 1]
        if len(marks) < 1:
            return [(start, len(text))]
        spans: list[tuple[int, int]] = []
        for i, mark in enumerate(marks):
            end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
            spans.append((mark.end(), end))
        return spans

    def _milestones(
        self, p: Para, offset: int, segment: str, body: str, to_year: int
    ) -> list[Cand]:
        parts = _split_top(body, 0, len(body), (", ", " và "))
        line = p.line_at(offset)
        pieces = [body[s:e].strip() for s, e in parts]
        if len(pieces) > 1 and all(_object_start(x) for x in pieces[1:]):
            words = pieces[0].split()
            cut = next((i for i in range(1, len(words)) if _object_start(words[i])), None)
            if cut is not None:
                verb = " ".join(words[:cut])
                return [
                    self._cand("milestone", None, None, "", to_year, _capitalise(x if i == 0 else f"{verb} {x}"),
                               x, line, period=None)
                    for i, x in enumerate(pieces)
                ]  # fmt: skip
        return [
            self._cand(
                "milestone", None, None, "", to_year, _capitalise(body), body, line, period=None
            )
        ]

    def _segment(
        self,
        p: Para,
        offset: int,
        segment: str,
        quantities: list[Quantity],
        to_year: int,
        annual: bool,
        share: bool,
    ) -> list[Cand]:
        prefix = _CTX_PREFIX_RE.match(segment)
        body_start = prefix.end() if prefix else 0
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
        maintain = bool(_MAINTAIN_RE.match(segment[body_start:].strip()))
        period = _period(segment)
        results: list[Cand] = []
        inherit_cmp: str | None = None  # the last comparator a cue set in this clause
        inherit_kind: tuple[str, bool] | None = None  # the last kind a cue set, with percent-ness
        head = ""  # the indicator of the clause's first quantity
        sub_item = False  # after "trong đó" the quantities are parts of the first
        for i, q in enumerate(quantities):
            lead_full = segment[lead_start[i] : q.start]
            if q.multiplier_start >= 0:
                lead_full = (
                    segment[lead_start[i] : q.multiplier_start]
                    + " "
                    + segment[q.multiplier_start : q.start]
                )
            lead_for_kind = segment[: q.start] if i == 0 else lead_full
            tail = " ".join(_MULTIPLIER_WORDS_RE.sub(" ", lead_full).split()[-9:])
            after = segment[q.unit_end : suffix_end[i]]
            percent = q.percent
            own = kind_cue(
                lead=lead_for_kind,
                tail=tail,
                unit=q.unit,
                after=after,
                percent=percent,
                annual_context=annual,
            )
            kind = own
            if kind is None and inherit_kind is not None and inherit_kind[1] == percent:
                kind = inherit_kind[0]
            if kind is None:
                held = maintain or re.search(
                    r"\b(?:duy trì|giữ vững)(?:\s+ổn định)?(?:\s+(?:ở mức|mức|đạt))?\s*$",
                    tail,
                    re.IGNORECASE,
                )
                kind = "maintain" if held else "level"
            if q.zero:
                kind = "level"
            elif own is not None:
                inherit_kind = (own, percent)
            comparator: str | None
            if q.value_high is not None:
                comparator = "range"
            elif q.zero:
                comparator = "eq"
            else:
                before = comparator_before(lead_full if i else segment[: q.start])
                post = comparator_after(after)
                comparator = before if before not in (None, "ge!") else (post or before)
                if comparator is not None:
                    inherit_cmp = comparator
                elif inherit_cmp is not None:
                    comparator = inherit_cmp
                else:
                    indicator_text = lead_for_kind + " " + after
                    if share and percent:
                        comparator = "eq"
                    elif kind in ("level", "annual", "maintain") and is_less_better(indicator_text):
                        comparator = "le"
                    else:
                        comparator = "ge"
            final = comparator.rstrip("!")
            indicator = _indicator(
                lead_full if i else segment[body_start : q.start], q.unit, after, percent
            )
            if i == 0:
                head = indicator
            else:
                gap = segment[quantities[i - 1].unit_end : q.start]
                sub_item = sub_item or bool(re.search(r"\btrong đó\b", gap, re.IGNORECASE))
                indicator = _refine_indicator(indicator, head, lead_full, sub_item)
            src_start = lead_start[i] if i else body_start
            source = segment[src_start : suffix_end[i]].strip(" ,;.")
            line = p.line_at(offset + q.start)
            if q.multiplier > 1:
                names = _criteria_names(indicator, q.multiplier)
                results.extend(
                    self._cand(kind, final, q, q.unit, to_year, name, source, line, period)
                    for name in names
                )
            else:
                results.append(
                    self._cand(kind, final, q, q.unit, to_year, indicator, source, line, period)
                )
        return results


def _refine_indicator(indicator: str, head: str, lead: str, sub_item: bool) -> str:
    """Name a quantity that the text names only by difference from the clause's first one."""
    if not head:
        return indicator
    if len(indicator.split()) <= 1 or indicator in ("Tỷ lệ", "Số"):
        words = normalize_space(re.sub(r"[(),:;]", " ", lead))
        return f"{head} ({words})" if words else head
    if indicator.startswith(("Số ", "Tỷ lệ ", "Tổng ")):
        return indicator
    low = indicator[:1].lower() + indicator[1:]
    key = " ".join(low.split()[:2])
    at = head.lower().find(" " + key.lower())
    if at > 0 and not head.lower().startswith(key.lower()):
        joined = head[: at + 1] + low
        if not head.lower().startswith(joined.lower()):
            return joined
    if sub_item and len(indicator.split()) <= 3:
        return f"{head}: {low}"
    return indicator


def _criteria_names(indicator: str, n: int) -> list[str]:
    base = re.sub(r"^(?:giảm|tăng)\s+", "", indicator, flags=re.IGNORECASE)
    if n == 3 and re.search(r"tai nạn giao thông", base, re.IGNORECASE):
        return [f"{name} {base[:1].lower() + base[1:]}" for name in _TRAFFIC_CRITERIA]
    return [f"{_capitalise(indicator)} (tiêu chí {k}/{n})" for k in range(1, n + 1)]


def _object_start(text: str) -> bool:
    word = text.strip().split(" ")[0] if text.strip() else ""
    return bool(word) and (word[:1].isupper() or word.lower() in ("các", "những", "một"))


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
    for match in re.finditer(r",|\s+và\s+|\s+trong đó\s*", gap):
        if best is None or match.start() >= best[0]:
            best = (match.start(), match.end())
    if open_at is not None and (best is None or open_at > best[0]):
        best = (open_at, open_at + 1)
    return best


def _period(segment: str) -> tuple[int, int] | None:
    match = _PERIOD_RE.search(segment)
    if not match:
        return None
    a, b = int(match.group(1)), int(match.group(2))
    if not 0 < b - a <= 10:
        return None
    return (a + 1 if b - a == 5 else a, b)


# --- Tasks, breakthroughs, organisation ----------------------------------------------------------

_UNIT_HEAD_RE = re.compile(
    r"^(?:[Cc]ác\s|Ban\s|Đảng đoàn|Đảng ủy|Đảng uỷ|Văn phòng|Ủy ban|Uỷ ban|UBND|HĐND|Hội đồng|"
    r"Mặt trận|MTTQ|Sở\s|Đoàn\s|Hội\s|Liên đoàn|Công an|Bộ\s|Tỉnh đoàn|Tỉnh ủy|Tỉnh uỷ|"
    r"Thành ủy|Thành uỷ|Huyện ủy|Huyện uỷ|Kho bạc|Ngân hàng|Cục\s|Chi cục|Viện\s|Báo\s|Đài\s|"
    r"Trung tâm|Thanh tra|Tòa án|Toà án|Bộ đội|tổ chức chính trị)"
)
_UNIT_STOP_RE = re.compile(
    r"\s(?:chủ trì|phối hợp|chỉ đạo|căn cứ|phát động|giúp|theo dõi|đôn đốc|triển khai|thực hiện|"
    r"nghiên cứu|tham mưu|chủ động|lãnh đạo|để|có trách nhiệm|tổ chức thực hiện|tổ chức triển khai|"
    r"cụ thể hoá|cụ thể hóa|kiểm tra|giám sát|hướng dẫn|tuyên truyền|vận động|bổ sung|điều chỉnh|"
    r"xem xét|xây dựng kế hoạch|ban hành|báo cáo|định kỳ)\b"
)
_GIAO_RE = re.compile(r"\b[Gg]iao\s+(?:cho\s+)?(?=[A-ZĐÂĂÊÔƠƯÁÀẢÃẠUỦ]|các\s)")
_LEVEL_WORD_RE = re.compile(
    r"\b(?:tỉnh|Tỉnh ủy|thành phố|huyện|xã|trực thuộc|Trung ương|cấp)\b", re.IGNORECASE
)
_PROGRAM_REF_RE = re.compile(
    r"Chương trình\s+(?:số\s+)?(\d{1,2}(?:\s*(?:,|và|-|–)\s*\d{1,2})*)(?!\d|[./]\d)", re.IGNORECASE
)
_ROMAN_QUARTER = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_DEADLINE_RES = [
    re.compile(
        r"(?:chậm nhất|trước|hoàn thành trong|hoàn thành trước|trong)\s+(?:trong\s+|vào\s+)?"
        r"quý\s+(?P<q>IV|I{1,3}|[1-4])\s*(?:năm|/)\s*(?P<y>\d{4})",
        re.IGNORECASE,
    ),
    re.compile(
        r"(?:chậm nhất|trước|hoàn thành trước)\s+(?:vào\s+|trong\s+)?(?:ngày\s+)?"
        r"(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})",
        re.IGNORECASE,
    ),
    re.compile(
        r"(?:chậm nhất|trước|hoàn thành trước)\s+(?:vào\s+)?(?:ngày\s+)?(?P<d>\d{1,2})\s+tháng\s+"
        r"(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})",
        re.IGNORECASE,
    ),
    re.compile(
        r"(?:chậm nhất|trước|hoàn thành trong|trong)\s+(?:trong\s+)?tháng\s+(?P<mo>\d{1,2})\s*(?:năm|/)\s*(?P<y>\d{4})",
        re.IGNORECASE,
    ),
    re.compile(r"(?:chậm nhất|hoàn thành)\s+(?:trong\s+)?năm\s+(?P<ye>\d{4})", re.IGNORECASE),
]


def find_deadline(text: str) -> tuple[str, int, int] | None:
    """ "chậm nhất trong quý IV năm 2021" -> ("2021-12-31", start, end)."""
    for pattern in _DEADLINE_RES:
        match = pattern.search(text)
        if not match:
            continue
        groups = match.groupdict()
        year = int(groups.get("y") or groups.get("ye") or 0)
        if not 1945 <= year <= 2100:
            continue
        if groups.get("q"):
            month = 3 * _ROMAN_QUARTER[groups["q"].upper()]
            day = calendar.monthrange(year, month)[1]
        elif groups.get("d"):
            month, day = int(groups["m"]), int(groups["d"])
        elif groups.get("mo"):
            month = int(groups["mo"])
            day = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
        else:
            month, day = 12, 31
        if not (1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]):
            continue
        return f"{year:04d}-{month:02d}-{day:02d}", match.start(), match.end()
    return None


def unit_name(name: str) -> str:
    """One spelling per body: NFC, "Uỷ" -> "Ủy", the Front always as "Ủy ban Mặt trận Tổ quốc"."""
    text = normalize_space(name)
    text = text.replace("Uỷ", "Ủy").replace("uỷ", "ủy").replace("UỶ", "ỦY")
    text = text.replace("hoá", "hóa").replace("Hoá", "Hóa")
    text = text.strip(" ,;.:")
    front = re.search(
        r"(?:Ủy ban\s+)?Mặt trận Tổ quốc(?:\s+Việt Nam)?(?P<rest>.*)$", text, re.IGNORECASE
    )
    if front and not text.lower().startswith(("ban ", "đảng đoàn")):
        return "Ủy ban Mặt trận Tổ quốc" + front["rest"]
    if text.lower().startswith("tổ chức chính trị"):
        text = "các " + text
    if text.lower().startswith("các "):
        text = "Các " + text[4:]
    return text


def unit_kind(name: str) -> str:
    """The kind of a body from its name ("Ban Thường vụ" -> standing_committee …)."""
    low = name.lower().replace("uỷ", "ủy")
    rules = [
        (r"^các\s", "group"),
        (r"ban cán sự đảng|^đảng đoàn", "party_delegation"),
        (r"^ban thường vụ", "standing_committee"),
        (r"^ban chấp hành", "party_executive"),
        (
            r"^ban (?:tổ chức|tuyên giáo|dân vận|nội chính|kinh tế|bảo vệ chăm sóc sức khỏe)",
            "party_board",
        ),
        (r"^ủy ban kiểm tra", "inspection_commission"),
        (r"^văn phòng", "office"),
        (r"mặt trận tổ quốc", "front"),
        (r"^đoàn đại biểu quốc hội", "na_delegation"),
        (r"^hội đồng nhân dân|^hđnd", "peoples_council"),
        (r"^ủy ban nhân dân|^ubnd", "peoples_committee"),
        (r"^sở\s", "department"),
        (r"^(?:công an|bộ chỉ huy|bộ đội biên phòng|quân sự)", "armed_forces"),
        (r"^(?:hội\s|liên đoàn lao động|tỉnh đoàn|đoàn thanh niên)", "mass_organization"),
        (r"^(?:tỉnh ủy|huyện ủy|thành ủy|đảng ủy)", "party_committee"),
    ]
    for pattern, kind in rules:
        if re.search(pattern, low):
            return kind
    return "other"


def parse_units(text: str) -> tuple[list[str], int]:
    """Names of the bodies listed at the start of `text`, and where the list ends."""
    if not _UNIT_HEAD_RE.match(text):
        return [], 0
    stop = _UNIT_STOP_RE.search(" " + text)
    end = (
        max(0, stop.start() - 1) if stop else len(text)
    )  # the match starts at the space before the verb
    listing = text[:end].strip(" ,")
    names: list[str] = []
    for c_start, c_end in _split_top(listing, 0, len(listing), (";",)):
        chunk = listing[c_start:c_end]
        pieces: list[str] = []
        depth_spans = _split_top(chunk, 0, len(chunk), (", ", " và "))
        previous_end = 0
        for s, e in depth_spans:
            piece = chunk[s:e].strip()
            if pieces and not _UNIT_HEAD_RE.match(piece):
                # "các sở, ban, ngành": a piece that names no body continues the one before
                joined = f"{pieces[-1]}{chunk[previous_end:s].rstrip()} {piece}"
                pieces[-1] = re.sub(r"\s+,", ",", re.sub(r"\s+", " ", joined))
            else:
                pieces.append(piece)
            previous_end = e
        if not pieces or not _UNIT_HEAD_RE.match(pieces[0]):
            continue
        if len(pieces) > 1 and re.search(r"\stỉnh$", pieces[-1]):
            pieces = [
                x if _LEVEL_WORD_RE.search(x) or unit_kind(unit_name(x)) not in ("group", "front", "mass_organization") else x + " tỉnh"
                for x in pieces
            ]  # fmt: skip
        names.extend(unit_name(x) for x in pieces if x)
    return names, end


def _program_refs(text: str) -> list[int]:
    refs: list[int] = []
    for match in _PROGRAM_REF_RE.finditer(text):
        chunk = match.group(1)
        for part in re.split(r"\s*(?:,|và)\s*", chunk):
            bounds = re.split(r"\s*[-–]\s*", part)
            if len(bounds) == 2 and bounds[0].isdigit() and bounds[1].isdigit():
                refs.extend(range(int(bounds[0]), int(bounds[1]) + 1))
            elif part.isdigit():
                refs.append(int(part))
    return list(dict.fromkeys(refs))


# --- Document metadata ---------------------------------------------------------------------------

_MOTTO_RE = re.compile(
    r"ĐẢNG CỘNG SẢN VIỆT NAM|CỘNG H[ÒO]À XÃ HỘI CHỦ NGHĨA VIỆT NAM|Độc lập\s*[-–]\s*Tự do\s*[-–]\s*Hạnh phúc",
    re.IGNORECASE,
)
_ISSUER_LINE_RE = re.compile(
    r"^(?:TỈNH [ỦU][YỶ]|THÀNH [ỦU][YỶ]|HUYỆN [ỦU][YỶ]|BAN CHẤP HÀNH|HỘI ĐỒNG NHÂN DÂN|[ỦU][YỶ] BAN NHÂN DÂN|"
    r"UBND|HĐND|ĐẢNG BỘ)\b"
)
_NUMBER_RE = re.compile(r"\bSố\s*:?\s*(?P<n>\d+[\w\-/ĐđỦủ]*[-/][\w\-/ĐđỦủ]+)")
_DATE_LINE_RE = re.compile(
    r"(?P<place>[A-ZĐÂĂÊÔƠƯ][^\s,—|]*(?:\s[A-ZĐÂĂÊÔƠƯ][^\s,—|]*){0,3}),\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+"
    r"(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})"
)
_SIGNER_START_RE = re.compile(r"^(?:T/M|TM\.?|KT\.?|K/T|Q\.|TL\.|T/L|TUQ\.?)\s+\S")
_TERM_RES = [
    (re.compile(r"nhiệm kỳ\s+(\d{4})\s*[-–]\s*(\d{4})", re.IGNORECASE), "term"),
    (re.compile(r"giai đoạn\s+(\d{4})\s*[-–]\s*(\d{4})", re.IGNORECASE), "period"),
    (re.compile(r"(?:5|05|năm) năm\s+(\d{4})\s*[-–]\s*(\d{4})", re.IGNORECASE), "period"),
]
_TITLE_WORDS = {
    "ban chấp hành": "Ban Chấp hành",
    "ban thường vụ": "Ban Thường vụ",
    "đảng bộ": "Đảng bộ",
    "tỉnh ủy": "Tỉnh ủy",
    "tỉnh uỷ": "Tỉnh ủy",
    "hội đồng nhân dân": "Hội đồng nhân dân",
    "ủy ban nhân dân": "Ủy ban nhân dân",
    "nghị quyết": "Nghị quyết",
    "đại hội": "Đại hội",
    "của đảng": "của Đảng",
    "việt nam": "Việt Nam",
}


_ROMAN_WORDS = {"vi", "xi", "li", "ci", "di", "mi"}


def _sentence_case(text: str, first: bool) -> str:
    words = text.lower().split()
    out: list[str] = []
    for word in words:
        core = word.strip(",.;:()")
        roman = bool(core) and bool(re.fullmatch(r"[ivxlc]+", core))
        # "vi", "xi" are words too; after "thứ" or "khóa" they are numbers
        if roman and (
            core not in _ROMAN_WORDS or (out and out[-1].lower() in ("thứ", "khóa", "khoá"))
        ):
            word = word.replace(core, core.upper())
        out.append(word)
    result = " ".join(out)
    for low, proper in _TITLE_WORDS.items():
        result = re.sub(rf"\b{low}\b", proper, result)
    result = _proper_places(result)
    return result[:1].upper() + result[1:] if first else result


_ORG_PREFIX_RE = re.compile(
    r"^(?:BAN CHẤP HÀNH ĐẢNG BỘ|ĐẢNG BỘ|TỈNH [ỦU][YỶ]|THÀNH [ỦU][YỶ]|HUYỆN [ỦU][YỶ]|HỘI ĐỒNG NHÂN DÂN|"
    r"[ỦU][YỶ] BAN NHÂN DÂN|UBND|HĐND)(?:\s+(?:TỈNH|THÀNH PHỐ|HUYỆN|THỊ XÃ|QUẬN))?"
)


def _organisation_case(line: str) -> str:
    """ "HUYỆN ỦY CHỢ MỚI" -> "Huyện ủy Chợ Mới" (the place name after the body keeps capitals)."""
    match = _ORG_PREFIX_RE.match(line)
    if not match:
        return _sentence_case(line, True)
    head = _sentence_case(match.group(0), True).replace("Uỷ", "Ủy").replace("uỷ", "ủy")
    place = " ".join(w.capitalize() for w in line[match.end() :].split())
    return f"{head} {place}".strip()


def _proper_places(text: str) -> str:
    def fix(match: re.Match[str]) -> str:
        return match.group(1) + " " + " ".join(w.capitalize() for w in match.group(2).split())

    return re.sub(
        r"\b(tỉnh|thành phố)\s+((?:[a-zà-ỹđ]+\s?){1,3})(?=\s(?:lần|khóa|khoá|nhiệm|giai)\b|$|[,.;])",
        fix,
        text,
    )


_NOT_PLACE = {"Thực", "Về", "Nhiệm", "Giai", "Đến", "Lần", "Khóa", "Khoá", "Trong", "Và", "Của", "Năm", "Ủy", "Uỷ",
              "Đảng", "Ban", "Hội", "Tại", "Theo", "Với", "Có", "Là"}  # fmt: skip


def _province(text: str, *, districts: bool = False) -> str | None:
    """ "… Đảng bộ tỉnh Lạng Sơn lần thứ XVII" -> "Lạng Sơn"."""
    kinds = r"tỉnh|Tỉnh|thành phố|Thành phố" + (
        r"|huyện|Huyện|thị xã|Thị xã|quận|Quận" if districts else ""
    )
    for match in re.finditer(
        rf"\b(?:{kinds})\s+(?P<rest>[^\s,;.()]+(?:\s[^\s,;.()]+){{0,3}})", text
    ):
        words: list[str] = []
        for word in match["rest"].split():
            if (
                word[:1].isupper()
                and (word[1:].islower() or len(word) == 1)
                and not re.fullmatch(r"[IVXLC]+", word)
                and word not in _NOT_PLACE
            ):
                words.append(word)
            else:
                break
        if words:
            return " ".join(words)
    return None


# --- The parser --------------------------------------------------------------------------------


class _Parser:
    def __init__(self, text: str, code: str | None) -> None:
        raw = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
        self.raw_lines = raw.split("\n")
        self.clean = [clean_line(line) for line in self.raw_lines]
        self.code = code
        self.consumed: dict[int, str] = {}
        self.warnings: list[str] = []
        self.programs: dict[int, dict[str, Any]] = {}
        self.target_paras: dict[int | None, list[tuple[int, Para]]] = {}
        self.task_paras: dict[int | None, list[Para]] = {}
        self.org_items: list[tuple[Para, str]] = []
        self.breakthrough_paras: list[Para] = []
        self.loose: list[tuple[Para, str]] = []
        self.region_titles: list[str] = []
        self.region_count = 0
        self.meta: dict[str, Any] = {}
        self.place_name: str | None = None

    def mark(self, lines: list[int] | int, what: str) -> None:
        for line in [lines] if isinstance(lines, int) else lines:
            self.consumed.setdefault(line, what)

    # -- header and signer --
    def header(self) -> int:
        """Read the heading block; return the index of the first body line."""
        n = len(self.clean)
        i = 0
        title: list[str] = []
        title_lines: list[int] = []
        while i < n and not self.clean[i]:
            i += 1
        while i < n:
            line = self.clean[i]
            if not line:
                if title:
                    break
                i += 1
                continue
            is_meta = False
            for part in re.split(r"\s+\|\s+|\s+—\s+", line):
                if _MOTTO_RE.search(part) or re.fullmatch(r"[-*_–—\s]+", part):
                    is_meta = True
                elif _NUMBER_RE.match(part.strip()):
                    self.meta.setdefault("number", _NUMBER_RE.match(part.strip())["n"])  # type: ignore[index]
                    is_meta = True
                elif _DATE_LINE_RE.search(part):
                    date = _DATE_LINE_RE.search(part)
                    assert date is not None
                    self.meta.setdefault("place", date["place"])
                    self.meta.setdefault(
                        "issue_date",
                        f"{int(date['y']):04d}-{int(date['m']):02d}-{int(date['d']):02d}",
                    )
                    is_meta = True
                elif _ISSUER_LINE_RE.match(part.strip()) and not title:
                    self.meta["issuer_line"] = part.strip()
                    is_meta = True
            if is_meta and not title:
                self.mark(i + 1, "metadata")
                i += 1
                continue
            if (
                len(title) >= 8
                or (
                    title
                    and _starts_new(line)
                    and not _is_caps(line)
                    and _section_type(line) != "unknown"
                )
                or _marker(line)[0]
                or _PROGRAM_RE.match(line)
                or re.match(r"(?:Căn cứ|Xét|Để |Thực hiện [A-ZĐ].{120,})", line)
                or len(line) > 250
                or (title and (len(line) > 140 or re.search(r"[.:;]$", line)))
                or (
                    title
                    and all(_is_caps(t) for t in title)
                    and not _is_caps(line)
                    and len(line) > 90
                )
                or (title and " | " in line)
            ):
                break
            title.append(line)
            title_lines.append(i + 1)
            i += 1
        # a bracketed subtitle right after the title: "(Dự thảo Báo cáo chính trị …)"
        j = i
        while j < n and not self.clean[j]:
            j += 1
        if title and j < n and re.fullmatch(r"\(.{15,}\)", self.clean[j]):
            title.append(self.clean[j])
            title_lines.append(j + 1)
            i = j + 1
        self.mark(title_lines, "metadata")
        self.meta["title_lines"] = title
        return i

    def signer(self) -> int:
        """Read the signature block at the end; return the index where it starts."""
        n = len(self.clean)
        for i in range(n - 1, max(-1, n - 15), -1):
            if _SIGNER_START_RE.match(self.clean[i]):
                parts = [self.clean[j] for j in range(i, n) if self.clean[j]]
                self.meta["signer"] = ", ".join(parts)
                self.mark([j + 1 for j in range(i, n) if self.clean[j]], "metadata")
                return i
        return n

    # -- walk --
    def walk(self, start: int, end: int) -> None:
        lines = [(i + 1, self.clean[i]) for i in range(start, end) if self.clean[i]]
        # the distribution list ("Nơi nhận:") is kept out of the body
        for k, (number, text) in enumerate(lines):
            if re.match(r"^Nơi nhận\s*:", text):
                recipients = lines[k:]
                self.mark([x for x, _ in recipients], "metadata")
                self.warnings.append(
                    f"Danh sách “Nơi nhận” ({len(recipients) - 1} dòng, từ dòng {number}) không được lưu."
                )
                lines = lines[:k]
                break
        paras = build_paragraphs(lines)
        program: int | None = None
        program_level = 1
        section = "preamble"
        section_level: int = 0
        region = 0
        org_context = ""
        for p in paras:
            body = p.body
            match = _PROGRAM_RE.match(body)
            if match and p.marker in ("", "num", "roman") and _heading_like_program(p):
                program = _program_number(match["n"])
                program_level = (
                    p.number.count(".") + 1
                    if p.marker == "num"
                    else (0 if p.marker == "roman" else 1)
                )
                title = _capitalise(match["title"])
                self.programs.setdefault(
                    program, {"number": program, "title": title, "line": p.lines[0]}
                )
                section, section_level = "program", program_level
                self.mark(p.lines, "program")
                continue
            heading = _heading(p)
            label = _INLINE_LABEL_RE.match(body) if heading is None else None
            if label is not None and section not in ("org", "breakthroughs"):
                # "a) Mục tiêu: Đến năm 2025, …" opens a section and holds its first paragraph
                kind = (
                    "targets"
                    if re.match(r"(?:mục tiêu|các chỉ tiêu|chỉ tiêu)", label["label"], re.I)
                    else "tasks"
                )
                if program is None and section in ("program", "program_other"):
                    section = "other"
                section, section_level = kind, (program_level + 1 if program is not None else 1)
                if kind == "targets":
                    region += 1
                    if program is None:
                        self.region_count += 1
                p.body_at += label.end()
                body = p.body
            if heading is not None:
                h, kind = heading.level, heading.type
                if program is not None:
                    inside = (h is not None and h > program_level) or (
                        h is None and kind in ("targets", "tasks", "unknown")
                    )
                    if inside:
                        if kind in ("targets", "tasks", "other"):
                            section, section_level = (
                                kind,
                                (h if h is not None else program_level + 1),
                            )
                            if kind == "targets":
                                region += 1
                        elif section not in ("targets", "tasks") or (
                            h is not None and h <= section_level
                        ):
                            section = "program_other"
                        self.mark(p.lines, "structure")
                        continue
                    program = None
                if (
                    section == "org"
                    and (h is None or h > section_level)
                    and kind != "breakthroughs"
                ):
                    org_context = heading.text
                    self.mark(p.lines, "structure")
                    continue
                if (
                    section in ("targets", "tasks", "other", "breakthroughs")
                    and kind == "unknown"
                    and h is not None
                    and h > section_level
                ):
                    self.mark(p.lines, "structure")
                    continue
                section = kind if kind != "unknown" else "other"
                section_level = h if h is not None else 0
                if section == "targets":
                    region += 1
                    self.region_count += 1
                    self.region_titles.append(
                        _capitalise(re.sub(r"^[\dIVX.\-–)\s]+", "", heading.text))
                    )
                self.mark(p.lines, "structure")
                continue
            if p.marker == "" and "đột phá" in body.lower() and body.rstrip().endswith(":"):
                program = None
                section, section_level = "breakthroughs", 99
                self.mark(p.lines, "structure")
                continue
            if section == "targets":
                self.target_paras.setdefault(program, []).append((region, p))
                if program is None:
                    self.region_count = max(self.region_count, 1)
            elif section == "tasks":
                self.task_paras.setdefault(program, []).append(p)
            elif section == "org":
                self.org_items.append((p, org_context))
            elif section == "breakthroughs" and p.marker:
                self.breakthrough_paras.append(p)
            else:
                if section == "breakthroughs":
                    section = "other"
                self.loose.append((p, "preamble" if section == "preamble" else "other"))

    # -- builders --
    def build(self) -> dict[str, Any]:
        start = self.header()
        end = self.signer()
        self.walk(start, end)
        body_text = "\n".join(self.clean)
        title_lines = self.meta.get("title_lines", [])
        title_text = self._title(title_lines)
        head_text = (
            " ".join(title_lines)
            + " "
            + " ".join(p.text for p, where in self.loose if where == "preamble")
        )
        province = _province(" ".join(title_lines)) or _province(head_text) or _province(body_text)
        self.place_name = province or _province(" ".join(title_lines), districts=True)
        term, period_start = self._term(" ".join(title_lines), head_text, body_text)
        if term is None:
            raise PlanNotRecognised(
                "Không xác định được nhiệm kỳ hoặc giai đoạn của văn bản (ví dụ “nhiệm kỳ 2020 - 2025”, "
                "“giai đoạn 2021 - 2025” hoặc “đến năm 2025”). Hãy kiểm tra lại tệp hoặc nhập kế hoạch thủ công."
            )
        ctx = Ctx(to_year=term[1], period_start=period_start)

        # targets without a program (resolutions, five-year plans) go to a general program
        free = not self.programs and not self.region_count
        if free:
            self.target_paras.setdefault(None, [])
            kept: list[tuple[Para, str]] = []
            for p, where in self.loose:
                if p.marker == "" and re.match(r"(?:Căn cứ|Xét)\b", p.text):
                    kept.append((p, where))
                    continue
                self.target_paras[None].append((0, p))
            self.loose = kept
        units: dict[str, dict[str, Any]] = {}
        targets, tasks = self._targets_and_tasks(ctx, free, title_text)
        breakthroughs = self._breakthroughs()
        assignments, deadlines, supersedes = self._organisation(units)

        doc: dict[str, Any] = {"format": FORMAT}
        doc["code"] = self._code(title_lines, province, term)
        if self.meta.get("number"):
            doc["number"] = self.meta["number"]
        doc["title"] = title_text or "Chương trình hành động"
        issuing = self._issuing_body(title_lines, head_text, province)
        if issuing:
            doc["issuing_body"] = issuing
            key = slug(issuing)
            units.setdefault(key, {"key": key, "name": issuing, "kind": unit_kind(issuing)})
            doc["issuing_unit"] = key
        doc["issue_date"] = self.meta.get("issue_date")
        if self.meta.get("place"):
            doc["place"] = self.meta["place"]
        if self.meta.get("signer"):
            doc["signer"] = self.meta["signer"]
        doc["term"] = {"from_year": term[0], "to_year": term[1]}
        doc["status"] = "active"
        doc["supersedes"] = supersedes
        doc["units"] = list(units.values())
        doc["programs"] = [self.programs[k] for k in sorted(self.programs)]
        doc["targets"] = targets
        doc["tasks"] = tasks
        doc["breakthroughs"] = breakthroughs
        doc["assignments"] = assignments
        doc["deadlines"] = deadlines
        doc["implementing_documents"] = []

        # preamble paragraphs that name the issuing body or the term are metadata
        for p, where in self.loose:
            if where == "preamble" and (
                re.search(r"nhiệm kỳ|giai đoạn|ban hành|Ban Chấp hành", p.text)
                or (issuing and issuing in p.text)
            ):
                self.mark(p.lines, "metadata")
        doc["unparsed"] = [
            {"line": i + 1, "text": self.raw_lines[i].strip()}
            for i in range(len(self.clean))
            if self.clean[i] and (i + 1) not in self.consumed
        ]
        if not targets and not tasks:
            raise PlanNotRecognised(
                "Không tìm thấy chỉ tiêu hay nhiệm vụ nào trong văn bản. Tệp có đúng là chương trình hành "
                "động, nghị quyết hoặc kế hoạch có mục tiêu, chỉ tiêu không? Hãy kiểm tra lại tệp."
            )
        if doc["unparsed"]:
            self.warnings.append(
                f"{len(doc['unparsed'])} dòng chưa hiểu được, cần xem lại (mục “unparsed”)."
            )
        if "number" not in doc:
            self.warnings.append(
                "Không thấy số, ký hiệu văn bản (ví dụ “Số 23-CTr/TU”): hãy bổ sung khi duyệt."
            )
        return doc

    def _title(self, lines: list[str]) -> str:
        out: list[str] = []
        for k, line in enumerate(lines):
            text = _sentence_case(line, k == 0) if _is_caps(line) else line
            if (
                k
                and text[:1].isupper()
                and text.split(" ")[0].lower()
                in ("thực", "về", "của", "và", "nhiệm", "giai", "đến", "trong", "tầm")
            ):
                text = text[:1].lower() + text[1:]
            out.append(text)
        return normalize_space(" ".join(out))

    def _term(self, title: str, head: str, body: str) -> tuple[tuple[int, int] | None, int]:
        for text in (title, head, body):
            for pattern, kind in _TERM_RES:
                match = pattern.search(text)
                if match:
                    a, b = int(match.group(1)), int(match.group(2))
                    if 0 < b - a <= 10:
                        start = a + 1 if kind == "term" or b - a == 5 else a
                        return (a, b), start
        match = re.search(r"đến năm\s+(\d{4})", title + " " + head, re.IGNORECASE) or re.search(
            r"đến năm\s+(\d{4})", body, re.IGNORECASE
        )
        if match:
            b = int(match.group(1))
            self.warnings.append(
                f"Không thấy nhiệm kỳ: lấy giai đoạn {b - 4} - {b} theo “đến năm {b}”."
            )
            return (b - 5, b), b - 4
        return None, 0

    def _code(self, title_lines: list[str], province: str | None, term: tuple[int, int]) -> str:
        if self.code:
            code = (
                self.code if re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", self.code) else slug(self.code)
            )
            return code[:64].rstrip("-") or "ke-hoach"
        first = title_lines[0] if title_lines else "ke hoach"
        words = " ".join(first.split()[:4])
        base = slug(f"{words} {self.place_name or ''} {term[0]} {term[1]}", max_length=64)
        return base or "ke-hoach"

    def _issuing_body(self, title_lines: list[str], head: str, province: str | None) -> str | None:
        text = " ".join(title_lines) + " " + head
        match = re.search(r"ban chấp hành đảng bộ (tỉnh|thành phố)", text, re.IGNORECASE)
        if match:
            body = f"Ban Chấp hành Đảng bộ {match.group(1).lower()}"
            return f"{body} {province}" if province else body
        issuer = self.meta.get("issuer_line")
        if issuer:
            return _organisation_case(str(issuer))
        return None

    def _targets_and_tasks(
        self, ctx: Ctx, free: bool, title: str
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        targets: list[dict[str, Any]] = []
        tasks: list[dict[str, Any]] = []
        general: int | None = None
        if None in self.target_paras or None in self.task_paras:
            if self.programs:
                general = max(self.programs) + 1
                self.warnings.append(
                    f"Có chỉ tiêu hoặc nhiệm vụ ngoài các chương trình: đưa vào chương trình {general}."
                )
            else:
                general = 1
            titles = sorted(self.region_titles, key=lambda t: "chỉ tiêu" not in t.lower())
            name = titles[0] if titles else ""
            if _is_caps(name):
                name = _sentence_case(name, True)
            if not name and free:
                name = title
            self.programs[general] = {"number": general, "title": name or "Các chỉ tiêu chủ yếu"}
        for program in sorted(self.programs):
            key: int | None = None if program == general else program
            paras = self.target_paras.get(key, [])
            cands, qualitative = self._program_targets(
                paras, ctx, allow_loose=not free, qualitative=key is not None
            )
            for n, cand in enumerate(cands + qualitative, start=1):
                targets.append(_target_dict(cand, program, n))
            for n, (text, line) in enumerate(self._tasks(self.task_paras.get(key, [])), start=1):
                task: dict[str, Any] = {
                    "code": f"NV{program}.{n}",
                    "program": program,
                    "text": text,
                    "line": line,
                }
                due = find_deadline(text)
                if due:
                    task["due_date"] = due[0]
                tasks.append(task)
        return targets, tasks

    def _program_targets(
        self, paras: list[tuple[int, Para]], ctx: Ctx, *, allow_loose: bool, qualitative: bool
    ) -> tuple[list[Cand], list[Cand]]:
        cands: list[Cand] = []
        quals: list[Cand] = []
        residues: dict[int, list[tuple[str, int]]] = {}
        reader = TargetReader(ctx, free=not allow_loose)
        region_seen = None
        for region, p in paras:
            if region != region_seen:
                reader = TargetReader(ctx, free=not allow_loose)
                region_seen = region
            rows = reader.table_row(p) if " | " in p.text else None
            if rows is not None:
                cands.extend(rows)
                self.mark(p.lines, "target" if rows else "structure")
                continue
            found = reader.paragraph(p, allow_loose=allow_loose)
            if found.cands:
                cands.extend(found.cands)
                self.mark(p.lines, "target")
                if found.residues and qualitative:
                    residues.setdefault(region, []).extend(found.residues)
                continue
            if p.text.rstrip().endswith(":") and qualitative is not None:
                self.mark(p.lines, "structure")
                continue
            if qualitative and found.residues:
                sentences = _sentences(p.body, 0, len(p.body))
                first = p.body[sentences[0][0] : sentences[0][1]] if sentences else p.body
                year = found.year or ctx.to_year
                quals.append(
                    reader._cand(
                        "qualitative",
                        None,
                        None,
                        "",
                        year,
                        _capitalise(first),
                        p.body.strip(),
                        p.lines[0],
                        period=None,
                    )
                )
                self.mark(p.lines, "target")
        gathered: list[Cand] = []
        for items in residues.values():
            if not items:
                continue
            texts = [text for text, _ in items]
            indicator = "; ".join(
                _capitalise(t) if k == 0 else t.strip(" .;,") for k, t in enumerate(texts)
            )
            gathered.append(
                reader._cand("qualitative", None, None, "", ctx.to_year, _capitalise(indicator), " ... ".join(texts), items[0][1], period=None)
            )  # fmt: skip
        quals = sorted(gathered + quals, key=lambda c: c.line)
        return cands, quals

    def _tasks(self, paras: list[Para]) -> list[tuple[str, int]]:
        out: list[tuple[str, int]] = []
        for p in paras:
            text = normalize_space(p.body)
            if not text:
                continue
            if out and p.marker in ("+", "•", "*", "▪", "○", "◦", "·"):
                out[-1] = (out[-1][0] + " " + text, out[-1][1])
            else:
                out.append((text, p.lines[0]))
            self.mark(p.lines, "task")
        return out

    def _breakthroughs(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for k, p in enumerate(self.breakthrough_paras, start=1):
            number = int(p.number) if p.marker == "num" and p.number.isdigit() else k
            if any(b["number"] == number for b in out):
                number = max(b["number"] for b in out) + 1
            out.append({"number": number, "text": normalize_space(p.body), "line": p.lines[0]})
            self.mark(p.lines, "breakthrough")
        return out

    def _organisation(
        self, units: dict[str, dict[str, Any]]
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
        assignments: list[dict[str, Any]] = []
        seen: set[tuple[Any, ...]] = set()
        deadlines: list[dict[str, Any]] = []
        supersedes: list[dict[str, Any]] = []

        def add_unit(name: str) -> str:
            key = slug(name)
            units.setdefault(key, {"key": key, "name": name, "kind": unit_kind(name)})
            return key

        def assign(name: str, role: str, refs: list[int], p: Para) -> None:
            key = add_unit(name)
            scopes: list[tuple[str, int | None]] = [
                ("program", r) for r in refs if r in self.programs
            ] or [("plan", None)]
            for scope, ref in scopes:
                ident = (key, role, scope, ref)
                if ident in seen:
                    continue
                seen.add(ident)
                assignments.append(
                    {
                        "unit": key,
                        "role": role,
                        "scope": scope,
                        "ref": ref,
                        "source_text": p.text,
                        "line": p.lines[0],
                    }
                )

        pending_deadlines: list[tuple[Para, str, str, list[str]]] = []
        for p, context in self.org_items:
            text = p.body
            understood = False
            sup = re.search(r"thay thế\s+(?P<kind>.+?)\s+số\s+(?P<num>\d[\w\-/ĐđỦủ]*)", text)
            if sup:
                rest = text[sup.end() :]
                date = re.match(
                    r"\s*,?\s*ngày\s+(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})", rest
                ) or re.match(r"\s*,?\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", rest)
                tail = rest[date.end() :] if date else rest
                entry: dict[str, Any] = {
                    "number": sup["num"].rstrip(".,"),
                    "date": f"{int(date.group(3)):04d}-{int(date.group(2)):02d}-{int(date.group(1)):02d}"
                    if date
                    else None,
                    "title": normalize_space(f"{sup['kind']} {tail}").rstrip(" ."),
                    "plan": None,
                    "line": p.lines[0],
                }
                supersedes.append(entry)
                understood = True
            refs = _program_refs(text)
            first_clause = re.split(r";", text)[0]
            giao = _GIAO_RE.search(text)
            subjects: list[str] = []
            role: str | None = None
            after = ""
            if giao:
                subjects, end = parse_units(text[giao.end() :])
                after = text[giao.end() + end :].strip()
                role = "lead"
            elif _UNIT_HEAD_RE.match(text):
                subjects, end = parse_units(text)
                after = text[end:].strip()
                if re.match(r"chủ trì\b", after):
                    role = "lead"
                elif re.search(r"\bphát động\b", first_clause):
                    role = "mobilize"
                elif re.search(r"\b(?:theo dõi|đôn đốc)\b", first_clause):
                    role = "monitor"
                elif re.match(r"(?:chủ động\s+)?(?:nghiên cứu|tham mưu|đề xuất|phối hợp)\b", after):
                    role = "coordinate"
                elif re.match(r"(?:lãnh đạo|chỉ đạo)\b", after):
                    role = "lead"
            if giao and subjects:
                if re.match(r"(?:theo dõi|đôn đốc)\b", after):
                    role = "monitor"
                elif re.match(r"phát động\b", after):
                    role = "mobilize"
            if subjects and role:
                for name in subjects:
                    assign(name, role, refs, p)
                understood = True
                partner = re.search(r"phối hợp\s+(?:với\s+)?", after)
                if partner and role == "lead":
                    names, _ = parse_units(after[partner.end() :])
                    for name in names:
                        assign(name, "coordinate", refs, p)
            due = find_deadline(text)
            if due:
                title = (text[: due[1]] + text[due[2] :]).strip(" .,;")
                cut = re.search(
                    r"\bviệc\s+(?=ban hành|xây dựng|hoàn thành|tổ chức|sơ kết|tổng kết)", title
                )
                if cut:
                    title = title[cut.end() :]
                title = re.sub(r"[,;]?\s*(?:và\s+)?(?:hoàn thành|xong)\s*$", "", title).strip(" ,;")
                for item in assignments:
                    if item["line"] == p.lines[0] and item["role"] == "lead":
                        item["deadline"] = due[0]
                pending_deadlines.append(
                    (p, _capitalise(title) or "Thời hạn", due[0], [slug(s) for s in subjects])
                )
                understood = True
            if understood:
                self.mark(p.lines, "assignment")
            elif context:
                pass
        leads = [a["unit"] for a in assignments if a["role"] == "lead" and a["scope"] == "program"]
        for p, title, due_date, subject_keys in pending_deadlines:
            keys = subject_keys or list(dict.fromkeys(leads))
            deadlines.append(
                {
                    "title": title,
                    "due_date": due_date,
                    "units": keys,
                    "source_text": p.text,
                    "line": p.lines[0],
                }
            )
            self.mark(p.lines, "deadline")
        return assignments, deadlines, supersedes


def _heading_like_program(p: Para) -> bool:
    return len(p.body.split()) <= 60


def _decimal(value: Decimal | None) -> str | None:
    if value is None:
        return None
    text = f"{value.normalize():f}" if value != 0 else "0"
    return text


def _target_dict(cand: Cand, program: int, n: int) -> dict[str, Any]:
    return {
        "code": f"{program}.{n}",
        "program": program,
        "kind": cand.kind,
        "comparator": cand.comparator,
        "value": _decimal(cand.value),
        "value_high": _decimal(cand.value_high),
        "unit": cand.unit,
        "from_year": cand.from_year,
        "to_year": cand.to_year,
        "indicator": cand.indicator[:500],
        "source_text": cand.source_text,
        "line": cand.line,
    }


def parse_plan_text(*, text: str, code: str | None = None) -> ParseResult:
    """Read the text of an action program (or resolution, five-year plan) into a plan document.

    The document follows `plans/schema/plan-document.schema.json`, plus `unparsed`: every
    non-empty line that did not become part of the plan, with its 1-based line number.
    Raises PlanNotRecognised (with a Vietnamese message) when the text holds no plan.
    """
    if not text or not text.strip():
        raise PlanNotRecognised("Văn bản trống: không có nội dung để nhập.")
    parser = _Parser(text, code)
    document = parser.build()
    placement = {
        line: what for line, what in sorted(parser.consumed.items()) if parser.clean[line - 1]
    }
    return ParseResult(document=document, warnings=parser.warnings, placement=placement)
