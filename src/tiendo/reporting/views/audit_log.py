"""The audit log page (nhật ký), read-only."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tiendo.audit.models import AuditEntry
from tiendo.core.dates import date_parse
from tiendo.plans.models import Plan

from .. import selectors
from ..audit_log import audit_entries_shown
from ._common import _int


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    """The audit log, read-only, with filters by object type, actor, plan and date."""
    filters = selectors.AuditFilters(
        object_type=request.GET.get("object_type", ""),
        actor=request.GET.get("actor", "").strip(),
        plan=request.GET.get("plan", ""),
        date_from=date_parse(request.GET.get("from")),
        date_to=date_parse(request.GET.get("to")),
    )
    page = selectors.audit_entries(
        actor=request.user, filters=filters, page=_int(request.GET.get("page"), 1)
    )
    choices = selectors.audit_filter_choices(actor=request.user)
    rows = audit_entries_shown(entries=list(page.object_list))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reporting/audit_list.html",
        {
            "page": page,
            "rows": rows,
            "filters": filters,
            "choices": choices,
            "query": query.urlencode(),
            "actions": dict(AuditEntry._meta.get_field("action").choices or []),
            "plans": Plan.objects.none(),
        },
    )
