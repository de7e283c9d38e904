"""Bodies of the plans API (tiendo.plans.api). Decimals travel as strings ("6650", "2.32")."""

import datetime as dt
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field

from tiendo.core.api import Code, ErrorOut, Id  # noqa: F401 (used by the routers as s.*)

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
    program_count: int = Field(description="Số chương trình công tác")
    target_count: int = Field(description="Số chỉ tiêu")


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


# --- Responsibility: coverage and delegations ------------------------------------------------

UnitCode = Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9._\-]+$")]
RoleCode = Literal["lead", "coordinate"]


class CoverageCountOut(Schema):
    total: int
    reportable: int
    uncovered: list[str]


class CoverageItemOut(Schema):
    kind: Literal["target", "task"]
    code: str
    chain: list[str]
    reporter: str | None
    gap: str | None
    gap_label: str | None


class CoverageOut(Schema):
    targets: CoverageCountOut
    tasks: CoverageCountOut
    items: list[CoverageItemOut] | None = None


class DelegationOut(Schema):
    id: int | None
    parent: int | None
    from_unit: str | None
    unit: str
    unit_name: str
    role: str
    origin: str
    scope: Literal["plan", "program", "target", "task"]
    ref: str | None
    part: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    basis_document: str | None
    basis_text: str


class CoverageChangeOut(Schema):
    code: str
    before: CoverageItemOut
    after: CoverageItemOut


class DelegationPreviewOut(Schema):
    nodes: list[DelegationOut]
    skipped: list[str]
    changes: list[CoverageChangeOut]


class DelegationIn(Schema):
    from_unit: UnitCode | None = None
    to_units: list[UnitCode] = Field(min_length=1, max_length=200)
    role: RoleCode = "lead"
    programs: list[Annotated[int, Field(ge=1, le=1000)]] = Field(default=[], max_length=1000)
    targets: list[Code] = Field(default=[], max_length=5000)
    tasks: list[Code] = Field(default=[], max_length=5000)
    valid_from: dt.date
    valid_to: dt.date | None = None
    basis_document: Annotated[str, Field(max_length=64)] | None = None
    basis_text: Annotated[str, Field(max_length=500, pattern=r"^[^\x00]*$")] = ""
    part: Annotated[str, Field(max_length=500, pattern=r"^[^\x00]*$")] = ""
    preview: bool = False


class DelegationEndIn(Schema):
    end_date: dt.date
    reason: Annotated[str, Field(max_length=500, pattern=r"^[^\x00]*$")]


class GroupResolveIn(Schema):
    members: list[UnitCode] = Field(min_length=1, max_length=500)
    valid_from: dt.date
    valid_to: dt.date | None = None
    basis_document: Annotated[str, Field(max_length=64)] | None = None
    basis_text: Annotated[str, Field(max_length=500, pattern=r"^[^\x00]*$")] = ""
    preview: bool = False


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
