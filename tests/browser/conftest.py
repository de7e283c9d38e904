"""Browser tests: Playwright (pytest-playwright) driving Debian's Chromium against the live
server. Screenshots go to test-artifacts/screenshots/ (CI lists them at the end of its log)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def pytest_collection_modifyitems(items: list[Any]) -> None:
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    assert Path(CHROMIUM).exists(), "Debian's Chromium is needed: apt-get install chromium"
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900}, "locale": "vi-VN"}


@pytest.fixture
def screenshot_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture
def world(transactional_db: Any) -> dict[str, Any]:
    """The built-in plan, the demo accounts (with known passwords) and an open round for 2025."""
    from django.contrib.auth import get_user_model

    from tiendo.ops.demo_accounts import demo_set_ensure
    from tiendo.plans.services import plan_builtin_ensure
    from tiendo.reporting.services import round_open

    result = plan_builtin_ensure()
    assert result is not None
    accounts = demo_set_ensure()
    users = {u.username: u for u in get_user_model().objects.all()}
    rnd = round_open(
        actor=users["theodoi"],
        plan=result.plan,
        period_kind="year",
        year=2025,
        opens_on=dt.date(2025, 12, 1),
        deadline=dt.date(2025, 12, 20),
        uncovered_ok=True,
    )
    return {
        "plan": result.plan,
        "round": rnd,
        "passwords": {a.username: a.password for a in accounts},
        "users": users,
    }


def sign_in(page: Any, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
