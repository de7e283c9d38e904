"""A task not started past its time is late: one rule, for the report and the round pages."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.reporting.conftest import demo  # noqa: F401  (fixture)
from tiendo.exports.report import report_build
from tiendo.plans.lateness import task_lateness, task_start_by
from tiendo.plans.models import Plan, Task, TaskStatus
from tiendo.reporting.selectors import assigned_items_for_units, overdue_tasks_by_unit

D = dt.date
ISSUED = D(2021, 8, 27)


def plan(issue: D | None = ISSUED) -> Plan:
    return Plan(code="p", term_from_year=2020, term_to_year=2025, issue_date=issue)


def task(status: str = TaskStatus.NOT_STARTED, due: D | None = None) -> Task:
    return Task(code="NV1.1", text="…", status=status, due_date=due)


@pytest.mark.parametrize(
    ("status", "due", "on", "deadline", "late"),
    [
        # Not started: late once a year has passed since the program was issued.
        (TaskStatus.NOT_STARTED, None, D(2022, 8, 27), None, None),
        (TaskStatus.NOT_STARTED, None, D(2022, 8, 28), None, "not_started"),
        (TaskStatus.NOT_STARTED, None, D(2025, 12, 31), None, "not_started"),
        # ... or by its deadline when that comes first, and overdue after it.
        (TaskStatus.NOT_STARTED, D(2021, 12, 31), D(2021, 12, 31), None, None),
        (TaskStatus.NOT_STARTED, D(2021, 12, 31), D(2022, 1, 1), None, "overdue"),
        # Under way: late only past its deadline (the unit's, else the task's).
        (TaskStatus.IN_PROGRESS, None, D(2025, 12, 31), None, None),
        (TaskStatus.IN_PROGRESS, D(2024, 6, 30), D(2024, 7, 1), None, "overdue"),
        (TaskStatus.IN_PROGRESS, D(2024, 6, 30), D(2024, 7, 1), D(2024, 12, 31), None),
        (TaskStatus.IN_PROGRESS, None, D(2025, 1, 1), D(2024, 12, 31), "overdue"),
        # Marked late, or done.
        (TaskStatus.DELAYED, None, D(2021, 9, 1), None, "delayed"),
        (TaskStatus.DONE, D(2021, 12, 31), D(2025, 12, 31), None, None),
    ],
)
def test_when_a_task_is_late(status, due, on, deadline, late):
    assert task_lateness(task=task(status, due), plan=plan(), on=on, deadline=deadline) == late


def test_without_an_issue_date_the_term_starts_the_clock():
    assert task_start_by(plan=plan(issue=None)) == D(2021, 1, 1)
    assert task_start_by(plan=plan(), deadline=D(2022, 3, 1)) == D(2022, 3, 1)


@pytest.mark.django_db
def test_the_report_counts_tasks_not_started_as_late(builtin_plan):
    tasks = Task.objects.filter(plan=builtin_plan)
    assert tasks.count() == 40 and set(tasks.values_list("status", flat=True)) == {"not_started"}
    limitations = report_build(plan=builtin_plan, as_of_year=2025, today=D(2026, 11, 20)).sections[
        "limitations"
    ]
    assert "Không có nhiệm vụ chậm tiến độ" not in limitations
    assert "Có 40 nhiệm vụ chậm tiến độ hoặc quá hạn chưa hoàn thành:" in limitations
    assert "- Nhiệm vụ NV1.1 (chưa triển khai): " in limitations
    tasks.update(status=TaskStatus.IN_PROGRESS)
    limitations = report_build(plan=builtin_plan, as_of_year=2025, today=D(2026, 11, 20)).sections[
        "limitations"
    ]
    assert "Không có nhiệm vụ chậm tiến độ." in limitations


@pytest.mark.django_db
@pytest.mark.usefixtures("demo")
def test_the_round_pages_use_the_same_rule(builtin_plan):
    from tiendo.org.models import OrgUnit

    # Ban Tổ chức reports its tasks (the demo set gives it a reporter account).
    unit = OrgUnit.objects.get(code="ban-to-chuc-tinh-uy")
    assert assigned_items_for_units(plan=builtin_plan, unit_ids=[unit.pk])[unit.pk][1]
    late = overdue_tasks_by_unit(plan=builtin_plan, unit_ids=[unit.pk], today=D(2024, 12, 22))
    assert late[unit.pk], "its tasks, not started three years on, are late"
    codes = {t.code for t in late[unit.pk]}
    Task.objects.filter(plan=builtin_plan, code__in=codes).update(status=TaskStatus.IN_PROGRESS)
    late = overdue_tasks_by_unit(plan=builtin_plan, unit_ids=[unit.pk], today=D(2024, 12, 22))
    assert late[unit.pk] == []
