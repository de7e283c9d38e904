"""Small helpers shared by the tests."""

from __future__ import annotations

from typing import Any


def series_of(target: Any) -> dict[str, Any]:
    """The keys of the figure series a target reads: its indicator in its plan's area.
    `Figure.objects.create(**series_of(target), year=…, …)` gives the target a figure."""
    return {"indicator_id": target.indicator_ref_id, "area_id": target.plan.area_id}


def figures_of(target: Any) -> Any:
    """The accepted figures a target reads (a queryset)."""
    from tiendo.indicators.models import Figure

    return Figure.objects.filter(**series_of(target))
