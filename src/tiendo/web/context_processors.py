"""The navigation a signed-in person sees, by role, with the item of the current page marked."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from tiendo.accounts import permissions as perms
from tiendo.core.sample import sample_data_present


@dataclass(frozen=True)
class NavItem:
    label: Any
    url: str
    key: str
    current: bool = False


# Which pages belong to which item, by resolved URL name ("namespace:name"; "namespace:*" is
# every page of the namespace). The first item that claims a page is marked, so a page is never
# claimed twice; a submission belongs to the unit's work for a reporter, to the rounds for others.
SECTIONS: dict[str, tuple[str, ...]] = {
    "plans": ("web:*", "exports:report"),
    "workspace": (
        "reporting:workspace",
        "reporting:submission",
        "reporting:review",
        "exports:entry_upload",
    ),
    "rounds": (
        "reporting:round_list",
        "reporting:round_create",
        "reporting:round_detail",
        "reporting:round_urge",
        "reporting:submission",
        "reporting:review",
        "exports:entry_upload",
    ),
    "import": ("importer:*",),
    "audit": ("reporting:audit_list",),
    "users": ("accounts:user_list", "accounts:user_create", "accounts:user_disable"),
    "notifications": ("reporting:notifications",),
}


def _claims(key: str, view_name: str) -> bool:
    namespace = view_name.split(":", 1)[0]
    return any(
        view_name == pattern or pattern == f"{namespace}:*" for pattern in SECTIONS.get(key, ())
    )


def current_section(*, view_name: str, keys: list[str]) -> str | None:
    """The key of the item a page belongs to, among the items shown (None for pages of no
    item, such as the password change)."""
    return next((key for key in keys if _claims(key, view_name)), None)


def _notifications_label(user: Any) -> Any:
    """“Thông báo” with the number unread, read with the user (tiendo.web.auth): no query."""
    unread = getattr(user, "unread_notifications", 0) or 0
    if not unread:
        return _("Thông báo")
    return format_html(
        '{} <span class="count">{}<span class="sr-only"> {}</span></span>',
        _("Thông báo"),
        unread,
        ngettext("thông báo chưa đọc", "thông báo chưa đọc", unread),
    )


def navigation(request: HttpRequest) -> dict[str, Any]:
    sample = sample_data_present()  # a file's existence, no query
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "sample_data": sample}
    role = perms.role_of(user)
    items = [
        NavItem(_("Chương trình hành động"), reverse("web:plan_list"), "plans"),
        NavItem(pgettext_lazy("plural", "Chỉ số"), reverse("web:indicator_list"), "indicators"),
    ]
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
    items.append(
        NavItem(_notifications_label(user), reverse("reporting:notifications"), "notifications")
    )
    match = getattr(request, "resolver_match", None)
    current = (
        current_section(view_name=match.view_name, keys=[i.key for i in items])
        if match is not None
        else None
    )
    return {
        "nav_items": [replace(i, current=True) if i.key == current else i for i in items],
        "sample_data": sample,
    }
