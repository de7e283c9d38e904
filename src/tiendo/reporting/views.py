"""Pages of reporting rounds. Views are thin: they read with selectors, write with services,
and render a page or (for htmx requests) its fragment. Permission errors (NotAllowed) become
403 pages with the Vietnamese reason; unknown ids become 404."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tiendo.accounts import permissions as perms
from tiendo.audit.models import AuditEntry
from tiendo.core.numbers import format_number
from tiendo.evaluation.services import plan_evaluate
from tiendo.indicators.models import FigureType, Qualifier
from tiendo.plans.coverage import plan_coverage
from tiendo.plans.models import Plan, TaskStatus
from tiendo.plans.register import documents_missing_by_unit

from . import selectors, services
from .audit_log import audit_entries_shown
from .models import Evidence, Notification, PeriodKind, ReportingRound, Submission
from .services import FigureInput, StaleVersion, TaskInput


def _int(value: str | None, default: int = 0) -> int:
    try:
        return int(value or "")
    except ValueError:
        return default


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


# --- Unit workspace ---------------------------------------------------------------------------


@login_required
def workspace(request: HttpRequest) -> HttpResponse:
    """“Việc của đơn vị”: the reporter's submissions, the current one first."""
    if perms.role_of(request.user) != perms.Role.REPORTER:
        if perms.can_read_all(request.user):
            return redirect("reporting:round_list")
        raise perms.NotAllowed(_("Trang này dành cho cán bộ báo cáo của đơn vị."))
    submissions = list(selectors.submissions_for_workspace(actor=request.user))
    profile = perms.profile_of(request.user)
    work = []
    if profile is not None and profile.unit_id is not None:
        for block in selectors.unit_work(unit_id=profile.unit_id):
            plan = block.plan
            as_of = min(timezone.localdate().year, plan.term_to_year)
            evaluated = plan_evaluate(plan=plan, as_of_year=as_of).by_code()
            work.append(
                {
                    "plan": plan,
                    "as_of": as_of,
                    "targets": [(i, evaluated[i.code]) for i in block.report_targets],
                    "tasks": block.report_tasks,
                    "handed_on": block.handed_on,
                    "delegate_submissions": block.delegate_submissions,
                }
            )
    return render(
        request,
        "reporting/workspace.html",
        {
            "submissions": submissions,
            "unit": profile.unit if profile else None,
            "work": work,
        },
    )


# --- Submission -------------------------------------------------------------------------------


def _submission_or_404(request: HttpRequest, pk: int) -> Submission:
    try:
        return selectors.submission_detail(actor=request.user, submission_id=pk)
    except Submission.DoesNotExist as exc:
        raise Http404(_("Không có báo cáo này.")) from exc


def _figure_value_text(value: Any) -> str:
    return "" if value is None else format_number(value)


def _rows(
    submission: Submission, data: Any = None, errors: dict[str, str] | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Form rows: the saved values, or what the user typed when a form was rejected."""
    errors = errors or {}
    figure_rows = []
    for item in submission.figures.all():
        key = f"figure-{item.target_id}"
        saved = {
            "value": _figure_value_text(item.value),
            "year": str(item.year),
            "figure_type": item.figure_type,
            "qualifier": item.qualifier,
            "source": item.source,
            "note": item.note,
            "correction_reason": item.correction_reason,
        }
        values = (
            {k: data.get(f"{key}-{k}", v) for k, v in saved.items()} if data is not None else saved
        )
        figure_rows.append(
            {
                "item": item,
                "key": key,
                "v": values,
                "errors": {k: errors.get(f"{key}-{k}") for k in saved if errors.get(f"{key}-{k}")},
            }
        )
    task_rows = []
    for titem in submission.tasks.all():
        key = f"task-{titem.task_id}"
        saved = {
            "status": titem.status,
            "percent_done": "" if titem.percent_done is None else str(titem.percent_done),
            "narrative": titem.narrative,
        }
        values = (
            {k: data.get(f"{key}-{k}", v) for k, v in saved.items()} if data is not None else saved
        )
        task_rows.append(
            {
                "item": titem,
                "key": key,
                "v": values,
                "errors": {k: errors.get(f"{key}-{k}") for k in saved if errors.get(f"{key}-{k}")},
            }
        )
    return figure_rows, task_rows


def _render_submission(
    request: HttpRequest,
    submission: Submission,
    *,
    data: Any = None,
    errors: dict[str, str] | None = None,
    problem: str = "",
    status: int = 200,
) -> HttpResponse:
    figure_rows, task_rows = _rows(submission, data, errors)
    history = selectors.figure_history(
        targets=[r["item"].target for r in figure_rows], area_id=submission.round.plan.area_id
    )
    for row in figure_rows:
        row["history"] = history.get(row["item"].target_id, [])
    user = request.user
    context = {
        "submission": submission,
        "round": submission.round,
        "figure_rows": figure_rows,
        "task_rows": task_rows,
        "evidence": list(submission.evidence.all()),
        "can_edit": submission.editable and perms.can_edit_unit(user, submission.unit_id),
        "can_review": submission.reviewable and perms.can_monitor(user),
        "errors": errors or {},
        "other_errors": [
            m for k, m in (errors or {}).items() if not k.startswith(("figure-", "task-"))
        ],
        "problem": problem,
        "reason": (data or {}).get("reason", ""),
        "figure_types": FigureType.choices,
        "qualifiers": Qualifier.choices,
        "task_statuses": TaskStatus.choices,
        "max_mb": format_number(services._max_bytes() // (1024 * 1024)),
    }
    template = (
        "reporting/_submission_body.html"
        if getattr(request, "htmx", False)
        else "reporting/submission.html"
    )
    return render(request, template, context, status=status)


def _error_dict(exc: ValidationError) -> dict[str, str]:
    if hasattr(exc, "error_dict"):
        return {
            k: str(v[0].messages[0] if hasattr(v[0], "messages") else v[0])
            for k, v in exc.error_dict.items()
        }
    return {"__all__": exc.messages[0]}


@login_required
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the report (a form for the unit's reporter while it is a draft or returned; the
    review form for the office once sent). POST: save the draft, or save and send."""
    submission = _submission_or_404(request, pk)
    if request.method != "POST":
        return _render_submission(request, submission)
    perms.require_unit_editor(request.user, submission.unit_id)
    version = _int(request.POST.get("version"))
    figures = {
        row.target_id: FigureInput(
            **{
                k: request.POST.get(f"figure-{row.target_id}-{k}")
                for k in (
                    "value",
                    "year",
                    "figure_type",
                    "qualifier",
                    "source",
                    "note",
                    "correction_reason",
                )
            }
        )
        for row in submission.figures.all()
    }
    tasks = {
        row.task_id: TaskInput(
            **{
                k: request.POST.get(f"task-{row.task_id}-{k}")
                for k in ("status", "percent_done", "narrative")
            }
        )
        for row in submission.tasks.all()
    }
    try:
        saved = services.submission_save(
            actor=request.user, submission=submission, version=version, figures=figures, tasks=tasks
        )
        if request.POST.get("action") == "submit":
            services.submission_submit(actor=request.user, submission=saved, version=saved.version)
            messages.success(request, _("Đã gửi báo cáo tới Văn phòng."))
        else:
            messages.success(request, _("Đã lưu nháp."))
    except ValidationError as exc:
        fresh = _submission_or_404(request, pk)
        return _render_submission(
            request, fresh, data=request.POST, errors=_error_dict(exc), status=400
        )
    except StaleVersion as exc:
        fresh = _submission_or_404(request, pk)
        return _render_submission(request, fresh, problem=exc.message, status=409)
    return redirect("reporting:submission", pk=pk)


@login_required
@require_POST
def submission_review(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission_or_404(request, pk)
    perms.require_monitor(request.user)
    version = _int(request.POST.get("version"))
    try:
        if request.POST.get("action") == "accept":
            services.submission_accept(actor=request.user, submission=submission, version=version)
            messages.success(request, _("Đã chấp nhận báo cáo; số liệu đã được ghi nhận."))
        else:
            services.submission_return(
                actor=request.user,
                submission=submission,
                version=version,
                reason=request.POST.get("reason", ""),
            )
            messages.success(request, _("Đã trả lại báo cáo cho đơn vị."))
    except ValidationError as exc:
        return _render_submission(
            request, submission, data=request.POST, errors=_error_dict(exc), status=400
        )
    except StaleVersion as exc:
        fresh = _submission_or_404(request, pk)
        return _render_submission(request, fresh, problem=exc.message, status=409)
    return redirect("reporting:submission", pk=pk)


@login_required
@require_POST
def evidence_upload(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission_or_404(request, pk)
    upload = request.FILES.get("file")
    try:
        if upload is None:
            raise ValidationError({"file": _("Hãy chọn một tệp để tải lên.")})
        services.evidence_add(actor=request.user, submission=submission, upload=upload)
    except ValidationError as exc:
        return _render_submission(request, submission, errors=_error_dict(exc), status=400)
    except StaleVersion as exc:
        fresh = _submission_or_404(request, pk)
        return _render_submission(request, fresh, problem=exc.message, status=409)
    messages.success(request, _("Đã tải lên tài liệu kèm theo."))
    return redirect("reporting:submission", pk=pk)


@login_required
def evidence_download(request: HttpRequest, pk: int, eid: int) -> FileResponse:
    try:
        evidence = selectors.evidence_get(actor=request.user, submission_id=pk, evidence_id=eid)
    except Evidence.DoesNotExist as exc:
        raise Http404(_("Không có tài liệu này.")) from exc
    handle = services.evidence_open(actor=request.user, evidence=evidence)
    return FileResponse(handle, as_attachment=True, filename=evidence.name)


@login_required
@require_POST
def evidence_remove(request: HttpRequest, pk: int, eid: int) -> HttpResponse:
    try:
        evidence = selectors.evidence_get(actor=request.user, submission_id=pk, evidence_id=eid)
    except Evidence.DoesNotExist as exc:
        raise Http404(_("Không có tài liệu này.")) from exc
    services.evidence_delete(actor=request.user, evidence=evidence)
    messages.success(request, _("Đã xóa tài liệu kèm theo."))
    return redirect("reporting:submission", pk=pk)


# --- Rounds -----------------------------------------------------------------------------------


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
        opens_on, deadline = _date(data.get("opens_on")), _date(data.get("deadline"))
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
        data = {
            "plan": str(default_plan.pk) if default_plan else "",
            "period_kind": PeriodKind.YEAR,
            "year": str(today.year),
            "number": "1",
            "opens_on": today.isoformat(),
            "deadline": (today + dt.timedelta(days=14)).isoformat(),
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
    for row in rows:
        row.missing_documents = missing.get(row.submission.unit_id, [])
    candidates = [r for r in rows if r.waiting or r.overdue_tasks or r.missing_documents]
    reminders = list(selectors.round_reminders(actor=request.user, reporting_round=rnd)[:50])
    return render(
        request,
        "reporting/round_urge.html",
        {"round": rnd, "candidates": candidates, "reminders": reminders},
    )


# --- Audit log --------------------------------------------------------------------------------


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    """The audit log, read-only, with filters by object type, actor, plan and date."""
    filters = selectors.AuditFilters(
        object_type=request.GET.get("object_type", ""),
        actor=request.GET.get("actor", "").strip(),
        plan=request.GET.get("plan", ""),
        date_from=_date(request.GET.get("from")),
        date_to=_date(request.GET.get("to")),
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


@login_required
@require_POST
def figure_check(request: HttpRequest, pk: int, target_id: int) -> HttpResponse:
    """Inline validation of one typed value (htmx, on change): the message, or nothing. The
    same check runs again when the form is saved, so the page works without JavaScript."""
    submission = _submission_or_404(request, pk)
    perms.require_unit_editor(request.user, submission.unit_id)
    item = next((row for row in submission.figures.all() if row.target_id == target_id), None)
    if item is None:
        raise Http404(_("Chỉ tiêu này không thuộc báo cáo."))
    key = f"figure-{target_id}-value"
    message = ""
    try:
        services.figure_value_parse(target=item.target, text=request.POST.get(key, ""))
    except ValidationError as exc:
        message = " ".join(exc.messages)
    return render(request, "reporting/_figure_check.html", {"key": key, "message": message})


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    items = list(selectors.notifications_for_user(actor=request.user)[:100])
    return render(request, "reporting/notifications.html", {"notifications": items})


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        note = selectors.notification_get(actor=request.user, notification_id=pk)
    except Notification.DoesNotExist as exc:
        raise Http404(_("Không có thông báo này.")) from exc
    note = services.notification_mark_read(actor=request.user, notification=note)
    if getattr(request, "htmx", False):
        return render(request, "reporting/_notification.html", {"n": note})
    return redirect("reporting:notifications")
