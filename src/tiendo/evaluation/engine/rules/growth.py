"""Average growth (`avg_growth`): the mean of the yearly growth rates over the period."""

from __future__ import annotations

from decimal import Decimal

from .. import reasons as r
from ..arithmetic import divide, rounded
from ..compare import FINAL_STATUS, TRACK_STATUS, combine, progress_toward, single
from ..figures import reading
from ..intervals import ZERO, Interval
from ..projection import project_mean
from ..spec import Status
from .common import Case, Outcome, no_data, parts
from .period import evaluate_period_figure
from .phrases import estimate_note, projection_note, relation, uncertain_note

__all__ = ["evaluate_avg_growth"]


def evaluate_avg_growth(case: Case) -> Outcome:
    spec, rule, unit = case.spec, case.rule, case.unit
    assert rule is not None and spec.from_year is not None
    years = case.period_years()
    rates = {y: case.chosen[y] for y in years if y in case.chosen}
    missing = tuple(y for y in years if y not in rates)
    if case.period is not None:
        mean_of_years = None
        if rates and not missing:
            mean_of_years = rounded(
                divide(sum((f.value for f in rates.values()), ZERO), Decimal(len(rates)))
            )
        return evaluate_period_figure(
            case,
            measure="mean",
            yearly_value=mean_of_years,
            yearly_missing=missing if rates else (),
        )
    if not rates:
        return no_data(case, r.Missing("growth", spec.to_year, spec.from_year))
    m = Decimal(len(rates))
    total = Interval.exact(ZERO)
    for figure in rates.values():
        total = total + reading(figure)
    mean = divide(total.point.value, m)
    used = tuple(rates.values())
    projection = None
    standing: r.Relation | None = None
    if case.final and missing:
        status, uncertain = Status.NO_DATA, False
    else:
        # Compare the sum with the target × the number of years: exact, no division. Before
        # the last year the straight path of a mean is the target itself.
        verdict = rule.times(m).judge(total)
        if case.final:
            status, uncertain = combine([verdict], single(FINAL_STATUS))
        else:
            status, uncertain = combine([verdict.capped()], single(TRACK_STATUS))
        standing = relation(spec, rule, verdict.settled, "mean")
    if not case.final or missing:
        projection = project_mean(case.spec, rates)
    head = r.MeanGrowth(
        from_year=spec.from_year,
        to_year=spec.to_year,
        years=tuple(rates),
        missing=missing,
        mean=rounded(mean),
        unit=unit,
        relation=standing,
        final=case.final,
    )
    return Outcome(
        status,
        parts(
            head,
            estimate_note(used),
            uncertain_note(uncertain, used, unit),
            projection_note(projection, unit, "mean"),
        ),
        uncertain=uncertain,
        latest=used[-1],
        judged_value=rounded(mean),
        progress_pct=progress_toward(rule, mean),
        projection=projection,
        years_judged=tuple(rates),
        years_missing=missing,
        used=used,
    )
