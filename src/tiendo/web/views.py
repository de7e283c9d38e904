"""Pages. Views are thin: they call selectors and render; one view renders a page or its
htmx fragment."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from tiendo.plans import selectors as plan_selectors
from tiendo.plans.models import Plan, PlanRevision, Program, Target


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness: 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


@login_required
def home(request: HttpRequest) -> HttpResponse:
    plans = list(plan_selectors.plans_list())
    if len(plans) == 1:
        return redirect("web:plan_detail", code=plans[0].code)
    return redirect("web:plan_list")


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    return render(request, "web/plan_list.html", {"plans": plan_selectors.plans_list()})


@login_required
def plan_detail(request: HttpRequest, code: str) -> HttpResponse:
    try:
        plan = plan_selectors.plan_overview(code=code)
    except Plan.DoesNotExist as exc:
        raise Http404("Không có chương trình hành động này.") from exc
    revisions = list(plan_selectors.plan_revisions(plan=plan))
    return render(request, "web/plan_detail.html", {"plan": plan, "revisions": revisions})


@login_required
def program_detail(request: HttpRequest, code: str, number: int) -> HttpResponse:
    try:
        program = plan_selectors.program_detail(plan_code=code, number=number)
    except Program.DoesNotExist as exc:
        raise Http404("Không có chương trình này.") from exc
    return render(request, "web/program_detail.html", {"program": program, "plan": program.plan})


@login_required
def target_detail(request: HttpRequest, code: str, target_code: str) -> HttpResponse:
    try:
        target = plan_selectors.target_detail(plan_code=code, code=target_code)
    except Target.DoesNotExist as exc:
        raise Http404("Không có chỉ tiêu này.") from exc
    return render(request, "web/target_detail.html", {"target": target, "plan": target.plan})


@login_required
def revision_detail(request: HttpRequest, code: str, number: int) -> HttpResponse:
    try:
        revision = plan_selectors.plan_revision(plan_code=code, number=number)
    except PlanRevision.DoesNotExist as exc:
        raise Http404("Không có phiên bản này.") from exc
    return render(
        request,
        "web/revision_detail.html",
        {"revision": revision, "plan": revision.plan, "doc": revision.snapshot},
    )
