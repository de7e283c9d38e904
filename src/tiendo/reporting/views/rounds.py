"""Reporting rounds: the list, opening one, its progress, and urging its units."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tiendo.accounts import permissions as perms
from tiendo.core.dates import date_parse
from tiendo.plans.coverage import plan_coverage
from tiendo.plans.register import documents_missing_by_unit

from .. import selectors, services
from ..models import PeriodKind, ReportingRound
from ._common import _error_dict, _int


@login_required
def round_list(request: HttpRequest) -> HttpResponse:
    rounds = list(selectors.rounds_list(actor=request.user))
    return render(
        request,
        "reporting/round_list.html",
        {"rounds": rounds, "can_open": perms.can_monitor(request.user)},
    )


@login_required
def round_create(request: HttpRequest) -> HttpResponse:
    perms.require_monitor(request.user)
    plans = list(selectors.plans_for_round_form())
    units = list(selectors.units_for_round_form())
    errors: dict[str, str] = {}
    data: Any = request.POST if request.method == "POST" else {}
    if request.method == "POST":
        plan = next((p for p in plans if str(p.pk) == data.get("plan")), None)
        opens_on, deadline = date_parse(data.get("opens_on")), date_parse(data.get("deadline"))
        year = _int(data.get("year"))
        chosen_ids = {_int(u) for u in request.POST.getlist("units")}
        if plan is None:
            errors["plan"] = _("Hãy chọn chương trình hành động.")
        if opens_on is None:
            errors["opens_on"] = _("Ngày mở đợt chưa đúng (ngày/tháng/năm).")
        if deadline is None:
            errors["deadline"] = _("Hạn nộp chưa đúng (ngày/tháng/năm).")
        if not year:
            errors["year"] = _("Hãy nhập năm báo cáo.")
        if not errors:
            assert plan is not None and opens_on is not None and deadline is not None
            try:
                rnd = services.round_open(
                    actor=request.user,
                    plan=plan,
                    period_kind=data.get("period_kind", ""),
                    year=year,
                    number=_int(data.get("number"), 1),
                    opens_on=opens_on,
                    deadline=deadline,
                    units=[u for u in units if u.pk in chosen_ids],
                    uncovered_ok=data.get("uncovered_ok") == "1",
                )
            except ValidationError as exc:
                errors = _error_dict(exc)
            else:
                messages.success(request, _("Đã mở đợt báo cáo %(p)s.") % {"p": rnd.period_label()})
                return redirect("reporting:round_detail", pk=rnd.pk)
        checked = chosen_ids
        not_asked: list[Any] = []
        shown_plan = plan
    else:
        default_plan = plans[0] if plans else None
        today = timezone.localdate()
        shown_plan = default_plan
        checked = set()
        if default_plan is not None:
            coverage = plan_coverage(plan=default_plan, on=today)
            checked = {u.pk for u in coverage.reporting_units()}
            not_asked = selectors.round_not_asked(coverage=coverage, unit_ids=checked)
        # the year to report: this year while the plan runs, its last year once it has ended
        year = today.year
        if default_plan is not None:
            year = max(min(year, default_plan.term_to_year), default_plan.term_from_year)
        data = {
            "plan": str(default_plan.pk) if default_plan else "",
            "period_kind": PeriodKind.YEAR,
            "year": str(year),
            "number": "1",
            "opens_on": today.strftime("%d/%m/%Y"),
            "deadline": (today + dt.timedelta(days=14)).strftime("%d/%m/%Y"),
        }
    return render(
        request,
        "reporting/round_create.html",
        {
            "plans": plans,
            "units": units,
            "checked": checked,
            "data": data,
            "errors": errors,
            "period_kinds": PeriodKind.choices,
            "not_asked": not_asked,
            "shown_plan": shown_plan,
        },
        status=400 if errors else 200,
    )


@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Progress of a round: who submitted, who is late, who was returned."""
    show = request.GET.get("show", "")
    try:
        rnd, rows = selectors.round_progress(actor=request.user, round_id=pk, show=show)
    except ReportingRound.DoesNotExist as exc:
        raise Http404(_("Không có đợt báo cáo này.")) from exc
    context = {
        "round": rnd,
        "rows": rows,
        "show": show,
        "can_monitor": perms.can_monitor(request.user),
        "filters": [
            ("", _("Tất cả")),
            ("waiting", _("Chưa gửi / bị trả lại")),
            ("late", _("Quá hạn")),
            ("returned", _("Bị trả lại")),
            ("review", _("Chờ duyệt")),
        ],
    }
    template = (
        "reporting/_progress_table.html"
        if getattr(request, "htmx", False)
        else "reporting/round_detail.html"
    )
    return render(request, template, context)


@login_required
def round_urge(request: HttpRequest, pk: int) -> HttpResponse:
    """Đôn đốc: pick units (those that have not submitted, are late, were returned, or have
    overdue tasks) and send one digest to each."""
    perms.require_monitor(request.user)
    try:
        rnd, rows = selectors.round_progress(actor=request.user, round_id=pk)
    except ReportingRound.DoesNotExist as exc:
        raise Http404(_("Không có đợt báo cáo này.")) from exc
    if request.method == "POST":
        unit_ids = [_int(u) for u in request.POST.getlist("units")]
        sent = services.units_urge(actor=request.user, reporting_round=rnd, unit_ids=unit_ids)
        if sent:
            messages.success(
                request,
                _("Đã gửi đôn đốc tới %(n)s đơn vị: %(u)s.")
                % {"n": len(sent), "u": ", ".join(str(r.unit) for r in sent)},
            )
        else:
            messages.warning(request, _("Chưa gửi: hãy chọn ít nhất một đơn vị cần đôn đốc."))
        return redirect("reporting:round_urge", pk=pk)
    missing = documents_missing_by_unit(
        plan=rnd.plan, unit_ids=[r.submission.unit_id for r in rows], today=timezone.localdate()
    )
    previews = {
        c.unit.pk: c for c in services.urge_preview(actor=request.user, reporting_round=rnd)
    }
    for row in rows:
        row.missing_documents = missing.get(row.submission.unit_id, [])
        row.preview = previews.get(row.submission.unit_id)
    # units with nothing to report, no overdue task and no document owed are not listed
    candidates = [r for r in rows if r.preview is not None]
    reminders = list(selectors.round_reminders(actor=request.user, reporting_round=rnd)[:50])
    return render(
        request,
        "reporting/round_urge.html",
        {"round": rnd, "candidates": candidates, "reminders": reminders},
    )
