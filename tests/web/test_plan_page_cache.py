"""Issue 17: the plan's page is rendered once for everyone and served from the cache behind the
plan's stamp (one plain-SQL query) while nothing it shows has changed; each kind of input that
changes (a figure accepted or corrected, an assessment, a plan revision, a delegation, a unit
succession) changes the page at once."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.helpers import accept, account
from tiendo.evaluation.selectors import plan_stamp
from tiendo.evaluation.services import assessment_record
from tiendo.org.models import OrgUnit
from tiendo.plans.models import Target
from tiendo.plans.services import (
    delegation_create,
    plan_builtin_document,
    plan_load,
    unit_succession_record,
)

pytestmark = pytest.mark.django_db

PLAN = "lang-son-2020-2025"
URL = f"/plans/{PLAN}/?as_of=2025"
BCSD = "ban-can-su-dang-uy-ban-nhan-dan-tinh"


def page(client: Any, url: str = URL) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def met(html: str) -> str:
    """The "met/total" figure at the top of the dashboard."""
    match = re.search(r'<div class="stat-num">(\d+/\d+)</div>', html)
    assert match, "no totals on the page"
    return match.group(1)


@pytest.fixture
def leader_client(client: Any, builtin_plan: Any) -> Any:
    client.force_login(account("ld", "leader"))
    return client


def test_a_second_reading_costs_one_check_more_than_the_password_page(
    leader_client, django_assert_num_queries, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    page(leader_client)  # fills the cache
    leader_client.get(reverse("accounts:password_change"))
    with CaptureQueriesContext(connection) as floor:
        assert leader_client.get(reverse("accounts:password_change")).status_code == 200
    # + the plan's stamp, + the open rounds of the plan (the round panel a leader sees; none
    # open here)
    with django_assert_num_queries(len(floor) + 2):
        html = page(leader_client)
    assert met(html) == "0/53" and "Các chương trình công tác trọng tâm" in html
    with django_assert_max_num_queries(len(floor) + 1):  # the htmx fragment: no layout
        fragment = leader_client.get(URL, HTTP_HX_REQUEST="true").content.decode()
    assert fragment.lstrip().startswith('<section id="dashboard"') and "<html" not in fragment


def test_the_page_follows_every_kind_of_change(leader_client, builtin_plan):
    target = Target.objects.get(plan=builtin_plan, code="5.6")
    assert met(page(leader_client)) == "0/53"

    accept(target, "2.32")  # a figure accepted
    assert met(page(leader_client)) == "1/53"

    accept(target, "9", reason="Số liệu chính thức khác")  # ... and corrected
    html = page(leader_client)
    assert met(html) == "0/53"
    assert "5.6. " in html.split("Cần chú ý trước")[1], "not achieved now: needs attention"

    assessment_record(  # an assessment of a qualitative target
        target=Target.objects.get(plan=builtin_plan, code="6.6"),
        year=2025,
        status="achieved",
        reasons="Ổn định.",
        actor=None,
    )
    assert met(page(leader_client)) == "1/53"

    document = plan_builtin_document()  # a revision of the plan
    document["title"] = document["title"] + " (điều chỉnh)"
    plan_load(document=document, reason="Điều chỉnh theo Kết luận số 1")
    html = page(leader_client)
    assert "(điều chỉnh)</h1>" in html and "Điều chỉnh theo Kết luận số 1" in html

    bcsd = OrgUnit.objects.get(code=BCSD)  # a unit succession: its programs pass on
    successor = OrgUnit.objects.create(
        code="uy-ban-ke-thua", name="Đơn vị kế thừa thử", kind="department"
    )
    before = page(leader_client)
    assert "Đơn vị kế thừa thử" not in before
    unit_succession_record(
        predecessors=[bcsd],
        successor=successor,
        kind="rename",
        effective_date=timezone.localdate(),
        legal_basis="Quyết định số 9",
        actor=None,
    )
    assert "Đơn vị kế thừa thử" in page(leader_client)


def test_a_delegation_changes_the_stamp_and_the_office_page(client, builtin_plan):
    office = account("vp", "monitor")
    client.force_login(office)
    sct = OrgUnit.objects.create(code="so-cong-thuong", name="Sở Công Thương", kind="department")
    account("bc.sct", "reporter", sct)
    assert "0/53 chỉ tiêu" in page(client)
    stamp = plan_stamp(code=PLAN)
    delegation_create(
        actor=office,
        plan=builtin_plan,
        from_unit=OrgUnit.objects.get(code=BCSD),
        to_units=[sct],
        role="lead",
        targets=[Target.objects.get(plan=builtin_plan, code="2.2")],
        valid_from=dt.date(2025, 1, 1),
        basis_text="Kế hoạch 45/KH-UBND",
    )
    assert plan_stamp(code=PLAN) != stamp, "a delegation is an input of the plan's pages"
    assert "1/53 chỉ tiêu" in page(client)


def test_the_page_is_per_language_and_per_year(leader_client):
    vi = page(leader_client)
    years = page(leader_client, f"/plans/{PLAN}/?as_of=2023")
    assert "(2025)" in vi and "(2023)" in years
    leader_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    en = page(leader_client)
    assert "Tình hình thực hiện các chỉ tiêu" in vi
    assert "Tình hình thực hiện các chỉ tiêu" not in en


def test_drafts_and_unknown_plans_are_404(leader_client):
    assert leader_client.get("/plans/khong-co/").status_code == 404
