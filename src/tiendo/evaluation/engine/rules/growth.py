"""Average growth (`avg_growth`): the mean of the yearly growth rates over the period."""

from __future__ import annotations

from decimal import Decimal

from .. import wording
from ..arithmetic import divide, rounded
from ..compare import FINAL_STATUS, TRACK_STATUS, combine, progress_toward, single
from ..explain import (
    MEAN_METHOD_WORDS,
    estimate_note,
    projection_note,
    relation_phrase,
    sentence,
    show,
    target_phrase,
    uncertain_note,
)
from ..figures import reading
from ..intervals import ZERO, Interval
from ..projection import project_mean
from ..spec import Status
from .common import Case, Outcome, no_data

__all__ = ["evaluate_avg_growth"]


def evaluate_avg_growth(case: Case) -> Outcome:
    spec, rule, unit = case.spec, case.rule, case.unit
    assert rule is not None and spec.from_year is not None
    years = case.period_years()
    rates = {y: case.chosen[y] for y in years if y in case.chosen}
    missing = tuple(y for y in years if y not in rates)
    label = wording.period(spec.from_year, spec.to_year)
    if not rates:
        return no_data(case, f"chưa có số liệu tăng trưởng năm nào giai đoạn {label}")
    m = Decimal(len(rates))
    total = Interval.exact(ZERO)
    for figure in rates.values():
        total = total + reading(figure)
    mean = divide(total.point.value, m)
    used = tuple(rates.values())
    over = "" if not missing else f"các năm {wording.years_text(list(rates))} "
    head = f"bình quân {over or label + ' '}tăng {show(mean, unit)}"
    what = target_phrase(spec, "mức bình quân")
    projection = None
    if case.final and missing:
        status, uncertain = Status.NO_DATA, False
        relation = f"thiếu số liệu năm {wording.years_text(missing)} nên chưa tính được bình quân cả giai đoạn"
    else:
        # Compare the sum with the target × the number of years: exact, no division. Before
        # the last year the straight path of a mean is the target itself.
        verdict = rule.times(m).judge(total)
        if case.final:
            status, uncertain = combine([verdict], single(FINAL_STATUS))
        else:
            status, uncertain = combine([verdict.capped()], single(TRACK_STATUS))
        relation = relation_phrase(spec, rule, verdict.settled, what, unit)
    if not case.final:
        if missing:
            relation += f", thiếu số liệu năm {wording.years_text(missing)}"
        projection = project_mean(case.spec, rates)
    parts = [
        f"{head}, {relation}",
        estimate_note(used),
        uncertain_note(uncertain, used, unit),
        projection_note(projection, unit, "bình quân cả giai đoạn ", MEAN_METHOD_WORDS),
    ]
    return Outcome(
        status,
        sentence(parts, status),
        uncertain=uncertain,
        latest=used[-1],
        judged_value=rounded(mean),
        progress_pct=progress_toward(rule, mean),
        projection=projection,
        years_judged=tuple(rates),
        years_missing=missing,
        used=used,
    )
