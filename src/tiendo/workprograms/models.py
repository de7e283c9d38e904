"""Yearly work programs (chương trình công tác năm) of the Executive and Standing Committees.

Section II.1.1 of the built-in plan: the Standing Committee makes the 7 programs concrete in the
yearly work program; II.3.2: the office prepares it and follows it. Each item is a row of the
office's table: content, the programs (targets, tasks) it serves, the body that prepares it, the
bodies that coordinate, the month or quarter it is due, who considers it, and what came of it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from tiendo.org.models import OrgUnit
from tiendo.plans.models import ImplementingDocument, Plan, Program, Target, Task


class ConsideringBody(models.TextChoices):
    EXECUTIVE = "bch", _("Ban Chấp hành")
    STANDING = "btv", _("Ban Thường vụ")
    PERMANENT = "tt", _("Thường trực")


class ItemOutcome(models.TextChoices):
    PENDING = "pending", _("Chưa có kết quả")
    ISSUED = "issued", _("Đã ban hành")
    POSTPONED = "postponed", _("Lùi thời gian")
    DROPPED = "dropped", _("Không thực hiện")


class WorkProgram(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="work_programs")
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.TextField(_("tên"), blank=True)
    source_name = models.CharField(_("tệp nguồn"), max_length=255, blank=True)
    loaded_at = models.DateTimeField(_("nạp lúc"))
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("chương trình công tác năm")
        verbose_name_plural = _("chương trình công tác năm")
        ordering = ["plan", "year"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "year"], name="workprogram_unique_year"),
            models.CheckConstraint(
                condition=Q(year__gte=1945, year__lte=2100), name="workprogram_year_range"
            ),
        ]

    def __str__(self) -> str:
        return f"Chương trình công tác năm {self.year}"


class WorkProgramItem(models.Model):
    work_program = models.ForeignKey(WorkProgram, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField(_("số thứ tự"))
    content = models.TextField(_("nội dung"))
    programs = models.ManyToManyField(
        Program, blank=True, related_name="work_program_items", verbose_name=_("chương trình")
    )
    targets = models.ManyToManyField(
        Target, blank=True, related_name="work_program_items", verbose_name=_("chỉ tiêu")
    )
    tasks = models.ManyToManyField(
        Task, blank=True, related_name="work_program_items", verbose_name=_("nhiệm vụ")
    )
    preparing_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("cơ quan chủ trì chuẩn bị"),
        on_delete=models.PROTECT,
        related_name="work_program_items",
    )
    coordinating_units = models.ManyToManyField(
        OrgUnit, blank=True, related_name="+", verbose_name=_("cơ quan phối hợp")
    )
    due_month = models.PositiveSmallIntegerField(_("tháng trình"), null=True, blank=True)
    due_quarter = models.PositiveSmallIntegerField(_("quý trình"), null=True, blank=True)
    considered_by = models.CharField(
        _("cấp xem xét"), max_length=8, choices=ConsideringBody.choices
    )
    outcome = models.CharField(
        _("kết quả"), max_length=16, choices=ItemOutcome.choices, default=ItemOutcome.PENDING
    )
    outcome_document = models.ForeignKey(
        ImplementingDocument,
        verbose_name=_("văn bản ban hành"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="work_program_items",
    )
    outcome_reason = models.TextField(_("lý do"), blank=True)
    outcome_recorded_at = models.DateTimeField(_("ghi kết quả lúc"), null=True, blank=True)
    outcome_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("nội dung chương trình công tác")
        verbose_name_plural = _("nội dung chương trình công tác")
        ordering = ["work_program", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["work_program", "number"], name="workprogramitem_unique_number"
            ),
            models.CheckConstraint(condition=~Q(content=""), name="workprogramitem_content"),
            # Due in a month or in a quarter, never both, never neither.
            models.CheckConstraint(
                condition=Q(due_month__gte=1, due_month__lte=12, due_quarter__isnull=True)
                | Q(due_month__isnull=True, due_quarter__gte=1, due_quarter__lte=4),
                name="workprogramitem_due_period",
            ),
            models.CheckConstraint(
                condition=Q(considered_by__in=[c.value for c in ConsideringBody]),
                name="workprogramitem_considered_by_valid",
            ),
            # Issued names the document; postponed and dropped give a reason; pending has neither.
            models.CheckConstraint(
                condition=Q(outcome="issued", outcome_document__isnull=False)
                | Q(outcome__in=["postponed", "dropped"], outcome_document__isnull=True)
                & ~Q(outcome_reason="")
                | Q(outcome="pending", outcome_document__isnull=True, outcome_reason=""),
                name="workprogramitem_outcome_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.content[:80]}"

    @property
    def due_label(self) -> str:
        """The due period as files write it (always Vietnamese)."""
        return period_label(month=self.due_month, quarter=self.due_quarter)

    @property
    def due_display(self) -> str:
        """The due period in the interface language."""
        return period_display(month=self.due_month, quarter=self.due_quarter)


ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def period_label(*, month: int | None, quarter: int | None) -> str:
    """“Tháng 3”, “Quý II”: how the office's table writes when an item is due."""
    if month is not None:
        return f"Tháng {month}"
    if quarter is not None:
        return f"Quý {ROMAN[quarter]}"
    return ""


def period_display(*, month: int | None, quarter: int | None) -> str:
    if month is not None:
        return gettext("Tháng %(m)s") % {"m": month}
    if quarter is not None:
        return pgettext("quarter", "Quý %(q)s") % {"q": ROMAN[quarter]}
    return ""
