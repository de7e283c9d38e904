"""Cues: the words around a quantity that tell its comparator and its kind of target.

"khoảng 6.650" is approx, "trên 5%" gt, "không quá" le, "trở lên" after the number ge; "bình
quân … tăng" is avg_growth, "hằng năm giảm" annual_reduction, "có thêm" increase; poverty,
unemployment, accidents… are less-is-better, so a bare number is a ceiling. A clause without a
number that starts "Duy trì" holds a level (maintain), one that starts "Hoàn thành" a milestone.

Used by the quantities reader (a bare number with a comparator cue is a quantity) and by the
stages that read targets. Every rule here has a test in tests/importer/parser/test_cues.py.
"""

from __future__ import annotations

import re

__all__ = [
    "MAINTAIN_RE",
    "MILESTONE_RE",
    "comparator_after",
    "comparator_before",
    "is_less_better",
    "kind_cue",
]

# --- Comparators -------------------------------------------------------------------------------

_BEFORE_CUES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?:không vượt quá|không quá|tối đa|≤|=<)\s*$"), "le"),
    (re.compile(r"(?:không dưới|không thấp hơn|ít nhất|tối thiểu|≥|=>)\s*$"), "ge!"),
    (re.compile(r"(?:khoảng|gần|xấp xỉ|chừng|ước đạt|~)\s*$"), "approx"),
    (re.compile(r"(?:trên|hơn|vượt|vượt trên|>)\s*$"), "gt"),
    (re.compile(r"(?:dưới|<)\s*$"), "lt"),
    (re.compile(r"(?:còn|xuống còn|xuống)\s*$"), "le"),
    (re.compile(r"(?:chiếm)\s*$"), "eq"),
    (re.compile(r"(?:không còn)\s*$"), "eq"),
    (
        re.compile(
            r"(?:đạt|là|có|bằng|ở mức|đạt mức|được|thêm|có thêm|tăng thêm|xây dựng được|"
            r"thực hiện|trồng mới|gấp|tăng gấp|lên|:)\s*$"
        ),
        "ge!",
    ),
]


def comparator_before(lead: str) -> str | None:
    """The comparator the words right before a number set; "ge!" is an explicit ≥ ("đạt").

    None when there is no cue (the caller then inherits or falls back to a default)."""
    tail = lead.lower()[-40:]
    tail = re.sub(r"\(\s*$", "", tail)
    for pattern, comparator in _BEFORE_CUES:
        if pattern.search(tail):
            return comparator
    return None


def comparator_after(after: str) -> str | None:
    """ "trở lên" after the number and unit is ≥, "trở xuống" is ≤."""
    low = after.lower()
    if re.match(r"\s*trở lên\b", low):
        return "ge!"
    if re.match(r"\s*trở xuống\b", low):
        return "le"
    return None


_LESS_BETTER_RE = re.compile(
    r"hộ nghèo|tái nghèo|cận nghèo|thất nghiệp|tai nạn|tội phạm|phạm pháp|tử vong|suy dinh dưỡng|"
    r"ô nhiễm|nợ xấu|con thứ ba|con thứ 3|mất cân bằng|bỏ học|cháy rừng|tảo hôn|cận huyết|"
    r"lạm phát|tệ nạn|ma túy|khiếu kiện|thời gian thông quan|chi phí không chính thức",
    re.IGNORECASE,
)


def is_less_better(indicator: str) -> bool:
    """Poverty, unemployment, accidents…: a plain number is a ceiling, not a floor."""
    return bool(_LESS_BETTER_RE.search(indicator))


# --- Kinds ---------------------------------------------------------------------------------------

_ANNUAL_RE = re.compile(r"\b(?:hằng năm|hàng năm|mỗi năm|năm nào cũng)\b", re.IGNORECASE)
_AVG_RE = re.compile(r"\b(?:bình quân|trung bình)\b", re.IGNORECASE)
_PER_CAPITA_RE = re.compile(
    r"\b(?:bình quân|trung bình)\s*(?:đầu người|/\s*người|mỗi người|một người|/\s*hộ|mỗi hộ|"
    r"/\s*xã|mỗi xã|/\s*lao động)",
    re.IGNORECASE,
)
_NOUN_GROWTH_RE = re.compile(r"\bgiá trị (?:tăng thêm|gia tăng)\b", re.IGNORECASE)
_GROWTH_RE = re.compile(r"\b(?:tăng trưởng|tốc độ tăng|tăng|gia tăng)\b", re.IGNORECASE)
_SPEED_RE = re.compile(r"\b(?:tăng trưởng|tốc độ tăng|tốc độ phát triển)\b", re.IGNORECASE)
_INCREASE_RE = re.compile(
    r"\b(?:có thêm|tăng thêm|thêm|xây dựng được|xây dựng mới|trồng mới|thành lập mới|"
    r"phát triển mới|thu hút thêm|tạo thêm|cấp mới|đầu tư mới|mở mới|công nhận mới|"
    r"hoàn thành thêm|cộng dồn|lũy kế|giải quyết việc làm(?: mới)? cho|tạo(?: thêm)? việc làm(?: mới)? cho|"
    r"việc làm mới cho)\b",
    re.IGNORECASE,
)
_REDUCE_RE = re.compile(r"\bgiảm\b", re.IGNORECASE)
_YEAR_IN_LEAD_RE = re.compile(r"\b(?:đến|tới|vào)\s+(?:cuối\s+)?năm\s+\d{4}\b")
_INVESTMENT_RE = re.compile(r"\bvốn đầu tư\b", re.IGNORECASE)


def kind_cue(
    *, lead: str, tail: str, unit: str, after: str, percent: bool, annual_context: bool
) -> str | None:
    """The kind of target the words around one quantity tell; None when they tell none (level).

    `lead` is the clause before the number, `tail` its last words, `after` what follows the unit.
    """
    low = _PER_CAPITA_RE.sub(" ", lead.lower())
    low_tail = _PER_CAPITA_RE.sub(" ", tail.lower())
    # "9.000 ha/năm" is a yearly flow; "60 triệu đồng/người/năm" by 2025 is a level
    yearly_unit = (
        unit.endswith("/năm") and "/người" not in unit and not _YEAR_IN_LEAD_RE.search(low)
    )
    annual = annual_context or bool(_ANNUAL_RE.search(low))
    if _REDUCE_RE.search(low_tail):
        if _AVG_RE.search(low):
            return "avg_growth"
        if annual or yearly_unit or "so với năm trước" in (low + " " + after.lower()):
            return "annual_reduction"
        return "level"
    growth_low = _NOUN_GROWTH_RE.sub(" ", low)
    if _AVG_RE.search(low) and (percent or yearly_unit or _GROWTH_RE.search(growth_low)):
        return "avg_growth"
    if percent and (_SPEED_RE.search(low) or yearly_unit):
        return "avg_growth"
    if percent and annual and re.search(r"\btăng\s*(?:\w+\s*)?$", low_tail.strip()):
        return "avg_growth"
    if annual or yearly_unit:
        return "annual"
    if re.search(r"\b(?:gấp|lên)\s*$", low_tail.strip()) or "nâng tổng số" in low_tail:
        return "level"
    if _INCREASE_RE.search(_NOUN_GROWTH_RE.sub(" ", low_tail)):
        return "increase"
    if _INVESTMENT_RE.search(low) and re.search(r"(?:đồng|USD)$", unit):
        return "increase"
    return None


# --- Clauses without a number --------------------------------------------------------------------

#: "Hoàn thành …", "Đưa vào sử dụng …": a milestone.
MILESTONE_RE = re.compile(
    r"^(?:hoàn thành|hoàn chỉnh|đưa vào (?:sử dụng|hoạt động|vận hành|khai thác)|khởi công|"
    r"xây dựng xong|thành lập)\b",
    re.IGNORECASE,
)
#: "Duy trì …", "Giữ vững …": a level to hold.
MAINTAIN_RE = re.compile(r"^(?:tiếp tục\s+)?(?:duy trì|giữ vững|giữ ổn định)\b", re.IGNORECASE)
