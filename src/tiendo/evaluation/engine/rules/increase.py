"""Increase over the period (`increase`): the stock at the end minus the stock at the start."""

from __future__ import annotations

from decimal import Decimal

from ..arithmetic import divide
from ..compare import (
    FINAL_STATUS,
    TRACK_STATUS,
    Grade,
    combine,
    progress_toward,
    single,
    track_verdict,
)
from ..explain import (
    fig,
    projection_note,
    relation_phrase,
    sentence,
    show,
    target_phrase,
    uncertain_note,
)
from ..figures import reading
from ..intervals import Interval
from ..projection import project
from .common import Case, Outcome, earliest_base, no_data, stated_base

__all__ = ["evaluate_increase"]


def evaluate_increase(case: Case) -> Outcome:
    spec, rule, unit = case.spec, case.rule, case.unit
    assert rule is not None and spec.from_year is not None
    stocks = {y: f for y, f in case.chosen.items() if spec.from_year <= y <= spec.to_year}
    if case.final and spec.to_year not in stocks:
        return no_data(case, f"chưa có số liệu năm {spec.to_year}")
    if not stocks:
        return no_data(case, f"chưa có số liệu nào từ năm {spec.from_year}")
    latest = stocks[max(stocks)]
    base = stated_base(case)
    fallback = base is None
    if base is None:
        base = earliest_base(case, latest.year, since=spec.from_year)
    if base is None:
        return no_data(case, f"chưa có số liệu năm gốc {spec.from_year - 1} để tính mức tăng")
    increase = reading(latest) - base.reading
    gained = increase.point.value
    what = target_phrase(spec, "mức tăng thêm")
    if case.final:
        verdict = rule.judge(increase)
        status, uncertain = combine([verdict], single(FINAL_STATUS))
        relation = relation_phrase(spec, rule, verdict.settled, what, unit)
        projection = None
    else:
        n = Decimal(spec.to_year - (spec.from_year - 1))
        k = Decimal(latest.year - base.year)
        verdict = track_verdict(increase.times(n), Interval.exact(rule.aim * k), rule, n)
        status, uncertain = combine([verdict], single(TRACK_STATUS))
        path_value = divide(rule.aim * k, n)
        word = "đúng hoặc vượt" if verdict.settled >= Grade.MET else "chậm hơn"
        relation = (
            f"{word} lộ trình đều tới {what} (mốc năm {latest.year}: tăng {show(path_value, unit)})"
        )
        points = [(base.year, base.value)] + [
            (y, f.value) for y, f in stocks.items() if y > base.year
        ]
        projection = project(points, spec.to_year)
    uncertain = uncertain or fallback
    used = tuple(f for f in (base.figure, latest) if f is not None)
    gap = ""
    if fallback:
        gap = f"thiếu số liệu năm gốc {spec.from_year - 1} nên tính mức tăng từ năm {base.year}, chưa chắc chắn"
    parts = [
        f"năm {latest.year} có {fig(latest, unit)}, tăng {show(gained, unit)} so với "
        f"{base.text(unit)}, {relation}",
        gap,
        uncertain_note(uncertain and not fallback, used, unit),
        projection_note(projection, unit, "có khoảng "),
    ]
    return Outcome(
        status,
        sentence(parts, status),
        uncertain=uncertain,
        latest=latest,
        judged_value=gained,
        progress_pct=progress_toward(rule, gained),
        projection=projection,
        used=used,
    )
