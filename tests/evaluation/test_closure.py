"""Closing a term (issue 15, item 3): the final evaluation is frozen as of the last year with
the fingerprint of its inputs; the plan is "Đã kết thúc"; later corrections stay possible and the
frozen verdict is kept beside what they change."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.helpers import series_of
from tiendo.accounts.models import Role
from tiendo.accounts.permissions import NotAllowed
from tiendo.accounts.services import user_create
from tiendo.audit.models import AuditEntry
from tiendo.evaluation.models import PlanClosure
from tiendo.evaluation.services import closure_file_attach, plan_close, plan_evaluate
from tiendo.indicators.models import Figure
from tiendo.indicators.services import FigureRecord, figures_record
from tiendo.plans.models import PlanStatus

pytestmark = pytest.mark.django_db


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


def _poverty(plan, value: str, *, reason: str = "") -> None:
    target = plan.targets.get(code="5.6")
    figures_record(
        records=[
            FigureRecord(
                **series_of(target),
                year=2025,
                value=Decimal(value),
                figure_type="official",
                correction_reason=reason,
            )
        ],
        actor=None,
    )


def test_a_term_is_closed_only_after_it_ended_and_by_the_office(builtin_plan, office):
    with pytest.raises(ValidationError, match="chưa kết thúc"):
        plan_close(actor=office, plan=builtin_plan, today=dt.date(2025, 12, 31), reason="Tổng kết")
    with pytest.raises(NotAllowed):
        plan_close(actor=None, plan=builtin_plan, today=dt.date(2026, 1, 5), reason="Tổng kết")
    with pytest.raises(ValidationError, match="lý do"):
        plan_close(actor=office, plan=builtin_plan, today=dt.date(2026, 1, 5), reason="  ")
    assert not PlanClosure.objects.exists()
    builtin_plan.refresh_from_db()
    assert builtin_plan.status == PlanStatus.ACTIVE


def test_closing_freezes_the_final_evaluation_and_a_later_correction_is_shown_beside_it(
    builtin_plan, office
):
    _poverty(builtin_plan, "2.32")
    assert plan_evaluate(plan=builtin_plan, as_of_year=2025).by_code()["5.6"].status == "achieved"
    closure = plan_close(
        actor=office,
        plan=builtin_plan,
        today=dt.date(2026, 3, 2),
        reason="Hội nghị tổng kết nhiệm kỳ",
        decision_ref="Kết luận số 01-KL/TU",
    )
    builtin_plan.refresh_from_db()
    assert builtin_plan.status == PlanStatus.CLOSED
    assert builtin_plan.get_status_display() == "Đã kết thúc"
    assert closure.as_of_year == 2025 and len(closure.evaluations) == 53
    assert closure.frozen("5.6")["status"] == "achieved"
    assert closure.counts["achieved"] >= 1 and sum(closure.counts.values()) == 53
    assert len(closure.inputs_fingerprint) == 64
    assert AuditEntry.objects.filter(object_type="evaluation.planclosure").count() == 1
    assert AuditEntry.objects.filter(
        object_type="plans.plan", changes__status__after="closed"
    ).exists()

    # A correction after the close: recorded (and audited), the frozen verdict is untouched.
    _poverty(builtin_plan, "3.9", reason="Số liệu chính thức sau rà soát")
    assert Figure.objects.count() == 2
    now = plan_evaluate(plan=builtin_plan, as_of_year=2025).by_code()["5.6"]
    assert now.status == "not_achieved"
    closure.refresh_from_db()
    assert closure.frozen("5.6")["status"] == "achieved"
    assert "2,32" in closure.frozen("5.6")["explanation"]

    with pytest.raises(ValidationError, match="đang thực hiện"):
        plan_close(actor=office, plan=builtin_plan, today=dt.date(2026, 3, 3), reason="Lần hai")


def test_the_final_and_the_signed_report_are_kept_with_the_closure(
    builtin_plan, office, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    closure = plan_close(
        actor=office, plan=builtin_plan, today=dt.date(2026, 1, 10), reason="Tổng kết"
    )
    closure_file_attach(
        actor=office, closure=closure, content=b"%PDF-1.4 ...", filename="bao-cao.pdf", signed=True
    )
    closure.refresh_from_db()
    assert closure.signed_report_name == "bao-cao.pdf"
    assert closure.signed_report.read() == b"%PDF-1.4 ..."
    assert timezone.now() >= closure.closed_at
