"""The structured reason of a verdict, and its wording in Vietnamese and in English."""

from __future__ import annotations

import dataclasses
import json
import re
from decimal import Decimal

import pytest

from tests.evaluation.engine.golden import evaluate_input, golden_read
from tests.evaluation.engine.helpers import D, Seed, evaluate_seed, fig, one_sentence, run, spec
from tiendo.evaluation.engine import (
    Reason,
    Status,
    evaluation_sentence,
    explain,
    reason_data,
)
from tiendo.evaluation.engine import reasons as r

CASES = golden_read()
VIETNAMESE = re.compile(
    "[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]", re.IGNORECASE
)


def test_the_reason_of_5_6_in_2025(lang_son: Seed) -> None:
    evaluation = evaluate_seed(lang_son, "5.6", 2025)
    assert evaluation.reason == Reason(
        Status.ACHIEVED,
        (
            r.Reached(
                r.FigureRef(2025, D("2.32"), "%", "official"),
                r.Relation("below", "met", r.TargetRef("level", "lt", D("3"), None, "%")),
            ),
        ),
    )
    assert explain(evaluation.reason) == evaluation.explanation
    assert explain(evaluation.reason, "en") == (
        "In 2025 it stood at 2.32% (official figure), below the target of 3%: achieved."
    )
    assert evaluation_sentence(evaluation, "vi") == evaluation.explanation
    assert evaluation_sentence(evaluation, "en-US") == explain(evaluation.reason, "en")


def test_english_sentences_of_the_worked_examples(lang_son: Seed) -> None:
    def english(code: str, year: int) -> str:
        return evaluation_sentence(evaluate_seed(lang_son, code, year), "en")

    assert english("2.5", 2025) == (
        "In 2025 the total was 215 products (reported figure), up 204 products on 11 products "
        "(official figure) in 2020, above the target increase of 50 products: exceeded."
    )
    assert english("2.1", 2024) == (
        "Average growth in 2023 and 2024 was 4.67%/year, above the target range of "
        "3–3.5%/year, with no figures for 2021 and 2022; the 2024 figure is an estimate; the "
        "average for the whole period is projected at 4.67%/year if the remaining years keep "
        "the current average: on track."
    )
    assert english("1.1", 2023) == (
        "In 2023 it stood at 4,975 million USD (official figure); there is no baseline figure, "
        "so it is compared directly with the 2025 target and is short of the target of about "
        "6,650 million USD (at least 6,317.5 million USD needed): at risk."
    )
    assert english("3.1", 2025) == (
        "In 2025 it stood at more than 4.4 million visitors (reported figure), above the target "
        "of 4.4 million visitors: achieved."
    )


def test_every_golden_case_reads_as_one_english_sentence_without_vietnamese() -> None:
    for case in CASES:
        evaluation = evaluate_input(case["input"])
        text = explain(evaluation.reason, "en")
        assert one_sentence(text), (case["case"], text)
        # Reviewers' grounds are quoted as written; everything else is English.
        for part in evaluation.reason.parts:
            if isinstance(part, r.Assessed):
                text = text.replace(part.grounds, "").replace(part.by, "")
        assert not VIETNAMESE.search(text), (case["case"], text)


def test_every_kind_of_part_is_worded_in_both_languages() -> None:
    seen: dict[str, set[str]] = {}
    for case in CASES:
        evaluation = evaluate_input(case["input"])
        for part in evaluation.reason.parts:
            seen.setdefault(type(part).__name__, set()).add(str(evaluation.status))
    parts = {cls.__name__ for cls in r.Part.__args__}  # type: ignore[attr-defined]
    assert parts <= set(seen), f"never produced: {parts - set(seen)}"


def test_a_reason_is_plain_data() -> None:
    evaluation = run(
        spec("level", "approx", "6650", unit="triệu USD"),
        [fig(2020, "3000"), fig(2022, "4400", "estimate", "about")],
        as_of=2022,
    )
    reason = evaluation.reason
    hash(reason)  # frozen all the way down
    with pytest.raises(dataclasses.FrozenInstanceError):
        reason.status = Status.ACHIEVED  # type: ignore[misc]
    data = reason_data(reason)
    assert json.loads(json.dumps(data)) == data
    assert data["status"] == "on_track"
    assert [p["code"] for p in data["parts"]] == ["reached", "uncertain_note", "projection"]
    reached = data["parts"][0]
    assert reached["figure"] == {
        "year": 2022,
        "value": "4400",
        "unit": "triệu USD",
        "figure_type": "estimate",
        "qualifier": "about",
        "from_year": None,
    }
    assert reached["standing"]["code"] == "path_track"
    assert reached["standing"]["base"]["value"] == "3000"


def test_numbers_in_a_reason_are_the_ones_the_sentence_shows() -> None:
    # 4,665 is shown (and kept in the reason) as 4,67; the judged mean keeps its 2 decimals.
    growth = spec("avg_growth", "ge", "3", unit="%/năm", from_year=2021)
    evaluation = run(growth, [fig(2023, "6.55"), fig(2024, "2.78")], as_of=2024)
    mean = evaluation.reason.parts[0]
    assert isinstance(mean, r.MeanGrowth)
    assert mean.mean == Decimal("4.67")
    assert "4,67%/năm" in evaluation.explanation
    assert "4.67%/year" in explain(evaluation.reason, "en")
