"""The entry points: every seed target evaluates; evaluate_many, summarize, to_dict."""

from __future__ import annotations

import json

from tests.evaluation.engine.helpers import (
    ACHIEVED,
    EXCEEDED,
    D,
    Seed,
    fig,
    one_sentence,
    run,
    spec,
)
from tiendo.evaluation.engine import Status, evaluate_many, format_value, summarize


def test_every_seed_target_evaluates(lang_son: Seed) -> None:
    targets, figures = lang_son
    assert len(targets) == 53
    for as_of in (2020, 2023, 2025, 2026):
        evaluations = evaluate_many(
            targets=targets.values(),
            figures_by_code=figures,
            assessments_by_code={},
            as_of_year=as_of,
        )
        assert [e.code for e in evaluations] == list(targets)
        for evaluation in evaluations:
            assert one_sentence(evaluation.explanation), evaluation.explanation
            json.dumps(evaluation.to_dict())


def test_to_dict_is_json_ready() -> None:
    evaluation = run(
        spec("level", "approx", "6650", unit="triệu USD"),
        [fig(2020, "3000"), fig(2022, "4975.000000", "estimate")],
        as_of=2022,
    )
    data = evaluation.to_dict()
    assert list(data) == [
        "code",
        "status",
        "met",
        "judged_year",
        "latest_year",
        "latest_from_year",
        "latest_value",
        "target",
        "progress_pct",
        "latest_progress_pct",
        "projection",
        "years_met",
        "years_judged",
        "explanation",
        "uncertain",
        "estimate",
    ]
    assert data["status"] == "on_track"  # path 3.000 + 2/5·3.317,5 = 4.327
    assert data["latest_value"] == "4975"
    assert data["progress_pct"] == "74.8"
    assert data["projection"] == {"year": 2025, "value": "7937.5", "method": "straight_path"}
    assert data["estimate"] is True
    assert data["target"] == "Đến năm 2025 đạt khoảng 6.650 triệu USD"
    assert json.loads(json.dumps(data)) == data


def test_evaluate_many_and_summarize() -> None:
    qualitative = spec("qualitative", None, None, from_year=2021, code="q")
    targets = [spec(code="a"), spec(code="b"), qualitative]
    evaluations = evaluate_many(
        targets=targets,
        figures_by_code={"a": [fig(2025, "100")], "b": [fig(2025, "120")]},
        assessments_by_code={},
        as_of_year=2025,
    )
    assert [e.status for e in evaluations] == [ACHIEVED, EXCEEDED, Status.NEEDS_ASSESSMENT]
    counts = summarize(evaluations)
    assert counts[ACHIEVED] == 1 and counts[EXCEEDED] == 1 and counts[Status.NEEDS_ASSESSMENT] == 1
    assert counts[Status.NO_DATA] == 0 and set(counts) == set(Status)


def test_format_value() -> None:
    assert format_value(D("6650.000000")) == "6.650"
    assert format_value(D("2.320000")) == "2,32"
