"""API of responsibility (mounted in `tiendo.api.api`): a plan's coverage (the same JSON as
`tiendo plan coverage --json`), its delegations, and the writes of the delegation form (create
with an optional preview, end, resolve a group), through the same selectors and services as
the pages, so the same rules and permissions apply."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from tiendo.core.api import ERRORS, api_user
from tiendo.org.models import OrgUnit
from tiendo.plans.models import (
    Assignment,
    ImplementingDocument,
    Plan,
    Program,
    Target,
    Task,
)
from tiendo.plans.services import (
    DelegationPreview,
    ItemChange,
    delegation_create,
    delegation_end,
    group_resolve,
)

from . import api_schemas as s
from .coverage import ItemCoverage, plan_coverage, plan_nodes
from .selectors import plan_visible_get

router = Router(tags=["Phân công và độ bao phủ"])


def _user(request: HttpRequest) -> Any:
    return api_user(request)


def _plan(code: str, user: Any) -> Plan:
    try:
        return plan_visible_get(code=code, user=user)
    except Plan.DoesNotExist:
        raise HttpError(404, f"Không có chương trình hành động “{code}”.") from None


def _ref(node: Assignment) -> str | None:
    if node.program_id is not None:
        return str(node.program.number)  # type: ignore[union-attr]
    if node.target_id is not None:
        return node.target.code  # type: ignore[union-attr]
    if node.task_id is not None:
        return node.task.code  # type: ignore[union-attr]
    return None


def _node_out(node: Assignment, parent: Assignment | None) -> dict[str, Any]:
    return {
        "id": node.pk,
        "parent": node.parent_id,
        "from_unit": parent.unit.code if parent is not None else None,
        "unit": node.unit.code,
        "unit_name": node.unit.name,
        "role": node.role,
        "origin": node.origin,
        "scope": node.scope,
        "ref": _ref(node),
        "part": node.part,
        "valid_from": node.valid_from,
        "valid_to": node.valid_to,
        "basis_document": node.basis_document.number if node.basis_document else None,
        "basis_text": node.basis_text,
    }


def _item_out(item: ItemCoverage) -> dict[str, Any]:
    return {
        "kind": item.kind,
        "code": item.code,
        "chain": [n.unit.code for n in item.chain],
        "reporter": item.reporter.code if item.reporter is not None else None,
        "gap": item.gap or None,
        "gap_label": item.gap_label or None,
    }


def _change_out(change: ItemChange) -> dict[str, Any]:
    return {
        "code": change.after.code,
        "before": _item_out(change.before),
        "after": _item_out(change.after),
    }


def _units(codes: list[str], field: str) -> list[OrgUnit]:
    found = {u.code: u for u in OrgUnit.objects.filter(code__in=codes)}
    missing = [c for c in codes if c not in found]
    if missing:
        raise ValidationError({field: f"Không có đơn vị mã: {', '.join(missing)}."})
    return [found[c] for c in codes]


def _unit(code: str | None, field: str) -> OrgUnit | None:
    return _units([code], field)[0] if code else None


def _document(plan: Plan, number: str | None) -> ImplementingDocument | None:
    if not number:
        return None
    document = ImplementingDocument.objects.filter(plan=plan, number=number).first()
    if document is None:
        raise ValidationError(
            {"basis_document": f"Chương trình không có văn bản triển khai số “{number}”."}
        )
    return document


class CoverageQuery(Schema):
    on: dt.date | None = None
    detail: bool = False


@router.get("/plans/{code}/coverage", response={200: s.CoverageOut, **ERRORS})
def coverage_get(request: HttpRequest, code: s.Code, query: Query[CoverageQuery]) -> Any:
    """Độ bao phủ vào một ngày (mặc định hôm nay): số chỉ tiêu, nhiệm vụ có đơn vị báo cáo và
    các mã chưa có — như `tiendo plan coverage --json`; `detail=true` thêm chuỗi phân công,
    đơn vị báo cáo và lý do của từng mục."""
    user = _user(request)
    coverage = plan_coverage(plan=_plan(code, user), on=query.on)
    data = coverage.as_json()
    if query.detail:
        data["items"] = [_item_out(i) for i in coverage.items]
    return data


class DelegationQuery(Schema):
    on: dt.date | None = None
    history: bool = False


@router.get("/plans/{code}/delegations", response={200: list[s.DelegationOut], **ERRORS})
def delegations_list(request: HttpRequest, code: s.Code, query: Query[DelegationQuery]) -> Any:
    """Phân công thực hiện và kế thừa (không gồm phân công theo văn bản chương trình): đang có
    hiệu lực vào ngày `on` (mặc định hôm nay), hoặc cả lịch sử với `history=true`."""
    user = _user(request)
    plan = _plan(code, user)
    nodes = plan_nodes(plan=plan)
    by_pk = {n.pk: n for n in nodes}
    day = query.on or timezone.localdate()
    return [
        _node_out(n, by_pk.get(n.parent_id) if n.parent_id is not None else None)
        for n in nodes
        if (n.parent_id is not None or n.origin != "plan") and (query.history or n.active_on(day))
    ]


def _created_out(nodes: list[Assignment]) -> list[dict[str, Any]]:
    return [_node_out(n, n.parent) for n in nodes]


def _preview_out(preview: DelegationPreview) -> dict[str, Any]:
    return {
        "nodes": [{**_node_out(n, n.parent), "id": None} for n in preview.nodes],
        "skipped": preview.skipped,
        "changes": [_change_out(c) for c in preview.changes],
    }


@router.post(
    "/plans/{code}/delegations",
    response={200: s.DelegationPreviewOut, 201: list[s.DelegationOut], **ERRORS},
)
def delegations_post(request: HttpRequest, code: s.Code, payload: s.DelegationIn) -> Any:
    """Giao chương trình, chỉ tiêu, nhiệm vụ (nhiều mục một lần) cho một hay nhiều đơn vị, chủ
    trì hoặc phối hợp, kèm căn cứ và thời gian. Văn phòng giao mọi việc; cán bộ của đơn vị giao
    việc đơn vị mình chủ trì, phối hợp. `preview=true`: chỉ xem trước, không ghi."""
    user = _user(request)
    plan = _plan(code, user)
    programs = list(Program.objects.filter(plan=plan, number__in=payload.programs))
    targets = list(Target.objects.filter(plan=plan, code__in=payload.targets))
    tasks = list(Task.objects.filter(plan=plan, code__in=payload.tasks))
    unknown: dict[str, list[str]] = {
        "programs": [str(n) for n in sorted(set(payload.programs) - {p.number for p in programs})],
        "targets": sorted(set(payload.targets) - {t.code for t in targets}),
        "tasks": sorted(set(payload.tasks) - {t.code for t in tasks}),
    }
    if any(unknown.values()):
        raise ValidationError(
            {
                field: f"Chương trình không có: {', '.join(values)}."
                for field, values in unknown.items()
                if values
            }
        )
    result = delegation_create(
        actor=user,
        plan=plan,
        from_unit=_unit(payload.from_unit, "from_unit"),
        to_units=_units(payload.to_units, "to_units"),
        role=payload.role,
        programs=sorted(programs, key=lambda p: p.number),
        targets=sorted(targets, key=lambda t: t.position),
        tasks=sorted(tasks, key=lambda t: t.position),
        valid_from=payload.valid_from,
        valid_to=payload.valid_to,
        basis_document=_document(plan, payload.basis_document),
        basis_text=payload.basis_text,
        part=payload.part,
        preview=payload.preview,
    )
    if isinstance(result, DelegationPreview):
        return 200, _preview_out(result)
    return 201, _created_out(result)


@router.post(
    "/plans/{code}/delegations/{delegation_id}/end",
    response={200: list[s.DelegationOut], **ERRORS},
)
def delegation_end_post(
    request: HttpRequest, code: s.Code, delegation_id: s.Id, payload: s.DelegationEndIn
) -> Any:
    """Kết thúc một phân công (và các phân công cấp dưới) vào ngày `end_date`, kèm lý do. Văn
    phòng, hoặc cán bộ của đơn vị đã giao."""
    user = _user(request)
    plan = _plan(code, user)
    node = Assignment.objects.select_related("plan", "parent__unit").get(
        plan=plan, pk=delegation_id
    )
    ended = delegation_end(actor=user, node=node, end_date=payload.end_date, reason=payload.reason)
    by_pk = {n.pk: n for n in plan_nodes(plan=plan)}
    return [_node_out(by_pk[n.pk], by_pk.get(n.parent_id or 0)) for n in ended]


@router.post(
    "/plans/{code}/groups/{unit_code}/resolve",
    response={200: s.DelegationPreviewOut, 201: list[s.DelegationOut], **ERRORS},
)
def group_resolve_post(
    request: HttpRequest, code: s.Code, unit_code: s.Code, payload: s.GroupResolveIn
) -> Any:
    """Văn phòng cụ thể hóa một nhóm cơ quan thành các đơn vị thành viên."""
    user = _user(request)
    plan = _plan(code, user)
    group = OrgUnit.objects.filter(code=unit_code).first()
    if group is None:
        raise HttpError(404, f"Không có đơn vị “{unit_code}”.")
    result = group_resolve(
        actor=user,
        plan=plan,
        group=group,
        members=_units(payload.members, "members"),
        valid_from=payload.valid_from,
        valid_to=payload.valid_to,
        basis_document=_document(plan, payload.basis_document),
        basis_text=payload.basis_text,
        preview=payload.preview,
    )
    if isinstance(result, DelegationPreview):
        return 200, _preview_out(result)
    return 201, _created_out(result)
