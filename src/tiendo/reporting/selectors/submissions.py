"""Reads of the units' reports: a report with its items, a unit's reports, their evidence,
the accepted figures of their targets."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.db.models import (
    Case,
    Count,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
    prefetch_related_objects,
)

from tiendo.accounts.models import Role
from tiendo.accounts.permissions import (
    NotAllowed,
    can_read_unit,
    require_unit_reader,
    role_of,
    unit_id_of,
)
from tiendo.indicators.models import Figure
from tiendo.indicators.selectors import series_figures
from tiendo.plans.coverage import plan_coverage
from tiendo.plans.models import Target

from ..models import Evidence, Submission, SubmissionFigure, SubmissionState, SubmissionTask


def _submission_base() -> QuerySet[Submission]:
    return Submission.objects.select_related("round__plan", "unit", "updated_by", "reviewed_by")


def _item_prefetches(
    *, targets: set[int] | None = None, tasks: set[int] | None = None, evidence: bool = True
) -> list[Prefetch[Any]]:
    figures = SubmissionFigure.objects.select_related(
        "target", *(["figure"] if evidence else [])
    ).order_by("target__position")
    task_rows = SubmissionTask.objects.select_related("task").order_by("task__position")
    if targets is not None:
        figures = figures.filter(target_id__in=targets)
        task_rows = task_rows.filter(task_id__in=tasks or set())
    prefetches = [Prefetch("figures", queryset=figures), Prefetch("tasks", queryset=task_rows)]
    if evidence:
        files = Evidence.objects.select_related("uploaded_by").order_by("uploaded_at", "id")
        # the part handed on is read without the unit's evidence (no query)
        prefetches.append(Prefetch("evidence", files if targets is None else files.none()))
    return prefetches


def _submission_with_items(
    submission_id: int,
    *,
    targets: set[int] | None = None,
    tasks: set[int] | None = None,
    evidence: bool = True,
) -> Submission:
    prefetches = _item_prefetches(targets=targets, tasks=tasks, evidence=evidence)
    return _submission_base().prefetch_related(*prefetches).get(pk=submission_id)


def submission_items_read(*, submission: Submission) -> Submission:
    """The submission a service has just written (with its round, plan and unit), with its
    figures and task reports read (two queries; no evidence): what the API answers a write
    with, without reading the submission again."""
    prefetch_related_objects([submission], *_item_prefetches(evidence=False))
    submission.part_only = False  # type: ignore[attr-defined]
    return submission


def submission_detail(*, actor: Any, submission_id: int, evidence: bool = True) -> Submission:
    """A submission with its figures (and their targets' accepted figure history), task
    reports and evidence (not read with `evidence=False`: the API's report, which shows
    neither the evidence nor the accepted figure beside each item). The lead body above the
    unit reads only the part it handed on (`submission.part_only` is True; no evidence).
    Raises Submission.DoesNotExist or NotAllowed."""
    submission = _submission_with_items(submission_id, evidence=evidence)
    submission.part_only = False  # type: ignore[attr-defined]
    if can_read_unit(actor, submission.unit_id):
        return submission
    targets, tasks = submission_part_for(actor=actor, submission=submission)
    if not targets and not tasks:
        require_unit_reader(actor, submission.unit_id)
    part = _submission_with_items(submission_id, targets=targets, tasks=tasks, evidence=evidence)
    part.part_only = True  # type: ignore[attr-defined]
    return part


def submission_values(
    *,
    actor: Any,
    submission_id: int,
    fields: Sequence[str],
    figure_fields: Sequence[str],
    task_fields: Sequence[str],
) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]] | None:
    """A submission read by its own unit, the office or leaders, as plain values: its `fields`
    (`unit_id` always), its figures' and task reports' (in the plan's order). Three queries
    and no model built: what the API answers a unit's read with at the deadline. None when the
    actor may read only the part its unit handed on (`submission_detail` reads that part).
    Raises Submission.DoesNotExist or NotAllowed."""
    head = Submission.objects.filter(pk=submission_id).values("unit_id", *fields).first()
    if head is None:
        raise Submission.DoesNotExist(submission_id)
    if not can_read_unit(actor, head["unit_id"]):
        if role_of(actor) == Role.REPORTER:
            return None  # perhaps a lead body above the unit: `submission_detail` decides
        require_unit_reader(actor, head["unit_id"])
    figures = (
        SubmissionFigure.objects.filter(submission_id=submission_id)
        .order_by("target__position")
        .values(*figure_fields)
    )
    tasks = (
        SubmissionTask.objects.filter(submission_id=submission_id)
        .order_by("task__position")
        .values(*task_fields)
    )
    return head, list(figures), list(tasks)


def submission_get(*, actor: Any, submission_id: int) -> Submission:
    submission = _submission_base().get(pk=submission_id)
    require_unit_reader(actor, submission.unit_id)
    return submission


def figure_history(*, targets: Sequence[Target], area_id: int | None) -> dict[int, list[Figure]]:
    """Every accepted figure of the indicators these targets measure in the area (corrections
    included), oldest first, by target id."""
    by_indicator: dict[int, list[int]] = defaultdict(list)
    for target in targets:
        if target.indicator_ref_id is not None:
            by_indicator[target.indicator_ref_id].append(target.pk)
    history: dict[int, list[Figure]] = defaultdict(list)
    for fig in (
        series_figures(indicator_ids=by_indicator, area_id=area_id)
        .select_related("accepted_by")
        .order_by("year", "id")
    ):
        for target_id in by_indicator[fig.indicator_id]:
            history[target_id].append(fig)
    return history


def submissions_for_workspace(*, actor: Any) -> QuerySet[Submission]:
    """The reporter's unit's submissions, open rounds first, with item counts."""
    unit_id = unit_id_of(actor)
    if unit_id is None:
        raise NotAllowed("Tài khoản của bạn chưa gắn với đơn vị nào.")
    return (
        _submission_base()
        .filter(unit_id=unit_id)
        .annotate(
            figure_count=Count("figures", distinct=True),
            filled_count=Count("figures", filter=Q(figures__value__isnull=False), distinct=True),
            task_count=Count("tasks", distinct=True),
            evidence_count=Count("evidence", distinct=True),
        )
        .annotate(
            returned_first=Case(
                When(state=SubmissionState.RETURNED, then=Value(0)), default=Value(1)
            )
        )
        .order_by("round__status", "returned_first", "round__deadline", "-id")
    )


def evidence_get(*, actor: Any, submission_id: int, evidence_id: int) -> Evidence:
    evidence = Evidence.objects.select_related("submission__round__plan", "submission__unit").get(
        pk=evidence_id, submission_id=submission_id
    )
    require_unit_reader(actor, evidence.submission.unit_id)
    return evidence


def submission_part_for(*, actor: Any, submission: Submission) -> tuple[set[int], set[int]]:
    """The targets and tasks of a delegate's submission that the actor's unit handed on (it
    is above the delegate in their chains, on the round's opening date, and the round asked
    for them): a lead body sees that part, read-only, so that it can answer for it. Empty
    when it handed nothing of it on. `submission` comes with its figures and tasks."""
    if role_of(actor) != Role.REPORTER:
        return set(), set()
    uid = unit_id_of(actor)
    if uid is None or uid == submission.unit_id:
        return set(), set()
    coverage = plan_coverage(plan=submission.round.plan, on=submission.round.opens_on)
    part = [
        i
        for i in coverage.items
        if i.reporter is not None and i.reporter.pk == submission.unit_id and i.involves(uid)
    ]
    asked_targets = {f.target_id for f in submission.figures.all()}
    asked_tasks = {t.task_id for t in submission.tasks.all()}
    return (
        {i.item.pk for i in part if i.kind == "target"} & asked_targets,
        {i.item.pk for i in part if i.kind == "task"} & asked_tasks,
    )
