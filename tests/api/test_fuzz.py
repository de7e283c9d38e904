"""Fuzzing the API from its OpenAPI document (schemathesis, bounded examples): whatever the
generated request, the server never answers 500. Runs with a reporter's token (writes reach the
services) against the Django WSGI application, in the normal test run (and so in CI)."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from tiendo.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def token(rnd: Any, demo: dict[str, Any]) -> str:
    from tiendo.api.services import token_create

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
