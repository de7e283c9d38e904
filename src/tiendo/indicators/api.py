"""The indicators part of the API (mounted in tiendo.api): the catalogue of indicators and
each indicator's accepted figures (every area, year and period; corrections are figures of
their own that name the figure they correct; `counts` marks the figure that counts for its
year, area and period)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import Field

from tiendo.core.api import ERRORS, Code, Pagination
from tiendo.core.numbers import plain_decimal

from .models import Indicator
from .selectors import OBS_STATUS, figures_counting, indicator_figures, indicators_list

router = Router(tags=["Chỉ số"])


class IndicatorOut(Schema):
    code: str
    name: str
    unit: str
    definition: str
    source: str
    national_code: str
    synonyms: list[str]


class IndicatorFigureOut(Schema):
    id: int
    area: str
    area_name: str
    year: int
    from_year: int | None
    value: str
    figure_type: str
    obs_status: str
    qualifier: str
    source: str
    note: str
    corrects: int | None
    correction_reason: str
    accepted_at: dt.datetime
    counts: bool


class IndicatorDetailOut(IndicatorOut):
    figures: list[IndicatorFigureOut]


class IndicatorFigureFilters(Schema):
    area: Code | None = None
    counting: bool = Field(False, description="Chỉ số liệu được tính của mỗi năm, địa bàn.")


def _indicator(code: str) -> Indicator:
    indicator = Indicator.objects.filter(code=code).first()
    if indicator is None:
        raise HttpError(404, f"Không có chỉ số “{code}”.")
    return indicator


def _figures(
    indicator: Indicator, filters: IndicatorFigureFilters | None = None
) -> list[dict[str, Any]]:
    rows = indicator_figures(indicator=indicator)
    if filters is not None and filters.area:
        rows = rows.filter(area__code=filters.area)
    figures = list(rows)
    counting = {f.pk for f in figures_counting(figures)}
    if filters is not None and filters.counting:
        figures = [f for f in figures if f.pk in counting]
    return [
        {
            "id": f.pk,
            "area": f.area.code,
            "area_name": f.area.name,
            "year": f.year,
            "from_year": f.from_year,
            "value": plain_decimal(f.value),
            "figure_type": f.figure_type,
            "obs_status": OBS_STATUS.get(f.figure_type, ""),
            "qualifier": f.qualifier,
            "source": f.source,
            "note": f.note,
            "corrects": f.corrects_id,
            "correction_reason": f.correction_reason,
            "accepted_at": f.accepted_at,
            "counts": f.pk in counting,
        }
        for f in sorted(figures, key=lambda f: (f.area.code, f.year, f.from_year or 0, f.pk))
    ]


@router.get("/indicators", response={200: list[IndicatorOut], **ERRORS})
@paginate(Pagination)
def indicators_list_api(request: HttpRequest) -> QuerySet[Indicator]:
    """Danh mục chỉ số: tên, đơn vị tính, khái niệm, nguồn số liệu, tên gọi khác."""
    return indicators_list()


@router.get("/indicators/{code}", response={200: IndicatorDetailOut, **ERRORS})
def indicator_get(request: HttpRequest, code: Code) -> dict[str, Any]:
    """Một chỉ số và mọi số liệu đã được chấp nhận của nó (mọi địa bàn, năm, giai đoạn; số
    đính chính ghi số bị đính chính; `counts`: số liệu được tính của năm, địa bàn đó)."""
    indicator = _indicator(code)
    return {
        **{k: getattr(indicator, k) for k in IndicatorOut.model_fields},
        "figures": _figures(indicator),
    }


@router.get("/indicators/{code}/figures", response={200: list[IndicatorFigureOut], **ERRORS})
def indicator_figures_api(
    request: HttpRequest, code: Code, filters: Query[IndicatorFigureFilters]
) -> list[dict[str, Any]]:
    """Số liệu của một chỉ số; lọc theo địa bàn (mã đơn vị), chỉ số liệu được tính."""
    return _figures(_indicator(code), filters)
