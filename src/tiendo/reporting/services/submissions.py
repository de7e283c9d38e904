"""A submission's life before the office accepts it: the unit saves its draft and submits it,
the office may return it with a reason. Acceptance is in `acceptance`.

Each step has a bulk form (`submissions_save`, `submissions_submit`, `submissions_return`) that
does the same for many submissions at once in a fixed number of queries, and the form the pages
and the API use for one submission (`submission_save`, ...), which calls it: one definition of
each rule, used by the pages, the API and the demo data alike.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from tiendo.accounts.permissions import NotAllowed, require_monitor, require_unit_editor
from tiendo.audit.models import AuditAction
from tiendo.audit.services import AuditRow, audit_record_many, audit_row
from tiendo.core.db import rows_update
from tiendo.core.numbers import format_number
from tiendo.indicators.services import FigureRecord, figure_differs, figures_held

from ..models import (
    EDITABLE_STATES,
    REVIEWABLE_STATES,
    Submission,
    SubmissionFigure,
    SubmissionState,
    SubmissionTask,
)
from ._common import (
    Actor,
    StaleVersion,
    SubmissionStep,
    _claim_many,
    _j,
    _now,
    _submissions_reload,
)
from .inputs import FigureInput, TaskInput, _validate_figure, _validate_task
from .notifications import Notice, _notify_units, office_notify_sent


@dataclass(frozen=True, kw_only=True)
class SubmissionDraft(SubmissionStep):
    """What a reporter saves: figures keyed by target id, task reports keyed by task id; with
    `submit`, the saved report is also sent to the office in the same step."""

    figures: Mapping[int, FigureInput] = field(default_factory=dict)
    tasks: Mapping[int, TaskInput] = field(default_factory=dict)
    submit: bool = False


Change = tuple[SubmissionFigure | SubmissionTask, str, dict[str, Any]]


def _draft_changes(
    draft: SubmissionDraft,
    figure_items: Mapping[int, SubmissionFigure],
    task_items: Mapping[int, SubmissionTask],
) -> list[Change]:
    """The checked values of one draft, item by item (with the code the audit log names it
    by). Raises NotAllowed for an item not assigned to the unit in this round, and
    ValidationError with every message of the draft."""
    rnd = draft.submission.round
    errors: dict[str, str] = {}
    changes: list[Change] = []
    for target_id, data in draft.figures.items():
        item = figure_items.get(int(target_id))
        if item is None:
            raise NotAllowed(_("Chỉ tiêu này không được giao cho đơn vị của bạn trong đợt này."))
        values, errs = _validate_figure(item, data, rnd)
        errors.update(errs)
        changes.append((item, item.target.code, values))
    for task_id, tdata in draft.tasks.items():
        titem = task_items.get(int(task_id))
        if titem is None:
            raise NotAllowed(_("Nhiệm vụ này không được giao cho đơn vị của bạn trong đợt này."))
        values, errs = _validate_task(titem, tdata)
        errors.update(errs)
        changes.append((titem, titem.task.code, values))
    if errors:
        raise ValidationError(errors)
    return changes


def _change_apply(item: Any, code: str, values: dict[str, Any], log: dict[str, Any]) -> set[str]:
    """Set the values that differ on the item; note them in `log` ("<code>.<field>": before,
    after). Returns the fields changed."""
    diff = {k: v for k, v in values.items() if getattr(item, k) != v}
    for key, value in diff.items():
        log[f"{code}.{key}"] = {"before": _j(getattr(item, key)), "after": _j(value)}
        setattr(item, key, value)
    return set(diff)


# What the checks, the audit log and the accepted figures read of a reported item and of its
# target or task: a target has many more columns (four decimals among them), and reading only
# these keeps a round of reports cheap.
FIGURE_ITEM = (
    *("submission", "target", "year", "value", "figure_type", "qualifier", "source", "note"),
    *("correction_reason", "figure", "target__code", "target__unit", "target__indicator_ref"),
)
TASK_ITEM = (
    *("submission", "task", "status", "percent_done", "narrative"),
    *("task__code", "task__text", "task__status"),
)


# Each submission's items in the plan's order; the callers group them by submission, so the
# submissions' own order (by round and unit name: three more joins and a sort) is not asked for.
def _figure_items(submission_ids: Sequence[int]) -> Any:
    return (
        SubmissionFigure.objects.select_related("target")
        .only(*FIGURE_ITEM)
        .filter(submission_id__in=list(submission_ids))
        .order_by("submission_id", "target__position")
    )


def _task_items(submission_ids: Sequence[int]) -> Any:
    return (
        SubmissionTask.objects.select_related("task")
        .only(*TASK_ITEM)
        .filter(submission_id__in=list(submission_ids))
        .order_by("submission_id", "task__position")
    )


def _unchanged(changes: Sequence[Change]) -> bool:
    return all(getattr(item, k) == v for item, _code, values in changes for k, v in values.items())


def _sent_state(before: str) -> SubmissionState:
    return (
        SubmissionState.SUBMITTED
        if before == SubmissionState.DRAFT
        else SubmissionState.RESUBMITTED
    )


@transaction.atomic
def submissions_save(*, drafts: Sequence[SubmissionDraft]) -> list[Submission]:
    """Save drafts. Checks every value of every draft first; on an error raises ValidationError
    for the first draft that has one (a dict keyed "figure-<target id>-<field>" /
    "task-<task id>-<field>") and changes nothing. One audit entry per submission saved. A
    draft that differs in nothing from what is saved (and is not sent) makes no new version
    and no audit entry. A draft with `submit` is saved and sent in one step: one new version,
    not one for the save and one for the sending; when it cannot be sent (a correction without
    its reason), nothing is saved."""
    for draft in drafts:
        require_unit_editor(draft.actor, draft.submission.unit_id)
    ids = [d.submission.pk for d in drafts]
    figure_items: dict[int, dict[int, SubmissionFigure]] = defaultdict(dict)
    for item in _figure_items(ids):
        figure_items[item.submission_id][item.target_id] = item
    task_items: dict[int, dict[int, SubmissionTask]] = defaultdict(dict)
    for titem in _task_items(ids):
        task_items[titem.submission_id][titem.task_id] = titem
    planned = [
        _draft_changes(d, figure_items[d.submission.pk], task_items[d.submission.pk])
        for d in drafts
    ]
    idle = {
        d.submission.pk
        for d, changes in zip(drafts, planned, strict=True)
        if not d.submit and _unchanged(changes)
    }
    kept: dict[int, Submission] = {}
    if idle:
        # Nothing typed differs from what is saved: no new version, no audit entry.
        for draft, sub in zip(
            [d for d in drafts if d.submission.pk in idle],
            _submissions_reload([d.submission for d in drafts if d.submission.pk in idle]),
            strict=True,
        ):
            if sub.version != draft.version or sub.state not in EDITABLE_STATES:
                raise StaleVersion(sub)
            kept[sub.pk] = sub
        drafts_all = drafts
        pairs = [
            (d, c) for d, c in zip(drafts, planned, strict=True) if d.submission.pk not in idle
        ]
        drafts = [d for d, _c in pairs]
        planned = [c for _d, c in pairs]
    else:
        drafts_all = drafts
    current = _claim_many([(d, EDITABLE_STATES, {}) for d in drafts])
    changed: dict[Any, tuple[list[Any], set[str]]] = {
        SubmissionFigure: ([], set()),
        SubmissionTask: ([], set()),
    }
    audits: list[AuditRow] = []
    for draft, changes, sub in zip(drafts, planned, current, strict=True):
        log: dict[str, Any] = {}
        for item, code, values in changes:
            fields = _change_apply(item, code, values, log)
            if fields:
                changed[type(item)][0].append(item)
                changed[type(item)][1].update(fields)
        audits.append(
            audit_row(
                actor=draft.actor,
                action=AuditAction.UPDATE,
                obj=sub,
                changes=log,
                plan_code=sub.round.plan.code,
                at=draft.at,
            )
        )
    for model, (items, fields) in changed.items():
        names = sorted(fields)
        rows = [[getattr(item, name) for name in names] + [item.pk] for item in items]
        rows_update(model, fields=names, rows=rows)
    sending = [(d, sub) for d, sub in zip(drafts, current, strict=True) if d.submit]
    if sending:
        errors = _correction_errors([sub for _d, sub in sending])
        for _d, sub in sending:
            if errors.get(sub.pk):
                raise ValidationError(errors[sub.pk])  # the whole step is undone
        now = _now()
        state_rows = []
        for draft, sub in sending:
            before = sub.state
            sub.state, sub.submitted_at = _sent_state(before), draft.at or now
            state_rows.append([sub.state, sub.submitted_at, sub.pk])
            audits.append(
                audit_row(
                    actor=draft.actor,
                    action=AuditAction.STATE,
                    obj=sub,
                    changes={"state": {"before": before, "after": sub.state.value}},
                    plan_code=sub.round.plan.code,
                    at=draft.at,
                )
            )
        rows_update(Submission, fields=("state", "submitted_at"), rows=state_rows)
    audit_record_many(rows=audits)
    if sending:
        office_notify_sent(
            submissions=[sub for _d, sub in sending], at=[d.at for d, _sub in sending]
        )
    saved = {sub.pk: sub for sub in current}
    return [kept.get(d.submission.pk) or saved[d.submission.pk] for d in drafts_all]


@transaction.atomic
def submission_save(
    *,
    actor: Actor,
    submission: Submission,
    version: int | None,
    figures: Mapping[int, FigureInput] | None = None,
    tasks: Mapping[int, TaskInput] | None = None,
    submit: bool = False,
) -> Submission:
    """Save the draft: figures keyed by target id, task reports keyed by task id. Validates
    everything first; on any error raises ValidationError (a dict keyed "figure-<target id>-
    <field>" / "task-<task id>-<field>") and changes nothing. `version` is the version the
    caller read (StaleVersion if someone wrote since); None writes over the current version,
    the row locked first so that concurrent overwrites each see the one before. With
    `submit`, the saved report is also sent to the office, in the same step: one new version,
    not one for the save and one for the sending (nothing is saved when it cannot be sent)."""
    if version is None:
        require_unit_editor(actor, submission.unit_id)
        version = (
            Submission.objects.select_for_update()
            .values_list("version", flat=True)
            .get(pk=submission.pk)
        )
    draft = SubmissionDraft(
        submission=submission,
        version=version,
        actor=actor,
        figures=figures or {},
        tasks=tasks or {},
        submit=submit,
    )
    return submissions_save(drafts=[draft])[0]


def _figure_items_many(submissions: Sequence[Submission]) -> dict[int, list[SubmissionFigure]]:
    """The reported figures (with a value) of each submission, in the order of the plan, of
    the targets measured by an indicator (a value typed for a qualitative target before such
    values were refused stays in the report but becomes no figure)."""
    result: dict[int, list[SubmissionFigure]] = {s.pk: [] for s in submissions}
    items = _figure_items(list(result)).filter(
        value__isnull=False, target__indicator_ref__isnull=False
    )
    for item in items:
        result[item.submission_id].append(item)
    return result


def _figure_records(
    submission: Submission, items: Sequence[SubmissionFigure], **extra: Any
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
                **extra,
            )
        )
    return records


def _correction_errors(submissions: Sequence[Submission]) -> dict[int, dict[str, str]]:
    """By submission: a reported figure that differs from an accepted one for the same
    indicator, area, year and type is a correction: it needs its reason."""
    items = _figure_items_many(submissions)
    pairs = [
        (sub.pk, item, record)
        for sub in submissions
        for item, record in zip(items[sub.pk], _figure_records(sub, items[sub.pk]), strict=True)
    ]
    held = figures_held([record for _s, _i, record in pairs])
    errors: dict[int, dict[str, str]] = defaultdict(dict)
    for sub_id, item, record in pairs:
        existing = held.get(record.key)
        if existing is not None and figure_differs(existing, record) and not item.correction_reason:
            errors[sub_id][f"figure-{item.target_id}-correction_reason"] = _(
                "Chỉ tiêu %(code)s: năm %(y)s đã có số liệu được chấp nhận (%(v)s); số mới là đính chính, "
                "hãy ghi lý do đính chính."
            ) % {"code": item.target.code, "y": item.year, "v": format_number(existing.value)}
    return errors


def _state_audit(
    step: SubmissionStep,
    sub: Submission,
    after: str,
    *,
    reason: str = "",
    changes: dict[str, Any] | None = None,
) -> AuditRow:
    """The audit entry of a change of state, from the state the step read."""
    return audit_row(
        actor=step.actor,
        action=AuditAction.STATE,
        obj=sub,
        changes={"state": {"before": step.submission.state, "after": after}, **(changes or {})},
        reason=reason,
        plan_code=sub.round.plan.code,
        at=step.at,
    )


@transaction.atomic
def submissions_submit(*, steps: Sequence[SubmissionStep]) -> list[Submission]:
    """Send reports to the office: draft → submitted, returned → resubmitted; the office is
    notified. A correction of an accepted figure without its reason stops them all
    (ValidationError of the first)."""
    for step in steps:
        require_unit_editor(step.actor, step.submission.unit_id)
    errors = _correction_errors([s.submission for s in steps])
    for step in steps:
        if errors.get(step.submission.pk):
            raise ValidationError(errors[step.submission.pk])
    for step in steps:
        if step.submission.state not in EDITABLE_STATES:
            pk = step.submission.pk
            raise StaleVersion(Submission.objects.select_related("round__plan", "unit").get(pk=pk))
    now = _now()
    after = {s.submission.pk: _sent_state(s.submission.state) for s in steps}
    current = _claim_many(
        [
            (
                s,
                [s.submission.state],
                {"state": after[s.submission.pk], "submitted_at": s.at or now},
            )
            for s in steps
        ]
    )
    audit_record_many(
        rows=[
            _state_audit(step, sub, after[sub.pk].value)
            for step, sub in zip(steps, current, strict=True)
        ]
    )
    office_notify_sent(submissions=current, at=[s.at for s in steps])
    return current


def submission_submit(*, actor: Actor, submission: Submission, version: int) -> Submission:
    """Send the report to the office: draft → submitted, returned → resubmitted."""
    step = SubmissionStep(submission=submission, version=version, actor=actor)
    return submissions_submit(steps=[step])[0]


@transaction.atomic
def submissions_return(*, steps: Sequence[SubmissionStep], reason: str) -> list[Submission]:
    """The office sends reports back, with the reason; each unit is notified."""
    for step in steps:
        require_monitor(step.actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Cần ghi lý do trả lại để đơn vị biết phải sửa gì.")})
    now = _now()
    current = _claim_many(
        [
            (
                s,
                REVIEWABLE_STATES,
                {
                    "state": SubmissionState.RETURNED,
                    "return_reason": reason,
                    "returned_at": s.at or now,
                    "reviewed_by": s.actor,
                },
            )
            for s in steps
        ]
    )
    audit_record_many(
        rows=[
            _state_audit(step, sub, SubmissionState.RETURNED.value, reason=reason)
            for step, sub in zip(steps, current, strict=True)
        ]
    )
    with translation.override(settings.LANGUAGE_CODE):  # stored text: the official language
        _notify_units(
            [
                Notice(
                    sub.unit_id,
                    _("Báo cáo %(p)s bị trả lại") % {"p": sub.round.period_label()},
                    _("Văn phòng trả lại báo cáo của đơn vị. Lý do: %(r)s") % {"r": reason},
                    submission=sub,
                    at=step.at,
                )
                for step, sub in zip(steps, current, strict=True)
            ]
        )
    return current


def submission_return(
    *, actor: Actor, submission: Submission, version: int, reason: str
) -> Submission:
    """The office sends the report back with a reason."""
    step = SubmissionStep(submission=submission, version=version, actor=actor)
    return submissions_return(steps=[step], reason=reason)[0]
