"""Bodies of the reporting API (tiendo.reporting.api): rounds, submissions, accepted figures.
Decimals travel as strings ("6650", "2.32")."""

import datetime as dt
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field

from tiendo.core.api import MAX_ID, Code, Text, Version
from tiendo.plans.api_schemas import TaskStatusCode

FigureTypeCode = Literal["estimate", "reported", "official"]
QualifierCode = Literal["exact", "more_than", "about"]
StateCode = Literal["draft", "submitted", "returned", "resubmitted", "accepted"]
# A number as a JSON number or a string in plain machine notation: 6650, "6650", "2.32".
DecimalText = Annotated[str, Field(max_length=40, pattern=r"^-?\d{1,14}(\.\d{1,6})?$")]


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


class RoundFilters(Schema):
    plan: Code | None = None
    year: int | None = Field(None, ge=1945, le=2100)
    status: str | None = Field(None, max_length=16)


class SubmissionFilters(Schema):
    round: int | None = Field(None, ge=1, le=MAX_ID)
    plan: Code | None = None
    unit: Code | None = None
    state: StateCode | None = None
    year: int | None = Field(None, ge=1945, le=2100)


class FigureFilters(Schema):
    plan: Code | None = None
    target: Code | None = None
    program: int | None = Field(None, ge=1, le=1000)
    year: int | None = Field(None, ge=1945, le=2100)
    figure_type: FigureTypeCode | None = None
