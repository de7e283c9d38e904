"""Issue 17 item 2: the API's plan list counts each plan's programs and targets in a subquery of
their own, so a page of plans costs the same queries, and no join of programs with targets,
with 1 plan or with many."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tiendo.accounts.services import user_create
from tiendo.accounts.tokens import token_create
from tiendo.plans.models import Plan, PlanStatus, Program, Target

pytestmark = pytest.mark.django_db


def clone(plan: Plan, n: int) -> Plan:
    """A copy of `plan` (its programs and targets) under another code."""
    copy = Plan.objects.create(
        code=f"ban-sao-{n}",
        title=f"Bản sao {n}",
        area=plan.area,
        term_from_year=plan.term_from_year,
        term_to_year=plan.term_to_year,
        status=PlanStatus.ACTIVE,
    )
    programs = {
        p.pk: Program.objects.create(plan=copy, number=p.number, title=p.title)
        for p in plan.programs.all()
    }
    targets = list(Target.objects.filter(plan=plan))
    for target in targets:
        target.pk = None
        target.plan = copy
        target.program = programs[target.program_id]
    Target.objects.bulk_create(targets)
    return copy


def read(client: Client, token: str) -> tuple[dict[str, Any], list[str]]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(
            "/api/v1/plans", {"page_size": 500}, headers={"Authorization": f"Bearer {token}"}
        )
    assert response.status_code == 200
    return response.json(), [q["sql"] for q in ctx.captured_queries]


def test_the_plan_list_costs_the_same_with_1_and_with_many_plans(builtin_plan):
    user, _ = user_create(
        actor=None, username="ld", role="leader", password="mat-khau-rat-dai-9", check_actor=False
    )
    _token, raw = token_create(actor=None, user=user, check_actor=False)
    client = Client()
    read(client, raw)  # the token's last use is recorded once a minute

    one, one_sql = read(client, raw)
    assert one["count"] == 1
    (item,) = one["items"]
    assert (item["program_count"], item["target_count"]) == (7, 53)

    for n in range(1, 25):
        clone(builtin_plan, n)
    many, many_sql = read(client, raw)
    assert many["count"] == 25 and len(many["items"]) == 25
    assert {(i["program_count"], i["target_count"]) for i in many["items"]} == {(7, 53)}
    assert len(many_sql) == len(one_sql), "the same queries whatever the number of plans"
    for sql in many_sql:
        # counted per plan in subqueries of their own: no query joins the plans with their
        # programs and targets (rows = programs × targets per plan, then grouped)
        assert not re.search(r'JOIN "plans_(program|target)"', sql), sql
    (page_count,) = [sql for sql in many_sql if "COUNT(*)" in sql and "plans_plan" in sql]
    assert "plans_target" not in page_count, "the page count reads the plans alone"
