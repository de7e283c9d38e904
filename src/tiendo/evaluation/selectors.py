"""Reads for the evaluation: accepted figures and assessments as the engine's plain data."""

from __future__ import annotations

import functools
import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps

from tiendo.accounts.models import Profile
from tiendo.audit.models import AuditEntry
from tiendo.core.prepared import row_fetch_prepared
from tiendo.indicators.models import Figure as FigureRow
from tiendo.indicators.selectors import series_figures
from tiendo.plans.models import (
    Assignment,
    ImplementingDocument,
    Plan,
    PlanRevision,
    PlanStatus,
    Target,
)

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


def figure_histories(
    *, indicator_ids: Iterable[int], area_id: int | None
) -> dict[int, list[FigureRow]]:
    """For each of these indicators (by id; those of a plan's targets): every accepted figure
    of it in the plan's area, including the years before the plan began (context) and
    corrections, newest first. One query."""
    result: dict[int, list[FigureRow]] = defaultdict(list)
    rows = (
        series_figures(indicator_ids=indicator_ids, area_id=area_id)
        .select_related("accepted_by", "corrects", "reported_by")
        .order_by("-year", "-id")
    )
    for row in rows:
        result[row.indicator_id].append(row)
    return dict(result)


def assessment_histories(*, plan: Plan) -> dict[int, list[Assessment]]:
    """Each assessment of the plan's targets, by target id, newest first. One query."""
    result: dict[int, list[Assessment]] = defaultdict(list)
    rows = (
        Assessment.objects.filter(target__plan=plan)
        .select_related("assessed_by")
        .order_by("-assessed_at", "-id")
    )
    for row in rows:
        result[row.target_id].append(row)
    return dict(result)


# What a plan's pages read besides its own tables: audited edits of the plans and evaluation
# apps' rows about this plan (a target's meaning, the plan's term or status, a delegation ended,
# a unit's work handed on), and of organisational units (names, successions), which any plan
# may show.
PLAN_APPS = ("plans", "evaluation")
ORG_APPS = ("org",)
# What a plan's target and program pages read beyond the plan itself (`PlanStamp.site`): who
# can report (reporter accounts) and the names of users shown beside figures, and the targets of
# other plans of record that measure the same indicator.
ACCOUNT_TYPES = ("auth.user", "accounts.profile")
ELSEWHERE_TYPES = ("plans.plan", "plans.program", "plans.target")


@dataclass(frozen=True)
class PlanStamp:
    """A plan of record's identity and a fingerprint of everything its overview and its
    evaluation read (`inputs`): it changes whenever any of them changes (rows are only ever
    added, or edited through a service that writes an audit entry)."""

    plan_id: int
    code: str
    status: str
    term_from_year: int
    term_to_year: int
    inputs: tuple[object, ...]
    # beyond the plan: accounts and users, other plans' targets (not an input of the evaluation)
    site: tuple[object, ...] = ()

    @property
    def version(self) -> str:
        """The fingerprint as a short token, safe in any cache key."""
        return hashlib.sha256(repr(self.inputs).encode()).hexdigest()[:24]

    @property
    def page_version(self) -> str:
        """The fingerprint of everything a page about one of the plan's targets or programs
        reads: the plan's inputs and the `site` part."""
        return hashlib.sha256(repr((self.inputs, self.site)).encode()).hexdigest()[:24]


def _labels(app_labels: tuple[str, ...]) -> list[str]:
    return sorted(
        model._meta.label_lower
        for label in app_labels
        for model in apps.get_app_config(label).get_models()
    )


@functools.cache
def _stamp_sql() -> tuple[str, list[str]]:
    """One plain SQL statement (built once per process; Django's query compiler costs more
    than the query): scalar subqueries each reading one index. `MAX(x.id + 0)` where the rows
    are found by the plan: without the `+ 0` a database may walk the whole table backwards by
    primary key until a row of this plan turns up (PostgreSQL did, for the audit log: 25 ms
    for the first of 34 provinces), instead of reading the plan's few rows by its index. The
    same walk is why the latest audit entry is read one kind at a time (`=`, not `IN`):
    `MAX(id)` of one kind is one probe of the index (object_type, id), or (plan_code,
    object_type, id) for the kinds about one plan (all of the plan's entries of those kinds
    were read before: 0.9 of its 2.8 ms at 34 provinces, ~370 entries by the end of a term)."""
    plan = Plan._meta.db_table
    target = Target._meta.db_table
    figure = FigureRow._meta.db_table
    assessment = Assessment._meta.db_table
    profile = Profile._meta.db_table
    audit = AuditEntry._meta.db_table
    assignment = Assignment._meta.db_table
    revision = PlanRevision._meta.db_table
    document = ImplementingDocument._meta.db_table
    plan_types, org_types = _labels(PLAN_APPS), _labels(ORG_APPS)
    # the plan's latest audited edit of each kind: one probe each (no `+ 0`: both columns
    # before `id` in the index are fixed)
    latest_of_plan_kinds = ",\n".join(
        f"(SELECT MAX(e.id) FROM {audit} e WHERE e.plan_code = p.code AND e.object_type = %s)"
        for _kind in plan_types
    )
    # the latest entry of each kind that is not about one plan: one probe each of the index
    # (object_type, id), however long the log has grown since
    kinds = [*org_types, *ACCOUNT_TYPES, *ELSEWHERE_TYPES]
    latest_of_kinds = ",\n".join(
        f"(SELECT MAX(e.id) FROM {audit} e WHERE e.object_type = %s)" for _kind in kinds
    )
    sql = f"""
        SELECT p.id, p.code, p.status, p.term_from_year, p.term_to_year, p.area_id,
          (SELECT COUNT(*) FROM {target} t WHERE t.plan_id = p.id),
          (SELECT MAX(t.id + 0) FROM {target} t WHERE t.plan_id = p.id),
          (SELECT COUNT(*) FROM {figure} f WHERE f.area_id = p.area_id AND f.indicator_id IN
             (SELECT t.indicator_ref_id FROM {target} t WHERE t.plan_id = p.id)),
          (SELECT MAX(f.id) FROM {figure} f WHERE f.area_id = p.area_id AND f.indicator_id IN
             (SELECT t.indicator_ref_id FROM {target} t WHERE t.plan_id = p.id)),
          (SELECT COUNT(*) FROM {assessment} a WHERE a.target_id IN
             (SELECT t.id FROM {target} t WHERE t.plan_id = p.id)),
          (SELECT MAX(a.id) FROM {assessment} a WHERE a.target_id IN
             (SELECT t.id FROM {target} t WHERE t.plan_id = p.id)),
          (SELECT COUNT(*) FROM {assignment} n WHERE n.plan_id = p.id),
          (SELECT MAX(n.id + 0) FROM {assignment} n WHERE n.plan_id = p.id),
          (SELECT MAX(r.id) FROM {revision} r WHERE r.plan_id = p.id),
          (SELECT COUNT(*) FROM {document} d WHERE d.plan_id = p.id),
          (SELECT MAX(d.id) FROM {document} d WHERE d.plan_id = p.id),
          {latest_of_plan_kinds},
          {latest_of_kinds},
          (SELECT MAX(t.id) FROM {target} t),
          (SELECT COUNT(*) FROM {profile} r)
        FROM {plan} p
    """
    return sql, [*plan_types, *kinds]


# the last scalar subqueries of `_stamp_sql`: `PlanStamp.site`
SITE_PARTS = len(ACCOUNT_TYPES) + len(ELSEWHERE_TYPES) + 2


def plan_stamp(
    *, code: str | None = None, plan_id: int | None = None, include_drafts: bool = False
) -> PlanStamp | None:
    """The stamp of the plan with this code (or id): one query. None when there is no such plan
    (or it is a draft and drafts are not asked for)."""
    sql, names = _stamp_sql()
    params: list[str | int | None] = list(names)
    if plan_id is not None:
        sql += " WHERE p.id = %s"
        params.append(plan_id)
    else:
        sql += " WHERE p.code = %s"
        params.append(code)
    if not include_drafts:
        sql += " AND p.status <> %s"
        params.append(str(PlanStatus.DRAFT))
    # every page of a plan runs it: planned once per connection (tiendo.core.prepared)
    row = row_fetch_prepared(sql, params)
    if row is None:
        return None
    pk, plan_code, status, term_from, term_to, *inputs = row
    return PlanStamp(
        plan_id=pk,
        code=plan_code,
        status=status,
        term_from_year=term_from,
        term_to_year=term_to,
        inputs=(status, term_from, term_to, *inputs[:-SITE_PARTS]),
        site=tuple(inputs[-SITE_PARTS:]),
    )


def evaluation_inputs_version(*, plan: Plan) -> tuple[object, ...]:
    """A fingerprint of everything a plan's evaluation reads (see `PlanStamp`). One query."""
    stamp = plan_stamp(plan_id=plan.pk, include_drafts=True)
    if stamp is None:
        raise Plan.DoesNotExist(plan.pk)
    return stamp.inputs


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
