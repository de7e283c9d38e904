"""Opening a round and urging (issue 14, items 17, 18): the year defaults within the plan's
term, collective bodies are not among the units to ask, dates are written dd/mm/yyyy whatever
the browser; urging previews each message with its recipients, and never urges a unit with
nothing to report or nobody to receive it (the page says why)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from tiendo.accounts.services import user_create
from tiendo.org.models import OrgUnit, OrgUnitKind
from tiendo.plans.models import Target
from tiendo.plans.services import target_assign
from tiendo.reporting.models import Reminder
from tiendo.reporting.services import round_open, units_needing_urge, units_urge, urge_preview

from .conftest import BTC, SNN, SVH, sub_of

pytestmark = pytest.mark.django_db


def test_the_round_form_defaults_within_the_plans_term(client: Any, demo: dict[str, Any]) -> None:
    plan = demo["plan"]
    client.force_login(demo["theodoi"])
    page = client.get(reverse("reporting:round_create")).content.decode()
    year = max(min(timezone.localdate().year, plan.term_to_year), plan.term_from_year)
    assert f'name="year" id="year" value="{year}"' in page
    assert plan.term_from_year <= year <= plan.term_to_year
    today = timezone.localdate()
    assert f'value="{today:%d/%m/%Y}"' in page and 'type="date"' not in page
    assert f'value="{today + dt.timedelta(days=14):%d/%m/%Y}"' in page


def test_collective_bodies_are_not_among_the_units_to_ask(
    client: Any, demo: dict[str, Any]
) -> None:
    OrgUnit.objects.create(code="bch", name="Ban Chấp hành X", kind=OrgUnitKind.PARTY_EXECUTIVE)
    OrgUnit.objects.create(code="btv", name="Ban Thường vụ X", kind=OrgUnitKind.STANDING_COMMITTEE)
    OrgUnit.objects.create(
        code="cu",
        name="Sở đã giải thể X",
        kind=OrgUnitKind.DEPARTMENT,
        valid_to=dt.date(2025, 2, 28),
    )
    client.force_login(demo["theodoi"])
    page = client.get(reverse("reporting:round_create")).content.decode()
    fieldset = page[page.index("Đơn vị phải báo cáo") :]
    assert "Sở NN&amp;PTNT" in fieldset or "Sở Nông nghiệp" in fieldset
    for name in ("Ban Chấp hành X", "Ban Thường vụ X", "Sở đã giải thể X"):
        assert name not in fieldset


def test_a_round_opens_with_dates_typed_the_vietnamese_way(
    client: Any, demo: dict[str, Any]
) -> None:
    client.force_login(demo["theodoi"])
    units = OrgUnit.objects.filter(code__in=[SNN, BTC]).values_list("pk", flat=True)
    response = client.post(
        reverse("reporting:round_create"),
        {
            "plan": demo["plan"].pk,
            "period_kind": "year",
            "year": "2025",
            "opens_on": "01/12/2025",
            "deadline": "20/12/2025",
            "units": list(units),
            "uncovered_ok": "1",
        },
    )
    assert response.status_code == 302


def test_urging_previews_the_message_and_its_recipients(
    client: Any, demo: dict[str, Any], rnd: Any
) -> None:
    demo["baocao.snn"].email = "snn@langson.gov.vn"
    demo["baocao.snn"].save()
    client.force_login(demo["theodoi"])
    page = client.get(reverse("reporting:round_urge", args=[rnd.pk])).content.decode()
    snn = OrgUnit.objects.get(code=SNN)
    row = page.split(f'id="u{snn.pk}"')[1].split("</tr>")[0]
    assert "snn@langson.gov.vn" in row and "Xem trước thư đôn đốc" in row
    assert f"Kính gửi {snn}".replace("&", "&amp;") in row and "[tiendo] Đôn đốc báo cáo" in row
    assert not Reminder.objects.exists()  # a preview sends nothing


def test_a_unit_nobody_would_hear_is_not_urged_and_the_page_says_why(
    client: Any, demo: dict[str, Any], rnd: Any
) -> None:
    svh = OrgUnit.objects.get(code=SVH)
    get_user_model().objects.filter(profile__unit=svh).update(is_active=False)  # no account
    svh.email = ""
    svh.save(update_fields=["email"])
    assert svh.pk not in units_needing_urge(reporting_round=rnd)
    assert units_urge(actor=demo["theodoi"], reporting_round=rnd, unit_ids=[svh.pk]) == []
    client.force_login(demo["theodoi"])
    page = client.get(reverse("reporting:round_urge", args=[rnd.pk])).content.decode()
    row = page.split(f'id="u{svh.pk}"')[1].split("</tr>")[0]
    assert f'<input type="checkbox" id="u{svh.pk}" disabled' in page
    assert "chưa có tài khoản cán bộ báo cáo" in row


def test_a_unit_with_nothing_to_report_is_never_urged(demo: dict[str, Any]) -> None:
    plan, office = demo["plan"], demo["theodoi"]
    unit = OrgUnit.objects.create(code="so-moi", name="Sở Mới", kind=OrgUnitKind.DEPARTMENT)
    user_create(
        actor=None,
        username="baocao.moi",
        role="reporter",
        unit=unit,
        password="mat-khau-rat-dai-9",
        check_actor=False,
    )
    target_assign(
        actor=office, plan=plan, unit=unit, target=Target.objects.get(plan=plan, code="2.2")
    )
    rnd = round_open(
        actor=office,
        plan=plan,
        period_kind="half",
        year=2025,
        number=1,
        opens_on=dt.date(2025, 6, 1),
        deadline=dt.date(2025, 6, 20),
        units=[unit],
        uncovered_ok=True,
    )
    assert units_needing_urge(reporting_round=rnd) == [unit.pk]  # it owes its figure
    rnd.submissions.get(unit=unit).figures.all().delete()  # nothing left to report
    assert units_needing_urge(reporting_round=rnd) == []
    assert units_urge(actor=office, reporting_round=rnd, unit_ids=[unit.pk]) == []
    assert urge_preview(actor=office, reporting_round=rnd) == []


def test_a_unit_that_owes_no_report_is_not_told_it_has_not_sent_one(
    demo: dict[str, Any], rnd: Any
) -> None:
    btc = sub_of(rnd, BTC)
    btc.figures.all().delete()
    btc.tasks.all().delete()
    for candidate in urge_preview(actor=demo["theodoi"], reporting_round=rnd):
        if candidate.unit.code == BTC:  # listed for the documents it owes, if any
            assert "chưa gửi báo cáo" not in candidate.body
            assert f"Kính gửi {candidate.unit}," in candidate.body
