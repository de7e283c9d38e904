"""The built-in plan's targets (../shared/seed) with the real figures (../shared/data)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.evaluation.engine.helpers import D
from tiendo.evaluation.engine import Figure, TargetSpec


@pytest.fixture
def lang_son(shared_dir: Path) -> tuple[dict[str, TargetSpec], dict[str, list[Figure]]]:
    targets: dict[str, TargetSpec] = {}
    with (shared_dir / "seed" / "lang-son-2020-2025-targets.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            targets[row["code"]] = TargetSpec(
                code=row["code"],
                kind=row["kind"],
                comparator=row["comparator"] or None,
                value=D(row["value"]) if row["value"] else None,
                value_high=D(row["value_high"]) if row["value_high"] else None,
                unit=row["unit"],
                from_year=int(row["from_year"]) if row["from_year"] else None,
                to_year=int(row["to_year"]),
                indicator=row["indicator"],
                term_from_year=2020,
            )
    figures: dict[str, list[Figure]] = {}
    with (shared_dir / "data" / "lang-son-reported-figures.csv").open(encoding="utf-8") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            figures.setdefault(row["code"], []).append(
                Figure(
                    year=int(row["year"]),
                    value=D(row["value"]),
                    figure_type=row["figure"],
                    qualifier=row["qualifier"] or "exact",
                    order=line,
                )
            )
    return targets, figures
