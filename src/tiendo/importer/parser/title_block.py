"""Stage 2c, the title block and the signature: what the document says about itself.

At the top: the national motto, the issuer ("TỈNH ỦY LẠNG SƠN"), "Số 23-CTr/TU", "Lạng Sơn, ngày
… tháng … năm …" and the title lines (sentence-cased when written in capitals, a bracketed
subtitle kept). At the end: the signature block ("T/M TỈNH ỦY / BÍ THƯ / name"). From these and
the preamble: the province, the term or period ("nhiệm kỳ 2020 - 2025", "giai đoạn 2021 - 2025",
"đến năm 2025") that sets the years of targets, the issuing body and the plan's code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tiendo.core.text import normalize_space, slug

from .headings import PROGRAM_RE, section_type, starts_new
from .lines import Placement, Source, is_caps, marker

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
#: A plan of one year: "Kế hoạch kinh tế - xã hội năm 2022", "chỉ tiêu … năm 2021".
_YEARLY_PLAN_RE = re.compile(
    r"\b(?:kế hoạch|chỉ tiêu)\b[^.;:]{0,80}?\bnăm\s+((?:19|20)\d\d)\b(?!\s*[-–])", re.IGNORECASE
)


def yearly_plan(text: str) -> int | None:
    """The year of a plan of one year; not a deadline ("chỉ tiêu chủ yếu đến năm 2025")."""
    for match in _YEARLY_PLAN_RE.finditer(text):
        before = text[match.start() : match.start(1)]
        if not re.search(r"\b(?:đến|tới|vào|trước|cuối|sau)\s+năm\s+$", before, re.IGNORECASE):
            return int(match.group(1))
    return None


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


def sentence_case(text: str, first: bool) -> str:
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
        return sentence_case(line, True)
    head = sentence_case(match.group(0), True).replace("Uỷ", "Ủy").replace("uỷ", "ủy")
    place = " ".join(w.capitalize() for w in line[match.end() :].split())
    return f"{head} {place}".strip()


def _proper_places(text: str) -> str:
    def fix(match: re.Match[str]) -> str:
        return match.group(1) + " " + " ".join(w.capitalize() for w in match.group(2).split())

    return re.sub(
        r"\b(tỉnh|thành phố|huyện|thị xã|quận|xã|phường|thị trấn)\s+(?!(?:ủy|uỷ|đảng|đoàn)\b)"
        r"((?:[a-zà-ỹđ]+\s?){1,3})"
        r"(?=\s(?:lần|khóa|khoá|nhiệm|giai)\b|$|[,.;])",
        fix,
        text,
    )


_NOT_PLACE = {"Thực", "Về", "Nhiệm", "Giai", "Đến", "Lần", "Khóa", "Khoá", "Trong", "Và", "Của", "Năm", "Ủy", "Uỷ",
              "Đảng", "Ban", "Hội", "Tại", "Theo", "Với", "Có", "Là"}  # fmt: skip


def province(text: str, *, districts: bool = False) -> str | None:
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


@dataclass
class TitleBlock:
    """What the head and the foot of the document say; None where they say nothing."""

    title_lines: list[str]
    number: str | None = None
    place: str | None = None
    issue_date: str | None = None
    issuer_line: str | None = None
    signer: str | None = None


@dataclass
class PlanYears:
    """What the document tells about years: the year targets are due by default, and the first
    year of the period (targets over a period, such as average growth, start then)."""

    to_year: int
    period_start: int


def read_title_block(source: Source, placement: Placement) -> tuple[TitleBlock, int]:
    """Read the heading block; return it and the index of the first body line."""
    clean = source.clean
    block = TitleBlock(title_lines=[])
    n = len(clean)
    i = 0
    title: list[str] = []
    title_lines: list[int] = []
    while i < n and not clean[i]:
        i += 1
    while i < n:
        line = clean[i]
        if not line:
            if title:
                break
            i += 1
            continue
        is_meta = False
        for part in re.split(r"\s+\|\s+|\s+—\s+", line):
            number = _NUMBER_RE.match(part.strip())
            date = _DATE_LINE_RE.search(part)
            if _MOTTO_RE.search(part) or re.fullmatch(r"[-*_–—\s]+", part):
                is_meta = True
            elif number:
                if block.number is None:
                    block.number = number["n"]
                is_meta = True
            elif date:
                if block.place is None:
                    block.place = date["place"]
                if block.issue_date is None:
                    block.issue_date = (
                        f"{int(date['y']):04d}-{int(date['m']):02d}-{int(date['d']):02d}"
                    )
                is_meta = True
            elif _ISSUER_LINE_RE.match(part.strip()) and not title:
                block.issuer_line = part.strip()
                is_meta = True
        if is_meta and not title:
            placement.mark(i + 1, "metadata")
            i += 1
            continue
        if (
            len(title) >= 8
            or (
                title and starts_new(line) and not is_caps(line) and section_type(line) != "unknown"
            )
            or marker(line)[0]
            or PROGRAM_RE.match(line)
            or re.match(r"(?:Căn cứ|Xét|Để |Thực hiện [A-ZĐ].{120,})", line)
            or len(line) > 250
            or (title and (len(line) > 140 or re.search(r"[.:;]$", line)))
            or (title and all(is_caps(t) for t in title) and not is_caps(line) and len(line) > 90)
            or (title and " | " in line)
        ):
            break
        title.append(line)
        title_lines.append(i + 1)
        i += 1
    # a bracketed subtitle right after the title: "(Dự thảo Báo cáo chính trị …)"
    j = i
    while j < n and not clean[j]:
        j += 1
    if title and j < n and re.fullmatch(r"\(.{15,}\)", clean[j]):
        title.append(clean[j])
        title_lines.append(j + 1)
        i = j + 1
    placement.mark(title_lines, "metadata")
    block.title_lines = title
    return block, i


def read_signer(source: Source, block: TitleBlock, placement: Placement) -> int:
    """Read the signature block at the end; return the index where it starts."""
    clean = source.clean
    n = len(clean)
    for i in range(n - 1, max(-1, n - 15), -1):
        if _SIGNER_START_RE.match(clean[i]):
            parts = [clean[j] for j in range(i, n) if clean[j]]
            block.signer = ", ".join(parts)
            placement.mark([j + 1 for j in range(i, n) if clean[j]], "metadata")
            return i
    return n


def plan_title(lines: list[str]) -> str:
    """The title lines as one title, capitals sentence-cased."""
    out: list[str] = []
    for k, line in enumerate(lines):
        text = sentence_case(line, k == 0) if is_caps(line) else line
        if (
            k
            and text[:1].isupper()
            and text.split(" ")[0].lower()
            in ("thực", "về", "của", "và", "nhiệm", "giai", "đến", "trong", "tầm")
        ):
            text = text[:1].lower() + text[1:]
        out.append(text)
    return normalize_space(" ".join(out))


def plan_term(
    title: str, head: str, body: str, warnings: list[str]
) -> tuple[tuple[int, int] | None, int]:
    """The term (from_year, to_year) and the first year of its period, from the title, else the
    preamble, else the body; None when the document tells none. A plan of one year ("Kế hoạch
    kinh tế - xã hội năm 2022", "12 chỉ tiêu … năm 2021") has a term of that year."""
    for k, text in enumerate((title, head, body)):
        if k == 1:
            year = yearly_plan(title)
            if year:
                return (year, year), year
        found: list[tuple[int, int, int]] = []  # (from, to, first year of the period)
        for pattern, kind in _TERM_RES:
            for match in pattern.finditer(text):
                a, b = int(match.group(1)), int(match.group(2))
                if 0 < b - a <= 10:
                    found.append((a, b, a + 1 if kind == "term" or b - a == 5 else a))
            if found and k == 0:
                break
        if found:
            if k == 0:
                a, b, start = found[0]
            else:
                # a report of a congress names the past term and its own: the latest five-year
                # term is the document's ("Nhiệm kỳ 2020-2025, … Giai đoạn 2026-2030, …")
                terms = [t for t in found if t[1] - t[0] <= 5] or found
                a, b, start = max(terms, key=lambda t: (t[1], -found.index(t)))
            return (a, b), start
    year = yearly_plan(head) or yearly_plan(body)
    if year:
        return (year, year), year
    ahead = re.search(r"đến năm\s+(\d{4})", title + " " + head, re.IGNORECASE) or re.search(
        r"đến năm\s+(\d{4})", body, re.IGNORECASE
    )
    # else the earliest deadline: "trước năm 2030 và đạt chuẩn nông thôn mới trước năm 2025"
    deadlines = list(re.finditer(r"(?:trước|vào) năm\s+(\d{4})", body, re.IGNORECASE))
    deadline = ahead or min(deadlines, key=lambda m: int(m.group(1)), default=None)
    if deadline:
        b = int(deadline.group(1))
        words = deadline.group(0)
        warnings.append(f"Không thấy nhiệm kỳ: lấy giai đoạn {b - 4} - {b} theo “{words}”.")
        return (b - 5, b), b - 4
    return None, 0


def plan_code(
    code: str | None, title_lines: list[str], place_name: str | None, term: tuple[int, int]
) -> str:
    """The code the user gave (made a slug), or one made of the title, the place and the term."""
    if code:
        code = code if re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code) else slug(code)
        return code[:64].rstrip("-") or "ke-hoach"
    first = title_lines[0] if title_lines else "ke hoach"
    words = " ".join(first.split()[:4])
    base = slug(f"{words} {place_name or ''} {term[0]} {term[1]}", max_length=64)
    return base or "ke-hoach"


def issuing_body(block: TitleBlock, head: str, province_name: str | None) -> str | None:
    """ "Ban Chấp hành Đảng bộ tỉnh Lạng Sơn", or the issuer line of the title block."""
    text = " ".join(block.title_lines) + " " + head
    match = re.search(r"ban chấp hành đảng bộ (tỉnh|thành phố)", text, re.IGNORECASE)
    if match:
        body = f"Ban Chấp hành Đảng bộ {match.group(1).lower()}"
        return f"{body} {province_name}" if province_name else body
    if block.issuer_line:
        return _organisation_case(block.issuer_line)
    return None
