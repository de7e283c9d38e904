"""The audit log: who changed what, when, and why. Append-only."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    CREATE = "create", _("Tạo mới")
    UPDATE = "update", _("Sửa đổi")
    DELETE = "delete", _("Xóa")
    STATE = "state", _("Chuyển trạng thái")
    SEND = "send", _("Gửi")
    LOGIN = "login", _("Đăng nhập")


class AuditEntry(models.Model):
    at = models.DateTimeField(_("thời điểm"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_label = models.CharField(_("người thực hiện (ghi nhận)"), max_length=150)
    action = models.CharField(_("hành động"), max_length=16, choices=AuditAction.choices)
    object_type = models.CharField(_("loại đối tượng"), max_length=64, db_index=True)
    object_id = models.CharField(_("mã đối tượng"), max_length=64)
    object_label = models.CharField(_("đối tượng"), max_length=300)
    plan_code = models.CharField(
        _("chương trình hành động"), max_length=64, blank=True, db_index=True
    )
    changes = models.JSONField(_("trước / sau"), default=dict, blank=True)
    reason = models.TextField(_("lý do"), blank=True)

    class Meta:
        verbose_name = _("mục nhật ký")
        verbose_name_plural = _("nhật ký thay đổi")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="audit_object_idx"),
            # A plan's pages read the latest entry about it of some kinds (its stamp, on every
            # page): found in this index rather than by walking the log backwards.
            models.Index(fields=["plan_code", "object_type", "id"], name="audit_plan_kind_idx"),
            # ... and the latest entry of a kind about no one plan (units, accounts, targets
            # anywhere): one probe, however many entries of other kinds came after it
            models.Index(fields=["object_type", "id"], name="audit_kind_id_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_label} {self.get_action_display()} {self.object_label}"
