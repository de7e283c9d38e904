"""The dashboard's round panel (issue 14, item 1): the office and leaders see, for each open
round, who sent, who has not, who was returned and who is late (with days overdue), each unit
linking to its report; a reporter does not see it; its queries do not grow with units."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from tiendo.reporting.services import (
    round_close,
    round_open,
    submission_return,
    submission_submit,
)

from .conftest import BTC, SNN, SVH, sub_of

pytestmark = pytest.mark.django_db


def _panel(html: str) -> str:
    start = html.find('class="card round-panel"')
    return "" if start < 0 else html[start : html.index("</section>", start)]


def test_the_panel_shows_who_is_late_and_links_each_report(
    client: Any, demo: dict[str, Any], rnd: Any
) -> None:
    office = demo["theodoi"]
    btc = submission_submit(
        actor=demo["baocao.btc"], submission=sub_of(rnd, BTC), version=sub_of(rnd, BTC).version
    )
    svh = sub_of(rnd, SVH)
    svh = submission_submit(actor=demo["baocao.svhttdl"], submission=svh, version=svh.version)
    submission_return(actor=office, submission=svh, version=svh.version, reason="Thiếu 3.1")
    snn = sub_of(rnd, SNN)
    url = reverse("web:plan_detail", args=[demo["plan"].code])
    for user in ("theodoi", "lanhdao"):
        client.force_login(demo[user])
        panel = _panel(client.get(url).content.decode())
        assert "Đợt báo cáo Năm 2024" in panel and "hạn 20/12/2024" in panel
        total = rnd.submissions.count()
        assert f"<strong>1/{total}</strong> đơn vị đã gửi" in panel
        assert f"<strong>{total - 2}</strong> chưa gửi" in panel
        assert "<strong>1</strong> bị trả lại" in panel
        days = (timezone.localdate() - rnd.deadline).days
        assert f"đã quá hạn {days} ngày" in panel
        assert f"<strong>{total - 1}</strong> quá hạn" in panel
        for sub in (snn, svh, btc):
            assert reverse("reporting:submission", args=[sub.pk]) in panel
        owing = panel[panel.index("Chưa gửi hoặc bị trả lại") : panel.index("Chờ Văn phòng duyệt")]
        assert escape(str(snn.unit)) in owing and f"quá hạn {days} ngày" in owing
        assert escape(str(btc.unit)) not in owing  # sent: listed as waiting for the office
    client.force_login(demo["baocao.btc"])
    assert _panel(client.get(url).content.decode()) == ""


def test_no_panel_without_an_open_round(client: Any, demo: dict[str, Any]) -> None:
    client.force_login(demo["theodoi"])
    page = client.get(reverse("web:plan_detail", args=[demo["plan"].code])).content.decode()
    assert _panel(page) == ""


def test_the_panels_queries_do_not_grow_with_rounds(
    client: Any, demo: dict[str, Any], rnd: Any
) -> None:
    client.force_login(demo["theodoi"])
    url = reverse("web:plan_detail", args=[demo["plan"].code])
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    round_open(
        actor=demo["theodoi"],
        plan=demo["plan"],
        period_kind="year",
        year=2025,
        opens_on=dt.date(2025, 12, 1),
        deadline=dt.date(2025, 12, 20),
        uncovered_ok=True,
    )
    client.get(url)  # what the panel shows changed: rendered again, then kept
    with CaptureQueriesContext(connection) as two:
        page = client.get(url).content.decode()
    assert page.count('class="card round-panel"') == 2
    # pinned (the plan page read from its cache since the merge of main; was 23 uncached):
    # the panel as rendered costs one query of plain values (its fingerprint), any rounds
    assert len(two) == len(one) == 9


def test_the_panel_is_kept_as_rendered_until_what_it_shows_changes(
    client: Any, demo: dict[str, Any], rnd: Any
) -> None:
    """The panel is rendered once and served again while the rounds' states are the same; a
    report sent, returned, or a round closed shows at once."""
    office = demo["theodoi"]
    client.force_login(demo["lanhdao"])
    url = reverse("web:plan_detail", args=[demo["plan"].code])
    total = rnd.submissions.count()
    assert f"<strong>0/{total}</strong> đơn vị đã gửi" in _panel(client.get(url).content.decode())
    with CaptureQueriesContext(connection) as kept:
        assert f"<strong>0/{total}</strong>" in _panel(client.get(url).content.decode())
    # only the fingerprint: the units and their reports are not read again
    assert not [q for q in kept if "org_orgunit" in q["sql"]]

    sub = submission_submit(
        actor=demo["baocao.btc"], submission=sub_of(rnd, BTC), version=sub_of(rnd, BTC).version
    )
    panel = _panel(client.get(url).content.decode())
    assert f"<strong>1/{total}</strong> đơn vị đã gửi" in panel and "Chờ Văn phòng duyệt" in panel
    submission_return(actor=office, submission=sub, version=sub.version, reason="Thiếu số liệu")
    panel = _panel(client.get(url).content.decode())
    assert f"<strong>0/{total}</strong> đơn vị đã gửi" in panel
    assert "<strong>1</strong> bị trả lại" in panel and "Chờ Văn phòng duyệt" not in panel
    round_close(actor=office, reporting_round=rnd)
    assert _panel(client.get(url).content.decode()) == ""


def test_after_the_warm_up_the_first_dashboard_finds_its_panel_rendered(
    client: Any, demo: dict[str, Any], rnd: Any
) -> None:
    """Each worker warms up before its first request (tiendo.web.warmup): the open rounds'
    panel is rendered then too, not by the first dashboard of each plan at a burst."""
    from tiendo.web.warmup import server_warm_up

    result = server_warm_up(close_connections=False)
    assert not result.problems
    client.force_login(demo["lanhdao"])
    with CaptureQueriesContext(connection) as first:
        page = client.get(reverse("web:plan_detail", args=[demo["plan"].code])).content.decode()
    total = rnd.submissions.count()
    assert f"<strong>0/{total}</strong> đơn vị đã gửi" in _panel(page)
    # the fingerprint only: the units and their reports were read by the warm-up
    assert not [q for q in first if "org_orgunit" in q["sql"]]
