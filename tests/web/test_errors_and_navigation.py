"""Error pages that say what to do, the navigation by role, and the language switch."""

from __future__ import annotations

import logging

import pytest
from django.test import Client
from django.urls import path

from tiendo.accounts.services import user_create
from tiendo.web import views


def boom(request):
    raise RuntimeError("hỏng")


urlpatterns = [path("boom/", boom)]
handler500 = "tiendo.web.views.server_error"


@pytest.mark.django_db
def test_404_is_in_vietnamese(staff_client):
    response = staff_client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


@pytest.mark.urls("tests.web.test_errors_and_navigation")
def test_500_shows_a_reference_not_a_stack_trace(db, caplog):
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.ERROR, logger="tiendo.errors"):
        response = client.get("/boom/")
    body = response.content.decode()
    assert response.status_code == 500
    assert "Mã tham chiếu" in body and "Traceback" not in body and "hỏng" not in body
    reference = body.split("<code>")[1].split("</code>")[0]
    assert any(reference in record.getMessage() for record in caplog.records)
    assert views.server_error is not None


def _login(client, username, role, **kwargs):
    user, _ = user_create(
        actor=None,
        username=username,
        role=role,
        password="mat-khau-rat-dai-9",
        check_actor=False,
        **kwargs,
    )
    client.force_login(user)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "kwargs", "present", "absent"),
    [
        (
            "reporter",
            {"unit_code": "ban-to-chuc-tinh-uy"},
            ["Việc của đơn vị", "Thông báo"],
            ["Đợt báo cáo", "Nhật ký", "Người dùng", "Nhập chương trình"],
        ),
        (
            "monitor",
            {"unit_code": "van-phong-tinh-uy"},
            ["Đợt báo cáo", "Nhập chương trình", "Nhật ký"],
            ["Việc của đơn vị", "Người dùng"],
        ),
        (
            "leader",
            {},
            ["Đợt báo cáo", "Nhật ký"],
            ["Nhập chương trình", "Người dùng", "Việc của đơn vị"],
        ),
        ("administrator", {}, ["Người dùng", "Nhật ký"], ["Nhập chương trình", "Việc của đơn vị"]),
    ],
)
def test_navigation_by_role(client, builtin_plan, role, kwargs, present, absent):
    _login(client, f"u-{role}", role, **kwargs)
    nav = client.get(f"/plans/{builtin_plan.code}/").content.decode().split("</nav>")[0]
    for label in present:
        assert label in nav, label
    for label in absent:
        assert label not in nav, label


@pytest.mark.django_db
def test_language_switch_to_english_and_back(staff_client, builtin_plan):
    response = staff_client.post("/i18n/setlang/", {"language": "en", "next": "/plans/"})
    assert response.status_code == 302
    page = staff_client.get("/plans/").content.decode()
    assert '<html lang="en">' in page
    staff_client.post("/i18n/setlang/", {"language": "vi", "next": "/plans/"})
    assert '<html lang="vi">' in staff_client.get("/plans/").content.decode()


@pytest.mark.django_db
def test_vietnamese_first_whatever_the_browser_asks(staff_client, builtin_plan):
    page = staff_client.get("/plans/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="vi">' in page
