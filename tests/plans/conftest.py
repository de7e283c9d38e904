from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.contrib.auth import get_user_model

BCSD = "ban-can-su-dang-uy-ban-nhan-dan-tinh"
BTC = "ban-to-chuc-tinh-uy"
SNN = "so-nong-nghiep-va-phat-trien-nong-thon"
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def office_bytes(part: str) -> bytes:
    """A minimal Office Open XML zip: part "word" for a .docx, "xl" for a .xlsx."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(f"{part}/document.xml", "<x/>")
    return buf.getvalue()


@pytest.fixture
def people(builtin_plan: Any) -> dict[str, Any]:
    """The built-in plan with the demo accounts (office, leader, three units' reporters)."""
    from tiendo.ops.demo_accounts import demo_set_ensure

    accounts = demo_set_ensure()
    users = {
        u.username: u
        for u in get_user_model().objects.filter(username__in=[a.username for a in accounts])
    }
    return {"plan": builtin_plan, **users}


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
