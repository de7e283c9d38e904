"""A draft plan is not a plan of record: the API lists it only to the office, when asked."""

from __future__ import annotations

import copy
from typing import Any

from tiendo.plans.services import plan_builtin_document, plan_load


def test_drafts_are_listed_only_to_the_office(api_as: Any, demo: dict[str, Any]) -> None:
    document = copy.deepcopy(plan_builtin_document())
    document.update(code="du-thao-moi", status="draft")
    plan_load(document=document, record_revision=False)

    leader = api_as("lanhdao")
    codes = [p["code"] for p in leader.get("/plans").json()["items"]]
    assert codes == ["lang-son-2020-2025"]
    refused = leader.get("/plans", status="draft")
    assert refused.status_code == 403 and refused.json()["error"]["message"]

    office = api_as("theodoi")
    assert [p["code"] for p in office.get("/plans", status="draft").json()["items"]] == [
        "du-thao-moi"
    ]
