"""A submission's page: the reporter's form, the office's review, evidence files and the
inline check of a typed value. Permission errors (NotAllowed) become 403 pages with the
Vietnamese reason; unknown ids become 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tiendo.accounts import permissions as perms
from tiendo.core.numbers import format_number
from tiendo.evaluation.adapters import target_meaning_text
from tiendo.evaluation.verdicts import Verdict, figure_verdict
from tiendo.indicators.models import Figure, FigureType, Qualifier
from tiendo.plans.models import TaskStatus

from .. import selectors, services
from ..models import Evidence, Submission, SubmissionFigure
from ..services import FigureInput, StaleVersion, TaskInput
from ._common import _error_dict, _int


def _submission_or_404(request: HttpRequest, pk: int) -> Submission:
    try:
        return selectors.submission_detail(actor=request.user, submission_id=pk)
    except Submission.DoesNotExist as exc:
        raise Http404(_("Không có báo cáo này.")) from exc


def _figure_value_text(value: Any) -> str:
    return "" if value is None else format_number(value)


def _verdict(
    submission: Submission,
    item: SubmissionFigure,
    history: list[Figure],
    values: dict[str, Any] | None = None,
) -> Verdict | None:
    """The status the row's value would give its target (the typed value when `values` is
    given, else the saved one); None while there is no value to judge."""
    if values is None:
        value, year = item.value, item.year
        figure_type, qualifier = item.figure_type, item.qualifier
    else:
        try:
            value = services.figure_value_parse(target=item.target, text=values.get("value", ""))
            year = int(str(values.get("year", "")).strip())
        except (ValidationError, ValueError):
            return None
        figure_type, qualifier = values.get("figure_type", ""), values.get("qualifier", "")
    if value is None:
        return None
    return figure_verdict(
        target=item.target,
        term_from_year=submission.round.plan.term_from_year,
        accepted=history,
        year=year,
        value=value,
        figure_type=figure_type,
        qualifier=qualifier,
        lang=get_language(),
        replaces_id=item.figure_id,
    )


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
    empty_rows: list[str] | None = None,
) -> HttpResponse:
    figure_rows, task_rows = _rows(submission, data, errors)
    history = selectors.figure_history(
        targets=[r["item"].target for r in figure_rows], area_id=submission.round.plan.area_id
    )
    user = request.user
    can_edit = submission.editable and perms.can_edit_unit(user, submission.unit_id)
    lang = get_language()
    for row in figure_rows:
        item = row["item"]
        row["history"] = history.get(item.target_id, [])
        row["meaning"] = target_meaning_text(target=item.target, lang=lang)
        row["verdict"] = _verdict(submission, item, row["history"], row["v"] if can_edit else None)
    context = {
        "submission": submission,
        "round": submission.round,
        "figure_rows": figure_rows,
        "task_rows": task_rows,
        "evidence": list(submission.evidence.all()),
        "can_edit": can_edit,
        "can_review": submission.reviewable and perms.can_monitor(user),
        "errors": errors or {},
        "other_errors": [
            m for k, m in (errors or {}).items() if not k.startswith(("figure-", "task-"))
        ],
        "problem": problem,
        "empty_rows": empty_rows,
        "reason": (data or {}).get("reason", ""),
        "figure_types": FigureType.choices,
        "qualifiers": Qualifier.choices,
        "task_statuses": TaskStatus.choices,
        "max_mb": format_number(services.evidence_max_bytes() // (1024 * 1024)),
    }
    template = (
        "reporting/_submission_body.html"
        if getattr(request, "htmx", False)
        else "reporting/submission.html"
    )
    return render(request, template, context, status=status)


def _posted_inputs(
    request: HttpRequest, submission: Submission
) -> tuple[dict[int, FigureInput], dict[int, TaskInput]]:
    figures = {
        row.target_id: FigureInput(
            **{k: request.POST.get(f"figure-{row.target_id}-{k}") for k in services.FIGURE_FIELDS}
        )
        for row in submission.figures.all()
    }
    tasks = {
        row.task_id: TaskInput(
            **{k: request.POST.get(f"task-{row.task_id}-{k}") for k in services.TASK_FIELDS}
        )
        for row in submission.tasks.all()
    }
    return figures, tasks


def _blank(text: str | None, saved: Any) -> bool:
    """A row's field is empty: typed empty, or not sent and empty when saved."""
    return saved in (None, "") if text is None else not text.strip()


def _empty_rows(
    submission: Submission,
    figures: dict[int, FigureInput] | None = None,
    tasks: dict[int, TaskInput] | None = None,
) -> list[str]:
    """What a report would send empty: targets without a value, tasks without a word (the
    typed values when given, else the saved ones)."""
    figures, tasks = figures or {}, tasks or {}
    return [
        _("chỉ tiêu %(c)s") % {"c": row.target.code}
        for row in submission.figures.all()
        if _blank(figures.get(row.target_id, FigureInput()).value, row.value)
    ] + [
        _("nhiệm vụ %(c)s") % {"c": row.task.code}
        for row in submission.tasks.all()
        if _blank(tasks.get(row.task_id, TaskInput()).narrative, row.narrative)
        and _blank(tasks.get(row.task_id, TaskInput()).percent_done, row.percent_done)
    ]


@login_required
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the report (a form for the unit's reporter while it is a draft or returned; the
    review form for the office once sent). POST, one form for every action of the unit, so
    that nothing typed is lost: the typed values are saved as the draft first, then the
    action runs — send (after a confirmation naming the empty rows, if any), attach a file,
    remove a file. One action makes at most one new version."""
    submission = _submission_or_404(request, pk)
    if request.method != "POST":
        confirm = request.GET.get("confirm") == "send" and submission.editable
        return _render_submission(
            request, submission, empty_rows=_empty_rows(submission) if confirm else None
        )
    perms.require_unit_editor(request.user, submission.unit_id)
    action = request.POST.get("action", "save")
    figures, tasks = _posted_inputs(request, submission)
    upload = request.FILES.get("file") if action == "upload" else None
    if action == "submit-empty":  # confirmed: send with the empty rows named before
        action = "submit"
    elif action == "submit" and _empty_rows(submission, figures, tasks):
        action = "confirm"
    try:
        saved = services.submission_save(
            actor=request.user,
            submission=submission,
            version=_int(request.POST.get("version")),
            figures=figures,
            tasks=tasks,
            submit=action == "submit",
        )
        if action == "submit":
            messages.success(request, _("Đã gửi báo cáo tới Văn phòng."))
        elif action == "confirm":
            messages.warning(request, _("Đã lưu nháp; báo cáo chưa được gửi."))
            return redirect(reverse("reporting:submission", args=[pk]) + "?confirm=send#send")
        elif action == "upload":
            if upload is None:
                raise ValidationError({"file": _("Hãy chọn một tệp để tải lên.")})
            services.evidence_add(actor=request.user, submission=saved, upload=upload)
            messages.success(request, _("Đã lưu nháp và tải lên tài liệu kèm theo."))
        elif action.startswith("remove-"):
            try:
                evidence = selectors.evidence_get(
                    actor=request.user, submission_id=pk, evidence_id=_int(action[7:])
                )
            except Evidence.DoesNotExist as exc:
                raise Http404(_("Không có tài liệu này.")) from exc
            services.evidence_delete(actor=request.user, evidence=evidence)
            messages.success(request, _("Đã lưu nháp và xóa tài liệu kèm theo."))
        else:
            messages.success(request, _("Đã lưu nháp."))
    except ValidationError as exc:
        fresh = _submission_or_404(request, pk)
        errors = _error_dict(exc)
        if upload is not None and "file" not in errors:
            errors["file"] = _(
                "Tệp “%(n)s” chưa được tải lên vì bản nháp còn lỗi: hãy sửa lỗi rồi chọn lại tệp."
            ) % {"n": upload.name}
        saved_anyway = fresh.version != submission.version
        return _render_submission(
            request,
            fresh,
            data=None if saved_anyway else request.POST,
            errors=errors,
            status=400,
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
    verdict = None
    try:
        services.figure_value_parse(target=item.target, text=request.POST.get(key, ""))
    except ValidationError as exc:
        message = " ".join(exc.messages)
    else:
        history = selectors.figure_history(
            targets=[item.target], area_id=submission.round.plan.area_id
        ).get(target_id, [])
        typed = {
            field: request.POST.get(f"figure-{target_id}-{field}", default)
            for field, default in (
                ("value", ""),
                ("year", str(item.year)),
                ("figure_type", item.figure_type),
                ("qualifier", item.qualifier),
            )
        }
        verdict = _verdict(submission, item, history, typed)
    return render(
        request,
        "reporting/_figure_check.html",
        {"key": key, "message": message, "verdict": verdict},
    )
