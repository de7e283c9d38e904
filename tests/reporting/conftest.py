from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

import pytest
from django.contrib.auth import get_user_model


@pytest.fixture
def demo(builtin_plan: Any) -> dict[str, Any]:
    """The demo set of `tiendo up`: users by user name, plus the plan and an administrator."""
    from tiendo.ops.demo_accounts import demo_set_ensure

    accounts = demo_set_ensure()
    users = {
        u.username: u
        for u in get_user_model().objects.filter(username__in=[a.username for a in accounts])
    }
    admin = get_user_model().objects.create_superuser(username="quantri", password="x-y-z-1234567")
    return {
        "plan": builtin_plan,
        "admin": admin,
        "quantri": admin,
        "passwords": {a.username: a.password for a in accounts},
        **users,
    }


@pytest.fixture
def rnd(demo: dict[str, Any]) -> Any:
    return round_2024(demo)


def round_2024(demo: dict[str, Any]) -> Any:
    """The office opens the yearly round of 2024 for the units then reporting."""
    from tiendo.reporting.services import round_open

    return round_open(
        actor=demo["theodoi"],
        plan=demo["plan"],
        period_kind="year",
        year=2024,
        opens_on=dt.date(2024, 12, 1),
        deadline=dt.date(2024, 12, 20),
        uncovered_ok=True,
    )


def sub_of(rnd: Any, unit_code: str) -> Any:
    return rnd.submissions.select_related("round__plan", "unit").get(unit__code=unit_code)


SNN = "so-nong-nghiep-va-phat-trien-nong-thon"
SVH = "so-van-hoa-the-thao-va-du-lich"
BTC = "ban-to-chuc-tinh-uy"

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def office_bytes(part: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(f"{part}/document.xml", "<x/>")
    return buf.getvalue()


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
