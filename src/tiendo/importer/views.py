"""Pages of the import: upload a document, review the draft beside its source, correct it,
publish it. Thin: the services validate, enforce the office's role and audit."""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tiendo.accounts.permissions import NotAllowed, require_monitor
from tiendo.core.numbers import format_number
from tiendo.plans.document import PlanDocumentError
from tiendo.plans.models import Plan, PlanStatus
from tiendo.plans.selectors import plan_visible_get
from tiendo.plans.services import plan_publish

from . import services
from .forms import TargetForm, UploadForm
from .selectors import drafts_list, import_review, indicator_choices

#: The choice of "a new indicator" in the indicator form.
NEW_INDICATOR = "__new__"


def _forbidden(request: HttpRequest, exc: NotAllowed) -> HttpResponse:
    return render(request, "403.html", {"reason": exc.message}, status=403)


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    try:
        require_monitor(request.user)
    except NotAllowed as exc:
        return _forbidden(request, exc)
    form = UploadForm(request.POST or None, request.FILES or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        try:
            services.import_size_check(size=upload_file.size)  # before reading it
            imported = services.plan_import(
                data=upload_file.read(),
                filename=upload_file.name,
                actor=request.user,
                code=form.cleaned_data["code"] or None,
            )
        except services.ImportRefused as exc:
            error = exc.message
        else:
            messages.success(
                request, _("Đã đọc văn bản và lưu thành dự thảo. Hãy xem lại từng mục rồi công bố.")
            )
            return redirect("importer:review", code=imported.plan.code)
    return render(
        request, "importer/upload.html", {"form": form, "error": error, "drafts": drafts_list()}
    )


def _draft_or_404(request: HttpRequest, code: str) -> Plan:
    """The draft if the user may see drafts (plan_visible_get): for anyone else a draft's code
    answers 404 exactly like a code that does not exist, before anything else is looked at."""
    try:
        plan = plan_visible_get(code=code, user=request.user)
    except Plan.DoesNotExist as exc:
        raise Http404(_("Không có dự thảo này.")) from exc
    if plan.status != PlanStatus.DRAFT:
        raise Http404(_("Không có dự thảo này."))
    return plan


def _review_or_404(code: str) -> Any:
    try:
        return import_review(code=code)
    except Plan.DoesNotExist as exc:
        raise Http404(_("Không có dự thảo này.")) from exc


def _render_review(
    request: HttpRequest,
    code: str,
    *,
    edit: str = "",
    form: TargetForm | None = None,
    adding: int | None = None,
    choosing: str = "",
    indicator_error: str = "",
    status: int = 200,
) -> HttpResponse:
    review = _review_or_404(code)
    chosen = next(
        (i.obj for p in review.programs for i in p.targets if i.obj.code == choosing), None
    )
    choices = indicator_choices(unit=chosen.unit) if chosen is not None else []
    programs = [
        (p.program.number, f"{p.program.number}. {p.program.title}") for p in review.programs
    ]
    if form is None and edit:
        target = next(
            (i.obj for p in review.programs for i in p.targets if i.obj.code == edit), None
        )
        if target is not None:
            form = TargetForm(programs=programs, initial=_initial(target))
    if form is None and adding is not None:
        form = TargetForm(
            programs=programs,
            initial={"program": adding, "kind": "level", "to_year": review.plan.term_to_year},
        )
    context = {
        "review": review,
        "plan": review.plan,
        "edit": edit,
        "form": form,
        "adding": adding,
        "choosing": chosen.code if chosen is not None else "",
        "choices": choices,
        "new_indicator": NEW_INDICATOR,
        "indicator_error": indicator_error,
    }
    return render(request, "importer/review.html", context, status=status)


def _initial(target: Any) -> dict[str, Any]:
    return {
        "code": target.code,
        "program": target.program_id and target.program.number,
        "indicator": target.indicator,
        "kind": target.kind,
        "comparator": target.comparator,
        "value": format_number(target.value) if target.value is not None else "",
        "value_high": format_number(target.value_high) if target.value_high is not None else "",
        "unit": target.unit,
        "from_year": target.from_year,
        "to_year": target.to_year,
        "source_text": target.source_text,
    }


@login_required
def review(request: HttpRequest, code: str) -> HttpResponse:
    _draft_or_404(request, code)
    try:
        require_monitor(request.user)
    except NotAllowed as exc:
        return _forbidden(request, exc)
    adding = request.GET.get("add")
    return _render_review(
        request,
        code,
        edit=request.GET.get("edit", ""),
        adding=int(adding) if adding and adding.isdigit() else None,
        choosing=request.GET.get("indicator", ""),
    )


_FIELD = re.compile(r"\.(\w+)$")


def _attach_error(form: TargetForm, exc: PlanDocumentError) -> None:
    match = _FIELD.search(exc.path)
    field = match.group(1) if match else None
    if field in form.fields:
        form.add_error(field, exc.message)
    else:
        form.add_error(None, f"{exc.message} ({exc.path})")


@login_required
@require_POST
def target_save(request: HttpRequest, code: str) -> HttpResponse:
    _draft_or_404(request, code)
    try:
        require_monitor(request.user)  # before anything of the draft is shown back
    except NotAllowed as exc:
        return _forbidden(request, exc)
    review_data = _review_or_404(code)
    programs = [
        (p.program.number, f"{p.program.number}. {p.program.title}") for p in review_data.programs
    ]
    form = TargetForm(request.POST, programs=programs)
    original = request.POST.get("original", "")
    adding = original == ""
    if form.is_valid():
        try:
            new_code = form.cleaned_data["code"]
            values = form.document_values()
            renamed = not adding and new_code != original
            if renamed:
                # the target under its new code keeps its indicator; then the old code goes
                held = next(
                    (
                        i.obj
                        for p in review_data.programs
                        for i in p.targets
                        if i.obj.code == original
                    ),
                    None,
                )
                if held is not None and held.indicator_ref is not None:
                    values["indicator_code"] = held.indicator_ref.code
            services.draft_target_save(
                plan=review_data.plan,
                actor=request.user,
                code=new_code,
                values=values,
                new=adding or renamed,
            )
            if renamed:
                services.draft_target_delete(
                    plan=review_data.plan, actor=request.user, code=original
                )
        except NotAllowed as exc:
            return _forbidden(request, exc)
        except PlanDocumentError as exc:
            _attach_error(form, exc)
        else:
            messages.success(request, _("Đã lưu chỉ tiêu %(code)s.") % {"code": new_code})
            return redirect(reverse("importer:review", args=[code]) + f"#t-{new_code}")
    program = form.data.get("program")
    return _render_review(
        request,
        code,
        edit=original,
        form=form,
        adding=int(program) if adding and program and str(program).isdigit() else None,
        status=400,
    )


@login_required
@require_POST
def target_delete(request: HttpRequest, code: str, target_code: str) -> HttpResponse:
    plan = _draft_or_404(request, code)
    try:
        services.draft_target_delete(plan=plan, actor=request.user, code=target_code)
    except NotAllowed as exc:
        return _forbidden(request, exc)
    messages.success(request, _("Đã bỏ chỉ tiêu %(code)s khỏi dự thảo.") % {"code": target_code})
    return redirect("importer:review", code=code)


@login_required
@require_POST
def task_save(request: HttpRequest, code: str, task_code: str) -> HttpResponse:
    plan = _draft_or_404(request, code)
    text = request.POST.get("text", "").strip()
    try:
        if request.POST.get("delete"):
            services.draft_task_delete(plan=plan, actor=request.user, code=task_code)
            messages.success(
                request, _("Đã bỏ nhiệm vụ %(code)s khỏi dự thảo.") % {"code": task_code}
            )
        elif not text:
            messages.error(request, _("Nội dung nhiệm vụ không được để trống."))
        else:
            services.draft_task_save(plan=plan, actor=request.user, code=task_code, text=text)
            messages.success(request, _("Đã lưu nhiệm vụ %(code)s.") % {"code": task_code})
    except NotAllowed as exc:
        return _forbidden(request, exc)
    return redirect(reverse("importer:review", args=[code]) + f"#k-{task_code}")


@login_required
@require_POST
def program_save(request: HttpRequest, code: str, number: int) -> HttpResponse:
    plan = _draft_or_404(request, code)
    title = request.POST.get("title", "").strip()
    if not title:
        messages.error(request, _("Tên chương trình không được để trống."))
        return redirect("importer:review", code=code)
    try:
        services.draft_program_save(plan=plan, actor=request.user, number=number, title=title)
    except NotAllowed as exc:
        return _forbidden(request, exc)
    messages.success(request, _("Đã lưu tên chương trình %(n)s.") % {"n": number})
    return redirect("importer:review", code=code)


@login_required
@require_POST
def publish(request: HttpRequest, code: str) -> HttpResponse:
    plan = _draft_or_404(request, code)
    try:
        require_monitor(request.user)
        plan_publish(
            plan=plan, actor=request.user, decision_ref=request.POST.get("decision_ref", "").strip()
        )
    except NotAllowed as exc:
        return _forbidden(request, exc)
    except PlanDocumentError as exc:
        messages.error(request, exc.message)
        return redirect("importer:review", code=code)
    messages.success(request, _("Đã công bố chương trình “%(code)s”.") % {"code": plan.code})
    assert plan.status == PlanStatus.ACTIVE
    return redirect("web:plan_detail", code=plan.code)


@login_required
@require_POST
def target_indicator(request: HttpRequest, code: str, target_code: str) -> HttpResponse:
    """The office chooses the indicator of a draft's target: one of the catalogue, or a new
    one."""
    _draft_or_404(request, code)  # a draft's existence is not revealed (issue 13, item 3)
    plan = _review_or_404(code).plan
    choice = request.POST.get("indicator", "").strip()
    new_name = request.POST.get("new_name", "").strip()
    try:
        chosen = services.draft_target_indicator_set(
            plan=plan,
            actor=request.user,
            code=target_code,
            indicator_code=None if choice == NEW_INDICATOR else choice or None,
            new_name=new_name if choice == NEW_INDICATOR else "",
        )
    except NotAllowed as exc:
        return _forbidden(request, exc)
    except PlanDocumentError as exc:
        if not choice:
            message = _("Hãy chọn một chỉ số trong danh mục hoặc “Chỉ số mới”.")
        else:
            message = exc.message[:1].upper() + exc.message[1:] + "."
        return _render_review(
            request, code, choosing=target_code, indicator_error=message, status=400
        )
    if chosen.found_by_name:
        text = _("Danh mục đã có chỉ số “%(name)s” (%(unit)s): chỉ tiêu %(code)s dùng chỉ số này.")
    elif chosen.created:
        text = _("Đã tạo chỉ số mới “%(name)s” (%(unit)s) cho chỉ tiêu %(code)s.")
    else:
        text = _("Chỉ tiêu %(code)s đo bằng chỉ số “%(name)s” (%(unit)s).")
    messages.success(
        request,
        text
        % {
            "name": chosen.indicator.name,
            "unit": chosen.indicator.unit or "—",
            "code": target_code,
        },
    )
    return redirect(reverse("importer:review", args=[code]) + f"#t-{target_code}")


@login_required
@require_POST
def target_confirm(request: HttpRequest, code: str, target_code: str) -> HttpResponse:
    """The office has looked at a target the reader was unsure of and keeps it."""
    _draft_or_404(request, code)  # a draft's existence is not revealed (issue 13, item 3)
    plan = _review_or_404(code).plan
    try:
        services.draft_target_confirm(plan=plan, actor=request.user, code=target_code)
    except NotAllowed as exc:
        return _forbidden(request, exc)
    except PlanDocumentError as exc:
        messages.error(request, exc.message)
        return redirect("importer:review", code=code)
    messages.success(
        request, _("Đã xem chỉ tiêu %(code)s: giữ nguyên như đề xuất.") % {"code": target_code}
    )
    return redirect(reverse("importer:review", args=[code]) + "#uncertain")
