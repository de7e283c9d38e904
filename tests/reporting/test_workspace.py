"""The unit workspace: the unit's submissions with returned ones first, and what it leads with
each target's evaluation."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tiendo.reporting.services import submission_return, submission_submit

from .conftest import BTC, sub_of


def test_workspace_lists_assigned_targets_with_their_status(
    client: Any, demo: dict[str, Any]
) -> None:
    client.force_login(demo["baocao.btc"])
    page = client.get(reverse("reporting:workspace")).content.decode()
    assert "Chỉ tiêu, nhiệm vụ đơn vị được giao chủ trì" in page
    for code in ("7.1", "7.2", "7.3", "7.4"):
        assert f"/targets/{code}/" in page
    assert "Mỗi năm 2021–2025" in page
    assert "Chưa có số liệu" in page


def test_returned_submission_comes_first(client: Any, demo: dict[str, Any], rnd: Any) -> None:
    from tiendo.reporting.services import round_open

    later = round_open(
        actor=demo["theodoi"],
        plan=demo["plan"],
        period_kind="year",
        year=2025,
        opens_on=rnd.opens_on,
        deadline=rnd.deadline.replace(year=2025),
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
