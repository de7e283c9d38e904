"""Accounts: each person has a Django user and a profile that says which org unit they belong
to and which role they have. There is no self-sign-up: the administrator creates accounts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tiendo.org.models import OrgUnit


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Quản trị hệ thống")
    MONITOR = "monitor", _("Theo dõi, đôn đốc (Văn phòng)")
    LEADER = "leader", _("Lãnh đạo (chỉ xem)")
    REPORTER = "reporter", _("Cán bộ báo cáo của đơn vị")


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="profiles",
    )
    role = models.CharField(_("vai trò"), max_length=16, choices=Role.choices)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("hồ sơ tài khoản")
        verbose_name_plural = _("hồ sơ tài khoản")
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=[r.value for r in Role]), name="profile_role_valid"
            ),
            # A reporter always belongs to a unit: the unit is what they report for.
            models.CheckConstraint(
                condition=~Q(role="reporter") | Q(unit__isnull=False),
                name="profile_reporter_has_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user.get_username()} ({self.get_role_display()})"
