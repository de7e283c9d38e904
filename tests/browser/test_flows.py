"""What a user does in a real browser: sign in, report, review, see the result, switch the
language, read the dashboard on a phone; and an accessibility check of the main pages."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import sign_in

PLAN = "lang-son-2020-2025"


def test_sign_in_shows_the_plan_and_a_wrong_password_is_told(
    page: Any, live_server: Any, world: dict[str, Any]
) -> None:
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Tên đăng nhập").fill("lanhdao")
    page.get_by_label("Mật khẩu").fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()
    assert page.get_by_role("alert").is_visible()
    sign_in(page, live_server.url, "lanhdao", world["passwords"]["lanhdao"])
    assert page.url.endswith(f"/plans/{PLAN}/")
    assert page.get_by_role("heading", name="Tình hình thực hiện các chỉ tiêu").is_visible()


def test_report_return_resubmit_accept_then_the_dashboard_shows_it(
    browser: Any, live_server: Any, world: dict[str, Any], screenshot_dir: Any
) -> None:
    base = live_server.url
    submission = world["round"].submissions.get(unit__code="so-nong-nghiep-va-phat-trien-nong-thon")
    reporter = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    monitor = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(reporter, base, "baocao.snn", world["passwords"]["baocao.snn"])
    sign_in(monitor, base, "theodoi", world["passwords"]["theodoi"])

    # The reporter finds the submission in the unit workspace, enters a figure and submits.
    reporter.goto(f"{base}/viec/")
    reporter.screenshot(path=str(screenshot_dir / "unit-workspace.png"), full_page=True)
    reporter.get_by_role("link", name="Năm 2025").first.click()
    reporter.get_by_label("Năm 2.3").fill("2025")
    reporter.get_by_label("Giá trị 2.3").fill("66,2")
    reporter.get_by_label("Loại số liệu 2.3").select_option("official")
    # beside the value, live: the status it would give (66,2 % in 2025 against "over 65 %")
    verdict = reporter.locator("tr", has=reporter.get_by_label("Giá trị 2.3")).locator(".verdict")
    verdict.filter(has_text="Vượt").wait_for()
    assert "66,2" in verdict.inner_text()
    reporter.get_by_label("Nguồn 2.3").fill("Quyết định công bố hiện trạng rừng năm 2025")
    reporter.get_by_role("button", name="Lưu và gửi báo cáo").click()
    # the other rows are empty: the page names them and asks before sending
    confirm = reporter.locator("#send")
    assert "chỉ tiêu 2.2" in confirm.inner_text() and "chỉ tiêu 2.3" not in confirm.inner_text()
    reporter.screenshot(path=str(screenshot_dir / "submission-empty-rows.png"), full_page=False)
    reporter.get_by_role("button", name="Vẫn gửi với các dòng trống").click()
    assert "Đã gửi" in reporter.locator("#state").inner_text()

    # The monitor returns it with a reason.
    # The review page shows, for each value, the status it would give once accepted; the
    # reason for returning is asked for in place, under "Trả lại…".
    monitor.goto(f"{base}/bao-cao/{submission.pk}/")
    assert "Vượt" in monitor.locator("td.verdict").filter(has_text="66,2").inner_text()
    assert not monitor.get_by_label("Lý do trả lại (bắt buộc khi trả lại)").is_visible()
    monitor.get_by_text("Trả lại…").click()
    monitor.get_by_label("Lý do trả lại (bắt buộc khi trả lại)").fill(
        "Ghi rõ số quyết định công bố."
    )
    monitor.screenshot(path=str(screenshot_dir / "review.png"), full_page=True)
    results = Axe().run(monitor)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, results.generate_report()
    phone = browser.new_context(viewport={"width": 360, "height": 780}, is_mobile=True).new_page()
    sign_in(phone, base, "theodoi", world["passwords"]["theodoi"])
    phone.goto(f"{base}/bao-cao/{submission.pk}/#review")
    phone.screenshot(path=str(screenshot_dir / "review-phone.png"), full_page=True)
    monitor.get_by_role("button", name="Trả lại cho đơn vị với lý do này").click()
    assert monitor.locator("#state").inner_text() == "Bị trả lại"

    # The reporter sees the reason, corrects and resubmits.
    reporter.goto(f"{base}/bao-cao/{submission.pk}/")
    assert reporter.get_by_text("Ghi rõ số quyết định công bố.").first.is_visible()
    reporter.get_by_label("Nguồn 2.3").fill(
        "Quyết định số 123/QĐ-UBND công bố hiện trạng rừng năm 2025"
    )
    reporter.get_by_role("button", name="Lưu và gửi báo cáo").click()
    reporter.get_by_role("button", name="Vẫn gửi với các dòng trống").click()
    assert reporter.locator("#state").inner_text() == "Đã gửi lại"

    # The monitor accepts.
    monitor.goto(f"{base}/bao-cao/{submission.pk}/")
    monitor.get_by_role("button", name="Chấp nhận").click()
    assert "Đã chấp nhận" in monitor.locator("#state").inner_text()

    # The dashboard and the target page show the new figure and status.
    monitor.goto(f"{base}/plans/{PLAN}/?as_of=2025")
    assert monitor.locator(".stat-num").first.inner_text() == "1/53"
    monitor.screenshot(path=str(screenshot_dir / "dashboard.png"), full_page=True)
    monitor.goto(f"{base}/plans/{PLAN}/programs/2/?as_of=2025")
    row = monitor.locator("tr", has=monitor.get_by_role("link", name="2.3", exact=True))
    assert "66,2" in row.inner_text() and "Vượt" in row.inner_text()
    monitor.screenshot(path=str(screenshot_dir / "program.png"), full_page=True)
    monitor.goto(f"{base}/plans/{PLAN}/targets/2.3/?as_of=2025")
    assert monitor.locator("svg.chart").first.is_visible()
    assert "66,2" in monitor.locator("main").inner_text()
    assert "Vượt" in monitor.locator("main").inner_text()
    monitor.screenshot(path=str(screenshot_dir / "target.png"), full_page=True)


def test_the_as_of_selector_updates_the_dashboard_in_place(
    page: Any, live_server: Any, world: dict[str, Any]
) -> None:
    sign_in(page, live_server.url, "lanhdao", world["passwords"]["lanhdao"])
    page.goto(f"{live_server.url}/plans/{PLAN}/?as_of=2025")
    page.evaluate("window.__marker = 1")
    page.get_by_label("Đánh giá đến năm").select_option("2023")
    page.wait_for_url("**as_of=2023**")
    assert page.get_by_role("heading", name="Tình hình thực hiện các chỉ tiêu (2023)").is_visible()
    assert page.evaluate("window.__marker") == 1, (
        "htmx swapped the fragment; the page did not reload"
    )


def test_language_switch(page: Any, live_server: Any, world: dict[str, Any]) -> None:
    sign_in(page, live_server.url, "lanhdao", world["passwords"]["lanhdao"])
    page.goto(f"{live_server.url}/plans/{PLAN}/")
    with page.expect_navigation():
        page.get_by_label("Ngôn ngữ").select_option("en")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="Targets by status").is_visible()
    with page.expect_navigation():
        page.get_by_label("Language").select_option("vi")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.get_by_role("heading", name="Tình hình thực hiện các chỉ tiêu").is_visible()


def test_dashboard_on_a_phone(
    browser: Any, live_server: Any, world: dict[str, Any], screenshot_dir: Any
) -> None:
    page = browser.new_context(viewport={"width": 360, "height": 780}, is_mobile=True).new_page()
    sign_in(page, live_server.url, "lanhdao", world["passwords"]["lanhdao"])
    page.goto(f"{live_server.url}/plans/{PLAN}/?as_of=2025")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page is {width}px wide on a 360px phone"
    assert page.get_by_role("heading", name="Tình hình thực hiện các chỉ tiêu (2025)").is_visible()
    page.screenshot(path=str(screenshot_dir / "dashboard-phone.png"), full_page=False)


@pytest.mark.parametrize(
    ("user", "path"),
    [
        ("lanhdao", f"/plans/{PLAN}/"),
        ("lanhdao", f"/plans/{PLAN}/programs/2/"),
        ("lanhdao", f"/plans/{PLAN}/targets/5.6/"),
        ("baocao.snn", "/viec/"),
        ("theodoi", f"/plans/{PLAN}/"),  # the office's dashboard: the round panel
        ("theodoi", "/dot-bao-cao/"),
        (None, "/login/"),
    ],
)
def test_no_serious_accessibility_violations(
    page: Any, live_server: Any, world: dict[str, Any], user: str | None, path: str
) -> None:
    if user:
        sign_in(page, live_server.url, user, world["passwords"][user])
    page.goto(f"{live_server.url}{path}")
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, results.generate_report()
