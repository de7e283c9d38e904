"""The golden evaluations: every input the engine was checked on, with the result it gave.

`golden_evaluations.jsonl` holds one case a line: the input (a target, its figures, the
assessments, the as-of year) and every field of the Evaluation the engine returned for it,
Decimals written exactly as they are (`str`), so a change of any digit, word or field shows.
`test_engine_golden.py` replays every case. The cases are

* `seed:<code>@<year>`: the 53 targets of the built-in plan with the real figures of
  ../shared/data/lang-son-reported-figures.csv, as of 2021 … 2026;
* `test:<n>`: every call the engine's example tests (the test_*.py beside this file, then one
  test_engine.py) made when the file was first written;
* `grid:<n>`: a fixed pseudo-random grid over every kind × comparator, qualifier, figure type,
  baseline, tolerance and as-of year;
* `period:<n>`: figures for a whole period (avg_growth, increase) among yearly ones, and counts
  of units with the number of units existing each year.

When a change of the engine's results is intended, rewrite the outputs (the inputs are kept)
and read the diff before committing it:

    python -m tests.evaluation.engine.golden --write
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from tiendo.evaluation import engine
from tiendo.evaluation.engine import Assessment, Evaluation, Figure, TargetSpec, explain

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden_evaluations.jsonl"
REPO = HERE.parents[2]
BUILTIN = REPO / "src" / "tiendo" / "plans" / "builtin" / "lang-son-2020-2025.json"
FIGURES_CSV = REPO.parent / "shared" / "data" / "lang-son-reported-figures.csv"
SEED_YEARS = range(2021, 2027)

_SPEC_DECIMALS = ("value", "value_high", "baseline_value", "tolerance_pct")


# --------------------------------------------------------------------------------------------
# Plain JSON for inputs and outputs


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _undec(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def spec_data(spec: TargetSpec) -> dict[str, Any]:
    data = {name: getattr(spec, name) for name in spec.__dataclass_fields__}
    for name in _SPEC_DECIMALS:
        data[name] = _dec(data[name])
    return data


def spec_from(data: Mapping[str, Any]) -> TargetSpec:
    values = dict(data)
    for name in _SPEC_DECIMALS:
        values[name] = _undec(values.get(name))
    return TargetSpec(**values)


def figure_data(figure: Figure) -> list[Any]:
    """A figure as a short list: [year, value, figure_type, qualifier, order, note], then
    {"from_year": …} only for a figure of a period."""
    data: list[Any] = [
        figure.year,
        str(figure.value),
        figure.figure_type,
        figure.qualifier,
        figure.order,
        figure.note,
    ]
    extra = {
        name: getattr(figure, name)
        for name in _FIGURE_EXTRAS
        if getattr(figure, name, None) is not None
    }
    if extra:
        data.append({k: str(v) if isinstance(v, Decimal) else v for k, v in extra.items()})
    return data


_FIGURE_EXTRAS = ("from_year",)


def figure_from(data: Sequence[Any]) -> Figure:
    year, value, figure_type, qualifier, order, note, *rest = data
    extra = dict(rest[0]) if rest else {}
    return Figure(
        year=year,
        value=Decimal(value),
        figure_type=figure_type,
        qualifier=qualifier,
        order=order,
        note=note,
        **extra,
    )


def assessment_data(assessment: Assessment) -> dict[str, Any]:
    data = {name: getattr(assessment, name) for name in assessment.__dataclass_fields__}
    data["status"] = str(assessment.status)
    return data


def input_data(
    target: TargetSpec,
    figures: Sequence[Figure],
    as_of_year: int,
    assessments: Sequence[Assessment] = (),
    denominators: Mapping[int, Decimal] | None = None,
) -> dict[str, Any]:
    data = {
        "target": spec_data(target),
        "figures": [figure_data(f) for f in figures],
        "assessments": [assessment_data(a) for a in assessments],
        "as_of_year": as_of_year,
    }
    if denominators:
        data["denominators"] = {str(year): str(n) for year, n in denominators.items()}
    return data


def evaluate_input(data: Mapping[str, Any]) -> Evaluation:
    denominators = {int(y): Decimal(n) for y, n in data.get("denominators", {}).items()}
    return engine.evaluate_target(
        target=spec_from(data["target"]),
        figures=[figure_from(f) for f in data["figures"]],
        as_of_year=data["as_of_year"],
        assessments=[Assessment(**a) for a in data["assessments"]],
        denominators=denominators or None,
    )


def _years(years: tuple[int, ...] | None) -> list[int] | None:
    return None if years is None else list(years)


def output_data(evaluation: Evaluation) -> dict[str, Any]:
    """Every field of an Evaluation, Decimals as they are (`str`: "74.8", "6650.000000"), and
    the explanation in English."""
    projection = evaluation.projection
    return {
        "code": evaluation.code,
        "status": str(evaluation.status),
        "met": evaluation.met,
        "judged_year": evaluation.judged_year,
        "latest_year": evaluation.latest_year,
        "latest_from_year": evaluation.latest_from_year,
        "latest_value": _dec(evaluation.latest_value),
        "latest_figure_type": evaluation.latest_figure_type,
        "latest_qualifier": evaluation.latest_qualifier,
        "target_text": evaluation.target_text,
        "progress_pct": _dec(evaluation.progress_pct),
        "latest_progress_pct": _dec(evaluation.latest_progress_pct),
        "projection": None
        if projection is None
        else [projection.year, str(projection.value), projection.method],
        "years_met": _years(evaluation.years_met),
        "years_judged": _years(evaluation.years_judged),
        "years_missing": _years(evaluation.years_missing),
        "uncertain": evaluation.uncertain,
        "used_figures": [figure_data(f) for f in evaluation.used_figures],
        "explanation": evaluation.explanation,
        "judged_value": _dec(evaluation.judged_value),
        "explanation_en": explain(evaluation.reason, "en"),
    }


# --------------------------------------------------------------------------------------------
# The cases


def seed_inputs() -> Iterator[tuple[str, dict[str, Any]]]:
    """The built-in plan's 53 targets with the real figures, as of 2021 … 2026."""
    plan = json.loads(BUILTIN.read_text(encoding="utf-8"))
    term_from = plan["term"]["from_year"]
    figures: dict[str, list[Figure]] = {}
    with FIGURES_CSV.open(encoding="utf-8") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            figures.setdefault(row["code"], []).append(
                Figure(
                    year=int(row["year"]),
                    value=Decimal(row["value"]),
                    figure_type=row["figure"],
                    qualifier=row["qualifier"] or "exact",
                    order=line,
                )
            )
    for row in plan["targets"]:
        spec = TargetSpec(
            code=row["code"],
            kind=row["kind"],
            comparator=row["comparator"],
            value=_undec(row["value"]),
            value_high=_undec(row["value_high"]),
            unit=row["unit"],
            from_year=row["from_year"],
            to_year=row["to_year"],
            indicator=row["indicator"],
            baseline_value=_undec(row.get("baseline_value")),
            baseline_year=row.get("baseline_year"),
            tolerance_pct=_undec(row.get("tolerance_pct")),
            term_from_year=term_from,
        )
        for year in SEED_YEARS:
            yield f"seed:{spec.code}@{year}", input_data(spec, figures.get(spec.code, []), year)


_UNITS = ("%", "%/năm", "triệu USD", "xã", "sản phẩm", "", "% chỉ tiêu", "tỷ đồng")
_COMBOS: list[tuple[str, str | None]] = [
    *[(k, c) for k in ("level", "annual", "maintain") for c in engine.COMPARATORS],
    *[
        (k, c)
        for k in ("annual_reduction", "avg_growth", "increase")
        for c in ("ge", "gt", "le", "lt", "approx", "range", "eq")
    ],
    ("milestone", None),
    ("qualitative", None),
    ("maintain", None),
]


def _amount(rng: random.Random, low: int, high: int) -> Decimal:
    places = rng.choice((0, 0, 1, 2))
    return Decimal(rng.randint(low * 10**places, high * 10**places)).scaleb(-places)


def grid_inputs(count: int = 700) -> Iterator[tuple[str, dict[str, Any]]]:
    """A fixed pseudo-random grid: each kind × comparator in turn, with varied figures."""
    rng = random.Random(20260)
    for n in range(count):
        kind, comparator = _COMBOS[n % len(_COMBOS)]
        value = high = None
        if comparator is not None:
            value = _amount(rng, 1, 200)
            if kind == "annual_reduction":
                value = _amount(rng, 1, 20)
            if comparator == "range":
                high = value + _amount(rng, 0, 50)
        first = rng.choice((2021, 2021, 2022))
        to_year = 2025
        from_year = None if kind in ("level", "milestone") else first
        if kind == "qualitative":
            from_year = rng.choice((None, first))
        baseline = None
        baseline_year = None
        if kind in ("level", "increase", "annual_reduction") and rng.random() < 0.4:
            baseline = _amount(rng, 0, 200)
            baseline_year = (first - 1) if kind != "level" else rng.choice((first - 1, 2019))
        spec = TargetSpec(
            code=f"g{n}",
            kind=kind,
            comparator=comparator,
            value=value,
            value_high=high,
            unit="" if kind == "milestone" else rng.choice(_UNITS),
            from_year=from_year,
            to_year=to_year,
            indicator="chỉ tiêu thử",
            baseline_value=baseline,
            baseline_year=baseline_year,
            tolerance_pct=rng.choice((None, Decimal("2.5"), Decimal("10")))
            if comparator in ("approx", "eq")
            else None,
            term_from_year=rng.choice((2020, 2020, None)),
        )
        as_of = rng.randint(2020, 2027)
        figures = []
        if rng.random() < 0.5:  # a run of years, some left out
            years = [y for y in range(first - 1, 2027) if rng.random() < 0.8]
        else:
            years = [rng.randint(2019, 2026) for _ in range(rng.choice((0, 1, 2, 3, 4, 6)))]
        for year in years:
            if kind == "milestone":
                figure_value = rng.choice((Decimal(1), _amount(rng, 0, 1), Decimal("0.6")))
            elif kind == "avg_growth":
                figure_value = _amount(rng, 0, 12) - rng.choice((0, 0, 0, 3))
            elif value is not None and rng.random() < 0.5:
                figure_value = value + rng.choice((-1, 0, 0, 1)) * _amount(rng, 0, 20)
            else:
                figure_value = _amount(rng, 0, 400)
            figures.append(
                Figure(
                    year=year,
                    value=figure_value,
                    figure_type=rng.choice(engine.FIGURE_TYPES),
                    qualifier=rng.choice(("exact", "exact", "exact", "more_than", "about")),
                    order=rng.randint(0, 5),
                    note=rng.choice(("", "", "theo báo cáo")),
                )
            )
        assessments = []
        if comparator is None and kind != "milestone":
            for order in range(rng.choice((0, 1, 2))):
                assessments.append(
                    Assessment(
                        status=rng.choice(("achieved", "not_achieved", "at_risk", "exceeded")),
                        reasons=rng.choice(("Ổn định.", "Còn hạn chế  về  nguồn lực.", "")),
                        order=order,
                        assessed_by=rng.choice(("", "Ban Nội chính")),
                    )
                )
        yield f"grid:{n}", input_data(spec, figures, as_of, assessments)


def period_inputs(count: int = 140) -> Iterator[tuple[str, dict[str, Any]]]:
    """Period figures among yearly ones (avg_growth, increase), and counts of units with the
    number of units existing each year (level, annual, increase)."""
    rng = random.Random(61425)
    comparators = ("ge", "gt", "le", "lt", "approx", "range", "eq")
    for n in range(count):
        kind = ("avg_growth", "increase", "level", "annual")[n % 4]
        comparator = comparators[(n // 4) % len(comparators)]
        value = _amount(rng, 1, 60) if kind != "avg_growth" else _amount(rng, 1, 8)
        high = value + _amount(rng, 0, 5) if comparator == "range" else None
        first = rng.choice((2021, 2021, 2022))
        unit = rng.choice(("xã (trên 181 xã)", "xã", "%/năm", "sản phẩm", ""))
        spec = TargetSpec(
            code=f"p{n}",
            kind=kind,
            comparator=comparator,
            value=value,
            value_high=high,
            unit=unit,
            from_year=None if kind == "level" else first,
            to_year=2025,
            indicator="chỉ tiêu thử",
            baseline_value=_amount(rng, 0, 100)
            if kind == "increase" and rng.random() < 0.3
            else None,
            baseline_year=None,
            term_from_year=2020,
        )
        figures = [
            Figure(
                year=year,
                value=_amount(rng, 0, 120) if kind != "avg_growth" else _amount(rng, 0, 10),
                figure_type=rng.choice(engine.FIGURE_TYPES),
                qualifier=rng.choice(("exact", "exact", "more_than", "about")),
                order=rng.randint(0, 5),
            )
            for year in range(first - 1, 2026)
            if rng.random() < 0.5
        ]
        denominators = None
        if kind in ("avg_growth", "increase"):
            for _ in range(rng.choice((0, 1, 1, 2, 3))):
                start = rng.choice((first, first, first, first - 1, first + 1))
                end = rng.choice((2025, 2025, 2025, 2024))
                figures.append(
                    Figure(
                        year=end,
                        value=_amount(rng, 0, 80) if kind == "increase" else _amount(rng, 0, 9),
                        figure_type=rng.choice(engine.FIGURE_TYPES),
                        qualifier=rng.choice(("exact", "exact", "more_than", "about")),
                        order=rng.randint(0, 5),
                        from_year=start,
                    )
                )
        if kind != "avg_growth" and unit in ("xã (trên 181 xã)", "xã", "") and rng.random() < 0.8:
            denominators = {
                year: Decimal(rng.choice((181, 175, 65)))
                for year in range(2020, 2026)
                if rng.random() < 0.7
            }
        rng.shuffle(figures)
        as_of = rng.choice((2023, 2024, 2025, 2025, 2026))
        yield f"period:{n}", input_data(spec, figures, as_of, (), denominators)


# --------------------------------------------------------------------------------------------
# Reading and writing the file


def golden_read() -> list[dict[str, Any]]:
    with GOLDEN.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _line(name: str, data: dict[str, Any]) -> str:
    output = output_data(evaluate_input(data))
    record = {"case": name, "input": data, "output": output}
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def golden_write(test_inputs: Sequence[dict[str, Any]] | None = None) -> int:
    """Write the file: seed and grid cases afresh, test cases from `test_inputs` or else from
    the file as it is. Returns the number of cases."""
    if test_inputs is None:
        test_inputs = [c["input"] for c in golden_read() if c["case"].startswith("test:")]
    cases = [
        *seed_inputs(),
        *((f"test:{n}", data) for n, data in enumerate(test_inputs)),
        *grid_inputs(),
        *period_inputs(),
    ]
    with GOLDEN.open("w", encoding="utf-8") as f:
        for name, data in cases:
            f.write(_line(name, data) + "\n")
    return len(cases)


class _Recorder:
    """A pytest plugin that keeps the input of every evaluation the tests make."""

    def __init__(self) -> None:
        self.inputs: list[dict[str, Any]] = []
        self._seen: set[str] = set()

    def pytest_configure(self) -> None:
        original = engine.evaluate_target

        def recording(**kwargs: Any) -> Evaluation:
            result = original(**kwargs)
            data = input_data(
                kwargs["target"],
                kwargs["figures"],
                kwargs["as_of_year"],
                kwargs.get("assessments", ()),
                kwargs.get("denominators"),
            )
            key = json.dumps(data, sort_keys=True, ensure_ascii=False)
            if key not in self._seen:
                self._seen.add(key)
                self.inputs.append(data)
            return result

        engine.evaluate_target = recording  # type: ignore[assignment]


def _record_tests() -> list[dict[str, Any]]:
    import pytest

    recorder = _Recorder()
    modules = sorted(
        str(path)
        for path in HERE.glob("test_*.py")
        if path.name not in ("test_golden.py", "test_properties.py")
    )
    code = pytest.main([*modules, "-q"], [recorder])
    if code != 0:
        raise SystemExit(f"the example tests failed ({code}); nothing written")
    return recorder.inputs


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="rewrite the outputs")
    parser.add_argument(
        "--record-tests", action="store_true", help="also record the example tests' inputs anew"
    )
    args = parser.parse_args(argv)
    if not args.write:
        parser.error("nothing to do: use --write")
    inputs = _record_tests() if args.record_tests else None
    count = golden_write(inputs)
    print(f"{GOLDEN.name}: {count} cases", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
