"""Writes of who is responsible: giving a unit the lead on a target, and handing a unit's
responsibilities to its successor when units merge, split, are renamed or hand over their work."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tiendo.accounts.permissions import require_monitor
from tiendo.audit.models import AuditAction
from tiendo.audit.services import Actor, AuditRow, audit_record_many, audit_row
from tiendo.org.models import OrgUnit, OrgUnitSuccession, SuccessionKind
from tiendo.org.services import succession_links_record

from ..coverage import coverage_compute, plan_nodes
from ..models import (
    Assignment,
    AssignmentOrigin,
    AssignmentRole,
    Plan,
    PlanStatus,
    Program,
    Target,
)
from .delegations import DelegationRequest, delegations_create, node_label


@transaction.atomic
def target_assign(
    *, actor: Actor, plan: Plan, unit: OrgUnit, target: Target, check_actor: bool = True
) -> Assignment:
    """Make `unit` the lead unit for `target`, from the start: a delegation from the target's
    current deepest lead (the plan text's lead body, usually), or, where nobody leads it, a
    lead given directly by the office; a unit formed later (a merger's successor) leads from its
    first day. Idempotent: returns the node that makes `unit` the lead when it already is."""
    if check_actor:
        require_monitor(actor)
    today = timezone.localdate()
    nodes = plan_nodes(plan=plan)
    coverage = coverage_compute(
        plan=plan,
        programs=list(Program.objects.filter(pk=target.program_id)),
        targets=[target],
        tasks=[],
        nodes=nodes,
        reporter_units=set(),
        on=today,
    )
    (item,) = coverage.targets
    if item.lead is not None and item.lead.unit_id == unit.pk:
        return item.lead
    request = DelegationRequest(
        to_unit=unit,
        role=AssignmentRole.LEAD,
        from_unit=item.lead.unit if item.lead is not None else None,
        target=target,
        valid_from=unit.valid_from,
        basis_text=_("Văn phòng giao chủ trì chỉ tiêu %(c)s") % {"c": target.code},
    )
    (created,) = delegations_create(actor=actor, plan=plan, requests=[request], check_actor=False)
    return created


@transaction.atomic
def unit_succession_record(
    *,
    predecessors: Sequence[OrgUnit],
    successor: OrgUnit,
    kind: SuccessionKind | str,
    effective_date: dt.date,
    legal_basis: str,
    actor: Actor,
    transfer_assignments: bool = True,
) -> list[OrgUnitSuccession]:
    """`successor` takes over from `predecessors` on `effective_date`.

    The units' side (end dates, succession links) is `tiendo.org.services.succession_links_record`.
    With `transfer_assignments`, every assignment a predecessor holds in an active plan on or
    after that day ends the day before and the successor gets the same one from that day
    (origin succession); the delegations below it are carried under the successor's node
    (each ended and recreated, never rewritten), so that the next rounds ask the units that
    exist and nothing becomes uncovered. The old rows stay as the record of who was responsible.
    """
    links = succession_links_record(
        predecessors=predecessors,
        successor=successor,
        kind=kind,
        effective_date=effective_date,
        legal_basis=legal_basis,
        actor=actor,
    )
    if transfer_assignments:
        plans = Plan.objects.filter(
            status=PlanStatus.ACTIVE, assignments__unit__in=list(predecessors)
        ).distinct()
        for plan in plans:
            _assignments_carry(
                plan=plan,
                predecessors={u.pk for u in predecessors},
                successor=successor,
                effective_date=effective_date,
                legal_basis=legal_basis,
                actor=actor,
            )
    return links


def _assignments_carry(
    *,
    plan: Plan,
    predecessors: set[int],
    successor: OrgUnit,
    effective_date: dt.date,
    legal_basis: str,
    actor: Actor,
) -> None:
    last_day = effective_date - dt.timedelta(days=1)
    nodes = plan_nodes(plan=plan)
    by_pk = {n.pk: n for n in nodes}
    children: dict[int, list[Assignment]] = defaultdict(list)
    for n in nodes:
        if n.parent_id is not None:
            children[n.parent_id].append(n)

    def running(n: Assignment) -> bool:
        return n.valid_to is None or n.valid_to >= effective_date

    def carried_above(n: Assignment) -> bool:
        parent = by_pk.get(n.parent_id) if n.parent_id is not None else None
        while parent is not None:
            if parent.unit_id in predecessors and running(parent):
                return True
            parent = by_pk.get(parent.parent_id) if parent.parent_id is not None else None
        return False

    tops = [n for n in nodes if n.unit_id in predecessors and running(n) and not carried_above(n)]
    late = [
        n
        for top in tops
        for n in [top, *_running_below(top, children, running)]
        if n.valid_from is not None and n.valid_from > last_day
    ]
    if late:
        raise ValidationError(
            [
                _(
                    "Phân công “%(u)s” – %(l)s bắt đầu %(s)s, từ ngày kế thừa trở đi: hãy kết "
                    "thúc hoặc sửa phân công đó trước."
                )
                % {"u": n.unit, "l": node_label(n), "s": n.valid_from.strftime("%d/%m/%Y")}
                for n in late
                if n.valid_from is not None
            ]
        )
    ended: list[Assignment] = []
    audit: list[AuditRow] = []
    # successor-held nodes that already match (same role and scope, running): reuse them
    held = {
        (n.role, n.program_id, n.target_id, n.task_id): n
        for n in nodes
        if n.unit_id == successor.pk and running(n)
    }
    levels: list[list[tuple[Assignment, Assignment]]] = []  # (new node, the node it replaces)

    def end(n: Assignment) -> None:
        before = n.valid_to
        n.valid_to = last_day
        ended.append(n)
        audit.append(
            audit_row(
                actor=actor,
                action=AuditAction.UPDATE,
                obj=n,
                object_label=f"{n.unit} – {n.get_role_display()} – {node_label(n)}",
                changes={
                    "valid_to": {
                        "before": before.isoformat() if before else None,
                        "after": last_day.isoformat(),
                    }
                },
                reason=_("Kế thừa đơn vị: %(b)s") % {"b": legal_basis},
                plan_code=plan.code,
            )
        )

    def carry(old: Assignment, new_parent: Assignment | None, depth: int) -> None:
        """Recreate the running nodes below `old` under `new_parent`."""
        for child in children.get(old.pk, []):
            if not running(child):
                continue
            if child.unit_id in predecessors or child.unit_id == successor.pk:
                # it would hang below itself: its own nodes below move up to new_parent
                end(child)
                carry(child, new_parent, depth)
                continue
            copy = _copy(child, parent=new_parent, start=effective_date)
            end(child)
            while len(levels) <= depth:
                levels.append([])
            levels[depth].append((copy, child))
            carry(child, copy, depth + 1)

    for top in tops:
        key = (top.role, top.program_id, top.target_id, top.task_id)
        existing = held.get(key)
        if existing is not None:
            end(top)
            carry(top, existing, 0)
            continue
        parent = by_pk.get(top.parent_id) if top.parent_id is not None else None
        copy = _copy(top, parent=parent, start=effective_date)
        end(top)
        copy.unit = successor
        copy.origin = AssignmentOrigin.SUCCESSION
        copy.basis_document = None
        copy.basis_text = legal_basis
        held[key] = copy
        while not levels:
            levels.append([])
        levels[0].append((copy, top))
        carry(top, copy, 1)

    Assignment.objects.bulk_update(ended, ["valid_to"])
    for level in levels:  # parents are created one level before their children
        Assignment.objects.bulk_create([copy for copy, _old in level])
        for copy, old in level:
            audit.append(
                audit_row(
                    actor=actor,
                    action=AuditAction.CREATE,
                    obj=copy,
                    object_label=f"{copy.unit} – {copy.get_role_display()} – {node_label(copy)}",
                    changes={
                        "unit": {"before": old.unit.code, "after": copy.unit.code},
                        "parent": {
                            "before": by_pk[old.parent_id].unit.code
                            if old.parent_id in by_pk
                            else None,
                            "after": copy.parent.unit.code if copy.parent else None,
                        },
                        "valid_from": {"before": None, "after": effective_date.isoformat()},
                    },
                    reason=_("Chuyển phân công từ đơn vị cũ: %(b)s") % {"b": legal_basis},
                    plan_code=plan.code,
                )
            )
    audit_record_many(rows=audit)


def _running_below(
    node: Assignment,
    children: dict[int, list[Assignment]],
    running: Callable[[Assignment], bool],
) -> list[Assignment]:
    found: list[Assignment] = []
    frontier = [node]
    while frontier:
        nxt = []
        for n in frontier:
            for child in children.get(n.pk, []):
                if running(child):
                    found.append(child)
                    nxt.append(child)
        frontier = nxt
    return found


def _copy(node: Assignment, *, parent: Assignment | None, start: dt.date) -> Assignment:
    """The same responsibility from `start`, below `parent` (not saved)."""
    return Assignment(
        plan_id=node.plan_id,
        unit=node.unit,
        role=node.role,
        program=node.program,
        target=node.target,
        task=node.task,
        deadline=node.deadline,
        source_text=node.source_text,
        parent=parent,
        origin=node.origin if node.origin != AssignmentOrigin.PLAN else AssignmentOrigin.SUCCESSION,
        basis_document=node.basis_document,
        basis_text=node.basis_text,
        part=node.part,
        valid_from=max(start, node.valid_from) if node.valid_from else start,
        valid_to=node.valid_to,
    )
