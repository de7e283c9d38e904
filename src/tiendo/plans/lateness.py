"""When a task (nhiệm vụ, giải pháp) is late: the one rule the report, the round pages and the
reminders use. Plain data in (a task, its plan, a date, the unit's deadline if any), no query.

A task that is not done is late on a day when

* it is marked "Chậm tiến độ" (`delayed`);
* its deadline has passed: the deadline given to the unit leading it, else the task's own
  due date (`overdue`);
* it has not been started ("Chưa triển khai") and its time to start has passed (`not_started`):
  a task is to be started within a year of the program's issue (of the start of its term when
  the issue date is not known), or by its deadline when that comes first. A program of a
  five-year term whose tasks are all still "chưa triển khai" in its last year is late on every
  one of them, not "without late tasks".

A task in progress before its deadline (or without one) is not late.
"""

from __future__ import annotations

import datetime as dt

from .models import Plan, Task, TaskStatus

__all__ = ["LATE_REASONS", "task_lateness", "task_start_by"]

LATE_REASONS: dict[str, str] = {
    "delayed": "chậm tiến độ",
    "overdue": "quá hạn chưa hoàn thành",
    "not_started": "chưa triển khai",
}


def task_start_by(*, plan: Plan, deadline: dt.date | None = None) -> dt.date:
    """The day by which a task of `plan` is to have been started."""
    start = plan.issue_date or dt.date(plan.term_from_year, 1, 1)
    by = dt.date(start.year + 1, start.month, min(start.day, 28))
    return min(by, deadline) if deadline is not None else by


def task_lateness(
    *, task: Task, plan: Plan, on: dt.date, deadline: dt.date | None = None
) -> str | None:
    """Why `task` is late on `on` ("delayed", "overdue", "not_started"), or None when it is
    not. `deadline` is the deadline of the unit's assignment, when it has one."""
    if task.status == TaskStatus.DONE:
        return None
    if task.status == TaskStatus.DELAYED:
        return "delayed"
    due = deadline or task.due_date
    if due is not None and due < on:
        return "overdue"
    if task.status == TaskStatus.NOT_STARTED and task_start_by(plan=plan, deadline=due) < on:
        return "not_started"
    return None
