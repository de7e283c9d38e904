"""In a real browser: the office reads the register of implementing documents and records a
missing one with its file; a unit's reporter records its own; the office reads the year's work
program (late items first) and records an item's outcome from the register. Screenshots on a
desktop and on a phone; an accessibility check of the new pages."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from .conftest import sign_in

PLAN = "lang-son-2020-2025"
SAMPLE = (
    Path(__file__).resolve().parents[2] / "docs" / "samples" / "chuong-trinh-cong-tac-2022.xlsx"
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 780}


@pytest.fixture
def documents(world: dict[str, Any], settings: Any, tmp_path: Path) -> dict[str, Any]:
    """A few documents already in the register (programs 1, 2 on time; 3 late) and the sample
    2022 work program."""
    from tiendo.org.models import OrgUnit
    from tiendo.plans.models import Program
    from tiendo.plans.services import DocumentInput, implementing_document_record

    settings.MEDIA_ROOT = tmp_path / "media"
    plan = world["plan"]
    office = world["users"]["theodoi"]
    bcsd = OrgUnit.objects.get(code="ban-can-su-dang-uy-ban-nhan-dan-tinh")
    for number, date, programs, title in [
        (
            "2399/KH-UBND",
            dt.date(2021, 11, 26),
            [1, 2],
            "Kế hoạch thực hiện Chương trình hành động số 23-CTr/TU",
        ),
        (
            "45/KH-UBND",
            dt.date(2022, 3, 1),
            [3],
            "Kế hoạch phát triển du lịch giai đoạn 2021 - 2025",
        ),
        (
            "15-ĐA/TU",
            dt.date(2022, 2, 10),
            [1],
            "Đề án phát triển kinh tế cửa khẩu giai đoạn 2021 - 2025",
        ),
    ]:
        implementing_document_record(
            actor=office,
            plan=plan,
            data=DocumentInput(
                unit=bcsd,
                kind="plan" if "KH" in number else "project",
                number=number,
                date=date,
                title=title,
                issuing_body="Ủy ban nhân dân tỉnh Lạng Sơn" if "UBND" in number else "",
                programs=list(Program.objects.filter(plan=plan, number__in=programs)),
            ),
            today=dt.date(2026, 11, 1),
        )
    call_command(
        "workprogram", "load", str(SAMPLE), "--plan", PLAN, "--year", "2022", stdout=io.StringIO()
    )
    return world


def test_the_office_and_a_unit_keep_the_register(
    browser: Any, live_server: Any, documents: dict[str, Any], screenshot_dir: Path
) -> None:
    base = live_server.url
    office = browser.new_context(viewport=DESKTOP).new_page()
    sign_in(office, base, "theodoi", documents["passwords"]["theodoi"])
    office.get_by_role("link", name="Văn bản triển khai").first.click()
    office.wait_for_url(f"**/plans/{PLAN}/van-ban-trien-khai/")
    # Looking back to mid-2022: programs 1 and 2 on time, 3 late, 4–7 missing.
    office.goto(f"{base}/plans/{PLAN}/van-ban-trien-khai/?as_of=2022-06-30")
    matrix = office.locator("table.register-matrix")
    assert matrix.get_by_text("Đúng hạn").count() == 2
    assert matrix.get_by_text("Muộn 60 ngày").count() == 1
    assert matrix.get_by_text("quá hạn 181 ngày").count() == 4

    # The unit's reporter records its directive for program 7, with the file.
    unit = browser.new_context(viewport=DESKTOP).new_page()
    sign_in(unit, base, "baocao.btc", documents["passwords"]["baocao.btc"])
    unit.goto(f"{base}/plans/{PLAN}/van-ban-trien-khai/")
    unit.get_by_role("link", name="Ghi văn bản").first.click()
    unit.get_by_label("Loại văn bản").select_option("directive")
    unit.get_by_label("Số, ký hiệu").fill("08-CT/TU")
    unit.get_by_label("Ngày ban hành").fill("2022-01-20")
    unit.get_by_label("Trích yếu").fill(
        "Chỉ thị về nâng cao chất lượng công tác phát triển đảng viên"
    )
    unit.get_by_label("Chương trình 7:").check()
    unit.get_by_label("Tệp văn bản (PDF hoặc Word .docx)").set_input_files(
        files=[{"name": "08-CT-TU.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    unit.get_by_role("button", name="Ghi vào sổ").click()
    assert "Đã ghi văn bản 08-CT/TU vào sổ." in unit.locator(".messages").inner_text()
    assert "Muộn 20 ngày" in unit.locator("table.register-matrix").inner_text()

    # The office sees it; a bad entry is refused with its reason and nothing is lost.
    office.goto(f"{base}/plans/{PLAN}/van-ban-trien-khai/?as_of=2022-06-30")
    assert office.locator("table.register-matrix").get_by_text("Muộn 20 ngày").count() == 1
    office.screenshot(path=str(screenshot_dir / "register.png"), full_page=True)
    office.get_by_role("link", name="Ghi văn bản").first.click()
    office.get_by_label("Đơn vị ban hành").select_option(
        label="Ban cán sự đảng Ủy ban nhân dân tỉnh"
    )
    office.get_by_label("Số, ký hiệu").fill("99/KH-UBND")
    office.get_by_label("Ngày ban hành").fill("2021-01-05")
    office.get_by_label("Trích yếu").fill("Kế hoạch")
    office.get_by_label("Chương trình 4:").check()
    office.get_by_role("button", name="Ghi vào sổ").click()
    assert "trước ngày ban hành chương trình hành động" in office.locator("main").inner_text()
    assert office.get_by_label("Số, ký hiệu").input_value() == "99/KH-UBND"

    phone = browser.new_context(viewport=PHONE, is_mobile=True).new_page()
    sign_in(phone, base, "theodoi", documents["passwords"]["theodoi"])
    phone.goto(f"{base}/plans/{PLAN}/van-ban-trien-khai/?as_of=2022-06-30")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width}px wide on a {PHONE['width']}px phone"
    phone.screenshot(path=str(screenshot_dir / "register-phone.png"), full_page=True)


def test_the_office_follows_the_years_work_program(
    browser: Any, live_server: Any, documents: dict[str, Any], screenshot_dir: Path
) -> None:
    base = live_server.url
    office = browser.new_context(viewport=DESKTOP).new_page()
    sign_in(office, base, "theodoi", documents["passwords"]["theodoi"])
    office.get_by_role("link", name="Chương trình công tác").first.click()
    office.get_by_role("link", name="Năm 2022").click()
    office.goto(f"{base}/plans/{PLAN}/chuong-trinh-cong-tac/2022/?as_of=2022-07-15")
    late = office.locator("#late + .table-wrap")
    assert late.locator("tr.late-row").count() == 8
    # Item 2 (the border-gate economy project) came out as document 15-ĐA/TU.
    office.get_by_role("link", name="Ghi kết quả 2", exact=True).click()
    office.get_by_role("radio", name="Đã ban hành").check()
    office.get_by_label("Văn bản đã ban hành (trong sổ văn bản triển khai)").select_option(
        label="15-ĐA/TU, 10/02/2022 — Đề án phát triển kinh tế cửa khẩu giai đoạn 2021 - 2025 "
        "(BCSĐ UBND tỉnh)"
    )
    office.get_by_role("button", name="Lưu kết quả").click()
    assert "Đã ghi kết quả của nội dung số 2." in office.locator(".messages").inner_text()
    office.goto(f"{base}/plans/{PLAN}/chuong-trinh-cong-tac/2022/?as_of=2022-07-15")
    assert office.locator("#late + .table-wrap tr.late-row").count() == 7
    assert "15-ĐA/TU, 10/02/2022" in office.locator("#item-2").inner_text()
    office.screenshot(path=str(screenshot_dir / "workprogram.png"), full_page=True)

    phone = browser.new_context(viewport=PHONE, is_mobile=True).new_page()
    sign_in(phone, base, "lanhdao", documents["passwords"]["lanhdao"])
    phone.goto(f"{base}/plans/{PLAN}/chuong-trinh-cong-tac/2022/?as_of=2022-07-15")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width}px wide on a {PHONE['width']}px phone"
    phone.screenshot(path=str(screenshot_dir / "workprogram-phone.png"), full_page=True)


@pytest.mark.parametrize(
    "path",
    [
        f"/plans/{PLAN}/van-ban-trien-khai/?as_of=2022-06-30",
        f"/plans/{PLAN}/van-ban-trien-khai/ghi/",
        f"/plans/{PLAN}/chuong-trinh-cong-tac/2022/?as_of=2022-07-15",
        f"/plans/{PLAN}/chuong-trinh-cong-tac/chuong-trinh/1/",
        f"/plans/{PLAN}/chuong-trinh-cong-tac/2022/2/ket-qua/",
    ],
)
def test_no_serious_accessibility_violations_on_the_new_pages(
    page: Any, live_server: Any, documents: dict[str, Any], path: str
) -> None:
    sign_in(page, live_server.url, "theodoi", documents["passwords"]["theodoi"])
    page.goto(f"{live_server.url}{path}")
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, results.generate_report()
