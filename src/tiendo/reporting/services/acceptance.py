"""The office accepts reports: each reported figure becomes an accepted figure through
`tiendo.indicators.services.figures_record` (a correction of the one held for the same
indicator, area, year and type when it differs; never an overwrite), the tasks take the
reported status, and each unit is notified.

`submissions_accept` accepts many reports at once in a fixed number of queries (the demo data
accepts a whole round so); `submission_accept`, for the pages and the API, calls it with one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from tiendo.accounts.permissions import require_monitor
from tiendo.audit.models import AuditAction
from tiendo.audit.services import AuditRow, audit_record_many, audit_row
from tiendo.core.db import rows_update
from tiendo.indicators.services import FigureRecord, figures_record
from tiendo.plans.models import Task

from ..models import (
    REVIEWABLE_STATES,
    Submission,
    SubmissionFigure,
    SubmissionState,
    SubmissionTask,
)
from ._common import Actor, SubmissionStep, _claim_many, _now
from .notifications import Notice, _notify_units
from .submissions import _figure_items_many, _figure_records, _state_audit, _task_items


def _figures_accept(
    steps: Sequence[SubmissionStep], current: Sequence[Submission], now: Any
) -> dict[int, list[str]]:
    """Record the reported figures of the accepted submissions and link each to the accepted
    figure that stands for it. Returns, by submission, the codes of the targets whose figure is
    new (created or a correction)."""
    items = _figure_items_many(current)
    groups: dict[tuple[Any, str], list[tuple[SubmissionFigure, FigureRecord]]] = defaultdict(list)
    for step, sub in zip(steps, current, strict=True):
        reason = _("Số liệu mới của %(u)s trong đợt %(p)s") % {
            "u": sub.unit,
            "p": sub.round.period_label(),
        }
        records = _figure_records(sub, items[sub.pk], reason=reason, accepted_at=step.at or now)
        key = (getattr(step.actor, "pk", None), sub.round.plan.code)
        groups[key] += zip(items[sub.pk], records, strict=True)
    actors = {getattr(s.actor, "pk", None): s.actor for s in steps}
    created: dict[int, list[str]] = defaultdict(list)
    linked: list[SubmissionFigure] = []
    for (actor_pk, plan_code), pairs in groups.items():
        recorded = figures_record(
            records=[record for _i, record in pairs], actor=actors[actor_pk], plan_code=plan_code
        )
        new_ids = {f.pk for f in [*recorded.created, *recorded.corrected]}
        for (item, _r), figure in zip(pairs, recorded.figures, strict=True):
            item.figure = figure
            linked.append(item)
            if figure is not None and figure.pk in new_ids:
                created[item.submission_id].append(item.target.code)
    rows_update(SubmissionFigure, fields=["figure"], rows=[[i.figure_id, i.pk] for i in linked])
    return created


def _tasks_update(steps: Sequence[SubmissionStep], current: Sequence[Submission]) -> list[AuditRow]:
    """Give each task the status of the accepted report (in the order the reports are
    given); one audit entry per change. Returns the audit rows."""
    reports: dict[int, list[SubmissionTask]] = defaultdict(list)
    for titem in _task_items([s.pk for s in current]):
        reports[titem.submission_id].append(titem)
    status: dict[int, str] = {}
    tasks: dict[int, Task] = {}
    audits: list[AuditRow] = []
    for step, sub in zip(steps, current, strict=True):
        for titem in reports[sub.pk]:
            task = tasks.setdefault(titem.task_id, titem.task)
            old = status.get(task.pk, task.status)
            if old == titem.status:
                continue
            status[task.pk] = titem.status
            audits.append(
                audit_row(
                    actor=step.actor,
                    action=AuditAction.UPDATE,
                    obj=task,
                    changes={"status": {"before": old, "after": titem.status}},
                    reason=_("Theo báo cáo đã chấp nhận của %(u)s") % {"u": sub.unit},
                    plan_code=sub.round.plan.code,
                    at=step.at,
                )
            )
    by_status: dict[str, list[int]] = defaultdict(list)
    for pk, new in status.items():
        if new != tasks[pk].status:
            by_status[new].append(pk)
    for new, pks in sorted(by_status.items()):
        Task.objects.filter(pk__in=pks).update(status=new)
    return audits


@transaction.atomic
def submissions_accept(*, steps: Sequence[SubmissionStep]) -> list[Submission]:
    """The office accepts reports (see the module's description). Raises StaleVersion, and
    accepts none, when one of them was changed since it was read."""
    for step in steps:
        require_monitor(step.actor)
    now = _now()
    current = _claim_many(
        [
            (
                s,
                REVIEWABLE_STATES,
                {
                    "state": SubmissionState.ACCEPTED,
                    "accepted_at": s.at or now,
                    "reviewed_by": s.actor,
                },
            )
            for s in steps
        ]
    )
    created = _figures_accept(steps, current, now)
    audits = _tasks_update(steps, current)
    audits += [
        _state_audit(
            step,
            sub,
            SubmissionState.ACCEPTED.value,
            changes={"figures": {"before": None, "after": created.get(sub.pk, [])}},
        )
        for step, sub in zip(steps, current, strict=True)
    ]
    audit_record_many(rows=audits)
    with translation.override(settings.LANGUAGE_CODE):  # stored text: the official language
        _notify_units(
            [
                Notice(
                    sub.unit_id,
                    _("Báo cáo %(p)s đã được chấp nhận") % {"p": sub.round.period_label()},
                    _("Văn phòng đã chấp nhận báo cáo của đơn vị."),
                    submission=sub,
                    at=step.at,
                )
                for step, sub in zip(steps, current, strict=True)
            ]
        )
    return current


def submission_accept(*, actor: Actor, submission: Submission, version: int) -> Submission:
    """The office accepts the report: each reported figure becomes an accepted Figure (a
    correction of an earlier accepted one when there is one for the same target, year and
    type; never an overwrite) and the tasks take the reported status."""
    step = SubmissionStep(submission=submission, version=version, actor=actor)
    return submissions_accept(steps=[step])[0]
