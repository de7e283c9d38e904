from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.reporting.conftest import demo, rnd  # noqa: F401  (fixtures)


class Api:
    """A test client that sends a personal token."""

    def __init__(self, token: str | None) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(f"/api/v1{path}", params, headers=self.headers)

    def post(self, path: str, body: Any, headers: dict[str, str] | None = None) -> Any:
        return self.client.post(
            f"/api/v1{path}",
            body,
            content_type="application/json",
            headers={**self.headers, **(headers or {})},
        )

    def put(self, path: str, body: Any) -> Any:
        return self.client.put(
            f"/api/v1{path}", body, content_type="application/json", headers=self.headers
        )


@pytest.fixture
def api_as(demo: dict[str, Any]) -> Any:  # noqa: F811
    from tiendo.accounts.tokens import token_create

    def make(username: str) -> Api:
        user = demo.get(username)
        assert user is not None, username
        _token, raw = token_create(actor=None, user=user, check_actor=False)
        return Api(raw)

    return make
