"""The navigation a signed-in person sees, by role."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tiendo.accounts import permissions as perms
from tiendo.core.sample import sample_data_present


@dataclass(frozen=True)
class NavItem:
    label: Any
    url: str
    key: str


def navigation(request: HttpRequest) -> dict[str, Any]:
    sample = sample_data_present()  # a file's existence, no query
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "sample_data": sample}
    role = perms.role_of(user)
    items = [NavItem(_("Chương trình hành động"), reverse("web:plan_list"), "plans")]
    if role == perms.Role.REPORTER:
        items.append(NavItem(_("Việc của đơn vị"), reverse("reporting:workspace"), "workspace"))
    if role in perms.READ_ALL_ROLES:
        items.append(NavItem(_("Đợt báo cáo"), reverse("reporting:round_list"), "rounds"))
    if role in perms.READ_ALL_ROLES or role == perms.Role.REPORTER:
        items.append(NavItem(_("Văn bản triển khai"), reverse("web:register_home"), "register"))
    if role in perms.READ_ALL_ROLES:
        items.append(
            NavItem(_("Chương trình công tác"), reverse("workprograms:home"), "workprograms")
        )
    if role == perms.Role.MONITOR:
        items.append(NavItem(_("Nhập chương trình"), reverse("importer:upload"), "import"))
    if perms.can_read_audit(user):
        items.append(NavItem(_("Nhật ký"), reverse("reporting:audit_list"), "audit"))
    if role == perms.Role.ADMINISTRATOR:
        items.append(NavItem(_("Người dùng"), reverse("accounts:user_list"), "users"))
    items.append(NavItem(_("Thông báo"), reverse("reporting:notifications"), "notifications"))
    return {"nav_items": items, "sample_data": sample}
