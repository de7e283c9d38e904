"""Helpers for the engine tests: build targets and figures in one line, run the engine."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from tiendo.evaluation.engine import (
    Assessment,
    Evaluation,
    Figure,
    Status,
    TargetSpec,
    evaluate_target,
)

D = Decimal


def spec(
    kind: str = "level",
    comparator: str | None = "ge",
    value: str | None = "100",
    *,
    high: str | None = None,
    unit: str = "%",
    from_year: int | None = None,
    to_year: int = 2025,
    tolerance: str | None = None,
    baseline: tuple[int, str] | None = None,
    term_from_year: int | None = 2020,
    code: str = "t",
) -> TargetSpec:
    return TargetSpec(
        code=code,
        kind=kind,
        comparator=comparator,
        value=None if value is None else D(value),
        value_high=None if high is None else D(high),
        unit=unit,
        from_year=from_year,
        to_year=to_year,
        indicator="chỉ tiêu thử",
        baseline_value=None if baseline is None else D(baseline[1]),
        baseline_year=None if baseline is None else baseline[0],
        tolerance_pct=None if tolerance is None else D(tolerance),
        term_from_year=term_from_year,
    )


def fig(
    year: int, value: str, figure_type: str = "official", qualifier: str = "exact", order: int = 0
) -> Figure:
    return Figure(
        year=year, value=D(value), figure_type=figure_type, qualifier=qualifier, order=order
    )


def run(
    target: TargetSpec,
    figures: Sequence[Figure],
    as_of: int = 2025,
    assessments: Sequence[Assessment] = (),
) -> Evaluation:
    return evaluate_target(
        target=target, figures=figures, as_of_year=as_of, assessments=assessments
    )


def final_status(target: TargetSpec, value: str, qualifier: str = "exact") -> Status:
    return run(target, [fig(target.to_year, value, qualifier=qualifier)]).status


def one_sentence(text: str) -> bool:
    return text.endswith(".") and ". " not in text and text[0].isupper()


EXCEEDED, ACHIEVED, NOT_ACHIEVED = Status.EXCEEDED, Status.ACHIEVED, Status.NOT_ACHIEVED


Seed = tuple[dict[str, TargetSpec], dict[str, list[Figure]]]


def evaluate_seed(seed: Seed, code: str, as_of: int) -> Evaluation:
    targets, figures = seed
    return run(targets[code], figures[code], as_of)
