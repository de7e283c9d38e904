"""Vietnamese wording of targets and figures, in pure Python (no Django).

`target_meaning` writes what a target asks in words a leader reads ("Đến năm 2025 đạt khoảng
6.650 triệu USD"); the other helpers write amounts with their unit, always in the Vietnamese
number format (6.650; 3,5).
"""

from __future__ import annotations

from decimal import Decimal

from tiendo.core.numbers import format_number, format_percent

from .spec import DEFAULT_TOLERANCE_PCT, TargetSpec

__all__ = [
    "FIGURE_TYPE_LABELS",
    "amount",
    "comparator_phrase",
    "figure_amount",
    "format_value",
    "period",
    "span",
    "target_meaning",
    "years_text",
]

FIGURE_TYPE_LABELS: dict[str, str] = {
    "official": "số chính thức",
    "reported": "số báo cáo",
    "estimate": "số ước tính",
}
_QUALIFIER_WORDS: dict[str, str] = {"exact": "", "more_than": "hơn ", "about": "khoảng "}


def amount(value: Decimal, unit: str = "") -> str:
    """A number with its unit: (6650, "triệu USD") -> "6.650 triệu USD"; (3.5, "%") -> "3,5%"."""
    number = format_number(value)
    if not unit:
        return number
    if unit.startswith("%"):
        return f"{number}{unit}"
    return f"{number} {unit}"


def format_value(value: Decimal) -> str:
    """A value the Vietnamese way, as exact as it is: 6650.000000 -> "6.650", 2.32 -> "2,32"."""
    return format_number(value)


def span(low: Decimal, high: Decimal, unit: str = "") -> str:
    """A short range: (3, 3.5, "%/năm") -> "3–3,5%/năm"."""
    return f"{format_number(low)}–{amount(high, unit)}"


def figure_amount(*, value: Decimal, unit: str, qualifier: str = "exact") -> str:
    """A reported amount with its qualifier: "hơn 4,4 triệu lượt khách", "khoảng 4.500 tỷ đồng"."""
    return f"{_QUALIFIER_WORDS.get(qualifier, '')}{amount(value, unit)}"


def period(from_year: int | None, to_year: int) -> str:
    """The years of a period: "2021–2025", or "2025" for a single year."""
    if from_year is None or from_year == to_year:
        return str(to_year)
    return f"{from_year}–{to_year}"


def years_text(years: tuple[int, ...] | list[int]) -> str:
    """A list of years: "2021, 2023 và 2024"."""
    names = [str(year) for year in years]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} và {names[-1]}"


def _tolerance(spec: TargetSpec) -> Decimal:
    return DEFAULT_TOLERANCE_PCT if spec.tolerance_pct is None else spec.tolerance_pct


def comparator_phrase(spec: TargetSpec, *, unit: str | None = None) -> str:
    """What the comparator asks of a number: "ít nhất 2.000 đảng viên/năm", "dưới 3%",
    "khoảng 6.650 triệu USD", "từ 3 đến 3,5%/năm"."""
    unit = spec.unit if unit is None else unit
    if spec.value is None:
        return ""
    value = amount(spec.value, unit)
    match spec.comparator:
        case "ge":
            return f"ít nhất {value}"
        case "gt":
            return f"trên {value}"
        case "le":
            return f"không quá {value}"
        case "lt":
            return f"dưới {value}"
        case "approx":
            return f"khoảng {value}"
        case "eq":
            return f"{value} (sai lệch không quá {format_percent(_tolerance(spec))})"
        case "range":
            high = spec.value_high if spec.value_high is not None else spec.value
            return f"từ {format_number(spec.value)} đến {amount(high, unit)}"
    return value


def target_meaning(spec: TargetSpec) -> str:
    """The target's meaning in Vietnamese words, e.g. "Đến năm 2025 đạt khoảng 6.650 triệu USD",
    "Mỗi năm 2021–2025 giảm ít nhất 5% so với năm trước", "Hoàn thành chậm nhất năm 2025"."""
    years = period(spec.from_year, spec.to_year)
    if spec.kind == "milestone":
        return f"Hoàn thành chậm nhất năm {spec.to_year}"
    if spec.kind == "qualitative" or spec.comparator is None:
        if spec.from_year is None:
            return f"Đánh giá định tính đến năm {spec.to_year}"
        return f"Đánh giá định tính giai đoạn {years}"
    reach = "" if spec.comparator in ("le", "lt") else "đạt "
    match spec.kind:
        case "annual":
            return f"Mỗi năm {years} {reach}{comparator_phrase(spec)}"
        case "maintain":
            return f"Mỗi năm {years} duy trì {comparator_phrase(spec)}"
        case "annual_reduction":
            return f"Mỗi năm {years} giảm {comparator_phrase(spec, unit='%')} so với năm trước"
        case "avg_growth":
            return f"Bình quân {years} tăng {comparator_phrase(spec)}"
        case "increase":
            return f"Giai đoạn {years} có thêm {comparator_phrase(spec)}"
    return f"Đến năm {spec.to_year} {reach}{comparator_phrase(spec)}"
