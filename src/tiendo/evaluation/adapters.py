"""From database rows to the engine's plain data."""

from __future__ import annotations

from tiendo.plans.models import Target

from .engine import TargetSpec, target_meaning


def target_spec(*, target: Target, term_from_year: int | None) -> TargetSpec:
    """The engine's view of a target; `term_from_year` is the plan's first year (the default
    baseline year of level targets), passed in so that no query is made here."""
    return TargetSpec(
        code=target.code,
        kind=target.kind,
        comparator=target.comparator or None,
        value=target.value,
        value_high=target.value_high,
        unit=target.unit,
        from_year=target.from_year,
        to_year=target.to_year,
        indicator=target.indicator,
        baseline_value=target.baseline_value,
        baseline_year=target.baseline_year,
        tolerance_pct=target.tolerance_pct,
        term_from_year=term_from_year,
    )


def target_meaning_text(*, target: Target) -> str:
    """The target's meaning in Vietnamese words."""
    return target_meaning(target_spec(target=target, term_from_year=None))
