"""Reads for the evaluation: accepted figures and assessments as the engine's plain data."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Aggregate, Count, Max, OuterRef, QuerySet, Subquery

from tiendo.audit.models import AuditEntry
from tiendo.indicators.models import Figure as FigureRow
from tiendo.indicators.selectors import series_figures
from tiendo.plans.models import Plan, Target

from . import engine
from .adapters import target_spec
from .labels import status_text
from .models import Assessment, PlanClosure


def targets_for_evaluation(*, plan: Plan) -> list[Target]:
    return list(Target.objects.filter(plan=plan).select_related("program").order_by("position"))


def target_specs(*, plan: Plan, targets: list[Target]) -> list[engine.TargetSpec]:
    return [target_spec(target=t, term_from_year=plan.term_from_year) for t in targets]


def figures_accepted(*, plan: Plan) -> dict[str, list[engine.Figure]]:
    """Every accepted figure of the indicators the plan's targets measure, in the plan's area,
    by target code: one figure serves every target that measures its indicator (one query)."""
    result: dict[str, list[engine.Figure]] = defaultdict(list)
    rows = (
        FigureRow.objects.filter(area_id=plan.area_id, indicator__targets__plan=plan)
        .order_by("id")
        .values_list(
            "indicator__targets__code",
            "year",
            "from_year",
            "value",
            "figure_type",
            "qualifier",
            "id",
            "note",
        )
    )
    for code, year, from_year, value, figure_type, qualifier, pk, note in rows:
        result[code].append(
            engine.Figure(
                year=year,
                from_year=from_year,
                value=value,
                figure_type=figure_type,
                qualifier=qualifier,
                order=pk,
                note=note,
            )
        )
    return dict(result)


def assessments_latest(*, plan: Plan) -> dict[str, list[engine.Assessment]]:
    """Reviewer assessments by target code (one query)."""
    result: dict[str, list[engine.Assessment]] = defaultdict(list)
    rows = (
        Assessment.objects.filter(target__plan=plan)
        .select_related("target", "assessed_by")
        .order_by("assessed_at", "id")
    )
    for order, row in enumerate(rows, start=1):
        result[row.target.code].append(
            engine.Assessment(
                status=row.status,
                reasons=row.reasons,
                order=order,
                assessed_by=row.assessed_by.get_username() if row.assessed_by else "",
            )
        )
    return dict(result)


def figure_history(*, target: Target) -> list[FigureRow]:
    """Every accepted figure of the indicator a target measures, in its plan's area, including
    the years before the plan began (context) and corrections, newest first."""
    if target.indicator_ref_id is None:
        return []
    return list(
        series_figures(indicator_ids=[target.indicator_ref_id], area_id=target.plan.area_id)
        .select_related("accepted_by", "corrects", "reported_by")
        .order_by("-year", "-id")
    )


def assessment_history(*, target: Target) -> list[Assessment]:
    return list(
        Assessment.objects.filter(target=target)
        .select_related("assessed_by")
        .order_by("-assessed_at", "-id")
    )


# Audited edits that change what the evaluation reads (a target's meaning, the plan's term).
EVALUATED_OBJECT_TYPES = ("plans.target", "plans.plan")


def evaluation_inputs_version(*, plan: Plan) -> tuple[object, ...]:
    """A fingerprint of everything a plan's evaluation reads: its targets, accepted figures,
    assessments and the latest audited edit of a target or of the plan. One query; it changes
    whenever any input changes (rows are only ever added, or edited with an audit entry)."""

    def per_plan(rows: QuerySet[Any], group: str, aggregate: Aggregate) -> Subquery:
        return Subquery(rows.values(group).annotate(v=aggregate).values("v"))

    targets = Target.objects.filter(plan=OuterRef("pk"))
    figures = FigureRow.objects.filter(
        area_id=OuterRef("area_id"), indicator__targets__plan=OuterRef("pk")
    )
    assessments = Assessment.objects.filter(target__plan=OuterRef("pk"))
    edits = AuditEntry.objects.filter(
        plan_code=OuterRef("code"), object_type__in=EVALUATED_OBJECT_TYPES
    )
    row = (
        Plan.objects.filter(pk=plan.pk)
        .annotate(
            t_count=per_plan(targets, "plan", Count("id")),
            t_max=per_plan(targets, "plan", Max("id")),
            f_count=per_plan(figures, "area", Count("id")),
            f_max=per_plan(figures, "area", Max("id")),
            a_max=per_plan(assessments, "target__plan", Max("id")),
            edit_max=per_plan(edits, "plan_code", Max("id")),
        )
        .values_list("t_count", "t_max", "f_count", "f_max", "a_max", "edit_max")
        .get()
    )
    return tuple(row)


# --- The frozen evaluation of a closed term ----------------------------------------------------


def closure_get(*, plan: Plan) -> PlanClosure | None:
    """The closure of a plan's term, if it was closed (one query)."""
    return PlanClosure.objects.filter(plan_id=plan.pk).first()


@dataclass(frozen=True)
class ClosureVerdict:
    """A target's verdict frozen when the term was closed, beside the verdict on the figures
    held now (as of the same year)."""

    code: str
    status: str
    label: str
    explanation: str
    current_status: str
    current_label: str

    @property
    def changed(self) -> bool:
        return self.status != self.current_status

    def as_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "label": self.label,
            "explanation": self.explanation,
            "changed": self.changed,
            "current_status": self.current_status,
        }


def closure_verdicts(
    *, closure: PlanClosure, evaluations: Iterable[engine.Evaluation]
) -> dict[str, ClosureVerdict]:
    """For each target of a closed plan: the frozen verdict and the one the figures held now
    give (`evaluations` as of `closure.as_of_year`), by target code. No query."""
    frozen = {str(item.get("code")): item for item in closure.evaluations}
    result: dict[str, ClosureVerdict] = {}
    for evaluation in evaluations:
        item = frozen.get(evaluation.code)
        if item is None:
            continue
        result[evaluation.code] = ClosureVerdict(
            code=evaluation.code,
            status=str(item.get("status", "")),
            label=str(status_text(item.get("status", ""))),
            explanation=str(item.get("explanation", "")),
            current_status=str(evaluation.status),
            current_label=str(status_text(evaluation.status)),
        )
    return result
