"""The whole cycle with the demo accounts: open → draft → evidence → submit → return →
correct → resubmit → accept → Figure rows (and a later correction never overwrites)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.helpers import figures_of
from tiendo.audit.models import AuditEntry
from tiendo.indicators.models import Figure
from tiendo.org.models import OrgUnit
from tiendo.plans.coverage import plan_coverage_inputs
from tiendo.plans.models import Task, TaskStatus
from tiendo.plans.selectors import plan_figures
from tiendo.reporting.models import ReportingRound, SubmissionState
from tiendo.reporting.services import (
    FigureInput,
    TaskInput,
    evidence_add,
    round_open,
    submission_accept,
    submission_return,
    submission_save,
    submission_submit,
)

from .conftest import BTC, PDF_BYTES, SNN, SVH, sub_of

pytestmark = pytest.mark.django_db


def test_round_open_creates_one_submission_per_reporting_unit(
    demo: dict[str, Any], rnd: Any
) -> None:
    codes = set(rnd.submissions.values_list("unit__code", flat=True))
    # the Ban cán sự đảng UBND tỉnh leads programs 1–6 but has no reporter account: not asked
    assert {SNN, SVH, BTC} == codes
    snn = sub_of(rnd, SNN)
    assert [f.target.code for f in snn.figures.order_by("target__position")] == [
        f"2.{n}" for n in range(2, 13)
    ]
    assert snn.tasks.count() == 0
    btc = sub_of(rnd, BTC)
    assert sorted(f.target.code for f in btc.figures.all()) == ["7.1", "7.2", "7.3", "7.4"]
    # Ban Tổ chức leads program 7: its tasks come through the program assignment.
    assert sorted(t.task.code for t in btc.tasks.all()) == [f"NV7.{n}" for n in range(1, 8)]
    opened = AuditEntry.objects.get(object_type="reporting.reportinground")
    not_asked = opened.changes["not_asked"]["after"]
    assert "1.1" in not_asked and "2.2" not in not_asked and len(not_asked) == 53 - 25 + 40 - 7
    assert (
        AuditEntry.objects.filter(object_type="reporting.submission", action="create").count() == 3
    )


def test_a_round_opened_with_the_coverage_given_asks_what_one_read_by_itself_asks(
    demo: dict[str, Any], rnd: Any
) -> None:
    """The demo data reads who reports what once and opens its rounds with it: the round asks
    exactly the units and items a round that reads the coverage itself asks."""
    inputs = plan_coverage_inputs(plan=demo["plan"])
    common = {"actor": demo["theodoi"], "plan": demo["plan"], "uncovered_ok": True}
    with pytest.raises(ValueError, match="another plan or day"):
        round_open(
            **common,
            period_kind="year",
            year=2025,
            opens_on=dt.date(2025, 12, 1),
            deadline=dt.date(2025, 12, 20),
            coverage=inputs.on(dt.date(2024, 12, 1)),
        )
    given = round_open(
        **common,
        period_kind="half",
        number=2,
        year=2024,
        opens_on=dt.date(2024, 12, 1),
        deadline=dt.date(2024, 12, 20),
        coverage=inputs.on(dt.date(2024, 12, 1)),
    )

    def asked(r: Any) -> list[tuple[str, list[str], list[str]]]:
        return [
            (
                s.unit.code,
                sorted(s.figures.values_list("target__code", flat=True)),
                sorted(s.tasks.values_list("task__code", flat=True)),
            )
            for s in r.submissions.select_related("unit").order_by("unit__code")
        ]

    assert asked(given) == asked(rnd)
    assert len(asked(given)) == 3


def test_a_round_is_refused_while_items_would_be_asked_of_nobody(demo: dict[str, Any]) -> None:
    with pytest.raises(ValidationError, match="Không đơn vị nào được hỏi về 61 chỉ tiêu") as exc:
        round_open(
            actor=demo["theodoi"],
            plan=demo["plan"],
            period_kind="year",
            year=2024,
            opens_on=dt.date(2024, 12, 1),
            deadline=dt.date(2024, 12, 20),
        )
    assert "1.1, 1.2" in str(exc.value)
    assert not ReportingRound.objects.exists()
    group = OrgUnit.objects.get(code="cac-so-ban-nganh-tinh")
    with pytest.raises(ValidationError, match="nhóm cơ quan, không báo cáo"):
        round_open(
            actor=demo["theodoi"],
            plan=demo["plan"],
            period_kind="year",
            year=2024,
            opens_on=dt.date(2024, 12, 1),
            deadline=dt.date(2024, 12, 20),
            units=[group],
            uncovered_ok=True,
        )


def test_full_cycle(demo: dict[str, Any], rnd: Any) -> None:
    reporter, monitor = demo["baocao.btc"], demo["theodoi"]
    sub = sub_of(rnd, BTC)
    t71 = sub.figures.get(target__code="7.1").target
    t72 = sub.figures.get(target__code="7.2").target
    task = Task.objects.get(plan=demo["plan"], code="NV7.1")

    sub = submission_save(
        actor=reporter,
        submission=sub,
        version=sub.version,
        figures={
            t71.pk: FigureInput(value="2.150", source="Báo cáo tổng kết"),
            t72.pk: FigureInput(value="91,5"),
        },
        tasks={
            task.pk: TaskInput(status="in_progress", percent_done="60", narrative="Đang triển khai")
        },
    )
    assert sub.state == SubmissionState.DRAFT and sub.version == 2
    evidence = evidence_add(
        actor=reporter, submission=sub, upload=SimpleUploadedFile("bao-cao.pdf", PDF_BYTES)
    )
    assert evidence.kind == "pdf" and evidence.file.read() == PDF_BYTES
    sub = submission_submit(actor=reporter, submission=sub, version=sub.version)
    assert sub.state == SubmissionState.SUBMITTED

    sub = submission_return(
        actor=monitor, submission=sub, version=sub.version, reason="Số đảng viên mới chưa khớp"
    )
    assert (
        sub.state == SubmissionState.RETURNED and sub.return_reason == "Số đảng viên mới chưa khớp"
    )
    assert reporter.notifications.filter(subject__contains="trả lại").exists()

    sub = submission_save(
        actor=reporter,
        submission=sub,
        version=sub.version,
        figures={t71.pk: FigureInput(value="2.180")},
    )
    sub = submission_submit(actor=reporter, submission=sub, version=sub.version)
    assert sub.state == SubmissionState.RESUBMITTED
    assert not Figure.objects.exists()  # nothing feeds the evaluation before acceptance

    sub = submission_accept(actor=monitor, submission=sub, version=sub.version)
    assert sub.state == SubmissionState.ACCEPTED
    figures = {row.target_code: row.figure for row in plan_figures(plan=demo["plan"])}
    assert set(figures) == {"7.1", "7.2"}
    assert figures["7.1"].value == Decimal("2180") and figures["7.1"].year == 2024
    assert figures["7.2"].value == Decimal("91.5")
    assert figures["7.1"].accepted_by == monitor and figures["7.1"].source == "Báo cáo tổng kết"
    task.refresh_from_db()
    assert task.status == TaskStatus.IN_PROGRESS
    assert AuditEntry.objects.filter(object_type="plans.task", object_id=str(task.pk)).exists()
    assert AuditEntry.objects.filter(object_type="indicators.figure").count() == 2


def test_correction_points_to_the_accepted_figure(demo: dict[str, Any], rnd: Any) -> None:
    from django.core.exceptions import ValidationError

    reporter, monitor = demo["baocao.btc"], demo["theodoi"]
    sub = sub_of(rnd, BTC)
    t71 = sub.figures.get(target__code="7.1").target
    sub = submission_save(
        actor=reporter,
        submission=sub,
        version=sub.version,
        figures={t71.pk: FigureInput(value="2100")},
    )
    sub = submission_submit(actor=reporter, submission=sub, version=sub.version)
    sub = submission_accept(actor=monitor, submission=sub, version=sub.version)
    first = figures_of(t71).get()

    # A half-year round later in the same year: the unit corrects the 2024 figure.
    later = round_open(
        actor=monitor,
        plan=demo["plan"],
        period_kind="half",
        year=2024,
        number=2,
        opens_on=rnd.opens_on,
        deadline=rnd.deadline,
        uncovered_ok=True,
        units=[sub.unit],
    )
    sub2 = sub_of(later, BTC)
    sub2 = submission_save(
        actor=reporter,
        submission=sub2,
        version=sub2.version,
        figures={t71.pk: FigureInput(value="2.250")},
    )
    with pytest.raises(ValidationError) as exc:
        submission_submit(actor=reporter, submission=sub2, version=sub2.version)
    assert "lý do đính chính" in str(exc.value)
    sub2 = submission_save(
        actor=reporter,
        submission=sub2,
        version=sub2.version,
        figures={
            t71.pk: FigureInput(value="2.250", correction_reason="Số liệu chính thức của Ban")
        },
    )
    sub2 = submission_submit(actor=reporter, submission=sub2, version=sub2.version)
    submission_accept(actor=monitor, submission=sub2, version=sub2.version)
    history = list(figures_of(t71).order_by("id"))
    assert [f.value for f in history] == [Decimal("2100"), Decimal("2250")]
    first.refresh_from_db()
    assert first.value == Decimal("2100")  # never overwritten
    assert (
        history[1].corrects == first
        and history[1].correction_reason == "Số liệu chính thức của Ban"
    )
