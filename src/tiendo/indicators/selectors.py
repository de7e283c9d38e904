"""Reads of indicators and figures."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from .models import Figure, Indicator


def indicators_list() -> QuerySet[Indicator]:
    return Indicator.objects.order_by("name", "code")


def indicator_get(*, code: str) -> Indicator:
    return Indicator.objects.get(code=code)


def series_figures(*, indicator_ids: Iterable[int], area_id: int | None) -> QuerySet[Figure]:
    """Every accepted figure of these indicators in one area, corrections included, oldest
    first (the order in which they were accepted decides which one counts)."""
    return Figure.objects.filter(indicator_id__in=list(indicator_ids), area_id=area_id).order_by(
        "id"
    )
