"""The org-units part of the API (mounted in tiendo.api): every unit, past and present, with its
parent and validity dates. Any account with a token reads them."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from tiendo.core.api import ERRORS, Pagination

from .models import OrgUnit

router = Router(tags=["Đơn vị"])


class UnitOut(Schema):
    code: str
    name: str
    short_name: str
    kind: str
    parent: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None


@router.get("/units", response={200: list[UnitOut], **ERRORS})
@paginate(Pagination)
def units_list(
    request: HttpRequest,
    kind: str | None = Query(None, max_length=32),
) -> list[dict[str, Any]]:
    units = OrgUnit.objects.select_related("parent").order_by("name")
    if kind:
        units = units.filter(kind=kind)
    return [
        {
            "code": u.code,
            "name": u.name,
            "short_name": u.short_name,
            "kind": u.kind,
            "parent": u.parent.code if u.parent else None,
            "valid_from": u.valid_from,
            "valid_to": u.valid_to,
        }
        for u in units
    ]
