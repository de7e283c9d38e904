"""Quantities: the numbers of a clause that are targets, with their units.

Numbers (Vietnamese "6.650", "51.990,563" or plain "3,5"), ranges ("3-3,5%", "từ 7,5 đến 8,0%"),
ratios ("115/181 xã"), number words after a cue ("có thêm hai huyện"), "không còn …" (zero), the
unit after each ("triệu USD", "%/năm", "4,4 triệu lượt khách") and "cả 3 tiêu chí" multipliers;
and the year a clause sets ("Đến năm 2025:"). The words around a quantity (comparator, kind) are
read by `cues`. A stage hands a clause in; nothing here knows about sections or programs.

Numbers are read with `tiendo.core.numbers.parse_number` (Vietnamese or plain notation). Numbers
that are not quantities are masked first: years, dates, document numbers ("04-CTr/TU"), list
numbers ("(1)"), ordinals ("lần thứ 2"), durations ("5 năm"), ratings and classes ("3 sao",
"mức độ 2", "giai đoạn 1"), ages ("trẻ em dưới 5 tuổi"), counts of the document's own parts
("07 Chương trình", "3 khâu đột phá", "39 chỉ tiêu") and restatements ("tương đương 3.434 USD").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from tiendo.core.numbers import NumberFormatError, parse_number

from .cues import comparator_before
from .lines import normalize

__all__ = [
    "Quantity",
    "find_quantities",
    "parse_range",
    "read_number",
    "read_unit",
    "word_number",
    "year_context",
]

#: One number: Vietnamese grouping ("6.650", "51.990,563") or plain ("3,5", "3.5", "2000").
NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?(?:\.\d+)?"
_BEFORE = r"(?<![\w.,/+\-])"
_AFTER = r"(?![\w]|[.,]\d)"
_SEP = r"(?:-|–|—|đến|tới)"

_RANGE_RE = re.compile(
    rf"{_BEFORE}(?P<from>từ\s+)?(?P<lo>{NUM})\s*(?P<lopct>%)?\s*{_SEP}\s*(?P<hi>{NUM}){_AFTER}",
    re.IGNORECASE,
)
_SINGLE_RE = re.compile(rf"{_BEFORE}(?P<num>{NUM})(?:/(?P<den>\d+(?:\.\d{{3}})*))?{_AFTER}")

_WORDS = {
    "một": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
}

#: Units, longest first where one is the start of another.
_UNIT_WORDS = [
    "đơn vị cấp huyện",
    "đơn vị hành chính",
    "chỉ dẫn địa lý",
    "khu công nghiệp",
    "cụm công nghiệp",
    "khu kinh tế",
    "lượt khách",
    "lượt người",
    "sản phẩm",
    "lao động",
    "đảng viên",
    "doanh nghiệp",
    "hợp tác xã",
    "bác sĩ",
    "giường bệnh",
    "nhà văn hóa",
    "trường học",
    "đô thị",
    "thị trấn",
    "học sinh",
    "sinh viên",
    "dự án",
    "công trình",
    "cơ sở",
    "trang trại",
    "mô hình",
    "việc làm",
    "thuê bao",
    "héc-ta",
    "hecta",
    "nhãn hiệu",
    "tiêu chí",
    "đơn vị",
    "thành phố",
    "thị xã",
    "cửa khẩu",
    "bệnh viện",
    "căn hộ",
    "tổ dân phố",
    "phòng học",
    "nhà máy",
    "giường",
    "trường",
    "buồng",
    "phòng",
    "chuỗi",
    "tuyến",
    "căn",
    "vụ",
    "lượt",
    "khách",
    "khu",
    "cụm",
    "điểm",
    "xã",
    "phường",
    "huyện",
    "thôn",
    "bản",
    "hộ",
    "người",
    "con",
    "cây",
    "tour",
    "giờ",
    "ngày",
    "tấn",
    "km2",
    "km",
    "ha",
    "m2",
    "m3",
    "MW",
    "kWh",
    "USD",
    "đồng chí",  # people ("bầu 55 đồng chí"), not money
    "đồng",
    "lần",
]
_UNIT_CANON = {u.lower(): u for u in _UNIT_WORDS}
_UNIT_ALT = "|".join(re.escape(u) for u in sorted(_UNIT_WORDS, key=len, reverse=True))
_SCALE = r"(?:nghìn|ngàn|triệu|tỷ|tỉ|vạn)"
_UNIT_RE = re.compile(
    rf"\s*(?P<scale>{_SCALE}(?:\s+{_SCALE})?\s+)?(?P<unit>{_UNIT_ALT})(?![\w])", re.IGNORECASE
)
_SCALE_ONLY_RE = re.compile(rf"\s*(?P<scale>{_SCALE}(?:\s+{_SCALE})?)(?![\w])", re.IGNORECASE)
_PER_RE = re.compile(r"\s*/\s*(?P<per>năm|tháng|người|vạn dân|nghìn dân|km2|ha|ngày|xã|hộ)(?![\w])")
#: Nouns that a number word ("hai huyện") may count.
_COUNT_NOUNS = (
    r"huyện|xã|phường|thị trấn|thị xã|thành phố|thôn|bản|khu|cụm|điểm|sản phẩm|đô thị|trường|"
    r"doanh nghiệp|hợp tác xã|nhà máy|bệnh viện|công trình|dự án|tuyến|cửa khẩu|đơn vị|chuỗi"
)
_WORD_NUMBER_RE = re.compile(
    r"\b(?P<cue>có thêm|thêm|có|đạt|ít nhất|khoảng|trên|hơn|xây dựng được|được|tối thiểu|từ|"
    r"đến|tới)\s+"
    rf"(?P<word>{'|'.join(_WORDS)})\s+(?=(?:{_SCALE}\s+)?(?:{_COUNT_NOUNS}|lượt|khách|người|"
    r"hộ|lao động|tấn)\b)",
    re.IGNORECASE,
)
#: "gấp đôi", "gấp ba", "gấp rưỡi": a multiple written in words.
_MULTIPLE_RE = re.compile(r"\bgấp\s+(?P<word>đôi|rưỡi|ba|bốn|năm)\b", re.IGNORECASE)
_MULTIPLES = {"đôi": Decimal(2), "rưỡi": Decimal("1.5"), "ba": Decimal(3), "bốn": Decimal(4),
              "năm": Decimal(5)}  # fmt: skip
#: "không còn hộ nghèo", "không để xảy ra các vụ cháy lớn", "không phát sinh hộ tái nghèo": zero.
_ZERO_RE = re.compile(
    r"\b(?P<cue>không còn|không để xảy ra|không (?:để )?phát sinh)\s+(?:các\s+|những\s+)?"
    r"(?P<noun>[^\s,;.()]+)",
    re.IGNORECASE,
)
#: "giảm 2/3 số hộ nghèo": a fraction of something, not an amount (the plan format holds no
#: exact value for it: the reviewer is told).
FRACTION_RE = re.compile(r"(?<![\d.,/])(?P<a>\d)/(?P<b>\d{1,2})\s+(?:số|tổng số)\b", re.IGNORECASE)

_STOP_UNIT = {
    "và", "trở", "trên", "dưới", "so", "với", "trong", "đến", "tới", "của", "cho", "là", "đạt",
    "từ", "theo", "tại", "ở", "được", "có", "khoảng", "hơn", "năm", "đã", "sẽ", "hoặc", "mỗi",
    "các", "những", "này", "đó", "như", "để", "nhằm", "gồm", "trong đó", "tăng", "giảm",
}  # fmt: skip

_YEAR = r"(?:19[4-9]\d|20\d\d|2100)"
_MASKS = [
    # Dates and periods of the calendar.
    re.compile(r"\b\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}\b"),
    re.compile(r"ngày\s+\d{1,2}(?:\s+tháng\s+\d{1,2})?(?:\s+năm\s+\d{4})?", re.IGNORECASE),
    re.compile(r"tháng\s+\d{1,2}(?:\s*(?:năm|/)\s*\d{4})?", re.IGNORECASE),
    re.compile(r"quý\s+[IVX\d]+(?:\s*(?:năm|/)\s*\d{4})?", re.IGNORECASE),
    re.compile(r"(?<![\d.,])\d{1,2}/" + _YEAR + r"\b"),
    # Document numbers: 04-CTr/TU, 72/2025/QH15, 3621/TTr-UBND, số 15.
    re.compile(r"\b\d+(?:/\d+)*(?:[-/][A-ZĐ][\wĐđ]*)+(?:[-/][\wĐđ]+)*"),
    re.compile(r"(?<!dân )(?<!tổng )(?<!chỉ )\bsố\s*:?\s*\d[\d/.\-]*", re.IGNORECASE),
    # List numbers "(1)" and ordinals.
    re.compile(r"\(\s*\d{1,2}\s*\)"),
    re.compile(r"\b(?:lần thứ|thứ|khóa|khoá|kỳ họp|đợt|lần)\s+\d+\b", re.IGNORECASE),
    # "trên 1 ha canh tác", "trên 1 hec-ta": per unit of area, not a quantity.
    re.compile(
        r"\btrên\s+(?:0?1|một)\s+(?:ha|hec-ta|héc-ta|hecta|héc ta|đơn vị diện tích|km2|m2|"
        r"vạn dân|nghìn dân|ngàn dân|triệu dân)\b",
        re.IGNORECASE,
    ),
    # An age range: "(từ 3 đến 18 tuổi)", "trong độ tuổi 15 - 60".
    re.compile(
        rf"(?:từ\s+)?\d+\s*{_SEP}\s*\d+\s*tuổi\b|độ tuổi\s+\d+\s*{_SEP}\s*\d+", re.IGNORECASE
    ),
    # Fractions of a whole: "2/3 số hộ nghèo".
    FRACTION_RE,
    # Ratings, classes, stages and names with numbers.
    re.compile(rf"(?:từ\s+)?\d+(?:\s*{_SEP}\s*\d+)?\s*sao\b", re.IGNORECASE),
    re.compile(
        r"\b(?:mức độ|cấp độ|loại|hạng|giai đoạn|vùng|quốc lộ|tỉnh lộ|đường tỉnh|đường huyện|"
        r"mốc|trung ương|khu chế xuất|điều|khoản|chương|phụ lục|biểu|lô|tầng|(?<!nâng )cấp|tuyến số|"
        r"chương trình|kế hoạch|nghị quyết|đề án|covid)\s*:?\s*-?\d+(?:\s*(?:,|và|-|–)\s*\d+)*\b",
        re.IGNORECASE,
    ),
    # Ages: "trẻ em dưới 5 tuổi", "người từ 60 tuổi trở lên".
    re.compile(
        rf"(?:trẻ em|trẻ|người|học sinh|phụ nữ|dân số)\b[^,;.\d]{{0,30}}?\d+(?:\s*{_SEP}\s*\d+)?\s*"
        r"(?:tháng\s+)?tuổi",
        re.IGNORECASE,
    ),
    # "dưới 15 tiêu chí" (a class of communes, not a target).
    re.compile(r"\bdưới\s+\d+\s+tiêu chí", re.IGNORECASE),
    # Counts of the document's own parts.
    re.compile(
        r"(?<![\w.,/])\d+\s+(?:chương trình|khâu|nội dung|nhiệm vụ|giải pháp|chỉ tiêu|chủ tiêu|nhóm|đột phá|"
        r"quan điểm|mục tiêu|lĩnh vực|trụ cột|định hướng|phong trào|cuộc vận động)\b",
        re.IGNORECASE,
    ),
    # Restatements: "(tương đương 3.434 USD)".
    re.compile(
        rf"tương (?:đương|ứng)\s+(?:với\s+)?(?:khoảng\s+|gần\s+|hơn\s+|trên\s+)?(?:{NUM})",
        re.IGNORECASE,
    ),
]
#: Durations: "5 năm", "6 tháng" (but "tuổi thọ … đạt khoảng 76 năm" is an amount).
_DURATION_RE = re.compile(r"(?<![\w.,/])\d+\s+(?:năm|tháng|thập kỷ|ngày)\b", re.IGNORECASE)
_AMOUNT_CUE_RE = re.compile(
    r"(?:đạt|khoảng|tối thiểu|ít nhất|tối đa|đạt khoảng)\s*$", re.IGNORECASE
)
_YEAR_RE = re.compile(rf"(?<![\w.,/])({_YEAR}){_AFTER}")
_YEAR_UNIT_RE = re.compile(rf"\s+(?!năm\b)(?:{_UNIT_ALT})(?![\w])", re.IGNORECASE)
_MULTIPLIER_RE = re.compile(r"\bcả\s+(?P<n>\d+)\s+(?P<what>tiêu chí|chỉ tiêu|mặt)\b", re.IGNORECASE)


@dataclass
class Quantity:
    """A quantity found in a clause. Offsets are into the clause text."""

    start: int
    end: int  # end of the number or range (before the unit)
    unit_end: int  # end of the unit (== end when there is none)
    value: Decimal
    value_high: Decimal | None = None
    percent: bool = False
    unit: str = ""
    ratio_of: Decimal | None = None
    multiplier: int = 1
    multiplier_start: int = -1
    zero: bool = False
    word: bool = False


def read_number(text: str) -> Decimal:
    """A number in Vietnamese or plain notation; raises NumberFormatError."""
    return parse_number(text)


def parse_range(text: str) -> tuple[Decimal, Decimal] | None:
    """ "3-3,5%", "02 - 04", "từ 7,5 đến 8,0%" -> (low, high); None when the text is no range."""
    match = _RANGE_RE.search(normalize(text))
    if not match:
        return None
    try:
        low, high = parse_number(match["lo"]), parse_number(match["hi"])
    except NumberFormatError:
        return None
    return (low, high) if low < high else None


def word_number(word: str) -> int | None:
    """ "hai" -> 2, "mười" -> 10; None for anything else."""
    return _WORDS.get(word.strip().lower())


def _masked_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for pattern in _MASKS:
        spans.extend(m.span() for m in pattern.finditer(text))
    for match in _DURATION_RE.finditer(text):
        if not _AMOUNT_CUE_RE.search(text[max(0, match.start() - 20) : match.start()]):
            spans.append(match.span())
    for match in _YEAR_RE.finditer(text):
        if _YEAR_UNIT_RE.match(text, match.end()):
            continue  # "2000 đảng viên" is a count, not a year
        spans.append(match.span())
    return spans


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def read_unit(text: str, pos: int, *, percent: bool = False) -> tuple[str, int, bool]:
    """The unit written after a number that ends at `pos`: (unit, end, percent)."""
    points = re.match(r"\s*điểm phần trăm", text[pos:], re.IGNORECASE)
    if points:
        unit, end = "điểm phần trăm", pos + points.end()
        per = _PER_RE.match(text, end)
        if per:
            unit, end = unit + "/" + per["per"], per.end()
        return unit, end, True
    permille = re.match(r"\s*(?:‰|phần nghìn|phần ngàn)", text[pos:], re.IGNORECASE)
    if permille:  # "tỷ suất sinh giảm 0,2‰/năm": a rate, like a percentage
        unit, end = "‰", pos + permille.end()
        per = _PER_RE.match(text, end)
        if per:
            unit, end = unit + "/" + per["per"], per.end()
        return unit, end, True
    match = re.match(r"\s*%", text[pos:])
    if percent or match:
        end = pos + (match.end() if match else 0)
        unit = "%"
        per = _PER_RE.match(text, end)
        if per:
            unit += "/" + per["per"]
            end = per.end()
        acronym = re.match(r"\s*(/)?\s*([A-Z]{2,})\b", text[end:])
        if acronym and (acronym.group(1) or re.match(r"\s", text[end:])):
            unit += ("/" if acronym.group(1) else " ") + acronym.group(2)  # "% GRDP", "%/GRDP"
            end += acronym.end()
        return unit, end, True
    match = _UNIT_RE.match(text, pos)
    if match:
        scale = re.sub(r"\s+", " ", match["scale"] or "").strip()
        unit = f"{scale} {_UNIT_CANON.get(match['unit'].lower(), match['unit'])}".strip()
        if match["unit"].lower() in ("lượt", "lượt khách") and re.match(
            r"\s+khách\b", text[match.end() :]
        ):
            extra = re.match(r"\s+khách\b", text[match.end() :])
            assert extra is not None
            return unit + " khách", match.end() + extra.end(), False
        end = match.end()
        for _ in range(2):  # "triệu đồng/người/năm"
            per = _PER_RE.match(text, end)
            if per:
                unit += "/" + per["per"]
                end = per.end()
        return unit, end, False
    match = _SCALE_ONLY_RE.match(text, pos)
    if match:
        return re.sub(r"\s+", " ", match["scale"]), match.end(), False
    match = re.match(r"\s+([a-zà-ỹđ]+)(?![\w])", text[pos:])
    if match and match.group(1) not in _STOP_UNIT:
        return match.group(1), pos + match.end(), False
    return "", pos, False


def find_quantities(text: str, *, allow_bare: bool = False) -> list[Quantity]:
    """Every quantity of a clause, in order; numbers that are not quantities are left out.

    `allow_bare`: keep a number with neither unit nor comparator (a table cell, whose unit is
    in another column)."""
    masked = _masked_spans(text)
    multipliers = [(m.start(), m.end(), int(m["n"])) for m in _MULTIPLIER_RE.finditer(text)]
    masked.extend((s, e) for s, e, _ in multipliers)
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    for match in _RANGE_RE.finditer(text):
        if _overlaps(match.start("lo"), match.end("hi"), masked):
            continue
        try:
            low, high = parse_number(match["lo"]), parse_number(match["hi"])
        except NumberFormatError:
            continue
        if not low < high:
            continue
        unit, unit_end, percent = read_unit(text, match.end(), percent=bool(match["lopct"]))
        found.append(Quantity(match.start(), match.end(), unit_end, low, high, percent, unit))
        taken.append(match.span())

    for match in _SINGLE_RE.finditer(text):
        if _overlaps(match.start(), match.end(), masked + taken):
            continue
        try:
            value = parse_number(match["num"])
        except NumberFormatError:
            continue
        ratio_of = None
        end = match.end()
        if match["den"]:
            try:
                ratio_of = parse_number(match["den"])
            except NumberFormatError:
                end = match.end("num")
        unit, unit_end, percent = read_unit(text, end)
        duration = re.match(r"\s+năm\b(?!\s*\d)", text[end:])
        if (
            not unit
            and duration
            and _AMOUNT_CUE_RE.search(text[max(0, match.start() - 20) : match.start()])
        ):
            unit, unit_end = "năm", end + duration.end()  # "tuổi thọ đạt khoảng 76 năm"
        if ratio_of is not None and unit and not percent:
            unit = f"{unit} (trên {_plain(ratio_of)} {unit})"
        found.append(Quantity(match.start(), end, unit_end, value, None, percent, unit, ratio_of))

    for match in _WORD_NUMBER_RE.finditer(text):
        if _overlaps(match.start("word"), match.end("word"), masked + taken):
            continue
        number = _WORDS[match["word"].lower()]
        unit, unit_end, _ = read_unit(text, match.end("word"))
        found.append(
            Quantity(
                match.start("word"),
                match.end("word"),
                unit_end,
                Decimal(number),
                unit=unit,
                word=True,
            )
        )

    for match in _MULTIPLE_RE.finditer(text):
        if _overlaps(match.start("word"), match.end("word"), masked + taken):
            continue
        found.append(
            Quantity(
                match.start("word"),
                match.end("word"),
                match.end("word"),
                _MULTIPLES[match["word"].lower()],
                unit="lần",
                word=True,
            )
        )

    for match in _ZERO_RE.finditer(text):
        noun = match["noun"]
        unit, unit_end, _ = read_unit(text, match.end("cue"))
        if not unit:
            unit, unit_end = noun, match.end("noun")
        found.append(
            Quantity(
                match.start("cue"), match.end("cue"), unit_end, Decimal(0), unit=unit, zero=True
            )
        )
        # numbers after "không còn xã dưới 15 tiêu chí" describe the class of things counted
        stop = re.search(r"[,;]|\s(?:và|trong đó)\s", text[match.end() :])
        limit = match.end() + (stop.start() if stop else len(text) - match.end())
        masked.append((match.end(), limit))

    found = [q for q in found if q.zero or not _overlaps(q.start, q.end, masked)]
    found.sort(key=lambda q: q.start)
    found = _join_ranges(text, found)
    found = _drop_restatements(text, found)
    for start, end, n in multipliers:
        following = [
            q for q in found if q.start >= end and not re.search(r"[;,]", text[end : q.start])
        ]
        if following:
            following[0].multiplier = n
            following[0].multiplier_start = start
    return [q for q in found if allow_bare or _is_quantity(text, q)]


def _join_ranges(text: str, found: list[Quantity]) -> list[Quantity]:
    """ "từ tám triệu lượt khách/năm đến chín triệu lượt khách/năm", "từ 8 triệu lượt đến 9
    triệu lượt": two amounts of one unit, from … to …, are one range."""
    out: list[Quantity] = []
    for q in found:
        if out:
            prev = out[-1]
            if (
                prev.value_high is None
                and q.value_high is None
                and prev.unit == q.unit
                and prev.percent == q.percent
                and prev.value < q.value
                and re.fullmatch(r"\s*(?:đến|tới|-|–)\s*", text[prev.unit_end : q.start])
                and re.search(r"\btừ\s*$", text[: prev.start])
            ):
                prev.value_high = q.value
                prev.end = q.end
                prev.unit_end = q.unit_end
                continue
        out.append(q)
    return out


def _drop_restatements(text: str, found: list[Quantity]) -> list[Quantity]:
    """A number in brackets right after another quantity restates it: "60% (108/181 xã)"; so
    does a count alone in brackets after a percentage of the clause: "di dời 50% căn nhà … (20.000
    căn)"."""
    kept: list[Quantity] = []
    for q in found:
        alone = re.search(r"\(\s*$", text[: q.start]) and re.match(r"\s*\)", text[q.unit_end :])
        if alone and not q.percent and any(k.percent for k in kept):
            continue
        if (
            kept
            and q.percent
            and not kept[-1].percent
            and re.fullmatch(r"\s*,\s*tăng\s+", text[kept[-1].unit_end : q.start])
            and re.match(r"\s*so(?: với)? năm \d{4}", text[q.unit_end :])
        ):
            continue  # "đạt hơn 98 triệu đồng, tăng 39% so năm 2025": the amount's growth again
        if kept:
            gap = text[kept[-1].unit_end : q.start]
            if re.fullmatch(
                r"\s*\(\s*(?:khoảng|tương đương|tương ứng|bằng|gần|trên|hơn|đạt|bình quân|"
                r"mỗi năm|hằng năm)?\s*",
                gap,
            ):
                close = text.find(")", q.unit_end)
                inside = text[q.unit_end : close if close >= 0 else len(text)]
                if len(inside.split()) <= 4 and not re.search(r"\b(?:tăng|giảm)\b", inside):
                    continue
        kept.append(q)
    return kept


def _is_quantity(text: str, q: Quantity) -> bool:
    """A bare number with neither unit nor comparator names something ("Khu chế xuất 1")."""
    if q.zero or q.word or q.percent or q.unit or q.value_high is not None:
        return True
    return comparator_before(text[: q.start]) is not None


def _plain(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text


_YEAR_CONTEXT_RE = re.compile(
    rf"(?:^|[\s,;:(])(?P<cue>đến|tới|vào|cuối|trong)\s+(?:năm\s+)?(?P<y1>{_YEAR})\b(?![-–/])"
    r"(?!\s*(?:%|ha\b|hộ\b|người\b|tỷ\b|tỉ\b|triệu\b|nghìn\b|km\b|tấn\b|lao động\b))"
    rf"|^\s*năm\s+(?P<y2>{_YEAR})\b"
    rf"|(?<!với )\bnăm\s+(?P<y3>{_YEAR})\s*[:,]",
    re.IGNORECASE,
)


def year_context(text: str) -> tuple[int, int] | None:
    """The year a clause sets ("Đến năm 2025:", "Năm 2025,"): (year, offset) or None.

    "so với năm 2020" is a baseline, not the target year."""
    for match in _YEAR_CONTEXT_RE.finditer(text):
        year = match["y1"] or match["y2"] or match["y3"]
        before = text[max(0, match.start() - 8) : match.start() + 1].lower()
        if "so với" in before:
            continue
        return int(year), match.start()
    return None
