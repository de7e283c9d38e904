"""Accounts: roles, the administrator's create/disable, password change, failed-login
throttling, the `tiendo user` command and the demo set of `tiendo up`."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from tiendo.accounts.models import Role
from tiendo.accounts.permissions import NotAllowed, role_of
from tiendo.accounts.services import password_change, user_create, user_disable
from tiendo.audit.models import AuditEntry
from tiendo.org.models import OrgUnit

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(db: Any) -> Any:
    return get_user_model().objects.create_superuser(
        username="quantri", password="mat-khau-quan-tri-1"
    )


@pytest.fixture
def unit(db: Any) -> OrgUnit:
    return OrgUnit.objects.create(code="so-tai-chinh", name="Sở Tài chính", kind="department")


def test_admin_creates_and_disables_accounts_with_audit(admin: Any, unit: OrgUnit) -> None:
    user, password = user_create(
        actor=admin, username="baocao.stc", role=Role.REPORTER, unit=unit, email="a@b.vn"
    )
    assert len(password) >= 16 and user.check_password(password)
    assert role_of(user) == Role.REPORTER and user.profile.unit == unit
    entry = AuditEntry.objects.get(object_type="auth.user", action="create")
    assert (
        entry.actor == admin
        and entry.changes["role"]["after"] == "reporter"
        and password not in str(entry.changes)
    )
    user_disable(actor=admin, user=user, reason="Chuyển công tác")
    user.refresh_from_db()
    assert not user.is_active and role_of(user) is None
    assert AuditEntry.objects.filter(object_type="auth.user", reason="Chuyển công tác").exists()


def test_create_validation_messages(admin: Any) -> None:
    with pytest.raises(ValidationError) as exc:
        user_create(actor=admin, username="", role="reporter")
    assert exc.value.message_dict == {
        "username": ["Cần nhập tên đăng nhập."],
        "unit": ["Cán bộ báo cáo phải thuộc một đơn vị."],
    }
    with pytest.raises(ValidationError) as exc:
        user_create(actor=admin, username="quantri", role="chief", unit_code="khong-co")
    assert exc.value.message_dict == {
        "username": ["Tên đăng nhập “quantri” đã có."],
        "role": ["Vai trò không hợp lệ."],
        "unit": ["Không có đơn vị mã “khong-co”."],
    }


def test_only_the_administrator_manages_accounts(admin: Any, unit: OrgUnit) -> None:
    monitor, _ = user_create(actor=admin, username="theodoi", role=Role.MONITOR)
    with pytest.raises(NotAllowed, match="Chỉ quản trị hệ thống"):
        user_create(actor=monitor, username="x", role=Role.LEADER)
    with pytest.raises(NotAllowed):
        user_disable(actor=monitor, user=admin)
    with pytest.raises(NotAllowed, match="tự khóa"):
        user_disable(actor=admin, user=admin)


def test_password_change(client: Any, admin: Any) -> None:
    user, password = user_create(actor=admin, username="lanhdao", role=Role.LEADER)
    with pytest.raises(ValidationError) as exc:
        password_change(
            actor=user, old_password="sai", new_password="ngan", new_password_again="khac"
        )
    assert set(exc.value.message_dict) == {"old_password", "new_password_again"}
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": password, "new_password": "ngan", "new_password_again": "ngan"},
    )
    assert response.status_code == 400
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": password,
            "new_password": "Hoa-mai-no-2025",
            "new_password_again": "Hoa-mai-no-2025",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Hoa-mai-no-2025")
    assert client.get(reverse("accounts:password_change")).status_code == 200  # still logged in
    assert AuditEntry.objects.filter(
        object_type="auth.user", changes__password__isnull=False
    ).exists()


def test_failed_logins_are_throttled_with_a_clear_message(client: Any, admin: Any) -> None:
    _user, password = user_create(actor=admin, username="baocao", role=Role.LEADER)
    url = reverse("login")
    for _ in range(4):
        response = client.post(url, {"username": "baocao", "password": "sai-mat-khau"})
        assert response.status_code == 200
    locked = client.post(url, {"username": "baocao", "password": "sai-mat-khau"})
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "Tạm khóa đăng nhập" in text and "15 phút" in text
    # Even the right password is refused while locked.
    again = client.post(url, {"username": "baocao", "password": password})
    assert again.status_code == 429


def test_successful_login_works(client: Any, admin: Any) -> None:
    _user, password = user_create(actor=admin, username="lanhdao", role=Role.LEADER)
    response = client.post(reverse("login"), {"username": "lanhdao", "password": password})
    assert response.status_code == 302


def test_disabled_account_cannot_log_in(client: Any, admin: Any) -> None:
    user, password = user_create(actor=admin, username="cu", role=Role.LEADER)
    user_disable(actor=admin, user=user)
    response = client.post(reverse("login"), {"username": "cu", "password": password})
    assert response.status_code == 200  # the login form again


def test_user_command(unit: OrgUnit) -> None:
    out = StringIO()
    call_command(
        "user",
        "create",
        "baocao.stc",
        "--role",
        "reporter",
        "--unit",
        "so-tai-chinh",
        "--email",
        "x@y.vn",
        stdout=out,
    )
    assert "mật khẩu:" in out.getvalue()
    user = get_user_model().objects.get(username="baocao.stc")
    assert user.profile.unit == unit and user.email == "x@y.vn"
    with pytest.raises(CommandError, match="Không có đơn vị"):
        call_command("user", "create", "b", "--role", "reporter", "--unit", "khong-co", stdout=out)
    call_command("user", "disable", "baocao.stc", "--reason", "nghỉ", stdout=out)
    user.refresh_from_db()
    assert not user.is_active


def test_up_creates_the_demo_set_once(db: Any) -> None:
    from tiendo.ops.management.commands.init import report_setup
    from tiendo.ops.setup import instance_setup
    from tiendo.org.models import OrgUnit
    from tiendo.plans.coverage import plan_coverage
    from tiendo.plans.models import Assignment, Plan

    result = instance_setup(collect_static=False)
    names = [a.username for a in result.demo_accounts]
    assert names == ["theodoi", "lanhdao", "baocao.snn", "baocao.svhttdl", "baocao.btc"]
    users = {u.username: u for u in get_user_model().objects.filter(username__in=names)}
    assert users["theodoi"].profile.unit.code == "van-phong-tinh-uy"
    assert users["baocao.snn"].profile.unit.kind == "department"
    assert users["baocao.btc"].profile.unit.code == "ban-to-chuc-tinh-uy"
    leads = Assignment.objects.filter(role="lead", target__isnull=False)
    # Sở NN&PTNT merged into Sở NN&MT on 1/3/2025 (the built-in reorganisation): the demo
    # reporter and its targets belong to the unit that exists today
    assert users["baocao.snn"].profile.unit.code == "so-nong-nghiep-va-moi-truong"
    assert sorted(
        leads.filter(unit__code="so-nong-nghiep-va-moi-truong").values_list(
            "target__code", flat=True
        )
    ) == sorted(f"2.{n}" for n in range(2, 13))
    assert leads.filter(unit__code="so-van-hoa-the-thao-va-du-lich").count() == 10
    # handed on by the lead body of programs 2 and 3; Ban Tổ chức leads program 7 already
    assert set(leads.values_list("parent__unit__code", flat=True)) == {
        "ban-can-su-dang-uy-ban-nhan-dan-tinh"
    }
    coverage = plan_coverage(plan=Plan.objects.get())
    btc = OrgUnit.objects.get(code="ban-to-chuc-tinh-uy")
    assert [t.code for t in coverage.for_unit(btc.pk)[0]] == ["7.1", "7.2", "7.3", "7.4"]
    demo_ids = [str(pk) for pk in leads.values_list("pk", flat=True)]
    assert (
        AuditEntry.objects.filter(
            object_type="plans.assignment", action="create", object_id__in=demo_ids
        ).count()
        == 21
    )

    class Stub:
        stdout = StringIO()
        style = type("S", (), {"WARNING": staticmethod(str), "SUCCESS": staticmethod(str)})()

    report_setup(Stub(), result)  # type: ignore[arg-type]
    printed = Stub.stdout.getvalue()
    assert all(a.password in printed for a in result.demo_accounts)
    assert instance_setup(collect_static=False).demo_accounts == []  # only once


def test_the_admin_names_the_sign_in_lock_in_vietnamese(client: Any, admin: Any) -> None:
    """django-axes's section and models read in Vietnamese (its own words are English)."""
    client.force_login(admin)
    index = client.get("/admin/").content.decode()
    assert "Chống dò mật khẩu" in index
    assert "Lượt nhập sai mật khẩu" in index
    assert "Access attempts" not in index and ">Axes<" not in index
    AccessAttempt.objects.create(
        username="baocao", ip_address="10.0.0.9", user_agent="Firefox", failures_since_start=3
    )
    page = client.get("/admin/axes/accessattempt/").content.decode()
    assert "Địa chỉ IP" in page and "Tên đăng nhập" in page
    assert "IP Address" not in page
