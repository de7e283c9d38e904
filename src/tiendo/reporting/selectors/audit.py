"""Reads of the audit log: its entries for the reader, filtered, and the filters' choices."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from tiendo.accounts.permissions import require_audit_reader
from tiendo.audit.models import AuditEntry
from tiendo.plans.models import Plan
from tiendo.plans.selectors import plans_visible

from ..audit_log import OBJECT_TYPE_GROUPS, object_type_label, object_type_members


@dataclass
class AuditFilters:
    object_type: str = ""
    actor: str = ""
    plan: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def _audit_visible(actor: Any) -> QuerySet[AuditEntry]:
    """The log without the entries of plans the actor may not see (drafts, for anyone but the
    office: plans_visible)."""
    hidden = Plan.objects.exclude(pk__in=plans_visible(user=actor).values("pk")).values("code")
    return AuditEntry.objects.exclude(plan_code__in=hidden)


def audit_entries(
    *, actor: Any, filters: AuditFilters, page: int = 1, per_page: int = 50
) -> Page[Any]:
    require_audit_reader(actor)
    qs = _audit_visible(actor).select_related("actor").order_by("-at", "-id")
    if filters.object_type:
        qs = qs.filter(object_type__in=object_type_members(filters.object_type))
    if filters.actor:
        qs = qs.filter(actor_label__iexact=filters.actor)
    if filters.plan:
        qs = qs.filter(plan_code=filters.plan)
    if filters.date_from:
        qs = qs.filter(at__date__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(at__date__lte=filters.date_to)
    return Paginator(qs, per_page).get_page(page)


def audit_filter_choices(*, actor: Any) -> dict[str, list[Any]]:
    """The choices of the filter bar: object types as (value, name), sorted by name, an old
    name of a type merged into the type; the plans' codes."""
    require_audit_reader(actor)
    types: dict[str, str] = {}
    for object_type in (
        AuditEntry.objects.order_by().values_list("object_type", flat=True).distinct()
    ):
        value = next((k for k, v in OBJECT_TYPE_GROUPS.items() if object_type in v), object_type)
        types[value] = object_type_label(value)
    return {
        "object_types": sorted(types.items(), key=lambda item: item[1].lower()),
        "plans": list(
            _audit_visible(actor)
            .exclude(plan_code="")
            .order_by()
            .values_list("plan_code", flat=True)
            .distinct()
        ),
    }
