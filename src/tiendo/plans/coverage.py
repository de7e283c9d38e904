"""Reads of responsibility: who answers for each target and task, and whether anyone can report it.

A plan's assignments form a tree (`Assignment.parent`): the plan text makes the roots, bodies
hand their part on below them. On a given day, a target or task is *reported* by the deepest
active lead of it (a whole-item lead: a delegation of a part does not move the reporting) when
that unit can report: a single unit (not a group), existing that day, with at least one active
reporter account. Otherwise it is uncovered, with the reason.

`coverage_compute` is pure (plain objects in, plain objects out) so that a delegation form can
preview what a change would do; `plan_coverage` loads what it needs in a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tiendo.accounts.selectors import reporter_unit_ids
from tiendo.org.models import OrgUnit, OrgUnitKind
from tiendo.org.selectors import unit_is_valid_on

from .models import Assignment, AssignmentRole, Plan, Program, Target, Task


class CoverageGap(models.TextChoices):
    """Why nobody would be asked for a target or task."""

    NO_LEAD = "no_lead", _("Chưa có đơn vị chủ trì")
    SEVERAL_LEADS = "several_leads", _("Nhiều đơn vị cùng chủ trì; cần giao cho một đơn vị")
    GROUP = "group", _("Chủ trì là nhóm cơ quan, chưa phân công cho đơn vị cụ thể")
    UNIT_GONE = "unit_gone", _("Đơn vị chủ trì không còn hoạt động")
    NO_REPORTER = "no_reporter", _("Đơn vị chủ trì chưa có tài khoản cán bộ báo cáo")


def unit_label(unit: OrgUnit) -> str:
    return unit.short_name or unit.name


@dataclass(frozen=True)
class ItemCoverage:
    """One target or task on one day: its chain of leads, who reports it, or why nobody does."""

    kind: str  # "target" | "task"
    item: Target | Task
    chain: tuple[Assignment, ...]  # whole-item leads, from the plan text's root to the deepest
    reporter: OrgUnit | None
    gap: str  # a CoverageGap value, "" when reported
    partial: tuple[Assignment, ...] = ()  # lead delegations of a part of it
    coordinators: tuple[Assignment, ...] = ()
    competing: tuple[Assignment, ...] = ()  # the deepest leads when there are several

    @property
    def code(self) -> str:
        return self.item.code

    @property
    def reportable(self) -> bool:
        return self.reporter is not None

    @property
    def lead(self) -> Assignment | None:
        return self.chain[-1] if self.chain else None

    @property
    def gap_label(self) -> str:
        return str(CoverageGap(self.gap).label) if self.gap else ""

    @property
    def chain_text(self) -> str:
        """“BCSĐ UBND tỉnh → Sở Công Thương”."""
        return " → ".join(unit_label(node.unit) for node in self.chain)

    def involves(self, unit_id: int) -> bool:
        """The unit is on the chain (it leads, or handed the item on)."""
        return any(node.unit_id == unit_id for node in self.chain)


@dataclass
class ProgramCoverage:
    program: Program
    targets: list[ItemCoverage]
    tasks: list[ItemCoverage]
    leads: tuple[Assignment, ...] = ()  # program-level leads in force
    coordinators: tuple[Assignment, ...] = ()  # program-level coordinators in force

    @property
    def targets_reportable(self) -> int:
        return sum(1 for t in self.targets if t.reportable)

    @property
    def tasks_reportable(self) -> int:
        return sum(1 for t in self.tasks if t.reportable)

    @property
    def uncovered_count(self) -> int:
        return sum(1 for i in [*self.targets, *self.tasks] if not i.reportable)


@dataclass
class PlanCoverage:
    plan: Plan
    on: dt.date
    programs: list[ProgramCoverage]
    nodes: list[Assignment] = field(default_factory=list)

    @property
    def targets(self) -> list[ItemCoverage]:
        return [t for p in self.programs for t in p.targets]

    @property
    def tasks(self) -> list[ItemCoverage]:
        return [t for p in self.programs for t in p.tasks]

    @property
    def items(self) -> list[ItemCoverage]:
        return [*self.targets, *self.tasks]

    @property
    def targets_reportable(self) -> int:
        return sum(1 for t in self.targets if t.reportable)

    @property
    def tasks_reportable(self) -> int:
        return sum(1 for t in self.tasks if t.reportable)

    @property
    def uncovered(self) -> list[ItemCoverage]:
        return [i for i in self.items if not i.reportable]

    @property
    def complete(self) -> bool:
        return not self.uncovered

    def for_unit(self, unit_id: int) -> tuple[list[ItemCoverage], list[ItemCoverage]]:
        """The targets and tasks a unit reports, in the plan's order."""
        return (
            [t for t in self.targets if t.reporter is not None and t.reporter.pk == unit_id],
            [t for t in self.tasks if t.reporter is not None and t.reporter.pk == unit_id],
        )

    def reporting_units(self) -> list[OrgUnit]:
        """The units that report something, by name."""
        units = {i.reporter.pk: i.reporter for i in self.items if i.reporter is not None}
        return sorted(units.values(), key=lambda u: u.name)

    def by_reporter(self) -> dict[int, tuple[list[Target], list[Task]]]:
        """For each reporting unit: the targets and tasks it reports."""
        result: dict[int, tuple[list[Target], list[Task]]] = {}
        for item in self.items:
            if item.reporter is None:
                continue
            targets, tasks = result.setdefault(item.reporter.pk, ([], []))
            if isinstance(item.item, Target):
                targets.append(item.item)
            else:
                tasks.append(item.item)
        return result

    def gap_counts(self) -> list[tuple[str, str, int]]:
        """(gap, label, how many targets and tasks) for each reason found, in a fixed order."""
        counts: dict[str, int] = defaultdict(int)
        for i in self.uncovered:
            counts[i.gap] += 1
        return [(g.value, str(g.label), counts[g.value]) for g in CoverageGap if counts[g.value]]

    def in_force(self) -> list[Assignment]:
        """Delegations (and the successors' nodes) in force on the day, by the delegating body."""
        by_pk = {n.pk: n for n in self.nodes}
        handed = [
            n
            for n in self.nodes
            if n.active_on(self.on) and (n.parent_id is not None or n.origin != "plan")
        ]

        def order(n: Assignment) -> tuple[str, str, int]:
            parent = by_pk.get(n.parent_id) if n.parent_id is not None else None
            return (unit_label(parent.unit) if parent else "", unit_label(n.unit), n.pk or 0)

        return sorted(handed, key=order)

    def groups(self) -> list[tuple[OrgUnit, list[Assignment]]]:
        """Collective bodies holding assignments in force, with what they hold."""
        held: dict[int, tuple[OrgUnit, list[Assignment]]] = {}
        for n in self.nodes:
            if n.unit.kind == OrgUnitKind.GROUP and n.active_on(self.on):
                held.setdefault(n.unit_id, (n.unit, []))[1].append(n)
        return sorted(held.values(), key=lambda g: g[0].name)

    def members_of(self, group_id: int) -> list[OrgUnit]:
        """The units a group has been resolved into (delegations in force below its nodes)."""
        group_nodes = {n.pk for n in self.nodes if n.unit_id == group_id}
        units = {
            n.unit_id: n.unit
            for n in self.nodes
            if n.parent_id in group_nodes and n.active_on(self.on)
        }
        return sorted(units.values(), key=lambda u: u.name)

    def holders(self) -> list[OrgUnit]:
        """Units that lead or coordinate a program, target or task on the day (they can hand
        it on)."""
        units = {
            n.unit_id: n.unit
            for n in self.nodes
            if n.active_on(self.on)
            and n.role in (AssignmentRole.LEAD, AssignmentRole.COORDINATE)
            and n.scope != "plan"
        }
        return sorted(units.values(), key=lambda u: u.name)

    def as_json(self) -> dict[str, Any]:
        """`{"targets": {"total", "reportable", "uncovered": [codes]}, "tasks": {...}}`."""
        return {
            "targets": {
                "total": len(self.targets),
                "reportable": self.targets_reportable,
                "uncovered": [t.code for t in self.targets if not t.reportable],
            },
            "tasks": {
                "total": len(self.tasks),
                "reportable": self.tasks_reportable,
                "uncovered": [t.code for t in self.tasks if not t.reportable],
            },
        }


def _key(node: Assignment) -> int:
    return node.pk if node.pk is not None else -id(node)


def _parent_key(node: Assignment) -> int | None:
    return node.parent_id


def _item_coverage(
    *,
    kind: str,
    item: Target | Task,
    candidates: Iterable[Assignment],
    on: dt.date,
    reporters: set[int],
) -> ItemCoverage:
    active = [n for n in candidates if n.active_on(on)]
    leads = [n for n in active if n.role == AssignmentRole.LEAD and not n.part]
    partial = tuple(n for n in active if n.role == AssignmentRole.LEAD and n.part)
    coordinators = tuple(n for n in active if n.role == AssignmentRole.COORDINATE)
    by_key = {_key(n): n for n in leads}
    roots = [n for n in leads if _parent_key(n) not in by_key]
    # The plan text may name a lead for a program and another for one of its targets: the
    # more specific one answers for that target.
    specific = [n for n in roots if n.program_id is None]
    if specific and len(specific) < len(roots):
        kept_roots = {_key(n) for n in specific}

        def rooted(node: Assignment) -> bool:
            while _parent_key(node) in by_key:
                node = by_key[_parent_key(node)]  # type: ignore[index]
            return _key(node) in kept_roots

        by_key = {k: n for k, n in by_key.items() if rooted(n)}
    with_children = {_parent_key(n) for n in by_key.values()}
    leaves = [n for k, n in by_key.items() if k not in with_children]
    common: dict[str, Any] = {
        "kind": kind,
        "item": item,
        "partial": partial,
        "coordinators": coordinators,
    }
    if not leaves:
        return ItemCoverage(chain=(), reporter=None, gap=CoverageGap.NO_LEAD, **common)
    if len(leaves) > 1:
        leaves.sort(key=lambda n: unit_label(n.unit))
        return ItemCoverage(
            chain=(),
            reporter=None,
            gap=CoverageGap.SEVERAL_LEADS,
            competing=tuple(leaves),
            **common,
        )
    chain = [leaves[0]]
    while _parent_key(chain[-1]) in by_key:
        chain.append(by_key[_parent_key(chain[-1])])  # type: ignore[index]
    chain.reverse()
    unit = chain[-1].unit
    gap = ""
    if unit.kind == OrgUnitKind.GROUP:
        gap = CoverageGap.GROUP
    elif not unit_is_valid_on(unit=unit, day=on):
        gap = CoverageGap.UNIT_GONE
    elif unit.pk not in reporters:
        gap = CoverageGap.NO_REPORTER
    return ItemCoverage(chain=tuple(chain), reporter=None if gap else unit, gap=str(gap), **common)


def coverage_compute(
    *,
    plan: Plan,
    programs: Sequence[Program],
    targets: Sequence[Target],
    tasks: Sequence[Task],
    nodes: Sequence[Assignment],
    reporter_units: set[int],
    on: dt.date,
) -> PlanCoverage:
    """Pure: the coverage of the given targets and tasks by the given nodes (each with `unit`
    loaded; unsaved nodes may be among them, for a preview) on `on`."""
    by_program: dict[int, list[Assignment]] = defaultdict(list)
    by_target: dict[int, list[Assignment]] = defaultdict(list)
    by_task: dict[int, list[Assignment]] = defaultdict(list)
    for node in nodes:
        if node.program_id is not None:
            by_program[node.program_id].append(node)
        elif node.target_id is not None:
            by_target[node.target_id].append(node)
        elif node.task_id is not None:
            by_task[node.task_id].append(node)
    result = []
    for program in programs:
        in_force = [n for n in by_program[program.pk] if n.active_on(on)]
        result.append(
            ProgramCoverage(
                program=program,
                leads=tuple(n for n in in_force if n.role == AssignmentRole.LEAD),
                coordinators=tuple(n for n in in_force if n.role == AssignmentRole.COORDINATE),
                targets=[
                    _item_coverage(
                        kind="target",
                        item=t,
                        candidates=[*by_program[program.pk], *by_target[t.pk]],
                        on=on,
                        reporters=reporter_units,
                    )
                    for t in targets
                    if t.program_id == program.pk
                ],
                tasks=[
                    _item_coverage(
                        kind="task",
                        item=t,
                        candidates=[*by_program[program.pk], *by_task[t.pk]],
                        on=on,
                        reporters=reporter_units,
                    )
                    for t in tasks
                    if t.program_id == program.pk
                ],
            )
        )
    return PlanCoverage(plan=plan, on=on, programs=result, nodes=list(nodes))


def plan_nodes(*, plan: Plan) -> list[Assignment]:
    """Every assignment of the plan (ended ones too), with its unit and basis. One query."""
    return list(
        Assignment.objects.filter(plan=plan)
        .select_related("unit", "basis_document", "program", "target", "task")
        .order_by("id")
    )


@dataclass(frozen=True)
class CoverageInputs:
    """What a plan's coverage is computed from, loaded once: the coverage of any day follows
    from it (`on`) without reading again, while the plan's assignments and reporter accounts
    stay as they were (a run of rounds opened together, as the demo data does)."""

    plan: Plan
    programs: list[Program]
    targets: list[Target]
    tasks: list[Task]
    nodes: list[Assignment]
    reporter_units: set[int]

    def on(self, day: dt.date) -> PlanCoverage:
        return coverage_compute(
            plan=self.plan,
            programs=self.programs,
            targets=self.targets,
            tasks=self.tasks,
            nodes=self.nodes,
            reporter_units=self.reporter_units,
            on=day,
        )


def plan_coverage_inputs(*, plan: Plan) -> CoverageInputs:
    """The plan's programs, targets, tasks, assignments and the units with a reporter. Five
    queries."""
    return CoverageInputs(
        plan=plan,
        programs=list(Program.objects.filter(plan=plan).order_by("number")),
        targets=list(Target.objects.filter(plan=plan).order_by("position")),
        tasks=list(Task.objects.filter(plan=plan).order_by("position")),
        nodes=plan_nodes(plan=plan),
        reporter_units=reporter_unit_ids(),
    )


def plan_coverage(*, plan: Plan, on: dt.date | None = None) -> PlanCoverage:
    """Who reports each target and task of the plan on `on` (default today). Five queries."""
    return plan_coverage_inputs(plan=plan).on(on or timezone.localdate())


def target_coverage(*, target: Target, on: dt.date | None = None) -> ItemCoverage:
    """One target's chain and reporter on `on` (default today). Two queries."""
    nodes = list(
        Assignment.objects.filter(
            models.Q(target=target) | models.Q(program_id=target.program_id)
        ).select_related("unit", "basis_document")
    )
    return _item_coverage(
        kind="target",
        item=target,
        candidates=nodes,
        on=on or timezone.localdate(),
        reporters=reporter_unit_ids(),
    )
