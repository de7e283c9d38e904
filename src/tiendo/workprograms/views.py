"""Pages of the yearly work programs: the years held, a year's list by month with late items
first, what each year did for a program, and recording an item's outcome (the office). Views are
thin: reads in `selectors`, writes in `services`."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tiendo.accounts import permissions as perms
from tiendo.core.http import query_day
from tiendo.plans import selectors as plan_selectors
from tiendo.plans.models import ImplementingDocument, Plan, Program
from tiendo.plans.register import implementing_documents_for_choice

from . import selectors, services
from .models import ItemOutcome, WorkProgram, WorkProgramItem


def _plan(code: str) -> Plan:
    """A plan of record (drafts have no register or work programs)."""
    try:
        return plan_selectors.plan_of_record_get(code=code)
    except Plan.DoesNotExist as exc:
        raise Http404(_("Không có chương trình hành động này.")) from exc


def _as_of(request: HttpRequest) -> dt.date:
    return query_day(request)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The navigation's link: the work programs of the plan held (or the list of plans)."""
    selectors.workprogram_read_check(request.user)
    plans = list(plan_selectors.plans_list())
    if len(plans) == 1:
        return redirect("workprograms:index", code=plans[0].code)
    return redirect("web:plan_list")


@login_required
def index(request: HttpRequest, code: str) -> HttpResponse:
    """The years held; the latest one opens directly when there is one."""
    selectors.workprogram_read_check(request.user)
    plan = _plan(code)
    years = list(selectors.workprograms_list(plan=plan))
    programs = list(Program.objects.filter(plan=plan).order_by("number"))
    return render(
        request,
        "workprograms/index.html",
        {"plan": plan, "years": years, "programs": programs},
    )


@login_required
def year_detail(request: HttpRequest, code: str, year: int) -> HttpResponse:
    selectors.workprogram_read_check(request.user)
    plan = _plan(code)
    try:
        wp = selectors.workprogram_get(plan=plan, year=year)
    except WorkProgram.DoesNotExist as exc:
        raise Http404(_("Chưa có chương trình công tác năm này.")) from exc
    as_of = _as_of(request)
    view = selectors.workprogram_year_view(work_program=wp, as_of=as_of)
    years = [w.year for w in WorkProgram.objects.filter(plan=plan).order_by("year")]
    return render(
        request,
        "workprograms/year.html",
        {
            "plan": plan,
            "wp": wp,
            "view": view,
            "as_of": as_of,
            "years": years,
            "can_record": perms.can_monitor(request.user),
        },
    )


@login_required
def program_history(request: HttpRequest, code: str, number: int) -> HttpResponse:
    selectors.workprogram_read_check(request.user)
    plan = _plan(code)
    program = Program.objects.filter(plan=plan, number=number).first()
    if program is None:
        raise Http404(_("Không có chương trình này."))
    as_of = _as_of(request)
    history = selectors.program_work_history(program=program, as_of=as_of)
    return render(
        request,
        "workprograms/program.html",
        {"plan": plan, "program": program, "history": history, "as_of": as_of},
    )


class DocumentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ImplementingDocument) -> str:
        return f"{obj.number}, {obj.date:%d/%m/%Y} — {obj.title[:80]} ({obj.issuing_unit})"


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("Kết quả"), choices=ItemOutcome.choices, widget=forms.RadioSelect
    )
    document = DocumentChoiceField(
        label=gettext_lazy("Văn bản đã ban hành (trong sổ văn bản triển khai)"),
        queryset=ImplementingDocument.objects.none(),
        required=False,
    )
    reason = forms.CharField(
        label=gettext_lazy("Lý do (khi lùi thời gian hoặc không thực hiện)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: object, plan: Plan, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["document"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = implementing_documents_for_choice(plan=plan)


@login_required
def item_outcome(request: HttpRequest, code: str, year: int, number: int) -> HttpResponse:
    """Ghi kết quả: the office records what came of an item."""
    perms.require_monitor(request.user)
    plan = _plan(code)
    try:
        item = selectors.item_get(plan=plan, year=year, number=number)
    except WorkProgramItem.DoesNotExist as exc:
        raise Http404(_("Không có nội dung này.")) from exc
    if request.method == "POST":
        form = OutcomeForm(request.POST, plan=plan)
        if form.is_valid():
            try:
                services.item_outcome_record(
                    actor=request.user,
                    item=item,
                    outcome=form.cleaned_data["outcome"],
                    document=form.cleaned_data.get("document"),
                    reason=form.cleaned_data.get("reason", ""),
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    for message in errors:
                        form.add_error(field if field in form.fields else None, message)
            else:
                messages.success(
                    request, _("Đã ghi kết quả của nội dung số %(n)s.") % {"n": item.number}
                )
                return redirect(f"{_year_url(plan.code, year)}#item-{item.number}")
        status = 400
    else:
        form = OutcomeForm(
            plan=plan,
            initial={
                "outcome": item.outcome,
                "document": item.outcome_document_id,
                "reason": item.outcome_reason,
            },
        )
        status = 200
    return render(
        request,
        "workprograms/outcome.html",
        {"plan": plan, "item": item, "year": year, "form": form},
        status=status,
    )


def _year_url(code: str, year: int) -> str:
    return reverse("workprograms:year", args=[code, year])
