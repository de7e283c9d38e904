"""Pages. Views are thin: they call selectors and render; one view renders a page or its
htmx fragment."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import Resolver404
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tiendo.accounts.permissions import (
    NotAllowed,
    Role,
    can_edit_plan,
    can_manage_delegations,
    can_monitor,
    can_read_all,
    require_monitor,
    role_of,
)
from tiendo.core.http import HtmxHttpRequest, database_busy
from tiendo.evaluation import selectors as evaluation_selectors
from tiendo.evaluation.selectors import PlanStamp
from tiendo.evaluation.services import plan_overview_cached
from tiendo.indicators import selectors as indicator_selectors
from tiendo.indicators.models import Indicator
from tiendo.plans import selectors as plan_selectors
from tiendo.plans.coverage import plan_coverage
from tiendo.plans.document import PlanDocumentError
from tiendo.plans.models import Plan, PlanRevision
from tiendo.plans.services import plan_load

from . import plan_pages
from .forms import PlanAdjustForm
from .indicators import indicator_view
from .middleware import busy_page


def _as_of(request: HttpRequest, plan: Plan | PlanStamp) -> int:
    """The as-of year: ?as_of=YEAR within the plan's term, else this year (kept in the term)."""
    latest = min(timezone.localdate().year, plan.term_to_year)
    try:
        year = int(request.GET.get("as_of", latest))
    except ValueError:
        return latest
    return year if plan.term_from_year <= year <= plan.term_to_year else latest


def _visible_plan(request: HttpRequest, code: str) -> Plan:
    """The plan if the user may see it (plan_visible_get): a draft is 404 for everyone but the
    office, exactly like a code that does not exist."""
    try:
        return plan_selectors.plan_visible_get(code=code, user=request.user)
    except Plan.DoesNotExist as exc:
        raise Http404(_("Không có chương trình hành động này.")) from exc


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness: 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico, which browsers ask for on pages that do not link one (the admin): the
    icon among the static files."""
    return HttpResponsePermanentRedirect(static("tiendo/favicon.ico"))


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Where signing in lands: a unit's reporter on “Việc của đơn vị”, everyone else on the
    dashboard of the plan in force today (by its term); the plans page when there is none yet."""
    if role_of(request.user) == Role.REPORTER:
        return redirect("reporting:workspace")
    plan = plan_selectors.plan_in_force(today=timezone.localdate())
    if plan is not None:
        return redirect("web:plan_detail", code=plan.code)
    return redirect("web:plan_list")


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    """The plans of record by term, the latest first, with their status."""
    plans = list(plan_selectors.plans_list())
    in_force = plan_selectors.plan_in_force(today=timezone.localdate(), plans=plans)
    return render(
        request,
        "web/plan_list.html",
        {
            "terms": plan_selectors.plans_by_term(plans=plans),
            "in_force": in_force,
            "plans": plans,
        },
    )


@login_required
def plan_detail(request: HtmxHttpRequest, code: str) -> HttpResponse:
    """The plan's dashboard and overview. What is the same for every reader comes from the cache
    behind the plan's stamp (one query when nothing changed); the rest depends on the reader:
    the office's coverage line, the open rounds, the editing links."""
    stamp = _stamp(code, _("Không có chương trình hành động này."))
    as_of = _as_of(request, stamp)
    page = plan_pages.plan_page(stamp=stamp, as_of=as_of)
    if request.htmx:
        return HttpResponse(page.dashboard)
    context = {
        "page": page,
        "code": stamp.code,
        "can_adjust": can_monitor(request.user),
        "can_edit": can_edit_plan(request.user),
        # the office sees what no round would collect
        "coverage": (
            plan_coverage(plan=plan_overview_cached(stamp=stamp))
            if can_manage_delegations(request.user)
            else None
        ),
        # the open rounds at a glance, for the office and leaders (web/_round_panel.html)
        "round_panel": (
            plan_pages.round_panel(actor=request.user, stamp=stamp)
            if can_read_all(request.user)
            else ""
        ),
    }
    return render(request, "web/plan_detail.html", context)


def _stamp(code: str, missing: Promise | str) -> PlanStamp:
    """The stamp of a plan of record (one query), or 404 with `missing`."""
    stamp = evaluation_selectors.plan_stamp(code=code)
    if stamp is None:
        raise Http404(missing)
    return stamp


@login_required
def program_detail(request: HtmxHttpRequest, code: str, number: int) -> HttpResponse:
    """A program's targets and tasks, filtered by status and by unit (htmx swaps the results).
    The same for every reader: from the cache behind the plan's stamp when nothing changed."""
    missing = _("Không có chương trình này.")
    stamp = _stamp(code, missing)
    page = plan_pages.program_page(
        stamp=stamp,
        number=number,
        as_of=_as_of(request, stamp),
        status=request.GET.get("status", ""),
        unit=request.GET.get("unit", ""),
    )
    if page is None:
        raise Http404(missing)
    if request.htmx:
        return HttpResponse(page.results)
    return render(request, "web/program_detail.html", {"page": page})


@login_required
def target_detail(request: HttpRequest, code: str, target_code: str) -> HttpResponse:
    """A target's verdict, chart, figures, assessments and who reports it. The same for every
    reader: from the cache behind the plan's stamp when nothing changed."""
    missing = _("Không có chỉ tiêu này.")
    stamp = _stamp(code, missing)
    page = plan_pages.target_page(stamp=stamp, code=target_code, as_of=_as_of(request, stamp))
    if page is None:
        raise Http404(missing)
    return render(request, "web/target_detail.html", {"page": page})


@login_required
def indicator_list(request: HttpRequest) -> HttpResponse:
    """The catalogue of indicators: what each measures, how many plans set targets on it, the
    years its figures cover."""
    return render(
        request, "web/indicator_list.html", {"indicators": plan_selectors.indicators_in_use()}
    )


@login_required
def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    """One indicator across plans and terms: its description, the targets of every plan on it
    drawn with its series on one chart, and its figures with their sources."""
    try:
        indicator = indicator_selectors.indicator_get(code=code)
    except Indicator.DoesNotExist as exc:
        raise Http404("Không có chỉ số này.") from exc
    view = indicator_view(
        indicator=indicator,
        targets=plan_selectors.indicator_targets(indicator_id=indicator.pk),
        figures=list(indicator_selectors.indicator_figures(indicator=indicator)),
    )
    return render(request, "web/indicator_detail.html", {"view": view, "indicator": indicator})


@login_required
def revision_detail(request: HttpRequest, code: str, number: int) -> HttpResponse:
    _visible_plan(request, code)
    try:
        revision = plan_selectors.plan_revision(plan_code=code, number=number)
    except PlanRevision.DoesNotExist as exc:
        raise Http404(_("Không có phiên bản này.")) from exc
    return render(
        request,
        "web/revision_detail.html",
        {"revision": revision, "plan": revision.plan, "doc": revision.snapshot},
    )


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The 404 page: what was not found when a page said so ("Không có chỉ tiêu này."), in the
    interface language; never the name of an exception (an unknown address says nothing more)."""
    message = ""
    if isinstance(exception, Http404) and not isinstance(exception, Resolver404):
        detail = exception.args[0] if exception.args else ""
        if isinstance(detail, str | Promise) and str(detail):
            message = gettext(str(detail))
    return render(request, "404.html", {"message": message}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page: a reference the user can quote, never a stack trace. The exception is
    logged with the same reference."""
    import logging
    import sys
    import uuid

    from django.template import loader

    exc = sys.exc_info()[1]
    if database_busy(exc):  # a lock held too long, e.g. while a session was saved
        assert exc is not None
        return busy_page(request, exc)
    reference = uuid.uuid4().hex[:10]
    logging.getLogger("tiendo.errors").error(
        "server error ref=%s path=%s", reference, request.path, exc_info=sys.exc_info()
    )
    try:
        body = loader.get_template("500.html").render({"reference": reference})
    except Exception:  # the page must render even when templates or static files fail
        body = f"<h1>Lỗi hệ thống</h1><p>Mã tham chiếu: {reference}</p>"
    return HttpResponse(body, status=500)


@login_required
def plan_document_download(request: HttpRequest, code: str) -> HttpResponse:
    """The plan as a plan document (JSON), to adjust it or to move it to another system."""
    import json

    plan = _visible_plan(request, code)
    body = json.dumps(plan_selectors.plan_document_build(plan=plan), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{plan.code}.json"'
    return response


@login_required
def plan_adjust(request: HttpRequest, code: str) -> HttpResponse:
    """The office supplements or adjusts the plan (section II.4): it uploads the revised plan
    document with the decision that orders the change; the result is a new revision."""
    try:
        require_monitor(request.user)
    except NotAllowed as exc:
        return render(request, "403.html", {"exception": exc.message}, status=403)
    plan = _visible_plan(request, code)
    form = PlanAdjustForm(request.POST or None, request.FILES or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            document = form.document()
            if document.get("code") != plan.code:
                raise PlanDocumentError(
                    "$.code",
                    f"tệp là của chương trình “{document.get('code')}”, không phải “{plan.code}”",
                )
            result = plan_load(
                document=document,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                decision_ref=form.cleaned_data["decision_ref"],
                revision_date=form.cleaned_data["date"],
            )
        except PlanDocumentError as exc:
            error = f"Tệp bị từ chối, không có gì thay đổi. Lỗi tại {exc.path}: {exc.message}"
        else:
            if not result.changed:
                messages.info(request, "Không có thay đổi: chương trình đã đúng như tệp.")
            else:
                assert result.revision is not None
                messages.success(
                    request,
                    f"Đã ghi nhận phiên bản {result.revision.number} ({len(result.changes)} thay đổi).",
                )
                return redirect(
                    "web:revision_detail", code=plan.code, number=result.revision.number
                )
    status = 400 if error or form.errors else 200
    return render(
        request, "web/plan_adjust.html", {"plan": plan, "form": form, "error": error}, status=status
    )
