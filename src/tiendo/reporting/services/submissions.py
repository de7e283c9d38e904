"""A submission's life: save the draft, submit it, and the office returns or accepts it.
Acceptance turns the reported figures into accepted figures (`figures_record`) and gives the
tasks their reported status.

Submissions use an optimistic version check: a write names the version it read, the service
runs UPDATE ... WHERE version = n, and raises `StaleVersion` when someone else wrote first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import translation
from django.utils.translation import gettext as _

from tiendo.accounts.permissions import NotAllowed, require_monitor, require_unit_editor
from tiendo.audit.models import AuditAction
from tiendo.audit.services import audit_record
from tiendo.core.numbers import format_number
from tiendo.indicators.services import (
    FigureRecord,
    figure_differs,
    figures_held,
    figures_record,
)
from tiendo.plans.models import Task

from ..models import (
    EDITABLE_STATES,
    REVIEWABLE_STATES,
    Submission,
    SubmissionFigure,
    SubmissionState,
    SubmissionTask,
)
from ._common import Actor, StaleVersion, _j, _now, _user
from .inputs import FigureInput, TaskInput, _validate_figure, _validate_task
from .notifications import _notify_unit


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


@transaction.atomic
def submission_save(
    *,
    actor: Actor,
    submission: Submission,
    version: int,
    figures: Mapping[int, FigureInput] | None = None,
    tasks: Mapping[int, TaskInput] | None = None,
) -> Submission:
    """Save the draft: figures keyed by target id, task reports keyed by task id. Validates
    everything first; on any error raises ValidationError (a dict keyed "figure-<target id>-
    <field>" / "task-<task id>-<field>") and changes nothing."""
    require_unit_editor(actor, submission.unit_id)
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
