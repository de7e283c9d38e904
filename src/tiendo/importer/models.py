"""An imported document: the source text and what the parser proposed from it, kept beside the
draft plan so that a reviewer sees every item next to the sentence it came from."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tiendo.plans.models import Plan


class ImportedDocument(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="imports")
    filename = models.CharField(_("tên tệp"), max_length=255)
    text = models.TextField(_("nội dung văn bản"))
    proposal = models.JSONField(_("đề xuất của bộ đọc"))
    unparsed = models.JSONField(_("dòng chưa hiểu"), default=list)
    warnings = models.JSONField(_("lưu ý"), default=list)
    uploaded_at = models.DateTimeField(_("tải lên lúc"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("văn bản đã nhập")
        verbose_name_plural = _("văn bản đã nhập")
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.filename} → {self.plan.code}"
