"""From one term to the next (issue 15): a closed term shows its frozen verdict beside the one a
later correction gives, on the target page, the plan page and in the API; `tiendo term close`;
no round for a closed plan; the plans page by term; the dashboard opens on the plan in force;
the indicators in the API."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from tests.helpers import series_of
from tests.web.test_indicator_pages import FOREST, _next_plan
from tiendo.accounts.models import Role
from tiendo.accounts.services import user_create
from tiendo.accounts.tokens import token_create
from tiendo.evaluation.models import PlanClosure
from tiendo.evaluation.services import plan_close
from tiendo.indicators.services import FigureRecord, figures_record
from tiendo.plans.models import PlanStatus
from tiendo.reporting.models import ReportingRound
from tiendo.reporting.services import round_open

pytestmark = pytest.mark.django_db

VERDICT = "Đánh giá khi kết thúc nhiệm kỳ: Đạt · theo số liệu hiện nay: Không đạt"


@pytest.fixture
def office(builtin_plan):
    user, _password = user_create(
        actor=None,
        username="vanphong.tu",
        role=Role.MONITOR,
        full_name="Văn phòng",
        check_actor=False,
    )
    return user


@pytest.fixture
def office_client(client, office):
    client.force_login(office)
    return client


def _poverty(plan, value: str, *, reason: str = "") -> None:
    figures_record(
        records=[
            FigureRecord(
                **series_of(plan.targets.get(code="5.6")),
                year=2025,
                value=Decimal(value),
                correction_reason=reason,
            )
        ],
        actor=None,
    )


def _text(html: str) -> str:
    import re

    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def closed(builtin_plan, office, settings, tmp_path):
    """The 2020–2025 plan closed with poverty 2,32% (met), then corrected to 3,9% (not met)."""
    settings.MEDIA_ROOT = tmp_path
    _poverty(builtin_plan, "2.32")
    plan_close(actor=office, plan=builtin_plan, today=dt.date(2026, 3, 2), reason="Tổng kết")
    _poverty(builtin_plan, "3.9", reason="Số liệu chính thức sau rà soát")
    builtin_plan.refresh_from_db()
    return builtin_plan


def test_the_target_page_shows_the_frozen_verdict_beside_todays(closed, office_client):
    html = office_client.get(f"/plans/{closed.code}/targets/5.6/").content.decode()
    assert VERDICT in _text(html)
    assert "2,32" in html  # the explanation given at the close
    # a target whose verdict did not change shows the frozen verdict alone
    other = _text(office_client.get(f"/plans/{closed.code}/targets/1.1/").content.decode())
    assert "Đánh giá khi kết thúc nhiệm kỳ:" in other
    assert "theo số liệu hiện nay" not in other
    page = _text(office_client.get(f"/plans/{closed.code}/").content.decode())
    assert "Đã kết thúc" in page and "đã được chốt" in page
    assert "5.6 (Đạt → Không đạt)" in page


def test_the_api_carries_the_closure_verdict(closed, office):
    _token, raw = token_create(actor=None, user=office, check_actor=False)
    body = (
        Client()
        .get(
            f"/api/v1/plans/{closed.code}/evaluation?as_of=2025", HTTP_AUTHORIZATION=f"Bearer {raw}"
        )
        .json()
    )
    assert body["closure"]["as_of"] == 2025 and body["closure"]["closed_on"] == "2026-03-02"
    item = next(e for e in body["evaluations"] if e["code"] == "5.6")
    assert item["status"] == "not_achieved"
    assert item["at_closure"]["status"] == "achieved" and item["at_closure"]["changed"] is True
    assert item["at_closure"]["label"] == "Đạt"
    same = next(e for e in body["evaluations"] if e["code"] == "1.1")
    assert same["at_closure"]["changed"] is False


def test_no_round_is_opened_for_a_closed_plan(closed, office):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        round_open(
            actor=office,
            plan=closed,
            period_kind="year",
            year=2025,
            opens_on=dt.date(2026, 4, 1),
            deadline=dt.date(2026, 4, 30),
            uncovered_ok=True,
        )
    message = " ".join(exc.value.messages)
    assert "đã kết thúc nhiệm kỳ 2020–2025" in message
    assert "không mở được đợt báo cáo mới" in message
    assert not ReportingRound.objects.exists()


def test_the_term_command_closes_keeps_the_report_and_shows_what_changed(
    builtin_plan, office, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    _poverty(builtin_plan, "2.32")
    with pytest.raises(CommandError, match="năm cuối nhiệm kỳ \\(2025\\)"):
        call_command(
            "term",
            "close",
            builtin_plan.code,
            "--as-of",
            "2024",
            "--reason",
            "x",
            "--user",
            office.username,
        )
    with pytest.raises(CommandError, match="chưa kết thúc"):
        call_command(
            "term",
            "close",
            builtin_plan.code,
            "--as-of",
            "2025",
            "--reason",
            "x",
            "--user",
            office.username,
            "--date",
            "2025-12-31",
        )
    assert not PlanClosure.objects.exists()
    out = io.StringIO()
    call_command(
        "term",
        "close",
        builtin_plan.code,
        "--as-of",
        "2025",
        "--reason",
        "Hội nghị tổng kết",
        "--user",
        office.username,
        "--date",
        "2026-01-15",
        stdout=out,
    )
    assert "Đã kết thúc nhiệm kỳ 2020–2025" in out.getvalue()
    closure = PlanClosure.objects.get(plan=builtin_plan)
    assert closure.report_file.name.endswith(".docx")
    assert closure.report_file.read()[:2] == b"PK"  # a Word file
    builtin_plan.refresh_from_db()
    assert builtin_plan.status == PlanStatus.CLOSED

    _poverty(builtin_plan, "3.9", reason="Số liệu chính thức sau rà soát")
    out = io.StringIO()
    call_command("term", "show", builtin_plan.code, stdout=out)
    assert "5.6  " + VERDICT in out.getvalue()


def test_the_plans_page_lists_plans_by_term_and_the_dashboard_opens_on_the_plan_in_force(
    closed, office, office_client
):
    new = _next_plan(office)
    page = office_client.get("/plans/").content.decode()
    assert page.index("Nhiệm kỳ 2025–2030") < page.index("Nhiệm kỳ 2020–2025")
    text = _text(page)
    assert "Đang áp dụng" in text and "Đã kết thúc" in text
    assert "Kế thừa 23-CTr/TU (2020–2025)" in text
    home = office_client.get("/")
    assert home.status_code == 302 and home["Location"] == f"/plans/{new.code}/"
    dashboard = office_client.get(home["Location"]).content.decode()
    assert f'href="/plans/{closed.code}/"' in dashboard  # the switch to the other term
    # from the old target, one click to the same indicator across both terms
    target = closed.targets.get(indicator_ref__code=FOREST)
    html = office_client.get(f"/plans/{closed.code}/targets/{target.code}/").content.decode()
    assert f'href="/chi-so/{FOREST}/"' in html
    assert "so sánh qua các nhiệm kỳ" in html
    new_target = new.targets.get(indicator_ref__code=FOREST)
    assert f'href="/plans/{new.code}/targets/{new_target.code}/"' in html


def test_the_indicators_api(builtin_plan, office):
    target = builtin_plan.targets.get(indicator_ref__code=FOREST)
    for value, kind in (("64.5", "estimate"), ("64.9", "official")):
        figures_record(
            records=[
                FigureRecord(**series_of(target), year=2024, value=Decimal(value), figure_type=kind)
            ],
            actor=None,
        )
    _token, raw = token_create(actor=None, user=office, check_actor=False)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    client = Client()
    listing = client.get("/api/v1/indicators?page_size=500", **auth).json()
    assert FOREST in {i["code"] for i in listing["items"]}
    one = client.get(f"/api/v1/indicators/{FOREST}", **auth).json()
    assert [(f["value"], f["obs_status"], f["counts"]) for f in one["figures"]] == [
        ("64.5", "E", False),
        ("64.9", "A", True),
    ]
    counting = client.get(f"/api/v1/indicators/{FOREST}/figures?counting=true", **auth).json()
    assert [f["value"] for f in counting] == ["64.9"]
    assert client.get("/api/v1/indicators/khong-co", **auth).status_code == 404
    assert client.get("/api/v1/indicators").status_code == 401
