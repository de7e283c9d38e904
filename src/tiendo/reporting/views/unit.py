"""“Việc của đơn vị”: the reporter's own page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tiendo.accounts import permissions as perms
from tiendo.evaluation.services import plan_evaluate

from .. import selectors


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
