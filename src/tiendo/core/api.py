"""What every API router shares, kept low so that each app's router (`plans/api.py`,
`reporting/api.py`, …) can use it without importing the API package above it: the one error
shape, the field types of paths and bodies, pagination, and the request's user.

The `NinjaAPI` itself (token authentication, the exception handlers that turn errors into this
shape, the OpenAPI document and the mounting of the routers) is in `tiendo.api`."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Schema
from ninja.pagination import PageNumberPagination
from pydantic import Field

from .text import EXCEL_CELL_MAX

# --- Field types ---------------------------------------------------------------------------------

MAX_ID = 2_147_483_647
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Version = Annotated[int, Field(ge=1, le=MAX_ID)]
Year = Annotated[int, Field(ge=1945, le=2100)]
Code = Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9._\-]+$")]
# Free text: the schema only bounds it by what an Excel cell holds; each field's own limit is the
# service's (the same on the page), stated in its error (issue 13, item 5).
Text = Annotated[str, Field(max_length=EXCEL_CELL_MAX, pattern=r"^[^\x00]*$")]

# --- The error shape: {"error": {"code", "message", "details": [{"field", "message"}]}} ---------


class ErrorDetail(Schema):
    field: str = ""
    message: str


class ErrorBody(Schema):
    code: str
    message: str
    details: list[ErrorDetail] = []


class ErrorOut(Schema):
    error: ErrorBody


ERRORS: dict[int, type[Schema]] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    422: ErrorOut,
}
"""The error answers every operation documents; writes add 409 (`WRITE_ERRORS`)."""
WRITE_ERRORS: dict[int, type[Schema]] = {**ERRORS, 409: ErrorOut}


def error_body(code: str, message: str, details: list[dict[str, Any]] | None = None) -> dict:
    """The body of an error answer, in the API's one shape."""
    return {"error": {"code": code, "message": message, "details": details or []}}


# --- Pagination and the caller ---------------------------------------------------------------------


class Pagination(PageNumberPagination):
    """`?page=1&page_size=50` (≤ 500) → `{"items": [...], "count": N}`."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int | None = Field(None, ge=1, le=500)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(page_size=50, max_page_size=500, **kwargs)


def api_user(request: HttpRequest) -> Any:
    """The account behind the request's token (the API's authentication has checked that the
    token is valid and the account active before any operation runs)."""
    return request.auth  # type: ignore[attr-defined]
