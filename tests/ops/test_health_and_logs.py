"""/healthz and /readyz, the JSON request log and the slow-query log."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import OperationalError, connection

from tiendo.ops import selectors

pytestmark = pytest.mark.django_db


class Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[dict[str, Any]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(json.loads(record.getMessage()))


@pytest.fixture
def lines() -> Iterator[Lines]:
    handler = Lines()
    loggers = [logging.getLogger("tiendo.request"), logging.getLogger("tiendo.slow_query")]
    for logger in loggers:
        logger.addHandler(handler)
    yield handler
    for logger in loggers:
        logger.removeHandler(handler)


def test_healthz_and_readyz_answer_when_the_database_is_migrated(client: Any) -> None:
    assert client.get("/healthz").status_code == 200
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready"}


def test_readyz_is_503_with_the_unapplied_migrations(client: Any, monkeypatch: Any) -> None:
    on_disk = selectors.migrations_on_disk() | {("reporting", "9999_moi")}
    monkeypatch.setattr(selectors, "migrations_on_disk", lambda: on_disk)
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["unapplied_migrations"] == ["reporting.9999_moi"]
    assert "tiendo migrate" in body["reason"]


def test_readyz_is_503_when_the_database_does_not_answer(client: Any, monkeypatch: Any) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert "Không kết nối được cơ sở dữ liệu" in response.json()["reason"]


def test_one_json_line_per_request_with_the_user(
    client: Any, django_user_model: Any, lines: Lines
) -> None:
    user = django_user_model.objects.create_user(username="ld", password="mat-khau-dai-1")
    client.get("/healthz")
    client.force_login(user)
    client.get("/plans/", HTTP_ACCEPT_LANGUAGE="vi")
    first, second = [r for r in lines.records if r["event"] == "request"]
    assert first["method"] == "GET" and first["path"] == "/healthz"
    assert first["status"] == 200 and first["user"] is None
    assert isinstance(first["duration_ms"], float)
    assert "queries" not in first  # counted only with DEBUG or the slow-query log
    assert second["path"] == "/plans/" and second["user"] == user.pk


def test_slow_query_log_counts_queries_and_logs_the_slow_ones(
    client: Any, settings: Any, lines: Lines
) -> None:
    settings.TIENDO_SLOW_QUERY_MS = 0.000001  # every query is "slow"
    client.get("/readyz")
    slow = [r for r in lines.records if r["event"] == "slow_query"]
    request = next(r for r in lines.records if r["event"] == "request")
    assert request["queries"] >= 2 and request["queries"] == len(slow)
    assert slow[0]["path"] == "/readyz" and "SELECT 1" in slow[0]["sql"]


def test_request_log_can_be_switched_off(client: Any, settings: Any, lines: Lines) -> None:
    settings.TIENDO_REQUEST_LOG = False
    client.get("/healthz")
    assert lines.records == []
