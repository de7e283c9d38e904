"""Yearly targets: `annual` and `maintain` (every year meets the comparator) and
`annual_reduction` (every year's count falls by the percentage asked)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from .. import reasons as r
from ..arithmetic import PROGRESS_QUANTUM, divide, rounded
from ..compare import Grade, Verdict, combine
from ..figures import by_year, reading
from ..intervals import INF, Bound, Interval
from ..projection import project
from ..spec import Figure, Status
from .common import Base, Case, Outcome, base_year, no_data, parts, stated_base, unit_share
from .phrases import estimate_note, figure_ref, projection_note, uncertain_note

__all__ = ["evaluate_yearly"]


@dataclass(frozen=True)
class Year:
    year: int
    verdict: Verdict
    figure: Figure
    part: r.Reached | r.ReductionYear  # what the year's figure says
    value: Decimal | None  # the quantity judged: the figure, or the reduction in %
    previous: Figure | None = None  # for a reduction, the previous year's figure


def final_yearly(missing: bool) -> Callable[[list[Grade]], Status]:
    def aggregate(grades: list[Grade]) -> Status:
        if not grades:
            return Status.NO_DATA
        if Grade.NOT_MET in grades:
            return Status.NOT_ACHIEVED
        if missing:
            return Status.NO_DATA
        return Status.EXCEEDED if all(g == Grade.EXCEEDED for g in grades) else Status.ACHIEVED

    return aggregate


def progress_yearly(grades: list[Grade]) -> Status:
    if not grades:
        return Status.NO_DATA
    return Status.AT_RISK if Grade.NOT_MET in grades else Status.ON_TRACK


def annual_years(case: Case) -> tuple[list[Year], list[int]]:
    rule = case.rule
    assert rule is not None
    judged: list[Year] = []
    missing: list[int] = []
    for year in case.period_years():
        figure = case.chosen.get(year)
        if figure is None:
            missing.append(year)
        else:
            part = r.Reached(figure_ref(figure, case.unit), share=unit_share(case, figure))
            judged.append(Year(year, rule.judge(reading(figure)), figure, part, figure.value))
    return judged, missing


def previous_count(case: Case, year: int) -> Base | None:
    """The count of the year before `year`; for the baseline year the stated baseline comes
    first."""
    if year - 1 == base_year(case.spec):
        return stated_base(case)
    figure = case.chosen.get(year - 1)
    return None if figure is None else Base(year - 1, reading(figure), figure)


def reduction_bound(prev: Bound, cur: Bound) -> Bound:
    """The reduction in % from prev to cur, 100·(1 − cur/prev), keeping the sides exact."""
    if cur.value.is_infinite():
        return -INF
    cur_positive = cur.value > 0 or (cur.value == 0 and cur.side > 0)
    if prev.value.is_infinite():
        return Bound(Decimal(100), -1 if cur_positive else 0)
    if prev.value == 0:  # only "hơn 0": any positive count is an unbounded rise
        return -INF if cur_positive else Bound(Decimal(100))
    ratio = divide(cur.value, prev.value)
    side = cur.side if cur.value == 0 else cur.side - prev.side
    return Bound(100 - 100 * ratio, -((side > 0) - (side < 0)))


def reduction_years(case: Case) -> tuple[list[Year], list[int]]:
    rule = case.rule
    assert rule is not None
    judged: list[Year] = []
    missing: list[int] = []
    for year in case.period_years():
        figure, previous = case.chosen.get(year), previous_count(case, year)
        if figure is None or previous is None:
            missing.append(year)
            continue
        now, before = reading(figure), previous.reading
        if before.point.value <= 0:
            # Nothing to reduce: staying at zero meets the target, any rise does not.
            grade = Grade.MET if now.point.value == 0 else Grade.NOT_MET
            shown = r.ReductionYear(figure_ref(figure, ""), None, False, year - 1)
            judged.append(
                Year(year, Verdict(grade, grade, grade), figure, shown, None, previous.figure)
            )
            continue
        reduction = Interval(
            reduction_bound(before.lo, now.hi),
            reduction_bound(before.point, now.point),
            reduction_bound(before.hi, now.lo),
        )
        change = reduction.point.value
        part = r.ReductionYear(figure_ref(figure, ""), rounded(abs(change)), change >= 0, year - 1)
        judged.append(
            Year(year, rule.judge(reduction), figure, part, rounded(change), previous.figure)
        )
    return judged, missing


def yearly_tally(case: Case, judged: list[Year], missing: list[int]) -> r.YearTally:
    met = [y.year for y in judged if y.verdict.settled >= Grade.MET]
    failed = tuple(y.year for y in judged if y.verdict.settled < Grade.MET)
    total = len(judged) + len(missing)
    return r.YearTally(len(met), len(judged), total, failed, tuple(missing), case.final)


def evaluate_yearly(case: Case) -> Outcome:
    spec = case.spec
    if spec.kind == "annual_reduction":
        judged, missing = reduction_years(case)
    else:
        judged, missing = annual_years(case)
    verdicts = [y.verdict for y in judged]
    aggregate = final_yearly(bool(missing)) if case.final else progress_yearly
    status, uncertain = combine(verdicts, aggregate)
    if not judged:
        year = spec.to_year if case.final else case.as_of_year
        return no_data(case, r.Missing("any_year", year, spec.from_year, final=case.final))
    latest = judged[-1]
    used = tuple(
        sorted({f for y in judged for f in (y.previous, y.figure) if f is not None}, key=by_year)
    )
    projection = None
    if not case.final:
        assert spec.from_year is not None
        points = [(year, f.value) for year, f in case.chosen.items() if year >= spec.from_year - 1]
        projection = project(points, spec.to_year)
    unit = "" if spec.kind == "annual_reduction" else case.unit
    met = tuple(y.year for y in judged if y.verdict.settled >= Grade.MET)
    return Outcome(
        status,
        parts(
            latest.part,
            yearly_tally(case, judged, missing),
            estimate_note(used) if len(used) > 1 else None,
            uncertain_note(uncertain, used, unit),
            projection_note(projection, unit, "yearly"),
        ),
        uncertain=uncertain,
        latest=latest.figure,
        judged_value=latest.value,
        progress_pct=rounded(
            divide(Decimal(len(met) * 100), Decimal(len(judged))), PROGRESS_QUANTUM
        ),
        projection=projection,
        years_met=met,
        years_judged=tuple(y.year for y in judged),
        years_missing=tuple(missing),
        used=used,
    )
