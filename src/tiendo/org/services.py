"""Writes of organisational units: recording that units merged, split, were renamed or handed
over their work. History is never rewritten: the old units keep their rows, figures and
assignments; they get an end date and links to the units that carry on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction

from tiendo.audit.models import AuditAction
from tiendo.audit.services import Actor, audit_record
from tiendo.plans.models import Assignment, PlanStatus

from .models import OrgUnit, OrgUnitSuccession, SuccessionKind

CLOSING_KINDS = {SuccessionKind.MERGE, SuccessionKind.SPLIT, SuccessionKind.RENAME}


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

    For a merger, split or renaming the predecessors end the day before (a transfer of work
    leaves them in place). With `transfer_assignments`, every assignment a predecessor holds in
    an active plan is given to the successor as well, so that the next rounds ask the unit that
    exists; the old assignments stay as the record of who was responsible before.
    """
    kind = SuccessionKind(kind)
    if not predecessors:
        raise ValidationError("Cần ít nhất một đơn vị cũ.")
    if any(p.pk == successor.pk for p in predecessors):
        raise ValidationError("Đơn vị kế thừa không thể là một trong các đơn vị cũ.")
    if not legal_basis.strip():
        raise ValidationError("Cần ghi căn cứ (số, ngày văn bản quyết định).")
    if successor.valid_to is not None and successor.valid_to < effective_date:
        raise ValidationError(
            f"Đơn vị kế thừa “{successor}” đã hết hiệu lực trước ngày {effective_date:%d/%m/%Y}."
        )
    if successor.valid_from is not None and successor.valid_from > effective_date:
        raise ValidationError(
            f"Đơn vị kế thừa “{successor}” chỉ có hiệu lực từ {successor.valid_from:%d/%m/%Y}."
        )
    links = []
    last_day = effective_date - dt.timedelta(days=1)
    for unit in predecessors:
        if kind in CLOSING_KINDS and (unit.valid_to is None or unit.valid_to > last_day):
            if unit.valid_from is not None and unit.valid_from > last_day:
                raise ValidationError(
                    f"Đơn vị “{unit}” chỉ có hiệu lực từ {unit.valid_from:%d/%m/%Y}."
                )
            before = unit.valid_to
            unit.valid_to = last_day
            unit.save(update_fields=["valid_to"])
            audit_record(
                actor=actor,
                action=AuditAction.UPDATE,
                obj=unit,
                changes={
                    "valid_to": {
                        "before": before.isoformat() if before else None,
                        "after": last_day.isoformat(),
                    }
                },
                reason=legal_basis,
            )
        link, created = OrgUnitSuccession.objects.get_or_create(
            predecessor=unit,
            successor=successor,
            defaults={"kind": kind, "effective_date": effective_date, "legal_basis": legal_basis},
        )
        if created:
            audit_record(
                actor=actor,
                action=AuditAction.CREATE,
                obj=link,
                changes={
                    "kind": {"before": None, "after": str(kind)},
                    "effective_date": {"before": None, "after": effective_date.isoformat()},
                },
                reason=legal_basis,
            )
        links.append(link)
        if transfer_assignments:
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
