"""Issue 17: a plan's program and target pages are rendered once for everyone and served from
the cache behind the plan's stamp while nothing they show has changed — then they cost one
query more than the cheapest signed-in page. Each kind of change they show (a figure accepted or
corrected, an assessment, a plan revision, a delegation, a reporter account opened or disabled,
a unit succession, the same indicator in another plan of record) shows at once."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.helpers import accept, account
from tiendo.accounts.services import user_disable
from tiendo.evaluation.services import assessment_record
from tiendo.importer.services import draft_target_save, plan_import
from tiendo.org.models import OrgUnit
from tiendo.plans.models import Target
from tiendo.plans.services import (
    delegation_create,
    plan_builtin_document,
    plan_load,
    plan_publish,
    unit_succession_record,
)

pytestmark = pytest.mark.django_db

PLAN = "lang-son-2020-2025"
PROGRAM = f"/plans/{PLAN}/programs/5/?as_of=2025"
TARGET = f"/plans/{PLAN}/targets/5.6/?as_of=2025"
NEXT_PLAN = Path(__file__).resolve().parents[1] / "fixtures" / "lang-son-2025-2030-test.txt"


def page(client: Any, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def reporter_line(html: str) -> str:
    """What the target page says under "Đơn vị báo cáo"."""
    return text(html.split("Đơn vị báo cáo", 1)[1].split("</dd>", 1)[0])


@pytest.fixture
def office(builtin_plan: Any) -> Any:
    return account("vp", "monitor")


@pytest.fixture
def leader_client(client: Any, builtin_plan: Any) -> Any:
    client.force_login(account("ld", "leader"))
    return client


@pytest.mark.parametrize("url", [PROGRAM, TARGET])
def test_a_second_reading_costs_one_check_more_than_the_password_page(
    leader_client, django_assert_num_queries, url
):
    page(leader_client, url)  # fills the cache
    leader_client.get(reverse("accounts:password_change"))
    with CaptureQueriesContext(connection) as floor:
        assert leader_client.get(reverse("accounts:password_change")).status_code == 200
    with django_assert_num_queries(len(floor) + 1):  # + the plan's stamp
        html = page(leader_client, url)
    assert "Tỷ lệ hộ nghèo" in html


def test_a_target_page_not_rendered_yet_reads_nothing_its_plans_other_pages_read(leader_client):
    """Once one target page of a plan was rendered (or the warm-up ran), another target page
    of the plan renders without reading figures, assessments or who reports it again: they
    were read for all the plan's targets at once."""
    page(leader_client, TARGET)
    with CaptureQueriesContext(connection) as second:
        html = page(leader_client, f"/plans/{PLAN}/targets/1.1/?as_of=2025")
    assert "1.1" in html and "Đơn vị báo cáo" in html
    read = " ".join(q["sql"] for q in second.captured_queries)
    for table in ("indicators_figure", "evaluation_assessment", "plans_assignment"):
        assert f'FROM "{table}"' not in read, table


def test_the_program_filter_answers_from_the_cache_and_keeps_no_unknown_filter(
    leader_client, django_assert_max_num_queries
):
    url = f"{PROGRAM}&status=no_data"
    first = leader_client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert first.lstrip().startswith('<section id="results"') and "<html" not in first
    with django_assert_max_num_queries(3):  # the session, the user, the plan's stamp
        again = leader_client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert again == first
    # a unit that is not on the page: answered (no target), but not kept
    bogus = f"{PROGRAM}&unit=khong-co-don-vi-nay"
    assert "Mục tiêu cụ thể (0)" in page(leader_client, bogus)
    with CaptureQueriesContext(connection) as again_bogus:
        page(leader_client, bogus)
    assert len(again_bogus) > 4, "rendered again: an unknown filter is not kept"


def test_the_target_and_program_pages_follow_figures_assessments_and_revisions(
    leader_client, builtin_plan
):
    target = Target.objects.get(plan=builtin_plan, code="5.6")
    assert "Chưa có số liệu nào được chấp nhận" in page(leader_client, TARGET)
    assert "2,32" not in page(leader_client, PROGRAM)

    accept(target, "2.32")  # a figure accepted
    assert "2,32" in text(page(leader_client, TARGET))
    assert "2,32" in text(page(leader_client, PROGRAM))

    accept(target, "9", reason="Số liệu chính thức khác")  # ... and corrected
    assert "đính chính số 2,32: Số liệu chính thức khác" in text(page(leader_client, TARGET))
    assert " 9 " in text(page(leader_client, PROGRAM).split("5.6</a>")[1].split("</tr>")[0])

    url = f"/plans/{PLAN}/targets/6.6/?as_of=2025"  # an assessment of a qualitative target
    assert "Chưa có đánh giá." in page(leader_client, url)
    assessment_record(
        target=Target.objects.get(plan=builtin_plan, code="6.6"),
        year=2025,
        status="achieved",
        reasons="Ổn định, đúng kế hoạch.",
        actor=None,
    )
    assert "Ổn định, đúng kế hoạch." in page(leader_client, url)

    document = plan_builtin_document()  # a revision of the plan changes the target's wording
    (wording,) = [t for t in document["targets"] if t["code"] == "5.6"]
    wording["source_text"] = "Đến năm 2025, tỷ lệ hộ nghèo dưới 3% (điều chỉnh)"
    plan_load(document=document, reason="Điều chỉnh theo Kết luận số 2")
    assert "tỷ lệ hộ nghèo dưới 3% (điều chỉnh)" in page(leader_client, TARGET)


def test_the_target_page_follows_who_reports_it(leader_client, builtin_plan, office):
    target = Target.objects.get(plan=builtin_plan, code="5.6")
    before = page(leader_client, TARGET)
    assert "Sở thử" not in before

    unit = OrgUnit.objects.create(code="so-thu", name="Sở thử", kind="department")
    (lead,) = {a.unit for a in target.program.assignments.filter(role="lead")}
    delegation_create(  # a delegation: the chain grows; the new unit has no reporter yet
        actor=office,
        plan=builtin_plan,
        from_unit=lead,
        to_units=[unit],
        role="lead",
        targets=[target],
        valid_from=timezone.localdate() - dt.timedelta(days=30),
        basis_text="Kế hoạch 7/KH-UBND",
    )
    html = page(leader_client, TARGET)
    assert "Sở thử" in text(html.split("Chuỗi phân công", 1)[1])
    assert "Chưa có" in reporter_line(html)

    reporter = account("bc.thu", "reporter", unit)  # a reporter account opened
    assert "Sở thử" in reporter_line(page(leader_client, TARGET))
    assert "Sở thử" in page(leader_client, PROGRAM), "the unit filter lists it"

    user_disable(actor=None, user=reporter, check_actor=False)  # ... and disabled
    assert "Chưa có" in reporter_line(page(leader_client, TARGET))

    successor = OrgUnit.objects.create(code="so-ke-thua", name="Sở kế thừa thử", kind="department")
    unit_succession_record(  # a unit succession: its work passes on
        predecessors=[unit],
        successor=successor,
        kind="rename",
        effective_date=timezone.localdate(),
        legal_basis="Quyết định số 9",
        actor=None,
    )
    assert "Sở kế thừa thử" in page(leader_client, TARGET)


def _next_plan(office: Any, code: str) -> Any:
    """The 2025–2030 program imported from its text, its indicators linked (a draft)."""
    imported = plan_import(
        data=NEXT_PLAN.read_bytes(), filename=NEXT_PLAN.name, actor=office, code=code
    )
    for target in imported.plan.targets.select_related("indicator_ref"):
        draft_target_save(
            plan=imported.plan,
            actor=office,
            code=target.code,
            values={"indicator_code": target.indicator_ref.code},
        )
    return imported


def test_the_target_page_follows_the_same_indicator_in_another_plan(
    leader_client, builtin_plan, office
):
    url = f"/plans/{PLAN}/targets/2.3/?as_of=2025"
    assert "so sánh qua các nhiệm kỳ" not in page(leader_client, url)
    imported = _next_plan(office, "ls-2025-2030")
    assert "so sánh qua các nhiệm kỳ" not in page(leader_client, url), "a draft is not shown"
    plan_publish(plan=imported.plan, actor=office, reason="Công bố chương trình 2025–2030")
    html = page(leader_client, url)
    assert "so sánh qua các nhiệm kỳ" in html and "/plans/ls-2025-2030/targets/" in html


def test_unknown_programs_and_targets_are_404(leader_client):
    assert leader_client.get(f"/plans/{PLAN}/programs/99/").status_code == 404
    assert leader_client.get(f"/plans/{PLAN}/targets/9.99/").status_code == 404
    assert leader_client.get("/plans/khong-co/targets/5.6/").status_code == 404


def test_another_provinces_plan_is_not_the_same_target(leader_client, builtin_plan, office):
    """The same indicator in another province is another series, not this target in another
    term (with 34 provinces the list would have grown with every province)."""
    imported = _next_plan(office, "cb-2025-2030")
    imported.plan.area = OrgUnit.objects.create(code="cao-bang", name="Cao Bằng", kind="province")
    imported.plan.save(update_fields=["area"])
    plan_publish(plan=imported.plan, actor=office, reason="Công bố")
    html = page(leader_client, f"/plans/{PLAN}/targets/2.3/?as_of=2025")
    assert "/plans/cb-2025-2030/targets/" not in html
