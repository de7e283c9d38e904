"""Cues: the words around a quantity that tell its comparator and its kind of target.

"khoảng 6.650" is approx, "trên 5%" gt, "không quá" le, "trở lên" after the number ge; "bình
quân … tăng" is avg_growth, "hằng năm giảm" annual_reduction, "có thêm" increase; poverty,
unemployment, accidents… are less-is-better, so a bare number is a ceiling. A clause without a
number that starts "Duy trì" holds a level (maintain), one that starts "Hoàn thành" a milestone,
and one that sets a deadline for a recognised status ("đạt chuẩn nông thôn mới trước năm 2025",
"trở thành đô thị loại V trước năm 2030") is a milestone too.

Each rule names the words it went by (`comparator_before_why`, `kind_cue_why`), so that the
reviewer is told why. Used by the quantities reader (a bare number with a comparator cue is a
quantity) and by the stages that read targets. Every rule here has a test in
tests/importer/parser/test_cues.py named after the phrase it handles.
"""

from __future__ import annotations

import re

__all__ = [
    "COMPARATOR_NAMES",
    "KIND_NAMES",
    "MAINTAIN_RE",
    "MILESTONE_RE",
    "STATUS_RE",
    "comparator_after",
    "comparator_before",
    "comparator_before_why",
    "is_less_better",
    "is_sector",
    "is_term_flow",
    "kind_cue",
    "kind_cue_why",
    "term_total_why",
]

#: How the reviewer is told a kind and a comparator (the names of the review page).
KIND_NAMES = {
    "level": "mức đạt được",
    "annual": "hằng năm",
    "annual_reduction": "giảm hằng năm",
    "avg_growth": "tăng bình quân",
    "increase": "tăng thêm trong giai đoạn",
    "maintain": "duy trì",
    "milestone": "mốc hoàn thành",
    "qualitative": "định tính",
}
COMPARATOR_NAMES = {
    "ge": "≥",
    "gt": ">",
    "le": "≤",
    "lt": "<",
    "eq": "=",
    "approx": "khoảng",
    "range": "từ … đến …",
}

# --- Comparators -------------------------------------------------------------------------------

_BEFORE_CUES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?:không vượt quá|không quá|tối đa|≤|=<)\s*$"), "le"),
    (re.compile(r"(?:không dưới|không thấp hơn|ít nhất|tối thiểu|≥|=>)\s*$"), "ge!"),
    (re.compile(r"(?:khoảng|gần|xấp xỉ|chừng|ước đạt|~)\s*$"), "approx"),
    # a rank: "thuộc nhóm 10 tỉnh dẫn đầu" is the 10th place or better
    (re.compile(r"(?:thuộc|trong|vào|nằm trong|đứng trong|đứng)\s+(?:nhóm|top)\s*$"), "le"),
    (re.compile(r"(?:trên|hơn|vượt|vượt trên|>)\s*$"), "gt"),
    (re.compile(r"(?:dưới|<)\s*$"), "lt"),
    (re.compile(r"(?:còn|xuống còn|xuống)\s*$"), "le"),
    (re.compile(r"(?:chiếm)\s*$"), "eq"),
    (re.compile(r"(?:không còn|không để xảy ra|không để phát sinh)\s*$"), "eq"),
    # a projection ("quy mô dân số dự kiến 4,2 triệu người") is neither a floor nor a ceiling
    (re.compile(r"(?:dự kiến|dự báo)\s*$"), "eq"),
    (
        re.compile(
            r"(?:đạt|là|có|bằng|ở mức|đạt mức|được|thêm|có thêm|tăng thêm|xây dựng được|"
            r"thực hiện|trồng mới|gấp|tăng gấp|lên|:)\s*$"
        ),
        "ge!",
    ),
]


def comparator_before_why(lead: str) -> tuple[str | None, str]:
    """The comparator the words right before a number set, and those words; "ge!" is an
    explicit ≥ ("đạt"). (None, "") when there is no cue (the caller then inherits or falls back
    to a default)."""
    tail = lead.lower()[-40:]
    tail = re.sub(r"\(\s*$", "", tail)
    for pattern, comparator in _BEFORE_CUES:
        match = pattern.search(tail)
        if match:
            return comparator, match.group(0).strip()
    return None, ""


def comparator_before(lead: str) -> str | None:
    """The comparator the words right before a number set; "ge!" is an explicit ≥ ("đạt")."""
    return comparator_before_why(lead)[0]


def comparator_after(after: str) -> str | None:
    """ "trở lên" after the number and unit is ≥, "trở xuống" is ≤; also a word or two later
    ("từ 2.200 đảng viên mới trở lên"), but not a rating ("hoàn thành tốt nhiệm vụ trở lên")."""
    low = after.lower()
    match = re.match(r"\s*((?:[^\s,;.()]+\s+){0,2})trở (lên|xuống)\b", low)
    if match is None or re.search(r"(?:nhiệm vụ|loại|mức|hạng)\s*$", match.group(1)):
        return None
    return "ge!" if match.group(2) == "lên" else "le"


_LESS_BETTER_RE = re.compile(
    r"hộ nghèo|tái nghèo|cận nghèo|thất nghiệp|tai nạn|tội phạm|phạm pháp|tử vong|suy dinh dưỡng|"
    r"ô nhiễm|nợ xấu|con thứ ba|con thứ 3|mất cân bằng|bỏ học|cháy rừng|tảo hôn|cận huyết|"
    r"lạm phát|tệ nạn|ma túy|khiếu kiện|thời gian thông quan|chi phí không chính thức|bội chi|"
    r"tăng dân số tự nhiên|gia tăng dân số",
    re.IGNORECASE,
)


def is_less_better(indicator: str) -> bool:
    """Poverty, unemployment, accidents…: a plain number is a ceiling, not a floor."""
    return bool(_LESS_BETTER_RE.search(indicator))


#: A sector of the economy as a share of it: "công nghiệp - xây dựng chiếm 51%".
_SECTOR_RE = re.compile(
    r"(?:^|[:;,(]\s*|\b(?:ngành|khu vực|tỷ trọng)\s+)(?:ngành\s+)?(?:công nghiệp|dịch vụ|"
    r"nông,? lâm|nông nghiệp|thương mại|thuế sản phẩm|khu vực (?:i|ii|iii)\b)",
    re.IGNORECASE,
)


def is_sector(lead: str) -> bool:
    """ "Công nghiệp xây dựng 49%", "dịch vụ chiếm 40%": the share of a sector in the economic
    structure (an exact figure, neither more nor less better)."""
    return bool(_SECTOR_RE.search(lead.strip()))


# --- Kinds ---------------------------------------------------------------------------------------

_ANNUAL_RE = re.compile(r"\b(?:hằng năm|hàng năm|mỗi năm|năm nào cũng)\b", re.IGNORECASE)
#: "cây hằng năm", "cây lâu năm": kinds of crop, not "every year".
_CROP_RE = re.compile(r"\bcây (?:hằng|hàng) năm\b", re.IGNORECASE)
#: A count summed over the term: "kết nạp 60 đảng viên mới trong nhiệm kỳ", "trong 5 năm đào tạo
#: nghề cho 5.000 lao động".
_IN_TERM_RE = re.compile(
    r"\b(?:trong|cả|suốt)\s+(?:nhiệm kỳ|(?:5|05|năm) năm|cả giai đoạn|giai đoạn \d{4}\s*[-–]\s*\d{4})"
    r"\b",
    re.IGNORECASE,
)
_AVG_RE = re.compile(r"\b(?:bình quân|trung bình)\b", re.IGNORECASE)
_PER_CAPITA_RE = re.compile(
    r"\b(?:bình quân|trung bình)\s*(?:thu nhập\s*)?(?:đầu người|/\s*người|mỗi người|một người|"
    r"/\s*hộ|mỗi hộ|/\s*xã|mỗi xã|/\s*lao động)",
    re.IGNORECASE,
)
_NOUN_GROWTH_RE = re.compile(r"\bgiá trị (?:tăng thêm|gia tăng)\b", re.IGNORECASE)
_GROWTH_RE = re.compile(r"\b(?:tăng trưởng|tốc độ tăng|tăng|gia tăng)\b", re.IGNORECASE)
#: "tốc độ tăng trưởng", "tốc độ đổi mới công nghệ": a rate per year.
_SPEED_RE = re.compile(r"\b(?:tăng trưởng|tốc độ)\b", re.IGNORECASE)
_INCREASE_RE = re.compile(
    r"\b(?:có thêm|tăng thêm|thêm|xây dựng được|xây dựng mới|trồng mới|thành lập mới|"
    r"phát triển mới|thu hút thêm|tạo thêm|cấp mới|đầu tư mới|mở mới|công nhận mới|"
    r"hoàn thành thêm|cộng dồn|lũy kế|giải quyết việc làm(?: mới)? cho|tạo(?: thêm)? việc làm(?: mới)? cho|"
    r"việc làm mới cho|hình thành|cải tạo(?: và nâng cấp| nâng cấp)?|nâng cấp|xây mới)\b",
    re.IGNORECASE,
)
#: Works done over the term, counted in what is built: "bê tông hóa 15 km đường", "nhựa hóa 10
#: tuyến". Only for counts: "bê tông hóa 90% đường trục xã" is the share reached (a level).
_WORKS_RE = re.compile(
    r"\b(?:bê tông hóa|nhựa hóa|cứng hóa|kiên cố hóa|làm mới|mở rộng|sửa chữa)\s*$",
    re.IGNORECASE,
)
_REDUCE_RE = re.compile(r"\bgiảm\b", re.IGNORECASE)
_YEAR_IN_LEAD_RE = re.compile(r"\b(?:đến|tới|vào)\s+(?:cuối\s+)?(?:năm\s+)?\d{4}\b")
_INVESTMENT_RE = re.compile(r"\b(?:vốn đầu tư|huy động vốn)\b", re.IGNORECASE)
_REVENUE_RE = re.compile(r"\b(?:thu ngân sách|ngân sách nhà nước|vốn đầu tư)\b", re.IGNORECASE)
#: A flow summed over the term: "trong 5 năm", "giai đoạn 2021 - 2025", "cả nhiệm kỳ".
_TERM_TOTAL_RE = re.compile(
    r"\b(?:(?:trong|cả|tổng)\s+(?:5|05|năm)\s+năm|(?:5|05) năm|giai đoạn \d{4}\s*[-–]\s*\d{4}|"
    r"cả (?:nhiệm kỳ|giai đoạn)|toàn xã hội)\b",
    re.IGNORECASE,
)
#: Measures that are yearly by nature (tourists, revenue, output, income): "…/năm" after them
#: names the measure, it does not ask for the amount every year.
_YEARLY_MEASURE_RE = re.compile(
    r"\b(?:khách|du khách|lượt khách|doanh thu|sản lượng|thu nhập|năng suất|giá trị sản xuất|"
    r"kim ngạch|thu ngân sách|grdp)\b",
    re.IGNORECASE,
)
_EVERY_YEAR_AFTER_RE = re.compile(
    r"^\s*(?:trở lên\s*)?(?:mỗi năm|hằng năm|hàng năm|/\s*năm)\b", re.IGNORECASE
)


def kind_cue_why(
    *, lead: str, tail: str, unit: str, after: str, percent: bool, annual_context: bool
) -> tuple[str | None, str]:
    """The kind of target the words around one quantity tell, and the words; (None, "") when
    they tell none (a level). `lead` is the clause before the number, `tail` its last words,
    `after` what follows the unit."""
    per_capita = bool(_PER_CAPITA_RE.search(lead))
    low = _PER_CAPITA_RE.sub(" ", _NOUN_GROWTH_RE.sub(" ", _CROP_RE.sub(" ", lead.lower())))
    low_tail = _PER_CAPITA_RE.sub(" ", _NOUN_GROWTH_RE.sub(" ", tail.lower()))
    # "9.000 ha/năm" is a yearly flow; "60 triệu đồng/người/năm" by 2025, or an income per head
    # "120 triệu đồng/năm", is a level
    yearly_unit = (
        unit.endswith("/năm")
        and "/người" not in unit
        and not per_capita
        and not _YEAR_IN_LEAD_RE.search(low)
    )
    if yearly_unit and not percent and _YEARLY_MEASURE_RE.search(low):
        # "số khách du lịch đạt 8 triệu lượt khách/năm": the end year's level; but a percentage a
        # year of such a measure is its growth rate ("năng suất lao động tăng trên 7%/năm")
        yearly_unit = False
    annual_word = _ANNUAL_RE.search(low)
    # "Hằng năm, thu ngân sách tăng 10%; đến năm 2030 đạt 5.000 tỷ đồng": a clause that names its
    # own year is that year's level, whatever the sentence opened with
    annual = bool(annual_word) or (annual_context and not _YEAR_IN_LEAD_RE.search(low))
    annual_why = annual_word.group(0) if annual_word else "hằng năm (ở câu dẫn)"
    # a share is a level, even a five-year average of it: "bình quân 5 năm chiếm 35-40% GRDP",
    # "tỷ trọng đóng góp của TFP vào tăng trưởng khoảng 45%", "bội chi bình quân 3,7% GDP"
    share = re.search(r"\b(chiếm)\b(?:\s+\S+){0,3}\s*$", low_tail.strip()) or re.search(
        r"^\s*(tỷ trọng|đóng góp)\b", low_tail
    )
    share = share or re.search(r"^\s*(tỷ trọng|đóng góp)\b", low)
    if percent and share:
        return "level", share.group(1)
    if percent and re.search(r"\b(?:gdp|grdp)\b", unit.lower()):
        return "level", f"{unit}: tỷ trọng"
    if _REDUCE_RE.search(low_tail):
        if _AVG_RE.search(low):
            return "avg_growth", "giảm bình quân"
        rate = re.search(r"\btỷ lệ\b", low) or re.match(r"\s*tỷ lệ\b", after.lower())
        if (annual or yearly_unit) and percent and rate:
            # a rate that falls by points every year ("tỷ lệ hộ nghèo giảm 1 - 1,5%/năm", "mỗi
            # năm giảm 1% tỷ lệ hộ nghèo") is an average rate of change, not a fall against the
            # year before
            return "avg_growth", "tỷ lệ … giảm …/năm"
        if annual or yearly_unit:
            return "annual_reduction", ("giảm … " + annual_why) if annual else "giảm …/năm"
        if "so với năm trước" in (low + " " + after.lower()):
            return "annual_reduction", "giảm so với năm trước"
        return "level", "giảm"
    if _AVG_RE.search(low) and (percent or yearly_unit or _GROWTH_RE.search(low)):
        return "avg_growth", "bình quân"
    if percent and yearly_unit:
        return "avg_growth", "%/năm"
    if percent and _SPEED_RE.search(low):
        return "avg_growth", _SPEED_RE.search(low).group(0)  # type: ignore[union-attr]
    grows = re.search(r"\btăng\s*(?:\w+\s*)?$", low_tail.strip())
    if percent and grows and (annual or _EVERY_YEAR_AFTER_RE.match(after)):
        return "avg_growth", "tăng … mỗi năm"
    if annual or yearly_unit:
        return "annual", annual_why if annual else unit
    every_year = _EVERY_YEAR_AFTER_RE.match(after)
    if every_year and not percent:
        # "kết nạp từ 15 đảng viên trở lên/năm": the "/năm" after "trở lên" is the unit's
        return "annual", every_year.group(0).strip()
    if re.search(r"\b(?:gấp|lên)\s*$", low_tail.strip()) or "nâng tổng số" in low_tail:
        return "level", "gấp" if "gấp" in low_tail else "lên"
    works = None if percent else _WORKS_RE.search(low_tail.strip())
    if works:
        return "increase", works.group(0)
    increase = _INCREASE_RE.search(low_tail)
    if increase and not (percent and re.search(r"\b(?:tỷ trọng|tỷ lệ)\b", low)):
        return "increase", increase.group(0)
    money = bool(re.search(r"(?:đồng|USD)$", unit))
    in_term = _IN_TERM_RE.search(low) or _IN_TERM_RE.search(re.split(r"[,;.(]", after.lower())[0])
    if in_term and not percent and not money and not _YEAR_IN_LEAD_RE.search(low):
        return "increase", in_term.group(0)
    if money and not per_capita and _REVENUE_RE.search(low):
        total = _TERM_TOTAL_RE.search(low)
        if total and not _YEAR_IN_LEAD_RE.search(low):
            return "increase", f"tổng {total.group(0)}"
    return None, ""


def kind_cue(
    *, lead: str, tail: str, unit: str, after: str, percent: bool, annual_context: bool
) -> str | None:
    """The kind of target the words around one quantity tell; None when they tell none."""
    return kind_cue_why(
        lead=lead,
        tail=tail,
        unit=unit,
        after=after,
        percent=percent,
        annual_context=annual_context,
    )[0]


def term_total_why(context: str) -> str:
    """The words that make a money flow a total over the term ("giai đoạn 2026 - 2030", "trong 5
    năm", "toàn xã hội"), when the context names no year; "" otherwise."""
    total = _TERM_TOTAL_RE.search(context)
    if total and not _YEAR_IN_LEAD_RE.search(context.lower()):
        return total.group(0)
    return ""


def is_term_flow(lead: str, unit: str) -> bool:
    """Budget revenue or investment in money with no year or period named: it may be the
    term's five-year total as well as the last year's level (the reviewer is asked)."""
    return bool(
        re.search(r"(?:đồng|USD)$", unit)
        and _REVENUE_RE.search(lead)
        and not _PER_CAPITA_RE.search(lead)
        and not _YEAR_IN_LEAD_RE.search(lead.lower())
    )


# --- Clauses without a number --------------------------------------------------------------------

#: "Hoàn thành …", "Đưa vào sử dụng …": a milestone.
MILESTONE_RE = re.compile(
    r"^(?:hoàn thành|hoàn chỉnh|đưa vào (?:sử dụng|hoạt động|vận hành|khai thác)|khởi công|"
    r"xây dựng xong|thành lập)\b",
    re.IGNORECASE,
)
#: "Duy trì …", "Giữ vững …": a level to hold.
MAINTAIN_RE = re.compile(r"^(?:tiếp tục\s+)?(?:duy trì|giữ vững|giữ ổn định)\b", re.IGNORECASE)
#: A recognised status that a place reaches: "đạt chuẩn nông thôn mới (nâng cao, kiểu mẫu)",
#: "hoàn thành nhiệm vụ xây dựng nông thôn mới", "trở thành đô thị loại V", "trở thành đơn vị
#: hành chính đô thị", "đạt phường văn minh đô thị kiểu mẫu". General goals ("tỉnh phát triển
#: khá", "trong nhóm đầu của khu vực") are no status.
STATUS_RE = re.compile(
    r"\b(?:(?:cơ bản\s+)?(?:đạt chuẩn|đạt tiêu chí|đạt tiêu chuẩn|đạt|hoàn thành(?: nhiệm vụ)?(?: xây dựng)?|"
    r"được công nhận(?: là| đạt chuẩn)?|trở thành|lên|xây dựng đạt)\s+"
    r"(?:(?:xã|huyện|tỉnh|phường)\s+)?(?:chuẩn\s+)?"
    r"(?P<status>nông thôn mới(?: nâng cao| kiểu mẫu)?|đô thị loại\s+[IVX\d]+|"
    r"đơn vị hành chính đô thị|(?:phường|xã|thị trấn|đô thị) văn minh(?: đô thị)?(?: kiểu mẫu)?|"
    r"thị xã|thị trấn))"
    # a place that becomes a unit of a higher kind: "xã … trở thành phường", "huyện … trở thành
    # quận" (a province's "thành phố trực thuộc Trung ương" is the vision of its general goal)
    r"|\b(?:trở thành|lên|được công nhận là)\s+(?P<unit>phường|quận|thị xã|thị trấn)\b",
    re.IGNORECASE,
)
