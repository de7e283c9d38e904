"""The reporting workflow in a browser (issue 14): a file uploaded before saving keeps the
typed figures (item 6); the office sees the round panel and the unread count (items 1, 4);
phone-width pages stay within the screen; screenshots for the eye."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .conftest import sign_in

PLAN = "lang-son-2020-2025"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_upload_keeps_typed_figures_and_the_office_sees_the_round(
    browser: Any, live_server: Any, world: dict[str, Any], screenshot_dir: Path, tmp_path: Path
) -> None:
    base = live_server.url
    evidence = tmp_path / "bien-ban.pdf"
    evidence.write_bytes(PDF)

    def context_page(width: int = 1280, height: int = 900, **kw: Any) -> Any:
        return browser.new_context(
            viewport={"width": width, "height": height}, locale="vi-VN", **kw
        ).new_page()

    reporter = context_page()
    sign_in(reporter, base, "baocao.snn", world["passwords"]["baocao.snn"])
    assert reporter.url.endswith("/viec/")  # reporters land on their unit's work
    reporter.get_by_role("link", name="Năm 2025").first.click()
    reporter.get_by_label("Giá trị 2.3").fill("66,2")
    reporter.get_by_label("Nguồn 2.3").fill("Quyết định công bố hiện trạng rừng")
    reporter.set_input_files("#evidence-file", str(evidence))
    reporter.get_by_role("button", name="Lưu nháp và tải lên").click()
    assert reporter.get_by_label("Giá trị 2.3").input_value() == "66,2"
    assert reporter.get_by_role("link", name="bien-ban.pdf").is_visible()
    reporter.get_by_label("Giá trị 2.2").fill("0,0000001")
    reporter.get_by_role("button", name="Lưu nháp", exact=True).click()
    assert "không tự làm tròn" in reporter.locator("main").inner_text()
    assert reporter.get_by_label("Giá trị 2.2").input_value() == "0,0000001"
    reporter.screenshot(path=str(screenshot_dir / "submission-entry.png"), full_page=True)
    reporter.get_by_label("Giá trị 2.2").fill("")
    reporter.get_by_role("button", name="Lưu và gửi báo cáo").click()
    reporter.get_by_role("button", name="Vẫn gửi với các dòng trống").click()
    assert "Đã gửi" in reporter.locator("#state").inner_text()

    monitor = context_page()
    sign_in(monitor, base, "theodoi", world["passwords"]["theodoi"])
    nav = monitor.get_by_role("navigation", name="Điều hướng chính")
    assert "Thông báo 1" in nav.inner_text()
    panel = monitor.locator(".round-panel").first
    assert "Đợt báo cáo Năm 2025" in panel.inner_text()
    assert (
        "Sở NN&PTNT"
        in panel.locator("text=Chờ Văn phòng duyệt >> xpath=following-sibling::ul[1]").inner_text()
    )
    monitor.screenshot(path=str(screenshot_dir / "dashboard-round-panel.png"), full_page=False)
    monitor.goto(f"{base}/dot-bao-cao/{world['round'].pk}/don-doc/")
    monitor.screenshot(path=str(screenshot_dir / "urge-preview.png"), full_page=True)
    monitor.goto(f"{base}/dot-bao-cao/mo/")
    monitor.screenshot(path=str(screenshot_dir / "round-open-defaults.png"), full_page=False)

    phone = context_page(390, 844, is_mobile=True)
    sign_in(phone, base, "theodoi", world["passwords"]["theodoi"])
    for path, name in (
        (f"/plans/{PLAN}/", "dashboard-round-panel-phone.png"),
        (f"/dot-bao-cao/{world['round'].pk}/don-doc/", "urge-preview-phone.png"),
    ):
        phone.goto(f"{base}{path}")
        width = phone.evaluate("document.documentElement.scrollWidth")
        phone.screenshot(path=str(screenshot_dir / name), full_page=False)
        assert width <= 390, f"{path} is {width}px wide on a 390px phone"
    phone_reporter = context_page(390, 844, is_mobile=True)
    sign_in(phone_reporter, base, "baocao.svhttdl", world["passwords"]["baocao.svhttdl"])
    phone_reporter.screenshot(path=str(screenshot_dir / "workspace-phone.png"), full_page=True)
    phone_reporter.get_by_role("link", name="Năm 2025").first.click()
    phone_reporter.screenshot(path=str(screenshot_dir / "submission-phone.png"), full_page=True)
