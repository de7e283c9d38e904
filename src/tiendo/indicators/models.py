"""Figures (số liệu): the accepted figures that feed the evaluation.

A `Figure` is an accepted figure. Figures are never overwritten: a correction is a new Figure that
points to the one it corrects, with its reason; the latest official figure of a year wins, then the
latest published (reported) one, then the latest estimate.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tiendo.plans.models import Target


class FigureType(models.TextChoices):
    ESTIMATE = "estimate", _("Ước thực hiện")
    REPORTED = "reported", _("Số liệu công bố")
    OFFICIAL = "official", _("Số chính thức")


class Qualifier(models.TextChoices):
    EXACT = "exact", _("Chính xác")
    MORE_THAN = "more_than", _("Hơn")
    ABOUT = "about", _("Khoảng")


class Figure(models.Model):
    target = models.ForeignKey(Target, on_delete=models.PROTECT, related_name="figures")
    year = models.PositiveSmallIntegerField(_("năm"))
    value = models.DecimalField(_("giá trị"), max_digits=20, decimal_places=6)
    figure_type = models.CharField(_("loại số liệu"), max_length=16, choices=FigureType.choices)
    qualifier = models.CharField(
        _("mức chính xác"), max_length=16, choices=Qualifier.choices, default=Qualifier.EXACT
    )
    source = models.TextField(_("nguồn, phương pháp"), blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("đính chính cho"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
    )
    correction_reason = models.TextField(_("lý do đính chính"), blank=True)
    accepted_at = models.DateTimeField(_("chấp nhận lúc"))
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người chấp nhận"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        db_table = "reporting_figure"  # moved from the reporting app; the table kept its name
        verbose_name = _("số liệu")
        verbose_name_plural = _("số liệu")
        ordering = ["target", "year", "id"]
        indexes = [models.Index(fields=["target", "year"], name="figure_target_year_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(figure_type__in=[t.value for t in FigureType]), name="figure_type_valid"
            ),
            models.CheckConstraint(
                condition=Q(qualifier__in=[q.value for q in Qualifier]),
                name="figure_qualifier_valid",
            ),
            models.CheckConstraint(
                condition=Q(corrects__isnull=True) | ~Q(correction_reason=""),
                name="figure_correction_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1945, year__lte=2100), name="figure_year_sane"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.target.code} {self.year}: {self.value} ({self.get_figure_type_display()})"
