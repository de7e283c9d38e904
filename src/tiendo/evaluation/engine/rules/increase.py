"""Increase over the period (`increase`): the stock at the end minus the stock at the start."""

from __future__ import annotations

from decimal import Decimal

from .. import reasons as r
from ..arithmetic import divide, rounded
from ..compare import (
    FINAL_STATUS,
    TRACK_STATUS,
    Grade,
    combine,
    progress_toward,
    single,
    track_verdict,
)
from ..figures import reading
from ..intervals import Interval
from ..projection import project
from ..spec import Figure
from .common import Case, Outcome, earliest_base, no_data, parts, stated_base, unit_share
from .period import evaluate_period_figure
from .phrases import figure_ref, projection_note, relation, target_ref, uncertain_note

__all__ = ["evaluate_increase"]


def evaluate_increase(case: Case) -> Outcome:
    spec, rule, unit = case.spec, case.rule, case.unit
    assert rule is not None and spec.from_year is not None
    stocks = {y: f for y, f in case.chosen.items() if spec.from_year <= y <= spec.to_year}
    end_missing = case.final and spec.to_year not in stocks
    if case.period is not None:
        return _by_period_figure(case, stocks)
    if not stocks:
        if case.final:
            return no_data(case, r.Missing("year", spec.to_year))
        return no_data(case, r.Missing("since", case.as_of_year, spec.from_year))
    latest = stocks[max(stocks)]
    base = stated_base(case)
    fallback = base is None
    if base is None:
        base = earliest_base(case, latest.year, since=spec.from_year)
    if base is None:
        if end_missing:
            return no_data(case, r.Missing("year", spec.to_year))
        return no_data(case, r.Missing("baseline", spec.from_year - 1))
    increase = reading(latest) - base.reading
    gained = increase.point.value
    points = [(base.year, base.value)] + [(y, f.value) for y, f in stocks.items() if y > base.year]
    if end_missing:
        # The last year's stock is missing: say how far the latest went, and where it heads
        # (unless a later figure is the latest there is).
        heading = latest.year == max(case.chosen)
        return no_data(
            case,
            r.Missing("year", spec.to_year),
            progress=progress_toward(rule, gained) if heading else None,
            projection=project(points, spec.to_year) if heading else None,
            basis="increase",
        )
    standing: r.Relation | r.IncreasePath
    if case.final:
        verdict = rule.judge(increase)
        status, uncertain = combine([verdict], single(FINAL_STATUS))
        standing = relation(spec, rule, verdict.settled, "increase")
        projection = None
    else:
        n = Decimal(spec.to_year - (spec.from_year - 1))
        k = Decimal(latest.year - base.year)
        verdict = track_verdict(increase.times(n), Interval.exact(rule.aim * k), rule, n)
        status, uncertain = combine([verdict], single(TRACK_STATUS))
        standing = r.IncreasePath(
            ahead=verdict.settled >= Grade.MET,
            target=target_ref(spec, "increase"),
            at_year=latest.year,
            milestone=rounded(divide(rule.aim * k, n)),
            unit=unit,
        )
        projection = project(points, spec.to_year)
    uncertain = uncertain or fallback
    used = tuple(f for f in (base.figure, latest) if f is not None)
    return Outcome(
        status,
        parts(
            r.Increase(
                figure_ref(latest, unit),
                rounded(gained),
                base.ref(unit),
                standing,
                unit_share(case, latest),
            ),
            r.BaseGap(spec.from_year - 1, base.year) if fallback else None,
            uncertain_note(uncertain and not fallback, used, unit),
            projection_note(projection, unit, "increase"),
        ),
        uncertain=uncertain,
        latest=latest,
        judged_value=gained,
        progress_pct=progress_toward(rule, gained),
        projection=projection,
        used=used,
    )


def _by_period_figure(case: Case, stocks: dict[int, Figure]) -> Outcome:
    """The figure for the period is the increase over it; the yearly stocks give one too when
    both the baseline and the last year's stock are there."""
    spec = case.spec
    assert spec.from_year is not None
    base = stated_base(case)
    end = stocks.get(spec.to_year)
    yearly_value = None
    if base is not None and end is not None:
        yearly_value = rounded(end.value - base.value)
    lacking = (() if base is not None else (spec.from_year - 1,)) + (
        () if end is not None else (spec.to_year,)
    )
    return evaluate_period_figure(
        case,
        measure="increase",
        yearly_value=yearly_value,
        yearly_missing=lacking if (stocks or base is not None) else (),
    )
