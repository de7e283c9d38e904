"""The plan editor's pages: the office adds, changes and removes targets, tasks and
breakthroughs in forms; a live preview reads and evaluates the target as typed; bad input comes
back with the values and the error next to the field; only the office may edit."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.helpers import series_of
from tests.web.test_plan_pages import grow_plan
from tiendo.accounts.services import user_create
from tiendo.evaluation.services import assessment_record
from tiendo.indicators.models import Figure
from tiendo.plans.models import Breakthrough, PlanRevision, Target, Task

PLAN = "lang-son-2020-2025"
DECISION = {
    "decision_ref": "Kết luận 120-KL/TU ngày 30/6/2023",
    "date": "2023-06-30",
    "reason": "Điều chỉnh chỉ tiêu kim ngạch",
}


@pytest.fixture
def office(client, builtin_plan):
    user, _ = user_create(
        actor=None,
        username="vp",
        role="monitor",
        unit_code="van-phong-tinh-uy",
        password="mat-khau-rat-dai-4",
        check_actor=False,
    )
    client.force_login(user)
    return client


def target_form(of: str = "1.1", **changes: object) -> dict[str, object]:
    """Target `of`'s form as the page fills it (numbers the Vietnamese way), with changes."""
    target = Target.objects.select_related("program").get(plan__code=PLAN, code=of)
    data: dict[str, object] = {
        "program": target.program.number,
        "indicator": target.indicator,
        "kind": target.kind,
        "comparator": target.comparator,
        "value": "" if target.value is None else str(target.value).replace(".", ","),
        "value_high": "",
        "tolerance_pct": "",
        "unit": target.unit,
        "from_year": target.from_year or "",
        "to_year": target.to_year,
        "baseline_value": "",
        "baseline_year": "",
        "source_text": target.source_text,
    }
    return {**data, **changes}


@pytest.mark.django_db
def test_the_office_edits_a_target_value_into_a_new_revision(office, builtin_plan):
    page = office.get(f"/plans/{PLAN}/sua/chi-tieu/1.1/").content.decode()
    assert "Lưu thành phiên bản mới" in page and "Văn bản quyết định" in page
    response = office.post(
        f"/plans/{PLAN}/sua/chi-tieu/1.1/", {**target_form(value="7.000"), **DECISION}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/plans/{PLAN}/revisions/2/"
    revision = PlanRevision.objects.get(plan=builtin_plan, number=2)
    assert revision.reason == DECISION["reason"]
    assert revision.changes == ["Sửa chỉ tiêu 1.1: value"]
    assert Target.objects.get(plan=builtin_plan, code="1.1").value == Decimal("7000")


@pytest.mark.django_db
def test_a_refused_value_comes_back_next_to_its_field_with_everything_typed(office, builtin_plan):
    response = office.post(
        f"/plans/{PLAN}/sua/chi-tieu/1.1/",
        {**target_form(comparator="range", value="6.650", value_high="100"), **DECISION},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_value_high-error"' in page
    assert "Cận trên phải lớn hơn cận dưới." in page
    assert 'value="6.650"' in page and DECISION["decision_ref"] in page
    assert PlanRevision.objects.filter(plan=builtin_plan).count() == 1

    response = office.post(
        f"/plans/{PLAN}/sua/chi-tieu/1.1/", {**target_form(value="sáu nghìn"), **DECISION}
    )
    assert response.status_code == 400
    assert "“sáu nghìn” không phải là số" in response.content.decode()

    response = office.post(f"/plans/{PLAN}/sua/chi-tieu/1.1/", target_form(value="7.000"))
    assert response.status_code == 400
    assert 'id="id_decision_ref-error"' in response.content.decode()
    assert Target.objects.get(plan=builtin_plan, code="1.1").value != Decimal("7000")


@pytest.mark.django_db
def test_the_preview_reads_and_evaluates_the_target_as_typed(office, builtin_plan):
    target = Target.objects.get(plan=builtin_plan, code="1.1")
    for year, value in ((2021, "5200"), (2022, "5700")):
        Figure.objects.create(
            **series_of(target),
            year=year,
            value=Decimal(value),
            figure_type="official",
            accepted_at=timezone.now(),
        )
    response = office.post(
        f"/plans/{PLAN}/sua/chi-tieu/1.1/",
        {**target_form(value="5.000", to_year="2022"), "preview": "1"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    fragment = response.content.decode()
    assert fragment.lstrip().startswith('<section class="card preview" id="target-preview"')
    assert "5.000" in fragment and "2022" in fragment
    assert "Vượt" in fragment  # 5.700 in 2022 against at least 5.000
    assert "Hiện nay (trước khi sửa)" in fragment
    assert Target.objects.get(pk=target.pk).value == target.value  # nothing saved

    response = office.post(
        f"/plans/{PLAN}/sua/chi-tieu/1.1/",
        {**target_form(comparator="range", value="5.000"), "preview": "1"},
        headers={"HX-Request": "true"},
    )
    assert "Khoảng giá trị cần cận trên" in response.content.decode()

    # without JavaScript the same button renders the whole page with the preview
    response = office.post(
        f"/plans/{PLAN}/sua/chi-tieu/1.1/", {**target_form(value="5.000"), "preview": "1"}
    )
    assert response.status_code == 200
    assert "<form" in response.content.decode() and 'id="target-preview"' in (
        response.content.decode()
    )


@pytest.mark.django_db
def test_the_office_adds_and_removes_a_target(office, builtin_plan):
    response = office.post(
        f"/plans/{PLAN}/sua/chi-tieu-moi/",
        {
            **target_form(
                code="1.99",
                indicator="Số doanh nghiệp logistics",
                kind="level",
                comparator="ge",
                value="120",
                unit="doanh nghiệp",
                to_year="2025",
                baseline_value="80",
                baseline_year="2020",
            ),
            **DECISION,
        },
    )
    assert response.status_code == 302
    assert Target.objects.get(plan=builtin_plan, code="1.99").baseline_value == Decimal("80")
    page = office.get(f"/plans/{PLAN}/sua/").content.decode()
    assert "Số doanh nghiệp logistics" in page and "/sua/chi-tieu/1.99/bo/" in page

    response = office.post(f"/plans/{PLAN}/sua/chi-tieu/1.99/bo/", DECISION)
    assert response.status_code == 302
    assert not Target.objects.filter(plan=builtin_plan, code="1.99").exists()
    assert PlanRevision.objects.filter(plan=builtin_plan).count() == 3


@pytest.mark.django_db
def test_a_target_already_assessed_is_not_removed(office, builtin_plan):
    target = Target.objects.get(plan=builtin_plan, code="1.1")
    assessment_record(
        target=target, year=2023, status="achieved", reasons="Theo báo cáo sơ kết", actor=None
    )
    response = office.post(f"/plans/{PLAN}/sua/chi-tieu/1.1/bo/", DECISION)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Không bỏ được" in page and "đã có dữ liệu báo cáo" in page
    assert DECISION["reason"] in page  # the decision typed is kept
    assert Target.objects.filter(pk=target.pk).exists()
    assert PlanRevision.objects.filter(plan=builtin_plan).count() == 1


@pytest.mark.django_db
def test_the_office_edits_adds_and_removes_a_task(office, builtin_plan):
    task = Task.objects.filter(plan=builtin_plan).order_by("position").first()
    assert task is not None
    response = office.post(
        f"/plans/{PLAN}/sua/nhiem-vu/{task.code}/",
        {
            "program": task.program.number,
            "text": "Nội dung đã sửa",
            "due_date": "31/12/2024",
            "status": "in_progress",
            **DECISION,
        },
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.text, str(task.due_date)) == ("Nội dung đã sửa", "2024-12-31")
    response = office.post(
        f"/plans/{PLAN}/sua/nhiem-vu-moi/",
        {
            "code": "7.9",
            "program": 7,
            "text": "Nhiệm vụ bổ sung",
            "status": "not_started",
            **DECISION,
        },
    )
    assert response.status_code == 302
    assert office.post(f"/plans/{PLAN}/sua/nhiem-vu/7.9/bo/", DECISION).status_code == 302
    assert not Task.objects.filter(plan=builtin_plan, code="7.9").exists()

    response = office.post(
        f"/plans/{PLAN}/sua/nhiem-vu-moi/",
        {"code": "1.1", "program": 1, "text": "Trùng mã", "status": "not_started", **DECISION},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_code-error"' in page and "Trùng mã" in page


@pytest.mark.django_db
def test_the_office_edits_adds_and_removes_a_breakthrough(office, builtin_plan):
    response = office.post(
        f"/plans/{PLAN}/sua/dot-pha-moi/",
        {
            "number": 9,
            "text": "Chuyển đổi số",
            "programs": ["1", "3"],
            "tasks": ["NV1.1", "NV3.1"],
            **DECISION,
        },
    )
    assert response.status_code == 302
    item = Breakthrough.objects.get(plan=builtin_plan, number=9)
    assert sorted(p.number for p in item.programs.all()) == [1, 3]
    assert sorted(t.code for t in item.tasks.all()) == ["NV1.1", "NV3.1"]
    page = office.get(f"/plans/{PLAN}/sua/dot-pha/9/").content.decode()
    assert re.search(r'value="NV3\.1" id="id_tasks_\d+" checked', page)
    assert not re.search(r'value="NV1\.2" id="id_tasks_\d+" checked', page)
    response = office.post(
        f"/plans/{PLAN}/sua/dot-pha/9/",
        {"text": "Chuyển đổi số toàn diện", "programs": ["2"], **DECISION},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.text == "Chuyển đổi số toàn diện"
    assert office.post(f"/plans/{PLAN}/sua/dot-pha/9/bo/", DECISION).status_code == 302
    assert not Breakthrough.objects.filter(plan=builtin_plan, number=9).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        f"/plans/{PLAN}/sua/",
        f"/plans/{PLAN}/sua/chi-tieu/1.1/",
        f"/plans/{PLAN}/sua/chi-tieu-moi/",
        f"/plans/{PLAN}/sua/nhiem-vu-moi/",
        f"/plans/{PLAN}/sua/dot-pha-moi/",
        f"/plans/{PLAN}/sua/chi-tieu/1.1/bo/",
    ],
)
def test_only_the_office_edits(client, builtin_plan, url):
    user, _ = user_create(
        actor=None, username="ld", role="leader", password="mat-khau-rat-dai-5", check_actor=False
    )
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 403
    assert "Chỉ Văn phòng" in response.content.decode()
    assert client.post(url, DECISION).status_code == 403
    assert PlanRevision.objects.filter(plan=builtin_plan).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "queries"),
    [
        (f"/plans/{PLAN}/sua/", 9),
        (f"/plans/{PLAN}/sua/chi-tieu/1.1/", 20),
        (f"/plans/{PLAN}/sua/dot-pha/1/", 8),
    ],
)
def test_query_count_of_the_edit_pages_is_pinned_and_does_not_grow(
    office, builtin_plan, django_assert_num_queries, url, queries
):
    with django_assert_num_queries(queries):
        assert office.get(url).status_code == 200
    grow_plan(builtin_plan, 5)
    with django_assert_num_queries(queries):
        assert office.get(url).status_code == 200


@pytest.mark.django_db
def test_a_draft_is_edited_without_a_decision_and_without_a_revision(office, builtin_plan):
    builtin_plan.status = "draft"
    builtin_plan.save(update_fields=["status"])
    page = office.get(f"/plans/{PLAN}/sua/chi-tieu/1.1/").content.decode()
    assert "Lưu vào dự thảo" in page and "Văn bản quyết định" not in page
    response = office.post(f"/plans/{PLAN}/sua/chi-tieu/1.1/", target_form(value="7.000"))
    assert response.status_code == 302 and response["Location"] == f"/plans/{PLAN}/sua/"
    assert Target.objects.get(plan=builtin_plan, code="1.1").value == Decimal("7000")
    assert PlanRevision.objects.filter(plan=builtin_plan).count() == 1
