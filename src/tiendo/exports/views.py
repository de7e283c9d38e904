"""Pages and downloads of exports. Thin: selectors and services do the work; permission errors
(NotAllowed) become 403 pages, unknown plans or submissions 404."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from tiendo.accounts import permissions as perms
from tiendo.core.http import content_disposition
from tiendo.core.spreadsheet import csv_row
from tiendo.core.text import slug
from tiendo.indicators.models import Indicator
from tiendo.indicators.selectors import OPEN_SERIES_FIELDS, open_series
from tiendo.plans.models import Plan
from tiendo.plans.selectors import plan_visible_get
from tiendo.reporting.models import Submission

from .docx_render import report_docx
from .pdf_render import PdfUnavailable, report_pdf
from .report import SECTION_LABELS, program_section_key, report_build, report_draft_get
from .selectors import OPEN_DATA_FIELDS, open_figures
from .services import DRAFT_FIELDS, DraftStale, report_draft_save
from .workbook import (
    WorkbookInvalid,
    entry_workbook_apply,
    entry_workbook_xlsx,
    plan_targets_xlsx,
    workbook_size_check,
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _plan(request: HttpRequest, code: str) -> Plan:
    """The plan if the user may see it; a draft is 404 for everyone but the office, exactly as
    a code that does not exist (plan_visible_get)."""
    try:
        return plan_visible_get(code=code, user=request.user)
    except Plan.DoesNotExist as exc:
        raise Http404(_("Không có chương trình hành động này.")) from exc


def _as_of(request: HttpRequest, plan: Plan) -> int:
    default = min(max(timezone.localdate().year, plan.term_from_year), plan.term_to_year)
    try:
        year = int(request.GET.get("as_of") or request.POST.get("as_of") or default)
    except ValueError:
        return default
    return year if plan.term_from_year <= year <= plan.term_to_year + 1 else default


def _download(
    data: bytes, content_type: str, filename: str, *, fallback: str | None = None
) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename=filename, fallback=fallback)
    return response


def entry_workbook_filename(*, submission: Submission) -> tuple[str, str]:
    """The data-entry workbook's name, in Vietnamese and as its ASCII fallback:
    "Nhập số liệu - Sở NN&PTNT - Năm 2025.xlsx", "nhap-so-lieu-so-nn-ptnt-nam-2025.xlsx"."""
    unit = (submission.unit.short_name or submission.unit.name).replace("/", "-")
    with translation.override("vi"):  # the file is Vietnamese whatever the interface language
        period = submission.round.period_label()
    name = f"Nhập số liệu - {unit} - {period}.xlsx"
    return name, f"nhap-so-lieu-{slug(unit, max_length=40)}-{slug(period)}.xlsx"


@login_required
def report_page(request: HttpRequest, code: str) -> HttpResponse:
    """The report draft: header fields and sections the office edits before export."""
    perms.require_read_all(request.user)
    plan = _plan(request, code)
    as_of = _as_of(request, plan)
    errors: list[str] = []
    if request.method == "POST":
        fields: dict[str, Any] = {f: request.POST.get(f, "") for f in DRAFT_FIELDS}
        if fields["date"]:
            try:
                fields["date"] = dt.date.fromisoformat(str(fields["date"]))
            except ValueError:
                errors.append("Ngày báo cáo phải có dạng năm-tháng-ngày (YYYY-MM-DD).")
        sections: dict[str, str] = {
            key[len("section-") :]: str(value)
            for key, value in request.POST.items()
            if key.startswith("section-")
        }
        version_text = request.POST.get("version", "")
        version = int(version_text) if version_text.isdigit() else None
        if not errors:
            try:
                report_draft_save(
                    actor=request.user,
                    plan=plan,
                    as_of_year=as_of,
                    version=version,
                    fields=fields,
                    sections=sections,
                )
            except DraftStale as exc:
                errors.append(exc.message)
            except ValidationError as exc:
                errors += exc.messages
            else:
                messages.success(request, "Đã lưu dự thảo báo cáo.")
                return redirect(f"{request.path}?as_of={as_of}")
    draft = report_draft_get(plan=plan, as_of_year=as_of)
    report = report_build(plan=plan, as_of_year=as_of, draft=draft)
    labels = dict(SECTION_LABELS)
    for program in report.evaluation.programs:
        labels[program_section_key(program.number)] = f"Chương trình {program.number}"
    order = ["intro", "overall"] + [
        program_section_key(p.number) for p in report.evaluation.programs
    ]
    order += ["tasks", "limitations", "recommendations"]
    edited = set((draft.sections or {}) if draft else {})
    section_rows = [
        {"key": k, "label": labels[k], "text": report.sections[k], "edited": k in edited}
        for k in order
    ]
    return render(
        request,
        "exports/report_page.html",
        {
            "plan": plan,
            "as_of": as_of,
            "years": list(range(plan.term_from_year, plan.term_to_year + 2)),
            "draft": draft,
            "report": report,
            "sections": section_rows,
            "errors": errors,
            "can_edit": perms.can_monitor(request.user),
        },
    )


@login_required
def report_download(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    perms.require_read_all(request.user)
    plan = _plan(request, code)
    as_of = _as_of(request, plan)
    if fmt not in ("docx", "pdf"):
        raise Http404(_("Định dạng không hỗ trợ."))
    report = report_build(plan=plan, as_of_year=as_of)
    name = f"bao-cao-{plan.code}-{as_of}.{fmt}"
    if fmt == "docx":
        return _download(report_docx(report=report), DOCX, name)
    try:
        return _download(report_pdf(report=report), "application/pdf", name)
    except PdfUnavailable as exc:
        return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")


@login_required
def plan_targets_download(request: HttpRequest, code: str) -> HttpResponse:
    plan = _plan(request, code)
    as_of = _as_of(request, plan)
    data = plan_targets_xlsx(plan=plan, as_of_year=as_of)
    return _download(data, XLSX, f"chi-tieu-{plan.code}-{as_of}.xlsx")


def _submission(pk: int) -> Submission:
    submission = Submission.objects.select_related("round__plan", "unit").filter(pk=pk).first()
    if submission is None:
        raise Http404(_("Không có báo cáo này."))
    return submission


@login_required
def entry_download(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission(pk)
    data = entry_workbook_xlsx(actor=request.user, submission=submission)
    name, fallback = entry_workbook_filename(submission=submission)
    return _download(data, XLSX, name, fallback=fallback)


@login_required
@require_POST
def entry_upload(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission(pk)
    perms.require_unit_editor(request.user, submission.unit_id)
    upload = request.FILES.get("file")
    errors: list[str] = []
    if upload is None:
        errors = ["Chưa chọn tệp Excel để tải lên."]
    else:
        try:
            workbook_size_check(size=upload.size or 0)  # before reading it
            result = entry_workbook_apply(
                actor=request.user, submission=submission, data=upload.read()
            )
        except WorkbookInvalid as exc:
            errors = exc.messages
        else:
            messages.success(
                request,
                f"Đã nhập từ tệp Excel: {result.figures} chỉ tiêu, {result.tasks} nhiệm vụ."
                " Báo cáo vẫn là bản nháp; kiểm tra rồi gửi.",
            )
            return redirect("reporting:submission", pk=submission.pk)
    return render(
        request,
        "exports/upload_errors.html",
        {"submission": submission, "errors": errors},
        status=422,
    )


def _csv_body(fields: list[str], rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # Excel opens UTF-8 with a BOM correctly
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(csv_row(row) for row in rows)  # text never read as a formula
    return buffer.getvalue()


def indicator_open_data(request: HttpRequest, fmt: str, code: str | None = None) -> HttpResponse:
    """Indicators' series for publication: one row per indicator, area and year (the figure
    that counts), with the SDMX-like columns INDICATOR, REF_AREA, TIME_PERIOD, OBS_VALUE,
    OBS_STATUS (A official, P published, E estimate), UNIT_MEASURE and the source. Every
    indicator, or one (`code`). Public unless TIENDO_OPEN_DATA_PUBLIC is False."""
    if not getattr(settings, "TIENDO_OPEN_DATA_PUBLIC", True) and not (
        request.user.is_authenticated
    ):
        return redirect_to_login(request.get_full_path())
    if fmt not in ("csv", "json"):
        raise Http404("Định dạng không hỗ trợ.")
    indicator = None
    if code is not None:
        indicator = Indicator.objects.filter(code=code).first()
        if indicator is None:
            raise Http404("Không có chỉ số này.")
    rows = list(open_series(indicator=indicator))
    name = f"chi-so-{indicator.code}" if indicator else "chi-so"
    if fmt == "json":
        body = json.dumps(
            {
                "license": "Dữ liệu mở: được sử dụng, chia sẻ, trích dẫn nguồn tiendo.",
                "obs_status": {"A": "Số chính thức", "P": "Số liệu công bố", "E": "Ước thực hiện"},
                "fields": OPEN_SERIES_FIELDS,
                "observations": rows,
            },
            ensure_ascii=False,
            indent=1,
        )
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    else:
        body = _csv_body(OPEN_SERIES_FIELDS, rows)
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{name}.{fmt}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def open_data(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    """Accepted figures with their targets, for publication. Public unless
    TIENDO_OPEN_DATA_PUBLIC is False (then sign-in is required)."""
    if not getattr(settings, "TIENDO_OPEN_DATA_PUBLIC", True) and not (
        request.user.is_authenticated
    ):
        return redirect_to_login(request.get_full_path())
    if fmt not in ("csv", "json"):
        raise Http404(_("Định dạng không hỗ trợ."))
    plan = _plan(request, code)
    rows = list(open_figures(plan=plan))
    if fmt == "json":
        body = json.dumps(
            {
                "plan": {"code": plan.code, "number": plan.number, "title": plan.title},
                "license": "Dữ liệu mở: được sử dụng, chia sẻ, trích dẫn nguồn tiendo.",
                "fields": OPEN_DATA_FIELDS,
                "figures": rows,
            },
            ensure_ascii=False,
            indent=1,
        )
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    else:
        response = HttpResponse(
            _csv_body(OPEN_DATA_FIELDS, rows), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'inline; filename="so-lieu-{plan.code}.{fmt}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
