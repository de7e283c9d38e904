"""Reads of organisational units, as they were on a given day."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from .models import OrgUnit, OrgUnitSuccession


def units_valid_on(*, day: dt.date) -> QuerySet[OrgUnit]:
    """Units that existed on `day` (no validity dates means always)."""
    return OrgUnit.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=day),
        Q(valid_to__isnull=True) | Q(valid_to__gte=day),
    )


def unit_is_valid_on(*, unit: OrgUnit, day: dt.date) -> bool:
    return (unit.valid_from is None or unit.valid_from <= day) and (
        unit.valid_to is None or unit.valid_to >= day
    )


def unit_successors_on(*, unit: OrgUnit, day: dt.date) -> list[OrgUnit]:
    """The units that carry on `unit`'s work on `day`, following successions through any
    number of mergers and splits; the unit itself when it still exists."""
    if unit_is_valid_on(unit=unit, day=day):
        return [unit]
    result: list[OrgUnit] = []
    seen = {unit.pk}
    frontier = [unit.pk]
    while frontier:
        links = list(
            OrgUnitSuccession.objects.filter(predecessor_id__in=frontier, effective_date__lte=day)
            .select_related("successor")
            .order_by("successor__name")
        )
        frontier = []
        for link in links:
            successor = link.successor
            if successor.pk in seen:
                continue
            seen.add(successor.pk)
            if unit_is_valid_on(unit=successor, day=day):
                result.append(successor)
            else:
                frontier.append(successor.pk)
    return result


def units_not_ended(*, day: dt.date) -> QuerySet[OrgUnit]:
    """Units that still exist on `day` or start later (the ones work can be handed to), by name."""
    return OrgUnit.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day)).order_by("name")
