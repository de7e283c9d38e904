"""Organisational units: party bodies, state bodies, departments, districts, communes.

Units change over time (communes merge, the district level was abolished on 1 July 2025):
each unit has validity dates and links to its successors. History is never rewritten: an
abolished unit keeps its rows, figures and assignments, and points to the units that took over.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class OrgUnitKind(models.TextChoices):
    PARTY_EXECUTIVE = "party_executive", _("Ban Chấp hành Đảng bộ")
    STANDING_COMMITTEE = "standing_committee", _("Ban Thường vụ")
    PARTY_COMMITTEE = "party_committee", _("Cấp ủy (huyện ủy, thành ủy, đảng ủy)")
    PARTY_DELEGATION = "party_delegation", _("Ban cán sự đảng, đảng đoàn")
    PARTY_BOARD = "party_board", _("Ban đảng")
    INSPECTION_COMMISSION = "inspection_commission", _("Ủy ban Kiểm tra")
    OFFICE = "office", _("Văn phòng")
    NA_DELEGATION = "na_delegation", _("Đoàn đại biểu Quốc hội")
    PEOPLES_COUNCIL = "peoples_council", _("Hội đồng nhân dân")
    PEOPLES_COMMITTEE = "peoples_committee", _("Ủy ban nhân dân")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    FRONT = "front", _("Mặt trận Tổ quốc")
    MASS_ORGANIZATION = "mass_organization", _("Tổ chức chính trị - xã hội")
    ARMED_FORCES = "armed_forces", _("Lực lượng vũ trang")
    PROVINCE = "province", _("Tỉnh")
    DISTRICT = "district", _("Huyện, thành phố")
    COMMUNE = "commune", _("Xã")
    WARD = "ward", _("Phường")
    TOWNSHIP = "township", _("Thị trấn")
    GROUP = "group", _("Nhóm cơ quan")
    OTHER = "other", _("Khác")

    @classmethod
    def state_kinds(cls) -> frozenset[str]:
        """Kinds whose documents follow Nghị định 30/2020 (state bodies), not Party rules."""
        return frozenset(
            {
                cls.PEOPLES_COUNCIL,
                cls.PEOPLES_COMMITTEE,
                cls.DEPARTMENT,
                cls.PROVINCE,
                cls.DISTRICT,
                cls.COMMUNE,
                cls.WARD,
                cls.TOWNSHIP,
            }
        )


class OrgUnit(models.Model):
    code = models.SlugField(_("mã"), max_length=80, unique=True)
    name = models.CharField(_("tên"), max_length=300)
    short_name = models.CharField(_("tên ngắn"), max_length=120, blank=True)
    kind = models.CharField(_("loại"), max_length=32, choices=OrgUnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("trực thuộc"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
                name="orgunit_valid_range",
            ),
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="orgunit_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name


class SuccessionKind(models.TextChoices):
    MERGE = "merge", _("Hợp nhất, sáp nhập")
    SPLIT = "split", _("Chia tách")
    RENAME = "rename", _("Đổi tên")
    TRANSFER = "transfer", _("Chuyển giao nhiệm vụ")


class OrgUnitSuccession(models.Model):
    """`successor` took over (part of) `predecessor` on `effective_date`."""

    predecessor = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        related_name="successions_out",
        verbose_name=_("đơn vị cũ"),
    )
    successor = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        related_name="successions_in",
        verbose_name=_("đơn vị kế thừa"),
    )
    kind = models.CharField(_("hình thức"), max_length=16, choices=SuccessionKind.choices)
    effective_date = models.DateField(_("ngày hiệu lực"))
    legal_basis = models.CharField(_("căn cứ"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("kế thừa đơn vị")
        verbose_name_plural = _("kế thừa đơn vị")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="succession_unique_pair"
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=F("successor")), name="succession_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"
