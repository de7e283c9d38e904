"""Editing the plan in forms (section II.4: the Standing Committee may supplement and adjust the
program): add, change or remove one target, task or breakthrough.

One rule for every edit: take the plan document as it stands (`plan_document_build`), change
the one item, and load the document through `plan_load` — the same validation, audit and new
revision as a plan-document upload. A plan of record gets a revision carrying the decision and
its reason; a draft is changed in place (its first revision is made when it is published).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from tiendo.accounts.permissions import require_plan_editor

from ..document import PlanDocumentError, document_validate
from ..models import Plan, PlanStatus
from ..selectors import plan_document_build, unit_keys_known
from .documents import Actor, PlanLoadResult, plan_load


@dataclass(frozen=True)
class PlanDecision:
    """Why the plan changes: the decision (number, date) and its content. A plan of record
    needs all three; a draft only a reason (a default one is used when empty)."""

    reason: str = ""
    decision_ref: str = ""
    date: dt.date | None = None


def _index(items: list[dict[str, Any]], key: str, value: Any) -> int | None:
    return next((i for i, item in enumerate(items) if item[key] == value), None)


def _place(items: list[dict[str, Any]], item: dict[str, Any], index: int | None) -> int:
    """Put `item` in the document's list: in place when it keeps its program, else after the
    last item of its program (the position of an item is its place in the plan)."""
    if index is not None and items[index]["program"] == item["program"]:
        items[index] = item
        return index
    if index is not None:
        del items[index]
    last = max(
        (i for i, other in enumerate(items) if other["program"] <= item["program"]), default=-1
    )
    items.insert(last + 1, item)
    return last + 1


def _target_apply(document: dict[str, Any], *, original: str | None, values: dict[str, Any]) -> int:
    """Put the target into the document; return its index. `original` is the code of the target
    changed (None: a new one). A target keeps its code: figures, rounds and reports use it."""
    targets = document["targets"]
    if original is None:
        code = values["code"]
        if _index(targets, "code", code) is not None:
            raise PlanDocumentError(
                "$.targets.code", f"mã chỉ tiêu “{code}” đã dùng; hãy chọn mã khác"
            )
        held: dict[str, Any] = {"indicator_code": None}
    else:
        index = _index(targets, "code", original)
        if index is None:
            raise PlanDocumentError("$.targets", f"không có chỉ tiêu “{original}”")
        held = targets[index]
    item = {**held, **values, "code": original or values["code"]}
    return _place(targets, item, None if original is None else index)


def _validated(plan: Plan, document: dict[str, Any]) -> dict[str, Any]:
    if document["code"] != plan.code:  # pragma: no cover - the document is built from the plan
        raise PlanDocumentError("$.code", "tài liệu không phải của chương trình này")
    return document_validate(document, known_unit_keys=unit_keys_known())


def plan_target_check(
    *, plan: Plan, original: str | None, values: dict[str, Any]
) -> dict[str, Any]:
    """The target as it would stand after the edit (canonical plan-document form), validated
    with the whole plan exactly as saving would; raises PlanDocumentError. Writes nothing."""
    document = plan_document_build(plan=plan)
    index = _target_apply(document, original=original, values=values)
    canonical = _validated(plan, document)
    target: dict[str, Any] = canonical["targets"][index]
    return target


def _edit(
    *,
    plan: Plan,
    actor: Actor,
    decision: PlanDecision,
    default_reason: str,
    change: Callable[[dict[str, Any]], None],
) -> PlanLoadResult:
    require_plan_editor(actor)
    draft = plan.status == PlanStatus.DRAFT
    if not draft:
        if not decision.decision_ref.strip():
            raise PlanDocumentError(
                "$.decision_ref", "cần ghi văn bản quyết định điều chỉnh (số, ngày)"
            )
        if decision.date is None:
            raise PlanDocumentError("$.date", "cần ghi ngày của văn bản quyết định")
        if not decision.reason.strip():
            raise PlanDocumentError("$.reason", "cần ghi nội dung, lý do điều chỉnh")
    document = plan_document_build(plan=plan)
    change(document)
    return plan_load(
        document=document,
        actor=actor,
        reason=decision.reason.strip() or default_reason,
        decision_ref=decision.decision_ref.strip(),
        revision_date=decision.date,
        record_revision=not draft,
    )


@transaction.atomic
def plan_target_save(
    *,
    plan: Plan,
    actor: Actor,
    original: str | None,
    values: dict[str, Any],
    decision: PlanDecision,
) -> PlanLoadResult:
    """Add a target (`original` None; `values` has its code) or change the target `original`.
    `values` are plan-document fields (kind, comparator, value, value_high, tolerance_pct, unit,
    from_year, to_year, indicator, baseline, source_text, program)."""

    def change(document: dict[str, Any]) -> None:
        _target_apply(document, original=original, values=values)

    code = original or values.get("code", "")
    return _edit(
        plan=plan,
        actor=actor,
        decision=decision,
        default_reason=f"{'Thêm' if original is None else 'Sửa'} chỉ tiêu {code}",
        change=change,
    )


def _drop_assignments(document: dict[str, Any], scope: str, ref: Any) -> None:
    document["assignments"] = [
        a for a in document["assignments"] if not (a["scope"] == scope and a["ref"] == ref)
    ]


@transaction.atomic
def plan_target_remove(
    *, plan: Plan, actor: Actor, code: str, decision: PlanDecision
) -> PlanLoadResult:
    """Remove a target with what the plan text assigns for it. Refused when units report it
    (figures, submissions) or when it has been handed on (delegations keep their history)."""

    def change(document: dict[str, Any]) -> None:
        if _index(document["targets"], "code", code) is None:
            raise PlanDocumentError("$.targets", f"không có chỉ tiêu “{code}”")
        document["targets"] = [t for t in document["targets"] if t["code"] != code]
        _drop_assignments(document, "target", code)

    return _edit(
        plan=plan,
        actor=actor,
        decision=decision,
        default_reason=f"Bỏ chỉ tiêu {code}",
        change=change,
    )


@transaction.atomic
def plan_task_save(
    *,
    plan: Plan,
    actor: Actor,
    original: str | None,
    values: dict[str, Any],
    decision: PlanDecision,
) -> PlanLoadResult:
    """Add a task (`original` None; `values` has its code) or change the task `original`:
    program, text, due_date, status."""

    def change(document: dict[str, Any]) -> None:
        tasks = document["tasks"]
        if original is None:
            code = values["code"]
            taken = (_index(tasks, "code", code), _index(document["targets"], "code", code))
            if taken != (None, None):
                raise PlanDocumentError("$.tasks.code", f"mã “{code}” đã dùng; hãy chọn mã khác")
            _place(tasks, {**values}, None)
            return
        index = _index(tasks, "code", original)
        if index is None:
            raise PlanDocumentError("$.tasks", f"không có nhiệm vụ “{original}”")
        _place(tasks, {**tasks[index], **values, "code": original}, index)

    code = original or values.get("code", "")
    return _edit(
        plan=plan,
        actor=actor,
        decision=decision,
        default_reason=f"{'Thêm' if original is None else 'Sửa'} nhiệm vụ {code}",
        change=change,
    )


@transaction.atomic
def plan_task_remove(
    *, plan: Plan, actor: Actor, code: str, decision: PlanDecision
) -> PlanLoadResult:
    """Remove a task, what the plan text assigns for it and its place in the breakthroughs."""

    def change(document: dict[str, Any]) -> None:
        if _index(document["tasks"], "code", code) is None:
            raise PlanDocumentError("$.tasks", f"không có nhiệm vụ “{code}”")
        document["tasks"] = [t for t in document["tasks"] if t["code"] != code]
        _drop_assignments(document, "task", code)
        for item in document["breakthroughs"]:
            item["tasks"] = [c for c in item["tasks"] if c != code]

    return _edit(
        plan=plan,
        actor=actor,
        decision=decision,
        default_reason=f"Bỏ nhiệm vụ {code}",
        change=change,
    )


@transaction.atomic
def plan_breakthrough_save(
    *,
    plan: Plan,
    actor: Actor,
    original: int | None,
    values: dict[str, Any],
    decision: PlanDecision,
) -> PlanLoadResult:
    """Add a breakthrough (`original` None; `values` has its number) or change the breakthrough
    numbered `original`: text, programs, tasks."""

    def change(document: dict[str, Any]) -> None:
        items = document["breakthroughs"]
        if original is None:
            number = values["number"]
            if _index(items, "number", number) is not None:
                raise PlanDocumentError(
                    "$.breakthroughs.number", f"khâu đột phá {number} đã có; hãy chọn số khác"
                )
            items.append({**values})
            return
        index = _index(items, "number", original)
        if index is None:
            raise PlanDocumentError("$.breakthroughs", f"không có khâu đột phá {original}")
        items[index] = {**items[index], **values, "number": original}

    number = original or values.get("number", "")
    return _edit(
        plan=plan,
        actor=actor,
        decision=decision,
        default_reason=f"{'Thêm' if original is None else 'Sửa'} khâu đột phá {number}",
        change=change,
    )


@transaction.atomic
def plan_breakthrough_remove(
    *, plan: Plan, actor: Actor, number: int, decision: PlanDecision
) -> PlanLoadResult:
    def change(document: dict[str, Any]) -> None:
        if _index(document["breakthroughs"], "number", number) is None:
            raise PlanDocumentError("$.breakthroughs", f"không có khâu đột phá {number}")
        document["breakthroughs"] = [b for b in document["breakthroughs"] if b["number"] != number]

    return _edit(
        plan=plan,
        actor=actor,
        decision=decision,
        default_reason=f"Bỏ khâu đột phá {number}",
        change=change,
    )
