"""Issue 15 in the browser: the indicator page of forest cover with both terms' targets on one
chart, the target page of a closed plan with its frozen verdict beside today's, the plans page
by term — on a desktop and on a phone (no sideways scrolling)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from .conftest import sign_in

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "lang-son-2025-2030-test.txt"
FOREST = "ty-le-che-phu-rung"


@pytest.fixture
def terms(transactional_db: Any, settings: Any, tmp_path: Path) -> dict[str, Any]:
    """The 2020–2025 plan with forest and poverty figures, closed on 2/3/2026, poverty then
    corrected; the 2025–2030 plan imported from its text, linked and published."""
    from django.contrib.auth import get_user_model

    from tests.helpers import series_of
    from tiendo.evaluation.services import plan_close
    from tiendo.importer.services import draft_target_save, plan_import
    from tiendo.indicators.services import FigureRecord, figures_record
    from tiendo.ops.demo_accounts import demo_set_ensure
    from tiendo.plans.services import plan_builtin_ensure, plan_publish

    settings.MEDIA_ROOT = tmp_path
    result = plan_builtin_ensure()
    assert result is not None
    old = result.plan
    accounts = demo_set_ensure()
    office = get_user_model().objects.get(username="theodoi")

    def record(target: Any, year: int, value: str, kind: str = "official", why: str = "") -> None:
        figures_record(
            records=[
                FigureRecord(
                    **series_of(target),
                    year=year,
                    value=Decimal(value),
                    figure_type=kind,
                    correction_reason=why,
                    source="Cục Thống kê tỉnh Lạng Sơn",
                )
            ],
            actor=None,
        )

    forest = old.targets.get(indicator_ref__code=FOREST)
    for year, value in ((2019, "62.5"), (2020, "63.1"), (2021, "63.6"), (2022, "64.1")):
        record(forest, year, value)
    record(forest, 2023, "64.6", "estimate")
    record(forest, 2024, "64.9")
    record(forest, 2025, "65.1", "estimate")
    poverty = old.targets.get(code="5.6")
    record(poverty, 2025, "2.32")
    plan_close(actor=office, plan=old, today=dt.date(2026, 3, 2), reason="Tổng kết nhiệm kỳ")
    record(poverty, 2025, "3.9", why="Số liệu chính thức sau rà soát")

    new = plan_import(
        data=FIXTURE.read_bytes(), filename=FIXTURE.name, actor=office, code="lang-son-2025-2030"
    ).plan
    party = next(t for t in new.targets.all() if "dang-vien" in t.indicator_ref.code)
    draft_target_save(
        plan=new, actor=office, code=party.code, values={"indicator_code": "so-dang-vien-moi"}
    )
    plan_publish(plan=new, actor=office)
    return {"old": old, "new": new, "passwords": {a.username: a.password for a in accounts}}


def test_indicator_and_closed_target_pages_on_desktop_and_phone(
    browser: Any, live_server: Any, terms: dict[str, Any], screenshot_dir: Path
) -> None:
    base = live_server.url
    old = terms["old"]

    def page_of(width: int, height: int, **kw: Any) -> Any:
        page = browser.new_context(
            viewport={"width": width, "height": height}, locale="vi-VN", **kw
        ).new_page()
        sign_in(page, base, "theodoi", terms["passwords"]["theodoi"])
        return page

    desk = page_of(1280, 900)
    desk.goto(f"{base}/chi-so/{FOREST}/")
    main = desk.locator("main").inner_text()
    assert "23-CTr/TU" in main and "05-CTr/TU" in main
    assert desk.locator("main svg").count() == 1
    desk.screenshot(path=str(screenshot_dir / "indicator-forest.png"), full_page=True)
    desk.goto(f"{base}/plans/{old.code}/targets/5.6/")
    verdict = desk.locator("#closure-verdict").inner_text()
    assert "Đánh giá khi kết thúc nhiệm kỳ: Đạt · theo số liệu hiện nay: Không đạt" in verdict
    desk.screenshot(path=str(screenshot_dir / "target-closed-term.png"), full_page=False)
    desk.goto(f"{base}/plans/")
    desk.screenshot(path=str(screenshot_dir / "plans-by-term.png"), full_page=False)
    desk.goto(f"{base}/chi-so/")
    desk.screenshot(path=str(screenshot_dir / "indicators.png"), full_page=False)

    phone = page_of(390, 844, is_mobile=True)
    for url, name in (
        (f"/chi-so/{FOREST}/", "indicator-forest-phone.png"),
        (f"/plans/{old.code}/targets/5.6/", "target-closed-term-phone.png"),
        ("/plans/", "plans-by-term-phone.png"),
        ("/chi-so/", "indicators-phone.png"),
    ):
        phone.goto(f"{base}{url}")
        width = phone.evaluate("document.documentElement.scrollWidth")
        phone.screenshot(path=str(screenshot_dir / name), full_page=True)
        assert width <= 390, f"{url} is {width}px wide on a 390px phone"
