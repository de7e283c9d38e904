"""Reviewer assessments of qualitative targets (and of maintain targets without a number)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tiendo.plans.models import Target


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
