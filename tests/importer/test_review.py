"""The review of an imported draft: the targets the reader was unsure of come first, with its
reason; each target shows the indicator of the catalogue it measures (or a new one), and the
office can choose another before publishing."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tiendo.accounts.services import user_create
from tiendo.audit.models import AuditEntry
from tiendo.importer.models import ImportedDocument
from tiendo.importer.services import indicator_propose, plan_import
from tiendo.indicators.models import Indicator
from tiendo.indicators.services import indicator_catalogue_ensure
from tiendo.plans.models import Target

SEED = "seed/chuong-trinh-hanh-dong-lang-son-2020-2025.txt"

PRESS = """\
Đại hội đại biểu Đảng bộ xã Tân Lập lần thứ I, nhiệm kỳ 2025 - 2030

Sáng 12/8, Đại hội khai mạc với 150 đại biểu, đại diện cho 1.200 đảng viên.

Nhiệm kỳ 2020 - 2025, thu nhập bình quân đầu người đạt 52 triệu đồng.

Đại hội đề ra 15 chỉ tiêu chủ yếu, trong đó: thu nhập bình quân đầu người đến năm 2030 đạt 90 \
triệu đồng; tỷ lệ hộ nghèo dưới 1%; 100% thôn có nhà văn hóa.

Tổng thu ngân sách trên địa bàn đạt 30 tỷ đồng.
"""


@pytest.fixture
def monitor(db: Any) -> Any:
    user, _ = user_create(
        actor=None,
        username="vanphong",
        role="monitor",
        unit_code=None,
        password="mat-khau-rat-dai-1",
        check_actor=False,
    )
    return user


@pytest.fixture
def monitor_client(client: Any, monitor: Any) -> Any:
    client.force_login(monitor)
    return client


def _upload(client: Any, name: str, data: bytes, code: str) -> None:
    upload = SimpleUploadedFile(name, data, content_type="text/plain")
    response = client.post("/nhap-chuong-trinh/", {"file": upload, "code": code})
    assert response.status_code == 302, response.content.decode()[:2000]


def test_the_catalogue_indicator_is_proposed_by_name_or_synonym_and_unit(db: Any) -> None:
    indicator_catalogue_ensure()
    found, how = indicator_propose(name="Độ che phủ rừng", unit="%")
    assert (found.code if found else None, how) == ("ty-le-che-phu-rung", "synonym")
    found, how = indicator_propose(name="Doanh thu du lịch", unit="tỷ đồng")
    assert (found.code if found else None, how) == ("doanh-thu-du-lich", "name")
    # a yearly unit and "hằng năm" in the name are written in the plan, not in the catalogue
    found, _ = indicator_propose(name="Kết nạp đảng viên mới hằng năm", unit="đảng viên/năm")
    assert found is not None and found.code == "so-dang-vien-moi"
    # the same name with another unit is another indicator
    assert indicator_propose(name="Độ che phủ rừng", unit="ha") == (None, "new")


def test_an_import_links_each_target_to_the_catalogue_or_to_a_new_indicator(
    db: Any, shared_dir: Any
) -> None:
    indicator_catalogue_ensure()
    before = Indicator.objects.count()
    imported = plan_import(
        data=(shared_dir / SEED).read_bytes(),
        filename="ctr.txt",
        actor=None,
        code="ls-chi-so",
        check_permission=False,
    )
    targets = {t.code: t for t in Target.objects.filter(plan__code="ls-chi-so")}
    assert targets["2.3"].indicator_ref.code == "ty-le-che-phu-rung"
    assert targets["6.6"].indicator_ref is None  # qualitative: no indicator unless chosen
    proposed = imported.proposal["indicators"]
    assert proposed["2.3"] == {"code": "ty-le-che-phu-rung", "how": "synonym"}
    assert proposed["1.2"]["how"] == "new"
    created = imported.proposal["created_indicators"]
    assert proposed["1.2"]["code"] in created
    assert Indicator.objects.count() == before + len(created)
    assert all(targets[c].indicator_ref.code not in created for c in ("2.3", "5.6", "7.2"))


def test_the_office_chooses_another_indicator_or_a_new_one(
    monitor_client: Any, shared_dir: Any
) -> None:
    indicator_catalogue_ensure()
    _upload(monitor_client, "ctr.txt", (shared_dir / SEED).read_bytes(), "ls-chon")
    imported = ImportedDocument.objects.get(plan__code="ls-chon")
    made = imported.proposal["indicators"]["1.2"]["code"]
    assert made in imported.proposal["created_indicators"]

    page = monitor_client.get("/nhap-chuong-trinh/ls-chon/?indicator=1.2").content.decode()
    assert 'id="indicator-form"' in page
    # the catalogue's indicators of the same unit come first
    assert page.index("Cùng đơn vị tính") < page.index("Kim ngạch xuất khẩu hàng hóa qua địa bàn")
    assert page.index("Kim ngạch xuất khẩu hàng hóa qua địa bàn") < page.index("Các chỉ số khác")

    url = "/nhap-chuong-trinh/ls-chon/chi-tieu/1.2/chi-so/"
    response = monitor_client.post(url, {"indicator": "kim-ngach-xuat-khau-qua-dia-ban"})
    assert response.status_code == 302 and response["Location"].endswith("#t-1.2")
    target = Target.objects.get(plan__code="ls-chon", code="1.2")
    assert target.indicator_ref.code == "kim-ngach-xuat-khau-qua-dia-ban"
    # the indicator the import made for it is used by nothing now: it is gone, and that is audited
    assert not Indicator.objects.filter(code=made).exists()
    assert AuditEntry.objects.filter(object_id__isnull=False, action="delete", plan_code="ls-chon")

    # a new indicator, named by the office
    response = monitor_client.post(
        url, {"indicator": "__new__", "new_name": "Kim ngạch xuất khẩu của doanh nghiệp tỉnh"}
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.indicator_ref.name, target.indicator_ref.unit) == (
        "Kim ngạch xuất khẩu của doanh nghiệp tỉnh",
        "triệu USD",
    )
    # "new" with a name the catalogue has (same unit) takes the catalogue's indicator
    response = monitor_client.post(
        url,
        {"indicator": "__new__", "new_name": "Kim ngạch xuất khẩu qua địa bàn"},
        follow=True,
    )
    target.refresh_from_db()
    assert target.indicator_ref.code == "kim-ngach-xuat-khau-qua-dia-ban"
    assert "Danh mục đã có chỉ số" in response.content.decode()

    # refused with the office's words kept, nothing changed
    bad = monitor_client.post(url, {"indicator": "khong-co-chi-so-nay"})
    assert bad.status_code == 400
    assert "Không có chỉ số mã “khong-co-chi-so-nay” trong danh mục." in bad.content.decode()
    nameless = monitor_client.post(url, {"indicator": "__new__", "new_name": " "})
    assert nameless.status_code == 400 and "Cần tên của chỉ số mới" in nameless.content.decode()
    target.refresh_from_db()
    assert target.indicator_ref.code == "kim-ngach-xuat-khau-qua-dia-ban"

    # publishing keeps the choice
    monitor_client.post("/nhap-chuong-trinh/ls-chon/cong-bo/", {"decision_ref": ""})
    target.refresh_from_db()
    assert target.plan.status == "active"
    assert target.indicator_ref.code == "kim-ngach-xuat-khau-qua-dia-ban"


def test_the_targets_the_reader_was_unsure_of_come_first_with_the_reason(
    monitor_client: Any,
) -> None:
    _upload(monitor_client, "bao.txt", PRESS.encode(), "tan-lap")
    page = monitor_client.get("/nhap-chuong-trinh/tan-lap/").content.decode()
    section = page.split('id="uncertain"')[1].split("</section>")[0]
    # the least sure first: the budget sentence is read only because it follows the list, and
    # may be a five-year total (low); "100% thôn" has no comparator word (medium)
    assert section.index("Chưa chắc") < section.index("Cần xem")
    assert "Tổng thu ngân sách" in section and "Tỷ lệ thôn có nhà văn hóa" in section
    assert "câu không tự nói là chỉ tiêu" in section
    assert "Thu nhập bình quân đầu người" not in section  # read from its own words: sure
    # every target shows how sure the reader was, in its row
    assert page.count('class="confidence"') == 4
    uncertain_before = section.count("<li>")

    # the office looks at one and keeps it; corrects another: both leave the list
    codes = {t.indicator: t.code for t in Target.objects.filter(plan__code="tan-lap")}
    budget = codes["Tổng thu ngân sách trên địa bàn"]
    response = monitor_client.post(f"/nhap-chuong-trinh/tan-lap/chi-tieu/{budget}/da-xem/")
    assert response.status_code == 302
    page = monitor_client.get("/nhap-chuong-trinh/tan-lap/").content.decode()
    section = page.split('id="uncertain"')[1].split("</section>")[0]
    assert section.count("<li>") == uncertain_before - 1
    assert "Tổng thu ngân sách" not in section
    assert "Đã xem" in page


def test_the_review_page_makes_a_fixed_number_of_queries(
    monitor_client: Any, shared_dir: Any, django_assert_num_queries: Any
) -> None:
    indicator_catalogue_ensure()
    _upload(monitor_client, "ctr.txt", (shared_dir / SEED).read_bytes(), "ls-dem")
    _upload(monitor_client, "bao.txt", PRESS.encode(), "tan-lap")
    # 53 targets or 4: the same queries (session and user with profile, the plan and its
    # programs with their targets, indicators and tasks, the imported document; the catalogue
    # when choosing), plus the draft's visibility, checked before anything else so that others
    # get the 404 of a missing plan
    for code in ("ls-dem", "tan-lap"):
        with django_assert_num_queries(8):
            assert monitor_client.get(f"/nhap-chuong-trinh/{code}/").status_code == 200
        with django_assert_num_queries(9):
            page = monitor_client.get(f"/nhap-chuong-trinh/{code}/?indicator=1.1")
            assert page.status_code == 200
