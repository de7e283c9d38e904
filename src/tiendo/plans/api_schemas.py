"""Bodies of the plans API (tiendo.plans.api). Decimals travel as strings ("6650", "2.32")."""

import datetime as dt
from typing import Literal

from ninja import Schema
from pydantic import Field

from tiendo.core.api import Code

TaskStatusCode = Literal["not_started", "in_progress", "done", "delayed"]


class PlanOut(Schema):
    code: str
    number: str
    title: str
    issuing_body: str
    issue_date: dt.date | None
    term_from_year: int
    term_to_year: int
    status: str


class ProgramOut(Schema):
    number: int
    title: str


class TargetOut(Schema):
    code: str
    program: int
    kind: str
    comparator: str | None
    value: str | None
    value_high: str | None
    unit: str
    from_year: int | None
    to_year: int
    indicator: str
    baseline_value: str | None
    baseline_year: int | None


class TaskOut(Schema):
    code: str
    program: int
    text: str
    due_date: dt.date | None
    status: str


class TargetFilters(Schema):
    program: int | None = Field(None, ge=1, le=1000)
    unit: Code | None = None
    kind: str | None = Field(None, max_length=32)


class TaskFilters(Schema):
    program: int | None = Field(None, ge=1, le=1000)
    unit: Code | None = None
    status: TaskStatusCode | None = None
