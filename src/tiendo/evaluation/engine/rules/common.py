"""What every rule works with: the case being judged, its outcome, the baseline, the straight
path from the baseline to the target, and the outcome when data is missing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from .. import wording
from ..arithmetic import divide
from ..compare import Grade, Rule, Verdict, track_verdict
from ..explain import fig, relation_phrase, sentence, show, target_phrase
from ..figures import reading
from ..intervals import ZERO, Interval
from ..result import Projection
from ..spec import PERIOD_KINDS, Figure, Status, TargetSpec

__all__ = [
    "Base",
    "Case",
    "Outcome",
    "Track",
    "base_year",
    "earliest_base",
    "no_data",
    "progress_base",
    "stated_base",
    "track_latest",
]


@dataclass(frozen=True)
class Case:
    spec: TargetSpec
    chosen: Mapping[int, Figure]
    as_of_year: int
    rule: Rule | None

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
class Base:
    """The baseline: a year and its value, from the plan text (`figure` None) or a figure."""

    year: int
    reading: Interval
    figure: Figure | None

    @property
    def value(self) -> Decimal:
        return self.reading.point.value

    def text(self, unit: str, *, share: bool = False) -> str:
        """The baseline for a sentence: "12,2% (số báo cáo) năm 2021"; `share` shows a fraction in %."""
        if share:
            shown = show(self.value * 100, "%")
            kind = (
                ""
                if self.figure is None
                else f" ({wording.FIGURE_TYPE_LABELS[self.figure.figure_type]})"
            )
            return f"{shown}{kind} năm {self.year}"
        if self.figure is None:
            return f"{wording.amount(self.value, unit)} năm {self.year} (số gốc)"
        return f"{fig(self.figure, unit)} năm {self.year}"


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


def no_data(case: Case, missing: str) -> Outcome:
    """No figure for what the verdict needs; mention the latest figure there is."""
    latest = case.chosen[max(case.chosen)] if case.chosen else None
    parts = [missing]
    if latest is not None:
        parts.append(f"số liệu gần nhất là năm {latest.year}: {fig(latest, case.unit)}")
    return Outcome(Status.NO_DATA, sentence(parts, Status.NO_DATA), latest=latest)


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
    text: str  # how the latest figure stands against the path (or the target itself)


def track_latest(case: Case, rule: Rule, latest: Figure, base: Base | None) -> Track:
    """Compare the latest figure with the straight path from the baseline to the target in
    the latest figure's year; without a baseline, with the target itself."""
    spec, unit = case.spec, case.unit
    q = reading(latest)
    milestone = spec.kind == "milestone"
    if base is None:
        verdict = rule.judge(q)
        target = (
            "hoàn thành"
            if milestone
            else relation_phrase(spec, rule, verdict.settled, target_phrase(spec), unit)
        )
        return Track(
            verdict.capped(),
            f"chưa có số liệu năm gốc nên so trực tiếp với chỉ tiêu năm {spec.to_year}, {target}",
        )
    n = Decimal(spec.to_year - base.year)
    k = Decimal(latest.year - base.year)
    path = base.reading.times(n - k) + Interval.exact(rule.aim * k)
    verdict = track_verdict(q.times(n), path, rule, n)
    path_value = divide(path.point.value, n)
    word = "đúng hoặc vượt" if verdict.settled >= Grade.MET else "chậm hơn"
    target = "hoàn thành" if milestone else target_phrase(spec, "mức", unit)
    milestone_value = show(path_value * 100, "%") if milestone else show(path_value, unit)
    return Track(
        verdict,
        f"{word} lộ trình đều từ {base.text(unit, share=milestone)} đến {target} năm "
        f"{spec.to_year} (mốc năm {latest.year}: {milestone_value})",
    )
