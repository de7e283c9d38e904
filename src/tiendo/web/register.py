"""Pages of the register of implementing documents (văn bản triển khai): the matrix per lead
body and program (on time, late, missing with days overdue), the list, the form. Views are thin:
reads in `tiendo.plans.register`, writes in `tiendo.plans.services.register`."""

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
from tiendo.core.http import query_day
from tiendo.org.models import OrgUnit
from tiendo.plans import register as register_selectors
from tiendo.plans import selectors as plan_selectors
from tiendo.plans.models import ImplementingDocument, Plan, Program
from tiendo.plans.services import (
    implementing_document_delete,
    implementing_document_file_open,
    implementing_document_record,
    implementing_document_update,
)

from .register_forms import ImplementingDocumentForm


def _plan(code: str) -> Plan:
    """A plan of record (drafts have no register or work programs)."""
    try:
        return plan_selectors.plan_of_record_get(code=code)
    except Plan.DoesNotExist as exc:
        raise Http404(_("Không có chương trình hành động này.")) from exc


def _as_of(request: HttpRequest) -> dt.date:
    return query_day(request)


def _scope(user: Any) -> list[int] | None:
    return register_selectors.register_scope(user)


def _can_record(user: Any) -> bool:
    return perms.can_monitor(user) or perms.role_of(user) == perms.Role.REPORTER


def _int(value: str | None) -> int | None:
    try:
        return int(value or "")
    except ValueError:
        return None


@login_required
def register_page(request: HttpRequest, code: str) -> HttpResponse:
    plan = _plan(code)
    unit_ids = _scope(request.user)
    as_of = _as_of(request)
    view = register_selectors.register_view(plan=plan, as_of=as_of, unit_ids=unit_ids)
    unit_filter = request.GET.get("unit", "")
    program_filter = _int(request.GET.get("program"))
    documents = [
        d
        for d in view.documents
        if (not unit_filter or d.issuing_unit.code == unit_filter)
        and (
            program_filter is None
            or any(
                p == program_filter
                for p in _program_numbers(d, {c.pk: c.number for c in view.columns if c})
            )
        )
    ]
    context = {
        "plan": plan,
        "view": view,
        "as_of": as_of,
        "documents": documents,
        "all_units": sorted({d.issuing_unit for d in view.documents}, key=lambda u: u.name),
        "unit_filter": unit_filter,
        "program_filter": program_filter,
        "programs": [c for c in view.columns if c is not None],
        "column_counts": list(zip(view.columns, view.column_counts(), strict=True)),
        "can_record": _can_record(request.user),
        "can_urge": perms.can_monitor(request.user),
        "own_unit_only": unit_ids is not None,
    }
    return render(request, "web/register.html", context)


def _program_numbers(document: ImplementingDocument, numbers: dict[int, int]) -> list[int]:
    return [
        numbers[pk] for pk in register_selectors.document_program_ids(document) if pk in numbers
    ]


def _fixed_unit(user: Any) -> OrgUnit | None:
    """A reporter records for their own unit only; the office chooses."""
    if perms.can_monitor(user):
        return None
    unit_id = perms.unit_id_of(user)
    if perms.role_of(user) == perms.Role.REPORTER and unit_id is not None:
        return OrgUnit.objects.get(pk=unit_id)
    raise perms.NotAllowed(
        _("Chỉ Văn phòng hoặc cán bộ báo cáo của đơn vị mới được ghi sổ văn bản triển khai.")
    )


def _apply_errors(form: ImplementingDocumentForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            target = field if field in form.fields else None
            for message in errors:
                form.add_error(target, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def _render_form(
    request: HttpRequest,
    plan: Plan,
    form: ImplementingDocumentForm,
    document: ImplementingDocument | None,
    status: int = 200,
) -> HttpResponse:
    programs = list(
        Program.objects.filter(plan=plan).order_by("number").prefetch_related("targets", "tasks")
    )
    chosen_targets, chosen_tasks = form.chosen("targets"), form.chosen("tasks")
    open_programs = {
        p.pk
        for p in programs
        if any(str(t.pk) in chosen_targets for t in p.targets.all())
        or any(str(t.pk) in chosen_tasks for t in p.tasks.all())
    }
    context = {
        "plan": plan,
        "form": form,
        "document": document,
        "programs": programs,
        "chosen_programs": form.chosen("programs"),
        "chosen_targets": chosen_targets,
        "chosen_tasks": chosen_tasks,
        "open_programs": open_programs,
    }
    return render(request, "web/register_form.html", context, status=status)


@login_required
def register_record(request: HttpRequest, code: str) -> HttpResponse:
    """Ghi văn bản: the form of a new register entry (prefilled from ?unit=&program=)."""
    plan = _plan(code)
    fixed = _fixed_unit(request.user)
    if request.method == "POST":
        form = ImplementingDocumentForm(request.POST, request.FILES, plan=plan, fixed_unit=fixed)
        if form.is_valid():
            try:
                doc = implementing_document_record(
                    actor=request.user,
                    plan=plan,
                    data=form.document_input(),
                    upload=form.cleaned_data.get("file"),
                    today=timezone.localdate(),
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("Đã ghi văn bản %(n)s vào sổ.") % {"n": doc.number})
                return redirect("web:register", code=plan.code)
        return _render_form(request, plan, form, None, status=400)
    unit = fixed or OrgUnit.objects.filter(code=request.GET.get("unit", "")).first()
    number = _int(request.GET.get("program"))
    program = (
        Program.objects.filter(plan=plan, number=number).first() if number is not None else None
    )
    form = ImplementingDocumentForm(
        plan=plan,
        fixed_unit=fixed,
        initial=ImplementingDocumentForm.initial_for(unit=unit, program=program),
    )
    return _render_form(request, plan, form, None)


def _document(request: HttpRequest, plan: Plan, pk: int) -> ImplementingDocument:
    """The entry, when the user may read it (a reporter: their own unit's only)."""
    unit_ids = _scope(request.user)
    try:
        doc = register_selectors.implementing_document_get(plan=plan, pk=pk)
    except ImplementingDocument.DoesNotExist as exc:
        raise Http404(_("Không có văn bản này trong sổ.")) from exc
    if unit_ids is not None and doc.issuing_unit_id not in unit_ids:
        raise Http404(_("Không có văn bản này trong sổ."))
    return doc


@login_required
def register_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    plan = _plan(code)
    doc = _document(request, plan, pk)
    fixed = _fixed_unit(request.user)
    if fixed is not None and fixed.pk != doc.issuing_unit_id:
        raise perms.NotAllowed(_("Bạn chỉ được sửa văn bản của đơn vị mình."))
    if request.method == "POST":
        form = ImplementingDocumentForm(request.POST, request.FILES, plan=plan, fixed_unit=fixed)
        if form.is_valid():
            try:
                implementing_document_update(
                    actor=request.user,
                    document=doc,
                    data=form.document_input(),
                    upload=form.cleaned_data.get("file"),
                    today=timezone.localdate(),
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("Đã lưu văn bản %(n)s.") % {"n": doc.number})
                return redirect("web:register", code=plan.code)
        return _render_form(request, plan, form, doc, status=400)
    form = ImplementingDocumentForm(
        plan=plan,
        fixed_unit=fixed,
        initial={
            "unit": doc.issuing_unit_id,
            "kind": doc.kind,
            "number": doc.number,
            "date": doc.date,
            "issuing_body": doc.issuing_body,
            "title": doc.title,
            "programs": list(doc.programs.all()),
            "targets": list(doc.targets.all()),
            "tasks": list(doc.tasks.all()),
        },
    )
    return _render_form(request, plan, form, doc)


@login_required
@require_POST
def register_delete(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    plan = _plan(code)
    doc = _document(request, plan, pk)
    try:
        implementing_document_delete(actor=request.user, document=doc)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("web:register_edit", code=plan.code, pk=doc.pk)
    messages.success(request, _("Đã xóa văn bản %(n)s khỏi sổ.") % {"n": doc.number})
    return redirect("web:register", code=plan.code)


@login_required
def register_file(request: HttpRequest, code: str, pk: int) -> FileResponse:
    plan = _plan(code)
    doc = _document(request, plan, pk)
    try:
        handle = implementing_document_file_open(actor=request.user, document=doc)
    except ValidationError as exc:
        raise Http404(" ".join(exc.messages)) from exc
    return FileResponse(handle, as_attachment=True, filename=doc.file_name)


@login_required
def register_home(request: HttpRequest) -> HttpResponse:
    """The navigation's link: the register of the plan held (or the list of plans to choose)."""
    plans = list(plan_selectors.plans_list())
    if len(plans) == 1:
        return redirect("web:register", code=plans[0].code)
    return redirect("web:plan_list")
