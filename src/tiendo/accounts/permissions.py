"""Who may do what. Services call these helpers before they read or write; views only show
or hide buttons with the `can_*` answers, the services are what enforce.

- administrator: creates and disables accounts; reads everything (rounds, submissions, log).
- monitor (the office): opens rounds, reviews (returns / accepts), urges, reads the log.
- leader: reads everything, changes nothing.
- reporter: reads and changes only their own unit's submissions, evidence and notifications;
  hands on (delegates) what its own unit leads or coordinates.
- delegations: the office (monitor and administrator) for anything.

A superuser without a profile counts as an administrator; any other account without a profile
has no role here (it can read the plan pages only).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.utils.translation import gettext as _

from .models import Profile, Role

READ_ALL_ROLES = frozenset({Role.ADMINISTRATOR, Role.MONITOR, Role.LEADER})
OFFICE_ROLES = frozenset({Role.ADMINISTRATOR, Role.MONITOR})


class NotAllowed(PermissionDenied):
    """The actor may not do this. The message is Vietnamese and shown to the user (HTTP 403)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


def profile_of(user: Any) -> Profile | None:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    try:
        return user.profile
    except ObjectDoesNotExist:
        return None


def role_of(user: Any) -> str | None:
    profile = profile_of(user)
    if profile is not None:
        return str(profile.role)
    if (
        user is not None
        and getattr(user, "is_authenticated", False)
        and user.is_active
        and user.is_superuser
    ):
        return Role.ADMINISTRATOR
    return None


def unit_id_of(user: Any) -> int | None:
    profile = profile_of(user)
    return profile.unit_id if profile is not None else None


def can_manage_accounts(user: Any) -> bool:
    return role_of(user) == Role.ADMINISTRATOR


def can_monitor(user: Any) -> bool:
    """Open rounds, review, urge."""
    return role_of(user) == Role.MONITOR


def can_read_drafts(user: Any) -> bool:
    """Draft plans (imported, not yet approved) are the office's work: monitors and
    administrators see them; for everyone else a draft does not exist."""
    return role_of(user) in (Role.MONITOR, Role.ADMINISTRATOR)


def can_read_all(user: Any) -> bool:
    return role_of(user) in READ_ALL_ROLES


def can_read_audit(user: Any) -> bool:
    return role_of(user) in READ_ALL_ROLES


def can_read_unit(user: Any, unit_id: int) -> bool:
    if can_read_all(user):
        return True
    return role_of(user) == Role.REPORTER and unit_id_of(user) == unit_id


def can_edit_unit(user: Any, unit_id: int) -> bool:
    return role_of(user) == Role.REPORTER and unit_id_of(user) == unit_id


def can_manage_delegations(user: Any) -> bool:
    """The office: hand on anything, give a lead directly, resolve groups, end any delegation."""
    return role_of(user) in OFFICE_ROLES


def can_delegate_from(user: Any, unit_id: int | None) -> bool:
    """Hand on what the unit `unit_id` leads or coordinates: the office, or that unit's own
    reporter (a lead body hands its part on to its departments)."""
    if can_manage_delegations(user):
        return True
    return unit_id is not None and role_of(user) == Role.REPORTER and unit_id_of(user) == unit_id


def require_delegation_manager(user: Any) -> None:
    if not can_manage_delegations(user):
        raise NotAllowed(_("Chỉ Văn phòng (hoặc quản trị hệ thống) mới được làm việc này."))


def require_delegator(user: Any, unit_id: int | None) -> None:
    if not can_delegate_from(user, unit_id):
        raise NotAllowed(
            _(
                "Chỉ Văn phòng, hoặc cán bộ của chính đơn vị giao, mới được phân công tiếp phần "
                "việc của đơn vị đó."
            )
        )


def can_edit_plan(user: Any) -> bool:
    """Add, change and remove the plan's targets, tasks and breakthroughs (section II.4: the
    office prepares the Standing Committee's adjustments): monitors and administrators."""
    return role_of(user) in OFFICE_ROLES


def require_plan_editor(user: Any) -> None:
    if not can_edit_plan(user):
        raise NotAllowed(
            _("Chỉ Văn phòng (hoặc quản trị hệ thống) mới được bổ sung, điều chỉnh chương trình.")
        )


def require_accounts_admin(user: Any) -> None:
    if not can_manage_accounts(user):
        raise NotAllowed(_("Chỉ quản trị hệ thống mới được quản lý tài khoản."))


def require_monitor(user: Any) -> None:
    if not can_monitor(user):
        raise NotAllowed(
            _(
                "Chỉ Văn phòng (vai trò theo dõi, đôn đốc) mới được mở đợt, duyệt và đôn đốc báo cáo."
            )
        )


def require_read_all(user: Any) -> None:
    if not can_read_all(user):
        raise NotAllowed(_("Bạn không có quyền xem báo cáo của tất cả các đơn vị."))


def require_audit_reader(user: Any) -> None:
    if not can_read_audit(user):
        raise NotAllowed(_("Bạn không có quyền xem nhật ký thay đổi."))


def require_unit_reader(user: Any, unit_id: int) -> None:
    if not can_read_unit(user, unit_id):
        raise NotAllowed(_("Bạn chỉ được xem báo cáo của đơn vị mình."))


def require_unit_editor(user: Any, unit_id: int) -> None:
    if role_of(user) != Role.REPORTER:
        raise NotAllowed(_("Chỉ cán bộ báo cáo của đơn vị mới được nhập và gửi báo cáo."))
    if unit_id_of(user) != unit_id:
        raise NotAllowed(_("Bạn chỉ được nhập và gửi báo cáo của đơn vị mình."))


def require_authenticated(user: Any) -> None:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        raise NotAllowed(_("Bạn cần đăng nhập."))
