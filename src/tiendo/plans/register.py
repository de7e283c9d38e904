"""Reads of the register of implementing documents (văn bản triển khai), and the rule that says
who owes a document for what, by when, and whether it came on time.

The rule (also in the user guide, docs/so-van-ban-trien-khai.md):

- A plan's deadline is a deadline *for implementing documents* when its content is about issuing
  documents: it contains “ban hành” (section II.2.1 of the built-in plan: “… ban hành các nghị
  quyết, chỉ thị, chương trình, kế hoạch, đề án … chậm nhất trong quý IV năm 2021”).
- Who owes: the units the deadline names; each owes one document for every program it leads
  (a lead assignment of the program, or of the whole plan: then every program), or one document
  for the whole plan when it leads no program. A deadline that names no unit binds every unit
  that leads a program, for that program. Groups of bodies (“Các cơ quan liên quan”) never owe,
  and neither does a unit that did not exist on the due date.
- What pays: a registered document of that unit, dated on or before the as-of day, that names
  the program, or one of the program's targets or tasks (for a whole-plan obligation, any of the
  unit's documents). The earliest such document decides: on or before the due date → issued on
  time; after it → issued late (by so many days). None yet → not issued: overdue by so many days
  once the due date has passed, otherwise not yet due.
- When several deadlines give a unit the same obligation, the earliest due date counts.

Every date is passed in; nothing here reads the clock.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tiendo.accounts import permissions as perms
from tiendo.core.text import normalize_space
from tiendo.org.models import OrgUnit, OrgUnitKind

from .models import (
    Assignment,
    AssignmentRole,
    ImplementingDocument,
    Plan,
    PlanDeadline,
    Program,
    Target,
    Task,
)

# --- The rule, on plain data ------------------------------------------------------------------


def deadline_is_for_documents(title: str) -> bool:
    """A deadline to issue (“ban hành”) documents."""
    return "ban hành" in normalize_space(title).lower()


class RegisterStatus:
    ON_TIME = "on_time"
    LATE = "late"
    MISSING = "missing"
    NOT_DUE = "not_due"

    LABELS = {
        ON_TIME: _("Ban hành đúng hạn"),
        LATE: _("Ban hành muộn"),
        MISSING: _("Chưa ban hành, quá hạn"),
        NOT_DUE: _("Chưa đến hạn"),
    }
    ORDER = (MISSING, LATE, NOT_DUE, ON_TIME)


@dataclass(frozen=True)
class Obligation:
    """`unit_id` owes a document for `program_id` (None: the whole plan) by `due`."""

    unit_id: int
    program_id: int | None
    due: dt.date


@dataclass(frozen=True)
class DocumentFacts:
    id: int
    unit_id: int
    date: dt.date
    program_ids: frozenset[int]


@dataclass(frozen=True)
class Assessment:
    obligation: Obligation
    status: str
    document_id: int | None
    days: int  # late by (issued late), overdue by (missing), left (not due); 0 when on time


def obligations_derive(
    *,
    deadlines: Iterable[tuple[dt.date, Sequence[int]]],
    program_leads: Iterable[tuple[int, int]],
    plan_leads: Iterable[int],
    program_ids: Sequence[int],
    excluded_unit_ids: Iterable[int] = (),
    unit_exists_on: dict[int, tuple[dt.date | None, dt.date | None]] | None = None,
) -> list[Obligation]:
    """The obligations of a plan: `deadlines` are (due date, named unit ids) of the deadlines for
    documents; `program_leads` (unit id, program id) and `plan_leads` (unit ids) are the lead
    assignments; `excluded_unit_ids` are groups; `unit_exists_on` gives units' validity dates."""
    program_leads = list(program_leads)
    led: dict[int, set[int]] = defaultdict(set)
    for unit_id, led_program in program_leads:
        led[unit_id].add(led_program)
    for unit_id in plan_leads:
        led[unit_id].update(program_ids)
    excluded = set(excluded_unit_ids)
    validity = unit_exists_on or {}
    due_of: dict[tuple[int, int | None], dt.date] = {}
    for due, named in deadlines:
        if named:
            pairs: list[tuple[int, int | None]] = []
            for unit_id in named:
                programs = sorted(led.get(unit_id, ()))
                pairs += [(unit_id, p) for p in programs] if programs else [(unit_id, None)]
        else:
            pairs = [(u, p) for u, p in program_leads]
        for unit_id, program_id in pairs:
            if unit_id in excluded:
                continue
            start, end = validity.get(unit_id, (None, None))
            if (start is not None and start > due) or (end is not None and end < due):
                continue
            key = (unit_id, program_id)
            if key not in due_of or due < due_of[key]:
                due_of[key] = due
    return [Obligation(unit_id=u, program_id=p, due=d) for (u, p), d in due_of.items()]


def obligations_assess(
    *, obligations: Iterable[Obligation], documents: Iterable[DocumentFacts], as_of: dt.date
) -> list[Assessment]:
    """Each obligation's state on `as_of` (documents dated after it are not yet issued)."""
    by_unit: dict[int, list[DocumentFacts]] = defaultdict(list)
    for doc in sorted(documents, key=lambda d: (d.date, d.id)):
        if doc.date <= as_of:
            by_unit[doc.unit_id].append(doc)
    result = []
    for ob in obligations:
        first = next(
            (
                d
                for d in by_unit.get(ob.unit_id, [])
                if ob.program_id is None or ob.program_id in d.program_ids
            ),
            None,
        )
        if first is not None:
            late = (first.date - ob.due).days
            status = RegisterStatus.LATE if late > 0 else RegisterStatus.ON_TIME
            result.append(Assessment(ob, status, first.id, max(late, 0)))
        elif as_of > ob.due:
            result.append(Assessment(ob, RegisterStatus.MISSING, None, (as_of - ob.due).days))
        else:
            result.append(Assessment(ob, RegisterStatus.NOT_DUE, None, (ob.due - as_of).days))
    return result


# --- Reads ------------------------------------------------------------------------------------


def register_scope(user: Any) -> list[int] | None:
    """Whose records `user` reads in the register: None for all units (the office, leaders,
    administrators), [their unit] for a unit's reporter; NotAllowed for anyone else."""
    if perms.can_read_all(user):
        return None
    unit_id = perms.unit_id_of(user)
    if perms.role_of(user) == perms.Role.REPORTER and unit_id is not None:
        return [unit_id]
    raise perms.NotAllowed(gettext("Bạn không có quyền xem sổ văn bản triển khai."))


def register_deadlines(*, plan: Plan) -> list[PlanDeadline]:
    """The plan's deadlines for implementing documents, earliest first, with their units."""
    deadlines = PlanDeadline.objects.filter(plan=plan).prefetch_related("units")
    return [d for d in deadlines.order_by("due_date", "id") if deadline_is_for_documents(d.title)]


def _documents_qs() -> QuerySet[ImplementingDocument]:
    return (
        ImplementingDocument.objects.select_related("issuing_unit", "recorded_by")
        .prefetch_related(
            Prefetch("programs", queryset=Program.objects.order_by("number")),
            Prefetch("targets", queryset=Target.objects.order_by("position")),
            Prefetch("tasks", queryset=Task.objects.order_by("position")),
        )
        .order_by("date", "number", "id")
    )


def document_program_ids(document: ImplementingDocument) -> frozenset[int]:
    """The programs a document implements: those it names and those of its targets and tasks
    (from the prefetched relations)."""
    ids = {p.pk for p in document.programs.all()}
    ids.update(t.program_id for t in document.targets.all())
    ids.update(t.program_id for t in document.tasks.all())
    return frozenset(ids)


def implementing_documents_list(
    *,
    plan: Plan,
    unit_ids: Sequence[int] | None = None,
    program: Program | None = None,
) -> list[ImplementingDocument]:
    """The register of a plan, by date; only some units' entries (`unit_ids`), or only those
    implementing a program (named, or through a target or task of it)."""
    documents = _documents_qs().filter(plan=plan)
    if unit_ids is not None:
        documents = documents.filter(issuing_unit_id__in=list(unit_ids))
    if program is not None:
        documents = documents.filter(
            Q(programs=program) | Q(targets__program=program) | Q(tasks__program=program)
        ).distinct()
    return list(documents)


def implementing_document_get(*, plan: Plan, pk: int) -> ImplementingDocument:
    return _documents_qs().get(plan=plan, pk=pk)


def implementing_documents_for_choice(*, plan: Plan) -> QuerySet[ImplementingDocument]:
    """The register entries to pick from (a work program item's outcome, a delegation's basis)."""
    return (
        ImplementingDocument.objects.filter(plan=plan)
        .select_related("issuing_unit")
        .order_by("-date", "number")
    )


@dataclass
class RegisterCell:
    unit: OrgUnit
    program: Program | None
    due: dt.date
    status: str
    days: int
    document: ImplementingDocument | None

    @property
    def label(self) -> str:
        return str(RegisterStatus.LABELS[self.status])


@dataclass
class RegisterRow:
    unit: OrgUnit
    cells: list[RegisterCell | None]  # one per column of the matrix; None: nothing owed

    @property
    def owed(self) -> list[RegisterCell]:
        return [c for c in self.cells if c is not None]


@dataclass
class RegisterView:
    as_of: dt.date
    deadlines: list[PlanDeadline]
    columns: list[Program | None]  # the programs, then None for whole-plan obligations if any
    rows: list[RegisterRow]
    cells: list[RegisterCell]
    documents: list[ImplementingDocument]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def missing(self) -> list[RegisterCell]:
        return sorted(
            (c for c in self.cells if c.status == RegisterStatus.MISSING),
            key=lambda c: (-c.days, c.unit.name),
        )

    def column_counts(self) -> list[dict[str, int]]:
        """Per column (program): how many obligations in each state."""
        result = []
        for column in self.columns:
            counts = dict.fromkeys(RegisterStatus.ORDER, 0)
            for cell in self.cells:
                if cell.program == column:
                    counts[cell.status] += 1
            result.append(counts)
        return result

    def status_counts(self) -> list[tuple[str, str, int]]:
        return [
            (s, str(RegisterStatus.LABELS[s]), self.counts.get(s, 0)) for s in RegisterStatus.ORDER
        ]


def _obligation_inputs(
    *, plan: Plan, deadlines: list[PlanDeadline], programs: list[Program]
) -> tuple[list[Obligation], dict[int, OrgUnit]]:
    leads = list(
        Assignment.objects.filter(
            plan=plan, role=AssignmentRole.LEAD, target__isnull=True, task__isnull=True
        ).values_list("unit_id", "program_id")
    )
    named = {u.pk: u for d in deadlines for u in d.units.all()}
    unit_ids = {u for u, _p in leads} | set(named)
    units = {u.pk: u for u in OrgUnit.objects.filter(pk__in=unit_ids)}
    obligations = obligations_derive(
        deadlines=[(d.due_date, [u.pk for u in d.units.all()]) for d in deadlines],
        program_leads=[(u, p) for u, p in leads if p is not None],
        plan_leads=[u for u, p in leads if p is None],
        program_ids=[p.pk for p in programs],
        excluded_unit_ids=[u.pk for u in units.values() if u.kind == OrgUnitKind.GROUP],
        unit_exists_on={u.pk: (u.valid_from, u.valid_to) for u in units.values()},
    )
    return obligations, units


def _first_program(cells: dict[int | None, RegisterCell]) -> int:
    numbers = [c.program.number for c in cells.values() if c.program is not None]
    return min(numbers) if numbers else 10**6


def register_view(
    *, plan: Plan, as_of: dt.date, unit_ids: Sequence[int] | None = None
) -> RegisterView:
    """The register of a plan on `as_of`: per lead body and program, issued on time, issued late,
    not issued (with days overdue), not yet due; and the documents. `unit_ids` limits it to some
    units (a reporter sees their own unit). A fixed number of queries."""
    deadlines = register_deadlines(plan=plan)
    programs = list(Program.objects.filter(plan=plan).order_by("number"))
    documents = implementing_documents_list(plan=plan, unit_ids=unit_ids)
    obligations, units = _obligation_inputs(plan=plan, deadlines=deadlines, programs=programs)
    if unit_ids is not None:
        wanted = set(unit_ids)
        obligations = [o for o in obligations if o.unit_id in wanted]
    facts = [
        DocumentFacts(d.pk, d.issuing_unit_id, d.date, document_program_ids(d)) for d in documents
    ]
    assessments = obligations_assess(obligations=obligations, documents=facts, as_of=as_of)
    program_by_id = {p.pk: p for p in programs}
    document_by_id = {d.pk: d for d in documents}
    cells = [
        RegisterCell(
            unit=units[a.obligation.unit_id],
            program=program_by_id.get(a.obligation.program_id) if a.obligation.program_id else None,
            due=a.obligation.due,
            status=a.status,
            days=a.days,
            document=document_by_id.get(a.document_id) if a.document_id else None,
        )
        for a in assessments
    ]
    used = {c.program.pk for c in cells if c.program is not None}
    columns: list[Program | None] = [p for p in programs if p.pk in used]
    if any(c.program is None for c in cells):
        columns.append(None)
    by_unit: dict[int, dict[int | None, RegisterCell]] = defaultdict(dict)
    for cell in cells:
        by_unit[cell.unit.pk][cell.program.pk if cell.program else None] = cell
    rows = [
        RegisterRow(
            unit=units[uid],
            cells=[by_unit[uid].get(col.pk if col else None) for col in columns],
        )
        for uid in sorted(by_unit, key=lambda u: (_first_program(by_unit[u]), units[u].name))
    ]
    counts: dict[str, int] = defaultdict(int)
    for cell in cells:
        counts[cell.status] += 1
    return RegisterView(
        as_of=as_of,
        deadlines=deadlines,
        columns=columns,
        rows=rows,
        cells=cells,
        documents=documents,
        counts=dict(counts),
    )


def documents_missing_by_unit(
    *, plan: Plan, unit_ids: Sequence[int], today: dt.date
) -> dict[int, list[RegisterCell]]:
    """For urging: per unit, the implementing documents it owes and has not issued although the
    due date has passed on `today`."""
    if not unit_ids:
        return {}
    view = register_view(plan=plan, as_of=today, unit_ids=unit_ids)
    result: dict[int, list[RegisterCell]] = defaultdict(list)
    for cell in view.missing:
        result[cell.unit.pk].append(cell)
    for cells in result.values():
        cells.sort(key=lambda c: c.program.number if c.program else 0)
    return dict(result)
