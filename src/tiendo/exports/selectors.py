"""Reads of exports: the open-data table of accepted figures."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tiendo.core.numbers import plain_decimal
from tiendo.indicators.models import Figure
from tiendo.plans.models import Plan

OPEN_DATA_FIELDS = [
    "plan",
    "program",
    "target_code",
    "indicator",
    "unit",
    "year",
    "value",
    "figure_type",
    "qualifier",
    "source",
    "corrects_id",
    "figure_id",
    "accepted_at",
]


def open_figures(*, plan: Plan) -> Iterator[dict[str, Any]]:
    """Every accepted figure of the plan with its target (one query), oldest first.
    Corrections are rows of their own that name the figure they correct."""
    rows = (
        Figure.objects.filter(target__plan=plan)
        .select_related("target__program")
        .order_by("target__position", "year", "id")
    )
    for fig in rows.iterator(chunk_size=2000):
        yield {
            "plan": plan.code,
            "program": fig.target.program.number,
            "target_code": fig.target.code,
            "indicator": fig.target.indicator,
            "unit": fig.target.unit,
            "year": fig.year,
            "value": plain_decimal(fig.value),
            "figure_type": fig.figure_type,
            "qualifier": fig.qualifier,
            "source": fig.source,
            "corrects_id": fig.corrects_id,
            "figure_id": fig.pk,
            "accepted_at": fig.accepted_at.isoformat(),
        }
