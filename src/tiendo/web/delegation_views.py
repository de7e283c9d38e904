"""Pages of responsibility: “Phân công và độ bao phủ” (who reports each target and task, and
why nobody does), the delegation form with its confirm step, ending a delegation, resolving a
group into its member units. Views are thin: selectors read, services write and check who may."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tiendo.accounts import permissions as perms
from tiendo.core.http import HtmxHttpRequest, query_day
from tiendo.org.models import OrgUnit, OrgUnitKind
from tiendo.org.selectors import units_not_ended
from tiendo.plans import selectors as plan_selectors
from tiendo.plans.coverage import PlanCoverage, plan_coverage, unit_label
from tiendo.plans.models import Assignment, Plan, PlanStatus, Program, Target, Task
from tiendo.plans.services import (
    DelegationPreview,
    delegation_create,
    delegation_end,
    delegation_end_preview,
    group_resolve,
)

from .forms import DelegationEndForm, DelegationForm, GroupResolveForm


def _plan(code: str) -> Plan:
    try:
        plan = plan_selectors.plan_get(code=code)
    except Plan.DoesNotExist as exc:
        raise Http404(_("Không có chương trình hành động này.")) from exc
    if plan.status == PlanStatus.DRAFT:
        raise Http404(_("Không có chương trình hành động này."))
    return plan


def _messages(exc: ValidationError) -> list[str]:
    return [str(m) for m in exc.messages]


@login_required
def coverage(request: HttpRequest, code: str) -> HttpResponse:
    """Per program, every target and task with its chain of responsibility and who reports it;
    the reasons for the uncovered; the delegations in force; the groups to resolve."""
    plan = _plan(code)
    on = query_day(request, "on")
    result = plan_coverage(plan=plan, on=on)
    show = request.GET.get("show", "")
    programs = result.programs
    if show == "uncovered":
        programs = [p for p in programs if p.uncovered_count]
    office = perms.can_manage_delegations(request.user)
    own = perms.unit_id_of(request.user)
    holders = result.holders()
    can_delegate = office or (
        perms.role_of(request.user) == perms.Role.REPORTER and any(u.pk == own for u in holders)
    )
    in_force = result.in_force()
    by_pk = {n.pk: n for n in result.nodes}
    delegations = []
    for n in in_force:
        parent = by_pk.get(n.parent_id) if n.parent_id is not None else None
        endable = n.parent_id is not None or n.origin == "delegation"
        delegations.append(
            {
                "node": n,
                "parent": parent,
                # the office, or the reporter of the body that handed it on (as the service)
                "can_end": endable
                and perms.can_delegate_from(request.user, parent.unit_id if parent else None),
            }
        )
    return render(
        request,
        "web/coverage.html",
        {
            "plan": plan,
            "coverage": result,
            "programs": programs,
            "show": show,
            "on": on,
            "today": timezone.localdate(),
            "office": office,
            "own_unit": own,
            "can_delegate": can_delegate,
            "delegations": delegations,
            "groups": [
                {"unit": unit, "nodes": nodes, "members": result.members_of(unit.pk)}
                for unit, nodes in result.groups()
            ],
        },
    )


def _item_choices(result: PlanCoverage, program: int | None) -> list[tuple[str, str]]:
    choices: list[tuple[str, str]] = []
    for p in result.programs:
        if program and p.program.number != program:
            continue
        choices.append((f"program:{p.program.pk}", str(p.program)))
        choices += [(f"target:{t.item.pk}", t.code) for t in p.targets]
        choices += [(f"task:{t.item.pk}", t.code) for t in p.tasks]
    return choices


def _hidden(request: HttpRequest, names: list[str]) -> list[tuple[str, list[str]]]:
    return [(name, request.POST.getlist(name)) for name in names]


@login_required
def delegation_new(request: HtmxHttpRequest, code: str) -> HttpResponse:
    """Pick targets and tasks (many at once, by program), pick units, role, basis and dates;
    preview what changes; confirm."""
    plan = _plan(code)
    today = timezone.localdate()
    result = plan_coverage(plan=plan, on=today)
    office = perms.can_manage_delegations(request.user)
    own = perms.unit_id_of(request.user)
    holders = result.holders()
    if office:
        from_choices = [("", _("— Văn phòng giao trực tiếp (không qua đơn vị nào) —"))] + [
            (u.code, u.name) for u in holders
        ]
    elif perms.role_of(request.user) == perms.Role.REPORTER and any(u.pk == own for u in holders):
        from_choices = [(u.code, u.name) for u in holders if u.pk == own]
    else:
        raise perms.NotAllowed(
            _(
                "Chỉ Văn phòng, hoặc cán bộ của đơn vị đang chủ trì, phối hợp, mới được phân "
                "công thực hiện."
            )
        )
    data = request.POST if request.method == "POST" else None
    source = data if data is not None else request.GET
    try:
        program = int(source.get("program") or 0)
    except ValueError:
        program = 0
    initial: dict[str, Any] = {"valid_from": today, "role": "lead"}
    wanted = request.GET.get("from")
    if wanted and any(c == wanted for c, _label in from_choices):
        initial["from_unit"] = wanted
    elif not office:
        initial["from_unit"] = from_choices[0][0]
    elif holders:
        # the body that leads the most targets and tasks nobody can report yet
        waiting: dict[str, int] = {}
        for i in result.uncovered:
            if i.lead is not None and i.lead.unit.kind != OrgUnitKind.GROUP:
                waiting[i.lead.unit.code] = waiting.get(i.lead.unit.code, 0) + 1
        initial["from_unit"] = (
            max(waiting, key=lambda c: waiting[c])
            if waiting
            else next((u.code for u in holders if u.kind != OrgUnitKind.GROUP), holders[0].code)
        )
    units = list(units_not_ended(day=today))
    form = DelegationForm(
        data,
        initial=initial,
        from_choices=from_choices,
        item_choices=_item_choices(result, None),
        units=units_not_ended(day=today),
        documents=plan_selectors.delegation_bases(plan=plan),
    )
    errors: list[str] = []
    preview: DelegationPreview | None = None
    action = request.POST.get("action", "")
    show_errors = data is not None and action in ("preview", "confirm")
    if show_errors and form.is_valid():
        cd = form.cleaned_data
        frm = next((u for u in holders if u.code == cd["from_unit"]), None)
        programs, targets, tasks = _picked(cd["items"], plan)
        kwargs: dict[str, Any] = {
            "actor": request.user,
            "plan": plan,
            "from_unit": frm,
            "to_units": list(cd["to_units"]),
            "role": cd["role"],
            "programs": programs,
            "targets": targets,
            "tasks": tasks,
            "valid_from": cd["valid_from"],
            "valid_to": cd["valid_to"],
            "basis_document": cd["basis_document"],
            "basis_text": cd["basis_text"],
            "part": cd["part"],
        }
        try:
            if action == "confirm":
                created = delegation_create(**kwargs)
                assert isinstance(created, list)
                messages.success(
                    request,
                    _("Đã ghi nhận %(n)s phân công thực hiện.") % {"n": len(created)},
                )
                return redirect("web:coverage", code=plan.code)
            outcome = delegation_create(**kwargs, preview=True)
            assert isinstance(outcome, DelegationPreview)
            preview = outcome
        except ValidationError as exc:
            errors = _messages(exc)
    picked = set(source.getlist("items"))
    shown = [p for p in result.programs if not program or p.program.number == program]
    shown_values = {v for v, _label in _item_choices(result, program)}
    context = {
        "plan": plan,
        "form": form,
        "coverage": result,
        "programs": shown,
        "all_programs": [p.program for p in result.programs],
        "program": program,
        "picked_programs": _ids_of(picked, "program"),
        "picked_targets": _ids_of(picked, "target"),
        "picked_tasks": _ids_of(picked, "task"),
        "picked_elsewhere": sorted(picked - shown_values),
        "units": units,
        "picked_units": {int(v) for v in source.getlist("to_units") if v.isdigit()},
        "errors": errors,
        "show_errors": show_errors,
        "preview": preview,
        "hidden": _hidden(request, list(form.fields)) if preview else [],
        "office": office,
    }
    if request.htmx and request.method == "GET":
        return render(request, "web/delegation_form.html#items", context)
    status = 400 if (errors or (show_errors and form.errors)) else 200
    return render(request, "web/delegation_form.html", context, status=status)


def _ids_of(values: set[str], kind: str) -> set[int]:
    prefix = f"{kind}:"
    return {
        int(v[len(prefix) :]) for v in values if v.startswith(prefix) and v[len(prefix) :].isdigit()
    }


def _picked(values: list[str], plan: Plan) -> tuple[list[Program], list[Target], list[Task]]:
    ids: dict[str, list[int]] = {"program": [], "target": [], "task": []}
    for value in values:
        kind, _sep, pk = value.partition(":")
        if kind in ids and pk.isdigit():
            ids[kind].append(int(pk))
    return (
        list(Program.objects.filter(plan=plan, pk__in=ids["program"]).order_by("number")),
        list(Target.objects.filter(plan=plan, pk__in=ids["target"]).order_by("position")),
        list(Task.objects.filter(plan=plan, pk__in=ids["task"]).order_by("position")),
    )


@login_required
def delegation_end_page(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """End a delegation (and the ones below it) on a date, with the reason."""
    plan = _plan(code)
    try:
        node = plan_selectors.assignment_get(plan_code=plan.code, pk=pk)
    except Assignment.DoesNotExist as exc:
        raise Http404(_("Không có phân công này.")) from exc
    form = DelegationEndForm(
        request.POST if request.method == "POST" else None,
        initial={"end_date": timezone.localdate()},
    )
    end_date = timezone.localdate()
    if form.is_bound and form.is_valid():
        end_date = form.cleaned_data["end_date"]
    errors: list[str] = []
    ended: list[Assignment] = []
    try:
        ended = delegation_end_preview(actor=request.user, node=node, end_date=end_date)
    except ValidationError as exc:
        errors = _messages(exc)
    if request.method == "POST" and form.is_valid() and not errors:
        try:
            done = delegation_end(
                actor=request.user,
                node=node,
                end_date=end_date,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            errors = _messages(exc)
        else:
            messages.success(
                request,
                _("Đã kết thúc %(n)s phân công từ sau ngày %(d)s.")
                % {"n": len(done), "d": end_date.strftime("%d/%m/%Y")},
            )
            return redirect("web:coverage", code=plan.code)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "web/delegation_end.html",
        {
            "plan": plan,
            "node": node,
            "form": form,
            "ended": ended,
            "errors": errors,
            "end_date": end_date,
            "label": unit_label,
        },
        status=status if (errors or form.errors) else 200,
    )


@login_required
def group_resolve_page(request: HttpRequest, code: str, unit_code: str) -> HttpResponse:
    """The office resolves a collective body into its member units."""
    plan = _plan(code)
    perms.require_delegation_manager(request.user)
    group = OrgUnit.objects.filter(code=unit_code, kind=OrgUnitKind.GROUP).first()
    if group is None:
        raise Http404(_("Không có nhóm cơ quan này."))
    today = timezone.localdate()
    result = plan_coverage(plan=plan, on=today)
    held = next((nodes for unit, nodes in result.groups() if unit.pk == group.pk), [])
    form = GroupResolveForm(
        request.POST if request.method == "POST" else None,
        initial={"valid_from": today},
        units=units_not_ended(day=today).exclude(kind=OrgUnitKind.GROUP),
        documents=plan_selectors.delegation_bases(plan=plan),
    )
    errors: list[str] = []
    preview: DelegationPreview | None = None
    action = request.POST.get("action", "")
    if request.method == "POST" and action in ("preview", "confirm") and form.is_valid():
        cd = form.cleaned_data
        kwargs: dict[str, Any] = {
            "actor": request.user,
            "plan": plan,
            "group": group,
            "members": list(cd["members"]),
            "valid_from": cd["valid_from"],
            "valid_to": cd["valid_to"],
            "basis_document": cd["basis_document"],
            "basis_text": cd["basis_text"],
        }
        try:
            if action == "confirm":
                created = group_resolve(**kwargs)
                assert isinstance(created, list)
                messages.success(
                    request,
                    _("Đã giao “%(g)s” cho %(m)s đơn vị thành viên (%(n)s phân công).")
                    % {"g": group, "m": len(cd["members"]), "n": len(created)},
                )
                return redirect("web:coverage", code=plan.code)
            outcome = group_resolve(**kwargs, preview=True)
            assert isinstance(outcome, DelegationPreview)
            preview = outcome
        except ValidationError as exc:
            errors = _messages(exc)
    status = 400 if (errors or (form.is_bound and form.errors)) else 200
    return render(
        request,
        "web/group_resolve.html",
        {
            "plan": plan,
            "group": group,
            "held": held,
            "members": result.members_of(group.pk),
            "form": form,
            "errors": errors,
            "preview": preview,
            "picked_units": {str(v) for v in (form["members"].value() or [])}
            if form.is_bound
            else set(),
            "hidden": _hidden(request, list(form.fields)) if preview else [],
        },
        status=status,
    )
