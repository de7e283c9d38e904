"""Writes of reporting: rounds, submissions (save / submit / return / accept), evidence,
urging. Every service checks who is acting (tiendo.accounts.permissions), works inside a
transaction and records what it changed in the audit log.

Submissions use an optimistic version check: a write names the version it read, the service
runs UPDATE ... WHERE version = n, and raises `StaleVersion` when someone else wrote first.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tiendo.accounts.models import Role
from tiendo.accounts.permissions import (
    NotAllowed,
    require_monitor,
    require_unit_editor,
    require_unit_reader,
)
from tiendo.audit.models import AuditAction
from tiendo.audit.services import audit_record
from tiendo.core.numbers import NumberFormatError, format_number, parse_number
from tiendo.indicators.models import FigureType, Qualifier
from tiendo.indicators.services import (
    FigureRecord,
    figure_differs,
    figures_held,
    figures_record,
)
from tiendo.org.models import OrgUnit, OrgUnitKind
from tiendo.org.selectors import unit_is_valid_on, unit_successors_on
from tiendo.plans.coverage import plan_coverage
from tiendo.plans.models import (
    Plan,
    PlanStatus,
    Target,
    Task,
    TaskStatus,
)
from tiendo.plans.register import RegisterCell, documents_missing_by_unit

from .evidence import EXTENSIONS, evidence_kind_detect
from .models import (
    EDITABLE_STATES,
    REVIEWABLE_STATES,
    Evidence,
    Notification,
    PeriodKind,
    Reminder,
    ReminderTrigger,
    ReportingRound,
    RoundStatus,
    Submission,
    SubmissionFigure,
    SubmissionState,
    SubmissionTask,
)
from .selectors import overdue_tasks_by_unit, round_not_asked

Actor = AbstractBaseUser | AnonymousUser | None


class StaleVersion(Exception):
    """Someone else changed the submission since it was read. `current` is its state now."""

    def __init__(self, current: Submission) -> None:
        self.current = current
        self.message = _(
            "Báo cáo này vừa được người khác thay đổi (hiện ở trạng thái “%(state)s”). "
            "Thay đổi của bạn chưa được lưu; trang hiển thị nội dung mới nhất."
        ) % {"state": current.get_state_display()}
        super().__init__(self.message)


def _user(actor: Actor) -> Any:
    """The acting user for a foreign key, or None for the system (cron, set-up scripts)."""
    return actor if getattr(actor, "is_authenticated", False) else None


def _now() -> dt.datetime:
    return timezone.now()


def _j(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format_number(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


# --- Rounds -----------------------------------------------------------------------------------


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
) -> ReportingRound:
    """Open a round and create one submission per reporting unit with exactly the targets and
    tasks it reports on `opens_on`: those it is the deepest lead of, following the delegations
    (`tiendo.plans.coverage`). Without `units`, every unit that reports something is asked;
    groups and units without a reporter account never are.

    When some targets or tasks would be asked of nobody (uncovered, or their unit not chosen),
    the round is refused with the list unless `uncovered_ok` confirms it."""
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
    if plan.status != PlanStatus.ACTIVE:
        errors["plan"] = _(
            "Chỉ mở đợt báo cáo cho chương trình đang thực hiện (không phải dự thảo hay đã kết thúc)."
        )
    coverage = plan_coverage(plan=plan, on=opens_on)
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
    now = _now()
    rnd = ReportingRound.objects.create(
        plan=plan,
        period_kind=period_kind,
        year=year,
        number=number,
        opens_on=opens_on,
        deadline=deadline,
        created_at=now,
        created_by=_user(actor),
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
    )
    items = {uid: reported.get(uid, ([], [])) for uid in asked}
    figures: list[SubmissionFigure] = []
    tasks: list[SubmissionTask] = []
    for unit in chosen:
        sub = Submission.objects.create(round=rnd, unit=unit, created_at=now, updated_at=now)
        targets, unit_tasks = items.get(unit.pk, ([], []))
        figures += [SubmissionFigure(submission=sub, target=t, year=year) for t in targets]
        tasks += [SubmissionTask(submission=sub, task=t, status=t.status) for t in unit_tasks]
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=sub,
            object_label=f"{unit} – {rnd.period_label()}",
            changes={
                "targets": {"before": None, "after": [t.code for t in targets]},
                "tasks": {"before": None, "after": [t.code for t in unit_tasks]},
            },
            plan_code=plan.code,
        )
    SubmissionFigure.objects.bulk_create(figures)
    SubmissionTask.objects.bulk_create(tasks)
    return rnd


@transaction.atomic
def round_close(*, actor: Actor, reporting_round: ReportingRound) -> ReportingRound:
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
        )
    return reporting_round


# --- Submissions ------------------------------------------------------------------------------


@dataclass
class FigureInput:
    """What a reporter typed for one target (text, as typed). None keeps the saved value."""

    value: str | None = None
    year: str | None = None
    figure_type: str | None = None
    qualifier: str | None = None
    source: str | None = None
    note: str | None = None
    correction_reason: str | None = None


@dataclass
class TaskInput:
    """What a reporter typed for one task. None keeps the saved value."""

    status: str | None = None
    percent_done: str | None = None
    narrative: str | None = None


def _claim(
    *,
    submission: Submission,
    version: int,
    states: Iterable[str],
    actor: Actor,
    **fields: Any,
) -> Submission:
    """UPDATE ... WHERE version = n AND state IN (...): the write only happens when nobody
    else wrote in between. Raises StaleVersion with the current submission otherwise."""
    now = _now()
    user = _user(actor)
    updated = Submission.objects.filter(
        pk=submission.pk, version=version, state__in=list(states)
    ).update(version=F("version") + 1, updated_at=now, updated_by=user, **fields)
    current = Submission.objects.select_related("round__plan", "unit").get(pk=submission.pk)
    if updated != 1:
        raise StaleVersion(current)
    return current


def _is_percent(target: Target) -> bool:
    return target.unit.strip().startswith("%")


def figure_value_parse(*, target: Target, text: str) -> Decimal | None:
    """Read a reported value; raise ValidationError with a Vietnamese message."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        value = parse_number(text)
    except NumberFormatError as exc:
        raise ValidationError(
            _("Chỉ tiêu %(code)s: “%(text)s” không phải là số. Hãy viết như 6.650, 6650 hoặc 3,5.")
            % {"code": target.code, "text": text}
        ) from exc
    if _is_percent(target) and not Decimal(0) <= value <= Decimal(100):
        raise ValidationError(
            _("Chỉ tiêu %(code)s: tỷ lệ (%(unit)s) phải trong khoảng 0 đến 100, không phải %(v)s.")
            % {"code": target.code, "unit": target.unit, "v": format_number(value)}
        )
    if value < 0:
        raise ValidationError(
            _("Chỉ tiêu %(code)s: số liệu không được âm (%(v)s).")
            % {"code": target.code, "v": format_number(value)}
        )
    if abs(value) >= Decimal(10) ** 14:
        raise ValidationError(_("Chỉ tiêu %(code)s: số quá lớn.") % {"code": target.code})
    return value


def _validate_figure(
    item: SubmissionFigure, data: FigureInput, rnd: ReportingRound
) -> tuple[dict[str, Any], dict[str, str]]:
    errors: dict[str, str] = {}
    prefix = f"figure-{item.target_id}"
    code = item.target.code
    values: dict[str, Any] = {}
    if data.value is not None:
        try:
            values["value"] = figure_value_parse(target=item.target, text=data.value)
        except ValidationError as exc:
            errors[f"{prefix}-value"] = exc.messages[0]
    if data.year is not None:
        year_text = data.year.strip() or str(rnd.year)
        if not year_text.isdigit() or int(year_text) != rnd.year:
            errors[f"{prefix}-year"] = _(
                "Chỉ tiêu %(code)s: năm %(y)s nằm ngoài đợt báo cáo (đợt này báo cáo năm %(r)s)."
            ) % {"code": code, "y": year_text, "r": rnd.year}
        else:
            values["year"] = int(year_text)
    if data.figure_type is not None:
        if data.figure_type not in FigureType.values:
            errors[f"{prefix}-figure_type"] = _("Chỉ tiêu %(code)s: loại số liệu không hợp lệ.") % {
                "code": code
            }
        else:
            values["figure_type"] = data.figure_type
    if data.qualifier is not None:
        if data.qualifier not in Qualifier.values:
            errors[f"{prefix}-qualifier"] = _("Chỉ tiêu %(code)s: mức chính xác không hợp lệ.") % {
                "code": code
            }
        else:
            values["qualifier"] = data.qualifier
    for key in ("source", "note", "correction_reason"):
        text = getattr(data, key)
        if text is not None:
            values[key] = text.strip()
    return values, errors


def _validate_task(item: SubmissionTask, data: TaskInput) -> tuple[dict[str, Any], dict[str, str]]:
    errors: dict[str, str] = {}
    prefix = f"task-{item.task_id}"
    code = item.task.code
    values: dict[str, Any] = {}
    if data.narrative is not None:
        values["narrative"] = data.narrative.strip()
    if data.status is not None:
        if data.status not in TaskStatus.values:
            errors[f"{prefix}-status"] = _("Nhiệm vụ %(code)s: tình trạng không hợp lệ.") % {
                "code": code
            }
        else:
            values["status"] = data.status
    if data.percent_done is not None:
        text = data.percent_done.strip().rstrip("%").strip()
        if not text:
            values["percent_done"] = None
        else:
            try:
                pct: Decimal | None = parse_number(text)
            except NumberFormatError:
                pct = None
            if pct is None or pct != pct.to_integral_value() or not 0 <= pct <= 100:
                errors[f"{prefix}-percent_done"] = _(
                    "Nhiệm vụ %(code)s: phần trăm hoàn thành phải là số nguyên từ 0 đến 100, không phải “%(t)s”."
                ) % {"code": code, "t": data.percent_done}
            else:
                values["percent_done"] = int(pct)
    status = values.get("status", item.status)
    percent = values.get("percent_done", item.percent_done)
    if (
        status == TaskStatus.DONE
        and percent not in (None, 100)
        and f"{prefix}-percent_done" not in errors
    ):
        errors[f"{prefix}-percent_done"] = _(
            "Nhiệm vụ %(code)s: đã hoàn thành thì phần trăm hoàn thành là 100."
        ) % {"code": code}
    return values, errors


FIGURE_FIELDS = ("value", "year", "figure_type", "qualifier", "source", "note", "correction_reason")
TASK_FIELDS = ("status", "percent_done", "narrative")


@transaction.atomic
def submission_save(
    *,
    actor: Actor,
    submission: Submission,
    version: int | None,
    figures: Mapping[int, FigureInput] | None = None,
    tasks: Mapping[int, TaskInput] | None = None,
) -> Submission:
    """Save the draft: figures keyed by target id, task reports keyed by task id. Validates
    everything first; on any error raises ValidationError (a dict keyed "figure-<target id>-
    <field>" / "task-<task id>-<field>") and changes nothing. `version` is the version the
    caller read (StaleVersion if someone wrote since); None writes over the current version,
    the row locked first so that concurrent overwrites each see the one before."""
    require_unit_editor(actor, submission.unit_id)
    if version is None:
        version = (
            Submission.objects.select_for_update()
            .values_list("version", flat=True)
            .get(pk=submission.pk)
        )
    rnd = submission.round
    figure_items = {
        f.target_id: f
        for f in SubmissionFigure.objects.select_related("target").filter(submission=submission)
    }
    task_items = {
        t.task_id: t
        for t in SubmissionTask.objects.select_related("task").filter(submission=submission)
    }
    errors: dict[str, str] = {}
    figure_changes: list[tuple[SubmissionFigure, dict[str, Any]]] = []
    task_changes: list[tuple[SubmissionTask, dict[str, Any]]] = []
    for target_id, data in (figures or {}).items():
        item = figure_items.get(int(target_id))
        if item is None:
            raise NotAllowed(_("Chỉ tiêu này không được giao cho đơn vị của bạn trong đợt này."))
        values, errs = _validate_figure(item, data, rnd)
        errors.update(errs)
        figure_changes.append((item, values))
    for task_id, tdata in (tasks or {}).items():
        titem = task_items.get(int(task_id))
        if titem is None:
            raise NotAllowed(_("Nhiệm vụ này không được giao cho đơn vị của bạn trong đợt này."))
        values, errs = _validate_task(titem, tdata)
        errors.update(errs)
        task_changes.append((titem, values))
    if errors:
        raise ValidationError(errors)
    current = _claim(submission=submission, version=version, states=EDITABLE_STATES, actor=actor)
    changes: dict[str, Any] = {}
    for item, values in figure_changes:
        diff = {k: v for k, v in values.items() if getattr(item, k) != v}
        if diff:
            for key, value in diff.items():
                changes[f"{item.target.code}.{key}"] = {
                    "before": _j(getattr(item, key)),
                    "after": _j(value),
                }
                setattr(item, key, value)
            item.save(update_fields=list(diff))
    for titem, values in task_changes:
        diff = {k: v for k, v in values.items() if getattr(titem, k) != v}
        if diff:
            for key, value in diff.items():
                changes[f"{titem.task.code}.{key}"] = {
                    "before": _j(getattr(titem, key)),
                    "after": _j(value),
                }
                setattr(titem, key, value)
            titem.save(update_fields=list(diff))
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=current,
        changes=changes,
        plan_code=rnd.plan.code,
    )
    return current


def _figure_items(submission: Submission) -> list[SubmissionFigure]:
    return list(
        SubmissionFigure.objects.select_related("target").filter(
            submission=submission, value__isnull=False
        )
    )


def _figure_records(
    submission: Submission, items: Sequence[SubmissionFigure]
) -> list[FigureRecord]:
    """The reported figures as figures of their targets' indicators in the plan's area."""
    area_id = submission.round.plan.area_id
    assert area_id is not None, "a plan in force has an area (constraint plan_area_when_active)"
    records = []
    for item in items:
        assert item.value is not None and item.target.indicator_ref_id is not None
        records.append(
            FigureRecord(
                indicator_id=item.target.indicator_ref_id,
                area_id=area_id,
                year=item.year,
                value=item.value,
                figure_type=item.figure_type,
                qualifier=item.qualifier,
                source=item.source,
                note=item.note,
                reported_by_id=submission.unit_id,
                correction_reason=item.correction_reason,
                label=f"Chỉ tiêu {item.target.code} năm {item.year}",
            )
        )
    return records


def _correction_errors(submission: Submission) -> dict[str, str]:
    """A reported figure that differs from an accepted one for the same indicator, area, year
    and type is a correction: it needs its reason."""
    errors: dict[str, str] = {}
    items = _figure_items(submission)
    records = _figure_records(submission, items)
    held = figures_held(records)
    for item, record in zip(items, records, strict=True):
        existing = held.get(record.key)
        if existing is not None and figure_differs(existing, record) and not item.correction_reason:
            errors[f"figure-{item.target_id}-correction_reason"] = _(
                "Chỉ tiêu %(code)s: năm %(y)s đã có số liệu được chấp nhận (%(v)s); số mới là đính chính, "
                "hãy ghi lý do đính chính."
            ) % {"code": item.target.code, "y": item.year, "v": format_number(existing.value)}
    return errors


@transaction.atomic
def submission_submit(*, actor: Actor, submission: Submission, version: int) -> Submission:
    """Send the report to the office: draft → submitted, returned → resubmitted."""
    require_unit_editor(actor, submission.unit_id)
    errors = _correction_errors(submission)
    if errors:
        raise ValidationError(errors)
    before = submission.state
    if before not in EDITABLE_STATES:
        current = Submission.objects.select_related("round__plan", "unit").get(pk=submission.pk)
        raise StaleVersion(current)
    after = (
        SubmissionState.SUBMITTED
        if before == SubmissionState.DRAFT
        else SubmissionState.RESUBMITTED
    )
    current = _claim(
        submission=submission,
        version=version,
        states=[before],
        actor=actor,
        state=after,
        submitted_at=_now(),
    )
    audit_record(
        actor=actor,
        action=AuditAction.STATE,
        obj=current,
        changes={"state": {"before": before, "after": after.value}},
        plan_code=current.round.plan.code,
    )
    return current


@transaction.atomic
def submission_return(
    *, actor: Actor, submission: Submission, version: int, reason: str
) -> Submission:
    """The office sends the report back with a reason."""
    require_monitor(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Cần ghi lý do trả lại để đơn vị biết phải sửa gì.")})
    before = submission.state
    current = _claim(
        submission=submission,
        version=version,
        states=REVIEWABLE_STATES,
        actor=actor,
        state=SubmissionState.RETURNED,
        return_reason=reason,
        returned_at=_now(),
        reviewed_by=actor,
    )
    audit_record(
        actor=actor,
        action=AuditAction.STATE,
        obj=current,
        changes={"state": {"before": before, "after": SubmissionState.RETURNED.value}},
        reason=reason,
        plan_code=current.round.plan.code,
    )
    with translation.override(settings.LANGUAGE_CODE):  # stored text: the official language
        _notify_unit(
            unit=current.unit,
            submission=current,
            subject=_("Báo cáo %(p)s bị trả lại") % {"p": current.round.period_label()},
            body=_("Văn phòng trả lại báo cáo của đơn vị. Lý do: %(r)s") % {"r": reason},
        )
    return current


@transaction.atomic
def submission_accept(*, actor: Actor, submission: Submission, version: int) -> Submission:
    """The office accepts the report: each reported figure becomes an accepted Figure (a
    correction of an earlier accepted one when there is one for the same target, year and
    type; never an overwrite) and the tasks take the reported status."""
    require_monitor(actor)
    before = submission.state
    now = _now()
    current = _claim(
        submission=submission,
        version=version,
        states=REVIEWABLE_STATES,
        actor=actor,
        state=SubmissionState.ACCEPTED,
        accepted_at=now,
        reviewed_by=actor,
    )
    plan_code = current.round.plan.code
    items = _figure_items(current)
    recorded = figures_record(
        records=_figure_records(current, items),
        actor=actor,
        reason=_("Số liệu mới của %(u)s trong đợt %(p)s")
        % {"u": current.unit, "p": current.round.period_label()},
        plan_code=plan_code,
        accepted_at=now,
    )
    new_ids = {f.pk for f in [*recorded.created, *recorded.corrected]}
    created = []
    for item, figure in zip(items, recorded.figures, strict=True):
        item.figure = figure
        if figure is not None and figure.pk in new_ids:
            created.append(item.target.code)
    SubmissionFigure.objects.bulk_update(items, ["figure"])
    for titem in SubmissionTask.objects.select_related("task").filter(submission=current):
        task = titem.task
        if task.status != titem.status:
            old = task.status
            Task.objects.filter(pk=task.pk).update(status=titem.status)
            audit_record(
                actor=actor,
                action=AuditAction.UPDATE,
                obj=task,
                changes={"status": {"before": old, "after": titem.status}},
                reason=_("Theo báo cáo đã chấp nhận của %(u)s") % {"u": current.unit},
                plan_code=plan_code,
            )
    audit_record(
        actor=actor,
        action=AuditAction.STATE,
        obj=current,
        changes={
            "state": {"before": before, "after": SubmissionState.ACCEPTED.value},
            "figures": {"before": None, "after": created},
        },
        plan_code=plan_code,
    )
    with translation.override(settings.LANGUAGE_CODE):  # stored text: the official language
        _notify_unit(
            unit=current.unit,
            submission=current,
            subject=_("Báo cáo %(p)s đã được chấp nhận") % {"p": current.round.period_label()},
            body=_("Văn phòng đã chấp nhận báo cáo của đơn vị."),
        )
    return current


# --- Evidence ---------------------------------------------------------------------------------


def _max_bytes() -> int:
    return int(getattr(settings, "TIENDO_EVIDENCE_MAX_BYTES", 20 * 1024 * 1024))


def evidence_validate(*, upload: UploadedFile) -> str:
    """The kind of an uploaded file; ValidationError when it is too big, empty, of a kind not
    accepted, or not what its name says."""
    name = os.path.basename(upload.name or "")
    size = int(upload.size or 0)
    limit = _max_bytes()
    if size <= 0:
        raise ValidationError({"file": _("Tệp “%(n)s” rỗng.") % {"n": name}})
    if size > limit:
        raise ValidationError(
            {
                "file": _("Tệp “%(n)s” quá lớn (%(s)s MB); chỉ nhận tệp tới %(l)s MB.")
                % {
                    "n": name,
                    "s": format_number(Decimal(size) / (1024 * 1024), 1),
                    "l": format_number(Decimal(limit) / (1024 * 1024)),
                }
            }
        )
    kind = evidence_kind_detect(upload.file)  # type: ignore[arg-type]
    if kind is None:
        raise ValidationError(
            {
                "file": _(
                    "Tệp “%(n)s” không phải PDF, Word (.docx), Excel (.xlsx), JPEG hay PNG (kiểm tra theo nội dung tệp)."
                )
                % {"n": name}
            }
        )
    ext = os.path.splitext(name)[1].lower()
    if ext not in EXTENSIONS[kind]:  # type: ignore[index]
        raise ValidationError(
            {
                "file": _(
                    "Tệp “%(n)s” có tên đuôi %(e)s nhưng nội dung là %(k)s: tệp không đúng như tên gọi."
                )
                % {"n": name, "e": ext or _("(không có)"), "k": kind.upper()}
            }
        )
    return str(kind)


@transaction.atomic
def evidence_add(*, actor: Actor, submission: Submission, upload: UploadedFile) -> Evidence:
    require_unit_editor(actor, submission.unit_id)
    kind = evidence_validate(upload=upload)
    # The submission must still be editable when the file is attached.
    locked = Submission.objects.filter(pk=submission.pk, state__in=list(EDITABLE_STATES)).update(
        updated_at=_now()
    )
    if locked != 1:
        raise StaleVersion(
            Submission.objects.select_related("round__plan", "unit").get(pk=submission.pk)
        )
    name = os.path.basename(upload.name or "tep")[:200]
    evidence = Evidence(
        submission=submission,
        name=name,
        kind=kind,
        size=int(upload.size or 0),
        uploaded_at=_now(),
        uploaded_by=_user(actor),
    )
    evidence.file.save(name, upload, save=False)
    evidence.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=evidence,
        changes={
            "name": {"before": None, "after": name},
            "kind": {"before": None, "after": kind},
            "size": {"before": None, "after": evidence.size},
            "submission": {"before": None, "after": submission.pk},
        },
        plan_code=submission.round.plan.code,
    )
    return evidence


@transaction.atomic
def evidence_delete(*, actor: Actor, evidence: Evidence) -> None:
    submission = evidence.submission
    require_unit_editor(actor, submission.unit_id)
    if submission.state not in EDITABLE_STATES:
        raise NotAllowed(_("Báo cáo đã gửi; không thể xóa tài liệu kèm theo."))
    audit_record(
        actor=actor,
        action=AuditAction.DELETE,
        obj=evidence,
        changes={"name": {"before": evidence.name, "after": None}},
        plan_code=submission.round.plan.code,
    )
    stored = evidence.file.name
    storage = evidence.file.storage
    evidence.delete()
    if stored:
        transaction.on_commit(lambda: storage.delete(stored))


def evidence_open(*, actor: Actor, evidence: Evidence) -> Any:
    """The file, for download, when the actor may read the submission."""
    require_unit_reader(actor, evidence.submission.unit_id)
    return evidence.file.open("rb")


# --- Urging -----------------------------------------------------------------------------------


def _unit_recipients(unit_ids: Sequence[int]) -> dict[int, list[Any]]:
    users: dict[int, list[Any]] = {uid: [] for uid in unit_ids}
    for user in (
        get_user_model()
        .objects.filter(
            is_active=True, profile__unit_id__in=list(unit_ids), profile__role=Role.REPORTER
        )
        .select_related("profile")
    ):
        users[int(user.profile.unit_id or 0)].append(user)
    return users


def _notify_unit(
    *,
    unit: OrgUnit,
    submission: Submission | None,
    subject: str,
    body: str,
    reminder: Reminder | None = None,
) -> list[Notification]:
    now = _now()
    notes = [
        Notification(
            user=user,
            submission=submission,
            reminder=reminder,
            subject=subject[:300],
            body=body,
            created_at=now,
        )
        for user in _unit_recipients([unit.pk])[unit.pk]
    ]
    return Notification.objects.bulk_create(notes)


def _digest(
    *,
    rnd: ReportingRound,
    submission: Submission | None,
    overdue: Sequence[Task],
    today: dt.date,
    documents: Sequence[RegisterCell] = (),
) -> tuple[str, str]:
    """The reminder's subject and text, in the official language whoever sends it."""
    with translation.override(settings.LANGUAGE_CODE):
        return _digest_text(
            rnd=rnd, submission=submission, overdue=overdue, today=today, documents=documents
        )


def _digest_text(
    *,
    rnd: ReportingRound,
    submission: Submission | None,
    overdue: Sequence[Task],
    today: dt.date,
    documents: Sequence[RegisterCell] = (),
) -> tuple[str, str]:
    lines = [
        _("Kính gửi %(u)s,") % {"u": submission.unit if submission else ""},
        "",
        _("Văn phòng Tỉnh ủy đôn đốc đợt báo cáo: %(p)s — %(plan)s.")
        % {"p": rnd.period_label(), "plan": rnd.plan},
        _("Hạn nộp: %(d)s.") % {"d": rnd.deadline.strftime("%d/%m/%Y")},
    ]
    if submission is not None:
        if submission.state == SubmissionState.DRAFT:
            lines.append(
                _("Đơn vị chưa gửi báo cáo; đã quá hạn %(n)s ngày.")
                % {"n": (today - rnd.deadline).days}
                if today > rnd.deadline
                else _("Đơn vị chưa gửi báo cáo.")
            )
        elif submission.state == SubmissionState.RETURNED:
            lines.append(
                _("Báo cáo bị trả lại và chưa gửi lại. Lý do: %(r)s")
                % {"r": submission.return_reason}
            )
    if overdue:
        lines.append("")
        lines.append(_("Nhiệm vụ chậm tiến độ (quá hạn, hoặc chưa triển khai khi đã đến lúc):"))
        lines += [
            f"  - {t.code}: {t.text[:160]}"
            + (f" (hạn {t.due_date:%d/%m/%Y})" if t.due_date else "")
            for t in overdue
        ]
    if documents:
        lines.append("")
        lines.append(_("Văn bản triển khai chưa ban hành, đã quá hạn:"))
        lines += [
            "  - "
            + (
                _("Chương trình %(n)s") % {"n": c.program.number}
                if c.program
                else _("toàn chương trình")
            )
            + ": "
            + _("hạn %(d)s, quá hạn %(k)s ngày") % {"d": f"{c.due:%d/%m/%Y}", "k": c.days}
            for c in documents
        ]
        lines.append(
            _(
                "Khi đã ban hành, đề nghị đơn vị ghi văn bản vào mục “Văn bản triển khai” của tiendo."
            )
        )
    lines += [
        "",
        _("Đề nghị đơn vị đăng nhập tiendo, mục “Việc của đơn vị”, để nhập và gửi báo cáo."),
    ]
    subject = _("[tiendo] Đôn đốc báo cáo %(p)s") % {"p": rnd.period_label()}
    return subject, "\n".join(lines)


def units_needing_urge(
    *, reporting_round: ReportingRound, today: dt.date | None = None
) -> list[int]:
    """Units that have not submitted, or were returned and have not resubmitted, or have
    overdue tasks, or owe implementing documents past their deadline."""
    today = today or timezone.localdate()
    waiting = set(
        Submission.objects.filter(
            round=reporting_round, state__in=[SubmissionState.DRAFT, SubmissionState.RETURNED]
        ).values_list("unit_id", flat=True)
    )
    unit_ids = list(reporting_round.units.values_list("pk", flat=True))
    overdue = overdue_tasks_by_unit(plan=reporting_round.plan, unit_ids=unit_ids, today=today)
    missing = documents_missing_by_unit(plan=reporting_round.plan, unit_ids=unit_ids, today=today)
    return sorted(uid for uid in unit_ids if uid in waiting or overdue.get(uid) or missing.get(uid))


@transaction.atomic
def units_urge(
    *,
    actor: Actor,
    reporting_round: ReportingRound,
    unit_ids: Sequence[int],
    trigger: ReminderTrigger | str = ReminderTrigger.MANUAL,
    today: dt.date | None = None,
    check_actor: bool = True,
) -> list[Reminder]:
    """Send one digest per selected unit (e-mail + in-app notification) and record it. Units
    with nothing to urge are skipped. `check_actor=False` is for `tiendo remind` (cron)."""
    if check_actor:
        require_monitor(actor)
    today = today or timezone.localdate()
    wanted = set(int(u) for u in unit_ids)
    needing = set(units_needing_urge(reporting_round=reporting_round, today=today))
    chosen = sorted(wanted & needing)
    if not chosen:
        return []
    units = {u.pk: u for u in OrgUnit.objects.filter(pk__in=chosen)}
    subs = {
        s.unit_id: s
        for s in Submission.objects.select_related("unit").filter(
            round=reporting_round, unit_id__in=chosen
        )
    }
    overdue = overdue_tasks_by_unit(plan=reporting_round.plan, unit_ids=chosen, today=today)
    missing = documents_missing_by_unit(plan=reporting_round.plan, unit_ids=chosen, today=today)
    recipients = _unit_recipients(chosen)
    now = _now()
    user = _user(actor)
    reminders: list[Reminder] = []
    for uid in chosen:
        unit = units[uid]
        sub = subs.get(uid)
        subject, body = _digest(
            rnd=reporting_round,
            submission=sub,
            overdue=overdue.get(uid, []),
            today=today,
            documents=missing.get(uid, []),
        )
        if sub is None:
            with translation.override(settings.LANGUAGE_CODE):
                body = body.replace(_("Kính gửi ,"), _("Kính gửi %(u)s,") % {"u": unit})
        emails = sorted(
            {u.email for u in recipients[uid] if u.email} | ({unit.email} if unit.email else set())
        )
        reminder = Reminder.objects.create(
            round=reporting_round,
            unit=unit,
            trigger=trigger,
            sent_at=now,
            for_date=today,
            sent_by=user,
            recipients=emails,
            subject=subject[:300],
            body=body,
        )
        _notify_unit(unit=unit, submission=sub, subject=subject, body=body, reminder=reminder)
        if emails:
            # Sent inside the transaction: when the mail server refuses, nothing is recorded.
            send_mail(subject, body, None, emails, fail_silently=False)
        audit_record(
            actor=actor,
            action=AuditAction.SEND,
            obj=reminder,
            changes={
                "unit": {"before": None, "after": unit.code},
                "recipients": {"before": None, "after": emails},
                "trigger": {"before": None, "after": str(trigger)},
            },
            plan_code=reporting_round.plan.code,
        )
        reminders.append(reminder)
    return reminders


def reminders_due_send(
    *, today: dt.date | None = None, round_id: int | None = None, days_before: int = 3
) -> list[Reminder]:
    """For cron (`tiendo remind`): `days_before` days before a round's deadline, urge the units
    that have not submitted; after the deadline, urge the late ones (once a day)."""
    today = today or timezone.localdate()
    rounds = ReportingRound.objects.select_related("plan").filter(status=RoundStatus.OPEN)
    if round_id is not None:
        rounds = rounds.filter(pk=round_id)
    sent: list[Reminder] = []
    for rnd in rounds:
        if today > rnd.deadline:
            trigger = ReminderTrigger.OVERDUE
        elif (rnd.deadline - today).days == days_before:
            trigger = ReminderTrigger.BEFORE_DEADLINE
        else:
            continue
        already = set(
            Reminder.objects.filter(round=rnd, trigger=trigger, for_date=today).values_list(
                "unit_id", flat=True
            )
        )
        due = [u for u in units_needing_urge(reporting_round=rnd, today=today) if u not in already]
        if trigger == ReminderTrigger.BEFORE_DEADLINE:
            waiting = set(
                Submission.objects.filter(
                    round=rnd, state__in=[SubmissionState.DRAFT, SubmissionState.RETURNED]
                ).values_list("unit_id", flat=True)
            )
            due = [u for u in due if u in waiting]
        sent += units_urge(
            actor=None,
            reporting_round=rnd,
            unit_ids=due,
            trigger=trigger,
            today=today,
            check_actor=False,
        )
    return sent


@transaction.atomic
def notification_mark_read(*, actor: Actor, notification: Notification) -> Notification:
    if notification.user_id != getattr(actor, "pk", None):
        raise NotAllowed(_("Đây không phải thông báo của bạn."))
    if notification.read_at is None:
        notification.read_at = _now()
        notification.save(update_fields=["read_at"])
    return notification


__all__ = [
    "FigureInput",
    "IntegrityError",
    "StaleVersion",
    "TaskInput",
    "evidence_add",
    "evidence_delete",
    "evidence_open",
    "notification_mark_read",
    "reminders_due_send",
    "round_close",
    "round_open",
    "submission_accept",
    "submission_return",
    "submission_save",
    "submission_submit",
    "units_urge",
]
