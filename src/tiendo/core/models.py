"""Models every layer may use."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class IdempotencyRecord(models.Model):
    """A write already processed for this user and client key, with the answer it got.
    (The table keeps the name it had in the `api` app: the model moved, its rows did not.)"""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(_("khóa"), max_length=200)
    request_hash = models.CharField(_("mã băm yêu cầu"), max_length=64)
    status_code = models.PositiveSmallIntegerField()
    response = models.JSONField()
    created_at = models.DateTimeField()

    class Meta:
        db_table = "api_idempotencyrecord"
        verbose_name = _("khóa chống lặp")
        verbose_name_plural = _("khóa chống lặp")
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_unique_key"),
        ]

    def __str__(self) -> str:
        return self.key
