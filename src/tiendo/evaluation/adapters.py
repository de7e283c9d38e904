"""From database rows to the engine's plain data."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

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


def target_meaning_text(*, target: Target, lang: str | None = "vi") -> str:
    """What the target asks, in words of `lang` (Vietnamese unless told): "Đến năm 2025 đạt
    trên 66%" / "By 2025, above 66%"."""
    return target_meaning(target_spec(target=target, term_from_year=None), lang)


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def document_target_spec(*, item: dict[str, Any], term_from_year: int | None) -> TargetSpec:
    """The engine's view of a target of a plan document (canonical form: numbers as decimal
    strings), e.g. as a form edits it or as a past revision recorded it. Raises ValueError when
    the fields do not fit together."""
    baseline = item.get("baseline")
    return TargetSpec(
        code=item["code"],
        kind=item["kind"],
        comparator=item.get("comparator"),
        value=_decimal(item.get("value")),
        value_high=_decimal(item.get("value_high")),
        unit=item.get("unit", ""),
        from_year=item.get("from_year"),
        to_year=item["to_year"],
        indicator=item["indicator"],
        baseline_value=_decimal(baseline["value"]) if baseline else None,
        baseline_year=baseline["year"] if baseline else None,
        tolerance_pct=_decimal(item.get("tolerance_pct")),
        term_from_year=term_from_year,
    )


def document_target_meaning(*, item: dict[str, Any], lang: str | None = "vi") -> str:
    """What a plan-document target asks, in words of `lang` (Vietnamese unless told); empty
    when it cannot be read."""
    try:
        return target_meaning(document_target_spec(item=item, term_from_year=None), lang)
    except (ValueError, KeyError, ArithmeticError):
        return ""
