"""A draft plan is not a plan of record: through the API it exists for the office (monitors and
administrators) only. For everyone else its code answers exactly like a code that does not exist,
on every route that takes a plan code, and lists leave it out."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from tiendo.accounts.tokens import token_create
from tiendo.plans.services import plan_builtin_document, plan_load

from .conftest import Api

DRAFT = "du-thao-moi"
MISSING = "khong-co-ke-hoach-nay"
OFFICE = ["theodoi", "quantri"]
OTHERS = ["lanhdao", "baocao.snn", "baocao.svhttdl"]


@pytest.fixture
def draft(demo: dict[str, Any]) -> str:
    document = copy.deepcopy(plan_builtin_document())
    document.update(code=DRAFT, status="draft")
    plan_load(document=document, record_revision=False)
    return DRAFT


# Values for the other parameters of a route that takes a plan code (a document of the
# register, a year's work program): the plan is checked first, so a draft still answers 404.
OTHER_PARAMETERS = {"{document_id}": "1", "{year}": "2022"}


def plan_code_routes(api: Api, *, plan_only: bool = False) -> list[str]:
    """Every GET route of the published API that takes a plan code (from the OpenAPI
    document, so that a new route is walked too); `plan_only`: those that take nothing else."""
    spec = api.client.get("/api/v1/openapi.json").json()
    routes = [
        path.removeprefix("/api/v1")
        for path, operations in spec["paths"].items()
        if "{code}" in path and "get" in operations and (not plan_only or path.count("{") == 1)
    ]
    assert {"/plans/{code}", "/plans/{code}/targets", "/plans/{code}/evaluation"} <= set(routes)
    for placeholder, value in OTHER_PARAMETERS.items():
        routes = [r.replace(placeholder, value) for r in routes]
    return routes


def plan_filter_routes(api: Api) -> list[str]:
    """Every list of the published API that can be filtered by plan (`?plan=`)."""
    spec = api.client.get("/api/v1/openapi.json").json()
    routes = [
        path.removeprefix("/api/v1")
        for path, operations in spec["paths"].items()
        if any(p["name"] == "plan" for p in operations.get("get", {}).get("parameters", []))
    ]
    assert {"/rounds", "/submissions", "/figures"} <= set(routes)
    return routes


def test_drafts_are_listed_only_to_the_office(api_as: Any, draft: str) -> None:
    leader = api_as("lanhdao")
    codes = [p["code"] for p in leader.get("/plans").json()["items"]]
    assert codes == ["lang-son-2020-2025"]
    refused = leader.get("/plans", status="draft")
    assert refused.status_code == 403 and refused.json()["error"]["message"]

    for username in OFFICE:
        office = api_as(username)
        assert [p["code"] for p in office.get("/plans", status="draft").json()["items"]] == [DRAFT]


@pytest.mark.parametrize("username", [*OTHERS, "khach"])
def test_a_draft_answers_like_a_plan_that_does_not_exist(
    api_as: Any, draft: str, username: str
) -> None:
    if username == "khach":  # an account without a role
        user = get_user_model().objects.create_user(username="khach", password="x-y-z-12345678")
        api = Api(token_create(actor=None, user=user, check_actor=False)[1])
    else:
        api = api_as(username)
    for route in plan_code_routes(api):
        hidden = api.get(route.replace("{code}", DRAFT))
        missing = api.get(route.replace("{code}", MISSING))
        assert hidden.status_code == missing.status_code == 404, route
        assert (
            hidden["Content-Type"] == missing["Content-Type"] == "application/json; charset=utf-8"
        )
        assert hidden.json() == _with_code(missing.json(), MISSING, DRAFT), route
        assert hidden.json()["error"]["code"] == "not_found"
    for route in plan_filter_routes(api):
        hidden = api.get(route, plan=DRAFT)
        missing = api.get(route, plan=MISSING)
        assert hidden.status_code == missing.status_code, route
        assert hidden.json() == missing.json(), route


@pytest.mark.parametrize("username", OFFICE)
def test_the_office_reads_a_draft_on_every_route(api_as: Any, draft: str, username: str) -> None:
    api = api_as(username)
    for route in plan_code_routes(api, plan_only=True):
        response = api.get(route.replace("{code}", DRAFT))
        assert response.status_code == 200, (route, response.content[:300])
    assert api.get(f"/plans/{DRAFT}").json()["status"] == "draft"
    assert api.get(f"/plans/{DRAFT}/targets").json()["count"] == 53


def _with_code(body: Any, old: str, new: str) -> Any:
    """The error body of a missing plan as it reads for another code."""
    error = dict(body["error"])
    error["message"] = error["message"].replace(old, new)
    return {"error": error}
