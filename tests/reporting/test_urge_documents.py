"""The urging digest names the implementing documents a unit still owes past their deadline
(section II.2.1: by the end of Q4 2021), even when the unit has sent its report; once the
document is in the register, the unit is no longer urged for it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from tiendo.accounts.models import Role
from tiendo.accounts.services import user_create
from tiendo.org.models import OrgUnit
from tiendo.plans.models import Program, Task, TaskStatus
from tiendo.plans.services import DocumentInput, implementing_document_record
from tiendo.reporting.models import Reminder
from tiendo.reporting.selectors import overdue_tasks_by_unit
from tiendo.reporting.services import (
    reminders_due_send,
    round_open,
    submission_submit,
    units_needing_urge,
    units_urge,
)

from .conftest import BTC, sub_of

pytestmark = pytest.mark.django_db

BCSD = "ban-can-su-dang-uy-ban-nhan-dan-tinh"
TODAY = dt.date(2024, 12, 25)


def _unit(code: str) -> OrgUnit:
    return OrgUnit.objects.get(code=code)


def _register(demo: dict[str, Any], unit: str, number: int, program: int, date: dt.date) -> None:
    plan = demo["plan"]
    implementing_document_record(
        actor=demo["theodoi"],
        plan=plan,
        data=DocumentInput(
            unit=_unit(unit),
            kind="plan",
            number=f"{number}/KH",
            date=date,
            title="Kế hoạch thực hiện Chương trình hành động số 23-CTr/TU",
            programs=[Program.objects.get(plan=plan, number=program)],
        ),
        today=TODAY,
    )


def test_a_unit_that_sent_its_report_is_still_urged_for_its_missing_document(
    demo: dict[str, Any], rnd: Any
) -> None:
    OrgUnit.objects.filter(code=BTC).update(email="bantochuc@langson.dcs.vn")
    btc = sub_of(rnd, BTC)
    submission_submit(actor=demo["baocao.btc"], submission=btc, version=btc.version)
    assert _unit(BTC).pk in units_needing_urge(reporting_round=rnd, today=TODAY)
    (reminder,) = units_urge(
        actor=demo["theodoi"], reporting_round=rnd, unit_ids=[_unit(BTC).pk], today=TODAY
    )
    assert "Văn bản triển khai chưa ban hành, đã quá hạn:" in reminder.body
    assert "  - Chương trình 7: hạn 31/12/2021, quá hạn 1090 ngày" in reminder.body
    assert "Đơn vị chưa gửi báo cáo" not in reminder.body
    assert mail.outbox[-1].to == ["bantochuc@langson.dcs.vn"]
    assert "Chương trình 7: hạn 31/12/2021" in mail.outbox[-1].body

    # Recorded (late, but issued), and its tasks under way (a task still "chưa triển khai"
    # three years on is late: tiendo.plans.lateness): nothing left to urge Ban Tổ chức for.
    _register(demo, BTC, 1, 7, dt.date(2022, 2, 1))
    late = overdue_tasks_by_unit(plan=rnd.plan, unit_ids=[_unit(BTC).pk], today=TODAY)
    Task.objects.filter(pk__in=[t.pk for t in late[_unit(BTC).pk]]).update(
        status=TaskStatus.IN_PROGRESS
    )
    assert _unit(BTC).pk not in units_needing_urge(reporting_round=rnd, today=TODAY)
    assert (
        units_urge(
            actor=demo["theodoi"], reporting_round=rnd, unit_ids=[_unit(BTC).pk], today=TODAY
        )
        == []
    )


@pytest.fixture
def rnd_with_bcsd(demo: dict[str, Any]) -> Any:
    """A round opened once BCSĐ UBND tỉnh has a reporter account: it then reports the targets
    it has not handed on, so the round asks it and its digest can name its missing documents."""
    user_create(actor=demo["admin"], username="baocao.bcsd", role=Role.REPORTER, unit=_unit(BCSD))
    return round_open(
        actor=demo["theodoi"],
        plan=demo["plan"],
        period_kind="year",
        year=2024,
        opens_on=dt.date(2024, 12, 1),
        deadline=dt.date(2024, 12, 20),
        uncovered_ok=True,
    )


def test_the_digest_lists_each_program_still_missing(
    demo: dict[str, Any], rnd_with_bcsd: Any
) -> None:
    rnd = rnd_with_bcsd
    _register(demo, BCSD, 1, 1, dt.date(2021, 11, 26))
    _register(demo, BCSD, 2, 2, dt.date(2021, 12, 10))
    bcsd = _unit(BCSD)
    assert bcsd.pk in rnd.units.values_list("pk", flat=True)
    (reminder,) = units_urge(
        actor=demo["theodoi"], reporting_round=rnd, unit_ids=[bcsd.pk], today=TODAY
    )
    listed = [line for line in reminder.body.splitlines() if line.startswith("  - Chương trình")]
    assert listed == [
        f"  - Chương trình {n}: hạn 31/12/2021, quá hạn 1090 ngày" for n in (3, 4, 5, 6)
    ]


def test_automatic_reminders_after_the_round_deadline_include_the_documents(
    demo: dict[str, Any], rnd: Any
) -> None:
    btc = sub_of(rnd, BTC)
    submission_submit(actor=demo["baocao.btc"], submission=btc, version=btc.version)
    sent = reminders_due_send(today=TODAY)
    by_unit = {r.unit.code: r for r in sent}
    assert BTC in by_unit and "Chương trình 7" in by_unit[BTC].body
    # Once a day only.
    assert reminders_due_send(today=TODAY) == []
    assert Reminder.objects.filter(unit__code=BTC).count() == 1


def test_the_urging_page_shows_the_missing_documents(
    client: Any, demo: dict[str, Any], rnd: Any
) -> None:
    btc = sub_of(rnd, BTC)
    submission_submit(actor=demo["baocao.btc"], submission=btc, version=btc.version)
    client.force_login(demo["theodoi"])
    body = client.get(reverse("reporting:round_urge", args=[rnd.pk])).content.decode()
    assert "Văn bản triển khai chưa ban hành" in body
    row = body.split(f'id="u{_unit(BTC).pk}"')[1].split("</tr>")[0]
    assert "CT 7" in row
