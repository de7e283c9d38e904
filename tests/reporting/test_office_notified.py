"""The office hears of each report sent (issue 14, item 4) and reporters land on their unit's
work (item 5)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from tiendo.reporting.models import Notification
from tiendo.reporting.services import (
    submission_accept,
    submission_return,
    submission_submit,
)

from .conftest import BTC, sub_of

pytestmark = pytest.mark.django_db


def _count(html: str) -> str | None:
    """The unread count shown beside “Thông báo” in the navigation, if any."""
    nav = html[html.index("<nav") : html.index("</nav>")]
    found = re.search(r'Thông báo <span class="count">(\d+)', nav)
    return found.group(1) if found else None


def test_the_office_is_notified_when_a_unit_sends_and_sends_again(
    demo: dict[str, Any], rnd: Any, django_capture_on_commit_callbacks: Any
) -> None:
    office = demo["theodoi"]
    office.email = "vanphong@tinhuy.example"
    office.save(update_fields=["email"])
    sub = sub_of(rnd, BTC)
    with django_capture_on_commit_callbacks(execute=True):  # the e-mail leaves after commit
        sub = submission_submit(actor=demo["baocao.btc"], submission=sub, version=sub.version)
    note = Notification.objects.get(user=office)
    assert note.submission == sub and "đã gửi báo cáo Năm 2024" in note.subject
    assert str(sub.unit) in note.subject
    assert [m.to for m in mail.outbox if "đã gửi báo cáo" in m.subject] == [[office.email]]
    # the reporter is not told of their own sending; the leader is not the office
    assert not Notification.objects.filter(user__in=[demo["baocao.btc"], demo["lanhdao"]])

    sub = submission_return(actor=office, submission=sub, version=sub.version, reason="Thiếu")
    submission_submit(actor=demo["baocao.btc"], submission=sub, version=sub.version)
    subjects = list(
        Notification.objects.filter(user=office).order_by("id").values_list("subject", flat=True)
    )
    assert len(subjects) == 2 and "gửi lại báo cáo" in subjects[1]


def test_the_unread_count_shows_in_the_navigation_for_everyone(
    client: Any, demo: dict[str, Any], rnd: Any
) -> None:
    office = demo["theodoi"]
    client.force_login(office)
    assert _count(client.get(reverse("web:plan_list")).content.decode()) is None
    sub = sub_of(rnd, BTC)
    sub = submission_submit(actor=demo["baocao.btc"], submission=sub, version=sub.version)
    assert _count(client.get(reverse("web:plan_list")).content.decode()) == "1"
    note = Notification.objects.get(user=office)
    assert (
        f"Mở báo cáo Năm 2024 của {sub.unit}"
        in client.get(reverse("reporting:notifications")).content.decode()
    )
    client.post(reverse("reporting:notification_read", args=[note.pk]))
    assert _count(client.get(reverse("web:plan_list")).content.decode()) is None
    # the unit hears of the acceptance: its reporter sees the count too
    submission_accept(actor=office, submission=sub, version=sub.version)
    client.force_login(demo["baocao.btc"])
    assert _count(client.get(reverse("reporting:workspace")).content.decode()) == "1"


def test_reporters_land_on_their_units_work_others_on_the_dashboard(
    client: Any, demo: dict[str, Any], rnd: Any
) -> None:
    login = reverse("login")
    for username, landing in (
        ("baocao.btc", reverse("reporting:workspace")),
        ("theodoi", reverse("web:plan_detail", args=[demo["plan"].code])),
    ):
        client.logout()
        response = client.post(
            login,
            {"username": username, "password": demo["passwords"][username]},
            follow=True,
        )
        assert response.redirect_chain[-1][0] == landing, username
    # a link asked for before signing in still wins
    client.logout()
    response = client.post(
        f"{login}?next={reverse('reporting:notifications')}",
        {"username": "baocao.btc", "password": demo["passwords"]["baocao.btc"]},
    )
    assert response["Location"] == reverse("reporting:notifications")


def test_the_link_into_a_submission_names_the_round_and_the_unit(
    client: Any, demo: dict[str, Any], rnd: Any
) -> None:
    sub = sub_of(rnd, BTC)
    client.force_login(demo["baocao.btc"])
    page = client.get(reverse("reporting:workspace")).content.decode()
    link = reverse("reporting:submission", args=[sub.pk])
    assert f'<a href="{link}">Báo cáo Năm 2024 của {sub.unit}</a>' in page
