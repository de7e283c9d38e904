"""What every rule works with: the case being judged, its outcome, the baseline, the straight
path from the baseline to the target, and the outcome when data is missing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from .. import reasons as r
from ..arithmetic import divide, rounded
from ..compare import Grade, Rule, Verdict, track_verdict
from ..figures import reading
from ..intervals import ZERO, Interval
from ..result import Projection
from ..spec import PERIOD_KINDS, Figure, Status, TargetSpec
from .phrases import figure_ref, projection_note, relation, target_ref

__all__ = [
    "Base",
    "Case",
    "Outcome",
    "Track",
    "base_year",
    "earliest_base",
    "no_data",
    "parts",
    "progress_base",
    "stated_base",
    "track_latest",
    "unit_share",
]


@dataclass(frozen=True)
class Case:
    """A target being judged: its yearly figures that count (`chosen`), the figure for its
    whole period if one was given (`period`, avg_growth and increase only), the number of
    units existing each year where given (`denominators`), the as-of year and its rule."""

    spec: TargetSpec
    chosen: Mapping[int, Figure]
    as_of_year: int
    rule: Rule | None
    period: Figure | None = None
    denominators: Mapping[int, Decimal] = field(default_factory=dict)

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
class Outcome:
    """What a rule found: the status, the parts of the reason, and the numbers behind them."""

    status: Status
    parts: tuple[r.Part, ...]
    uncertain: bool = False
    latest: Figure | None = None
    judged_value: Decimal | None = None
    progress_pct: Decimal | None = None
    projection: Projection | None = None
    years_met: tuple[int, ...] | None = None
    years_judged: tuple[int, ...] | None = None
    years_missing: tuple[int, ...] | None = None
    used: tuple[Figure, ...] = ()
    progress_holds: bool = False  # progress holds for every later year (a completed milestone)


@dataclass(frozen=True)
class Base:
    """The baseline: a year and its value, from the plan text (`figure` None) or a figure."""

    year: int
    reading: Interval
    figure: Figure | None

    @property
    def value(self) -> Decimal:
        return self.reading.point.value

    def ref(self, unit: str, *, share: bool = False) -> r.BaseRef:
        """The baseline for a reason; `share` shows a fraction (of a milestone) in %."""
        figure_type = None if self.figure is None else self.figure.figure_type
        if share:
            return r.BaseRef(self.year, rounded(self.value * 100), "%", figure_type, share=True)
        if self.figure is None:
            return r.BaseRef(self.year, self.value, unit, None)
        return r.BaseRef(
            self.year, self.figure.value, unit, figure_type, qualifier=self.figure.qualifier
        )


def unit_share(case: Case, figure: Figure) -> r.UnitShare | None:
    """A count as a share of the units existing in its year, when that number was given."""
    denominator = case.denominators.get(figure.year)
    if denominator is None or case.spec.unit.startswith("%"):
        return None  # a rate is not a count of units
    noun = case.spec.unit.split(" (")[0].strip()
    pct = rounded(divide(figure.value * 100, denominator))
    return r.UnitShare(figure.year, denominator, pct, noun, figure.qualifier)


def parts(*items: r.Part | None) -> tuple[r.Part, ...]:
    """The parts of a reason, leaving out those that do not apply (None)."""
    return tuple(item for item in items if item is not None)


def base_year(spec: TargetSpec) -> int | None:
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


def stated_base(case: Case) -> Base | None:
    """The baseline stated with the target (if it is for the baseline year), else the figure
    of the baseline year."""
    spec = case.spec
    year = base_year(spec)
    if year is None:
        return None
    if spec.baseline_value is not None and spec.baseline_year in (None, year):
        return Base(year, Interval.exact(spec.baseline_value), None)
    figure = case.chosen.get(year)
    return None if figure is None else Base(year, reading(figure), figure)


def earliest_base(case: Case, before: int, *, since: int | None = None) -> Base | None:
    for year, figure in case.chosen.items():
        if year < before and (since is None or year >= since):
            return Base(year, reading(figure), figure)
    return None


def no_data(
    case: Case,
    missing: r.Missing,
    *,
    progress: Decimal | None = None,
    projection: Projection | None = None,
    basis: str = "level",
) -> Outcome:
    """No figure for what the verdict needs; mention the latest figure there is, and where the
    figures are heading (`projection`, worded for `basis`). `progress` is measured on the latest
    figure (Evaluation.latest_progress_pct)."""
    latest = case.chosen[max(case.chosen)] if case.chosen else None
    shown = None
    if latest is not None:
        shown = r.LatestFigure(figure_ref(latest, case.unit), unit_share(case, latest))
    return Outcome(
        Status.NO_DATA,
        parts(missing, shown, projection_note(projection, case.unit, basis)),
        latest=latest,
        progress_pct=progress,
        projection=projection,
    )


def progress_base(case: Case, latest_year: int, *, zero_start: bool = False) -> Base | None:
    """The baseline for the straight path: stated or baseline-year figure; for a milestone,
    0 (not started) in the baseline year; else the earliest earlier figure."""
    base = stated_base(case)
    if base is not None and base.year < latest_year:
        return base
    year = base_year(case.spec)
    if zero_start and year is not None and year < latest_year:
        return Base(year, Interval.exact(ZERO), None)
    return earliest_base(case, latest_year)


@dataclass(frozen=True)
class Track:
    verdict: Verdict
    standing: r.PathTrack | r.DirectTrack  # the latest figure against the path (or target)


def track_latest(case: Case, rule: Rule, latest: Figure, base: Base | None) -> Track:
    """Compare the latest figure with the straight path from the baseline to the target in
    the latest figure's year; without a baseline, with the target itself."""
    spec, unit = case.spec, case.unit
    q = reading(latest)
    milestone = spec.kind == "milestone"
    if base is None:
        verdict = rule.judge(q)
        standing = None if milestone else relation(spec, rule, verdict.settled)
        return Track(verdict.capped(), r.DirectTrack(spec.to_year, standing))
    n = Decimal(spec.to_year - base.year)
    k = Decimal(latest.year - base.year)
    path = base.reading.times(n - k) + Interval.exact(rule.aim * k)
    verdict = track_verdict(q.times(n), path, rule, n)
    path_value = divide(path.point.value, n)
    return Track(
        verdict,
        r.PathTrack(
            ahead=verdict.settled >= Grade.MET,
            base=base.ref(unit, share=milestone),
            target=None if milestone else target_ref(spec),
            to_year=spec.to_year,
            at_year=latest.year,
            milestone=rounded(path_value * 100) if milestone else rounded(path_value),
            milestone_unit="%" if milestone else unit,
        ),
    )
