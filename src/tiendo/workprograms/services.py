"""Writes of yearly work programs: loading a year's program from the office's spreadsheet, and
recording what came of an item. The office (monitor) writes; the command line acts as the
system. Every change is audited.

Loading is all or nothing: every row is checked first (units, programs, targets, tasks, register
entries, periods…) and the first error is reported at its row and column, in Vietnamese, with
nothing changed. Loading a year again updates it to the file: items are matched by their number
(STT); an empty outcome cell keeps an outcome recorded in the browser, and an item that already
has an outcome cannot be left out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tiendo.accounts.permissions import require_monitor
from tiendo.audit.models import AuditAction
from tiendo.audit.services import Actor, actor_user, audit_record, diff_fields
from tiendo.core.text import normalize_space, slug
from tiendo.org.models import OrgUnit, OrgUnitKind
from tiendo.plans.models import ImplementingDocument, Plan, PlanStatus, Program, Target, Task

from .models import ROMAN, ConsideringBody, ItemOutcome, WorkProgram, WorkProgramItem
from .spreadsheet import ParsedSheet, SheetError, SheetRow, sheet_read

CONSIDERED_BY_WORDS = {
    ConsideringBody.EXECUTIVE: {"bch", "ban-chap-hanh", "ban-chap-hanh-dang-bo-tinh", "hnth"},
    ConsideringBody.STANDING: {"btv", "ban-thuong-vu", "ban-thuong-vu-tinh-uy"},
    ConsideringBody.PERMANENT: {"tt", "ttth", "thuong-truc", "thuong-truc-tinh-uy"},
}
OUTCOME_WORDS = {
    ItemOutcome.PENDING: {"chua-co-ket-qua", "chua-thuc-hien", "dang-chuan-bi", "pending"},
    ItemOutcome.ISSUED: {"da-ban-hanh", "ban-hanh", "da-thong-qua", "hoan-thanh", "issued"},
    ItemOutcome.POSTPONED: {"lui-thoi-gian", "lui", "xin-lui", "chuyen-sang", "postponed"},
    ItemOutcome.DROPPED: {"khong-thuc-hien", "rut", "rut-khoi-chuong-trinh", "dropped"},
}
ROMAN_NUMBER = {v.lower(): k for k, v in ROMAN.items()}
PERIOD_HELP = "ghi “Tháng 1” … “Tháng 12” hoặc “Quý I” … “Quý IV”"


@dataclass
class ItemData:
    """One item, resolved: what a row of the spreadsheet says."""

    number: int
    content: str
    programs: list[Program]
    targets: list[Target]
    tasks: list[Task]
    preparing_unit: OrgUnit
    coordinating_units: list[OrgUnit]
    due_month: int | None
    due_quarter: int | None
    considered_by: str
    outcome: str | None  # None: the cell is empty (keeps what is recorded)
    document: ImplementingDocument | None
    reason: str
    row: int = 0


@dataclass
class LoadResult:
    work_program: WorkProgram
    created: bool
    added: int = 0
    changed: int = 0
    removed: int = 0
    changes: list[str] = field(default_factory=list)


# --- Reading the rows against the plan --------------------------------------------------------


class _Context:
    """What rows refer to, read once: the plan's programs, targets, tasks, register, the units."""

    def __init__(self, *, plan: Plan, year: int) -> None:
        self.plan = plan
        self.year = year
        self.programs = {p.number: p for p in Program.objects.filter(plan=plan)}
        self.targets = {t.code.casefold(): t for t in Target.objects.filter(plan=plan)}
        self.tasks = {t.code.casefold(): t for t in Task.objects.filter(plan=plan)}
        self.units: dict[str, list[OrgUnit]] = defaultdict(list)
        for unit in OrgUnit.objects.all():
            for key in {unit.code, slug(unit.name), slug(unit.short_name)} - {""}:
                if unit not in self.units[key]:
                    self.units[key].append(unit)
        self.documents: dict[str, list[ImplementingDocument]] = defaultdict(list)
        for doc in ImplementingDocument.objects.filter(plan=plan):
            self.documents[normalize_space(doc.number).casefold()].append(doc)

    def unit(self, row: SheetRow, key: str, text: str, *, group_ok: bool) -> OrgUnit:
        found = self.units.get(slug(text), [])
        if not found:
            raise row.error(
                key,
                f"không có đơn vị “{text}” trong tiendo (ghi đúng tên, tên viết tắt hoặc mã "
                "đơn vị; xem `tiendo unit list`).",
            )
        if len(found) > 1:
            raise row.error(
                key,
                f"“{text}” trùng với nhiều đơn vị ({', '.join(u.code for u in found)}); "
                "ghi mã đơn vị.",
            )
        unit = found[0]
        if unit.kind == OrgUnitKind.GROUP and not group_ok:
            raise row.error(
                key, f"“{unit.name}” là nhóm cơ quan; cơ quan chủ trì phải là một đơn vị cụ thể."
            )
        first, last = dt.date(self.year, 1, 1), dt.date(self.year, 12, 31)
        if (unit.valid_to and unit.valid_to < first) or (
            unit.valid_from and unit.valid_from > last
        ):
            raise row.error(key, f"đơn vị “{unit.name}” không hoạt động trong năm {self.year}.")
        return unit


def _tokens(text: str, separators: str = r"[,;\s]+") -> list[str]:
    return [t for t in re.split(separators, text) if t]


def _number(row: SheetRow) -> int:
    text = row.cells.get("number", "").rstrip(".")
    if not text.isdigit() or int(text) < 1 or int(text) > 32767:
        raise row.error(
            "number", f"số thứ tự “{row.cells.get('number', '')}” phải là số nguyên dương."
        )
    return int(text)


def _programs(row: SheetRow, ctx: _Context) -> list[Program]:
    text = row.cells.get("programs", "")
    text = re.sub(r"(?i)chương\s+trình|\bct\b", " ", text)
    result = []
    for token in _tokens(text):
        if not token.isdigit():
            raise row.error("programs", f"“{token}” không phải số chương trình (ví dụ: 1, 2).")
        program = ctx.programs.get(int(token))
        if program is None:
            numbers = ", ".join(str(n) for n in sorted(ctx.programs))
            raise row.error(
                "programs", f"không có chương trình {token} (chương trình hành động có: {numbers})."
            )
        if program not in result:
            result.append(program)
    return result


def _refs(row: SheetRow, ctx: _Context) -> tuple[list[Target], list[Task]]:
    targets: list[Target] = []
    tasks: list[Task] = []
    for token in _tokens(row.cells.get("refs", "")):
        key = token.casefold()
        if key in ctx.targets:
            if ctx.targets[key] not in targets:
                targets.append(ctx.targets[key])
        elif key in ctx.tasks:
            if ctx.tasks[key] not in tasks:
                tasks.append(ctx.tasks[key])
        else:
            raise row.error(
                "refs",
                f"không có chỉ tiêu hay nhiệm vụ “{token}” (ghi mã, ví dụ: 1.1 cho chỉ tiêu, "
                "NV1.2 cho nhiệm vụ).",
            )
    return targets, tasks


def _period(row: SheetRow, year: int) -> tuple[int | None, int | None]:
    raw = row.raw.get("due")
    text = row.cells.get("due", "")
    if isinstance(raw, dt.datetime | dt.date):
        day = raw.date() if isinstance(raw, dt.datetime) else raw
        if day.year != year:
            raise row.error("due", f"ngày {day:%d/%m/%Y} không thuộc năm {year}.")
        return day.month, None
    if not text:
        raise row.error("due", f"chưa ghi thời gian trình; {PERIOD_HELP}.")
    lowered = normalize_space(text).lower()
    match = re.fullmatch(r"(?:tháng|t)?\s*0?(\d{1,2})(?:\s*/\s*(\d{4}))?", lowered)
    if match:
        month = int(match.group(1))
        if match.group(2) and int(match.group(2)) != year:
            raise row.error("due", f"“{text}” không thuộc năm {year}.")
        if not 1 <= month <= 12:
            raise row.error("due", f"không có tháng {month}; {PERIOD_HELP}.")
        return month, None
    match = re.fullmatch(r"(?:quý|q)\s*(i{1,3}|iv|[1-4])(?:\s*/\s*(\d{4}))?", lowered)
    if match:
        token = match.group(1)
        quarter = int(token) if token.isdigit() else ROMAN_NUMBER[token]
        if match.group(2) and int(match.group(2)) != year:
            raise row.error("due", f"“{text}” không thuộc năm {year}.")
        return None, quarter
    raise row.error("due", f"thời gian trình “{text}” không đúng; {PERIOD_HELP}.")


def _considered_by(row: SheetRow) -> str:
    text = row.cells.get("considered_by", "")
    key = slug(text)
    for code, words in CONSIDERED_BY_WORDS.items():
        if key in words:
            return str(code)
    raise row.error(
        "considered_by",
        f"cấp xem xét “{text}” không đúng; ghi “Ban Chấp hành” (BCH), “Ban Thường vụ” (BTV) "
        "hoặc “Thường trực” (TT).",
    )


def _outcome(row: SheetRow) -> str | None:
    text = row.cells.get("outcome", "")
    if not text:
        return None
    key = slug(text)
    for code, words in OUTCOME_WORDS.items():
        if key in words:
            return str(code)
    raise row.error(
        "outcome",
        f"kết quả “{text}” không đúng; để trống hoặc ghi “Đã ban hành”, “Lùi thời gian”, "
        "“Không thực hiện”.",
    )


def _document(row: SheetRow, ctx: _Context) -> ImplementingDocument | None:
    text = row.cells.get("document", "")
    if not text:
        return None
    match = re.fullmatch(r"(.+?)\s*\((\d{1,2})/(\d{1,2})/(\d{4})\)", text)
    number, day = text, None
    if match:
        number = match.group(1)
        try:
            day = dt.date(int(match.group(4)), int(match.group(3)), int(match.group(2)))
        except ValueError:
            raise row.error("document", f"ngày trong “{text}” không có thật.") from None
    found = ctx.documents.get(normalize_space(number).casefold(), [])
    if day is not None:
        found = [d for d in found if d.date == day]
    if not found:
        raise row.error(
            "document",
            f"văn bản “{text}” chưa có trong sổ văn bản triển khai; ghi vào sổ trước rồi nạp lại.",
        )
    if len(found) > 1:
        raise row.error(
            "document",
            f"có nhiều văn bản số “{number}”; ghi kèm ngày, ví dụ “{number} (dd/mm/yyyy)”.",
        )
    return found[0]


def _resolve_row(row: SheetRow, ctx: _Context) -> ItemData:
    number = _number(row)
    content = row.cells.get("content", "")
    if not content:
        raise row.error("content", "nội dung không được để trống.")
    programs = _programs(row, ctx)
    targets, tasks = _refs(row, ctx)
    preparing_text = row.cells.get("preparing", "")
    if not preparing_text:
        raise row.error("preparing", "chưa ghi cơ quan chủ trì chuẩn bị.")
    preparing = ctx.unit(row, "preparing", preparing_text, group_ok=False)
    coordinating: list[OrgUnit] = []
    raw = row.raw.get("coordinating")
    for name in _tokens(str(raw or ""), r"\s*[;\n]\s*"):
        unit = ctx.unit(row, "coordinating", normalize_space(name), group_ok=True)
        if unit not in coordinating and unit != preparing:
            coordinating.append(unit)
    month, quarter = _period(row, ctx.year)
    considered_by = _considered_by(row)
    outcome = _outcome(row)
    document = _document(row, ctx)
    reason = row.cells.get("reason", "")
    if document is not None and outcome is None:
        outcome = ItemOutcome.ISSUED
    if outcome == ItemOutcome.ISSUED and document is None:
        raise row.error(
            "document" if "document" in row.letters else "outcome",
            "đã ban hành thì ghi số văn bản (có trong sổ văn bản triển khai) ở cột “Văn bản ban hành”.",
        )
    if outcome in (ItemOutcome.POSTPONED, ItemOutcome.DROPPED) and not reason:
        raise row.error(
            "reason" if "reason" in row.letters else "outcome",
            "lùi thời gian hay không thực hiện thì ghi lý do ở cột “Lý do”.",
        )
    if outcome != ItemOutcome.ISSUED and document is not None:
        raise row.error("document", "chỉ ghi văn bản khi kết quả là “Đã ban hành”.")
    if outcome in (None, ItemOutcome.PENDING) and reason:
        raise row.error("reason", "chưa có kết quả thì không ghi lý do.")
    return ItemData(
        number=number,
        content=content,
        programs=programs,
        targets=targets,
        tasks=tasks,
        preparing_unit=preparing,
        coordinating_units=coordinating,
        due_month=month,
        due_quarter=quarter,
        considered_by=considered_by,
        outcome=outcome,
        document=document,
        reason=reason if outcome in (ItemOutcome.POSTPONED, ItemOutcome.DROPPED) else "",
        row=row.row,
    )


def workprogram_rows_resolve(*, plan: Plan, year: int, sheet: ParsedSheet) -> list[ItemData]:
    """Every row resolved against the plan, or SheetError at the first bad cell."""
    ctx = _Context(plan=plan, year=year)
    items: list[ItemData] = []
    seen: dict[int, int] = {}
    for row in sheet.rows:
        item = _resolve_row(row, ctx)
        if item.number in seen:
            raise row.error(
                "number", f"số thứ tự {item.number} đã dùng ở dòng {seen[item.number]}."
            )
        seen[item.number] = row.row
        items.append(item)
    if not items:
        raise SheetError(None, None, "Bảng không có nội dung nào (dưới dòng tiêu đề).")
    return items


# --- Writing ------------------------------------------------------------------------------------


def _item_snapshot(item: WorkProgramItem) -> dict[str, Any]:
    return {
        "content": item.content,
        "programs": sorted(p.number for p in item.programs.all()),
        "targets": sorted(t.code for t in item.targets.all()),
        "tasks": sorted(t.code for t in item.tasks.all()),
        "preparing_unit": item.preparing_unit.code,
        "coordinating_units": sorted(u.code for u in item.coordinating_units.all()),
        "due_month": item.due_month,
        "due_quarter": item.due_quarter,
        "considered_by": item.considered_by,
        "outcome": item.outcome,
        "outcome_document": item.outcome_document.number if item.outcome_document else None,
        "outcome_reason": item.outcome_reason,
    }


def _plan_check(plan: Plan, year: int) -> None:
    if plan.status == PlanStatus.DRAFT:
        raise SheetError(None, None, "Chương trình hành động còn là dự thảo.")
    if not plan.term_from_year <= year <= plan.term_to_year:
        raise SheetError(
            None,
            None,
            f"Năm {year} nằm ngoài nhiệm kỳ của chương trình hành động "
            f"({plan.term_from_year}–{plan.term_to_year}).",
        )


@transaction.atomic
def workprogram_load(
    *,
    actor: Actor,
    plan: Plan,
    year: int,
    data: bytes,
    filename: str,
    check_actor: bool = True,
) -> LoadResult:
    """Load (or reload) a year's work program from a spreadsheet; SheetError changes nothing."""
    if check_actor:
        require_monitor(actor)
    _plan_check(plan, year)
    sheet = sheet_read(data=data, filename=filename)
    items = workprogram_rows_resolve(plan=plan, year=year, sheet=sheet)
    now = timezone.now()
    wp = WorkProgram.objects.select_for_update().filter(plan=plan, year=year).first()
    created = wp is None
    title = sheet.title or f"Chương trình công tác năm {year}"
    if wp is None:
        wp = WorkProgram.objects.create(
            plan=plan,
            year=year,
            title=title,
            source_name=filename[:255],
            loaded_at=now,
            loaded_by=actor_user(actor),
        )
    else:
        wp.title, wp.source_name, wp.loaded_at = title, filename[:255], now
        wp.loaded_by = actor_user(actor)
        wp.save(update_fields=["title", "source_name", "loaded_at", "loaded_by"])
    result = LoadResult(work_program=wp, created=created)
    existing = {i.number: i for i in wp.items.all()}
    wanted = {i.number for i in items}
    for number, old in sorted(existing.items()):
        if number in wanted:
            continue
        if old.outcome != ItemOutcome.PENDING:
            raise SheetError(
                None,
                None,
                f"Nội dung số {number} (“{old.content[:60]}”) đã có kết quả "
                f"“{old.get_outcome_display()}”, không thể bỏ khỏi chương trình; giữ dòng đó "
                "trong tệp.",
            )
        audit_record(
            actor=actor,
            action=AuditAction.DELETE,
            obj=old,
            changes={"content": {"before": old.content, "after": None}},
            reason=f"Nạp chương trình công tác năm {year} từ {filename}",
            plan_code=plan.code,
        )
        old.delete()
        result.removed += 1
        result.changes.append(f"Bỏ nội dung số {number}")
    for data_item in items:
        _item_apply(
            wp=wp,
            data=data_item,
            old=existing.get(data_item.number),
            actor=actor,
            result=result,
            filename=filename,
            now=now,
        )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        obj=wp,
        changes={
            "source_name": {"before": None, "after": filename},
            "items": {"before": len(existing), "after": len(items)},
        },
        reason=f"Nạp chương trình công tác năm {year} từ {filename}",
        plan_code=plan.code,
    )
    return result


def _item_apply(
    *,
    wp: WorkProgram,
    data: ItemData,
    old: WorkProgramItem | None,
    actor: Actor,
    result: LoadResult,
    filename: str,
    now: dt.datetime,
) -> None:
    before = _item_snapshot(old) if old is not None else None
    item = old or WorkProgramItem(work_program=wp, number=data.number)
    item.content = data.content
    item.preparing_unit = data.preparing_unit
    item.due_month, item.due_quarter = data.due_month, data.due_quarter
    item.considered_by = data.considered_by
    if data.outcome is not None:
        changed_outcome = (
            item.outcome != data.outcome
            or item.outcome_document_id != (data.document.pk if data.document else None)
            or item.outcome_reason != data.reason
        )
        item.outcome = data.outcome
        item.outcome_document = data.document
        item.outcome_reason = data.reason
        if changed_outcome:
            item.outcome_recorded_at = now
            item.outcome_recorded_by = actor_user(actor)
    item.save()
    item.programs.set(data.programs)
    item.targets.set(data.targets)
    item.tasks.set(data.tasks)
    item.coordinating_units.set(data.coordinating_units)
    after = _item_snapshot(item)
    reason = f"Nạp chương trình công tác năm {wp.year} từ {filename}"
    if before is None:
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=item,
            changes={k: {"before": None, "after": v} for k, v in after.items()},
            reason=reason,
            plan_code=wp.plan.code,
        )
        result.added += 1
        result.changes.append(f"Thêm nội dung số {data.number}")
        return
    diff = diff_fields(before, after)
    if diff:
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=item,
            changes=diff,
            reason=reason,
            plan_code=wp.plan.code,
        )
        result.changed += 1
        result.changes.append(f"Sửa nội dung số {data.number}: " + ", ".join(sorted(diff)))


@transaction.atomic
def item_outcome_record(
    *,
    actor: Actor,
    item: WorkProgramItem,
    outcome: str,
    document: ImplementingDocument | None = None,
    reason: str = "",
) -> WorkProgramItem:
    """Record what came of an item (the office): issued (the document, from the register),
    postponed or dropped (with the reason), or back to pending. ValidationError by field."""
    require_monitor(actor)
    locked = (
        WorkProgramItem.objects.select_for_update(of=("self",))
        .select_related("work_program__plan", "preparing_unit", "outcome_document")
        .get(pk=item.pk)
    )
    plan = locked.work_program.plan
    reason = normalize_space(reason or "")
    errors: dict[str, str] = {}
    if outcome not in ItemOutcome.values:
        errors["outcome"] = _("Hãy chọn kết quả.")
    elif outcome == ItemOutcome.ISSUED:
        if document is None:
            errors["document"] = _(
                "Hãy chọn văn bản đã ban hành trong sổ văn bản triển khai (ghi vào sổ trước nếu "
                "chưa có)."
            )
        elif document.plan_id != plan.pk:
            errors["document"] = _("Văn bản này không thuộc chương trình hành động này.")
    elif outcome in (ItemOutcome.POSTPONED, ItemOutcome.DROPPED) and not reason:
        errors["reason"] = _("Hãy ghi lý do lùi thời gian hoặc không thực hiện.")
    if errors:
        raise ValidationError(errors)
    before = _item_snapshot(locked)
    locked.outcome = outcome
    locked.outcome_document = document if outcome == ItemOutcome.ISSUED else None
    locked.outcome_reason = (
        reason if outcome in (ItemOutcome.POSTPONED, ItemOutcome.DROPPED) else ""
    )
    locked.outcome_recorded_at = timezone.now()
    locked.outcome_recorded_by = actor_user(actor)
    locked.save(
        update_fields=[
            "outcome",
            "outcome_document",
            "outcome_reason",
            "outcome_recorded_at",
            "outcome_recorded_by",
        ]
    )
    diff = diff_fields(before, _item_snapshot(locked))
    if diff:
        audit_record(
            actor=actor,
            action=AuditAction.STATE,
            obj=locked,
            changes=diff,
            reason=reason,
            plan_code=plan.code,
        )
    return locked
