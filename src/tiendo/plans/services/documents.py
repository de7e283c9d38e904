"""Writes of plans: loading a plan document (create or update, with a revision), the built-in plan.

Over 600 lines: loading a plan document is one transaction over the plan's whole tree (diff,
revision, assignments of the text, indicators); its steps share the loaded state.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import resources
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from tiendo.audit.models import AuditAction
from tiendo.audit.services import (
    AuditRow,
    actor_user,
    audit_record,
    audit_record_many,
    audit_row,
    diff_fields,
)
from tiendo.indicators.models import Figure, Indicator
from tiendo.indicators.services import (
    figure_unit,
    indicator_catalogue_ensure,
    indicator_resolve,
)
from tiendo.org.models import OrgUnit
from tiendo.org.services import area_for_issuer

from ..document import PlanDocumentError, decimal_text, document_validate
from ..models import (
    Assignment,
    AssignmentOrigin,
    Breakthrough,
    Plan,
    PlanDeadline,
    PlanRevision,
    PlanStatus,
    PlanSupersession,
    Program,
    Target,
    Task,
)
from ..selectors import plan_document_build, unit_keys_known

Actor = AbstractBaseUser | AnonymousUser | None
BUILTIN_PLAN_FILE = "builtin/lang-son-2020-2025.json"


@dataclass
class PlanLoadResult:
    plan: Plan
    created: bool
    changed: bool
    revision: PlanRevision | None = None
    changes: list[str] = field(default_factory=list)


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value.pk)
    return value


def _decimal(value: str | None) -> Decimal | None:
    return Decimal(value) if value is not None else None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@dataclass
class _Writer:
    """Applies upserts and deletions, recording each in the change list and an audit row; the
    rows are written together by `flush` (one statement) at the end of the load. When the plan
    is new (`fresh`), nothing of it can be held yet: its rows are created without a lookup."""

    actor: Actor
    plan_code: str
    reason: str
    changes: list[str] = field(default_factory=list)
    audits: list[AuditRow] = field(default_factory=list)
    fresh: bool = False

    def audit(self, action: AuditAction, obj: Any, changes: dict[str, Any] | None = None) -> None:
        self.audits.append(
            audit_row(
                actor=self.actor,
                action=action,
                obj=obj,
                changes=changes,
                reason=self.reason,
                plan_code=self.plan_code,
                at=timezone.now(),
            )
        )

    def flush(self) -> None:
        audit_record_many(rows=self.audits)
        self.audits = []

    def upsert(
        self,
        model: type[models.Model],
        lookup: dict[str, Any],
        values: dict[str, Any],
        label: str,
        *,
        of_plan: bool = True,
    ) -> Any:
        """Create or update the row `lookup` names. `of_plan`: the row belongs to the plan
        being loaded (not an organisational unit), so a new plan holds none yet."""
        held = not (self.fresh and of_plan)
        obj = model._default_manager.filter(**lookup).first() if held else None
        if obj is None:
            obj = model._default_manager.create(**lookup, **values)
            self._created(obj, {**lookup, **values}, label)
            return obj
        before = {k: _jsonable(getattr(obj, k)) for k in values}
        after = {k: _jsonable(v) for k, v in values.items()}
        diff = diff_fields(before, after)
        if diff:
            for key in diff:
                setattr(obj, key, values[key])
            obj.save(update_fields=[model._meta.get_field(k).name for k in diff])
            self.audit(AuditAction.UPDATE, obj, diff)
            self.changes.append(f"Sửa {label}: " + ", ".join(sorted(diff)))
        return obj

    def upsert_many(
        self, model: type[models.Model], rows: list[tuple[dict[str, Any], dict[str, Any], str]]
    ) -> list[Any]:
        """`upsert` of each (lookup, values, label) of the plan being loaded; a new plan's rows
        are created together, in one statement, with the same audit rows and changes."""
        if not self.fresh:
            return [self.upsert(model, lookup, values, label) for lookup, values, label in rows]
        objs = model._default_manager.bulk_create(
            [model(**lookup, **values) for lookup, values, _label in rows]
        )
        for obj, (lookup, values, label) in zip(objs, rows, strict=True):
            self._created(obj, {**lookup, **values}, label)
        return objs

    def _created(self, obj: Any, fields: dict[str, Any], label: str) -> None:
        changes = {k: {"before": None, "after": _jsonable(v)} for k, v in fields.items()}
        self.audit(AuditAction.CREATE, obj, changes)
        self.changes.append(f"Thêm {label}")

    def set_m2m(self, obj: Any, name: str, items: list[Any], label: str) -> None:
        manager = getattr(obj, name)
        before = [] if self.fresh else sorted(str(x) for x in manager.values_list("pk", flat=True))
        after = sorted(str(x.pk) for x in items)
        if before != after:
            manager.set(items)
            self.audit(AuditAction.UPDATE, obj, {name: {"before": before, "after": after}})
            self.changes.append(f"Sửa {label}: {name}")

    def delete_missing(self, queryset: models.QuerySet[Any], label: str) -> None:
        if self.fresh:
            return  # a new plan has nothing to remove
        for obj in list(queryset):
            self.audit(AuditAction.DELETE, obj)
            self.changes.append(f"Xóa {label} {obj}")
            try:
                obj.delete()
            except ProtectedError as exc:
                raise PlanDocumentError(
                    "$", f"không thể xóa {label} “{obj}” vì đã có dữ liệu báo cáo gắn với nó"
                ) from exc


def _refuse_removing_delegated(removed: models.QuerySet[Assignment], *, today: dt.date) -> None:
    """A revision may not drop a lead or coordinator of the plan text that has handed its part
    on: the delegations below would hang from nothing (history is never rewritten)."""
    below = list(
        Assignment.objects.filter(parent__in=removed)
        .select_related("unit", "parent__unit")
        .order_by("id")
    )
    if not below:
        return
    active = [n for n in below if n.valid_to is None or n.valid_to >= today]
    first = (active or below)[0]
    names = ", ".join(sorted({str(n.unit) for n in (active or below)}))
    if active:
        message = (
            f"không thể bỏ phân công “{first.parent}” khỏi chương trình vì còn {len(active)} "
            f"phân công thực hiện đang có hiệu lực bên dưới ({names}); hãy kết thúc các phân công "
            "đó trước"
        )
    else:
        message = (
            f"không thể bỏ phân công “{first.parent}” khỏi chương trình vì đã có phân công thực "
            f"hiện bên dưới ({names}) mà lịch sử phải được giữ"
        )
    raise PlanDocumentError("$.assignments", message)


def _keep_current_links(doc: dict[str, Any], current: dict[str, Any]) -> None:
    """A document that leaves out the area or a target's indicator keeps what the plan has."""
    if doc["area"] is None:
        doc["area"] = current["area"]
    held = {t["code"]: t["indicator_code"] for t in current["targets"]}
    for target in doc["targets"]:
        if target["indicator_code"] is None:
            target["indicator_code"] = held.get(target["code"])


def _indicator_for(target: dict[str, Any], *, path: str, actor: Actor) -> Indicator | None:
    if target["kind"] == "qualitative" and not target["indicator_code"]:
        return None
    try:
        return indicator_resolve(
            name=target["indicator"],
            unit=figure_unit(kind=target["kind"], unit=target["unit"]),
            code=target["indicator_code"],
            actor=actor,
        )
    except ValidationError as exc:
        raise PlanDocumentError(f"{path}.indicator_code", " ".join(exc.messages)) from exc


def _refuse_area_change(plan: Plan, area: OrgUnit) -> None:
    """Figures describe an area: moving a plan that already has figures to another area would
    silently detach them, so it is refused."""
    indicator_ids = plan.targets.exclude(indicator_ref=None).values("indicator_ref")
    if Figure.objects.filter(area_id=plan.area_id, indicator_id__in=indicator_ids).exists():
        raise PlanDocumentError(
            "$.area",
            f"không thể đổi địa bàn sang “{area}”: các chỉ tiêu đã có số liệu của địa bàn "
            f"“{plan.area}”",
        )


def _without_units(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k != "units"}


def _units_match(units: list[dict[str, Any]]) -> bool:
    held = {
        u.code: u
        for u in OrgUnit.objects.select_related("parent").filter(code__in=[u["key"] for u in units])
    }
    for unit in units:
        obj = held.get(unit["key"])
        if obj is None:
            return False
        current = {
            "name": obj.name,
            "short_name": obj.short_name,
            "kind": obj.kind,
            "parent": obj.parent.code if obj.parent else None,
            "valid_from": _jsonable(obj.valid_from),
            "valid_to": _jsonable(obj.valid_to),
        }
        if any(current[k] != unit[k] for k in current):
            return False
    return True


def plan_load(
    *,
    document: Any,
    actor: Actor = None,
    reason: str = "",
    decision_ref: str = "",
    revision_date: dt.date | None = None,
    record_revision: bool = True,
) -> PlanLoadResult:
    """Create or update a plan from a plan document.

    The document is validated whole first; a bad document raises PlanDocumentError (with the
    JSON path of the first error) and changes nothing. A document equal to what is held changes
    nothing. Otherwise every change is applied, audited, and recorded as a new revision whose
    snapshot is the new version of the plan (edits of a draft pass `record_revision=False`: a
    draft is not yet a plan of record; its first revision is made when it is published).

    The validation runs before the transaction that writes, so that a large document does not
    hold the database's write lock while it is checked (issue 13: no lock-ups).
    """
    checked = plan_document_check(document=document)
    with transaction.atomic():
        return plan_load_checked(
            checked=checked,
            actor=actor,
            reason=reason,
            decision_ref=decision_ref,
            revision_date=revision_date,
            record_revision=record_revision,
        )


@dataclass(frozen=True)
class CheckedDocument:
    """A plan document validated against the units held when it was checked."""

    raw: Any
    doc: dict[str, Any]
    unit_keys: frozenset[str]


def plan_document_check(*, document: Any) -> CheckedDocument:
    """Validate a plan document (raises PlanDocumentError), reading but writing nothing: run it
    before the transaction that writes."""
    known = frozenset(unit_keys_known())
    return CheckedDocument(
        raw=document, doc=document_validate(document, known_unit_keys=known), unit_keys=known
    )


def plan_load_checked(
    *,
    checked: CheckedDocument,
    actor: Actor = None,
    reason: str = "",
    decision_ref: str = "",
    revision_date: dt.date | None = None,
    record_revision: bool = True,
) -> PlanLoadResult:
    """`plan_load` of a document checked by `plan_document_check`, inside the caller's
    transaction. When the units changed since the check, the references are checked again."""
    doc = checked.doc
    current_keys = frozenset(unit_keys_known())
    if current_keys != checked.unit_keys:
        doc = document_validate(checked.raw, known_unit_keys=current_keys)
    return _plan_write(
        doc,
        actor=actor,
        reason=reason,
        decision_ref=decision_ref,
        revision_date=revision_date,
        record_revision=record_revision,
    )


def _plan_write(
    doc: dict[str, Any],
    *,
    actor: Actor,
    reason: str,
    decision_ref: str,
    revision_date: dt.date | None,
    record_revision: bool,
) -> PlanLoadResult:
    """The writes of `plan_load`, for a validated document (inside its transaction)."""
    if doc["follows"] is not None and not Plan.objects.filter(code=doc["follows"]).exists():
        raise PlanDocumentError("$.follows", f"không có chương trình “{doc['follows']}”")
    if doc["follows"] == doc["code"]:
        raise PlanDocumentError("$.follows", "chương trình không thể kế thừa chính nó")
    existing = Plan.objects.filter(code=doc["code"]).first()
    if existing is not None:
        current = plan_document_build(plan=existing)
        _keep_current_links(doc, current)
        if _without_units(current) == _without_units(doc) and _units_match(doc["units"]):
            return PlanLoadResult(plan=existing, created=False, changed=False)

    writer = _Writer(actor=actor, plan_code=doc["code"], reason=reason)
    units = _apply_units(writer, doc["units"])
    writer.fresh = existing is None

    def unit(key: str | None) -> OrgUnit | None:
        if key is None:
            return None
        if key not in units:
            units[key] = OrgUnit.objects.get(code=key)
        return units[key]

    issuer = unit(doc["issuing_unit"])
    area = unit(doc["area"]) or area_for_issuer(
        issuer=issuer,
        place=doc["place"],
        fallback_name=f"Địa bàn của {doc['number'] or doc['code']}",
        actor=actor,
    )
    if existing is not None and existing.area_id and existing.area_id != area.pk:
        _refuse_area_change(existing, area)
    plan = writer.upsert(
        Plan,
        {"code": doc["code"]},
        {
            "number": doc["number"],
            "title": doc["title"],
            "issuing_body": doc["issuing_body"],
            "issuing_unit": issuer,
            "area": area,
            "follows": Plan.objects.get(code=doc["follows"]) if doc["follows"] else None,
            "issue_date": _date(doc["issue_date"]),
            "place": doc["place"],
            "signer": doc["signer"],
            "term_from_year": doc["term"]["from_year"],
            "term_to_year": doc["term"]["to_year"],
            "status": doc["status"],
        },
        f"chương trình hành động {doc['code']}",
    )

    program_rows = [
        (
            {"plan": plan, "number": p["number"]},
            {"title": p["title"]},
            f"chương trình {p['number']}",
        )
        for p in doc["programs"]
    ]
    programs = {
        p["number"]: obj
        for p, obj in zip(doc["programs"], writer.upsert_many(Program, program_rows), strict=True)
    }
    target_rows = []
    for position, t in enumerate(doc["targets"], start=1):
        target_rows.append(
            (
                {"plan": plan, "code": t["code"]},
                {
                    "program": programs[t["program"]],
                    "position": position,
                    "kind": t["kind"],
                    "comparator": t["comparator"] or "",
                    "value": _decimal(t["value"]),
                    "value_high": _decimal(t["value_high"]),
                    "tolerance_pct": _decimal(t["tolerance_pct"]),
                    "unit": t["unit"],
                    "from_year": t["from_year"],
                    "to_year": t["to_year"],
                    "indicator": t["indicator"],
                    "indicator_ref": _indicator_for(
                        t, path=f"$.targets[{position - 1}]", actor=actor
                    ),
                    "source_text": t["source_text"],
                    "baseline_value": _decimal(t["baseline"]["value"]) if t["baseline"] else None,
                    "baseline_year": t["baseline"]["year"] if t["baseline"] else None,
                },
                f"chỉ tiêu {t['code']}",
            )
        )
    targets: dict[str, Target] = {obj.code: obj for obj in writer.upsert_many(Target, target_rows)}
    task_rows = [
        (
            {"plan": plan, "code": t["code"]},
            {
                "program": programs[t["program"]],
                "position": position,
                "text": t["text"],
                "due_date": _date(t["due_date"]),
                "status": t["status"],
            },
            f"nhiệm vụ {t['code']}",
        )
        for position, t in enumerate(doc["tasks"], start=1)
    ]
    tasks: dict[str, Task] = {obj.code: obj for obj in writer.upsert_many(Task, task_rows)}

    # Only what the plan text says (origin plan) is synced; delegations and successions below
    # it are never touched here.
    assignment_rows: list[tuple[dict[str, Any], dict[str, Any], str]] = []
    for a in doc["assignments"]:
        scope_fields: dict[str, Any] = {"program": None, "target": None, "task": None}
        if a["scope"] == "program":
            scope_fields["program"] = programs[a["ref"]]
        elif a["scope"] == "target":
            scope_fields["target"] = targets[a["ref"]]
        elif a["scope"] == "task":
            scope_fields["task"] = tasks[a["ref"]]
        lookup = {"plan": plan, "unit": unit(a["unit"]), "role": a["role"], **scope_fields}
        label = f"phân công {a['unit']} ({a['role']}, {a['scope']} {a['ref'] or ''})".replace(
            " )", ")"
        )
        if (
            not writer.fresh
            and not Assignment.objects.filter(**lookup, origin=AssignmentOrigin.PLAN).exists()
        ):
            handed = (
                Assignment.objects.filter(**lookup, valid_to=None)
                .exclude(origin=AssignmentOrigin.PLAN)
                .first()
            )
            if handed is not None:
                since = f" từ {handed.valid_from:%d/%m/%Y}" if handed.valid_from else ""
                raise PlanDocumentError(
                    "$.assignments",
                    f"“{handed.unit}” đã {handed.get_role_display().lower()} phần việc này qua "
                    f"{handed.get_origin_display().lower()}{since}; hãy kết thúc phân công đó "
                    "trước khi ghi nó vào văn bản chương trình",
                )
        assignment_rows.append(
            (
                {**lookup, "origin": AssignmentOrigin.PLAN},
                {"deadline": _date(a["deadline"]), "source_text": a["source_text"]},
                label,
            )
        )
    keep_assignments = [obj.pk for obj in writer.upsert_many(Assignment, assignment_rows)]
    removed = Assignment.objects.filter(plan=plan, origin=AssignmentOrigin.PLAN).exclude(
        pk__in=keep_assignments
    )
    if not writer.fresh:
        _refuse_removing_delegated(removed, today=revision_date or timezone.localdate())
    writer.delete_missing(removed, "phân công")

    writer.delete_missing(
        Target.objects.filter(plan=plan).exclude(code__in=list(targets)), "chỉ tiêu"
    )
    writer.delete_missing(Task.objects.filter(plan=plan).exclude(code__in=list(tasks)), "nhiệm vụ")

    breakthrough_numbers = []
    for b in doc["breakthroughs"]:
        obj = writer.upsert(
            Breakthrough,
            {"plan": plan, "number": b["number"]},
            {"text": b["text"]},
            f"khâu đột phá {b['number']}",
        )
        writer.set_m2m(
            obj, "programs", [programs[n] for n in b["programs"]], f"khâu đột phá {b['number']}"
        )
        writer.set_m2m(obj, "tasks", [tasks[c] for c in b["tasks"]], f"khâu đột phá {b['number']}")
        breakthrough_numbers.append(b["number"])
    writer.delete_missing(
        Breakthrough.objects.filter(plan=plan).exclude(number__in=breakthrough_numbers),
        "khâu đột phá",
    )

    deadline_ids = []
    for d in doc["deadlines"]:
        obj = writer.upsert(
            PlanDeadline,
            {"plan": plan, "title": d["title"]},
            {"due_date": _date(d["due_date"]), "source_text": d["source_text"]},
            f"thời hạn {d['due_date']}",
        )
        writer.set_m2m(obj, "units", [unit(k) for k in d["units"]], f"thời hạn {d['due_date']}")
        deadline_ids.append(obj.pk)
    writer.delete_missing(
        PlanDeadline.objects.filter(plan=plan).exclude(pk__in=deadline_ids), "thời hạn"
    )

    for s in doc["supersedes"]:
        writer.upsert(
            PlanSupersession,
            {"plan": plan, "number": s["number"]},
            {
                "date": _date(s["date"]),
                "title": s["title"],
                "superseded_plan": Plan.objects.filter(code=s["plan"]).first()
                if s["plan"]
                else None,
            },
            f"văn bản được thay thế {s['number']}",
        )
    writer.delete_missing(
        PlanSupersession.objects.filter(plan=plan).exclude(
            number__in=[s["number"] for s in doc["supersedes"]]
        ),
        "văn bản được thay thế",
    )

    writer.delete_missing(
        Program.objects.filter(plan=plan).exclude(number__in=list(programs)), "chương trình"
    )

    writer.flush()
    revision = None
    if record_revision:
        revision = plan_revision_record(
            plan=plan,
            actor=actor,
            reason=reason,
            decision_ref=decision_ref,
            revision_date=revision_date,
            changes=writer.changes,
        )
    return PlanLoadResult(
        plan=plan, created=existing is None, changed=True, revision=revision, changes=writer.changes
    )


def plan_revision_record(
    *,
    plan: Plan,
    actor: Actor,
    reason: str,
    decision_ref: str = "",
    revision_date: dt.date | None = None,
    changes: list[str],
) -> PlanRevision:
    """Record the plan as it now stands as its next revision."""
    last = PlanRevision.objects.filter(plan=plan).order_by("-number").first()
    return PlanRevision.objects.create(
        plan=plan,
        number=(last.number + 1) if last else 1,
        date=revision_date or timezone.localdate(),
        decision_ref=decision_ref,
        reason=reason or ("Nạp lần đầu" if last is None else "Cập nhật từ tệp"),
        changes=changes,
        snapshot=plan_document_build(plan=plan),
        created_at=timezone.now(),
        created_by=actor_user(actor),
    )


@transaction.atomic
def plan_publish(
    *, plan: Plan, actor: Actor, decision_ref: str = "", reason: str = ""
) -> PlanRevision:
    """Make a draft plan active: it starts to feed dashboards, rounds and reports."""
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    if locked.status != PlanStatus.DRAFT:
        raise PlanDocumentError(
            "$.status", "chỉ chương trình ở trạng thái dự thảo mới được công bố"
        )
    if not locked.targets.exists() and not locked.tasks.exists():
        raise PlanDocumentError("$.targets", "dự thảo chưa có chỉ tiêu hay nhiệm vụ nào")
    locked.status = PlanStatus.ACTIVE
    locked.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action=AuditAction.STATE,
        obj=locked,
        changes={"status": {"before": PlanStatus.DRAFT, "after": PlanStatus.ACTIVE}},
        reason=reason or "Công bố chương trình từ dự thảo",
        plan_code=locked.code,
    )
    plan.status = locked.status
    return plan_revision_record(
        plan=locked,
        actor=actor,
        reason=reason or "Công bố chương trình từ dự thảo",
        decision_ref=decision_ref,
        changes=["Công bố (dự thảo → đang thực hiện)"],
    )


def plan_close_mark(*, plan: Plan, actor: Actor, reason: str) -> Plan:
    """The plan's term is over: active → closed ("Đã kết thúc"), audited. Called by the closing
    of a term (`tiendo.evaluation.services.plan_close`), inside its transaction."""
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    if locked.status != PlanStatus.ACTIVE:
        raise PlanDocumentError("$.status", "chỉ chương trình đang thực hiện mới kết thúc được")
    locked.status = PlanStatus.CLOSED
    locked.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action=AuditAction.STATE,
        obj=locked,
        changes={"status": {"before": PlanStatus.ACTIVE, "after": PlanStatus.CLOSED}},
        reason=reason,
        plan_code=locked.code,
    )
    plan.status = locked.status
    return locked


def _apply_units(writer: _Writer, units: list[dict[str, Any]]) -> dict[str, OrgUnit]:
    """Create or update the units a document declares, parents first."""
    held: dict[str, OrgUnit] = {}
    for u in units:  # canonical order puts parents before children
        parent = None
        if u["parent"] is not None:
            parent = held.get(u["parent"]) or OrgUnit.objects.get(code=u["parent"])
        held[u["key"]] = writer.upsert(
            OrgUnit,
            {"code": u["key"]},
            {
                "name": u["name"],
                "short_name": u["short_name"],
                "kind": u["kind"],
                "parent": parent,
                "valid_from": _date(u["valid_from"]),
                "valid_to": _date(u["valid_to"]),
            },
            f"đơn vị {u['key']}",
            of_plan=False,
        )
    return held


def plan_builtin_document() -> dict[str, Any]:
    """The built-in plan (Lạng Sơn 23-CTr/TU, 2020–2025) shipped inside the package."""
    text = resources.files("tiendo.plans").joinpath(BUILTIN_PLAN_FILE).read_text("utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


def plan_builtin_ensure(*, actor: Actor = None) -> PlanLoadResult | None:
    """Load the built-in plan if it is not held yet; never overwrite what the office changed."""
    document = plan_builtin_document()
    if Plan.objects.filter(code=document["code"]).exists():
        return None
    indicator_catalogue_ensure(actor=actor)
    return plan_load(document=document, actor=actor, reason="Nạp chương trình hành động có sẵn")
