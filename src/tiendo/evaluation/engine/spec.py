"""What the engine is given: a target, the figures reported for it, reviewers' assessments.

`TargetSpec` is a target as the engine sees it (its kind, comparator, value(s), unit and years,
see docs/evaluation-rules.md for each kind); `Figure` a figure reported for a year; `Assessment`
a reviewer's verdict on a qualitative target. Each checks its own data when built, so a bad
value (a float, an unknown kind, a range without its high end) is refused at the door.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

__all__ = [
    "ABOUT_PCT",
    "COMPARATORS",
    "DEFAULT_TOLERANCE_PCT",
    "FIGURE_TYPES",
    "KINDS",
    "LE_PROGRESS_CAP",
    "PERIOD_KINDS",
    "QUALIFIERS",
    "STATUS_LABELS",
    "Assessment",
    "Figure",
    "Status",
    "TargetSpec",
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
DEFAULT_TOLERANCE_PCT = Decimal("5")  # "khoảng X" / "bằng X" targets: ± 5 % unless stated
ABOUT_PCT = Decimal("5")  # "khoảng X" means X ± 5 %
PERIOD_KINDS = ("annual", "annual_reduction", "avg_growth", "increase", "maintain")
LE_PROGRESS_CAP = Decimal("200")  # progress of a ceiling target (le/lt) is capped here


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
    """A figure reported for a year, or for a period (`from_year` … `year`): "giai đoạn
    2021–2025 tăng bình quân 6,14%/năm", "lũy kế 5 năm có thêm …". A period figure counts only
    for an avg_growth or increase target whose period it is (figures.py); `from_year` equal to
    `year` is a figure of that one year (stored as None)."""

    year: int
    value: Decimal
    figure_type: str = "official"
    qualifier: str = "exact"
    order: int = 0
    note: str = ""
    from_year: int | None = None

    @property
    def is_period(self) -> bool:
        return self.from_year is not None

    def __post_init__(self) -> None:
        object.__setattr__(self, "value", _decimal("value", self.value, required=True))
        if self.from_year is not None:
            if isinstance(self.from_year, bool) or not isinstance(self.from_year, int):
                raise TypeError("from_year must be a year (int)")
            if self.from_year > self.year:
                raise ValueError(f"from_year {self.from_year} is after the year {self.year}")
            if self.from_year == self.year:
                object.__setattr__(self, "from_year", None)
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
