"""The audit log reads as the rest of the interface: names of things, not codes and ids; labels
of choices; figures of both kinds as "Số liệu"; a constant number of queries per page."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from tiendo.audit.services import audit_record
from tiendo.indicators.models import Indicator
from tiendo.org.models import OrgUnit

from .conftest import BTC, SNN, sub_of

pytestmark = pytest.mark.django_db


def page_of(client: Any, user: Any, **params: str) -> str:
    client.force_login(user)
    response = client.get(reverse("reporting:audit_list"), params)
    assert response.status_code == 200
    return response.content.decode()


def body_of(page: str) -> str:
    return page.split("<tbody>")[1].split("</tbody>")[0]


def test_entries_show_names_and_labels_not_codes_and_ids(client, demo, rnd):
    page = page_of(client, demo["theodoi"], object_type="auth.user")
    body = body_of(page)
    assert "auth.user" not in body and "#" not in body
    assert "Người dùng:</span> baocao.btc" in body
    assert "<b>Tên đăng nhập</b>: baocao.btc" in body
    assert "<b>Vai trò</b>: Cán bộ báo cáo của đơn vị" in body, "a choice by its label"
    assert "<b>Đơn vị</b>: Ban Tổ chức Tỉnh ủy" in body, "a unit by its name, not its code"
    assert "reporter" not in body and BTC not in body and "username" not in body

    assignments = body_of(page_of(client, demo["theodoi"], object_type="plans.assignment"))
    assert "plans.assignment" not in assignments
    assert re.search(r"Phân công:</span> [^<]+ – Chủ trì – chỉ tiêu \d+\.\d+", assignments)
    assert "<b>Vai trò</b>: Chủ trì" in assignments
    assert re.search(r"<b>Phạm vi</b>: chỉ tiêu \d+\.\d+", assignments)
    # Delegated from a unit: the unit's name, not its code.
    assert "<b>Giao từ</b>: Ban cán sự đảng" in assignments
    assert "ban-can-su" not in assignments
    assert "<b>Căn cứ phân công</b>:" in assignments
    assert "<b>Từ ngày</b>: —" not in assignments, "an empty field of a new object is not shown"
    assert "– target" not in assignments and ">Unit<" not in assignments
    assert ">Scope<" not in assignments and ">Basis<" not in assignments

    rounds = body_of(page_of(client, demo["theodoi"], object_type="reporting.reportinground"))
    assert "<b>Hạn nộp</b>: 20/12/2024" in rounds or "<b>Hạn</b>: 20/12/2024" in rounds
    assert "2024-12-20" not in rounds, "dates the Vietnamese way"
    assert "Ban Tổ chức Tỉnh ủy" in rounds and BTC not in rounds


def test_figures_of_both_kinds_read_number_and_filter_together(client, demo, rnd):
    target = demo["plan"].targets.get(code="7.1")
    for object_type in ("reporting.figure", "indicators.figure"):
        audit_record(
            actor=demo["theodoi"],
            action="create",
            object_type=object_type,
            object_id="1",
            object_label="Chỉ tiêu 7.1 năm 2024",
            changes={
                "value": {"before": None, "after": "2100.5"},
                "figure_type": {"before": None, "after": "official"},
            },
            plan_code=demo["plan"].code,
        )
    audit_record(
        actor=demo["theodoi"],
        action="update",
        obj=target,
        changes={"indicator_ref": {"before": None, "after": target.indicator_ref.code}},
        plan_code=demo["plan"].code,
    )
    page = page_of(client, demo["theodoi"], object_type="indicators.figure")
    options = re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', page.split("f-type")[2])
    assert ("indicators.figure", "Số liệu") in options
    assert not any(value == "reporting.figure" for value, _ in options), "one choice for both"
    body = body_of(page)
    assert body.count("Số liệu:</span> Chỉ tiêu 7.1 năm 2024") == 2
    assert "<b>Giá trị</b>: 2.100,5" in body and "<b>Loại số liệu</b>: Số chính thức" in body
    assert "reporting.figure" not in body and "indicators.figure" not in body
    targets = body_of(page_of(client, demo["theodoi"], object_type="plans.target"))
    indicator = Indicator.objects.get(code=target.indicator_ref.code)
    assert f"<b>Chỉ số</b>: — → {indicator.name}" not in targets, "nothing before: only after"
    assert f"<b>Chỉ số</b>: {indicator.name}" in targets, "an indicator by its name"


def test_the_page_reads_names_in_a_constant_number_of_queries(
    client, demo, rnd, django_assert_num_queries
):
    client.force_login(demo["theodoi"])
    url = reverse("reporting:audit_list")
    sub = sub_of(rnd, SNN)

    def add(n: int) -> None:
        for i in range(n):
            unit = OrgUnit.objects.create(
                code=f"dv-{n}-{i}", name=f"Đơn vị {n}-{i}", kind="department"
            )
            audit_record(
                actor=demo["theodoi"],
                action="create",
                object_type="reporting.evidence",
                object_id=str(i),
                object_label=f"bien-ban-{i}.pdf",
                changes={
                    "submission": {"before": None, "after": sub.pk},
                    "size": {"before": None, "after": 1017 + i},
                    "units": {"before": None, "after": [unit.code, BTC]},
                },
            )

    add(2)
    client.get(url)
    with django_assert_num_queries(8):
        first = client.get(url).content.decode()
    add(40)
    with django_assert_num_queries(8):
        second = client.get(url).content.decode()
    assert "Đơn vị 40-39" in second and "Đơn vị 2-1" in first
    assert f"{sub.unit.name} — {rnd.period_label()}" in second, "a submission by its name"
    assert "<b>Dung lượng</b>: 1,0 KB" in second
