"""Indicators (chỉ số) and their accepted figures (số liệu).

An `Indicator` is a measured quantity that outlives any one plan: "Tỷ lệ che phủ rừng",
"Tốc độ tăng trưởng GRDP". Targets of every plan refer to the indicator they set a level for,
so the series continues from one term to the next.

A `Figure` is an accepted value of an indicator for a year (or a period of years) and the area
it describes (the province by default; a commune where that is what was reported). One accepted
figure serves every target, in every plan, that uses its indicator in its area. Figures are never
overwritten: a correction is a new Figure that points to the one it corrects, with its reason;
the latest official figure of a year wins, then the latest published (reported) one, then the
latest estimate.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tiendo.org.models import OrgUnit


class Indicator(models.Model):
    code = models.SlugField(_("mã"), max_length=100, unique=True)
    name = models.CharField(_("tên chỉ số"), max_length=300)
    unit = models.CharField(_("đơn vị tính"), max_length=120, blank=True)
    definition = models.TextField(_("khái niệm, phương pháp tính"), blank=True)
    source = models.CharField(_("nguồn số liệu"), max_length=300, blank=True)
    national_code = models.CharField(
        _("mã trong hệ thống chỉ tiêu thống kê quốc gia"), max_length=32, blank=True
    )
    synonyms = models.JSONField(_("tên gọi khác trong văn bản"), default=list, blank=True)

    class Meta:
        verbose_name = _("chỉ số")
        verbose_name_plural = _("chỉ số")
        ordering = ["name", "code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})" if self.unit else self.name


class FigureType(models.TextChoices):
    ESTIMATE = "estimate", _("Ước thực hiện")
    REPORTED = "reported", _("Số liệu công bố")
    OFFICIAL = "official", _("Số chính thức")


class Qualifier(models.TextChoices):
    EXACT = "exact", _("Chính xác")
    MORE_THAN = "more_than", _("Hơn")
    ABOUT = "about", _("Khoảng")


class Figure(models.Model):
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("chỉ số"), on_delete=models.PROTECT, related_name="figures"
    )
    area = models.ForeignKey(
        OrgUnit,
        verbose_name=_("địa bàn"),
        on_delete=models.PROTECT,
        related_name="figures",
        help_text=_("Địa bàn mà số liệu mô tả (tỉnh; xã, phường nếu số liệu của xã, phường)."),
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    from_year = models.PositiveSmallIntegerField(
        _("từ năm"),
        null=True,
        blank=True,
        help_text=_("Số liệu của cả giai đoạn (từ năm … đến năm): bình quân, lũy kế."),
    )
    value = models.DecimalField(_("giá trị"), max_digits=20, decimal_places=6)
    figure_type = models.CharField(_("loại số liệu"), max_length=16, choices=FigureType.choices)
    qualifier = models.CharField(
        _("mức chính xác"), max_length=16, choices=Qualifier.choices, default=Qualifier.EXACT
    )
    source = models.TextField(_("nguồn, phương pháp"), blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    reported_by = models.ForeignKey(
        OrgUnit,
        verbose_name=_("đơn vị báo cáo"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reported_figures",
    )
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
        verbose_name = _("số liệu")
        verbose_name_plural = _("số liệu")
        ordering = ["indicator", "area", "year", "id"]
        indexes = [
            models.Index(fields=["indicator", "area", "year"], name="figure_series_idx"),
        ]
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
            models.CheckConstraint(
                condition=Q(from_year__isnull=True)
                | Q(from_year__gte=1945, from_year__lt=F("year")),
                name="figure_period_order",
            ),
        ]

    def __str__(self) -> str:
        years = f"{self.from_year}–{self.year}" if self.from_year else str(self.year)
        return f"{self.indicator.name} {years}: {self.value} ({self.get_figure_type_display()})"

    @property
    def period_label(self) -> str:
        return f"{self.from_year}–{self.year}" if self.from_year else str(self.year)
