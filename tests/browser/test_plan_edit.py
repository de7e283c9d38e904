"""In a real browser: the office edits a target's value in the plan editor, sees the live
preview read the new value, saves with the Standing Committee's decision, and gets a new
revision; the earlier revision still reads the old value. A bad value comes back next to its
field with everything typed. Screenshots on a desktop and a phone; an accessibility check."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import sign_in

PLAN = "lang-son-2020-2025"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 780}
REASON = "Điều chỉnh chỉ tiêu kim ngạch xuất nhập khẩu theo kết quả giữa nhiệm kỳ"


def test_the_office_edits_a_target_value_into_a_new_revision(
    browser: Any, live_server: Any, world: dict[str, Any], screenshot_dir: Path
) -> None:
    from tiendo.plans.models import PlanRevision, Target

    base = live_server.url
    page = browser.new_context(viewport=DESKTOP).new_page()
    sign_in(page, base, "theodoi", world["passwords"]["theodoi"])
    page.goto(f"{base}/plans/{PLAN}/")
    page.get_by_role("link", name="Sửa chương trình (chỉ tiêu, nhiệm vụ, khâu đột phá)").click()
    page.wait_for_url(f"**/plans/{PLAN}/sua/")
    page.get_by_role("link", name="Sửa chỉ tiêu 1.1", exact=True).click()
    page.wait_for_url(f"**/plans/{PLAN}/sua/chi-tieu/1.1/")
    meaning = page.get_by_test_id("preview-meaning")
    assert "6.650" in meaning.inner_text()

    # A value that is not a number: the live preview says so, and saving refuses it next to
    # the field, keeping what was typed.
    page.get_by_label("Giá trị mục tiêu").fill("bảy nghìn")
    page.locator("#target-preview .error").wait_for()
    assert "không phải là số" in page.locator("#target-preview").inner_text()
    page.get_by_label("Văn bản quyết định (số, ngày)").fill("Kết luận 120-KL/TU ngày 30/6/2023")
    page.get_by_label("Ngày của văn bản").fill("2023-06-30")
    page.get_by_label("Nội dung, lý do điều chỉnh").fill(REASON)
    page.get_by_role("button", name="Lưu thành phiên bản mới").click()
    page.wait_for_load_state()
    assert "“bảy nghìn” không phải là số" in page.locator("#id_value-error").inner_text()
    assert page.get_by_label("Nội dung, lý do điều chỉnh").input_value() == REASON
    assert PlanRevision.objects.filter(plan=world["plan"]).count() == 1

    # The new value: the preview reads it as the evaluation will.
    page.get_by_label("Giá trị mục tiêu").fill("7.000")
    page.get_by_test_id("preview-meaning").filter(has_text="7.000").wait_for()
    assert "Đến năm 2025 đạt khoảng 7.000 triệu USD" in meaning.inner_text()
    page.screenshot(path=str(screenshot_dir / "plan-edit-target.png"), full_page=True)
    page.get_by_role("button", name="Lưu thành phiên bản mới").click()
    page.wait_for_url(f"**/plans/{PLAN}/revisions/2/")
    assert "Đã ghi nhận phiên bản 2 (1 thay đổi)." in page.locator(".messages").inner_text()
    assert REASON in page.locator("main").inner_text()
    assert "7.000 triệu USD" in page.locator("#t-1\\.1").inner_text()

    revision = PlanRevision.objects.get(plan=world["plan"], number=2)
    assert revision.reason == REASON
    assert revision.decision_ref == "Kết luận 120-KL/TU ngày 30/6/2023"
    assert Target.objects.get(plan=world["plan"], code="1.1").value == Decimal("7000")
    # The earlier revision still reads the old value.
    first = PlanRevision.objects.get(plan=world["plan"], number=1)
    old = next(t for t in first.snapshot["targets"] if t["code"] == "1.1")
    assert Decimal(old["value"]) == Decimal("6650")
    page.goto(f"{base}/plans/{PLAN}/revisions/1/")
    assert "6.650 triệu USD" in page.locator("#t-1\\.1").inner_text()

    phone = browser.new_context(viewport=PHONE, is_mobile=True).new_page()
    sign_in(phone, base, "theodoi", world["passwords"]["theodoi"])
    for path, name in (
        (f"/plans/{PLAN}/sua/chi-tieu/1.1/", "plan-edit-target-phone.png"),
        (f"/plans/{PLAN}/sua/", "plan-edit-phone.png"),
    ):
        phone.goto(f"{base}{path}")
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{path} is {width}px wide on a {PHONE['width']}px phone"
        phone.screenshot(path=str(screenshot_dir / name), full_page=True)
    page.goto(f"{base}/plans/{PLAN}/sua/")
    page.screenshot(path=str(screenshot_dir / "plan-edit.png"), full_page=True)


@pytest.mark.parametrize(
    "path",
    [
        f"/plans/{PLAN}/sua/",
        f"/plans/{PLAN}/sua/chi-tieu/1.1/",
        f"/plans/{PLAN}/sua/nhiem-vu-moi/",
        f"/plans/{PLAN}/sua/dot-pha/1/",
        f"/plans/{PLAN}/sua/chi-tieu/1.1/bo/",
    ],
)
def test_no_serious_accessibility_violations_on_the_editor(
    page: Any, live_server: Any, world: dict[str, Any], path: str
) -> None:
    sign_in(page, live_server.url, "theodoi", world["passwords"]["theodoi"])
    page.goto(f"{live_server.url}{path}")
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, results.generate_report()
