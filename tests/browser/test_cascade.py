"""Issue 12, done when: the office delegates target 1.1 from the Ban cán sự đảng UBND tỉnh to
Sở Công Thương in the form, opens a round; Sở Công Thương's reporter (an account the
administrator creates in the page) sees 1.1 in the form and submits; the office accepts; the
target page shows the figure and the chain “BCSĐ UBND tỉnh → Sở Công Thương”."""

from __future__ import annotations

import re
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from .conftest import sign_in

PLAN = "lang-son-2020-2025"


@pytest.fixture
def office(transactional_db: Any) -> dict[str, Any]:
    """The built-in plan, the demo accounts, an administrator, and Sở Công Thương as a unit
    (no round open yet)."""
    from django.contrib.auth import get_user_model

    from tiendo.ops.demo_accounts import demo_set_ensure
    from tiendo.org.models import OrgUnit
    from tiendo.plans.services import plan_builtin_ensure

    assert plan_builtin_ensure() is not None
    accounts = demo_set_ensure()
    get_user_model().objects.create_superuser(username="quantri", password="quan-tri-mat-khau-9")
    OrgUnit.objects.create(
        code="so-cong-thuong",
        name="Sở Công Thương",
        short_name="Sở Công Thương",
        kind="department",
    )
    return {
        "passwords": {
            **{a.username: a.password for a in accounts},
            "quantri": "quan-tri-mat-khau-9",
        }
    }


def test_delegate_then_report_through_the_cascade(
    browser: Any, live_server: Any, office: dict[str, Any], screenshot_dir: Any
) -> None:
    base = live_server.url

    def context_page(width: int = 1280, height: int = 900, **kw: Any) -> Any:
        return browser.new_context(
            viewport={"width": width, "height": height}, locale="vi-VN", **kw
        ).new_page()

    # The administrator creates Sở Công Thương's reporter account.
    admin = context_page()
    sign_in(admin, base, "quantri", office["passwords"]["quantri"])
    admin.goto(f"{base}/accounts/nguoi-dung/tao/")
    admin.get_by_label("Tên đăng nhập").fill("baocao.sct")
    admin.get_by_label("Họ và tên").fill("Cán bộ Sở Công Thương")
    admin.get_by_label("Vai trò").select_option("reporter")
    admin.get_by_label("Đơn vị").select_option(label="Sở Công Thương")
    admin.get_by_role("button", name="Tạo").click()
    password = admin.locator("code").first.inner_text().strip()
    assert password

    # The office sees what nobody reports yet, then hands 1.1 on in the form.
    monitor = context_page()
    sign_in(monitor, base, "theodoi", office["passwords"]["theodoi"])
    monitor.goto(f"{base}/plans/{PLAN}/phan-cong/")
    row = monitor.locator("tr", has=monitor.get_by_role("link", name="1.1", exact=True))
    assert "Đơn vị chủ trì chưa có tài khoản cán bộ báo cáo" in row.inner_text()
    monitor.get_by_role("link", name="Phân công thực hiện").first.click()
    monitor.get_by_label("Đơn vị giao").select_option(label="Ban cán sự đảng Ủy ban nhân dân tỉnh")
    monitor.get_by_label("Lọc theo chương trình").select_option(label="Chương trình 1")
    expect(monitor.locator("#items .program-items")).to_have_count(1)  # htmx, in place
    monitor.get_by_role("checkbox", name=re.compile(r"^1\.1 ")).check()
    monitor.get_by_role("checkbox", name="Sở Công Thương", exact=True).check()
    monitor.get_by_role("radio", name="Chủ trì").check()
    monitor.get_by_label("Căn cứ khác").fill("Kế hoạch số 45/KH-UBND ngày 01/3/2021")
    monitor.screenshot(path=str(screenshot_dir / "delegation-form.png"), full_page=True)
    monitor.get_by_role("button", name="Xem trước thay đổi").click()
    confirm = monitor.locator(".confirm")
    assert "Sẽ ghi nhận 1 phân công thực hiện" in confirm.inner_text()
    assert "BCSĐ UBND tỉnh → Sở Công Thương" in confirm.inner_text()
    monitor.screenshot(path=str(screenshot_dir / "delegation-confirm.png"), full_page=True)
    monitor.get_by_role("button", name="Xác nhận phân công").click()
    assert "Đã ghi nhận 1 phân công thực hiện." in monitor.locator(".messages").inner_text()
    row = monitor.locator("tr", has=monitor.get_by_role("link", name="1.1", exact=True))
    assert "BCSĐ UBND tỉnh → Sở Công Thương" in row.inner_text()
    assert "Sở Công Thương" in row.locator("td").nth(3).inner_text()
    monitor.screenshot(path=str(screenshot_dir / "coverage.png"), full_page=False)
    results = Axe().run(monitor)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, results.generate_report()

    # The office opens a round: the page lists what nobody would be asked for; it confirms.
    monitor.goto(f"{base}/dot-bao-cao/mo/")
    not_asked = monitor.locator("#not-asked").inner_text()
    assert "Không đơn vị nào được hỏi về 60 chỉ tiêu, nhiệm vụ" in not_asked
    assert re.search(r"^1\.2 —", not_asked, re.M) and not re.search(r"^1\.1 —", not_asked, re.M)
    monitor.get_by_label(re.compile(r"^Năm")).fill("2025")  # "Năm (nhiệm kỳ 2020–2025)"
    monitor.get_by_role("button", name="Mở đợt").click()
    assert "Không đơn vị nào được hỏi về" in monitor.get_by_role("alert").inner_text()
    monitor.get_by_label("Tôi đã xem; vẫn mở đợt").check()
    monitor.get_by_role("button", name="Mở đợt").click()
    assert "Đã mở đợt báo cáo Năm 2025" in monitor.locator(".messages").inner_text()

    # Sở Công Thương's reporter sees 1.1, for whom, and reports it.
    reporter = context_page()
    sign_in(reporter, base, "baocao.sct", password)
    reporter.goto(f"{base}/viec/")
    assert "BCSĐ UBND tỉnh → Sở Công Thương" in reporter.locator("main").inner_text()
    reporter.get_by_role("link", name="Năm 2025").first.click()
    reporter.get_by_label("Năm 1.1").fill("2025")
    reporter.get_by_label("Giá trị 1.1").fill("6.700")
    reporter.get_by_label("Loại số liệu 1.1").select_option("official")
    reporter.get_by_label("Nguồn 1.1").fill("Cục Hải quan tỉnh, số liệu năm 2025")
    reporter.get_by_role("button", name="Lưu và gửi báo cáo").click()
    if reporter.locator("#send").count():  # rows left empty are named; send them as they are
        reporter.get_by_role("button", name="Vẫn gửi với các dòng trống").click()
    assert "Đã gửi" in reporter.locator("#state").inner_text()
    submission_url = reporter.url

    # The office accepts; the target page shows the figure and the chain.
    monitor.goto(submission_url)
    monitor.get_by_role("button", name="Chấp nhận").click()
    assert "Đã chấp nhận" in monitor.locator("#state").inner_text()
    monitor.goto(f"{base}/plans/{PLAN}/targets/1.1/?as_of=2025")
    main = monitor.locator("main").inner_text()
    assert "6.700" in main
    assert "BCSĐ UBND tỉnh → Sở Công Thương" in monitor.locator("#responsibility").inner_text()

    # The coverage page on a phone.
    phone = context_page(390, 844, is_mobile=True)
    sign_in(phone, base, "theodoi", office["passwords"]["theodoi"])
    phone.goto(f"{base}/plans/{PLAN}/phan-cong/")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width}px wide on a 390px phone"
    phone.screenshot(path=str(screenshot_dir / "coverage-phone.png"), full_page=False)
    phone.goto(f"{base}/plans/{PLAN}/phan-cong/giao/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.screenshot(path=str(screenshot_dir / "delegation-form-phone.png"), full_page=False)
