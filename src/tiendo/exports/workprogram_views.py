"""Download a year's work program: the office's Word table, or the spreadsheet that loads back."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from tiendo.plans import selectors as plan_selectors
from tiendo.plans.models import Plan
from tiendo.workprograms import selectors
from tiendo.workprograms.models import WorkProgram
from tiendo.workprograms.spreadsheet import sheet_csv, sheet_xlsx

from .workprogram_docx import workprogram_docx

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


@login_required
def workprogram_download(request: HttpRequest, code: str, year: int, fmt: str) -> HttpResponse:
    selectors.workprogram_read_check(request.user)
    if fmt not in CONTENT_TYPES:
        raise Http404(_("Không có định dạng này."))
    try:
        plan = plan_selectors.plan_get(code=code)
        wp = selectors.workprogram_get(plan=plan, year=year)
    except (Plan.DoesNotExist, WorkProgram.DoesNotExist) as exc:
        raise Http404(_("Chưa có chương trình công tác năm này.")) from exc
    document = selectors.workprogram_document(work_program=wp)
    if fmt == "docx":
        data = workprogram_docx(plan=plan, document=document, today=timezone.localdate())
    elif fmt == "xlsx":
        data = sheet_xlsx(document)
    else:
        data = sheet_csv(document)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="chuong-trinh-cong-tac-{year}.{fmt}"'
    return response
