"""Request and response bodies of the API. Decimals travel as strings ("6650", "2.32")."""

import datetime as dt
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import Field

MAX_ID = 2_147_483_647
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Version = Annotated[int, Field(ge=1, le=MAX_ID)]
Year = Annotated[int, Field(ge=1945, le=2100)]
Code = Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9._\-]+$")]
Text = Annotated[str, Field(max_length=5000, pattern=r"^[^\x00]*$")]
FigureTypeCode = Literal["estimate", "reported", "official"]
QualifierCode = Literal["exact", "more_than", "about"]
TaskStatusCode = Literal["not_started", "in_progress", "done", "delayed"]
StateCode = Literal["draft", "submitted", "returned", "resubmitted", "accepted"]
# A number as a JSON number or a string in plain machine notation: 6650, "6650", "2.32".
DecimalText = Annotated[str, Field(max_length=40, pattern=r"^-?\d{1,14}(\.\d{1,6})?$")]


class ErrorDetail(Schema):
    field: str = ""
    message: str


class ErrorBody(Schema):
    code: str
    message: str
    details: list[ErrorDetail] = []


class ErrorOut(Schema):
    error: ErrorBody


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


class UnitOut(Schema):
    code: str
    name: str
    short_name: str
    kind: str
    parent: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None


class RoundOut(Schema):
    id: int
    plan: str
    period_kind: str
    year: int
    number: int
    period_label: str
    opens_on: dt.date
    deadline: dt.date
    status: str


class SubmissionFigureOut(Schema):
    target: str
    year: int
    value: str | None
    figure_type: str
    qualifier: str
    source: str
    note: str
    correction_reason: str
    accepted_figure: int | None


class SubmissionTaskOut(Schema):
    task: str
    status: str
    percent_done: int | None
    narrative: str


class SubmissionOut(Schema):
    id: int
    round: int
    plan: str
    year: int
    unit: str
    state: str
    version: int
    return_reason: str
    updated_at: dt.datetime
    submitted_at: dt.datetime | None
    accepted_at: dt.datetime | None


class SubmissionDetailOut(SubmissionOut):
    figures: list[SubmissionFigureOut]
    tasks: list[SubmissionTaskOut]


class FigureOut(Schema):
    id: int
    target: str
    year: int
    value: str
    figure_type: str
    qualifier: str
    source: str
    corrects: int | None
    accepted_at: dt.datetime


class FigureIn(Schema):
    target: Code
    value: DecimalText | float | int | None = None
    figure_type: FigureTypeCode | None = None
    qualifier: QualifierCode | None = None
    source: Text | None = None
    note: Text | None = None
    correction_reason: Text | None = None


class TaskIn(Schema):
    task: Code
    status: TaskStatusCode | None = None
    percent_done: Annotated[int, Field(ge=0, le=100)] | None = None
    narrative: Text | None = None


class SubmissionUpdateIn(Schema):
    version: Version
    figures: Annotated[list[FigureIn], Field(max_length=500)] = []
    tasks: Annotated[list[TaskIn], Field(max_length=500)] = []


class VersionIn(Schema):
    version: Version


class ReturnIn(Schema):
    version: Version
    reason: Annotated[str, Field(min_length=1, max_length=5000, pattern=r"^[^\x00]*$")]


class FiguresBulkIn(Schema):
    version: Version | None = None
    client_key: (
        Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[^\x00]*$")] | None
    ) = None
    figures: Annotated[list[FigureIn], Field(min_length=1, max_length=500)]


class FiguresBulkOut(Schema):
    submission: SubmissionDetailOut
    updated: list[str]
    replayed: bool


class EvaluationOut(Schema):
    plan: str
    as_of: int
    counts: dict[str, int]
    evaluations: list[dict[str, Any]]


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
