"""Reporting rounds: opening one (a submission per reporting unit with what it leads) and
closing it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tiendo.accounts.permissions import require_monitor
from tiendo.audit.models import AuditAction
from tiendo.audit.services import AuditRow, actor_user, audit_record, audit_record_many, audit_row
from tiendo.core.db import rows_insert
from tiendo.org.models import OrgUnit, OrgUnitKind
from tiendo.org.selectors import unit_is_valid_on, unit_successors_on
from tiendo.plans.coverage import PlanCoverage, plan_coverage
from tiendo.plans.models import Plan, PlanStatus

from ..models import (
    PeriodKind,
    ReportingRound,
    RoundStatus,
    Submission,
    SubmissionFigure,
    SubmissionTask,
)
from ..selectors import round_not_asked
from ._common import Actor, _now


@transaction.atomic
def round_open(
    *,
    actor: Actor,
    plan: Plan,
    period_kind: PeriodKind | str,
    year: int,
    number: int = 1,
    opens_on: dt.date,
    deadline: dt.date,
    units: Sequence[OrgUnit] | None = None,
    uncovered_ok: bool = False,
    at: dt.datetime | None = None,
    coverage: PlanCoverage | None = None,
) -> ReportingRound:
    """Open a round and create one submission per reporting unit with exactly the targets and
    tasks it reports on `opens_on`: those it is the deepest lead of, following the delegations
    (`tiendo.plans.coverage`). Without `units`, every unit that reports something is asked;
    groups and units without a reporter account never are.

    When some targets or tasks would be asked of nobody (uncovered, or their unit not chosen),
    the round is refused with the list unless `uncovered_ok` confirms it. `at` is when it was
    opened (now by default; the demo data gives calendar times). `coverage` is the plan's
    coverage on `opens_on` when the caller has it already (`CoverageInputs.on`: the demo data
    computes it for its ten rounds from one read); by default it is read here."""
    require_monitor(actor)
    errors: dict[str, str] = {}
    if period_kind not in PeriodKind.values:
        errors["period_kind"] = _("Kỳ báo cáo không hợp lệ.")
    elif period_kind == PeriodKind.YEAR:
        number = 1
    elif period_kind == PeriodKind.HALF and number not in (1, 2):
        errors["number"] = _("6 tháng chỉ có kỳ 1 hoặc kỳ 2.")
    elif period_kind == PeriodKind.QUARTER and number not in (1, 2, 3, 4):
        errors["number"] = _("Quý phải từ 1 đến 4.")
    if not plan.term_from_year <= year <= plan.term_to_year + 1:
        errors["year"] = _("Năm %(y)s nằm ngoài nhiệm kỳ của chương trình (%(a)s–%(b)s).") % {
            "y": year,
            "a": plan.term_from_year,
            "b": plan.term_to_year,
        }
    if deadline < opens_on:
        errors["deadline"] = _("Hạn nộp phải sau ngày mở đợt.")
    if (
        not errors
        and ReportingRound.objects.filter(
            plan=plan, period_kind=period_kind, year=year, number=number
        ).exists()
    ):
        errors["period_kind"] = _("Đã có đợt báo cáo cho kỳ này.")
    if plan.status == PlanStatus.CLOSED:
        errors["plan"] = _(
            "Chương trình “%(p)s” đã kết thúc nhiệm kỳ %(a)s–%(b)s: không mở được đợt báo cáo "
            "mới. Số liệu của nhiệm kỳ vẫn được đính chính (có lý do, ghi nhật ký), ví dụ bằng "
            "lệnh “tiendo figures load”; đợt báo cáo mới mở cho chương trình của nhiệm kỳ sau."
        ) % {"p": plan.number or plan.code, "a": plan.term_from_year, "b": plan.term_to_year}
    elif plan.status != PlanStatus.ACTIVE:
        errors["plan"] = _(
            "Chỉ mở đợt báo cáo cho chương trình đang thực hiện (không phải dự thảo hay đã kết thúc)."
        )
    if coverage is None:
        coverage = plan_coverage(plan=plan, on=opens_on)
    elif coverage.plan.pk != plan.pk or coverage.on != opens_on:
        raise ValueError("coverage of another plan or day")
    reported = coverage.by_reporter()
    chosen = list(units) if units is not None else coverage.reporting_units()
    gone = [u for u in chosen if not unit_is_valid_on(unit=u, day=opens_on)]
    if gone:
        errors["units"] = "; ".join(
            _("Đơn vị “%(u)s” không còn hoạt động vào ngày %(d)s; đơn vị kế thừa: %(s)s")
            % {
                "u": u,
                "d": opens_on.strftime("%d/%m/%Y"),
                "s": ", ".join(str(x) for x in unit_successors_on(unit=u, day=opens_on)) or "—",
            }
            for u in gone
        )
    elif not chosen:
        errors["units"] = (
            _("Cần chọn ít nhất một đơn vị phải báo cáo.")
            if units is not None
            else _(
                "Chưa có đơn vị nào báo cáo được chỉ tiêu, nhiệm vụ của chương trình vào ngày "
                "%(d)s: hãy phân công thực hiện và tạo tài khoản cán bộ báo cáo cho đơn vị."
            )
            % {"d": opens_on.strftime("%d/%m/%Y")}
        )
    else:
        idle = [u for u in chosen if u.pk not in reported]
        if idle:
            errors["units"] = "; ".join(
                (
                    _("“%(u)s” là nhóm cơ quan, không báo cáo: hãy giao cho các đơn vị thành viên.")
                    if u.kind == OrgUnitKind.GROUP
                    else _(
                        "Đơn vị “%(u)s” không báo cáo chỉ tiêu, nhiệm vụ nào của chương trình "
                        "vào ngày %(d)s."
                    )
                )
                % {"u": u, "d": opens_on.strftime("%d/%m/%Y")}
                for u in idle
            )
    asked = {u.pk for u in chosen}
    not_asked = round_not_asked(coverage=coverage, unit_ids=asked)
    if not_asked and not uncovered_ok and not errors:
        errors["uncovered"] = _(
            "Không đơn vị nào được hỏi về %(n)s chỉ tiêu, nhiệm vụ: %(codes)s. Hãy phân công "
            "thực hiện (trang “Phân công và độ bao phủ”), hoặc xác nhận vẫn mở đợt."
        ) % {"n": len(not_asked), "codes": ", ".join(i.code for i in not_asked)}
    if errors:
        raise ValidationError(errors)
    now = at or _now()
    rnd = ReportingRound.objects.create(
        plan=plan,
        period_kind=period_kind,
        year=year,
        number=number,
        opens_on=opens_on,
        deadline=deadline,
        created_at=now,
        created_by=actor_user(actor),
    )
    rnd.units.set(chosen)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=rnd,
        changes={
            "period": {"before": None, "after": rnd.period_label()},
            "opens_on": {"before": None, "after": opens_on.isoformat()},
            "deadline": {"before": None, "after": deadline.isoformat()},
            "units": {"before": None, "after": sorted(u.code for u in chosen)},
            "not_asked": {"before": None, "after": [i.code for i in not_asked]},
        },
        plan_code=plan.code,
        at=now,
    )
    items = {uid: reported.get(uid, ([], [])) for uid in asked}
    subs = Submission.objects.bulk_create(
        [Submission(round=rnd, unit=unit, created_at=now, updated_at=now) for unit in chosen]
    )
    figures: list[tuple[int, int, int]] = []
    tasks: list[tuple[int, int, str]] = []
    audits: list[AuditRow] = []
    for sub in subs:
        targets, unit_tasks = items.get(sub.unit_id, ([], []))
        figures += [(sub.pk, t.pk, year) for t in targets]
        tasks += [(sub.pk, t.pk, t.status) for t in unit_tasks]
        audits.append(
            audit_row(
                actor=actor,
                action=AuditAction.CREATE,
                obj=sub,
                object_label=f"{sub.unit} – {rnd.period_label()}",
                changes={
                    "targets": {"before": None, "after": [t.code for t in targets]},
                    "tasks": {"before": None, "after": [t.code for t in unit_tasks]},
                },
                plan_code=plan.code,
                at=now,
            )
        )
    audit_record_many(rows=audits)
    rows_insert(SubmissionFigure, fields=("submission", "target", "year"), rows=figures)
    rows_insert(SubmissionTask, fields=("submission", "task", "status"), rows=tasks)
    return rnd


@transaction.atomic
def round_close(
    *, actor: Actor, reporting_round: ReportingRound, at: dt.datetime | None = None
) -> ReportingRound:
    """Close the round (at `at`, now by default): no more reminders for it."""
    require_monitor(actor)
    if reporting_round.status != RoundStatus.CLOSED:
        reporting_round.status = RoundStatus.CLOSED
        reporting_round.save(update_fields=["status"])
        audit_record(
            actor=actor,
            action=AuditAction.STATE,
            obj=reporting_round,
            changes={
                "status": {"before": RoundStatus.OPEN.value, "after": RoundStatus.CLOSED.value}
            },
            plan_code=reporting_round.plan.code,
            at=at,
        )
    return reporting_round
