"""What the pages show about an evaluated plan: counts by status, share met, what needs
attention first, rows of a program's targets with their charts."""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

import tiendo
from tiendo.evaluation import engine
from tiendo.evaluation.charts import chart_data, chart_svg
from tiendo.evaluation.labels import status_text
from tiendo.evaluation.selectors import PlanStamp
from tiendo.evaluation.services import (
    CACHE_SECONDS,
    PlanEvaluation,
    plan_evaluate,
    plan_overview_cached,
)
from tiendo.org.models import OrgUnit
from tiendo.plans.models import Program, Target, Task
from tiendo.plans.selectors import plan_revisions

STATUS_ORDER = (
    engine.Status.EXCEEDED,
    engine.Status.ACHIEVED,
    engine.Status.ON_TRACK,
    engine.Status.AT_RISK,
    engine.Status.NOT_ACHIEVED,
    engine.Status.NO_DATA,
    engine.Status.NEEDS_ASSESSMENT,
)
ATTENTION = {
    engine.Status.NOT_ACHIEVED: 0,
    engine.Status.AT_RISK: 1,
    engine.Status.NO_DATA: 2,
    engine.Status.NEEDS_ASSESSMENT: 3,
}


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int


@dataclass(frozen=True)
class ProgramSummary:
    number: int
    title: str
    total: int
    counts: tuple[StatusCount, ...]
    met: int
    share_met_pct: Decimal | None


@dataclass(frozen=True)
class TargetRow:
    target: Target
    evaluation: engine.Evaluation
    sparkline: str
    chart: str


def status_counts(counts: dict[str, int]) -> tuple[StatusCount, ...]:
    return tuple(
        StatusCount(str(s), str(status_text(s)), counts.get(str(s), 0)) for s in STATUS_ORDER
    )


def _share(met: int, total: int) -> Decimal | None:
    return (Decimal(met) * 100 / total).quantize(Decimal("0.1")) if total else None


def program_summaries(*, result: PlanEvaluation) -> list[ProgramSummary]:
    summaries = []
    for program in result.programs:
        met = sum(1 for e in program.evaluations if e.met)
        total = len(program.evaluations)
        summaries.append(
            ProgramSummary(
                number=program.number,
                title=program.title,
                total=total,
                counts=status_counts(dict(program.counts)),
                met=met,
                share_met_pct=_share(met, total),
            )
        )
    return summaries


def plan_totals(*, result: PlanEvaluation) -> ProgramSummary:
    met = sum(1 for e in result.evaluations if e.met)
    total = len(result.evaluations)
    return ProgramSummary(
        number=0,
        title="",
        total=total,
        counts=status_counts(dict(result.counts)),
        met=met,
        share_met_pct=_share(met, total),
    )


def attention_first(*, result: PlanEvaluation, limit: int = 8) -> list[TargetRow]:
    """The targets that need attention first: not achieved, at risk, without figures."""
    rows = [
        (ATTENTION[e.status], t.position, t, e)
        for t, e in zip(result.targets, result.evaluations, strict=True)
        if e.status in ATTENTION
    ]
    rows.sort(key=lambda r: (r[0], r[1]))
    return [
        TargetRow(target=t, evaluation=e, sparkline="", chart="") for _, _, t, e in rows[:limit]
    ]


def target_rows(
    *,
    result: PlanEvaluation,
    program_number: int | None = None,
    code: str | None = None,
    with_chart: bool = False,
) -> list[TargetRow]:
    """Rows of evaluated targets (of one program, or one target), with a small trend line and,
    when asked, the full chart."""
    rows = []
    for target, evaluation in zip(result.targets, result.evaluations, strict=True):
        if program_number is not None and target.program.number != program_number:
            continue
        if code is not None and target.code != code:
            continue
        data = chart_data(
            spec=result.specs[target.code],
            figures=result.figures.get(target.code, []),
            evaluation=evaluation,
            as_of_year=result.as_of_year,
            first_year=result.plan.term_from_year,
        )
        sparkline = (
            chart_svg(data, width=120, height=32, compact=True) if data and data.points else ""
        )
        chart = chart_svg(data) if data is not None and with_chart else ""
        rows.append(
            TargetRow(target=target, evaluation=evaluation, sparkline=sparkline, chart=chart)
        )
    return rows


@dataclass(frozen=True)
class ProgramView:
    rows: list[TargetRow]
    tasks: list[Task]
    units: list[OrgUnit]


def program_view(
    *, result: PlanEvaluation, program: Program, status: str = "", unit: str = ""
) -> ProgramView:
    """A program's evaluated targets and its tasks, filtered by status and by the unit assigned
    to them; `program` comes from `program_detail` (targets and tasks with their assignments)."""
    target_units = {
        t.code: {a.unit.code for a in t.assignments.all()} for t in program.targets.all()
    }
    tasks = list(program.tasks.all())
    units = sorted(
        {a.unit for t in program.targets.all() for a in t.assignments.all()}
        | {a.unit for t in tasks for a in t.assignments.all()},
        key=lambda u: u.name,
    )
    rows = target_rows(result=result, program_number=program.number)
    if status:
        rows = [r for r in rows if str(r.evaluation.status) == status]
    if unit:
        rows = [r for r in rows if unit in target_units.get(r.target.code, set())]
        tasks = [t for t in tasks if any(a.unit.code == unit for a in t.assignments.all())]
    return ProgramView(rows=rows, tasks=tasks, units=units)


# --- The plan's page, rendered once for everyone ------------------------------------------


@dataclass(frozen=True)
class PlanPage:
    """The parts of a plan's page that are the same for everyone who reads it (per plan, as-of
    year and language); the header, the navigation and what depends on the reader are not."""

    title: str
    heading: SafeString
    dashboard: SafeString
    overview: SafeString
    revisions: SafeString


PAGE_PARTS = ("heading", "dashboard", "overview", "revisions")


@functools.cache
def code_digest() -> str:
    """A digest of the installed code, templates and translations: a page rendered by another
    version of tiendo is never served from the cache."""
    digest = hashlib.sha256()
    root = Path(tiendo.__file__).parent
    for path in sorted(root.rglob("*")):
        if path.suffix in {".py", ".html", ".mo"} and path.is_file():
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def plan_page_cache_key(*, stamp: PlanStamp, as_of: int, language: str, today: str) -> str:
    """Letters, digits, "-" and ":" only, short: safe for every cache backend."""
    language = "".join(c for c in language.lower() if c.isalnum() or c == "-")[:8] or "vi"
    return (
        f"tiendo:page:plan:{code_digest()}:{stamp.plan_id}:{as_of}:{language}:{today}:"
        f"{stamp.version}"
    )


def plan_page(*, stamp: PlanStamp, as_of: int) -> PlanPage:
    """The plan's page parts, from the cache while the plan's stamp (its overview and every
    input of its evaluation), the day and the code are unchanged; else rendered (without the
    request: nothing in them depends on who asks) and kept."""
    today = timezone.localdate()
    key = plan_page_cache_key(
        stamp=stamp,
        as_of=as_of,
        language=translation.get_language() or "vi",
        today=today.isoformat(),
    )
    parts = cache.get(key)
    if parts is None:
        plan = plan_overview_cached(stamp=stamp, today=today)
        result = plan_evaluate(plan=plan, as_of_year=as_of, stamp=stamp)
        context = {
            "plan": plan,
            "as_of": as_of,
            "years": list(range(plan.term_from_year + 1, plan.term_to_year + 1)),
            "programs": program_summaries(result=result),
            "totals": plan_totals(result=result),
            "attention": attention_first(result=result),
            "revisions": list(plan_revisions(plan=plan)),
        }
        parts = {
            "title": str(plan.number or plan.code),
            **{
                name: str(render_to_string(f"web/plan_detail.html#{name}", context))
                for name in PAGE_PARTS
            },
        }
        cache.set(key, parts, timeout=CACHE_SECONDS)
    return PlanPage(title=parts["title"], **{name: mark_safe(parts[name]) for name in PAGE_PARTS})
