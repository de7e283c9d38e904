"""Qualitative targets: the latest reviewer's assessment."""

from __future__ import annotations

from tests.evaluation.engine.helpers import ACHIEVED, run, spec
from tiendo.evaluation.engine import Assessment, Status

QUALITATIVE = spec("qualitative", None, None, from_year=2021)


def test_qualitative_latest_assessment_wins_regardless_of_order() -> None:
    older = Assessment(status="at_risk", reasons="Còn vụ việc phức tạp.", order=1)
    newer = Assessment(
        status="achieved", reasons="Biên giới ổn định.", order=2, assessed_by="Ban Nội chính"
    )
    for assessments in ([older, newer], [newer, older]):
        evaluation = run(QUALITATIVE, [], assessments=assessments)
        assert evaluation.status == ACHIEVED
        assert evaluation.met is True
        assert "Ban Nội chính" in evaluation.explanation
        assert "Biên giới ổn định" in evaluation.explanation


def test_qualitative_without_assessment_needs_one() -> None:
    evaluation = run(QUALITATIVE, [])
    assert evaluation.status == Status.NEEDS_ASSESSMENT
    assert evaluation.met is None
    assert evaluation.target_text == "Đánh giá định tính giai đoạn 2021–2025"
