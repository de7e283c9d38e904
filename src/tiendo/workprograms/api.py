"""The work programs part of the API (mounted in tiendo.api): a plan's yearly work programs, a
year's items (late ones flagged on the as-of day; filtered by program: what the year did for
it), and recording an item's outcome (the office). The same rules as the pages: read by the
office, leaders and administrators; outcomes written by the office only."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router
from ninja.errors import HttpError

from tiendo.core.api import ERRORS, WRITE_ERRORS, Code, Id, Year, api_user
from tiendo.plans.api import plan_for_api
from tiendo.plans.models import ImplementingDocument, Program

from . import api_schemas as s
from . import selectors, services
from .models import WorkProgram, WorkProgramItem

router = Router(tags=["Chương trình công tác năm"])

NOT_LOADED = "Chưa có chương trình công tác năm {year} của chương trình hành động này."


def _work_program(request: HttpRequest, code: str, year: int) -> WorkProgram:
    user = api_user(request)
    plan = plan_for_api(code=code, user=user)  # first: a draft answers like no plan
    selectors.workprogram_read_check(user)
    try:
        return selectors.workprogram_get(plan=plan, year=year)
    except WorkProgram.DoesNotExist:
        raise HttpError(404, NOT_LOADED.format(year=year)) from None


@router.get("/plans/{code}/work-programs", response={200: list[s.WorkProgramOut], **ERRORS})
def work_programs_list(request: HttpRequest, code: Code) -> list[dict[str, Any]]:
    """Các chương trình công tác năm đã nạp, năm mới nhất trước."""
    user = api_user(request)
    plan = plan_for_api(code=code, user=user)
    selectors.workprogram_read_check(user)
    return [
        {
            "year": wp.year,
            "title": wp.title,
            "item_count": getattr(wp, "item_count", 0),
            "pending_count": getattr(wp, "pending_count", 0),
            "source_name": wp.source_name,
            "loaded_at": wp.loaded_at,
        }
        for wp in selectors.workprograms_list(plan=plan)
    ]


@router.get("/plans/{code}/work-programs/{year}", response={200: s.WorkProgramDetailOut, **ERRORS})
def work_program_get(
    request: HttpRequest, code: Code, year: Year, filters: Query[s.WorkProgramFilters]
) -> dict[str, Any]:
    """Các nội dung của chương trình công tác một năm; `late` khi đã qua tháng (quý) phải trình
    mà chưa có kết quả, tính đến `as_of` (mặc định hôm nay); `program`: chỉ các nội dung phục vụ
    chương trình đó."""
    wp = _work_program(request, code, year)
    as_of = filters.as_of or timezone.localdate()
    document = selectors.workprogram_document(work_program=wp)
    program = None
    if filters.program is not None:
        program = Program.objects.filter(plan=wp.plan, number=filters.program).first()
        if program is None:
            raise HttpError(404, f"Không có chương trình {filters.program}.")
    items = list(wp.items.all())
    keep = []
    for item, data in zip(items, document["items"], strict=True):
        if program is not None and program.pk not in selectors.item_program_ids(item):
            continue
        data["late"] = selectors.item_is_late(item=item, year=wp.year, as_of=as_of)
        keep.append(data)
    return {**document, "as_of": as_of, "items": keep}


@router.put(
    "/plans/{code}/work-programs/{year}/items/{number}/outcome",
    response={200: s.WorkProgramItemOut, **WRITE_ERRORS},
)
def work_program_item_outcome(
    request: HttpRequest, code: Code, year: Year, number: Id, body: s.OutcomeIn
) -> dict[str, Any]:
    """Ghi kết quả một nội dung (Văn phòng): đã ban hành (`document`: id của văn bản trong sổ
    văn bản triển khai), lùi thời gian hoặc không thực hiện (`reason` bắt buộc), hoặc chưa có
    kết quả."""
    user = api_user(request)
    wp = _work_program(request, code, year)
    try:
        item = selectors.item_get(plan=wp.plan, year=year, number=number)
    except WorkProgramItem.DoesNotExist:
        raise HttpError(404, f"Không có nội dung số {number} trong năm {year}.") from None
    document = None
    if body.document is not None:
        document = ImplementingDocument.objects.filter(plan=wp.plan, pk=body.document).first()
        if document is None:
            raise HttpError(422, "Không có văn bản này trong sổ văn bản triển khai.")
    services.item_outcome_record(
        actor=user, item=item, outcome=body.outcome, document=document, reason=body.reason
    )
    fresh = selectors.item_get(plan=wp.plan, year=year, number=number)
    data = selectors.workprogram_item_document(fresh)
    data["late"] = selectors.item_is_late(item=fresh, year=year, as_of=timezone.localdate())
    return data
