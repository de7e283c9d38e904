"""The Vietnamese phrases an explanation is made of, and the sentence that joins them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from . import wording
from .arithmetic import rounded
from .compare import Grade, Rule
from .result import Projection
from .spec import Figure, Status, TargetSpec

__all__ = [
    "MEAN_METHOD_WORDS",
    "METHOD_WORDS",
    "estimate_note",
    "fig",
    "projection_note",
    "relation_phrase",
    "sentence",
    "show",
    "target_phrase",
    "uncertain_note",
]


def show(value: Decimal, unit: str = "") -> str:
    """A computed amount, rounded to 2 decimals for reading: "4,67%/năm"."""
    return wording.amount(rounded(value), unit)


def fig(figure: Figure, unit: str) -> str:
    """A figure for a sentence: "2,32% (số chính thức)", "hơn 4,4 triệu lượt khách (số báo cáo)"."""
    shown = wording.figure_amount(value=figure.value, unit=unit, qualifier=figure.qualifier)
    return f"{shown} ({wording.FIGURE_TYPE_LABELS[figure.figure_type]})"


def target_phrase(spec: TargetSpec, noun: str = "mức", unit: str | None = None) -> str:
    """The target's figure as a noun phrase: "mức 3% đề ra", "khoảng 2–4 khu đề ra"."""
    unit = spec.unit if unit is None else unit
    assert spec.value is not None
    if spec.comparator == "range" and spec.value_high is not None:
        return f"khoảng {wording.span(spec.value, spec.value_high, unit)} đề ra"
    about = "khoảng " if spec.comparator == "approx" else ""
    return f"{noun} {about}{wording.amount(spec.value, unit)} đề ra"


_RELATIONS: dict[tuple[str, Grade], str] = {
    ("at_least", Grade.EXCEEDED): "vượt {what}",
    ("at_least", Grade.MET): "đạt {what}",
    ("at_least", Grade.NOT_MET): "chưa đạt {what}",
    ("above", Grade.MET): "trên {what}",
    ("above", Grade.NOT_MET): "chưa vượt {what}",
    ("at_most", Grade.MET): "không vượt {what}",
    ("at_most", Grade.NOT_MET): "cao hơn {what}",
    ("below", Grade.MET): "dưới {what}",
    ("below", Grade.NOT_MET): "chưa xuống dưới {what}",
    ("within", Grade.MET): "sát {what}",
    ("within", Grade.NOT_MET): "lệch nhiều so với {what}",
}


def relation_phrase(spec: TargetSpec, rule: Rule, grade: Grade, what: str, unit: str) -> str:
    """How the quantity stands against the target: "dưới mức 3% đề ra"."""
    if spec.comparator == "range":
        word = {Grade.EXCEEDED: "vượt", Grade.MET: "nằm trong", Grade.NOT_MET: "dưới"}[grade]
        return f"{word} {what}"
    text = _RELATIONS[(rule.test, grade)].format(what=what)
    if spec.comparator == "approx" and grade == Grade.NOT_MET:
        text += f" (tối thiểu {show(rule.lo, unit)})"
    elif spec.comparator == "approx" and grade == Grade.EXCEEDED:
        text += f" (cao hơn {show(rule.hi, unit)})"
    return text


def verdict_word(status: Status) -> str:
    label = status.label
    return label[0].lower() + label[1:]


def sentence(parts: Iterable[str], status: Status) -> str:
    """One sentence: the parts joined by "; ", then ": <verdict>."."""
    text = "; ".join(p for p in parts if p)
    return f"{text[0].upper()}{text[1:]}: {verdict_word(status)}."


def uncertain_note(uncertain: bool, figures: Iterable[Figure], unit: str) -> str:
    if not uncertain:
        return ""
    for figure in figures:
        if figure.qualifier != "exact":
            shown = wording.figure_amount(value=figure.value, unit=unit, qualifier=figure.qualifier)
            return f"số liệu năm {figure.year} chỉ ghi “{shown}” nên kết luận chưa chắc chắn"
    return "kết luận chưa chắc chắn"


def estimate_note(figures: Iterable[Figure]) -> str:
    years = [f.year for f in figures if f.figure_type == "estimate"]
    if not years:
        return ""
    return f"năm {wording.years_text(years)} là số ước tính"


METHOD_WORDS = {
    "linear_trend": "theo xu hướng tuyến tính",
    "straight_path": "theo đường thẳng từ năm gốc qua năm gần nhất",
}

MEAN_METHOD_WORDS = {
    "linear_trend": "theo xu hướng tuyến tính của tốc độ tăng các năm",
    "straight_path": "nếu các năm còn lại giữ mức bình quân hiện nay",
}


def projection_note(
    projection: Projection | None,
    unit: str,
    what: str = "",
    words: Mapping[str, str] = METHOD_WORDS,
) -> str:
    if projection is None:
        return ""
    method = words[projection.method]
    return f"dự báo năm {projection.year} {what}{show(projection.value, unit)} {method}"
