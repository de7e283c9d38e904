"""Reviewer assessments of qualitative targets (and of maintain targets without a number)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tiendo.plans.models import Plan, Target


class AssessmentStatus(models.TextChoices):
    EXCEEDED = "exceeded", _("Vượt")
    ACHIEVED = "achieved", _("Đạt")
    NOT_ACHIEVED = "not_achieved", _("Không đạt")
    ON_TRACK = "on_track", _("Có khả năng đạt")
    AT_RISK = "at_risk", _("Khó đạt")


class Assessment(models.Model):
    target = models.ForeignKey(Target, on_delete=models.PROTECT, related_name="assessments")
    year = models.PositiveSmallIntegerField(_("năm đánh giá"))
    status = models.CharField(_("đánh giá"), max_length=16, choices=AssessmentStatus.choices)
    reasons = models.TextField(_("lý do, căn cứ"))
    assessed_at = models.DateTimeField(_("thời điểm"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("đánh giá định tính")
        verbose_name_plural = _("đánh giá định tính")
        ordering = ["target", "assessed_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(reasons=""), name="assessment_has_reasons"),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in AssessmentStatus]),
                name="assessment_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.target.code} {self.year}: {self.get_status_display()}"


def closure_file_path(instance: PlanClosure, filename: str) -> str:
    return f"ket-thuc-nhiem-ky/{instance.plan.code}/{filename}"


class PlanClosure(models.Model):
    """The end of a plan's term: its evaluation as of the last year, frozen with the fingerprint
    of the inputs it rested on, the final report file, and the signed report once attached.
    Figures may still be corrected later (audited); pages show the frozen verdict beside any
    verdict a correction has since changed."""

    plan = models.OneToOneField(Plan, on_delete=models.PROTECT, related_name="closure")
    closed_on = models.DateField(_("ngày kết thúc"))
    as_of_year = models.PositiveSmallIntegerField(_("đánh giá đến năm"))
    decision_ref = models.CharField(_("văn bản quyết định"), max_length=200, blank=True)
    reason = models.TextField(_("lý do, căn cứ"))
    inputs_fingerprint = models.CharField(_("dấu vân tay dữ liệu đầu vào"), max_length=64)
    evaluations = models.JSONField(_("kết quả đánh giá khi kết thúc"))
    counts = models.JSONField(_("số chỉ tiêu theo kết quả"))
    report_file = models.FileField(
        _("báo cáo tổng kết"), upload_to=closure_file_path, max_length=300, blank=True
    )
    signed_report = models.FileField(
        _("báo cáo đã ký"), upload_to=closure_file_path, max_length=300, blank=True
    )
    signed_report_name = models.CharField(_("tên tệp báo cáo đã ký"), max_length=255, blank=True)
    closed_at = models.DateTimeField(_("ghi nhận lúc"))
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("kết thúc nhiệm kỳ")
        verbose_name_plural = _("kết thúc nhiệm kỳ")
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="closure_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.plan.code}: kết thúc {self.closed_on:%d/%m/%Y}"

    def frozen(self, code: str) -> dict[str, Any] | None:
        """The frozen evaluation of one target (its `to_dict()` as stored)."""
        for item in self.evaluations:
            if item.get("code") == code:
                return dict(item)
        return None
