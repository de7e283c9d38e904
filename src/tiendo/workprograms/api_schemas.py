"""Bodies of the work programs API (tiendo.workprograms.api)."""

import datetime as dt
from typing import Literal

from ninja import Schema
from pydantic import Field

from tiendo.core.api import Id

OutcomeCode = Literal["pending", "issued", "postponed", "dropped"]


class WorkProgramOut(Schema):
    year: int
    title: str
    item_count: int
    pending_count: int
    source_name: str
    loaded_at: dt.datetime


class UnitRefOut(Schema):
    code: str
    name: str


class DueOut(Schema):
    month: int | None
    quarter: int | None
    label: str


class ChoiceOut(Schema):
    code: str
    label: str


class OutcomeDocumentOut(Schema):
    id: int
    number: str
    date: dt.date
    title: str
    issuing_unit: str


class WorkProgramItemOut(Schema):
    number: int
    content: str
    programs: list[int]
    targets: list[str]
    tasks: list[str]
    preparing_unit: UnitRefOut
    coordinating_units: list[UnitRefOut]
    due: DueOut
    considered_by: ChoiceOut
    outcome: ChoiceOut
    document: OutcomeDocumentOut | None
    reason: str
    late: bool


class WorkProgramDetailOut(Schema):
    format: str
    plan: str
    year: int
    title: str
    as_of: dt.date
    items: list[WorkProgramItemOut]


class WorkProgramFilters(Schema):
    as_of: dt.date | None = None
    program: int | None = Field(None, ge=1, le=1000)


class OutcomeIn(Schema):
    outcome: OutcomeCode
    document: Id | None = None
    reason: str = Field("", max_length=2000, pattern=r"^[^\x00]*$")
