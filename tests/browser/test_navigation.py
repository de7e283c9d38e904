"""Issue 14, items 11 and 12 in a real browser: the navigation highlights the one section the page
belongs to, and the "not found" page speaks to the user (in Vietnamese and in English), never
with the name of an exception."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.urls import reverse

from .conftest import sign_in


def _current(page: Any) -> list[str]:
    """The navigation links marked as the current page."""
    links = page.locator('nav[aria-label] a[aria-current="page"]')
    return [links.nth(i).inner_text().strip() for i in range(links.count())]


def test_one_navigation_item_is_highlighted_per_page(
    browser: Any, live_server: Any, world: dict[str, Any], screenshot_dir: Path
) -> None:
    from tiendo.accounts.services import user_create

    base = live_server.url
    monitor = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    sign_in(monitor, base, "theodoi", world["passwords"]["theodoi"])
    # the pages that used to light two items at once, and some others
    for path, expected in [
        (reverse("reporting:audit_list"), "Nhật ký"),
        (reverse("importer:upload"), "Nhập chương trình"),
        (reverse("reporting:round_list"), "Đợt báo cáo"),
        (f"/plans/{world['plan'].code}/", "Chương trình hành động"),
    ]:
        monitor.goto(f"{base}{path}")
        assert _current(monitor) == [expected], path
    monitor.goto(base + reverse("reporting:notifications"))
    assert [t.split()[0] for t in _current(monitor)] == ["Thông"]  # "Thông báo (n)"
    monitor.goto(base + reverse("reporting:audit_list"))
    monitor.screenshot(path=str(screenshot_dir / "navigation-one-highlight.png"))

    _admin, password = user_create(
        actor=None, username="quantri", role="administrator", check_actor=False
    )
    admin = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    sign_in(admin, base, "quantri", password)
    admin.goto(base + reverse("accounts:user_list"))
    assert _current(admin) == ["Người dùng"]
    admin.goto(base + reverse("reporting:notifications"))
    current = _current(admin)
    assert len(current) == 1 and current[0].startswith("Thông báo")


def test_the_not_found_page_speaks_to_the_user_in_both_languages(
    page: Any, live_server: Any, world: dict[str, Any], screenshot_dir: Path
) -> None:
    sign_in(page, live_server.url, "lanhdao", world["passwords"]["lanhdao"])
    response = page.goto(f"{live_server.url}/khong-co-trang-nay/")
    assert response is not None and response.status == 404
    body = page.locator("body").inner_text()
    assert "Không tìm thấy" in body and "Resolver404" not in body and "Http404" not in body
    page.screenshot(path=str(screenshot_dir / "not-found-404.png"))
    page.goto(f"{live_server.url}/plans/{world['plan'].code}/")
    with page.expect_navigation():
        page.get_by_label("Ngôn ngữ").select_option("en")
    response = page.goto(f"{live_server.url}/khong-co-trang-nay/")
    assert response is not None and response.status == 404
    body = page.locator("body").inner_text()
    assert "not found" in body.lower() and "Resolver404" not in body
    page.screenshot(path=str(screenshot_dir / "not-found-404-en.png"))
