"""Reads of yearly work programs. Every queryset that feeds a page, a command or an export is
built here; dates (the as-of day) are passed in."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext

from tiendo.accounts import permissions as perms
from tiendo.org.models import OrgUnit
from tiendo.plans.models import Plan, Program, Target, Task

from .models import (
    ConsideringBody,
    ItemOutcome,
    WorkProgram,
    WorkProgramItem,
    period_display,
    period_label,
)

FORMAT = "tiendo.workprogram/1"

# How files write the choices: always Vietnamese, whatever the interface language.
CONSIDERED_BY_TEXT = {
    ConsideringBody.EXECUTIVE: "Ban Chấp hành",
    ConsideringBody.STANDING: "Ban Thường vụ",
    ConsideringBody.PERMANENT: "Thường trực",
}
OUTCOME_TEXT = {
    ItemOutcome.PENDING: "Chưa có kết quả",
    ItemOutcome.ISSUED: "Đã ban hành",
    ItemOutcome.POSTPONED: "Lùi thời gian",
    ItemOutcome.DROPPED: "Không thực hiện",
}


def workprograms_list(*, plan: Plan) -> QuerySet[WorkProgram]:
    """A plan's work programs by year, with their item counts."""
    return (
        WorkProgram.objects.filter(plan=plan)
        .annotate(
            item_count=Count("items", distinct=True),
            pending_count=Count("items", filter=Q(items__outcome=ItemOutcome.PENDING)),
        )
        .order_by("-year")
    )


def _items_qs() -> QuerySet[WorkProgramItem]:
    return (
        WorkProgramItem.objects.select_related(
            "preparing_unit", "outcome_document", "outcome_document__issuing_unit"
        )
        .prefetch_related(
            Prefetch("programs", queryset=Program.objects.order_by("number")),
            Prefetch("targets", queryset=Target.objects.order_by("position")),
            Prefetch("tasks", queryset=Task.objects.order_by("position")),
            Prefetch("coordinating_units", queryset=OrgUnit.objects.order_by("name")),
        )
        .order_by("number")
    )


def workprogram_get(*, plan: Plan, year: int) -> WorkProgram:
    """A year's work program with its items and everything they name, in a fixed number of
    queries. Raises WorkProgram.DoesNotExist."""
    return (
        WorkProgram.objects.select_related("plan", "loaded_by")
        .prefetch_related(Prefetch("items", queryset=_items_qs()))
        .get(plan=plan, year=year)
    )


def item_get(*, plan: Plan, year: int, number: int) -> WorkProgramItem:
    return (
        _items_qs()
        .select_related("work_program__plan")
        .get(work_program__plan=plan, work_program__year=year, number=number)
    )


def period_end(*, year: int, month: int | None, quarter: int | None) -> dt.date:
    """The last day of the month or quarter an item is due in."""
    last_month = month if month is not None else 3 * (quarter or 4)
    return dt.date(year, last_month, calendar.monthrange(year, last_month)[1])


def item_is_late(*, item: WorkProgramItem, year: int, as_of: dt.date) -> bool:
    """Late: its month or quarter has passed and nothing came of it yet."""
    return item.outcome == ItemOutcome.PENDING and as_of > period_end(
        year=year, month=item.due_month, quarter=item.due_quarter
    )


def item_program_ids(item: WorkProgramItem) -> set[int]:
    """The programs an item serves: named, or through its targets and tasks (prefetched)."""
    ids = {p.pk for p in item.programs.all()}
    ids.update(t.program_id for t in item.targets.all())
    ids.update(t.program_id for t in item.tasks.all())
    return ids


@dataclass
class ItemRow:
    item: WorkProgramItem
    late: bool
    days_late: int


@dataclass
class PeriodGroup:
    key: tuple[int, int]
    label: str
    rows: list[ItemRow]


@dataclass
class YearView:
    work_program: WorkProgram
    as_of: dt.date
    late: list[ItemRow]
    groups: list[PeriodGroup]
    counts: dict[str, int]

    def outcome_counts(self) -> list[tuple[str, str, int]]:
        return [(o.value, str(o.label), self.counts.get(o.value, 0)) for o in ItemOutcome]


def _period_key(item: WorkProgramItem) -> tuple[int, int]:
    """Months in order; a quarter comes after its last month."""
    if item.due_month is not None:
        return (item.due_month, 0)
    return (3 * (item.due_quarter or 4), 1)


def _group_label(key: tuple[int, int]) -> str:
    month, is_quarter = key
    if is_quarter:
        return period_display(month=None, quarter=month // 3)
    return period_display(month=month, quarter=None)


def workprogram_year_view(
    *, work_program: WorkProgram, as_of: dt.date, program: Program | None = None
) -> YearView:
    """The year's list by month (quarters after their last month), late items first (also
    left out of their month), from the prefetched items. `program` keeps only the items that
    serve it."""
    rows = []
    counts: dict[str, int] = {}
    for item in work_program.items.all():
        if program is not None and program.pk not in item_program_ids(item):
            continue
        end = period_end(year=work_program.year, month=item.due_month, quarter=item.due_quarter)
        late = item_is_late(item=item, year=work_program.year, as_of=as_of)
        rows.append(ItemRow(item=item, late=late, days_late=(as_of - end).days if late else 0))
        counts[item.outcome] = counts.get(item.outcome, 0) + 1
    late_rows = sorted((r for r in rows if r.late), key=lambda r: (-r.days_late, r.item.number))
    groups: dict[tuple[int, int], list[ItemRow]] = {}
    for row in rows:
        if not row.late:
            groups.setdefault(_period_key(row.item), []).append(row)
    return YearView(
        work_program=work_program,
        as_of=as_of,
        late=late_rows,
        groups=[PeriodGroup(k, _group_label(k), groups[k]) for k in sorted(groups)],
        counts=counts,
    )


@dataclass
class ProgramYear:
    work_program: WorkProgram
    rows: list[ItemRow]


def program_work_history(*, program: Program, as_of: dt.date) -> list[ProgramYear]:
    """Per year, the work program items that served `program` (named it, or one of its targets
    or tasks) and what came of them. A fixed number of queries."""
    serving = Q(programs=program) | Q(targets__program=program) | Q(tasks__program=program)
    items = _items_qs().filter(serving, work_program__plan_id=program.plan_id).distinct()
    programs = list(
        WorkProgram.objects.filter(plan_id=program.plan_id)
        .order_by("year")
        .prefetch_related(Prefetch("items", queryset=items))
    )
    result = []
    for wp in programs:
        rows = [
            ItemRow(
                item=item,
                late=item_is_late(item=item, year=wp.year, as_of=as_of),
                days_late=0,
            )
            for item in wp.items.all()
        ]
        result.append(ProgramYear(work_program=wp, rows=rows))
    return result


def _unit(unit: OrgUnit) -> dict[str, str]:
    return {"code": unit.code, "name": unit.name}


def workprogram_document(*, work_program: WorkProgram) -> dict[str, Any]:
    """The work program as plain data (`tiendo workprogram show --json`, the API, the exports),
    from the prefetched items; labels in Vietnamese."""
    return {
        "format": FORMAT,
        "plan": work_program.plan.code,
        "year": work_program.year,
        "title": work_program.title,
        "items": [workprogram_item_document(item) for item in work_program.items.all()],
    }


def workprogram_item_document(item: WorkProgramItem) -> dict[str, Any]:
    """One item as plain data (prefetched relations)."""
    doc = item.outcome_document
    return {
        "number": item.number,
        "content": item.content,
        "programs": [p.number for p in item.programs.all()],
        "targets": [t.code for t in item.targets.all()],
        "tasks": [t.code for t in item.tasks.all()],
        "preparing_unit": _unit(item.preparing_unit),
        "coordinating_units": [_unit(u) for u in item.coordinating_units.all()],
        "due": {
            "month": item.due_month,
            "quarter": item.due_quarter,
            "label": period_label(month=item.due_month, quarter=item.due_quarter),
        },
        "considered_by": {
            "code": item.considered_by,
            "label": CONSIDERED_BY_TEXT[ConsideringBody(item.considered_by)],
        },
        "outcome": {"code": item.outcome, "label": OUTCOME_TEXT[ItemOutcome(item.outcome)]},
        "document": (
            {
                "id": doc.pk,
                "number": doc.number,
                "date": doc.date.isoformat(),
                "title": doc.title,
                "issuing_unit": doc.issuing_unit.code,
            }
            if doc is not None
            else None
        ),
        "reason": item.outcome_reason,
    }


def units_for_lookup() -> Iterable[OrgUnit]:
    return OrgUnit.objects.all().order_by("code")


def workprogram_read_check(user: Any) -> None:
    """Work programs are read by the office, leaders and administrators."""
    if not perms.can_read_all(user):
        raise perms.NotAllowed(
            gettext("Chương trình công tác năm chỉ dành cho Văn phòng, lãnh đạo và quản trị.")
        )
