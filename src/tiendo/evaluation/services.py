"""Evaluating a plan, and recording reviewer assessments."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from tiendo.accounts.permissions import require_monitor
from tiendo.audit.models import AuditAction
from tiendo.audit.services import actor_user, audit_record
from tiendo.core.memo import memo_get_or_build
from tiendo.plans.models import Plan, PlanStatus, Target
from tiendo.plans.selectors import plan_overview
from tiendo.plans.services import plan_close_mark

from . import engine
from .models import Assessment, AssessmentStatus, PlanClosure
from .selectors import (
    PlanStamp,
    assessments_latest,
    evaluation_inputs_version,
    figures_accepted,
    plan_stamp,
    target_specs,
    targets_for_evaluation,
)

CACHE_SECONDS = 3600


@dataclass
class ProgramEvaluation:
    number: int
    title: str
    evaluations: list[engine.Evaluation]
    counts: Counter[str] = field(default_factory=Counter)


@dataclass
class PlanEvaluation:
    plan: Plan
    as_of_year: int
    evaluations: list[engine.Evaluation]
    programs: list[ProgramEvaluation]
    counts: Counter[str]
    targets: list[Target] = field(default_factory=list)
    specs: dict[str, engine.TargetSpec] = field(default_factory=dict)
    figures: dict[str, list[engine.Figure]] = field(default_factory=dict)

    def by_code(self) -> dict[str, engine.Evaluation]:
        return {e.code: e for e in self.evaluations}


@functools.cache
def _engine_digest() -> str:
    """A digest of the engine's source: a cached evaluation made by other code is never reused
    (its fields or its verdicts may differ)."""
    digest = hashlib.sha256()
    root = resources.files(engine.__name__)
    for path in sorted(_sources(root), key=str):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _sources(root: Any) -> list[Any]:
    found = []
    for item in root.iterdir():
        if item.is_dir():
            found += _sources(item)
        elif item.name.endswith(".py"):
            found.append(item)
    return found


def evaluation_cache_key(*, plan_id: int, as_of_year: int, inputs: tuple[object, ...]) -> str:
    """A cache key safe for every backend (letters, digits, "-" and ":" only, short)."""
    fingerprint = hashlib.sha256(repr(inputs).encode()).hexdigest()[:32]
    return f"tiendo:evaluation:{_engine_digest()}:{plan_id}:{as_of_year}:{fingerprint}"


def _evaluated(
    *, plan: Plan, as_of_year: int
) -> tuple[
    list[Target], list[engine.TargetSpec], list[engine.Evaluation], dict[str, list[engine.Figure]]
]:
    targets = targets_for_evaluation(plan=plan)
    specs = target_specs(plan=plan, targets=targets)
    figures = figures_accepted(plan=plan)
    evaluations = engine.evaluate_many(
        targets=specs,
        figures_by_code=figures,
        assessments_by_code=assessments_latest(plan=plan),
        as_of_year=as_of_year,
    )
    return targets, specs, evaluations, figures


def plan_evaluate(
    *,
    plan: Plan,
    as_of_year: int,
    figures: dict[str, list[engine.Figure]] | None = None,
    stamp: PlanStamp | None = None,
) -> PlanEvaluation:
    """Evaluate every target of a plan as of a year, from the accepted figures in the database
    or, for a what-if, from `figures` given by the caller (nothing is written).

    From the database the result (with the targets and their specs) is reused while none of its
    inputs has changed: one query (the plan's stamp, unless the caller has it) when nothing did."""
    evaluations: list[engine.Evaluation]
    if figures is None:
        if stamp is None or stamp.plan_id != plan.pk:
            stamp = plan_stamp(plan_id=plan.pk, include_drafts=True)
        inputs = stamp.inputs if stamp is not None else ("missing",)
        key = evaluation_cache_key(plan_id=plan.pk, as_of_year=as_of_year, inputs=inputs)
        targets, specs, evaluations, figures = memo_get_or_build(
            key=key,
            build=lambda: (_evaluated(plan=plan, as_of_year=as_of_year), True),
            timeout=CACHE_SECONDS,
        )
        # shared with the worker's other requests: the lists and dicts given out are copies
        targets, evaluations, figures = list(targets), list(evaluations), dict(figures)
    else:
        targets = targets_for_evaluation(plan=plan)
        specs = target_specs(plan=plan, targets=targets)
        evaluations = engine.evaluate_many(
            targets=specs,
            figures_by_code=figures,
            assessments_by_code=assessments_latest(plan=plan),
            as_of_year=as_of_year,
        )
    programs: dict[int, ProgramEvaluation] = {}
    for target, evaluation in zip(targets, evaluations, strict=True):
        program = programs.setdefault(
            target.program.number,
            ProgramEvaluation(
                number=target.program.number, title=target.program.title, evaluations=[]
            ),
        )
        program.evaluations.append(evaluation)
        program.counts[str(evaluation.status)] += 1
    counts: Counter[str] = Counter(str(e.status) for e in evaluations)
    return PlanEvaluation(
        plan=plan,
        as_of_year=as_of_year,
        evaluations=evaluations,
        programs=[programs[n] for n in sorted(programs)],
        counts=counts,
        targets=targets,
        specs={spec.code: spec for spec in specs},
        figures=figures,
    )


def plan_overview_cached(*, stamp: PlanStamp, today: dt.date | None = None) -> Plan:
    """`plan_overview` (the plan with its programs, assignments in force, documents…), reused
    while the plan's stamp is unchanged (and for the day: assignments start and end on dates)."""
    today = today or timezone.localdate()
    key = f"tiendo:overview:{stamp.plan_id}:{today.isoformat()}:{stamp.version}"
    return memo_get_or_build(
        key=key, build=lambda: (plan_overview(code=stamp.code), True), timeout=CACHE_SECONDS
    )


@transaction.atomic
def assessment_record(
    *,
    target: Target,
    year: int,
    status: AssessmentStatus | str,
    reasons: str,
    actor: AbstractBaseUser | AnonymousUser | None,
) -> Assessment:
    """Record a reviewer's assessment of a qualitative target, with its reasons (required)."""
    if not reasons.strip():
        raise ValueError("Cần ghi rõ lý do, căn cứ của đánh giá.")
    assessment = Assessment.objects.create(
        target=target,
        year=year,
        status=str(status),
        reasons=reasons.strip(),
        assessed_at=timezone.now(),
        assessed_by=actor_user(actor),
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=assessment,
        changes={
            "status": {"before": None, "after": str(status)},
            "year": {"before": None, "after": year},
        },
        reason=reasons.strip(),
        plan_code=target.plan.code,
    )
    return assessment


# --- Closing a term -------------------------------------------------------------------------


def _fingerprint(plan: Plan) -> str:
    inputs = (_engine_digest(), evaluation_inputs_version(plan=plan))
    return hashlib.sha256(repr(inputs).encode()).hexdigest()


@transaction.atomic
def plan_close(
    *, actor: Any, plan: Plan, today: dt.date, reason: str, decision_ref: str = ""
) -> PlanClosure:
    """The office closes a plan once its term has ended: the evaluation as of the term's last
    year is frozen (with the fingerprint of its inputs), the plan becomes "Đã kết thúc" and no
    round can be opened for it any more. Later corrections of its figures stay possible (and
    audited); the frozen verdict is kept beside whatever they change."""
    require_monitor(actor)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Cần ghi lý do, căn cứ kết thúc nhiệm kỳ."})
    if plan.status != PlanStatus.ACTIVE:
        raise ValidationError("Chỉ chương trình đang thực hiện mới kết thúc được.")
    if today.year <= plan.term_to_year:
        raise ValidationError(
            f"Nhiệm kỳ {plan.term_from_year}–{plan.term_to_year} chưa kết thúc: chỉ kết thúc "
            f"được từ ngày 01/01/{plan.term_to_year + 1}."
        )
    result = plan_evaluate(plan=plan, as_of_year=plan.term_to_year)
    closure = PlanClosure.objects.create(
        plan=plan,
        closed_on=today,
        as_of_year=plan.term_to_year,
        decision_ref=decision_ref.strip(),
        reason=reason,
        inputs_fingerprint=_fingerprint(plan),
        evaluations=[
            {**e.to_dict(), "reason": engine.reason_data(e.reason)} for e in result.evaluations
        ],
        counts={str(k): v for k, v in sorted(result.counts.items())},
        closed_at=timezone.now(),
        closed_by=actor_user(actor),
    )
    plan_close_mark(plan=plan, actor=actor, reason=reason)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=closure,
        changes={
            "closed_on": {"before": None, "after": today.isoformat()},
            "as_of_year": {"before": None, "after": plan.term_to_year},
            "counts": {"before": None, "after": closure.counts},
        },
        reason=reason,
        plan_code=plan.code,
    )
    return closure


@transaction.atomic
def closure_file_attach(
    *, actor: Any, closure: PlanClosure, content: bytes, filename: str, signed: bool
) -> PlanClosure:
    """Keep the final report file (made when the term is closed) or the signed report (scanned
    or signed digitally, attached later) with the closure. Audited."""
    require_monitor(actor)
    if not content:
        raise ValidationError("Tệp trống.")
    field_name = "signed_report" if signed else "report_file"
    before = getattr(closure, field_name).name or None
    getattr(closure, field_name).save(filename, ContentFile(content), save=False)
    fields = [field_name]
    if signed:
        closure.signed_report_name = filename[:255]
        fields.append("signed_report_name")
    closure.save(update_fields=fields)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=closure,
        changes={field_name: {"before": before, "after": getattr(closure, field_name).name}},
        reason="Báo cáo đã ký" if signed else "Báo cáo tổng kết khi kết thúc nhiệm kỳ",
        plan_code=closure.plan.code,
    )
    return closure
