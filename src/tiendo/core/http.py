"""HTTP helpers shared by the pages and the API: request typing for views that use django-htmx,
the Content-Disposition of a download with a Vietnamese file name, and the answer to a busy
database.

A busy database is one where another transaction holds the lock a request needs for longer than
the request waits (SQLite's busy timeout, PostgreSQL's `lock_timeout` or `statement_timeout`;
`settings/database.py`). That is not a fault of the request or of the code: the answer is
503 "Hệ thống đang bận, vui lòng thử lại sau ít phút" with a Retry-After header, never a 500.
`database_busy(exc)` recognises it; the web middleware and the 500 handler
(`tiendo.web.middleware.BusyMiddleware`, `tiendo.web.views.server_error`) and the API's
exception handler call it, so that the rule lives in one place.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from urllib.parse import quote

from django.db import OperationalError
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_htmx.middleware import HtmxDetails

from .api import error_body
from .dates import date_parse
from .text import slug

__all__ = [
    "BUSY_RETRY_AFTER_SECONDS",
    "HtmxHttpRequest",
    "busy_json_response",
    "busy_log",
    "busy_message",
    "content_disposition",
    "database_busy",
    "query_day",
]

logger = logging.getLogger("tiendo.busy")

#: Seconds a client is asked to wait before trying again (the Retry-After header).
BUSY_RETRY_AFTER_SECONDS = 30

# PostgreSQL: lock_not_available (lock_timeout, NOWAIT), query_canceled (statement_timeout).
_BUSY_SQLSTATES = frozenset({"55P03", "57014"})
_SQLITE_BUSY = ("database is locked", "database table is locked", "database schema is locked")


class HtmxHttpRequest(HttpRequest):
    """A request that went through HtmxMiddleware: `request.htmx` is truthy for htmx requests."""

    htmx: HtmxDetails


def content_disposition(*, filename: str, fallback: str | None = None, inline: bool = False) -> str:
    """A Content-Disposition value that keeps a Vietnamese file name: an ASCII `filename` for
    old clients (`fallback`, else the name without diacritics) and the UTF-8 `filename*`
    (RFC 6266) that browsers save under: "Nhập số liệu - Sở NN&PTNT - Năm 2025.xlsx"."""
    stem, dot, ext = filename.rpartition(".")
    if fallback is None:
        fallback = f"{slug(stem) or 'tep'}{dot}{ext}" if dot else slug(filename) or "tep"
    ascii_name = fallback.encode("ascii", "ignore").decode().replace("\\", "").replace('"', "")
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


def database_busy(exc: BaseException | None) -> bool:
    """True when `exc`, or an exception that caused it, is the database giving up waiting for a
    lock: SQLite "database is locked", PostgreSQL lock or statement timeout."""
    seen: set[int] = set()
    current = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if getattr(current, "sqlstate", None) in _BUSY_SQLSTATES:
            return True
        if isinstance(current, OperationalError | sqlite3.OperationalError):
            text = str(current).lower()
            if any(marker in text for marker in _SQLITE_BUSY):
                return True
        current = current.__cause__ or current.__context__
    return False


def busy_message() -> str:
    return _("Hệ thống đang bận, vui lòng thử lại sau ít phút.")


def busy_log(request: HttpRequest, exc: BaseException) -> None:
    logger.warning("database busy: %s %s (%s)", request.method, request.path, exc)


def busy_json_response(request: HttpRequest, exc: BaseException | None = None) -> JsonResponse:
    """503 in the API's error shape, with Retry-After."""
    if exc is not None:
        busy_log(request, exc)
    response = JsonResponse(
        error_body("busy", busy_message()),
        status=503,
        json_dumps_params={"ensure_ascii": False},
    )
    response["Retry-After"] = str(BUSY_RETRY_AFTER_SECONDS)
    return response


def query_day(request: HttpRequest, name: str = "as_of") -> dt.date:
    """The day a page is read on: ?as_of=30/06/2025 (or 2025-06-30), else (absent or not a
    date) today."""
    return date_parse(request.GET.get(name, "")) or timezone.localdate()
