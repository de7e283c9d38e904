"""Editing the plan in forms (section II.4): the office adds, changes and removes targets, tasks
and breakthroughs; a live preview shows how a target will read and be evaluated with the figures
already accepted. Saving goes through the same `plan_load` as an upload of the plan document,
so a plan of record gets a new revision with the decision and its reason. Views are thin: the
services validate, check who may and audit; one view renders the page or its htmx fragment."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tiendo.accounts.permissions import NotAllowed, require_plan_editor
from tiendo.core.http import HtmxHttpRequest
from tiendo.core.numbers import format_number
from tiendo.evaluation import engine
from tiendo.evaluation.adapters import document_target_spec, target_spec
from tiendo.evaluation.labels import status_text
from tiendo.evaluation.selectors import assessments_latest, figures_accepted
from tiendo.plans import selectors as plan_selectors
from tiendo.plans.document import PlanDocumentError
from tiendo.plans.models import Breakthrough, Plan, PlanStatus, Target, Task
from tiendo.plans.services import (
    PlanLoadResult,
    plan_breakthrough_remove,
    plan_breakthrough_save,
    plan_target_check,
    plan_target_remove,
    plan_target_save,
    plan_task_remove,
    plan_task_save,
)

from .plan_edit_forms import (
    BreakthroughEditForm,
    DecisionForm,
    TargetEditForm,
    TaskEditForm,
    document_error_attach,
)


def _forbidden(request: HttpRequest, exc: NotAllowed) -> HttpResponse:
    return render(request, "403.html", {"exception": exc.message}, status=403)


def _plan(code: str) -> Plan:
    try:
        return plan_selectors.plan_get(code=code)
    except Plan.DoesNotExist as exc:
        raise Http404(_("Không có chương trình hành động này.")) from exc


def _programs(plan: Plan) -> list[tuple[int, str]]:
    return [(p.number, f"{p.number}. {p.title}") for p in plan.programs.order_by("number")]


def _n(value: Decimal | None) -> str:
    return "" if value is None else format_number(value)


def _done(request: HttpRequest, plan: Plan, result: PlanLoadResult) -> HttpResponse:
    """After a save: the new revision (plan of record), or back to the editor (a draft)."""
    if not result.changed:
        messages.info(request, _("Không có thay đổi: chương trình đã đúng như vậy."))
        return redirect("web:plan_edit", code=plan.code)
    if result.revision is not None:
        messages.success(
            request,
            _("Đã ghi nhận phiên bản %(n)s (%(c)s thay đổi).")
            % {"n": result.revision.number, "c": len(result.changes)},
        )
        return redirect("web:revision_detail", code=plan.code, number=result.revision.number)
    messages.success(
        request, _("Đã lưu vào dự thảo (%(c)s thay đổi).") % {"c": len(result.changes)}
    )
    return redirect("web:plan_edit", code=plan.code)


@login_required
def plan_edit(request: HttpRequest, code: str) -> HttpResponse:
    """The editor's index: every program with its targets and tasks, the breakthroughs, each
    with its edit and remove links."""
    try:
        require_plan_editor(request.user)
    except NotAllowed as exc:
        return _forbidden(request, exc)
    plan = _plan(code)
    contents = plan_selectors.plan_contents(plan=plan)
    return render(
        request,
        "web/plan_edit.html",
        {
            "plan": plan,
            "programs": contents.programs,
            "breakthroughs": contents.breakthroughs,
            "draft": plan.status == PlanStatus.DRAFT,
        },
    )


# Targets ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    """How a target reads and is evaluated: its meaning and the verdict with its reason."""

    meaning: str
    status: str
    status_label: str
    sentence: str


@dataclass(frozen=True)
class TargetPreview:
    as_of: int
    problems: list[str]
    after: Reading | None = None
    before: Reading | None = None
    figure_count: int = 0


def _reading(
    spec: engine.TargetSpec,
    *,
    figures: list[engine.Figure],
    assessments: list[engine.Assessment],
    as_of: int,
) -> Reading:
    lang = get_language()
    result = engine.evaluate_target(
        target=spec, figures=figures, as_of_year=as_of, assessments=assessments
    )
    return Reading(
        meaning=engine.target_meaning(spec, lang),
        status=str(result.status),
        status_label=str(status_text(result.status)),
        sentence=engine.evaluation_sentence(result, lang),
    )


def _target_preview(plan: Plan, target: Target | None, form: TargetEditForm) -> TargetPreview:
    """The target as the form has it, read and evaluated with the accepted figures of the
    indicator it measures (as of this year, within the plan's term); beside it, as it stands."""
    as_of = min(timezone.localdate().year, plan.term_to_year)
    figures = figures_accepted(plan=plan).get(target.code, []) if target else []
    assessments = assessments_latest(plan=plan).get(target.code, []) if target else []
    before = None
    if target is not None:
        before = _reading(
            target_spec(target=target, term_from_year=plan.term_from_year),
            figures=figures,
            assessments=assessments,
            as_of=as_of,
        )
    if not form.is_valid():
        problems = [
            f"{form.fields[name].label}: {' '.join(str(e) for e in errors)}"
            if name in form.fields
            else " ".join(str(e) for e in errors)
            for name, errors in form.errors.items()
        ]
        return TargetPreview(as_of=as_of, problems=problems, before=before)
    try:
        item = plan_target_check(
            plan=plan, original=target.code if target else None, values=form.document_values()
        )
        spec = document_target_spec(item=item, term_from_year=plan.term_from_year)
    except PlanDocumentError as exc:
        return TargetPreview(
            as_of=as_of, problems=[exc.message[:1].upper() + exc.message[1:]], before=before
        )
    except ValueError:
        return TargetPreview(
            as_of=as_of,
            problems=[_("Các trường chưa khớp nhau nên chưa đánh giá được chỉ tiêu.")],
            before=before,
        )
    after = _reading(spec, figures=figures, assessments=assessments, as_of=as_of)
    return TargetPreview(
        as_of=as_of, problems=[], after=after, before=before, figure_count=len(figures)
    )


def _target_initial(target: Target) -> dict[str, Any]:
    return {
        "program": target.program.number,
        "indicator": target.indicator,
        "kind": target.kind,
        "comparator": target.comparator,
        "value": _n(target.value),
        "value_high": _n(target.value_high),
        "tolerance_pct": _n(target.tolerance_pct),
        "unit": target.unit,
        "from_year": target.from_year,
        "to_year": target.to_year,
        "baseline_value": _n(target.baseline_value),
        "baseline_year": target.baseline_year,
        "source_text": target.source_text,
    }


def _target_of(plan: Plan, code: str | None) -> Target | None:
    if code is None:
        return None
    target = Target.objects.select_related("program").filter(plan=plan, code=code).first()
    if target is None:
        raise Http404(_("Không có chỉ tiêu này."))
    return target


@login_required
def target_edit(
    request: HtmxHttpRequest, code: str, target_code: str | None = None
) -> HttpResponse:
    """Add a target (no `target_code`) or change one; `preview` in a POST renders the preview
    (the fragment for htmx, the whole page without JavaScript) and saves nothing."""
    try:
        require_plan_editor(request.user)
    except NotAllowed as exc:
        return _forbidden(request, exc)
    plan = _plan(code)
    target = _target_of(plan, target_code)
    draft = plan.status == PlanStatus.DRAFT
    programs = _programs(plan)
    new = target is None
    status = 200
    if request.method == "POST":
        form = TargetEditForm(request.POST, programs=programs, new=new)
        if "preview" in request.POST:
            preview = _target_preview(plan, target, form)
            if request.htmx:
                return render(
                    request, "web/_target_preview.html", {"preview": preview, "plan": plan}
                )
            decision = DecisionForm(draft=draft, initial=request.POST.dict())
        else:
            decision = DecisionForm(request.POST, draft=draft)
            if form.is_valid() and decision.is_valid():
                try:
                    result = plan_target_save(
                        plan=plan,
                        actor=request.user,
                        original=target.code if target else None,
                        values=form.document_values(),
                        decision=decision.decision(),
                    )
                except NotAllowed as exc:
                    return _forbidden(request, exc)
                except PlanDocumentError as exc:
                    document_error_attach(exc, form=form, decision=decision)
                else:
                    return _done(request, plan, result)
            status = 400
            preview = _target_preview(plan, target, form)
    else:
        initial = (
            _target_initial(target)
            if target
            else {
                "program": request.GET.get("program"),
                "kind": "level",
                "comparator": "ge",
                "to_year": plan.term_to_year,
            }
        )
        form = TargetEditForm(initial=initial, programs=programs, new=new)
        decision = DecisionForm(draft=draft)
        preview = (
            _target_preview(plan, target, TargetEditForm(initial, programs=programs, new=False))
            if target
            else TargetPreview(
                as_of=min(timezone.localdate().year, plan.term_to_year),
                problems=[_("Điền các trường để xem chỉ tiêu sẽ đọc và được đánh giá thế nào.")],
            )
        )
    return render(
        request,
        "web/target_edit.html",
        {
            "plan": plan,
            "target": target,
            "form": form,
            "decision": decision,
            "preview": preview,
            "draft": draft,
        },
        status=status,
    )


# Tasks and breakthroughs ----------------------------------------------------------------------


def _save_page(
    request: HttpRequest,
    *,
    plan: Plan,
    form: Any,
    save: Any,
    template: str,
    context: dict[str, Any],
) -> HttpResponse:
    """The common POST/GET handling of the task and breakthrough forms."""
    draft = plan.status == PlanStatus.DRAFT
    status = 200
    if request.method == "POST":
        decision = DecisionForm(request.POST, draft=draft)
        if form.is_valid() and decision.is_valid():
            try:
                result = save(form.document_values(), decision.decision())
            except NotAllowed as exc:
                return _forbidden(request, exc)
            except PlanDocumentError as exc:
                document_error_attach(exc, form=form, decision=decision)
            else:
                return _done(request, plan, result)
        status = 400
    else:
        decision = DecisionForm(draft=draft)
    return render(
        request,
        template,
        {**context, "plan": plan, "form": form, "decision": decision, "draft": draft},
        status=status,
    )


@login_required
def task_edit(request: HttpRequest, code: str, task_code: str | None = None) -> HttpResponse:
    try:
        require_plan_editor(request.user)
    except NotAllowed as exc:
        return _forbidden(request, exc)
    plan = _plan(code)
    task = None
    if task_code is not None:
        task = Task.objects.select_related("program").filter(plan=plan, code=task_code).first()
        if task is None:
            raise Http404(_("Không có nhiệm vụ này."))
    initial = (
        {
            "program": task.program.number,
            "text": task.text,
            "due_date": task.due_date,
            "status": task.status,
        }
        if task
        else {"program": request.GET.get("program"), "status": "not_started"}
    )
    form = TaskEditForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        programs=_programs(plan),
        new=task is None,
    )

    def save(values: dict[str, Any], decision: Any) -> PlanLoadResult:
        return plan_task_save(
            plan=plan,
            actor=request.user,
            original=task.code if task else None,
            values=values,
            decision=decision,
        )

    return _save_page(
        request,
        plan=plan,
        form=form,
        save=save,
        template="web/task_edit.html",
        context={"task": task},
    )


@login_required
def breakthrough_edit(request: HttpRequest, code: str, number: int | None = None) -> HttpResponse:
    try:
        require_plan_editor(request.user)
    except NotAllowed as exc:
        return _forbidden(request, exc)
    plan = _plan(code)
    item = None
    if number is not None:
        item = Breakthrough.objects.filter(plan=plan, number=number).first()
        if item is None:
            raise Http404(_("Không có khâu đột phá này."))
    tasks = [
        (t.code, f"{t.code}. {t.text[:90]}")
        for t in Task.objects.filter(plan=plan).order_by("position")
    ]
    if item is not None:
        initial: dict[str, Any] = {
            "text": item.text,
            "programs": [p.number for p in item.programs.all()],
            "tasks": [t.code for t in item.tasks.all()],
        }
    else:
        taken = set(Breakthrough.objects.filter(plan=plan).values_list("number", flat=True))
        initial = {"number": next(n for n in range(1, 100) if n not in taken)}
    form = BreakthroughEditForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        programs=_programs(plan),
        tasks=tasks,
        new=item is None,
    )

    def save(values: dict[str, Any], decision: Any) -> PlanLoadResult:
        return plan_breakthrough_save(
            plan=plan,
            actor=request.user,
            original=item.number if item else None,
            values=values,
            decision=decision,
        )

    return _save_page(
        request,
        plan=plan,
        form=form,
        save=save,
        template="web/breakthrough_edit.html",
        context={"item": item},
    )


# Removing -------------------------------------------------------------------------------------

KINDS = {"chi-tieu", "nhiem-vu", "dot-pha"}


@login_required
def item_remove(request: HttpRequest, code: str, kind: str, ref: str) -> HttpResponse:
    """Remove a target, task or breakthrough: a confirmation with the decision, then the same
    revision as any other change. A target or task that units already report is refused."""
    try:
        require_plan_editor(request.user)
    except NotAllowed as exc:
        return _forbidden(request, exc)
    if kind not in KINDS:
        raise Http404(_("Không có mục này."))
    plan = _plan(code)
    label: str
    if kind == "chi-tieu":
        target = _target_of(plan, ref)
        assert target is not None
        label = _("chỉ tiêu %(code)s: %(text)s") % {"code": target.code, "text": target.indicator}
    elif kind == "nhiem-vu":
        task = Task.objects.filter(plan=plan, code=ref).first()
        if task is None:
            raise Http404(_("Không có nhiệm vụ này."))
        label = _("nhiệm vụ %(code)s: %(text)s") % {"code": task.code, "text": task.text}
    else:
        found = (
            Breakthrough.objects.filter(plan=plan, number=int(ref)).first()
            if ref.isdigit()
            else None
        )
        if found is None:
            raise Http404(_("Không có khâu đột phá này."))
        label = _("khâu đột phá %(n)s: %(text)s") % {"n": found.number, "text": found.text}
    draft = plan.status == PlanStatus.DRAFT
    error = ""
    status = 200
    if request.method == "POST":
        decision = DecisionForm(request.POST, draft=draft)
        if decision.is_valid():
            try:
                args: dict[str, Any] = {
                    "plan": plan,
                    "actor": request.user,
                    "decision": decision.decision(),
                }
                if kind == "chi-tieu":
                    result = plan_target_remove(code=ref, **args)
                elif kind == "nhiem-vu":
                    result = plan_task_remove(code=ref, **args)
                else:
                    result = plan_breakthrough_remove(number=int(ref), **args)
            except NotAllowed as exc:
                return _forbidden(request, exc)
            except PlanDocumentError as exc:
                error = _("Không bỏ được: %(m)s.") % {"m": exc.message}
            else:
                return _done(request, plan, result)
        status = 400
    else:
        decision = DecisionForm(draft=draft)
    return render(
        request,
        "web/plan_item_remove.html",
        {"plan": plan, "label": label, "decision": decision, "draft": draft, "error": error},
        status=status,
    )
