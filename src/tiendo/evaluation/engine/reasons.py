"""Why the engine reached a verdict, as plain data: a `Reason` is the status and the parts of
the explanation, each a small frozen dataclass with a `code` and its parameters.

The rules (rules/) build a Reason; the wording (wording/) turns it into a sentence in a language:
`explain(reason, lang="vi")` gives the Vietnamese sentence of `Evaluation.explanation`, and
`lang="en"` the English one. No language lives here: only years, numbers, units as the plan
writes them, figure types and qualifiers by their codes, and which way a comparison went.

Numbers are the ones the sentence shows: computed amounts (means, increases, reductions,
straight-path milestones, projections) are already rounded to 2 decimals; figures and target
values are as they were given.

`reason_data(reason)` gives the same tree as JSON-ready dicts (`{"code": ..., ...}`).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass
from decimal import Decimal
from typing import Any, ClassVar

from .spec import Status

__all__ = [
    "Assessed",
    "BaseGap",
    "BaseRef",
    "Completed",
    "DirectTrack",
    "EstimateNote",
    "FigureRef",
    "Increase",
    "IncreasePath",
    "LatestFigure",
    "MeanGrowth",
    "Missing",
    "NotAssessed",
    "NotCompleted",
    "Part",
    "PathTrack",
    "PeriodFigureUsed",
    "ProjectionNote",
    "Reached",
    "Reason",
    "ReductionYear",
    "Relation",
    "TargetRef",
    "UncertainNote",
    "UnitShare",
    "YearTally",
    "reason_data",
]


# --------------------------------------------------------------------------------------------
# Values a part refers to


@dataclass(frozen=True)
class FigureRef:
    """A figure as a sentence shows it: "hơn 4,4 triệu lượt khách (số báo cáo)".
    `from_year` is set for a figure that describes a period (from_year … year)."""

    year: int
    value: Decimal
    unit: str
    figure_type: str  # "official" | "reported" | "estimate"
    qualifier: str = "exact"  # "exact" | "more_than" | "about"
    from_year: int | None = None


@dataclass(frozen=True)
class UnitShare:
    """A count as a share of the units existing that year: 106 of the 175 communes there were
    in 2025 is 60,57 % (`pct`, rounded as shown; `qualifier` that of the count). `noun` is the
    kind of unit as the target's unit names it ("xã")."""

    year: int
    denominator: Decimal
    pct: Decimal
    noun: str
    qualifier: str = "exact"


@dataclass(frozen=True)
class TargetRef:
    """The target's figure as a noun phrase: "mức 3% đề ra", "khoảng 2–4 khu đề ra".
    noun: "level" (mức), "mean" (mức bình quân) or "increase" (mức tăng thêm)."""

    noun: str
    comparator: str
    value: Decimal
    value_high: Decimal | None
    unit: str


@dataclass(frozen=True)
class Relation:
    """How a quantity stands against the target.

    test: "at_least" | "above" | "at_most" | "below" | "within" | "range";
    grade: "exceeded" | "met" | "not_met". For an "approx" target, `minimum` (when not met) or
    `maximum` (when exceeded) is the tolerance edge it missed or passed."""

    test: str
    grade: str
    target: TargetRef
    minimum: Decimal | None = None
    maximum: Decimal | None = None


@dataclass(frozen=True)
class BaseRef:
    """The baseline of a straight path or an increase: stated in the plan (`figure_type`
    None) or a figure; `share` for a milestone, whose value is then a percentage."""

    year: int
    value: Decimal
    unit: str
    figure_type: str | None
    qualifier: str = "exact"
    share: bool = False


@dataclass(frozen=True)
class DirectTrack:
    """No baseline: the latest figure compared with the target itself (`relation`), or, for
    a milestone, with completion (`relation` None)."""

    code: ClassVar[str] = "direct_track"
    to_year: int
    relation: Relation | None


@dataclass(frozen=True)
class PathTrack:
    """The latest figure against the straight path from the baseline to the target (`target`
    None: to completion) in the last year; `milestone` is the path's value in `at_year`."""

    code: ClassVar[str] = "path_track"
    ahead: bool
    base: BaseRef
    target: TargetRef | None
    to_year: int
    at_year: int
    milestone: Decimal
    milestone_unit: str


@dataclass(frozen=True)
class IncreasePath:
    """An increase so far against the straight path to the target increase."""

    code: ClassVar[str] = "increase_path"
    ahead: bool
    target: TargetRef
    at_year: int
    milestone: Decimal
    unit: str


# --------------------------------------------------------------------------------------------
# The parts of an explanation, in the order a sentence gives them


@dataclass(frozen=True)
class Reached:
    """The figure of a year, how it stands (a relation, or a track before the last year), and
    the share of the units existing then, when the number of units was given."""

    code: ClassVar[str] = "reached"
    figure: FigureRef
    standing: Relation | PathTrack | DirectTrack | None = None
    share: UnitShare | None = None


@dataclass(frozen=True)
class ReductionYear:
    """A year's count of a reduction target and its change on the year before (`change` the
    size of the change in %, `fell` its direction; None when the year before was zero)."""

    code: ClassVar[str] = "reduction_year"
    figure: FigureRef
    change: Decimal | None
    fell: bool
    previous_year: int


@dataclass(frozen=True)
class YearTally:
    """How many years met the requirement: `total` years so far, `judged` with figures."""

    code: ClassVar[str] = "year_tally"
    met: int
    judged: int
    total: int
    failed: tuple[int, ...]
    missing: tuple[int, ...]
    final: bool


@dataclass(frozen=True)
class MeanGrowth:
    """The mean of the yearly growth rates (`years` those with a figure) and how it stands;
    `relation` None when the period is over with years missing (no mean of the period)."""

    code: ClassVar[str] = "mean_growth"
    from_year: int
    to_year: int
    years: tuple[int, ...]
    missing: tuple[int, ...]
    mean: Decimal
    unit: str
    relation: Relation | None
    final: bool


@dataclass(frozen=True)
class PeriodFigureUsed:
    """A figure for the whole period (`figure.from_year` … `figure.year`) decides an
    avg_growth target (`measure` "mean": the period's mean growth) or an increase target
    (`measure` "increase": what was added over the period), in preference to what the yearly
    figures give. `yearly_value` is what they give (when they give it: all years there);
    `yearly_missing` the years they lack, when there are yearly figures at all."""

    code: ClassVar[str] = "period_figure"
    measure: str
    figure: FigureRef
    relation: Relation
    yearly_value: Decimal | None = None
    yearly_missing: tuple[int, ...] = ()


@dataclass(frozen=True)
class Increase:
    """The latest stock, its increase on the baseline, and how the increase stands."""

    code: ClassVar[str] = "increase"
    figure: FigureRef
    gained: Decimal
    base: BaseRef
    standing: Relation | IncreasePath
    share: UnitShare | None = None


@dataclass(frozen=True)
class BaseGap:
    """No baseline-year figure: the increase is counted from a later year (uncertain)."""

    code: ClassVar[str] = "base_gap"
    base_year: int
    counted_from: int


@dataclass(frozen=True)
class Completed:
    """A milestone completed in `year` (by the figure type given); on time if ≤ to_year."""

    code: ClassVar[str] = "completed"
    year: int
    figure_type: str
    to_year: int


@dataclass(frozen=True)
class NotCompleted:
    """A milestone not completed: `done_pct` of the work in `year`; then either the deadline
    has passed (`deadline_passed`) or `track` compares it with the straight path."""

    code: ClassVar[str] = "not_completed"
    year: int
    done_pct: Decimal
    figure_type: str
    to_year: int
    deadline_passed: bool
    track: PathTrack | DirectTrack | None = None


@dataclass(frozen=True)
class Missing:
    """What the verdict lacks. need:

    * "year": no figure for `year`;
    * "until": no figure at all up to `year`;
    * "any_year": no figure for any year from `from_year` to `year` (`final`: of the period);
    * "growth": no growth rate for any year of the period `from_year` … `year`;
    * "since": no figure since `from_year`;
    * "baseline": no baseline figure (for `year`) to count an increase from;
    * "completion": no figure on the progress of a milestone up to `year`;
    * "not_started": the period `from_year` … `to_year` has not begun in `year`.
    """

    code: ClassVar[str] = "missing"
    need: str
    year: int
    from_year: int | None = None
    final: bool = False
    to_year: int | None = None


@dataclass(frozen=True)
class LatestFigure:
    """With data missing for the verdict: the latest figure there is."""

    code: ClassVar[str] = "latest_figure"
    figure: FigureRef
    share: UnitShare | None = None


@dataclass(frozen=True)
class EstimateNote:
    code: ClassVar[str] = "estimate_note"
    years: tuple[int, ...]


@dataclass(frozen=True)
class UncertainNote:
    """The verdict is uncertain because of a qualified figure (`figure`), or in general."""

    code: ClassVar[str] = "uncertain_note"
    figure: FigureRef | None


@dataclass(frozen=True)
class ProjectionNote:
    """The projection to the last year. basis: "level" (the figure), "yearly" (a year's
    figure), "increase" (the stock), "mean" (the mean over the whole period)."""

    code: ClassVar[str] = "projection"
    year: int
    value: Decimal
    unit: str
    method: str  # "linear_trend" | "straight_path"
    basis: str


@dataclass(frozen=True)
class NotAssessed:
    code: ClassVar[str] = "not_assessed"


@dataclass(frozen=True)
class Assessed:
    """The latest reviewer's assessment: by whom (may be empty) and the grounds given."""

    code: ClassVar[str] = "assessed"
    by: str
    grounds: str


Part = (
    Reached
    | ReductionYear
    | YearTally
    | MeanGrowth
    | PeriodFigureUsed
    | Increase
    | BaseGap
    | Completed
    | NotCompleted
    | Missing
    | LatestFigure
    | EstimateNote
    | UncertainNote
    | ProjectionNote
    | NotAssessed
    | Assessed
)


@dataclass(frozen=True)
class Reason:
    """The verdict and the parts of its explanation."""

    status: Status
    parts: tuple[Part, ...]

    @property
    def verdict_in_parts(self) -> bool:
        """Whether the parts already say the verdict: no data, and what is missing. The
        sentence then ends there instead of repeating it (": chưa có số liệu.")."""
        if self.status != Status.NO_DATA:
            return False
        return any(
            isinstance(part, Missing)
            or (isinstance(part, YearTally) and part.missing and part.final)
            or (isinstance(part, MeanGrowth) and part.relation is None)
            for part in self.parts
        )


def reason_data(value: Any) -> Any:
    """A reason (or any part of it) as JSON-ready data: dataclasses as dicts with their
    `code` first where they have one, Decimals as plain strings, tuples as lists."""
    if isinstance(value, Status):
        return str(value)
    if isinstance(value, Decimal):
        text = f"{value:f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return "0" if text in ("-0", "") else text
    if isinstance(value, tuple | list):
        return [reason_data(v) for v in value]
    if is_dataclass(value) and not isinstance(value, type):
        data: dict[str, Any] = {}
        code = getattr(type(value), "code", None)
        if isinstance(code, str):
            data["code"] = code
        for field in fields(value):
            data[field.name] = reason_data(getattr(value, field.name))
        return data
    return value
