"""Bodies of the plans API (tiendo.plans.api). Decimals travel as strings ("6650", "2.32")."""

import datetime as dt
from typing import Annotated, Literal

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


# --- The register of implementing documents -------------------------------------------------------

DocumentKindCode = Literal[
    "resolution", "directive", "conclusion", "program", "plan", "project", "decision", "other"
]
RegisterStatusCode = Literal["on_time", "late", "missing", "not_due"]


class ImplementingDocumentOut(Schema):
    id: int
    unit: str
    issuing_body: str
    kind: str
    number: str
    date: dt.date
    title: str
    programs: list[int]
    targets: list[str]
    tasks: list[str]
    file_name: str | None
    file_kind: str | None
    file_size: int | None
    recorded_at: dt.datetime | None


class ImplementingDocumentIn(Schema):
    unit: Code
    kind: DocumentKindCode
    number: str = Field(min_length=1, max_length=64, pattern=r"^[^\x00]*$")
    date: dt.date
    title: str = Field(min_length=1, max_length=5000, pattern=r"^[^\x00]*$")
    issuing_body: str = Field("", max_length=300, pattern=r"^[^\x00]*$")
    programs: list[Annotated[int, Field(ge=1, le=1000)]] = Field(default=[], max_length=100)
    targets: list[Code] = Field(default=[], max_length=500)
    tasks: list[Code] = Field(default=[], max_length=500)


class DocumentFilters(Schema):
    unit: Code | None = None
    program: int | None = Field(None, ge=1, le=1000)


class RegisterDeadlineOut(Schema):
    due_date: dt.date
    title: str
    units: list[str]


class RegisterObligationOut(Schema):
    unit: str
    program: int | None
    due: dt.date
    status: RegisterStatusCode
    days: int
    document: int | None


class RegisterOut(Schema):
    plan: str
    as_of: dt.date
    deadlines: list[RegisterDeadlineOut]
    obligations: list[RegisterObligationOut]
    counts: dict[str, int]
