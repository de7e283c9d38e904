"""Regression: the engine gives exactly the recorded result for every golden case.

The cases (golden_evaluations.jsonl, see golden.py) are the built-in plan's 53 targets with
the real figures as of 2021 … 2026, every input of the example tests, a fixed grid over every
kind × comparator, and figures for a period and numbers of units. Any change of a status, a number or a word of an explanation fails
here; an intended change is written with `python -m tests.evaluation.engine.golden --write` and its
diff read before it is committed.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from tests.evaluation.engine.golden import (
    evaluate_input,
    golden_read,
    input_data,
    output_data,
    seed_inputs,
)

CASES = golden_read()


def test_the_golden_file_covers_the_seed_the_tests_and_the_grid() -> None:
    kinds = Counter(case["case"].split(":")[0] for case in CASES)
    assert kinds["seed"] == 53 * 6
    assert kinds["test"] > 300
    assert kinds["grid"] >= 700
    assert kinds["period"] >= 100
    # The seed cases are the built-in plan and the real figures as they are today.
    recorded = {c["case"]: c["input"] for c in CASES if c["case"].startswith("seed:")}
    assert recorded == dict(seed_inputs())


def _differences(expected: dict[str, Any], got: dict[str, Any]) -> str:
    return "; ".join(
        f"{key}: {expected.get(key)!r} → {got.get(key)!r}"
        for key in sorted(set(expected) | set(got))
        if expected.get(key) != got.get(key)
    )


@pytest.mark.parametrize("group", ["seed", "test", "grid", "period"])
def test_golden_cases(group: str) -> None:
    changed = []
    for case in CASES:
        if case["case"].split(":")[0] != group:
            continue
        got = output_data(evaluate_input(case["input"]))
        if got != case["output"]:
            changed.append(f"{case['case']}: {_differences(case['output'], got)}")
    assert not changed, f"{len(changed)} changed:\n" + "\n".join(changed[:20])


def test_inputs_survive_the_round_trip() -> None:
    from tests.evaluation.engine.golden import figure_from, spec_from

    for case in CASES[:: len(CASES) // 50]:
        data = case["input"]
        figures = [figure_from(f) for f in data["figures"]]
        again = input_data(spec_from(data["target"]), figures, data["as_of_year"])
        assert again["target"] == data["target"]
        assert again["figures"] == data["figures"]
