"""Reads of exports: the open-data table of accepted figures."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tiendo.core.numbers import plain_decimal
from tiendo.plans.models import Plan
from tiendo.plans.selectors import plan_figures

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
    for row in plan_figures(plan=plan):
        fig = row.figure
        yield {
            "plan": plan.code,
            "program": row.program,
            "target_code": row.target_code,
            "indicator": row.indicator,
            "unit": row.unit,
            "year": fig.year,
            "value": plain_decimal(fig.value),
            "figure_type": fig.figure_type,
            "qualifier": fig.qualifier,
            "source": fig.source,
            "corrects_id": fig.corrects_id,
            "figure_id": fig.pk,
            "accepted_at": fig.accepted_at.isoformat(),
        }
