"""What goes in: target specs, figures and assessments are checked when built; the status labels."""

from __future__ import annotations

import pytest

from tests.evaluation.engine.helpers import D, fig, run, spec
from tiendo.evaluation.engine import STATUS_LABELS, Figure, Status, TargetSpec


def test_labels_and_met() -> None:
    assert STATUS_LABELS == {
        Status.EXCEEDED: "Vượt",
        Status.ACHIEVED: "Đạt",
        Status.NOT_ACHIEVED: "Không đạt",
        Status.ON_TRACK: "Có khả năng đạt",
        Status.AT_RISK: "Khó đạt",
        Status.NO_DATA: "Chưa có số liệu",
        Status.NEEDS_ASSESSMENT: "Cần đánh giá",
    }
    assert Status.AT_RISK.label == "Khó đạt"
    assert STATUS_LABELS["achieved"] == "Đạt"  # type: ignore[index]  # plain strings work too
    assert run(spec(), [fig(2025, "100")], as_of=2025).met is True
    assert run(spec(), [fig(2024, "100")], as_of=2024).met is None


@pytest.mark.parametrize(
    "bad",
    [
        {"kind": "level", "comparator": "ge", "value": 1.5},  # float
        {"kind": "levels", "comparator": "ge", "value": D(1)},
        {"kind": "level", "comparator": "range", "value": D(1)},  # no high
        {"kind": "level", "comparator": "ge", "value": None},
        {"kind": "annual", "comparator": "ge", "value": D(1)},  # no from_year
        {"kind": "milestone", "comparator": "ge", "value": D(1)},
    ],
)
def test_bad_target_specs_are_refused(bad: dict[str, object]) -> None:
    with pytest.raises((TypeError, ValueError)):
        TargetSpec(
            code="x",
            value_high=None,
            unit="",
            from_year=None,
            to_year=2025,
            indicator="x",
            **bad,  # type: ignore[arg-type]
        )


def test_bad_figures_are_refused() -> None:
    with pytest.raises(TypeError):
        Figure(year=2025, value=2.32)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Figure(year=2025, value=D(1), figure_type="guess")
    with pytest.raises(ValueError):
        Figure(year=2025, value=D(1), qualifier="under")
