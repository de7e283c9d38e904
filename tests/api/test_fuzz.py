"""Fuzzing the API from its OpenAPI document (schemathesis, bounded examples): whatever the
generated request, the server never answers 500. Runs with a reporter's token (writes reach the
services) against the Django WSGI application, in the normal test run (and so in CI)."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from tiendo.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Any:
    """Like Django's test client: the WSGI handler must not close the test's database connection
    between requests (on PostgreSQL that would end the test's transaction)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(rnd: Any, demo: dict[str, Any]) -> str:
    from tiendo.accounts.tokens import token_create

    _token, raw = token_create(actor=None, user=demo["baocao.snn"], check_actor=False)
    return raw


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_never_answers_500(case: Any, token: str) -> None:
    response = case.call(headers={"Authorization": f"Bearer {token}"})
    case.validate_response(response, checks=[not_a_server_error])
