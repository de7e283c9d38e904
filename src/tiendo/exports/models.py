"""The saved draft of a results report: what the monitoring office edits before export."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tiendo.plans.models import Plan


class ReportDraft(models.Model):
    """The editable parts of one report (a plan as of a year): the header (number, place,
    date, signer, recipients) and the narrative sections. A section left empty is generated
    from the evaluation when the report is built."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="report_drafts")
    as_of_year = models.PositiveSmallIntegerField(_("năm đánh giá"))
    number = models.CharField(_("số, ký hiệu"), max_length=64, blank=True)
    place = models.CharField(_("địa danh"), max_length=120, blank=True)
    date = models.DateField(_("ngày báo cáo"), null=True, blank=True)
    signer_authority = models.CharField(_("thẩm quyền ký"), max_length=200, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=200, blank=True)
    signer_name = models.CharField(_("họ tên người ký"), max_length=200, blank=True)
    recipients = models.TextField(_("nơi nhận"), blank=True)
    sections = models.JSONField(_("nội dung đã sửa"), default=dict, blank=True)
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    updated_at = models.DateTimeField(_("sửa lúc"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("dự thảo báo cáo")
        verbose_name_plural = _("dự thảo báo cáo")
        ordering = ["plan", "-as_of_year"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "as_of_year"], name="reportdraft_unique_year"),
            models.CheckConstraint(
                condition=Q(as_of_year__gte=1945, as_of_year__lte=2100),
                name="reportdraft_year_sane",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan.code} – {self.as_of_year}"
