"""The work program pages: the year by month with late items first, per program, the office
records an outcome in the browser (audited), the downloads; who may see what; query counts that
do not grow with the number of items."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from tiendo.audit.models import AuditEntry
from tiendo.org.models import OrgUnit
from tiendo.plans.models import Program
from tiendo.plans.services import DocumentInput, implementing_document_record
from tiendo.workprograms.models import WorkProgramItem

SAMPLE = (
    Path(__file__).resolve().parents[2] / "docs" / "samples" / "chuong-trinh-cong-tac-2022.xlsx"
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(builtin_plan: Any) -> dict[str, Any]:
    from tiendo.ops.demo_accounts import demo_set_ensure

    demo_set_ensure()
    call_command(
        "workprogram",
        "load",
        str(SAMPLE),
        "--plan",
        builtin_plan.code,
        "--year",
        "2022",
        stdout=io.StringIO(),
    )
    return {"plan": builtin_plan, **{u.username: u for u in get_user_model().objects.all()}}


def _year(world: dict[str, Any]) -> str:
    return reverse("workprograms:year", args=[world["plan"].code, 2022])


def test_the_year_lists_late_items_first_then_by_month(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["lanhdao"])
    body = client.get(_year(world) + "?as_of=2022-04-15").content.decode()
    late = body.split('id="late"')[1].split("</table>")[0]
    assert late.count('class="late-row"') == 5
    assert "Đề án phát triển kinh tế cửa khẩu" in late
    assert "74 ngày" in late
    rest = body.split('id="late"')[1].split("</table>", 1)[1]
    assert (
        rest.index("Tháng 4")
        < rest.index("Tháng 5")
        < rest.index("Quý III")
        < rest.index("Tháng 10")
    )
    assert "Lùi sang tháng 9" in rest
    # Leaders read; only the office records outcomes.
    assert "Ghi kết quả" not in body
    client.force_login(world["theodoi"])
    assert "Ghi kết quả" in client.get(_year(world)).content.decode()


def test_reporters_and_accounts_without_a_role_do_not_see_work_programs(
    client: Any, world: dict[str, Any]
) -> None:
    client.force_login(world["baocao.btc"])
    assert client.get(_year(world)).status_code == 403
    download = reverse("exports:workprogram_download", args=[world["plan"].code, 2022, "docx"])
    assert client.get(download).status_code == 403
    outcome = reverse("workprograms:outcome", args=[world["plan"].code, 2022, 2])
    assert client.get(outcome).status_code == 403
    client.force_login(world["lanhdao"])
    assert client.get(outcome).status_code == 403


def test_the_office_records_an_outcome_in_the_browser(client: Any, world: dict[str, Any]) -> None:
    plan = world["plan"]
    doc = implementing_document_record(
        actor=world["theodoi"],
        plan=plan,
        data=DocumentInput(
            unit=OrgUnit.objects.get(code="ban-can-su-dang-uy-ban-nhan-dan-tinh"),
            kind="project",
            number="15-ĐA/TU",
            date=dt.date(2022, 2, 10),
            title="Đề án phát triển kinh tế cửa khẩu",
            programs=[Program.objects.get(plan=plan, number=1)],
        ),
        today=dt.date(2022, 3, 1),
    )
    client.force_login(world["theodoi"])
    url = reverse("workprograms:outcome", args=[plan.code, 2022, 2])
    page = client.get(url).content.decode()
    assert "15-ĐA/TU, 10/02/2022" in page
    refused = client.post(url, {"outcome": "issued", "document": "", "reason": ""})
    assert refused.status_code == 400
    assert "sổ văn bản triển khai" in refused.content.decode()
    assert WorkProgramItem.objects.get(number=2).outcome == "pending"
    response = client.post(url, {"outcome": "issued", "document": doc.pk, "reason": ""})
    assert response.status_code == 302 and response.url.endswith("#item-2")
    item = WorkProgramItem.objects.get(number=2)
    assert (item.outcome, item.outcome_document) == ("issued", doc)
    assert AuditEntry.objects.filter(
        object_type="workprograms.workprogramitem", object_id=item.pk, action="state"
    ).exists()
    body = client.get(_year(world) + "?as_of=2022-04-15").content.decode()
    assert "15-ĐA/TU, 10/02/2022" in body
    assert body.split('id="late"')[1].split("</table>")[0].count('class="late-row"') == 4


def test_per_program_page_and_links_from_the_program_and_plan_pages(
    client: Any, world: dict[str, Any]
) -> None:
    plan = world["plan"]
    client.force_login(world["theodoi"])
    url = reverse("workprograms:program", args=[plan.code, 4])
    body = client.get(url).content.decode()
    assert "Năm 2022" in body and "Kết luận về đầu tư hạ tầng giao thông" in body
    assert "Đã lồng ghép vào Đề án" in body
    program_page = client.get(reverse("web:program_detail", args=[plan.code, 4])).content.decode()
    assert url in program_page
    plan_page = client.get(reverse("web:plan_detail", args=[plan.code])).content.decode()
    assert reverse("workprograms:index", args=[plan.code]) in plan_page
    nav = plan_page.split("</nav>")[0]
    assert reverse("workprograms:home") in nav
    index = client.get(reverse("workprograms:index", args=[plan.code])).content.decode()
    assert _year(world) in index


def test_downloads_word_and_a_spreadsheet_that_loads_back(
    client: Any, world: dict[str, Any]
) -> None:
    client.force_login(world["lanhdao"])
    code = world["plan"].code
    word = client.get(reverse("exports:workprogram_download", args=[code, 2022, "docx"]))
    assert word["Content-Type"].startswith("application/vnd.openxmlformats")
    document = Document(io.BytesIO(word.content))
    assert "CHƯƠNG TRÌNH CÔNG TÁC NĂM 2022" in "\n".join(p.text for p in document.paragraphs)
    sheet = client.get(reverse("exports:workprogram_download", args=[code, 2022, "xlsx"]))
    ws = load_workbook(io.BytesIO(sheet.content)).active
    assert (
        ws["B4"].value == "Chương trình công tác năm 2022 của Ban Chấp hành, Ban Thường vụ Tỉnh ủy"
    )
    assert (
        client.get(reverse("exports:workprogram_download", args=[code, 2022, "pdf"])).status_code
        == 404
    )


@pytest.mark.parametrize("extra", [0, 20])
def test_query_counts_do_not_grow_with_items(
    client: Any, world: dict[str, Any], django_assert_num_queries: Any, extra: int
) -> None:
    wp = world["plan"].work_programs.get()
    unit = OrgUnit.objects.get(code="van-phong-tinh-uy")
    programs = list(Program.objects.filter(plan=world["plan"]))
    for n in range(extra):
        item = WorkProgramItem.objects.create(
            work_program=wp,
            number=100 + n,
            content=f"Nội dung thêm {n}",
            preparing_unit=unit,
            due_month=1 + n % 12,
            considered_by="btv",
        )
        item.programs.set(programs[: 1 + n % 7])
        item.coordinating_units.set([unit])
    client.force_login(world["theodoi"])
    code = world["plan"].code
    # session, user with profile, plan, the work program, its items, their programs, targets,
    # tasks and coordinating units, the years
    with django_assert_num_queries(10):
        assert client.get(_year(world) + "?as_of=2022-06-30").status_code == 200
    # the same, with the program instead of the years
    with django_assert_num_queries(10):
        url = reverse("workprograms:program", args=[code, 2])
        assert client.get(url).status_code == 200
    with django_assert_num_queries(5):
        assert client.get(reverse("workprograms:index", args=[code])).status_code == 200
