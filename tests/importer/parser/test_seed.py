"""The importer on the seed text: it must reproduce the canonical CSV and hold the whole plan."""

from __future__ import annotations

import csv
import json
import re
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tiendo.core.text import normalize_space
from tiendo.importer.parser import ParseResult, clean_line, parse_plan_text
from tiendo.plans.document import document_validate

SHARED = Path(__file__).resolve().parents[3].parent / "shared"
SEED = SHARED / "seed" / "chuong-trinh-hanh-dong-lang-son-2020-2025.txt"
CSV = SHARED / "seed" / "lang-son-2020-2025-targets.csv"


@pytest.fixture(scope="module")
def seed_text() -> str:
    assert SEED.is_file(), f"{SEED} is missing: the tests check the importer against it"
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def result(seed_text: str) -> ParseResult:
    return parse_plan_text(text=seed_text)


@pytest.fixture(scope="module")
def doc(result: ParseResult) -> dict[str, Any]:
    return result.document


def _dec(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


def _year(value: Any) -> int | None:
    return None if value in (None, "") else int(value)


def test_seven_programs(doc: dict[str, Any]) -> None:
    assert [p["number"] for p in doc["programs"]] == [1, 2, 3, 4, 5, 6, 7]
    assert doc["programs"][0]["title"].startswith(
        "Tiếp tục tập trung phát triển nhanh kinh tế cửa khẩu"
    )
    assert doc["programs"][6]["title"].startswith("Tăng cường công tác xây dựng Đảng")


def test_targets_reproduce_the_csv(doc: dict[str, Any]) -> None:
    with CSV.open(encoding="utf-8") as fh:
        expected = {row["code"]: row for row in csv.DictReader(fh)}
    got = {t["code"]: t for t in doc["targets"]}
    assert len(expected) == 53
    assert set(got) == set(expected)
    for code, row in expected.items():
        target = got[code]
        assert int(row["program"]) == target["program"], code
        assert (
            row["kind"],
            row["comparator"] or None,
            _dec(row["value"]),
            _dec(row["value_high"]),
            _year(row["from_year"]),
            _year(row["to_year"]),
        ) == (
            target["kind"],
            target["comparator"],
            _dec(target["value"]),
            _dec(target["value_high"]),
            target["from_year"],
            target["to_year"],
        ), code
        assert target["indicator"].strip(), code


def test_targets_keep_codes_in_order_and_sensible_words(
    doc: dict[str, Any], seed_text: str
) -> None:
    flat = normalize_space(" ".join(clean_line(line) for line in seed_text.splitlines()))
    per_program: dict[int, list[int]] = {}
    for target in doc["targets"]:
        program, n = (int(x) for x in target["code"].split("."))
        per_program.setdefault(program, []).append(n)
        for part in target["source_text"].split(" ... "):
            assert normalize_space(part) in flat, target["code"]
        assert target["line"] >= 1
    for numbers in per_program.values():
        assert numbers == list(range(1, len(numbers) + 1))
    by_code = {t["code"]: t for t in doc["targets"]}
    assert by_code["1.1"]["unit"] == "triệu USD"
    assert by_code["2.9"]["unit"] == "xã (trên 181 xã)"
    assert by_code["3.1"]["unit"] == "triệu lượt khách"
    assert "tai nạn giao thông" in by_code["6.2"]["indicator"]
    assert by_code["6.2"]["indicator"] != by_code["6.3"]["indicator"]
    assert "biên giới quốc gia" in by_code["6.6"]["indicator"]
    assert by_code["6.7"]["indicator"].startswith(
        "Nâng cao chất lượng, hiệu quả hoạt động đối ngoại"
    )


def _expected_tasks(text: str) -> dict[int, list[str]]:
    """The "- " paragraphs of each "Nhiệm vụ, giải pháp" section, read without the parser."""
    tasks: dict[int, list[str]] = {}
    program: int | None = None
    in_tasks = False
    current: list[str] | None = None
    for raw in text.splitlines():
        line = raw.strip()
        heading = re.match(r"^\d+\.\s*Chương trình (\d+):", line)
        if heading:
            program, in_tasks, current = int(heading.group(1)), False, None
            continue
        if re.match(r"^\d+\.\d+\.\s*Nhiệm vụ, giải pháp$", line):
            in_tasks = True
            continue
        if re.match(r"^(?:\d+\.\d+\.|[IVX]+-)\s", line) or "khâu đột phá" in line:
            in_tasks, current = False, None
            continue
        if not in_tasks or not line or program is None:
            continue
        if line.startswith("- "):
            current = [line[2:]]
            tasks.setdefault(program, []).append("")
        elif current is not None:
            current.append(line)  # a paragraph that a page break cut
        else:
            continue
        tasks[program][-1] = normalize_space(" ".join(current))
    return tasks


def test_every_task_paragraph_verbatim(doc: dict[str, Any], seed_text: str) -> None:
    expected = _expected_tasks(seed_text)
    assert sum(len(v) for v in expected.values()) == 40
    got: dict[int, list[str]] = {}
    for task in doc["tasks"]:
        got.setdefault(task["program"], []).append(task["text"])
        program, n = task["code"][2:].split(".")
        assert int(program) == task["program"]
        assert int(n) == len(got[task["program"]])
    assert got == expected
    joined = next(t for t in doc["tasks"] if "phát triển kinh tế trang" in t["text"])
    assert "phát triển kinh tế trang trại theo hướng tổ chức liên kết" in joined["text"]
    assert joined["code"] == "NV2.5"


def test_breakthroughs(doc: dict[str, Any]) -> None:
    assert [b["number"] for b in doc["breakthroughs"]] == [1, 2, 3]
    assert doc["breakthroughs"][0]["text"] == (
        "Tập trung nguồn lực đầu tư xây dựng kết cấu hạ tầng kinh tế - xã hội, quốc phòng, an ninh."
    )
    assert doc["breakthroughs"][2]["text"].startswith(
        "Thực hiện đồng bộ các giải pháp cải cách hành chính"
    )


def _assigned(doc: dict[str, Any]) -> set[tuple[str, str, str, Any]]:
    return {(a["unit"], a["role"], a["scope"], a["ref"]) for a in doc["assignments"]}


def test_assignments_of_section_two(doc: dict[str, Any]) -> None:
    got = _assigned(doc)
    units = {u["key"]: u for u in doc["units"]}
    assert ("ban-thuong-vu-tinh-uy", "lead", "plan", None) in got
    assert units["ban-thuong-vu-tinh-uy"]["kind"] == "standing_committee"
    for program in range(1, 7):
        assert ("ban-can-su-dang-uy-ban-nhan-dan-tinh", "lead", "program", program) in got
        assert ("cac-ban-dang-tinh-uy", "coordinate", "program", program) in got
        assert ("cac-co-quan-lien-quan", "coordinate", "program", program) in got
    assert ("ban-can-su-dang-uy-ban-nhan-dan-tinh", "lead", "program", 7) not in got
    assert units["ban-can-su-dang-uy-ban-nhan-dan-tinh"]["kind"] == "party_delegation"
    assert ("ban-to-chuc-tinh-uy", "lead", "program", 7) in got
    assert units["ban-to-chuc-tinh-uy"]["kind"] == "party_board"
    coordinators = {a[0] for a in got if a[1:] == ("coordinate", "program", 7)}
    assert coordinators == {
        "cac-ban-xay-dung-dang-tinh-uy",
        "doan-dai-bieu-quoc-hoi-tinh",
        "dang-doan-hoi-dong-nhan-dan-tinh",
        "ban-can-su-dang-uy-ban-nhan-dan-tinh",
        "uy-ban-mat-tran-to-quoc-tinh",
        "cac-to-chuc-chinh-tri-xa-hoi-tinh",
    }
    assert units["doan-dai-bieu-quoc-hoi-tinh"]["kind"] == "na_delegation"
    assert units["dang-doan-hoi-dong-nhan-dan-tinh"]["kind"] == "party_delegation"
    assert ("uy-ban-mat-tran-to-quoc-tinh", "mobilize", "plan", None) in got
    assert ("cac-to-chuc-chinh-tri-xa-hoi-tinh", "mobilize", "plan", None) in got
    assert units["uy-ban-mat-tran-to-quoc-tinh"]["kind"] == "front"
    assert units["cac-to-chuc-chinh-tri-xa-hoi-tinh"]["kind"] == "group"
    assert ("van-phong-tinh-uy", "monitor", "plan", None) in got
    assert units["van-phong-tinh-uy"]["kind"] == "office"
    # "Uỷ" and "Ủy" are one body, named one way
    assert all("Uỷ" not in u["name"] for u in doc["units"])
    assert (
        units["ban-can-su-dang-uy-ban-nhan-dan-tinh"]["name"]
        == "Ban cán sự đảng Ủy ban nhân dân tỉnh"
    )
    assert len({a["unit"] for a in doc["assignments"]}) <= len(units)


def test_deadline_and_supersedes(doc: dict[str, Any]) -> None:
    assert len(doc["deadlines"]) == 1
    deadline = doc["deadlines"][0]
    assert deadline["due_date"] == "2021-12-31"
    assert "quý IV năm 2021" in deadline["source_text"]
    assert set(deadline["units"]) == {"ban-can-su-dang-uy-ban-nhan-dan-tinh", "ban-to-chuc-tinh-uy"}
    assert doc["supersedes"] == [
        {
            "number": "04-CTr/TU",
            "date": "2020-11-06",
            "title": doc["supersedes"][0]["title"],
            "plan": None,
            "line": 214,
        }
    ]
    assert doc["supersedes"][0]["title"].startswith(
        "Chương trình hành động của Ban Chấp hành Đảng bộ tỉnh"
    )


def test_metadata(doc: dict[str, Any]) -> None:
    assert doc["format"] == "tiendo.plan/1"
    assert doc["title"].startswith(
        "Chương trình hành động của Ban Chấp hành Đảng bộ tỉnh thực hiện Nghị quyết"
    )
    assert doc["title"].endswith("nhiệm kỳ 2020 - 2025")
    assert doc["term"] == {"from_year": 2020, "to_year": 2025}
    assert doc["issuing_body"] == "Ban Chấp hành Đảng bộ tỉnh Lạng Sơn"
    assert doc["issuing_unit"] == "ban-chap-hanh-dang-bo-tinh-lang-son"
    assert doc["signer"] == "T/M TỈNH ỦY, BÍ THƯ, Nguyễn Quốc Đoàn"
    assert "number" not in doc  # the seed text does not carry "Số 23-CTr/TU"
    assert doc["code"] == "chuong-trinh-hanh-dong-lang-son-2020-2025"
    assert (
        parse_plan_text(text=SEED.read_text(encoding="utf-8"), code="lang-son-2020-2025").document[
            "code"
        ]
        == "lang-son-2020-2025"
    )


def test_document_is_valid(doc: dict[str, Any]) -> None:
    schema = json.loads(
        resources.files("tiendo.plans")
        .joinpath("schema/plan-document.schema.json")
        .read_text("utf-8")
    )
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc)]
    assert errors == []
    canonical = document_validate(doc)  # the project's own loader accepts it too
    assert len(canonical["targets"]) == 53


def test_unparsed_lines_are_reported_and_hold_no_target(
    doc: dict[str, Any], seed_text: str
) -> None:
    lines = seed_text.splitlines()
    assert doc["unparsed"], "the seed has lines that are not part of the plan"
    for item in doc["unparsed"]:
        assert item["text"] == lines[item["line"] - 1].strip()
        assert item["text"]
    target_lines = {t["line"] for t in doc["targets"]}
    assert not target_lines & {u["line"] for u in doc["unparsed"]}
    with CSV.open(encoding="utf-8") as fh:
        quotes = [normalize_space(r["source_text"]) for r in csv.DictReader(fh) if r["value"]]
    for item in doc["unparsed"]:
        cleaned = clean_line(item["text"])
        assert not any(quote in cleaned for quote in quotes), item
    # what is left: the duty "2.2. Tham mưu, giúp …" has no role the format knows
    assert [u["line"] for u in doc["unparsed"]] == [204]


def test_nothing_silently_dropped(doc: dict[str, Any], seed_text: str, result: ParseResult) -> None:
    """Every non-empty line is placed somewhere, or reported in `unparsed` — never both."""
    unparsed = {u["line"] for u in doc["unparsed"]}
    placed = set(result.placement)
    assert not unparsed & placed
    lines = seed_text.splitlines()
    non_empty = {n for n, line in enumerate(lines, start=1) if line.strip()}
    assert non_empty == unparsed | placed
    for key, what in (("targets", "target"), ("tasks", "task"), ("breakthroughs", "breakthrough")):
        for item in doc[key]:
            assert result.placement[item["line"]] == what, item
    assert result.placement[52] == "task"  # "trại theo hướng…", the second half of NV2.5
    assert result.placement[230] == "metadata"  # the signer
    assert result.placement[11] == "structure"  # "I- CÁC CHƯƠNG TRÌNH CỤ THỂ"
    assert any("Nơi nhận" in w for w in result.warnings)
