"""Reads of plans. Every queryset that feeds a page or an export is built here."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, overload

from django.db.models import Count, F, Max, Min, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from tiendo.accounts.permissions import can_read_drafts
from tiendo.core.prepared import row_fetch_prepared, rows_fetch_prepared, values_converted
from tiendo.indicators.models import Figure, Indicator
from tiendo.org.models import OrgUnit

from .document import FORMAT, decimal_text, document_sort
from .models import (
    Assignment,
    Breakthrough,
    ImplementingDocument,
    Plan,
    PlanDeadline,
    PlanRevision,
    PlanStatus,
    Program,
    Target,
    Task,
)


def _count_per_plan(rows: QuerySet[Any]) -> Coalesce:
    """How many of `rows` belong to the outer plan: a subquery of its own (one index range per
    plan), never a join of the plan's programs with its targets."""
    counted = rows.filter(plan=OuterRef("pk")).order_by().values("plan").annotate(n=Count("pk"))
    return Coalesce(Subquery(counted.values("n")), 0)


def plans_list(*, include_drafts: bool = False) -> QuerySet[Plan]:
    """Plans of record (active and closed); drafts only when asked — they never feed pages.
    Each plan's program and target counts are subqueries of their own, so reading a page of
    plans costs the same however many programs and targets there are."""
    plans = Plan.objects.all() if include_drafts else Plan.objects.exclude(status=PlanStatus.DRAFT)
    return plans.select_related("issuing_unit", "follows").annotate(
        program_count=_count_per_plan(Program.objects.all()),
        target_count=_count_per_plan(Target.objects.all()),
    )


PLAN_SUMMARY_FIELDS = (
    "code",
    "number",
    "title",
    "issuing_body",
    "issue_date",
    "term_from_year",
    "term_to_year",
    "status",
)


_SUMMARY_COLUMNS = (*PLAN_SUMMARY_FIELDS, "program_count", "target_count")


def plans_summaries(*, include_drafts: bool = False, status: str | None = None) -> PlanSummaries:
    """The plans for a list (the API's): their fields and their program and target counts as
    plain rows, the latest term first; a slice of it is one query, its length another (the
    plans alone). No related unit is read."""
    if status is not None and status not in PlanStatus.values:
        return PlanSummaries(None)
    return PlanSummaries(_plans_summaries_sql(include_drafts, status))


@dataclass(frozen=True)
class _SummariesSql:
    rows: str  # with two more placeholders at the end: LIMIT, OFFSET
    count: str
    params: tuple[Any, ...]
    count_params: tuple[Any, ...]
    fields: tuple[Any, ...]  # the model fields of the first columns (then the two counts)


class PlanSummaries(Sequence[dict[str, Any]]):
    """The plans of a list as a sequence that reads only what is asked: a slice runs one
    statement for that page (LIMIT/OFFSET), `len()` one count of the plans. The statements are
    compiled from the ORM's queryset once per process and kind of list, and prepared on
    PostgreSQL (`tiendo.core.prepared`): building the queryset, with its two subqueries,
    cost more than running it (issue 17)."""

    def __init__(self, sql: _SummariesSql | None) -> None:
        self._sql = sql

    def __len__(self) -> int:
        if self._sql is None:
            return 0
        row = row_fetch_prepared(self._sql.count, self._sql.count_params)
        return int(row[0]) if row else 0

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self._page(0, len(self)))  # two queries, not one per plan

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...
    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...
    def __getitem__(self, index: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(index, slice):
            start, stop = index.start or 0, index.stop
            if index.step in (None, 1) and 0 <= start <= (stop if stop is not None else -1):
                return self._page(start, stop - start)  # a page: what the API asks for
        elif index >= 0:
            page = self._page(index, 1)
            if not page:
                raise IndexError(index)
            return page[0]
        return list(self)[index]

    def _page(self, offset: int, limit: int) -> list[dict[str, Any]]:
        if self._sql is None or limit <= 0:
            return []
        sql = self._sql
        n = len(sql.fields)
        return [
            dict(
                zip(
                    _SUMMARY_COLUMNS,
                    (*values_converted(sql.fields, row[:n]), *row[n:]),
                    strict=True,
                )
            )
            for row in rows_fetch_prepared(sql.rows, (*sql.params, limit, offset))
        ]


@functools.cache
def _plans_summaries_sql(include_drafts: bool, status: str | None) -> _SummariesSql:
    plans = plans_list(include_drafts=include_drafts).order_by("-term_from_year", "code")
    if status:
        plans = plans.filter(status=status)
    rows, params = plans.values(*_SUMMARY_COLUMNS).query.sql_with_params()
    counted, count_params = plans.values("pk").order_by().query.sql_with_params()
    return _SummariesSql(
        rows=f"{rows} LIMIT %s OFFSET %s",
        count=f"SELECT COUNT(*) FROM ({counted}) plans",
        params=tuple(params),
        count_params=tuple(count_params),
        fields=tuple(Plan._meta.get_field(name) for name in PLAN_SUMMARY_FIELDS),
    )


def plan_in_force(*, today: dt.date, plans: list[Plan] | None = None) -> Plan | None:
    """The plan of record in force on `today`: an active plan whose term covers the year (the
    later term when two share a year, as 2025 is the last year of one term and the first of the
    next), else the latest active plan, else the latest closed one. Chosen among `plans` when
    given (no query), else among all plans of record (one query)."""
    if plans is None:
        plans = list(Plan.objects.exclude(status=PlanStatus.DRAFT))
    plans = sorted(
        (p for p in plans if p.status != PlanStatus.DRAFT),
        key=lambda p: (-p.term_from_year, -(p.issue_date or dt.date.min).toordinal(), p.code),
    )
    in_term = [
        p
        for p in plans
        if p.term_from_year <= today.year <= p.term_to_year
        and (p.issue_date is None or p.issue_date <= today)
    ]
    for group in (in_term, plans):
        active = [p for p in group if p.status == PlanStatus.ACTIVE]
        if active:
            return active[0]
    return plans[0] if plans else None


@dataclass(frozen=True)
class Term:
    from_year: int
    to_year: int
    plans: list[Plan]

    @property
    def label(self) -> str:
        return f"{self.from_year}–{self.to_year}"


def plans_by_term(*, plans: list[Plan]) -> list[Term]:
    """Plans grouped by their term (2025–2030, 2020–2025, …), the latest term first; no query."""
    terms: dict[tuple[int, int], list[Plan]] = {}
    for plan in sorted(plans, key=lambda p: (-p.term_from_year, -p.term_to_year, p.code)):
        terms.setdefault((plan.term_from_year, plan.term_to_year), []).append(plan)
    return [Term(a, b, group) for (a, b), group in terms.items()]


def plans_other(*, plan: Plan) -> list[Plan]:
    """The other plans of record, for the switch on a plan's dashboard (one query)."""
    return list(
        Plan.objects.exclude(status=PlanStatus.DRAFT)
        .exclude(pk=plan.pk)
        .order_by("-term_from_year", "code")
        .only("code", "number", "title", "term_from_year", "term_to_year", "status")
    )


def plan_get(*, code: str) -> Plan:
    return Plan.objects.select_related("issuing_unit").get(code=code)


def plan_of_record_get(*, code: str) -> Plan:
    """A plan that is not a draft (a draft has no register, no work programs); raises
    Plan.DoesNotExist for a draft as for a missing code."""
    return (
        Plan.objects.exclude(status=PlanStatus.DRAFT).select_related("issuing_unit").get(code=code)
    )


def plans_visible(*, user: Any) -> QuerySet[Plan]:
    """The plans `user` may see: every plan of record; drafts only for the office
    (`can_read_drafts`). Filter any read that names a plan through this."""
    if can_read_drafts(user):
        return Plan.objects.all()
    return Plan.objects.exclude(status=PlanStatus.DRAFT)


def plan_visible_get(*, code: str, user: Any) -> Plan:
    """The plan with this code if `user` may see it. Raises Plan.DoesNotExist both when there is
    no such plan and when it is a draft the user may not see, so that the answer (404) does not
    reveal that a draft exists."""
    return plans_visible(user=user).select_related("issuing_unit").get(code=code)


def _in_force(day: dt.date | None = None) -> Q:
    """Assignments in force on `day` (default today): started and not ended."""
    day = day or timezone.localdate()
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )


def _assignments_qs() -> QuerySet[Assignment]:
    """The assignments in force today (the plan text's and the delegations), with the body
    that handed each on."""
    return (
        Assignment.objects.filter(_in_force())
        .select_related("unit", "program", "target", "task", "parent__unit")
        .order_by("id")
    )


def plan_overview(*, code: str) -> Plan:
    """A plan with its programs (and their lead units), breakthroughs, deadlines, supersessions,
    plan-level assignments and implementing documents, in a fixed number of queries."""
    return (
        Plan.objects.select_related("issuing_unit", "follows")
        .prefetch_related(
            Prefetch(
                "programs",
                queryset=Program.objects.annotate(
                    target_count=Count("targets", distinct=True),
                    task_count=Count("tasks", distinct=True),
                ).prefetch_related(
                    # the program's own leads and coordinators, not the delegations below them
                    Prefetch("assignments", queryset=_assignments_qs().filter(parent=None))
                ),
            ),
            Prefetch("breakthroughs", queryset=Breakthrough.objects.prefetch_related("programs")),
            Prefetch("deadlines", queryset=PlanDeadline.objects.prefetch_related("units")),
            "supersedes",
            Prefetch(
                "assignments",
                queryset=_assignments_qs().filter(program=None, target=None, task=None),
                to_attr="plan_assignments",
            ),
            Prefetch(
                "implementing_documents",
                queryset=ImplementingDocument.objects.select_related(
                    "issuing_unit"
                ).prefetch_related("programs"),
            ),
        )
        .exclude(status=PlanStatus.DRAFT)
        .get(code=code)
    )


def program_numbers(*, plan_id: int) -> list[int]:
    """The numbers of a plan's programs, in order (one query)."""
    return list(
        Program.objects.filter(plan_id=plan_id).order_by("number").values_list("number", flat=True)
    )


def program_detail(*, plan_code: str, number: int) -> Program:
    return (
        Program.objects.select_related("plan")
        .prefetch_related(
            Prefetch(
                "targets",
                queryset=Target.objects.prefetch_related(
                    Prefetch("assignments", queryset=_assignments_qs())
                ),
            ),
            Prefetch(
                "tasks",
                queryset=Task.objects.prefetch_related(
                    Prefetch("assignments", queryset=_assignments_qs())
                ),
            ),
            Prefetch("assignments", queryset=_assignments_qs()),
        )
        .exclude(plan__status=PlanStatus.DRAFT)
        .get(plan__code=plan_code, number=number)
    )


def plan_targets_detail(*, plan_code: str) -> dict[str, Target]:
    """The targets of a plan of record by code, each with its plan, program and indicator (one
    query; who reports each is `plans.coverage.plan_coverage`)."""
    rows = (
        Target.objects.select_related("plan", "program", "indicator_ref")
        .exclude(plan__status=PlanStatus.DRAFT)
        .filter(plan__code=plan_code)
        .order_by("position")
    )
    return {target.code: target for target in rows}


def plan_revisions(*, plan: Plan) -> QuerySet[PlanRevision]:
    return PlanRevision.objects.filter(plan=plan).select_related("created_by").order_by("-number")


def _d(value: Decimal | None) -> str | None:
    return decimal_text(value) if value is not None else None


def _date(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def plan_document_build(*, plan: Plan) -> dict[str, Any]:
    """The plan as a canonical plan document (equal to `document_validate` of what loaded it)."""
    programs = list(plan.programs.order_by("number"))
    program_number = {p.pk: p.number for p in programs}
    targets = list(plan.targets.select_related("indicator_ref").order_by("position"))
    tasks = list(plan.tasks.order_by("position"))
    task_code = {t.pk: t.code for t in tasks}
    target_code = {t.pk: t.code for t in targets}
    # the plan text only: delegations and successions are not part of the document
    assignments = list(plan.assignments.filter(origin="plan").select_related("unit").order_by("id"))
    deadlines = list(plan.deadlines.prefetch_related("units").order_by("id"))
    breakthroughs = list(
        plan.breakthroughs.prefetch_related("programs", "tasks").order_by("number")
    )

    unit_ids: set[int] = {a.unit_id for a in assignments}
    for deadline in deadlines:
        unit_ids.update(u.pk for u in deadline.units.all())
    if plan.issuing_unit_id:
        unit_ids.add(plan.issuing_unit_id)
    if plan.area_id:
        unit_ids.add(plan.area_id)
    units = _units_with_parents(unit_ids)

    def assignment_ref(a: Assignment) -> int | str | None:
        if a.program_id:
            return program_number[a.program_id]
        if a.target_id:
            return target_code[a.target_id]
        if a.task_id:
            return task_code[a.task_id]
        return None

    return document_sort(
        {
            "format": FORMAT,
            "code": plan.code,
            "number": plan.number,
            "title": plan.title,
            "issuing_body": plan.issuing_body,
            "issuing_unit": plan.issuing_unit.code if plan.issuing_unit else None,
            "area": plan.area.code if plan.area else None,
            "issue_date": _date(plan.issue_date),
            "place": plan.place,
            "signer": plan.signer,
            "term": {"from_year": plan.term_from_year, "to_year": plan.term_to_year},
            "status": plan.status,
            "follows": plan.follows.code if plan.follows else None,
            "supersedes": [
                {
                    "number": s.number,
                    "date": _date(s.date),
                    "title": s.title,
                    "plan": s.superseded_plan.code if s.superseded_plan else None,
                }
                for s in plan.supersedes.select_related("superseded_plan").order_by("id")
            ],
            "units": [
                {
                    "key": u.code,
                    "name": u.name,
                    "short_name": u.short_name,
                    "kind": u.kind,
                    "parent": u.parent.code if u.parent else None,
                    "valid_from": _date(u.valid_from),
                    "valid_to": _date(u.valid_to),
                }
                for u in units
            ],
            "programs": [{"number": p.number, "title": p.title} for p in programs],
            "targets": [
                {
                    "code": t.code,
                    "program": program_number[t.program_id],
                    "kind": t.kind,
                    "comparator": t.comparator or None,
                    "value": _d(t.value),
                    "value_high": _d(t.value_high),
                    "tolerance_pct": _d(t.tolerance_pct),
                    "unit": t.unit,
                    "from_year": t.from_year,
                    "to_year": t.to_year,
                    "indicator": t.indicator,
                    "indicator_code": t.indicator_ref.code if t.indicator_ref else None,
                    "source_text": t.source_text,
                    "baseline": (
                        {"value": _d(t.baseline_value), "year": t.baseline_year}
                        if t.baseline_value is not None
                        else None
                    ),
                }
                for t in targets
            ],
            "tasks": [
                {
                    "code": t.code,
                    "program": program_number[t.program_id],
                    "text": t.text,
                    "due_date": _date(t.due_date),
                    "status": t.status,
                }
                for t in tasks
            ],
            "breakthroughs": [
                {
                    "number": b.number,
                    "text": b.text,
                    "programs": sorted(p.number for p in b.programs.all()),
                    "tasks": sorted(t.code for t in b.tasks.all()),
                }
                for b in breakthroughs
            ],
            "assignments": [
                {
                    "unit": a.unit.code,
                    "role": a.role,
                    "scope": a.scope,
                    "ref": assignment_ref(a),
                    "deadline": _date(a.deadline),
                    "source_text": a.source_text,
                }
                for a in assignments
            ],
            "deadlines": [
                {
                    "title": d.title,
                    "due_date": _date(d.due_date),
                    "units": sorted(u.code for u in d.units.all()),
                    "source_text": d.source_text,
                }
                for d in deadlines
            ],
            "implementing_documents": [],
        }
    )


def _units_with_parents(unit_ids: set[int]) -> list[OrgUnit]:
    """The units and all their ancestors, parents before children, then by key."""
    found: dict[int, OrgUnit] = {}
    pending = set(unit_ids)
    while pending:
        batch = list(OrgUnit.objects.select_related("parent").filter(pk__in=pending))
        pending = set()
        for unit in batch:
            found[unit.pk] = unit
            if unit.parent_id and unit.parent_id not in found:
                pending.add(unit.parent_id)
    depth: dict[int, int] = {}

    def level(unit: OrgUnit) -> int:
        if unit.pk not in depth:
            depth[unit.pk] = 0 if not unit.parent_id else level(found[unit.parent_id]) + 1
        return depth[unit.pk]

    return sorted(found.values(), key=lambda u: (level(u), u.code))


def unit_keys_known() -> set[str]:
    return set(OrgUnit.objects.values_list("code", flat=True))


def plan_revision(*, plan_code: str, number: int) -> PlanRevision:
    return PlanRevision.objects.select_related("plan", "created_by").get(
        plan__code=plan_code, number=number
    )


def targets_filtered(
    *, plan: Plan, program: int | None = None, kind: str | None = None, unit_code: str | None = None
) -> QuerySet[Target]:
    """A plan's targets in order; by program number, kind, or a unit leading them now (the
    target itself or its whole program, in the plan text or by delegation)."""
    targets = Target.objects.filter(plan=plan).select_related("program").order_by("position")
    if program:
        targets = targets.filter(program__number=program)
    if kind:
        targets = targets.filter(kind=kind)
    if unit_code:
        led = Assignment.objects.filter(_in_force(), plan=plan, unit__code=unit_code, role="lead")
        targets = targets.filter(
            Q(pk__in=led.exclude(target=None).values("target_id"))
            | Q(program_id__in=led.exclude(program=None).values("program_id"))
        )
    return targets


def tasks_filtered(
    *,
    plan: Plan,
    program: int | None = None,
    status: str | None = None,
    unit_code: str | None = None,
) -> QuerySet[Task]:
    """A plan's tasks in order; by program number, status, or the unit that leads them (the task
    itself or its whole program)."""
    tasks = Task.objects.filter(plan=plan).select_related("program").order_by("position")
    if program:
        tasks = tasks.filter(program__number=program)
    if status:
        tasks = tasks.filter(status=status)
    if unit_code:
        led = Assignment.objects.filter(_in_force(), plan=plan, unit__code=unit_code, role="lead")
        tasks = tasks.filter(
            Q(pk__in=led.exclude(task=None).values("task_id"))
            | Q(program_id__in=led.exclude(program=None).values("program_id"))
        )
    return tasks


def delegation_bases(*, plan: Plan) -> QuerySet[ImplementingDocument]:
    """The registered implementing documents a delegation of this plan may name as its basis."""
    return ImplementingDocument.objects.filter(plan=plan).order_by("date", "number")


def assignment_get(*, plan_code: str, pk: int) -> Assignment:
    """One node of a plan's responsibility tree, with what it needs to be described."""
    return Assignment.objects.select_related(
        "plan", "unit", "parent__unit", "program", "target", "task", "basis_document"
    ).get(plan__code=plan_code, pk=pk)


@dataclass(frozen=True)
class PlanFigure:
    """An accepted figure as one target of a plan reads it."""

    target_code: str
    program: int
    indicator: str  # the target's wording of its indicator
    unit: str
    figure: Figure


def plan_figures(*, plan: Plan) -> list[PlanFigure]:
    """Every accepted figure that the plan's targets read (the figures of their indicators in
    the plan's area), in target order, then year and acceptance (one query). A figure appears
    once for each target that measures its indicator."""
    rows = (
        Figure.objects.filter(area_id=plan.area_id, indicator__targets__plan=plan)
        .annotate(
            t_code=F("indicator__targets__code"),
            t_position=F("indicator__targets__position"),
            t_program=F("indicator__targets__program__number"),
            t_indicator=F("indicator__targets__indicator"),
            t_unit=F("indicator__targets__unit"),
        )
        .order_by("t_position", "year", "id")
    )
    return [
        PlanFigure(
            target_code=row.t_code,
            program=row.t_program,
            indicator=row.t_indicator,
            unit=row.t_unit,
            figure=row,
        )
        for row in rows
    ]


@dataclass(frozen=True)
class PlanContents:
    """What the plan editor lists: programs with their targets and tasks, the breakthroughs."""

    programs: list[Program]
    breakthroughs: list[Breakthrough]


def plan_contents(*, plan: Plan) -> PlanContents:
    """Programs (targets and tasks in their order) and breakthroughs (with their programs and
    tasks): a fixed number of queries whatever the size of the plan."""
    programs = list(
        plan.programs.order_by("number").prefetch_related(
            Prefetch("targets", queryset=Target.objects.order_by("position")),
            Prefetch("tasks", queryset=Task.objects.order_by("position")),
        )
    )
    breakthroughs = list(
        plan.breakthroughs.order_by("number").prefetch_related(
            Prefetch("programs", queryset=Program.objects.order_by("number")),
            Prefetch("tasks", queryset=Task.objects.order_by("position")),
        )
    )
    return PlanContents(programs=programs, breakthroughs=breakthroughs)


# --- Indicators across plans ---------------------------------------------------------------------


def indicators_in_use() -> QuerySet[Indicator]:
    """The catalogue with, for each indicator, how many targets of plans of record measure it,
    how many figures were accepted and the years they cover (one query)."""
    return Indicator.objects.annotate(
        target_count=Count(
            "targets", filter=~Q(targets__plan__status=PlanStatus.DRAFT), distinct=True
        ),
        plan_count=Count(
            "targets__plan", filter=~Q(targets__plan__status=PlanStatus.DRAFT), distinct=True
        ),
        figure_count=Count("figures", distinct=True),
        first_year=Min("figures__year"),
        last_year=Max("figures__year"),
    ).order_by("name", "code")


def indicator_targets(*, indicator_id: int) -> list[Target]:
    """Every target of a plan of record that measures this indicator, earlier terms first
    (one query)."""
    return list(
        Target.objects.filter(indicator_ref_id=indicator_id)
        .exclude(plan__status=PlanStatus.DRAFT)
        .select_related("plan__area", "program")
        .order_by("plan__term_from_year", "plan__code", "position")
    )


def targets_alike(*, plan: Plan) -> dict[int, list[Target]]:
    """For each indicator the plan's targets measure (by id): the targets of other plans of
    record of the same area that measure it (the same target in another term; another
    province's plan measures another series), earlier terms first. One query."""
    result: dict[int, list[Target]] = {}
    rows = (
        Target.objects.filter(
            indicator_ref_id__in=Target.objects.filter(plan=plan).values("indicator_ref_id"),
            plan__area_id=plan.area_id,
        )
        .exclude(plan_id=plan.pk)
        .exclude(plan__status=PlanStatus.DRAFT)
        .select_related("plan")
        .order_by("plan__term_from_year", "plan__code", "position")
    )
    for target in rows:
        assert target.indicator_ref_id is not None
        result.setdefault(target.indicator_ref_id, []).append(target)
    return result
