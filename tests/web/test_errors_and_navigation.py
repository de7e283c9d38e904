"""Error pages that say what to do, the navigation by role, and the language switch."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import path

from tiendo.accounts.services import user_create
from tiendo.web import views
from tiendo.web.context_processors import current_section


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


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "title", "said"),
    [
        ("vi", "Không tìm thấy trang", "Không có chỉ tiêu này."),
        ("en", "Page not found", "There is no such target."),
    ],
)
def test_404_never_names_the_exception(staff_client, builtin_plan, lang, title, said):
    staff_client.cookies["django_language"] = lang
    unknown = staff_client.get("/khong-co-trang-nay/")
    body = unknown.content.decode()
    assert unknown.status_code == 404 and title in body
    assert "Resolver404" not in body and "Http404" not in body and "tried" not in body
    missing = staff_client.get(f"/plans/{builtin_plan.code}/targets/9.9/")
    assert missing.status_code == 404
    assert said in missing.content.decode(), "a page's own reason is said, in the language"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "kwargs", "url", "current"),
    [
        ("monitor", {"unit_code": "van-phong-tinh-uy"}, "/nhap-chuong-trinh/", "Nhập chương trình"),
        ("monitor", {"unit_code": "van-phong-tinh-uy"}, "/nhat-ky/", "Nhật ký"),
        ("monitor", {"unit_code": "van-phong-tinh-uy"}, "/dot-bao-cao/", "Đợt báo cáo"),
        ("administrator", {}, "/accounts/nguoi-dung/", "Người dùng"),
        ("administrator", {}, "/thong-bao/", "Thông báo"),
        ("leader", {}, "/plans/lang-son-2020-2025/programs/2/", "Chương trình hành động"),
        ("reporter", {"unit_code": "ban-to-chuc-tinh-uy"}, "/viec/", "Việc của đơn vị"),
        ("leader", {}, "/accounts/mat-khau/", None),
    ],
)
def test_navigation_marks_exactly_the_current_item(
    client, builtin_plan, role, kwargs, url, current
):
    _login(client, f"u-{role}", role, **kwargs)
    response = client.get(url)
    assert response.status_code == 200
    nav = response.content.decode().split("</nav>")[0].split("<nav")[1]
    marked = re.findall(r'<a href="[^"]*" aria-current="page">([^<]+)</a>', nav)
    assert marked == ([current] if current else []), marked


def test_the_current_item_is_found_by_the_resolved_url_name():
    keys = ["plans", "rounds", "import", "audit", "users", "notifications"]
    assert current_section(view_name="importer:review", keys=keys) == "import"
    assert current_section(view_name="reporting:audit_list", keys=keys) == "audit"
    assert current_section(view_name="reporting:notifications", keys=keys) == "notifications"
    assert current_section(view_name="accounts:user_create", keys=keys) == "users"
    assert current_section(view_name="reporting:submission", keys=keys) == "rounds"
    assert current_section(view_name="reporting:submission", keys=["plans", "workspace"]) == (
        "workspace"
    )
    assert current_section(view_name="accounts:password_change", keys=keys) is None


@pytest.mark.django_db
def test_favicon_is_served_and_linked(staff_client, builtin_plan):
    response = staff_client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("/static/tiendo/favicon.ico")
    icon = finders.find("tiendo/favicon.ico")
    assert icon and Path(icon).read_bytes()[:4] == b"\x00\x00\x01\x00", "an .ico file"
    page = staff_client.get("/plans/").content.decode()
    assert '<link rel="icon" href="/static/tiendo/favicon.ico"' in page
