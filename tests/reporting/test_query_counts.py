"""Each page's query count is pinned and stays the same with more units and targets."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from tiendo.org.models import OrgUnit, OrgUnitKind
from tiendo.plans.models import Assignment, Program, Target
from tiendo.plans.services import target_assign
from tiendo.reporting.services import round_open, submission_submit, units_urge

from .conftest import BTC, sub_of

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[0, 6], ids=["small", "large"])
def sized(request: Any, demo: dict[str, Any]) -> dict[str, Any]:
    """The demo world; "large" adds six reporting units (each leading targets and a program)
    and gives Ban Tổ chức eight more targets."""
    extra = request.param
    plan = demo["plan"]
    monitor = demo["theodoi"]
    targets = list(
        Target.objects.filter(plan=plan, program__number__in=[4, 5]).order_by("position")
    )
    programs = list(Program.objects.filter(plan=plan, number__in=[1, 2, 3, 4, 5, 6]))
    for n in range(extra):
        unit = OrgUnit.objects.create(
            code=f"don-vi-{n}", name=f"Đơn vị {n}", kind=OrgUnitKind.DEPARTMENT
        )
        for target in targets[n * 2 : n * 2 + 2]:
            target_assign(actor=monitor, plan=plan, unit=unit, target=target)
        Assignment.objects.create(plan=plan, unit=unit, role="lead", program=programs[n])
    if extra:
        btc = OrgUnit.objects.get(code=BTC)
        for target in Target.objects.filter(plan=plan, program__number=6)[:8]:
            target_assign(actor=monitor, plan=plan, unit=btc, target=target)
    rnd = round_open(
        actor=monitor,
        plan=plan,
        period_kind="year",
        year=2024,
        opens_on=dt.date(2024, 12, 1),
        deadline=dt.date(2024, 12, 20),
    )
    units = list(rnd.units.values_list("pk", flat=True))
    units_urge(actor=monitor, reporting_round=rnd, unit_ids=units)
    return {**demo, "round": rnd, "extra": extra}


def _check(client: Any, django_assert_num_queries: Any, user: Any, url: str, expected: int) -> None:
    client.force_login(user)
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200


def test_workspace(client: Any, django_assert_num_queries: Any, sized: dict[str, Any]) -> None:
    _check(
        # + the unit's plans, its assigned items and the evaluation of that plan (fixed per plan)
        client,
        django_assert_num_queries,
        sized["baocao.btc"],
        reverse("reporting:workspace"),
        12,
    )


def test_submission_form(
    client: Any, django_assert_num_queries: Any, sized: dict[str, Any]
) -> None:
    sub = sub_of(sized["round"], BTC)
    _check(
        client,
        django_assert_num_queries,
        sized["baocao.btc"],
        reverse("reporting:submission", args=[sub.pk]),
        8,
    )


def test_submission_review(
    client: Any, django_assert_num_queries: Any, sized: dict[str, Any]
) -> None:
    sub = sub_of(sized["round"], BTC)
    submission_submit(actor=sized["baocao.btc"], submission=sub, version=sub.version)
    _check(
        client,
        django_assert_num_queries,
        sized["theodoi"],
        reverse("reporting:submission", args=[sub.pk]),
        8,
    )


def test_round_list(client: Any, django_assert_num_queries: Any, sized: dict[str, Any]) -> None:
    _check(client, django_assert_num_queries, sized["theodoi"], reverse("reporting:round_list"), 4)


def test_round_progress(client: Any, django_assert_num_queries: Any, sized: dict[str, Any]) -> None:
    url = reverse("reporting:round_detail", args=[sized["round"].pk])
    _check(client, django_assert_num_queries, sized["lanhdao"], url, 9)


def test_round_urge(client: Any, django_assert_num_queries: Any, sized: dict[str, Any]) -> None:
    url = reverse("reporting:round_urge", args=[sized["round"].pk])
    _check(client, django_assert_num_queries, sized["theodoi"], url, 10)


def test_audit_log(client: Any, django_assert_num_queries: Any, sized: dict[str, Any]) -> None:
    _check(client, django_assert_num_queries, sized["theodoi"], reverse("reporting:audit_list"), 8)


def test_users(client: Any, django_assert_num_queries: Any, sized: dict[str, Any]) -> None:
    _check(client, django_assert_num_queries, sized["admin"], reverse("accounts:user_list"), 4)


def test_notifications(client: Any, django_assert_num_queries: Any, sized: dict[str, Any]) -> None:
    _check(
        # session, user, notifications, and the profile for the role-based navigation
        client,
        django_assert_num_queries,
        sized["baocao.snn"],
        reverse("reporting:notifications"),
        4,
    )


def test_round_create_form(
    client: Any, django_assert_num_queries: Any, sized: dict[str, Any]
) -> None:
    _check(
        client, django_assert_num_queries, sized["theodoi"], reverse("reporting:round_create"), 6
    )
