"""Each page's query count is pinned and stays the same with more units and targets."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from tiendo.accounts.services import user_create
from tiendo.org.models import OrgUnit, OrgUnitKind
from tiendo.plans.models import Plan, PlanStatus, Program, Target, Task
from tiendo.plans.services import DelegationRequest, delegations_create, target_assign
from tiendo.reporting.services import round_open, submission_submit, units_urge

from .conftest import BTC, sub_of

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[0, 6], ids=["small", "large"])
def sized(request: Any, demo: dict[str, Any]) -> dict[str, Any]:
    """The demo world; "large" adds six reporting units (each with a reporter, two targets and
    the tasks of a program handed on to it by the lead body) and hands Ban Tổ chức eight more
    targets."""
    extra = request.param
    plan = demo["plan"]
    monitor = demo["theodoi"]
    bcsd = OrgUnit.objects.get(code="ban-can-su-dang-uy-ban-nhan-dan-tinh")
    targets = list(
        Target.objects.filter(plan=plan, program__number__in=[4, 5]).order_by("position")
    )
    for n in range(extra):
        unit = OrgUnit.objects.create(
            code=f"don-vi-{n}", name=f"Đơn vị {n}", kind=OrgUnitKind.DEPARTMENT
        )
        user_create(
            actor=None,
            username=f"baocao.{n}",
            role="reporter",
            unit=unit,
            password="mat-khau-rat-dai-9",
            check_actor=False,
        )
        for target in targets[n * 2 : n * 2 + 2]:
            target_assign(actor=monitor, plan=plan, unit=unit, target=target)
        delegations_create(
            actor=monitor,
            plan=plan,
            requests=[
                DelegationRequest(
                    to_unit=unit, role="lead", from_unit=bcsd, task=task, basis_text="KH 1"
                )
                for task in Task.objects.filter(plan=plan, program__number=n + 1)
            ],
        )
    if extra:
        # other plans in force, in which Ban Tổ chức holds nothing (a province's other
        # programs, or other provinces' on a shared server): its pages do not read them
        for n in range(3):
            other = Plan.objects.create(
                code=f"ctr-khac-{n}",
                title=f"Chương trình khác {n}",
                area=plan.area,
                term_from_year=plan.term_from_year,
                term_to_year=plan.term_to_year,
                status=PlanStatus.ACTIVE,
            )
            target_assign(
                actor=monitor,
                plan=other,
                unit=OrgUnit.objects.get(code="don-vi-0"),
                target=Target.objects.create(
                    plan=other,
                    program=Program.objects.create(plan=other, number=1, title="Chương trình 1"),
                    code="1.1",
                    position=1,
                    kind="qualitative",
                    indicator="Chỉ tiêu khác",
                    to_year=plan.term_to_year,
                ),
            )
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
        uncovered_ok=True,
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
        # + the plans in force, the plan's coverage (programs, targets, tasks, assignments,
        # reporting units), the delegates' submissions and the evaluation (fixed per plan)
        client,
        django_assert_num_queries,
        sized["baocao.btc"],
        reverse("reporting:workspace"),
        14,
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
        7,
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
        7,
    )


def test_round_list(client: Any, django_assert_num_queries: Any, sized: dict[str, Any]) -> None:
    _check(client, django_assert_num_queries, sized["theodoi"], reverse("reporting:round_list"), 3)


def test_round_progress(client: Any, django_assert_num_queries: Any, sized: dict[str, Any]) -> None:
    url = reverse("reporting:round_detail", args=[sized["round"].pk])
    # overdue tasks: what each unit reports comes from the plan's coverage (five queries)
    _check(client, django_assert_num_queries, sized["lanhdao"], url, 11)


def test_round_urge(client: Any, django_assert_num_queries: Any, sized: dict[str, Any]) -> None:
    # + the implementing documents the units owe (deadlines and their units, programs, the
    # register, lead assignments, units): tiendo.plans.register.documents_missing_by_unit
    # + what each unit reports comes from the plan's coverage (three queries)
    # + the preview of each unit's message with its recipients (tiendo.reporting.services.
    # urge_preview: the submissions with their item counts, the units, overdue tasks, documents
    # owed, the reporters): fifteen more, the same at both sizes
    url = reverse("reporting:round_urge", args=[sized["round"].pk])
    _check(client, django_assert_num_queries, sized["theodoi"], url, 33)


def test_audit_log(client: Any, django_assert_num_queries: Any, sized: dict[str, Any]) -> None:
    _check(client, django_assert_num_queries, sized["theodoi"], reverse("reporting:audit_list"), 7)


def test_users(client: Any, django_assert_num_queries: Any, sized: dict[str, Any]) -> None:
    _check(client, django_assert_num_queries, sized["admin"], reverse("accounts:user_list"), 3)


def test_notifications(client: Any, django_assert_num_queries: Any, sized: dict[str, Any]) -> None:
    _check(
        # session, the user with their profile (the role-based navigation), notifications
        client,
        django_assert_num_queries,
        sized["baocao.snn"],
        reverse("reporting:notifications"),
        3,
    )


def test_round_create_form(
    client: Any, django_assert_num_queries: Any, sized: dict[str, Any]
) -> None:
    # + the coverage of the first plan: the units asked and the items nobody would be asked for
    _check(
        client, django_assert_num_queries, sized["theodoi"], reverse("reporting:round_create"), 9
    )
