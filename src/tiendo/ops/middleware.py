"""Structured request logs: one JSON line per request on the `tiendo.request` logger, and the
optional slow-query log (`TIENDO_SLOW_QUERY_MS`) on `tiendo.slow_query`.

A request line holds: method, path, status, duration_ms, user (id or null) and, when DEBUG is on
or the slow-query log is enabled, queries (how many SQL statements the request ran) and
db_ms (their total time)."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject, empty

request_logger = logging.getLogger("tiendo.request")
slow_logger = logging.getLogger("tiendo.slow_query")


class QueryRecorder:
    """A database execute wrapper: counts queries, adds up their time, logs the slow ones."""

    def __init__(self, *, slow_ms: float, path: str) -> None:
        self.slow_ms = slow_ms
        self.path = path
        self.count = 0
        self.total_ms = 0.0

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            elapsed = (time.perf_counter() - started) * 1000
            self.count += 1
            self.total_ms += elapsed
            if self.slow_ms > 0 and elapsed >= self.slow_ms:
                slow_logger.warning(
                    json.dumps(
                        {
                            "event": "slow_query",
                            "duration_ms": round(elapsed, 1),
                            "path": self.path,
                            "sql": sql[:2000],
                        },
                        ensure_ascii=False,
                    )
                )


def _user_id(request: HttpRequest) -> int | None:
    """The user's id when authentication already ran; never triggers a session lookup."""
    user = getattr(request, "user", None)
    if user is None:
        return None
    if isinstance(user, SimpleLazyObject) and user._wrapped is empty:
        return None
    if not getattr(user, "is_authenticated", False):
        return None
    pk = getattr(user, "pk", None)
    return int(pk) if pk is not None else None


class RequestLogMiddleware:
    """First in MIDDLEWARE, so that the duration covers the whole stack."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.enabled = bool(getattr(settings, "TIENDO_REQUEST_LOG", True))
        self.slow_ms = float(getattr(settings, "TIENDO_SLOW_QUERY_MS", 0) or 0)
        self.count_queries = bool(settings.DEBUG) or self.slow_ms > 0

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self.enabled and self.slow_ms <= 0:
            return self.get_response(request)
        started = time.perf_counter()
        recorder: QueryRecorder | None = None
        if self.count_queries:
            recorder = QueryRecorder(slow_ms=self.slow_ms, path=request.path)
            with connection.execute_wrapper(recorder):
                response = self.get_response(request)
        else:
            response = self.get_response(request)
        if self.enabled:
            line: dict[str, Any] = {
                "event": "request",
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "user": _user_id(request),
            }
            if recorder is not None:
                line["queries"] = recorder.count
                line["db_ms"] = round(recorder.total_ms, 1)
            request_logger.info(json.dumps(line, ensure_ascii=False))
        return response
