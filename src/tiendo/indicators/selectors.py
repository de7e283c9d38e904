"""Reads of indicators and figures."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import QuerySet

from tiendo.core.numbers import plain_decimal

from .models import Figure, FigureType, Indicator


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


def indicator_figures(*, indicator: Indicator) -> QuerySet[Figure]:
    """Every accepted figure of one indicator, in every area, corrections included: by area,
    newest year first, then in the order accepted (one query)."""
    return (
        Figure.objects.filter(indicator=indicator)
        .select_related("area", "reported_by", "corrects", "accepted_by")
        .order_by("area__name", "area_id", "-year", "from_year", "id")
    )


# --- Open data -----------------------------------------------------------------------------------

# SDMX-like column names that statistical tools read; the names and sources beside the codes.
OPEN_SERIES_FIELDS = [
    "INDICATOR",
    "INDICATOR_NAME",
    "REF_AREA",
    "REF_AREA_NAME",
    "TIME_PERIOD",
    "OBS_VALUE",
    "UNIT_MEASURE",
    "OBS_STATUS",
    "OBS_QUALIFIER",
    "SOURCE",
]

# SDMX observation status codes (code list CL_OBS_STATUS): A normal, P provisional, E estimated.
OBS_STATUS: dict[str, str] = {
    FigureType.OFFICIAL.value: "A",
    FigureType.REPORTED.value: "P",
    FigureType.ESTIMATE.value: "E",
}
# The figure of a year that counts: official, else published (reported), else the estimate.
PRECEDENCE: dict[str, int] = {
    FigureType.OFFICIAL.value: 3,
    FigureType.REPORTED.value: 2,
    FigureType.ESTIMATE.value: 1,
}


def figures_counting(figures: Iterable[Figure]) -> list[Figure]:
    """Of accepted figures, the one that counts for each indicator, area and period: the latest
    official figure, else the latest published one, else the latest estimate."""
    best: dict[tuple[int, int, int, int | None], Figure] = {}
    for figure in figures:
        key = (figure.indicator_id, figure.area_id, figure.year, figure.from_year)
        held = best.get(key)
        rank = (PRECEDENCE.get(figure.figure_type, 0), figure.pk)
        if held is None or rank > (PRECEDENCE.get(held.figure_type, 0), held.pk):
            best[key] = figure
    return list(best.values())


def open_series(*, indicator: Indicator | None = None) -> Iterator[dict[str, Any]]:
    """Open data of indicators: one row per indicator, area and year (or period, written
    FROM/TO as in ISO 8601: "2021/2025"), the figure that counts, with SDMX-like column names
    (one query). Corrections replace what they correct; the superseded values are in the
    figures' history on the indicator page and in the audit log."""
    rows = Figure.objects.select_related("indicator", "area").order_by(
        "indicator__code", "area__code", "year", "from_year", "id"
    )
    if indicator is not None:
        rows = rows.filter(indicator=indicator)
    counting = figures_counting(rows)
    counting.sort(key=lambda f: (f.indicator.code, f.area.code, f.year, f.from_year or 0))
    for fig in counting:
        yield {
            "INDICATOR": fig.indicator.code,
            "INDICATOR_NAME": fig.indicator.name,
            "REF_AREA": fig.area.code,
            "REF_AREA_NAME": fig.area.name,
            "TIME_PERIOD": f"{fig.from_year}/{fig.year}" if fig.from_year else str(fig.year),
            "OBS_VALUE": plain_decimal(fig.value),
            "UNIT_MEASURE": fig.indicator.unit,
            "OBS_STATUS": OBS_STATUS.get(fig.figure_type, ""),
            "OBS_QUALIFIER": fig.qualifier,
            "SOURCE": fig.source or fig.indicator.source,
        }
