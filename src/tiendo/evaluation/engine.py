"""The evaluation engine: judge each target of an action program against the reported figures.

Pure Python: no Django, no clock (the as-of year is passed in), all arithmetic in `Decimal`.
The rules are written out for the monitoring office in `docs/evaluation-rules.md`; in short:

* For each year the figure that counts is the latest official one, else the latest reported one,
  else the latest estimate ("latest" = highest `order`). Figures after the as-of year are ignored.
* A figure qualified "hơn X" stands for the interval (X, ∞), "khoảng X" for X ± 5 %. The verdict is
  worked out over the whole interval; where it differs across it, the verdict at X is given and
  the evaluation is flagged `uncertain`.
* At or after the last year of the target the verdict is final (exceeded / achieved /
  not_achieved / no_data); before it, the latest figure is compared with the straight path from
  the baseline to the target (on_track / at_risk) and a projection to the last year is given.

Exactness: comparisons never divide (the straight path is compared after multiplying both sides
by the number of years; a mean after multiplying the target by the number of years). The yearly
reduction percentage is a division, done with 50 significant digits: exact whenever the true
percentage is a finite decimal, which is the only case where it can equal a threshold.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from enum import IntEnum, StrEnum
from typing import Any

from tiendo.core.numbers import format_number

from . import wording

__all__ = [
    "ABOUT_PCT",
    "COMPARATORS",
    "DEFAULT_TOLERANCE_PCT",
    "FIGURE_TYPES",
    "KINDS",
    "QUALIFIERS",
    "STATUS_LABELS",
    "Assessment",
    "Evaluation",
    "Figure",
    "Projection",
    "Status",
    "TargetSpec",
    "evaluate_many",
    "evaluate_target",
    "format_value",
    "select_figures",
    "summarize",
]


class Status(StrEnum):
    """The verdict on a target."""

    EXCEEDED = "exceeded"
    ACHIEVED = "achieved"
    NOT_ACHIEVED = "not_achieved"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    NO_DATA = "no_data"
    NEEDS_ASSESSMENT = "needs_assessment"

    @property
    def label(self) -> str:
        """The Vietnamese label ("Đạt", "Khó đạt", ...)."""
        return STATUS_LABELS[self]


STATUS_LABELS: dict[Status, str] = {
    Status.EXCEEDED: "Vượt",
    Status.ACHIEVED: "Đạt",
    Status.NOT_ACHIEVED: "Không đạt",
    Status.ON_TRACK: "Có khả năng đạt",
    Status.AT_RISK: "Khó đạt",
    Status.NO_DATA: "Chưa có số liệu",
    Status.NEEDS_ASSESSMENT: "Cần đánh giá",
}

KINDS = (
    "level",
    "annual",
    "annual_reduction",
    "avg_growth",
    "increase",
    "maintain",
    "milestone",
    "qualitative",
)
COMPARATORS = ("ge", "gt", "le", "lt", "eq", "approx", "range")
FIGURE_TYPES = ("estimate", "reported", "official")  # in rising precedence
QUALIFIERS = ("exact", "more_than", "about")
DEFAULT_TOLERANCE_PCT = wording.DEFAULT_TOLERANCE_PCT
ABOUT_PCT = Decimal("5")  # "khoảng X" means X ± 5 %
PERIOD_KINDS = ("annual", "annual_reduction", "avg_growth", "increase", "maintain")
LE_PROGRESS_CAP = Decimal("200")  # progress of a ceiling target (le/lt) is capped here

_PROGRESS = Decimal("0.1")
_SHOWN = Decimal("0.01")
_PRECISION = 50


# --------------------------------------------------------------------------------------------
# Data in and out


def _decimal(name: str, value: object, *, required: bool = False) -> Decimal | None:
    """Accept a finite Decimal or an int; refuse floats (inexact) and anything else."""
    if value is None:
        if required:
            raise ValueError(f"{name} is required")
        return None
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise TypeError(f"{name} must be a Decimal (or int), not {type(value).__name__}")
    number = Decimal(value)
    if not number.is_finite():
        raise ValueError(f"{name} must be finite")
    return number


@dataclass(frozen=True)
class TargetSpec:
    """A target as the engine sees it (see docs/evaluation-rules.md for each kind)."""

    code: str
    kind: str
    comparator: str | None
    value: Decimal | None
    value_high: Decimal | None
    unit: str
    from_year: int | None
    to_year: int
    indicator: str
    baseline_value: Decimal | None = None
    baseline_year: int | None = None
    tolerance_pct: Decimal | None = None
    term_from_year: int | None = None

    def __post_init__(self) -> None:
        for name in ("value", "value_high", "baseline_value", "tolerance_pct"):
            object.__setattr__(self, name, _decimal(name, getattr(self, name)))
        if self.kind not in KINDS:
            raise ValueError(f"{self.code}: unknown kind {self.kind!r}")
        if self.comparator is not None and self.comparator not in COMPARATORS:
            raise ValueError(f"{self.code}: unknown comparator {self.comparator!r}")
        if self.kind in ("milestone", "qualitative") and self.comparator is not None:
            raise ValueError(f"{self.code}: a {self.kind} target has no comparator")
        if self.comparator is None and self.kind not in ("milestone", "qualitative", "maintain"):
            raise ValueError(f"{self.code}: a {self.kind} target needs a comparator")
        if (self.comparator is None) != (self.value is None):
            raise ValueError(f"{self.code}: a comparator goes with a value, and only with one")
        if (self.comparator == "range") != (self.value_high is not None):
            raise ValueError(f"{self.code}: value_high is for range targets, which need it")
        if self.value_high is not None and self.value is not None and self.value_high < self.value:
            raise ValueError(f"{self.code}: value_high is below value")
        if self.kind in PERIOD_KINDS and self.comparator is not None and self.from_year is None:
            raise ValueError(f"{self.code}: a {self.kind} target needs from_year")
        if self.from_year is not None and self.from_year > self.to_year:
            raise ValueError(f"{self.code}: from_year is after to_year")
        if self.tolerance_pct is not None and not Decimal(0) <= self.tolerance_pct < 100:
            raise ValueError(f"{self.code}: tolerance_pct must be in [0, 100)")
        if self.baseline_year is not None and self.baseline_year >= self.to_year:
            raise ValueError(f"{self.code}: baseline_year must be before to_year")


@dataclass(frozen=True)
class Figure:
    """A figure reported for a year (see the module docstring for which one counts)."""

    year: int
    value: Decimal
    figure_type: str = "official"
    qualifier: str = "exact"
    order: int = 0
    note: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "value", _decimal("value", self.value, required=True))
        if self.figure_type not in FIGURE_TYPES:
            raise ValueError(f"unknown figure_type {self.figure_type!r}")
        if self.qualifier not in QUALIFIERS:
            raise ValueError(f"unknown qualifier {self.qualifier!r}")


@dataclass(frozen=True)
class Assessment:
    """A reviewer's assessment of a qualitative target (or a maintain target without number)."""

    status: str
    reasons: str
    order: int = 0
    assessed_by: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "status", Status(self.status))


@dataclass(frozen=True)
class Projection:
    """Where the figure is heading in the target's last year."""

    year: int
    value: Decimal
    method: str  # "linear_trend" | "straight_path"


@dataclass(frozen=True)
class Evaluation:
    """The verdict on one target, with the figures it rests on and one sentence explaining it."""

    code: str
    status: Status
    met: bool | None
    latest_year: int | None
    latest_value: Decimal | None
    latest_figure_type: str | None
    latest_qualifier: str | None
    target_text: str
    progress_pct: Decimal | None
    projection: Projection | None
    years_met: tuple[int, ...] | None
    years_judged: tuple[int, ...] | None
    years_missing: tuple[int, ...] | None
    uncertain: bool
    used_figures: tuple[Figure, ...]
    explanation: str
    judged_value: Decimal | None = (
        None  # the quantity compared: figure, mean, increase, reduction %
    )

    @property
    def estimate(self) -> bool:
        """Whether the verdict rests on at least one estimate."""
        return any(f.figure_type == "estimate" for f in self.used_figures)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready values: Decimals as strings, counts of years as plain numbers."""
        return {
            "code": self.code,
            "status": str(self.status),
            "met": self.met,
            "latest_year": self.latest_year,
            "latest_value": _plain(self.latest_value),
            "target": self.target_text,
            "progress_pct": _plain(self.progress_pct),
            "projection": None
            if self.projection is None
            else {
                "year": self.projection.year,
                "value": _plain(self.projection.value),
                "method": self.projection.method,
            },
            "years_met": None if self.years_met is None else len(self.years_met),
            "years_judged": None if self.years_judged is None else len(self.years_judged),
            "explanation": self.explanation,
            "uncertain": self.uncertain,
            "estimate": self.estimate,
        }


def _plain(value: Decimal | None) -> str | None:
    """A Decimal as a plain string without exponent and trailing zeros: 6650.000000 -> "6650"."""
    if value is None:
        return None
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_value(value: Decimal) -> str:
    """A value the Vietnamese way, as exact as it is: 6650.000000 -> "6.650", 2.32 -> "2,32"."""
    return format_number(value)


# --------------------------------------------------------------------------------------------
# Exact bounds and intervals: a value, or a value approached from one side, or ±infinity


@dataclass(frozen=True, order=True)
class _Bound:
    """A number, a number approached from below (side -1) or above (+1), or ±Infinity.

    Ordered lexicographically, so (X, +1) is above X and below every number above X: that is
    how "hơn X" (X excluded) is compared exactly.
    """

    value: Decimal
    side: int = 0

    def __neg__(self) -> _Bound:
        return _Bound(-self.value, -self.side)

    def __add__(self, other: _Bound) -> _Bound:
        total = self.value + other.value
        if not total.is_finite():
            return _Bound(total)
        side = self.side + other.side
        return _Bound(total, (side > 0) - (side < 0))

    def __sub__(self, other: _Bound) -> _Bound:
        return self + -other

    def times(self, factor: Decimal) -> _Bound:
        if factor == 0:
            return _Bound(Decimal(0))
        product = self.value * factor
        return _Bound(product, self.side * (1 if factor > 0 else -1) if product.is_finite() else 0)


_INF = _Bound(Decimal("Infinity"))
_ZERO = Decimal(0)


@dataclass(frozen=True)
class _Interval:
    """What a figure (or a quantity computed from figures) may be: lo ≤ point ≤ hi, except
    that for "hơn X" the point X itself lies just below the open interval (X, ∞)."""

    lo: _Bound
    point: _Bound
    hi: _Bound

    @classmethod
    def exact(cls, value: Decimal) -> _Interval:
        bound = _Bound(value)
        return cls(bound, bound, bound)

    def __add__(self, other: _Interval) -> _Interval:
        return _Interval(self.lo + other.lo, self.point + other.point, self.hi + other.hi)

    def __neg__(self) -> _Interval:
        return _Interval(-self.hi, -self.point, -self.lo)

    def __sub__(self, other: _Interval) -> _Interval:
        return self + -other

    def times(self, factor: Decimal) -> _Interval:
        if factor < 0:
            return (-self).times(-factor)
        return _Interval(self.lo.times(factor), self.point.times(factor), self.hi.times(factor))


def _reading(figure: Figure) -> _Interval:
    """The interval a figure stands for, by its qualifier."""
    x = figure.value
    if figure.qualifier == "more_than":
        return _Interval(_Bound(x, 1), _Bound(x), _INF)
    if figure.qualifier == "about":
        d = abs(x) * ABOUT_PCT / 100
        return _Interval(_Bound(x - d), _Bound(x), _Bound(x + d))
    return _Interval.exact(x)


# --------------------------------------------------------------------------------------------
# Rules and grades


class _Grade(IntEnum):
    NOT_MET = 0
    MET = 1
    EXCEEDED = 2


@dataclass(frozen=True)
class _Verdict:
    """The grade at the figure's own value (`point`) and the lowest and highest grade over the
    interval the figure stands for."""

    point: _Grade
    worst: _Grade
    best: _Grade

    @property
    def settled(self) -> _Grade:
        """The grade over the whole interval if it is the same everywhere, else the point's."""
        return self.worst if self.worst == self.best else self.point

    def capped(self) -> _Verdict:
        cap = _Grade.MET
        return _Verdict(min(self.point, cap), min(self.worst, cap), min(self.best, cap))


@dataclass(frozen=True)
class _Rule:
    """A comparison of a quantity with thresholds.

    test: "at_least" (met if q ≥ lo, exceeded if q > hi: ge, approx, range), "above" (q > lo: gt),
    "at_most" (q ≤ hi: le), "below" (q < hi: lt), "within" (lo ≤ q ≤ hi: eq).
    aim: the value the straight path aims at (the lowest/highest value still met, or the centre
    for "within"). nominal: the value progress percentages are measured against.
    """

    test: str
    lo: Decimal
    hi: Decimal
    aim: Decimal
    nominal: Decimal

    @property
    def direction(self) -> int:
        """+1 if more is better, -1 if less is better, 0 if closer to the centre is better."""
        return {"at_least": 1, "above": 1, "at_most": -1, "below": -1}.get(self.test, 0)

    def times(self, factor: Decimal) -> _Rule:
        """The same rule on a quantity multiplied by `factor` (> 0)."""
        return _Rule(
            self.test, self.lo * factor, self.hi * factor, self.aim * factor, self.nominal * factor
        )

    def grade(self, q: _Bound) -> _Grade:
        lo, hi = _Bound(self.lo), _Bound(self.hi)
        match self.test:
            case "at_least":
                if q > hi:
                    return _Grade.EXCEEDED
                return _Grade.MET if q >= lo else _Grade.NOT_MET
            case "above":
                return _Grade.MET if q > lo else _Grade.NOT_MET
            case "at_most":
                return _Grade.MET if q <= hi else _Grade.NOT_MET
            case "below":
                return _Grade.MET if q < hi else _Grade.NOT_MET
        return _Grade.MET if lo <= q <= hi else _Grade.NOT_MET

    def judge(self, q: _Interval) -> _Verdict:
        """Grade the quantity at its point and over its interval. The grade only changes at
        the thresholds, so the interval's ends and each threshold (approached from both sides)
        that lies inside it are enough."""
        candidates = [q.lo, q.hi]
        for threshold in {self.lo, self.hi}:
            for side in (-1, 0, 1):
                bound = _Bound(threshold, side)
                if q.lo <= bound <= q.hi:
                    candidates.append(bound)
        grades = [self.grade(c) for c in candidates]
        return _Verdict(self.grade(q.point), min(grades), max(grades))


def _target_rule(spec: TargetSpec) -> _Rule | None:
    """The rule a quantity must meet for the target (None for targets without a number)."""
    t = spec.value
    if t is None or spec.comparator is None:
        return None
    tol = DEFAULT_TOLERANCE_PCT if spec.tolerance_pct is None else spec.tolerance_pct
    d = abs(t) * tol / 100
    match spec.comparator:
        case "ge":
            return _Rule("at_least", t, t, t, t)
        case "gt":
            return _Rule("above", t, t, t, t)
        case "le":
            return _Rule("at_most", t, t, t, t)
        case "lt":
            return _Rule("below", t, t, t, t)
        case "approx":
            return _Rule("at_least", t - d, t + d, t - d, t)
        case "range":
            high = spec.value_high if spec.value_high is not None else t
            return _Rule("at_least", t, high, t, t)
    return _Rule("within", t - d, t + d, t, t)


_DONE_RULE = _Rule("at_least", Decimal(1), Decimal(1), Decimal(1), Decimal(1))

_FINAL_STATUS = {
    _Grade.EXCEEDED: Status.EXCEEDED,
    _Grade.MET: Status.ACHIEVED,
    _Grade.NOT_MET: Status.NOT_ACHIEVED,
}
_TRACK_STATUS = {
    _Grade.EXCEEDED: Status.ON_TRACK,
    _Grade.MET: Status.ON_TRACK,
    _Grade.NOT_MET: Status.AT_RISK,
}


def _combine(
    verdicts: Sequence[_Verdict], aggregate: Callable[[list[_Grade]], Status]
) -> tuple[Status, bool]:
    """The status of a set of judgments and whether the qualifiers make it uncertain: if the
    aggregate is the same with every figure at its worst and at its best, that is the status;
    otherwise the status of the settled grades, flagged uncertain."""
    worst = aggregate([v.worst for v in verdicts])
    best = aggregate([v.best for v in verdicts])
    if worst == best:
        return worst, False
    return aggregate([v.settled for v in verdicts]), True


def _single(mapping: Mapping[_Grade, Status]) -> Callable[[list[_Grade]], Status]:
    return lambda grades: mapping[grades[0]]


def _track(q: _Interval, path: _Interval, rule: _Rule, scale: Decimal) -> _Verdict:
    """Is `q` at least as good as the straight-path value `path` (both multiplied by `scale`)?
    More-is-better: q ≥ path; less-is-better: q ≤ path; "within": q is at least as close to the
    centre as the path (or inside the tolerance band)."""
    zero = Decimal(0)
    if rule.direction > 0:
        return _Rule("at_least", zero, zero, zero, zero).judge(q - path).capped()
    if rule.direction < 0:
        return _Rule("at_most", zero, zero, zero, zero).judge(q - path).capped()
    centre = rule.aim * scale
    half = max(abs(path.point.value - centre), (rule.hi - rule.aim) * scale)
    return _Rule("within", centre - half, centre + half, centre, centre).judge(q)


# --------------------------------------------------------------------------------------------
# Which figure counts


def _precedence(figure: Figure) -> tuple[int, int, Decimal, str, str]:
    # After type and order, the remaining fields only make the choice independent of input order.
    return (
        FIGURE_TYPES.index(figure.figure_type),
        figure.order,
        figure.value,
        figure.qualifier,
        figure.note,
    )


def _year(figure: Figure) -> int:
    return figure.year


def select_figures(figures: Iterable[Figure], *, as_of_year: int) -> dict[int, Figure]:
    """The figure that counts for each year up to `as_of_year`, by year: the latest official
    figure, else the latest reported one, else the latest estimate."""
    chosen: dict[int, Figure] = {}
    for figure in figures:
        if figure.year > as_of_year:
            continue
        current = chosen.get(figure.year)
        if current is None or _precedence(figure) > _precedence(current):
            chosen[figure.year] = figure
    return dict(sorted(chosen.items()))


# --------------------------------------------------------------------------------------------
# Numbers for people


def _round(value: Decimal, quantum: Decimal = _SHOWN) -> Decimal:
    return value.quantize(quantum, rounding=ROUND_HALF_UP)


def _divide(a: Decimal, b: Decimal) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = _PRECISION
        return a / b


def _show(value: Decimal, unit: str = "") -> str:
    """A computed amount, rounded to 2 decimals for reading: "4,67%/năm"."""
    return wording.amount(_round(value), unit)


def _fig(figure: Figure, unit: str) -> str:
    """A figure for a sentence: "2,32% (số chính thức)", "hơn 4,4 triệu lượt khách (số báo cáo)"."""
    shown = wording.figure_amount(value=figure.value, unit=unit, qualifier=figure.qualifier)
    return f"{shown} ({wording.FIGURE_TYPE_LABELS[figure.figure_type]})"


def _progress(rule: _Rule, value: Decimal) -> Decimal | None:
    """Progress towards the target in %: value/target for more-is-better and "within" targets;
    target/value (capped at LE_PROGRESS_CAP) for less-is-better targets."""
    nominal = rule.nominal
    if rule.direction < 0:
        if nominal <= 0:
            return None
        if value <= 0:
            return LE_PROGRESS_CAP
        return min(_round(_divide(nominal * 100, value), _PROGRESS), LE_PROGRESS_CAP)
    if nominal == 0:
        return None
    return _round(_divide(value * 100, nominal), _PROGRESS)


def _what(spec: TargetSpec, noun: str = "mức", unit: str | None = None) -> str:
    """The target's figure as a noun phrase: "mức 3% đề ra", "khoảng 2–4 khu đề ra"."""
    unit = spec.unit if unit is None else unit
    assert spec.value is not None
    if spec.comparator == "range" and spec.value_high is not None:
        return f"khoảng {wording.span(spec.value, spec.value_high, unit)} đề ra"
    about = "khoảng " if spec.comparator == "approx" else ""
    return f"{noun} {about}{wording.amount(spec.value, unit)} đề ra"


_RELATIONS: dict[tuple[str, _Grade], str] = {
    ("at_least", _Grade.EXCEEDED): "vượt {what}",
    ("at_least", _Grade.MET): "đạt {what}",
    ("at_least", _Grade.NOT_MET): "chưa đạt {what}",
    ("above", _Grade.MET): "trên {what}",
    ("above", _Grade.NOT_MET): "chưa vượt {what}",
    ("at_most", _Grade.MET): "không vượt {what}",
    ("at_most", _Grade.NOT_MET): "cao hơn {what}",
    ("below", _Grade.MET): "dưới {what}",
    ("below", _Grade.NOT_MET): "chưa xuống dưới {what}",
    ("within", _Grade.MET): "sát {what}",
    ("within", _Grade.NOT_MET): "lệch nhiều so với {what}",
}


def _relation(spec: TargetSpec, rule: _Rule, grade: _Grade, what: str, unit: str) -> str:
    """How the quantity stands against the target: "dưới mức 3% đề ra"."""
    if spec.comparator == "range":
        word = {_Grade.EXCEEDED: "vượt", _Grade.MET: "nằm trong", _Grade.NOT_MET: "dưới"}[grade]
        return f"{word} {what}"
    text = _RELATIONS[(rule.test, grade)].format(what=what)
    if spec.comparator == "approx" and grade == _Grade.NOT_MET:
        text += f" (tối thiểu {_show(rule.lo, unit)})"
    elif spec.comparator == "approx" and grade == _Grade.EXCEEDED:
        text += f" (cao hơn {_show(rule.hi, unit)})"
    return text


def _label(status: Status) -> str:
    label = status.label
    return label[0].lower() + label[1:]


def _sentence(parts: Iterable[str], status: Status) -> str:
    """One sentence: the parts joined by "; ", then ": <verdict>."."""
    text = "; ".join(p for p in parts if p)
    return f"{text[0].upper()}{text[1:]}: {_label(status)}."


def _uncertain_note(uncertain: bool, figures: Iterable[Figure], unit: str) -> str:
    if not uncertain:
        return ""
    for figure in figures:
        if figure.qualifier != "exact":
            shown = wording.figure_amount(value=figure.value, unit=unit, qualifier=figure.qualifier)
            return f"số liệu năm {figure.year} chỉ ghi “{shown}” nên kết luận chưa chắc chắn"
    return "kết luận chưa chắc chắn"


def _estimate_note(figures: Iterable[Figure]) -> str:
    years = [f.year for f in figures if f.figure_type == "estimate"]
    if not years:
        return ""
    return f"năm {wording.years_text(years)} là số ước tính"


_METHOD_WORDS = {
    "linear_trend": "theo xu hướng tuyến tính",
    "straight_path": "theo đường thẳng từ năm gốc qua năm gần nhất",
}
_MEAN_METHOD_WORDS = {
    "linear_trend": "theo xu hướng tuyến tính của tốc độ tăng các năm",
    "straight_path": "nếu các năm còn lại giữ mức bình quân hiện nay",
}


def _projection_note(
    projection: Projection | None,
    unit: str,
    what: str = "",
    words: Mapping[str, str] = _METHOD_WORDS,
) -> str:
    if projection is None:
        return ""
    method = words[projection.method]
    return f"dự báo năm {projection.year} {what}{_show(projection.value, unit)} {method}"


# --------------------------------------------------------------------------------------------
# Projection


def _trend(points: Sequence[tuple[int, Decimal]], year: int) -> Decimal:
    """The value in `year` of the least-squares line through ≥ 2 (year, value) points (with
    two points, the straight line through them)."""
    with localcontext() as ctx:
        ctx.prec = _PRECISION
        n = Decimal(len(points))
        mean_x = sum((Decimal(x) for x, _ in points), _ZERO) / n
        mean_y = sum((y for _, y in points), _ZERO) / n
        sxx = sum(((x - mean_x) ** 2 for x, _ in points), _ZERO)
        sxy = sum(((x - mean_x) * (y - mean_y) for x, y in points), _ZERO)
        return mean_y + sxy / sxx * (year - mean_x)


def _project(points: Sequence[tuple[int, Decimal]], to_year: int) -> Projection | None:
    """Project to `to_year`: the least-squares line over ≥ 3 yearly points ("linear_trend"),
    else the straight line through the two points ("straight_path"); none from a single
    point. A projection of non-negative figures is not allowed below zero."""
    if len(points) < 2:
        return None
    value = _trend(points, to_year)
    if value < 0 and all(y >= 0 for _, y in points):
        value = _ZERO
    method = "straight_path" if len(points) == 2 else "linear_trend"
    return Projection(year=to_year, value=_round(value), method=method)


# --------------------------------------------------------------------------------------------
# One evaluation


@dataclass(frozen=True)
class _Case:
    spec: TargetSpec
    chosen: Mapping[int, Figure]
    as_of_year: int
    rule: _Rule | None

    @property
    def final(self) -> bool:
        return self.as_of_year >= self.spec.to_year

    @property
    def unit(self) -> str:
        return self.spec.unit

    def period_years(self) -> list[int]:
        """The years of a period target judged so far (from_year .. min(to_year, as_of))."""
        assert self.spec.from_year is not None
        return list(range(self.spec.from_year, min(self.spec.to_year, self.as_of_year) + 1))


@dataclass(frozen=True)
class _Outcome:
    status: Status
    explanation: str
    uncertain: bool = False
    latest: Figure | None = None
    judged_value: Decimal | None = None
    progress_pct: Decimal | None = None
    projection: Projection | None = None
    years_met: tuple[int, ...] | None = None
    years_judged: tuple[int, ...] | None = None
    years_missing: tuple[int, ...] | None = None
    used: tuple[Figure, ...] = ()


@dataclass(frozen=True)
class _Base:
    """The baseline: a year and its value, from the plan text (`figure` None) or a figure."""

    year: int
    reading: _Interval
    figure: Figure | None

    @property
    def value(self) -> Decimal:
        return self.reading.point.value

    def text(self, unit: str, *, share: bool = False) -> str:
        """The baseline for a sentence: "12,2% (số báo cáo) năm 2021"; `share` shows a fraction in %."""
        if share:
            shown = _show(self.value * 100, "%")
            kind = (
                ""
                if self.figure is None
                else f" ({wording.FIGURE_TYPE_LABELS[self.figure.figure_type]})"
            )
            return f"{shown}{kind} năm {self.year}"
        if self.figure is None:
            return f"{wording.amount(self.value, unit)} năm {self.year} (số gốc)"
        return f"{_fig(self.figure, unit)} năm {self.year}"


def _base_year(spec: TargetSpec) -> int | None:
    """The baseline year: for period targets the year before from_year; for level and
    milestone targets the stated baseline year, else the year before from_year, else the
    plan term's first year."""
    if spec.kind in PERIOD_KINDS:
        assert spec.from_year is not None
        return spec.from_year - 1
    if spec.baseline_year is not None:
        return spec.baseline_year
    if spec.from_year is not None:
        return spec.from_year - 1
    return spec.term_from_year


def _stated_base(case: _Case) -> _Base | None:
    """The baseline stated with the target (if it is for the baseline year), else the figure
    of the baseline year."""
    spec = case.spec
    year = _base_year(spec)
    if year is None:
        return None
    if spec.baseline_value is not None and spec.baseline_year in (None, year):
        return _Base(year, _Interval.exact(spec.baseline_value), None)
    figure = case.chosen.get(year)
    return None if figure is None else _Base(year, _reading(figure), figure)


def _earliest_base(case: _Case, before: int, *, since: int | None = None) -> _Base | None:
    for year, figure in case.chosen.items():
        if year < before and (since is None or year >= since):
            return _Base(year, _reading(figure), figure)
    return None


def _no_data(case: _Case, missing: str) -> _Outcome:
    """No figure for what the verdict needs; mention the latest figure there is."""
    latest = case.chosen[max(case.chosen)] if case.chosen else None
    parts = [missing]
    if latest is not None:
        parts.append(f"số liệu gần nhất là năm {latest.year}: {_fig(latest, case.unit)}")
    return _Outcome(Status.NO_DATA, _sentence(parts, Status.NO_DATA), latest=latest)


# --- level (and the progress of a milestone) -------------------------------------------------


def _evaluate_level(case: _Case) -> _Outcome:
    spec, rule = case.spec, case.rule
    assert rule is not None
    if not case.final:
        return _level_progress(case, rule)
    figure = case.chosen.get(spec.to_year)
    if figure is None:
        return _no_data(case, f"chưa có số liệu năm {spec.to_year}")
    verdict = rule.judge(_reading(figure))
    status, uncertain = _combine([verdict], _single(_FINAL_STATUS))
    relation = _relation(spec, rule, verdict.settled, _what(spec), case.unit)
    parts = [
        f"năm {figure.year} đạt {_fig(figure, case.unit)}, {relation}",
        _uncertain_note(uncertain, [figure], case.unit),
    ]
    return _Outcome(
        status,
        _sentence(parts, status),
        uncertain=uncertain,
        latest=figure,
        judged_value=figure.value,
        progress_pct=_progress(rule, figure.value),
        used=(figure,),
    )


def _progress_base(case: _Case, latest_year: int, *, zero_start: bool = False) -> _Base | None:
    """The baseline for the straight path: stated or baseline-year figure; for a milestone,
    0 (not started) in the baseline year; else the earliest earlier figure."""
    base = _stated_base(case)
    if base is not None and base.year < latest_year:
        return base
    year = _base_year(case.spec)
    if zero_start and year is not None and year < latest_year:
        return _Base(year, _Interval.exact(_ZERO), None)
    return _earliest_base(case, latest_year)


@dataclass(frozen=True)
class _Track:
    verdict: _Verdict
    text: str  # how the latest figure stands against the path (or the target itself)


def _track_latest(case: _Case, rule: _Rule, latest: Figure, base: _Base | None) -> _Track:
    """Compare the latest figure with the straight path from the baseline to the target in
    the latest figure's year; without a baseline, with the target itself."""
    spec, unit = case.spec, case.unit
    q = _reading(latest)
    milestone = spec.kind == "milestone"
    if base is None:
        verdict = rule.judge(q)
        target = (
            "hoàn thành" if milestone else _relation(spec, rule, verdict.settled, _what(spec), unit)
        )
        return _Track(
            verdict.capped(),
            f"chưa có số liệu năm gốc nên so trực tiếp với chỉ tiêu năm {spec.to_year}, {target}",
        )
    n = Decimal(spec.to_year - base.year)
    k = Decimal(latest.year - base.year)
    path = base.reading.times(n - k) + _Interval.exact(rule.aim * k)
    verdict = _track(q.times(n), path, rule, n)
    path_value = _divide(path.point.value, n)
    word = "đúng hoặc vượt" if verdict.settled >= _Grade.MET else "chậm hơn"
    target = "hoàn thành" if milestone else _what(spec, "mức", unit)
    milestone_value = _show(path_value * 100, "%") if milestone else _show(path_value, unit)
    return _Track(
        verdict,
        f"{word} lộ trình đều từ {base.text(unit, share=milestone)} đến {target} năm "
        f"{spec.to_year} (mốc năm {latest.year}: {milestone_value})",
    )


def _level_progress(case: _Case, rule: _Rule) -> _Outcome:
    spec, unit = case.spec, case.unit
    if not case.chosen:
        return _no_data(case, f"chưa có số liệu nào đến năm {case.as_of_year}")
    latest = case.chosen[max(case.chosen)]
    base = _progress_base(case, latest.year)
    track = _track_latest(case, rule, latest, base)
    status, uncertain = _combine([track.verdict], _single(_TRACK_STATUS))
    points = {y: f.value for y, f in case.chosen.items() if base is None or y >= base.year}
    if base is not None:
        points[base.year] = base.value
    projection = _project(sorted(points.items()), spec.to_year)
    used = tuple(f for f in (base.figure if base else None, latest) if f is not None)
    parts = [
        f"năm {latest.year} đạt {_fig(latest, unit)}, {track.text}",
        _uncertain_note(uncertain, used, unit),
        _projection_note(projection, unit, "đạt "),
    ]
    return _Outcome(
        status,
        _sentence(parts, status),
        uncertain=uncertain,
        latest=latest,
        judged_value=latest.value,
        progress_pct=_progress(rule, latest.value),
        projection=projection,
        used=used,
    )


# --- yearly kinds: annual, maintain, annual_reduction ---------------------------------------


@dataclass(frozen=True)
class _Year:
    year: int
    verdict: _Verdict
    figure: Figure
    text: str  # what the year's figure says, e.g. "giảm 6,25% so với năm 2023"
    value: Decimal | None  # the quantity judged: the figure, or the reduction in %
    previous: Figure | None = None  # for a reduction, the previous year's figure


def _final_yearly(missing: bool) -> Callable[[list[_Grade]], Status]:
    def aggregate(grades: list[_Grade]) -> Status:
        if not grades:
            return Status.NO_DATA
        if _Grade.NOT_MET in grades:
            return Status.NOT_ACHIEVED
        if missing:
            return Status.NO_DATA
        return Status.EXCEEDED if all(g == _Grade.EXCEEDED for g in grades) else Status.ACHIEVED

    return aggregate


def _progress_yearly(grades: list[_Grade]) -> Status:
    if not grades:
        return Status.NO_DATA
    return Status.AT_RISK if _Grade.NOT_MET in grades else Status.ON_TRACK


def _annual_years(case: _Case) -> tuple[list[_Year], list[int]]:
    rule = case.rule
    assert rule is not None
    judged: list[_Year] = []
    missing: list[int] = []
    for year in case.period_years():
        figure = case.chosen.get(year)
        if figure is None:
            missing.append(year)
        else:
            text = f"năm {year} đạt {_fig(figure, case.unit)}"
            judged.append(_Year(year, rule.judge(_reading(figure)), figure, text, figure.value))
    return judged, missing


def _previous_count(case: _Case, year: int) -> _Base | None:
    """The count of the year before `year`; for the baseline year the stated baseline comes
    first."""
    if year - 1 == _base_year(case.spec):
        return _stated_base(case)
    figure = case.chosen.get(year - 1)
    return None if figure is None else _Base(year - 1, _reading(figure), figure)


def _reduction_bound(prev: _Bound, cur: _Bound) -> _Bound:
    """The reduction in % from prev to cur, 100·(1 − cur/prev), keeping the sides exact."""
    if cur.value.is_infinite():
        return -_INF
    cur_positive = cur.value > 0 or (cur.value == 0 and cur.side > 0)
    if prev.value.is_infinite():
        return _Bound(Decimal(100), -1 if cur_positive else 0)
    if prev.value == 0:  # only "hơn 0": any positive count is an unbounded rise
        return -_INF if cur_positive else _Bound(Decimal(100))
    ratio = _divide(cur.value, prev.value)
    side = cur.side if cur.value == 0 else cur.side - prev.side
    return _Bound(100 - 100 * ratio, -((side > 0) - (side < 0)))


def _reduction_years(case: _Case) -> tuple[list[_Year], list[int]]:
    rule = case.rule
    assert rule is not None
    judged: list[_Year] = []
    missing: list[int] = []
    for year in case.period_years():
        figure, previous = case.chosen.get(year), _previous_count(case, year)
        if figure is None or previous is None:
            missing.append(year)
            continue
        now, before = _reading(figure), previous.reading
        shown = f"năm {year} có {_fig(figure, '')}"
        if before.point.value <= 0:
            # Nothing to reduce: staying at zero meets the target, any rise does not.
            grade = _Grade.MET if now.point.value == 0 else _Grade.NOT_MET
            judged.append(
                _Year(year, _Verdict(grade, grade, grade), figure, shown, None, previous.figure)
            )
            continue
        reduction = _Interval(
            _reduction_bound(before.lo, now.hi),
            _reduction_bound(before.point, now.point),
            _reduction_bound(before.hi, now.lo),
        )
        change = reduction.point.value
        word = "giảm" if change >= 0 else "tăng"
        text = f"{shown}, {word} {_show(abs(change), '%')} so với năm {year - 1}"
        judged.append(
            _Year(year, rule.judge(reduction), figure, text, _round(change), previous.figure)
        )
    return judged, missing


def _yearly_tally(case: _Case, judged: list[_Year], missing: list[int]) -> str:
    met = [y.year for y in judged if y.verdict.settled >= _Grade.MET]
    failed = [y.year for y in judged if y.verdict.settled < _Grade.MET]
    all_years = len(judged) + len(missing)
    if not failed and not missing:
        text = f"đạt yêu cầu cả {len(met)}/{all_years} năm"
    else:
        text = f"đạt yêu cầu {len(met)}/{len(judged)} năm có số liệu"
    if failed:
        text += f", không đạt năm {wording.years_text(failed)}"
    if missing:
        text += f", thiếu số liệu năm {wording.years_text(missing)}"
        if case.final and not failed:
            text += " nên chưa kết luận được"
    return text


def _evaluate_yearly(case: _Case) -> _Outcome:
    spec = case.spec
    if spec.kind == "annual_reduction":
        judged, missing = _reduction_years(case)
    else:
        judged, missing = _annual_years(case)
    verdicts = [y.verdict for y in judged]
    aggregate = _final_yearly(bool(missing)) if case.final else _progress_yearly
    status, uncertain = _combine(verdicts, aggregate)
    if not judged:
        when = f"giai đoạn {wording.period(spec.from_year, spec.to_year)}"
        if not case.final:
            when = f"từ năm {spec.from_year} đến năm {case.as_of_year}"
        return _no_data(case, f"chưa có số liệu năm nào {when}")
    latest = judged[-1]
    used = tuple(
        sorted({f for y in judged for f in (y.previous, y.figure) if f is not None}, key=_year)
    )
    projection = None
    if not case.final:
        assert spec.from_year is not None
        points = [(year, f.value) for year, f in case.chosen.items() if year >= spec.from_year - 1]
        projection = _project(points, spec.to_year)
    unit = "" if spec.kind == "annual_reduction" else case.unit
    met = tuple(y.year for y in judged if y.verdict.settled >= _Grade.MET)
    parts = [
        latest.text,
        _yearly_tally(case, judged, missing),
        _estimate_note(used) if len(used) > 1 else "",
        _uncertain_note(uncertain, used, unit),
        _projection_note(projection, unit, "khoảng "),
    ]
    return _Outcome(
        status,
        _sentence(parts, status),
        uncertain=uncertain,
        latest=latest.figure,
        judged_value=latest.value,
        progress_pct=_round(_divide(Decimal(len(met) * 100), Decimal(len(judged))), _PROGRESS),
        projection=projection,
        years_met=met,
        years_judged=tuple(y.year for y in judged),
        years_missing=tuple(missing),
        used=used,
    )


# --- avg_growth ------------------------------------------------------------------------------


def _evaluate_avg_growth(case: _Case) -> _Outcome:
    spec, rule, unit = case.spec, case.rule, case.unit
    assert rule is not None and spec.from_year is not None
    years = case.period_years()
    rates = {y: case.chosen[y] for y in years if y in case.chosen}
    missing = tuple(y for y in years if y not in rates)
    label = wording.period(spec.from_year, spec.to_year)
    if not rates:
        return _no_data(case, f"chưa có số liệu tăng trưởng năm nào giai đoạn {label}")
    m = Decimal(len(rates))
    total = _Interval.exact(_ZERO)
    for figure in rates.values():
        total = total + _reading(figure)
    mean = _divide(total.point.value, m)
    used = tuple(rates.values())
    over = "" if not missing else f"các năm {wording.years_text(list(rates))} "
    head = f"bình quân {over or label + ' '}tăng {_show(mean, unit)}"
    what = _what(spec, "mức bình quân")
    projection = None
    if case.final and missing:
        status, uncertain = Status.NO_DATA, False
        relation = f"thiếu số liệu năm {wording.years_text(missing)} nên chưa tính được bình quân cả giai đoạn"
    else:
        # Compare the sum with the target × the number of years: exact, no division. Before
        # the last year the straight path of a mean is the target itself.
        verdict = rule.times(m).judge(total)
        if case.final:
            status, uncertain = _combine([verdict], _single(_FINAL_STATUS))
        else:
            status, uncertain = _combine([verdict.capped()], _single(_TRACK_STATUS))
        relation = _relation(spec, rule, verdict.settled, what, unit)
    if not case.final:
        if missing:
            relation += f", thiếu số liệu năm {wording.years_text(missing)}"
        projection = _project_mean(case, rates)
    parts = [
        f"{head}, {relation}",
        _estimate_note(used),
        _uncertain_note(uncertain, used, unit),
        _projection_note(projection, unit, "bình quân cả giai đoạn ", _MEAN_METHOD_WORDS),
    ]
    return _Outcome(
        status,
        _sentence(parts, status),
        uncertain=uncertain,
        latest=used[-1],
        judged_value=_round(mean),
        progress_pct=_progress(rule, mean),
        projection=projection,
        years_judged=tuple(rates),
        years_missing=missing,
        used=used,
    )


def _project_mean(case: _Case, rates: Mapping[int, Figure]) -> Projection:
    """The mean over the whole period: with ≥ 3 rates, the years without a figure take the
    linear trend of the rates; else the mean so far is held ("straight_path")."""
    spec = case.spec
    assert spec.from_year is not None
    points = [(y, f.value) for y, f in rates.items()]
    years = range(spec.from_year, spec.to_year + 1)
    if len(points) < 3:
        mean = _divide(sum((v for _, v in points), _ZERO), Decimal(len(points)))
        return Projection(spec.to_year, _round(mean), "straight_path")
    values = [rates[y].value if y in rates else _trend(points, y) for y in years]
    mean = _divide(sum(values, _ZERO), Decimal(len(values)))
    return Projection(spec.to_year, _round(mean), "linear_trend")


# --- increase --------------------------------------------------------------------------------


def _evaluate_increase(case: _Case) -> _Outcome:
    spec, rule, unit = case.spec, case.rule, case.unit
    assert rule is not None and spec.from_year is not None
    stocks = {y: f for y, f in case.chosen.items() if spec.from_year <= y <= spec.to_year}
    if case.final and spec.to_year not in stocks:
        return _no_data(case, f"chưa có số liệu năm {spec.to_year}")
    if not stocks:
        return _no_data(case, f"chưa có số liệu nào từ năm {spec.from_year}")
    latest = stocks[max(stocks)]
    base = _stated_base(case)
    fallback = base is None
    if base is None:
        base = _earliest_base(case, latest.year, since=spec.from_year)
    if base is None:
        return _no_data(case, f"chưa có số liệu năm gốc {spec.from_year - 1} để tính mức tăng")
    increase = _reading(latest) - base.reading
    gained = increase.point.value
    what = _what(spec, "mức tăng thêm")
    if case.final:
        verdict = rule.judge(increase)
        status, uncertain = _combine([verdict], _single(_FINAL_STATUS))
        relation = _relation(spec, rule, verdict.settled, what, unit)
        projection = None
    else:
        n = Decimal(spec.to_year - (spec.from_year - 1))
        k = Decimal(latest.year - base.year)
        verdict = _track(increase.times(n), _Interval.exact(rule.aim * k), rule, n)
        status, uncertain = _combine([verdict], _single(_TRACK_STATUS))
        path_value = _divide(rule.aim * k, n)
        word = "đúng hoặc vượt" if verdict.settled >= _Grade.MET else "chậm hơn"
        relation = f"{word} lộ trình đều tới {what} (mốc năm {latest.year}: tăng {_show(path_value, unit)})"
        points = [(base.year, base.value)] + [
            (y, f.value) for y, f in stocks.items() if y > base.year
        ]
        projection = _project(points, spec.to_year)
    uncertain = uncertain or fallback
    used = tuple(f for f in (base.figure, latest) if f is not None)
    gap = ""
    if fallback:
        gap = f"thiếu số liệu năm gốc {spec.from_year - 1} nên tính mức tăng từ năm {base.year}, chưa chắc chắn"
    parts = [
        f"năm {latest.year} có {_fig(latest, unit)}, tăng {_show(gained, unit)} so với "
        f"{base.text(unit)}, {relation}",
        gap,
        _uncertain_note(uncertain and not fallback, used, unit),
        _projection_note(projection, unit, "có khoảng "),
    ]
    return _Outcome(
        status,
        _sentence(parts, status),
        uncertain=uncertain,
        latest=latest,
        judged_value=gained,
        progress_pct=_progress(rule, gained),
        projection=projection,
        used=used,
    )


# --- milestone -------------------------------------------------------------------------------


def _evaluate_milestone(case: _Case) -> _Outcome:
    spec = case.spec
    if not case.chosen:
        return _no_data(case, f"chưa có số liệu về tiến độ hoàn thành đến năm {case.as_of_year}")
    verdicts = {y: _DONE_RULE.judge(_reading(f)) for y, f in case.chosen.items()}

    def done(pick: Callable[[_Verdict], _Grade]) -> int | None:
        return next((y for y, v in verdicts.items() if pick(v) >= _Grade.MET), None)

    def status_of(year: int | None) -> Status:
        if year is not None:
            return Status.ACHIEVED if year <= spec.to_year else Status.NOT_ACHIEVED
        return Status.NOT_ACHIEVED if case.final else Status.AT_RISK

    done_year = done(lambda v: v.settled)
    worst, best = done(lambda v: v.worst), done(lambda v: v.best)
    uncertain = status_of(worst) != status_of(best)
    if done_year is not None:
        figure = case.chosen[done_year]
        status = status_of(done_year)
        when = "trong hạn" if done_year <= spec.to_year else "chậm so với hạn"
        parts = [
            f"hoàn thành năm {done_year} ({wording.FIGURE_TYPE_LABELS[figure.figure_type]}), "
            f"{when} năm {spec.to_year}",
            _uncertain_note(uncertain, [figure], ""),
        ]
        return _Outcome(
            status,
            _sentence(parts, status),
            uncertain=uncertain,
            latest=figure,
            judged_value=figure.value,
            progress_pct=Decimal(100),
            used=(figure,),
        )
    latest = case.chosen[max(case.chosen)]
    done_pct = _round(latest.value * 100, _PROGRESS)
    head = f"chưa hoàn thành, năm {latest.year} đạt {_show(latest.value * 100, '%')} khối lượng ({wording.FIGURE_TYPE_LABELS[latest.figure_type]})"
    if case.final:
        status = Status.NOT_ACHIEVED
        parts = [f"{head}, đã đến hạn năm {spec.to_year}", _uncertain_note(uncertain, [latest], "")]
        return _Outcome(
            status,
            _sentence(parts, status),
            uncertain=uncertain,
            latest=latest,
            judged_value=latest.value,
            progress_pct=done_pct,
            used=(latest,),
        )
    base = _progress_base(case, latest.year, zero_start=True)
    track = _track_latest(case, _DONE_RULE, latest, base)
    status, track_uncertain = _combine([track.verdict], _single(_TRACK_STATUS))
    uncertain = uncertain or track_uncertain
    used = tuple(f for f in (base.figure if base else None, latest) if f is not None)
    parts = [f"{head}, {track.text}", _uncertain_note(uncertain, used, "")]
    return _Outcome(
        status,
        _sentence(parts, status),
        uncertain=uncertain,
        latest=latest,
        judged_value=latest.value,
        progress_pct=done_pct,
        used=used,
    )


# --- qualitative -----------------------------------------------------------------------------


def _evaluate_qualitative(case: _Case, assessments: Sequence[Assessment]) -> _Outcome:
    if not assessments:
        status = Status.NEEDS_ASSESSMENT
        return _Outcome(status, _sentence(["chưa có đánh giá của người có thẩm quyền"], status))
    latest = max(assessments, key=lambda a: (a.order, str(a.status), a.reasons, a.assessed_by))
    status = Status(latest.status)
    who = (
        f"theo đánh giá của {latest.assessed_by}"
        if latest.assessed_by
        else "theo đánh giá gần nhất"
    )
    reasons = " ".join(latest.reasons.split()).rstrip(".")
    return _Outcome(status, _sentence([f"{who} (căn cứ: {reasons})" if reasons else who], status))


# --------------------------------------------------------------------------------------------
# Public API


def evaluate_target(
    *,
    target: TargetSpec,
    figures: Sequence[Figure],
    as_of_year: int,
    assessments: Sequence[Assessment] = (),
) -> Evaluation:
    """Judge one target as of a year from its figures (and, for qualitative targets and
    maintain targets without a number, from reviewers' assessments)."""
    case = _Case(
        spec=target,
        chosen=select_figures(figures, as_of_year=as_of_year),
        as_of_year=as_of_year,
        rule=_target_rule(target),
    )
    outcome = _dispatch(case, assessments)
    latest = outcome.latest
    met = {Status.EXCEEDED: True, Status.ACHIEVED: True, Status.NOT_ACHIEVED: False}
    return Evaluation(
        code=target.code,
        status=outcome.status,
        met=met.get(outcome.status),
        latest_year=None if latest is None else latest.year,
        latest_value=None if latest is None else latest.value,
        latest_figure_type=None if latest is None else latest.figure_type,
        latest_qualifier=None if latest is None else latest.qualifier,
        target_text=wording.target_meaning(target),
        progress_pct=outcome.progress_pct,
        projection=outcome.projection,
        years_met=outcome.years_met,
        years_judged=outcome.years_judged,
        years_missing=outcome.years_missing,
        uncertain=outcome.uncertain,
        used_figures=tuple(sorted(outcome.used, key=_year)),
        explanation=outcome.explanation,
        judged_value=outcome.judged_value,
    )


def _dispatch(case: _Case, assessments: Sequence[Assessment]) -> _Outcome:
    kind = case.spec.kind
    if kind == "qualitative" or (case.rule is None and kind == "maintain"):
        return _evaluate_qualitative(case, assessments)
    if kind == "milestone":
        return _evaluate_milestone(case)
    if kind in ("annual", "maintain", "annual_reduction"):
        return _evaluate_yearly(case)
    if kind == "avg_growth":
        return _evaluate_avg_growth(case)
    if kind == "increase":
        return _evaluate_increase(case)
    return _evaluate_level(case)


def evaluate_many(
    *,
    targets: Iterable[TargetSpec],
    figures_by_code: Mapping[str, Sequence[Figure]],
    assessments_by_code: Mapping[str, Sequence[Assessment]] | None = None,
    as_of_year: int,
) -> list[Evaluation]:
    """Evaluate each target (in the order given) from the figures and assessments by code."""
    assessments_by_code = assessments_by_code or {}
    return [
        evaluate_target(
            target=target,
            figures=figures_by_code.get(target.code, ()),
            as_of_year=as_of_year,
            assessments=assessments_by_code.get(target.code, ()),
        )
        for target in targets
    ]


def summarize(evaluations: Iterable[Evaluation]) -> dict[Status, int]:
    """How many targets have each status (every status present, in the enum's order)."""
    counts = dict.fromkeys(Status, 0)
    for evaluation in evaluations:
        counts[evaluation.status] += 1
    return counts
