"""Issue 17 item 3: the server is warmed up before its workers start, so the first request of
each plan's page at a burst finds the page in the shared cache."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tiendo.accounts.services import user_create
from tiendo.web.warmup import server_warm_up

pytestmark = pytest.mark.django_db


def test_after_the_warm_up_the_first_dashboard_is_served_from_the_cache(
    client, builtin_plan, django_assert_num_queries
):
    user, _ = user_create(
        actor=None, username="ld", role="leader", password="mat-khau-rat-dai-9", check_actor=False
    )
    client.force_login(user)
    client.get(reverse("accounts:password_change"))
    with CaptureQueriesContext(connection) as floor:
        client.get(reverse("accounts:password_change"))

    result = server_warm_up(close_connections=False)
    assert result.plans == 1 and result.programs == 7
    assert result.templates > 20 and not result.problems

    # the plan's stamp, the open rounds' panel: no evaluation, no render of the cached parts
    with django_assert_num_queries(len(floor) + 2):
        page = client.get(f"/plans/{builtin_plan.code}/").content.decode()
    assert "Tình hình thực hiện các chỉ tiêu" in page
    assert f'hx-get="/plans/{builtin_plan.code}/"' in page, "the as-of form asks this page"
    with django_assert_num_queries(len(floor) + 1):  # a program page: the plan's stamp
        page = client.get(f"/plans/{builtin_plan.code}/programs/3/").content.decode()
    assert "Mục tiêu cụ thể" in page


def test_the_warm_up_never_stops_the_server(monkeypatch, builtin_plan):
    from tiendo.web import warmup

    def broken(**_kwargs: object) -> None:
        raise RuntimeError("cơ sở dữ liệu chưa sẵn sàng")

    monkeypatch.setattr(warmup, "plan_page", broken)
    result = server_warm_up(close_connections=False)
    assert result.problems == ["cơ sở dữ liệu chưa sẵn sàng"]
