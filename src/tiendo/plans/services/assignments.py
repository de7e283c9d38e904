"""Writes of who is responsible: giving a unit the lead on a target, and handing a unit's
responsibilities to its successor when units merge, split, are renamed or hand over their work."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction

from tiendo.accounts.permissions import require_monitor
from tiendo.audit.models import AuditAction
from tiendo.audit.services import Actor, audit_record
from tiendo.org.models import OrgUnit, OrgUnitSuccession, SuccessionKind
from tiendo.org.services import succession_links_record

from ..models import Assignment, AssignmentRole, Plan, PlanStatus, Target


@transaction.atomic
def target_assign(
    *, actor: Actor, plan: Plan, unit: OrgUnit, target: Target, check_actor: bool = True
) -> Assignment:
    """Make `unit` the lead unit for `target` (Assignment role lead, scope target). Idempotent."""
    if check_actor:
        require_monitor(actor)
    existing = Assignment.objects.filter(
        plan=plan, unit=unit, role=AssignmentRole.LEAD, target=target, program=None, task=None
    ).first()
    if existing is not None:
        return existing
    assignment = Assignment.objects.create(
        plan=plan, unit=unit, role=AssignmentRole.LEAD, target=target
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=assignment,
        changes={
            "unit": {"before": None, "after": unit.code},
            "role": {"before": None, "after": AssignmentRole.LEAD.value},
            "target": {"before": None, "after": target.code},
        },
        plan_code=plan.code,
    )
    return assignment


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
    With `transfer_assignments`, every assignment a predecessor holds in an active plan is given to
    the successor as well, so that the next rounds ask the unit that exists; the old assignments
    stay as the record of who was responsible before.
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
        for unit in predecessors:
            _assignments_transfer(unit=unit, successor=successor, actor=actor, reason=legal_basis)
    return links


def _assignments_transfer(*, unit: OrgUnit, successor: OrgUnit, actor: Actor, reason: str) -> None:
    held = Assignment.objects.filter(unit=unit, plan__status=PlanStatus.ACTIVE).select_related(
        "plan"
    )
    for assignment in held:
        copy, created = Assignment.objects.get_or_create(
            plan=assignment.plan,
            unit=successor,
            role=assignment.role,
            program=assignment.program,
            target=assignment.target,
            task=assignment.task,
            defaults={"deadline": assignment.deadline, "source_text": assignment.source_text},
        )
        if created:
            audit_record(
                actor=actor,
                action=AuditAction.CREATE,
                obj=copy,
                changes={"unit": {"before": unit.code, "after": successor.code}},
                reason=f"Chuyển phân công từ đơn vị cũ: {reason}",
                plan_code=assignment.plan.code,
            )
