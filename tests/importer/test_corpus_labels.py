"""The labels of the development corpus are well formed and match their texts.

For every labelled document in tests/importer/corpus and ../shared/corpus: the label file has the
fields of shared/corpus/README.md with allowed kinds and comparators, values are decimal strings,
value_high is given for ranges and only for them, every quote occurs exactly once in the text,
and the numbers written in the quote (Vietnamese format, "6.650", "3,5", or a number word such
as "hai", "đôi") include the value and value_high. The checker itself is tested on broken labels.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pytest

from tiendo.core.numbers import NumberFormatError, parse_number

LOCAL_CORPUS = Path(__file__).resolve().parent / "corpus"

FIELDS = {
    "quote",
    "indicator",
    "kind",
    "comparator",
    "value",
    "value_high",
    "unit",
    "year",
    "from_year",
}
KINDS = {"level", "annual", "avg_growth", "annual_reduction", "increase", "maintain", "milestone"}
COMPARATORS = {"ge", "gt", "le", "lt", "approx", "range", "eq"}
# kinds measured over a period: their first year is given
PERIOD_KINDS = {"annual", "avg_growth", "annual_reduction", "increase"}
NUMBER_WORDS = {
    "không": 0,
    "một": 1,
    "hai": 2,
    "đôi": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
}
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def quote_numbers(quote: str) -> set[Decimal]:
    """The numbers written in a quote, in digits or as number words."""
    numbers: set[Decimal] = set()
    for token in _NUMBER.findall(quote):
        try:
            numbers.add(parse_number(token))
        except NumberFormatError:
            continue
    for word in re.findall(r"\w+", quote.lower()):
        if word in NUMBER_WORDS:
            numbers.add(Decimal(NUMBER_WORDS[word]))
    return numbers


def _decimal(value: Any) -> Decimal | None:
    if not isinstance(value, str) or not re.fullmatch(r"-?\d+(\.\d+)?", value):
        return None
    try:
        return Decimal(value)
    except InvalidOperation:  # pragma: no cover - excluded by the pattern
        return None


def target_problems(target: dict[str, Any], text: str) -> list[str]:
    """What is wrong with one label, in words; empty when it is right."""
    problems: list[str] = []
    if set(target) != FIELDS:
        missing, extra = FIELDS - set(target), set(target) - FIELDS
        return [f"fields: missing {sorted(missing)}, unexpected {sorted(extra)}"]
    quote, kind, comparator = target["quote"], target["kind"], target["comparator"]
    value, high = target["value"], target["value_high"]
    if not isinstance(quote, str) or not quote.strip():
        return ["empty quote"]
    if not isinstance(target["indicator"], str) or not target["indicator"].strip():
        problems.append("empty indicator")
    if not isinstance(target["unit"], str):
        problems.append("unit is not a string")
    if kind not in KINDS:
        problems.append(f"kind {kind!r} is not one of {sorted(KINDS)}")
    if comparator is not None and comparator not in COMPARATORS:
        problems.append(f"comparator {comparator!r} is not one of {sorted(COMPARATORS)}")
    if comparator is None:
        if kind not in {"milestone", "maintain"}:
            problems.append(f"no comparator for a {kind} target")
        if value is not None or high is not None:
            problems.append("a value without a comparator")
    else:
        number = _decimal(value)
        if number is None:
            problems.append(f"value {value!r} is not a decimal string like '6650' or '3.5'")
        if comparator == "range":
            upper = _decimal(high)
            if upper is None:
                problems.append(f"value_high {high!r} of a range is not a decimal string")
            elif number is not None and upper <= number:
                problems.append(f"range {value}–{high} is not increasing")
        elif high is not None:
            problems.append(f"value_high {high!r} on a {comparator!r} target (only for range)")
    year, from_year = target["year"], target["from_year"]
    if not isinstance(year, int) or not 2000 <= year <= 2050:
        problems.append(f"year {year!r} is not a year")
    if from_year is not None and (not isinstance(from_year, int) or from_year > year):
        problems.append(f"from_year {from_year!r} is not a year before {year!r}")
    if kind in PERIOD_KINDS and from_year is None:
        problems.append(f"a {kind} target without from_year")
    occurrences = text.count(quote)
    if occurrences != 1:
        problems.append(f"quote occurs {occurrences} times in the text: {quote!r}")
    numbers = quote_numbers(quote)
    for label, written in (("value", value), ("value_high", high)):
        number = _decimal(written)
        if number is not None and number not in numbers:
            problems.append(f"{label} {written} is not among the numbers of the quote {quote!r}")
    return problems


def label_problems(label_file: Path) -> list[str]:
    """What is wrong with a label file and its text; empty when all is right."""
    try:
        data = json.loads(label_file.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        return [f"{label_file.name}: not JSON ({exc})"]
    if set(data) != {"file", "targets"}:
        return [f"{label_file.name}: fields are {sorted(data)}, expected ['file', 'targets']"]
    if data["file"] != label_file.name.removesuffix(".labels.json") + ".txt":
        return [f"{label_file.name}: names the text {data['file']!r}"]
    text_file = label_file.parent / data["file"]
    if not text_file.is_file():
        return [f"{label_file.name}: {data['file']} is missing"]
    text = text_file.read_text(encoding="utf-8")
    targets = data["targets"]
    if not isinstance(targets, list) or not targets:
        return [f"{label_file.name}: no targets"]
    problems = [
        f"{label_file.name} #{n}: {problem}"
        for n, target in enumerate(targets, 1)
        for problem in target_problems(target, text)
    ]
    quotes = [target.get("quote") for target in targets]
    problems += [
        f"{label_file.name}: the quote {quote!r} is given twice"
        for quote in sorted({q for q in quotes if quotes.count(q) > 1})
    ]
    return problems


def _local_label_files() -> list[Path]:
    return sorted(LOCAL_CORPUS.glob("*.labels.json"))


@pytest.mark.parametrize("label_file", _local_label_files(), ids=lambda path: path.name)
def test_a_document_of_the_corpus_is_labelled_by_the_conventions(label_file: Path) -> None:
    assert label_problems(label_file) == []


def test_the_shared_corpus_is_labelled_by_the_conventions(shared_dir: Path) -> None:
    label_files = sorted((shared_dir / "corpus").glob("*.labels.json"))
    assert len(label_files) == 4
    assert [problem for path in label_files for problem in label_problems(path)] == []


def test_the_corpus_is_complete_and_described() -> None:
    """Every text has its labels, and the README lists every document with its source."""
    texts = sorted(path.name for path in LOCAL_CORPUS.glob("*.txt"))
    labelled = sorted(
        path.name.removesuffix(".labels.json") + ".txt" for path in _local_label_files()
    )
    assert texts == labelled
    assert len(texts) >= 22
    readme = (LOCAL_CORPUS / "README.md").read_text(encoding="utf-8")
    rows = {
        line.split("|")[1].strip().strip("`"): line
        for line in readme.splitlines()
        if line.startswith("| `")
    }
    assert sorted(rows) == texts
    assert all("http" in row for row in rows.values())
    targets = sum(
        len(json.loads(path.read_text(encoding="utf-8"))["targets"])
        for path in _local_label_files()
    )
    assert f"{targets} labelled targets" in readme


def test_vietnamese_numbers_of_a_quote() -> None:
    assert quote_numbers("thu ngân sách 75.000 - 80.000 tỉ đồng") == {
        Decimal(75000),
        Decimal(80000),
    }
    assert Decimal("3.5") in quote_numbers("giảm bình quân 3,5%/năm")
    assert Decimal("8.0") in quote_numbers("từ 8,0 đến 10%/năm")
    assert Decimal(2) in quote_numbers("quy mô nền kinh tế gấp đôi hiện nay")
    assert Decimal(0) in quote_numbers("không còn hộ nghèo")


def _write(tmp_path: Path, text: str, **changes: Any) -> Path:
    target = {
        "quote": "tỷ lệ che phủ rừng đạt 54,5%",
        "indicator": "Tỷ lệ che phủ rừng",
        "kind": "level",
        "comparator": "ge",
        "value": "54.5",
        "value_high": None,
        "unit": "%",
        "year": 2025,
        "from_year": None,
    }
    target.update(changes)
    (tmp_path / "x.txt").write_text(text, encoding="utf-8")
    label_file = tmp_path / "x.labels.json"
    label_file.write_text(
        json.dumps({"file": "x.txt", "targets": [target]}, ensure_ascii=False), encoding="utf-8"
    )
    return label_file


TEXT = "Đến năm 2025, tỷ lệ che phủ rừng đạt 54,5%; thu ngân sách tăng bình quân 8 - 10%/năm."


def test_the_checker_accepts_a_right_label(tmp_path: Path) -> None:
    assert label_problems(_write(tmp_path, TEXT)) == []


@pytest.mark.parametrize(
    ("changes", "complaint"),
    [
        ({"value": "54.6"}, "value 54.6 is not among the numbers"),
        ({"value": "54,5"}, "is not a decimal string"),
        ({"quote": "tỷ lệ che phủ rừng đạt 54,6%"}, "quote occurs 0 times"),
        ({"kind": "stock"}, "kind 'stock' is not one of"),
        ({"comparator": "at_least"}, "comparator 'at_least' is not one of"),
        ({"value_high": "60"}, "only for range"),
        ({"comparator": "range"}, "value_high None of a range"),
        ({"kind": "avg_growth"}, "without from_year"),
        ({"comparator": None}, "no comparator for a level target"),
        ({"from_year": 2026}, "is not a year before 2025"),
    ],
)
def test_the_checker_finds_a_typo(tmp_path: Path, changes: dict[str, Any], complaint: str) -> None:
    problems = label_problems(_write(tmp_path, TEXT, **changes))
    assert any(complaint in problem for problem in problems), problems


def test_the_checker_finds_a_quote_that_is_not_unique(tmp_path: Path) -> None:
    label_file = _write(tmp_path, TEXT + " Năm 2030, tỷ lệ che phủ rừng đạt 54,5%.")
    assert any("occurs 2 times" in problem for problem in label_problems(label_file))


def test_the_checker_reads_the_high_end_of_a_range(tmp_path: Path) -> None:
    right = _write(
        tmp_path,
        TEXT,
        quote="thu ngân sách tăng bình quân 8 - 10%/năm",
        kind="avg_growth",
        comparator="range",
        value="8",
        value_high="10",
        from_year=2021,
    )
    assert label_problems(right) == []
    wrong = _write(
        tmp_path,
        TEXT,
        quote="thu ngân sách tăng bình quân 8 - 10%/năm",
        kind="avg_growth",
        comparator="range",
        value="8",
        value_high="12",
        from_year=2021,
    )
    assert any("value_high 12 is not among" in problem for problem in label_problems(wrong))
