"""Importing a document into a draft plan, and the reviewer's corrections before publishing.

The document is read (`readers.read_document`) and parsed (`parser.parse_plan_text`) by pure
functions; the proposal is validated and saved whole as a draft plan through `plan_load`, or
refused whole with a message that says what to do. Corrections rebuild the plan document, change
one item and load it again, so that every edit is validated and audited the same way.

Indicators: the parser knows nothing of the catalogue. Here each proposed target gets the
catalogue's indicator of the same name or synonym and unit (`indicator_propose`), written as its
`indicator_code`; a target with none gets a new indicator when the draft is saved. The office can
choose another indicator of the catalogue or a new one (`draft_target_indicator_set`); an
indicator that the import created and that nothing uses any more is removed again. What the
import proposed and created, and which uncertain targets the office has looked at, is kept in
`ImportedDocument.proposal` ("indicators", "created_indicators", "reviewed").
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from tiendo.accounts.permissions import require_monitor
from tiendo.audit.models import AuditAction
from tiendo.audit.services import Actor, actor_user, audit_record
from tiendo.core.archives import megabytes
from tiendo.core.text import slug
from tiendo.indicators.models import Figure, Indicator
from tiendo.indicators.services import indicator_match, indicator_resolve, name_key
from tiendo.plans.document import PlanDocumentError
from tiendo.plans.models import Plan, PlanStatus
from tiendo.plans.selectors import plan_document_build
from tiendo.plans.services import plan_document_check, plan_load, plan_load_checked

from .models import ImportedDocument
from .parser import PlanNotRecognised, parse_plan_text
from .readers import DocumentRefused, read_document


class ImportRefused(ValueError):
    """The document cannot become a draft plan; `message` says why and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class ImportProposal:
    document: dict[str, Any]
    text: str
    warnings: list[str] = field(default_factory=list)
    #: per target code: {"code": the catalogue's indicator or None, "how": "name" | "synonym" |
    #: "new"}
    indicators: dict[str, dict[str, Any]] = field(default_factory=dict)


#: Target kinds that measure no indicator unless the office says which.
_NO_INDICATOR = ("qualitative",)


def _unit_variants(unit: str) -> list[str]:
    """A rate is written "%/năm" in a plan and kept as "%" in the catalogue; "ha/năm" as "ha";
    a count of units "xã (trên 181 xã)" as "xã"."""
    variants = [unit]
    base = re.sub(r"\s*\(.*\)$", "", unit).strip()
    base = re.sub(r"\s*/\s*năm$", "", base).strip()
    if base and base != unit:
        variants.append(base)
    return variants


def _name_variants(name: str) -> list[str]:
    """ "Kết nạp đảng viên mới hằng năm" is named "Kết nạp đảng viên mới" too."""
    variants = [name]
    base = re.sub(r"\s+(?:hằng|hàng|mỗi)\s+năm$", "", name.strip(), flags=re.IGNORECASE)
    if base and base != name:
        variants.append(base)
    return variants


def indicator_propose(*, name: str, unit: str) -> tuple[Indicator | None, str]:
    """The catalogue's indicator that a proposed target measures: its name or a synonym, with
    the same unit (a yearly rate's unit also without "/năm"); and how it matched ("name" or
    "synonym"). (None, "new") when the catalogue has none: a new indicator is made on saving."""
    for variant in _unit_variants(unit):
        for called in _name_variants(name):
            found = indicator_match(name=called, unit=variant)
            if found is not None:
                return found, "name" if name_key(found.name) == name_key(called) else "synonym"
    return None, "new"


def _propose_indicators(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    proposals: dict[str, dict[str, Any]] = {}
    for target in document.get("targets", []):
        if target.get("kind") in _NO_INDICATOR or target.get("indicator_code"):
            continue
        found, how = indicator_propose(name=target["indicator"], unit=target.get("unit", ""))
        if found is not None:
            target["indicator_code"] = found.code
        proposals[target["code"]] = {"code": found.code if found else None, "how": how}
    return proposals


def import_size_check(*, size: int) -> None:
    """Refuse a file larger than TIENDO_IMPORT_MAX_BYTES; callers check before reading it."""
    limit = settings.TIENDO_IMPORT_MAX_BYTES
    if size > limit:
        raise ImportRefused(
            f"Tệp quá lớn ({megabytes(size)} MB; tối đa {megabytes(limit)} MB). Văn bản chương trình hành "
            "động thường chỉ vài MB: hãy bỏ hình ảnh hoặc lưu lại dưới dạng .docx rồi tải lên lại."
        )


def document_propose(*, data: bytes, filename: str, code: str | None = None) -> ImportProposal:
    """Read and parse a file into a proposed plan document (with `unparsed`), saving nothing.
    The file's size and, for a .docx, its unpacked size are checked before it is opened."""
    import_size_check(size=len(data))
    try:
        text = read_document(
            data=data,
            filename=filename,
            zip_max_bytes=settings.TIENDO_ZIP_MAX_BYTES,
            zip_max_members=settings.TIENDO_ZIP_MAX_MEMBERS,
        )
        result = parse_plan_text(text=text, code=code)
    except DocumentRefused as exc:
        raise ImportRefused(exc.message_vi) from exc
    except PlanNotRecognised as exc:
        raise ImportRefused(exc.message_vi) from exc
    document = result.document
    if code:
        document["code"] = code
    elif not document.get("code"):
        document["code"] = (
            slug(document.get("number") or filename.rsplit(".", 1)[0])[:64] or "du-thao"
        )
    document["status"] = PlanStatus.DRAFT
    return ImportProposal(
        document=document,
        text=text,
        warnings=list(result.warnings),
        indicators=_propose_indicators(document),
    )


def _loadable(document: dict[str, Any]) -> dict[str, Any]:
    """The document without the importer's own fields (`unparsed`, `line`; a target's
    `confidence` and `reason` are dropped by the plan document's canonical form)."""
    clean = {k: copy.deepcopy(v) for k, v in document.items() if k != "unparsed"}
    for key in (
        "programs",
        "targets",
        "tasks",
        "breakthroughs",
        "assignments",
        "deadlines",
        "supersedes",
    ):
        for item in clean.get(key, []):
            item.pop("line", None)
    return clean


def plan_import(
    *,
    data: bytes,
    filename: str,
    actor: Actor,
    code: str | None = None,
    check_permission: bool = True,
) -> ImportedDocument:
    """Save a document as a draft plan. A plan of that code that is not a draft is never
    touched: choose another code. Refused whole (ImportRefused) when anything is wrong.

    Reading, parsing and validating the document (seconds for a long one) happen before any
    transaction; only the writes run in one short transaction at the end, so that sign-ins and
    saves of other people do not wait for a long upload (issue 13)."""
    if check_permission:
        require_monitor(actor)
    proposal = document_propose(data=data, filename=filename, code=code)
    try:
        checked = plan_document_check(document=_loadable(proposal.document))
    except PlanDocumentError as exc:
        raise _refused_document(exc) from exc
    with transaction.atomic():
        before = set(Indicator.objects.values_list("code", flat=True))
        existing = Plan.objects.filter(code=proposal.document["code"]).first()
        if existing is not None and existing.status != PlanStatus.DRAFT:
            raise ImportRefused(
                f"Đã có chương trình “{existing.code}” đang thực hiện hoặc đã kết thúc; nhập văn "
                "bản không được ghi đè lên nó. Hãy chọn một mã khác cho dự thảo."
            )
        try:
            result = plan_load_checked(
                checked=checked,
                actor=actor,
                reason=f"Nhập từ văn bản {filename}",
                record_revision=False,
            )
        except PlanDocumentError as exc:
            raise _refused_document(exc) from exc
        held = dict(
            result.plan.targets.filter(indicator_ref__isnull=False).values_list(
                "code", "indicator_ref__code"
            )
        )
        created = sorted(
            {
                held[code]
                for code, proposed in proposal.indicators.items()
                if proposed["code"] is None and code in held
            }
            - before
        )
        for code, proposed in proposal.indicators.items():
            if proposed["code"] is None and code in held:
                proposed["code"] = held[code]
        stored = {
            **proposal.document,
            "indicators": proposal.indicators,
            "created_indicators": created,
            "reviewed": [],
        }
        _follows_propose(plan=result.plan, actor=actor, filename=filename)
        return ImportedDocument.objects.create(
            plan=result.plan,
            filename=filename[:255],
            text=proposal.text,
            proposal=stored,
            unparsed=proposal.document.get("unparsed", []),
            warnings=proposal.warnings,
            uploaded_at=timezone.now(),
            uploaded_by=actor_user(actor),
        )


def _refused_document(exc: PlanDocumentError) -> ImportRefused:
    return ImportRefused(
        f"Không lưu được dự thảo: {exc.message} (tại {exc.path}). Hãy sửa văn bản hoặc nhập "
        "bằng tệp JSON."
    )


def _follows_propose(*, plan: Plan, actor: Actor, filename: str) -> None:
    """A program of the next term follows the program of record for the same area whose term
    ends in the year this one begins (2020–2025 → 2025–2030): proposed in the draft, which the
    office can still change before publishing."""
    if plan.follows_id is not None or plan.area_id is None:
        return
    previous = (
        Plan.objects.exclude(status=PlanStatus.DRAFT)
        .exclude(pk=plan.pk)
        .filter(area_id=plan.area_id, term_to_year=plan.term_from_year)
        .order_by("-term_from_year", "code")
        .first()
    )
    if previous is None:
        return
    document = plan_document_build(plan=plan)
    document["follows"] = previous.code
    plan_load(
        document=document,
        actor=actor,
        reason=f"Nhập từ văn bản {filename}: kế thừa chương trình {previous.code}",
        record_revision=False,
    )
    plan.refresh_from_db()


def _draft_document(plan: Plan) -> dict[str, Any]:
    if plan.status != PlanStatus.DRAFT:
        raise PlanDocumentError("$.status", "chỉ sửa được chương trình ở trạng thái dự thảo")
    return plan_document_build(plan=plan)


def _save(plan: Plan, document: dict[str, Any], actor: Actor, reason: str) -> None:
    plan_load(document=document, actor=actor, reason=reason, record_revision=False)


@transaction.atomic
def draft_target_save(
    *, plan: Plan, actor: Actor, code: str, values: dict[str, Any], new: bool = False
) -> None:
    """Correct one target of a draft (or add it when `new`): `values` are plan-document fields.
    Raises PlanDocumentError with the field's path when the result is not a valid plan."""
    require_monitor(actor)
    document = _draft_document(plan)
    targets = document["targets"]
    index = next((i for i, t in enumerate(targets) if t["code"] == code), None)
    if new:
        if index is not None:
            raise PlanDocumentError("$.targets.code", f"mã chỉ tiêu “{code}” đã dùng")
        targets.append({"code": code, **values})
        reason = f"Thêm chỉ tiêu {code} vào dự thảo"
    else:
        if index is None:
            raise PlanDocumentError("$.targets", f"không có chỉ tiêu “{code}”")
        targets[index] = {**targets[index], **values}
        reason = f"Sửa chỉ tiêu {code} của dự thảo"
    _save(plan, document, actor, reason)
    _mark_reviewed(plan, [code])


@transaction.atomic
def draft_target_delete(*, plan: Plan, actor: Actor, code: str) -> None:
    require_monitor(actor)
    document = _draft_document(plan)
    targets = document["targets"]
    document["targets"] = [t for t in targets if t["code"] != code]
    document["assignments"] = [
        a for a in document["assignments"] if not (a["scope"] == "target" and a["ref"] == code)
    ]
    dropped = next((t.get("indicator_code") for t in targets if t["code"] == code), None)
    _save(plan, document, actor, f"Bỏ chỉ tiêu {code} khỏi dự thảo")
    _drop_unused_created(plan, dropped, actor)


@transaction.atomic
def draft_task_save(*, plan: Plan, actor: Actor, code: str, text: str) -> None:
    require_monitor(actor)
    document = _draft_document(plan)
    for task in document["tasks"]:
        if task["code"] == code:
            task["text"] = text
            break
    else:
        raise PlanDocumentError("$.tasks", f"không có nhiệm vụ “{code}”")
    _save(plan, document, actor, f"Sửa nhiệm vụ {code} của dự thảo")


@transaction.atomic
def draft_task_delete(*, plan: Plan, actor: Actor, code: str) -> None:
    require_monitor(actor)
    document = _draft_document(plan)
    document["tasks"] = [t for t in document["tasks"] if t["code"] != code]
    document["assignments"] = [
        a for a in document["assignments"] if not (a["scope"] == "task" and a["ref"] == code)
    ]
    for item in document["breakthroughs"]:
        item["tasks"] = [c for c in item["tasks"] if c != code]
    _save(plan, document, actor, f"Bỏ nhiệm vụ {code} khỏi dự thảo")


@transaction.atomic
def draft_program_save(*, plan: Plan, actor: Actor, number: int, title: str) -> None:
    require_monitor(actor)
    document = _draft_document(plan)
    for program in document["programs"]:
        if program["number"] == number:
            program["title"] = title
            break
    else:
        raise PlanDocumentError("$.programs", f"không có chương trình {number}")
    _save(plan, document, actor, f"Sửa tên chương trình {number} của dự thảo")


# --- Indicators of the draft's targets, and what the office has looked at ------------------------


def _imported(plan: Plan) -> ImportedDocument | None:
    return ImportedDocument.objects.filter(plan=plan).order_by("-uploaded_at", "-id").first()


def _mark_reviewed(plan: Plan, codes: list[str]) -> None:
    imported = _imported(plan)
    if imported is None:
        return
    reviewed = list(imported.proposal.get("reviewed", []))
    added = [code for code in codes if code not in reviewed]
    if added:
        imported.proposal = {**imported.proposal, "reviewed": reviewed + added}
        imported.save(update_fields=["proposal"])


def _drop_unused_created(plan: Plan, code: str | None, actor: Actor) -> None:
    """Remove an indicator that this import created when no target and no figure uses it any
    more (the office chose another one, or removed the target): the catalogue keeps no trace of
    a proposal that was not taken. Audited."""
    imported = _imported(plan)
    if (
        code is None
        or imported is None
        or code not in imported.proposal.get("created_indicators", [])
    ):
        return
    indicator = Indicator.objects.filter(code=code).first()
    if indicator is None or indicator.targets.exists():
        return
    if Figure.objects.filter(indicator=indicator).exists():
        return
    audit_record(
        actor=actor,
        action=AuditAction.DELETE,
        obj=indicator,
        reason=f"Chỉ số do nhập dự thảo “{plan.code}” tạo ra, không còn chỉ tiêu nào dùng",
        plan_code=plan.code,
    )
    indicator.delete()
    imported.proposal = {
        **imported.proposal,
        "created_indicators": [c for c in imported.proposal["created_indicators"] if c != code],
    }
    imported.save(update_fields=["proposal"])


@dataclass(frozen=True)
class IndicatorChoice:
    """What choosing a target's indicator did: the indicator, and whether it was made now or
    found in the catalogue under the name asked for."""

    indicator: Indicator
    created: bool
    found_by_name: bool


@transaction.atomic
def draft_target_indicator_set(
    *, plan: Plan, actor: Actor, code: str, indicator_code: str | None, new_name: str = ""
) -> IndicatorChoice:
    """The office chooses the indicator a draft's target measures: one of the catalogue
    (`indicator_code`), or a new one named `new_name` with the target's unit (when the catalogue
    already has that name and unit, that indicator is taken). The choice becomes the target's
    `indicator_code` in the draft. Raises PlanDocumentError with a Vietnamese message."""
    require_monitor(actor)
    document = _draft_document(plan)
    target = next((t for t in document["targets"] if t["code"] == code), None)
    if target is None:
        raise PlanDocumentError("$.targets", f"không có chỉ tiêu “{code}”")
    previous = target.get("indicator_code")
    created = found_by_name = False
    if indicator_code:
        indicator = Indicator.objects.filter(code=indicator_code).first()
        if indicator is None:
            raise PlanDocumentError(
                "$.targets.indicator_code", f"không có chỉ số mã “{indicator_code}” trong danh mục"
            )
    else:
        name = " ".join(new_name.split())
        if not name:
            raise PlanDocumentError("$.targets.indicator_code", "cần tên của chỉ số mới")
        found = indicator_match(name=name, unit=target.get("unit", ""))
        if found is not None:
            indicator, found_by_name = found, True
        else:
            indicator = indicator_resolve(
                name=name,
                unit=target.get("unit", ""),
                actor=actor,
                reason=f"Chỉ số mới cho chỉ tiêu {code} của dự thảo “{plan.code}”",
            )
            created = True
    target["indicator_code"] = indicator.code
    _save(plan, document, actor, f"Chọn chỉ số “{indicator.code}” cho chỉ tiêu {code} của dự thảo")
    imported = _imported(plan)
    if imported is not None and created:
        imported.proposal = {
            **imported.proposal,
            "created_indicators": [
                *imported.proposal.get("created_indicators", []),
                indicator.code,
            ],
        }
        imported.save(update_fields=["proposal"])
    _mark_reviewed(plan, [code])
    if previous and previous != indicator.code:
        _drop_unused_created(plan, previous, actor)
    return IndicatorChoice(indicator=indicator, created=created, found_by_name=found_by_name)


@transaction.atomic
def draft_target_confirm(*, plan: Plan, actor: Actor, code: str) -> None:
    """The office has looked at a target the reader was unsure of and keeps it as proposed: it
    leaves the list of targets to look at."""
    require_monitor(actor)
    _draft_document(plan)
    if not plan.targets.filter(code=code).exists():
        raise PlanDocumentError("$.targets", f"không có chỉ tiêu “{code}”")
    _mark_reviewed(plan, [code])
