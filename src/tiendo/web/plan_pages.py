"""A plan's dashboard, its program pages and its target pages: the parts that are the same for
every reader, rendered once and kept behind the plan's stamp (`page_cache`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from tiendo.accounts.permissions import require_read_all
from tiendo.core.memo import memo_get_or_build
from tiendo.evaluation import selectors as evaluation_selectors
from tiendo.evaluation.models import Assessment, PlanClosure
from tiendo.evaluation.selectors import PlanStamp
from tiendo.evaluation.services import (
    CACHE_SECONDS,
    PlanEvaluation,
    plan_evaluate,
    plan_overview_cached,
)
from tiendo.indicators.models import Figure
from tiendo.plans import selectors as plan_selectors
from tiendo.plans.coverage import ItemCoverage, plan_coverage
from tiendo.plans.models import Plan, PlanStatus, Program, Target
from tiendo.reporting import selectors as reporting_selectors

from . import dashboard
from .page_cache import page_cache_key, page_parts


def _years(plan: Plan) -> list[int]:
    return list(range(plan.term_from_year + 1, plan.term_to_year + 1))


def _closure_verdicts(
    *, result: PlanEvaluation, stamp: PlanStamp
) -> tuple[PlanClosure | None, dict[str, evaluation_selectors.ClosureVerdict]]:
    """A closed term's closure and each target's verdict frozen then beside the verdict on the
    figures held now, as of the closure's year (None and nothing for a plan not closed)."""
    plan = result.plan
    if plan.status != PlanStatus.CLOSED:
        return None, {}
    closure = evaluation_selectors.closure_get(plan=plan)
    if closure is None:
        return None, {}
    now = result
    if result.as_of_year != closure.as_of_year:
        now = plan_evaluate(plan=plan, as_of_year=closure.as_of_year, stamp=stamp)
    return closure, evaluation_selectors.closure_verdicts(
        closure=closure, evaluations=now.evaluations
    )


# --- The plan's dashboard ------------------------------------------------------------------


@dataclass(frozen=True)
class PlanPage:
    """The parts of a plan's page that are the same for everyone who reads it (per plan, as-of
    year and language); the header, the navigation and what depends on the reader are not."""

    title: SafeString
    heading: SafeString
    switch: SafeString  # links to the other plans of record
    closure: SafeString  # a closed term's banner, with the verdicts that changed since
    dashboard: SafeString
    overview: SafeString
    revisions: SafeString


PLAN_PARTS = ("title", "heading", "switch", "closure", "dashboard", "overview", "revisions")


def plan_page(*, stamp: PlanStamp, as_of: int) -> PlanPage:
    """The plan's page parts, from the cache while the plan's stamp (its overview, every input
    of its evaluation, the other plans of record), the day and the code are unchanged; else
    rendered and kept."""
    today = timezone.localdate()
    lang = translation.get_language() or "vi"

    def context() -> tuple[dict[str, object], bool]:
        plan = plan_overview_cached(stamp=stamp, today=today)
        result = plan_evaluate(plan=plan, as_of_year=as_of, stamp=stamp)
        closure, verdicts = _closure_verdicts(result=result, stamp=stamp)
        return {
            "plan": plan,
            "code": plan.code,
            "other_plans": plan_selectors.plans_other(plan=plan),
            "closure": closure,
            "closure_changed": [v for v in verdicts.values() if v.changed],
            "as_of": as_of,
            "years": _years(plan),
            "programs": dashboard.program_summaries(result=result),
            "totals": dashboard.plan_totals(result=result),
            "attention": dashboard.attention_first(result=result, lang=lang),
            "revisions": list(plan_selectors.plan_revisions(plan=plan)),
        }, True

    key = page_cache_key(page="plan", stamp=stamp, version=stamp.page_version, as_of=as_of)
    parts = page_parts(key=key, template="web/plan_detail.html", names=PLAN_PARTS, context=context)
    assert parts is not None  # the plan exists: its stamp was read
    return PlanPage(**parts)


# --- A program's page ----------------------------------------------------------------------


@dataclass(frozen=True)
class ProgramPage:
    title: SafeString
    body: SafeString  # the whole page below the header
    results: SafeString  # the filters and the targets (what htmx swaps when a filter changes)


def program_page(
    *, stamp: PlanStamp, number: int, as_of: int, status: str = "", unit: str = ""
) -> ProgramPage | None:
    """A program's page filtered by status and unit, or None when the plan has no such
    program. Kept behind the plan's stamp and what else it shows (`PlanStamp.page_version`);
    a filter naming no status or unit of the page is answered but not kept."""
    lang = translation.get_language() or "vi"

    def context() -> tuple[dict[str, object], bool] | None:
        try:
            program = plan_selectors.program_detail(plan_code=stamp.code, number=number)
        except Program.DoesNotExist:
            return None
        plan = program.plan
        result = plan_evaluate(plan=plan, as_of_year=as_of, stamp=stamp)
        view = dashboard.program_view(
            result=result, program=program, status=status, unit=unit, lang=lang
        )
        known = (not status or status in dashboard.STATUS_ORDER) and (
            not unit or any(u.code == unit for u in view.units)
        )
        return {
            "program": program,
            "plan": plan,
            "as_of": as_of,
            "years": _years(plan),
            "rows": view.rows,
            "tasks": view.tasks,
            "statuses": dashboard.STATUS_ORDER,
            "status": status,
            "units": view.units,
            "unit": unit,
        }, known

    key = page_cache_key(
        page="program",
        stamp=stamp,
        version=stamp.page_version,
        as_of=as_of,
        args=(number, status, unit),
    )
    parts = page_parts(
        key=key,
        template="web/program_detail.html",
        names=("title", "body", "results"),
        context=context,
    )
    return ProgramPage(**parts) if parts is not None else None


# --- A target's page -----------------------------------------------------------------------


@dataclass(frozen=True)
class TargetPagesInputs:
    """What the target pages of a plan show besides its evaluation, read for all its targets
    at once (nine queries instead of six for each page) and kept behind the plan's stamp and
    the day, like the pages: a plan's first target page reads it, the others (and the
    warm-up, for each plan) find it."""

    targets: dict[str, Target]  # by code, with plan, program and indicator
    figures: dict[int, list[Figure]]  # by indicator: its accepted figures in the plan's area
    assessments: dict[int, list[Assessment]]  # by target
    coverage: dict[int, ItemCoverage]  # by target: who reports it today
    alike: dict[int, list[Target]]  # by indicator: the same target in other plans

    def shown_with(self, target: Target) -> dict[str, object]:
        """What the page of one of these targets shows beside the target itself."""
        indicator = target.indicator_ref_id
        return {
            "alike": self.alike.get(indicator, []) if indicator is not None else [],
            "figures": self.figures.get(indicator, []) if indicator is not None else [],
            "coverage": self.coverage[target.pk],
            "assessments": self.assessments.get(target.pk, []),
        }


def target_pages_inputs(*, stamp: PlanStamp) -> TargetPagesInputs:
    """The plan's `TargetPagesInputs`, from the cache when its stamp and the day are the same."""
    key = page_cache_key(page="target-inputs", stamp=stamp, version=stamp.page_version, as_of=0)

    def build() -> tuple[TargetPagesInputs, bool]:
        targets = plan_selectors.plan_targets_detail(plan_code=stamp.code)
        if not targets:
            return TargetPagesInputs({}, {}, {}, {}, {}), True
        plan = next(iter(targets.values())).plan
        indicators = {t.indicator_ref_id for t in targets.values() if t.indicator_ref_id}
        return TargetPagesInputs(
            targets=targets,
            figures=evaluation_selectors.figure_histories(
                indicator_ids=indicators, area_id=plan.area_id
            ),
            assessments=evaluation_selectors.assessment_histories(plan=plan),
            coverage={item.item.pk: item for item in plan_coverage(plan=plan).targets},
            alike=plan_selectors.targets_alike(plan=plan),
        ), True

    return memo_get_or_build(key=key, build=build, timeout=CACHE_SECONDS)


@dataclass(frozen=True)
class TargetPage:
    title: SafeString
    body: SafeString


def target_page(*, stamp: PlanStamp, code: str, as_of: int) -> TargetPage | None:
    """A target's page (its verdict and chart, figures, assessments, who reports it, the same
    target in other terms), or None when the plan has no such target. Kept behind the plan's
    stamp and what else it shows (`PlanStamp.page_version`)."""
    lang = translation.get_language() or "vi"

    def context() -> tuple[dict[str, object], bool] | None:
        inputs = target_pages_inputs(stamp=stamp)
        target = inputs.targets.get(code)
        if target is None:
            return None
        plan = target.plan
        result = plan_evaluate(plan=plan, as_of_year=as_of, stamp=stamp)
        (row,) = dashboard.target_rows(result=result, code=target.code, with_chart=True, lang=lang)
        closure, verdicts = _closure_verdicts(result=result, stamp=stamp)
        return {
            **inputs.shown_with(target),
            "target": target,
            "plan": plan,
            "as_of": as_of,
            "years": _years(plan),
            "row": row,
            "closure": closure,
            "at_closure": verdicts.get(target.code),
        }, True

    key = page_cache_key(
        page="target", stamp=stamp, version=stamp.page_version, as_of=as_of, args=(code,)
    )
    parts = page_parts(
        key=key, template="web/target_detail.html", names=("title", "body"), context=context
    )
    return TargetPage(**parts) if parts is not None else None


def round_panel(*, actor: Any, stamp: PlanStamp) -> SafeString:
    """The open rounds of the plan at a glance, for the office and leaders only (NotAllowed
    for anyone else): `round_panel_cached`."""
    require_read_all(actor)
    return round_panel_cached(stamp=stamp)


def round_panel_cached(*, stamp: PlanStamp) -> SafeString:
    """The open rounds' panel of the plan (`web/_round_panel.html`; empty without an open
    round), without asking who reads it: the same for all who may. Kept while the rounds'
    fingerprint (one query of plain values) and the plan's stamp (the units' names) are the
    same, per language and day (days left or overdue)."""
    version = reporting_selectors.round_panels_version(plan_id=stamp.plan_id)
    if version is None:
        return mark_safe("")
    key = page_cache_key(page="rounds", stamp=stamp, version=f"{stamp.version}-{version}", as_of=0)

    def build() -> tuple[str, bool]:
        panels = reporting_selectors.round_panels(plan_id=stamp.plan_id)
        return str(render_to_string("web/_round_panel.html", {"round_panels": panels})), True

    return mark_safe(memo_get_or_build(key=key, build=build, timeout=CACHE_SECONDS))
