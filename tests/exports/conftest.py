from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from tests.helpers import series_of
from tests.reporting.conftest import demo, rnd  # noqa: F401  (fixtures)


def figures_load(*, plan: Any, path: Path) -> int:
    """Load ../shared/data figures as accepted Figures, in file order (later rows win)."""
    from tiendo.indicators.models import Figure

    targets = {t.code: t for t in plan.targets.all()}
    count = 0
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            Figure.objects.create(
                **series_of(targets[row["code"]]),
                year=int(row["year"]),
                value=Decimal(row["value"]),
                figure_type=row.get("figure") or "official",
                qualifier=row.get("qualifier") or "exact",
                source=row.get("source_url", ""),
                note=row.get("quote", ""),
                accepted_at=timezone.now(),
            )
            count += 1
    return count


@pytest.fixture
def shared_figures(builtin_plan: Any, shared_dir: Path) -> Any:
    figures_load(plan=builtin_plan, path=shared_dir / "data/lang-son-reported-figures.csv")
    return builtin_plan
