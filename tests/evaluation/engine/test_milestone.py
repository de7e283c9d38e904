"""Milestones: completed no later than the last year; before it, the share of work done."""

from __future__ import annotations

from tests.evaluation.engine.helpers import ACHIEVED, NOT_ACHIEVED, D, fig, run, spec
from tiendo.evaluation.engine import Status

MILESTONE = spec("milestone", None, None, unit="")


def test_milestone_completed_on_time_early_or_late() -> None:
    assert run(MILESTONE, [fig(2025, "1")]).status == ACHIEVED
    early = run(MILESTONE, [fig(2023, "0.5"), fig(2024, "1")], as_of=2024)
    assert early.status == ACHIEVED
    assert "hoàn thành năm 2024" in early.explanation.lower()
    late = run(MILESTONE, [fig(2025, "0.9"), fig(2026, "1")], as_of=2026)
    assert late.status == NOT_ACHIEVED
    assert "chậm so với hạn năm 2025" in late.explanation


def test_milestone_not_completed() -> None:
    assert run(MILESTONE, [fig(2025, "0.9")]).status == NOT_ACHIEVED
    assert run(MILESTONE, []).status == Status.NO_DATA
    # Progress fractions against the straight path from 0 in 2020 to 1 in 2025.
    assert run(MILESTONE, [fig(2023, "0.6")], as_of=2023).status == Status.ON_TRACK
    assert run(MILESTONE, [fig(2023, "0.59")], as_of=2023).status == Status.AT_RISK
    assert run(MILESTONE, [fig(2023, "0.6")], as_of=2023).progress_pct == D("60.0")
