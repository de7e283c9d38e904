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


class ApiToken(models.Model):
    """A personal API token: only its SHA-256 is stored; the token itself is shown once.
    (The table keeps the name it had in the `api` app: the model moved, its rows did not.)"""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("tên gợi nhớ"), max_length=120, blank=True)
    prefix = models.CharField(_("đầu mã"), max_length=12)
    key_hash = models.CharField(_("mã băm SHA-256"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("tạo lúc"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)

    class Meta:
        db_table = "api_apitoken"
        verbose_name = _("mã truy cập API")
        verbose_name_plural = _("mã truy cập API")
        ordering = ["user", "-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name or self.user})"

    @property
    def active(self) -> bool:
        return self.revoked_at is None
