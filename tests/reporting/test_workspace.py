"""The unit workspace: the unit's submissions with returned ones first, and what it leads with
each target's evaluation."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from tiendo.org.models import OrgUnit
from tiendo.plans.models import Task
from tiendo.plans.services import delegation_create
from tiendo.reporting.services import round_open, submission_return, submission_submit

from .conftest import BTC, SNN, sub_of


def text(response: Any) -> str:
    return response.content.decode()


def test_workspace_lists_assigned_targets_with_their_status(
    client: Any, demo: dict[str, Any]
) -> None:
    client.force_login(demo["baocao.btc"])
    page = client.get(reverse("reporting:workspace")).content.decode()
    assert "Chỉ tiêu, nhiệm vụ đơn vị báo cáo" in page
    for code in ("7.1", "7.2", "7.3", "7.4"):
        assert f"/targets/{code}/" in page
    assert "Mỗi năm 2021–2025" in page
    assert "Chưa có số liệu" in page


def test_workspace_shows_for_whom_and_what_was_handed_on(
    client: Any, demo: dict[str, Any], rnd: Any
) -> None:
    """Ban Tổ chức hands task NV7.1 on to the agriculture department: the department sees it
    with its chain; Ban Tổ chức sees whom it handed it to and the department's submission."""
    plan = demo["plan"]
    btc, snn = OrgUnit.objects.get(code=BTC), OrgUnit.objects.get(code=SNN)
    delegation_create(
        actor=demo["baocao.btc"],
        plan=plan,
        from_unit=btc,
        to_units=[snn],
        role="lead",
        tasks=[Task.objects.get(plan=plan, code="NV7.1")],
        valid_from=dt.date(2024, 1, 1),
        basis_text="Kế hoạch 12-KH/BTCTU",
    )
    later = round_open(
        actor=demo["theodoi"],
        plan=plan,
        period_kind="half",
        number=2,
        year=2024,
        opens_on=dt.date(2024, 12, 1),
        deadline=dt.date(2024, 12, 20),
        uncovered_ok=True,
    )
    assert [t.task.code for t in sub_of(later, SNN).tasks.all()] == ["NV7.1"]
    assert "NV7.1" not in [t.task.code for t in sub_of(later, BTC).tasks.all()]
    client.force_login(demo["baocao.snn"])
    page = text(client.get(reverse("reporting:workspace")))
    assert "NV7.1" in page and "BTCTU</span> → <span" in page
    client.force_login(demo["baocao.btc"])
    page = text(client.get(reverse("reporting:workspace")))
    assert "Đơn vị đã giao tiếp" in page
    assert f"/bao-cao/{sub_of(later, SNN).pk}/" in page
    assert f"/bao-cao/{sub_of(rnd, SNN).pk}/" not in page, "that round did not ask for NV7.1"


def test_returned_submission_comes_first(client: Any, demo: dict[str, Any], rnd: Any) -> None:
    later = round_open(
        actor=demo["theodoi"],
        plan=demo["plan"],
        period_kind="year",
        year=2025,
        opens_on=rnd.opens_on,
        deadline=rnd.deadline.replace(year=2025),
        uncovered_ok=True,
    )
    submission = sub_of(rnd, BTC)
    submission = submission_submit(
        actor=demo["baocao.btc"], submission=submission, version=submission.version
    )
    submission_return(
        actor=demo["theodoi"],
        submission=submission,
        version=submission.version,
        reason="Thiếu nguồn số liệu.",
    )
    client.force_login(demo["baocao.btc"])
    page = client.get(reverse("reporting:workspace")).content.decode()
    returned_at = page.index(f"/bao-cao/{submission.pk}/")
    other_at = page.index(f"/bao-cao/{sub_of(later, BTC).pk}/")
    assert returned_at < other_at
    assert "Thiếu nguồn số liệu." in page
