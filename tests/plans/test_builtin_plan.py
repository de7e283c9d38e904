"""The built-in plan equals its sources: the seed text and the canonical target list."""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal

import pytest
from django.core.management import call_command

from tiendo.audit.models import AuditEntry
from tiendo.plans.models import Assignment, PlanRevision, Target, Task
from tiendo.plans.services import plan_builtin_document, plan_load

PLAN = "lang-son-2020-2025"


def show_json() -> dict:
    out = io.StringIO()
    call_command("plan", "show", PLAN, "--json", stdout=out)
    return json.loads(out.getvalue())


def seed_rows(shared_dir) -> list[dict[str, str]]:
    with open(shared_dir / "seed/lang-son-2020-2025-targets.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def seed_text(shared_dir) -> str:
    return (shared_dir / "seed/chuong-trinh-hanh-dong-lang-son-2020-2025.txt").read_text("utf-8")


def _num(text: str | None) -> Decimal | None:
    return Decimal(text) if text not in (None, "") else None


@pytest.mark.django_db
def test_show_lists_seven_programs_and_53_targets_equal_to_the_csv(builtin_plan, shared_dir):
    doc = show_json()
    assert [p["number"] for p in doc["programs"]] == [1, 2, 3, 4, 5, 6, 7]
    rows = seed_rows(shared_dir)
    assert len(doc["targets"]) == len(rows) == 53
    by_code = {t["code"]: t for t in doc["targets"]}
    assert [t["code"] for t in doc["targets"]] == [r["code"] for r in rows], (
        "order follows the text"
    )
    for row in rows:
        target = by_code[row["code"]]
        assert target["program"] == int(row["program"]), row["code"]
        assert target["kind"] == row["kind"], row["code"]
        assert target["comparator"] == (row["comparator"] or None), row["code"]
        assert _num(target["value"]) == _num(row["value"]), row["code"]
        assert _num(target["value_high"]) == _num(row["value_high"]), row["code"]
        assert target["unit"] == row["unit"], row["code"]
        assert target["from_year"] == (int(row["from_year"]) if row["from_year"] else None), row[
            "code"
        ]
        assert target["to_year"] == int(row["to_year"]), row["code"]
        assert target["indicator"] == row["indicator"], row["code"]
        assert target["source_text"] == row["source_text"], row["code"]


def task_paragraphs_per_program(text: str) -> dict[int, list[str]]:
    """Count the "- " paragraphs of each "Nhiệm vụ, giải pháp" section, straight from the text."""
    result: dict[int, list[str]] = {}
    program = None
    collecting = False
    for raw in text.splitlines():
        line = raw.strip()
        heading = re.match(r"^\d+\. Chương trình (\d+):", line)
        if heading:
            program, collecting = int(heading.group(1)), False
            continue
        if re.match(r"^\d+\.2\. Nhiệm vụ, giải pháp$", line):
            collecting = True
            result[program] = []  # type: ignore[index]
            continue
        if line.startswith("Để triển khai thực hiện tốt"):
            collecting = False
        if collecting and line.startswith("- "):
            result[program].append(line[2:])  # type: ignore[index]
    return result


@pytest.mark.django_db
def test_every_task_paragraph_of_the_text_is_a_task_of_its_program_verbatim(
    builtin_plan, shared_dir
):
    text = seed_text(shared_dir)
    expected = task_paragraphs_per_program(text)
    assert sorted(expected) == [1, 2, 3, 4, 5, 6, 7]
    flat_text = re.sub(r"\s+", " ", text)
    for number, paragraphs in expected.items():
        tasks = list(
            Task.objects.filter(plan=builtin_plan, program__number=number).order_by("position")
        )
        assert len(tasks) == len(paragraphs), f"program {number}"
        for task, paragraph in zip(tasks, paragraphs, strict=True):
            assert task.text.startswith(paragraph.strip()[:60])
            assert task.text in flat_text, f"{task.code} is not verbatim"


@pytest.mark.django_db
def test_a_paragraph_broken_by_a_page_break_is_one_task(builtin_plan):
    task = Task.objects.get(
        plan=builtin_plan, text__contains="phát triển kinh tế trang trại theo hướng"
    )
    assert task.program.number == 2


@pytest.mark.django_db
def test_breakthroughs_and_supersession(builtin_plan):
    doc = show_json()
    assert [b["number"] for b in doc["breakthroughs"]] == [1, 2, 3]
    assert doc["breakthroughs"][0]["text"].startswith(
        "Tập trung nguồn lực đầu tư xây dựng kết cấu hạ tầng"
    )
    assert doc["supersedes"][0]["number"] == "04-CTr/TU"
    assert doc["supersedes"][0]["date"] == "2020-11-06"
    assert doc["number"] == "23-CTr/TU"
    assert doc["issue_date"] == "2021-08-27"
    assert doc["term"] == {"from_year": 2020, "to_year": 2025}


@pytest.mark.django_db
def test_section_two_assignments(builtin_plan):
    def units(role: str, **scope) -> set[str]:
        return set(
            Assignment.objects.filter(plan=builtin_plan, role=role, **scope).values_list(
                "unit__name", flat=True
            )
        )

    plan_scope = {"program": None, "target": None, "task": None}
    assert units("lead", **plan_scope) == {"Ban Thường vụ Tỉnh ủy"}
    assert units("monitor", **plan_scope) == {"Văn phòng Tỉnh ủy"}
    assert units("mobilize", **plan_scope) == {
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lạng Sơn",
        "Các tổ chức chính trị - xã hội tỉnh",
    }
    for number in range(1, 7):
        assert units("lead", program__number=number) == {"Ban cán sự đảng Ủy ban nhân dân tỉnh"}
    assert units("lead", program__number=7) == {"Ban Tổ chức Tỉnh ủy"}
    assert units("coordinate", program__number=7) == {
        "Các ban xây dựng đảng Tỉnh ủy",
        "Đoàn Đại biểu Quốc hội tỉnh Lạng Sơn",
        "Đảng đoàn Hội đồng nhân dân tỉnh",
        "Ban cán sự đảng Ủy ban nhân dân tỉnh",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lạng Sơn",
        "Các tổ chức chính trị - xã hội tỉnh",
    }
    deadline = builtin_plan.deadlines.get()
    assert deadline.due_date.isoformat() == "2021-12-31"
    assert "quý IV năm 2021" in deadline.source_text
    assert {u.name for u in deadline.units.all()} == {
        "Ban cán sự đảng Ủy ban nhân dân tỉnh",
        "Ban Tổ chức Tỉnh ủy",
    }


@pytest.mark.django_db
def test_loading_twice_changes_nothing(builtin_plan):
    before = show_json()
    counts = (
        Target.objects.count(),
        Task.objects.count(),
        Assignment.objects.count(),
        AuditEntry.objects.count(),
    )
    result = plan_load(document=plan_builtin_document())
    assert result.changed is False
    assert PlanRevision.objects.filter(plan=builtin_plan).count() == 1
    assert (
        Target.objects.count(),
        Task.objects.count(),
        Assignment.objects.count(),
        AuditEntry.objects.count(),
    ) == counts
    assert show_json() == before


@pytest.mark.django_db
def test_show_output_loads_back_unchanged(builtin_plan, tmp_path):
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(show_json(), ensure_ascii=False), encoding="utf-8")
    out = io.StringIO()
    call_command("plan", "load", str(path), stdout=out)
    assert "Không có thay đổi" in out.getvalue()
    assert PlanRevision.objects.filter(plan=builtin_plan).count() == 1


@pytest.mark.django_db
def test_every_load_is_in_the_audit_log(builtin_plan):
    entries = AuditEntry.objects.filter(plan_code=PLAN)
    assert entries.filter(object_type="plans.target", action="create").count() == 53
    assert entries.filter(object_type="plans.task", action="create").count() == Task.objects.count()
    entry = entries.get(object_type="plans.target", object_label__startswith="5.6.")
    assert entry.changes["comparator"]["after"] == "lt"
    assert entry.changes["value"]["after"] == "3"
