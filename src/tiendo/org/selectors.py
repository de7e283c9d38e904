"""Reads of organisational units, as they were on a given day, and of the built-in record of
the 2025 reorganisation shipped with the package."""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources
from typing import Any

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


REORGANISATION_FILE = "builtin/lang-son-2025.json"


def reorganisation_builtin_document() -> dict[str, Any]:
    """The 2025 reorganisation of the built-in plan's units, as shipped inside the package:
    `sources` (each fact's public source), `units` (with validity dates), `successions`
    (predecessors, successor, kind, effective date, legal basis, source URL and quote) and
    `not_shipped` (facts that could not be sourced, with how the office records them)."""
    text = resources.files("tiendo.org").joinpath(REORGANISATION_FILE).read_text("utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


def reorganisation_builtin_unit(*, code: str) -> dict[str, Any] | None:
    """One unit of the built-in reorganisation record (name, kind, validity dates, sources),
    e.g. for demo data that delegates targets to the departments of the time."""
    for unit in reorganisation_builtin_document()["units"]:
        if unit["code"] == code:
            found: dict[str, Any] = unit
            return found
    return None
