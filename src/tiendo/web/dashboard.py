"""What the pages show about an evaluated plan: counts by status (with a bar per program), share
met, what needs attention first, rows of a program's targets with their charts — the engine's
words in the interface language (`lang`: "vi" or "en")."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from tiendo.core.numbers import format_percent
from tiendo.evaluation import engine
from tiendo.evaluation.charts import BarSegment, chart_data, chart_svg, status_bar_svg
from tiendo.evaluation.engine.wording import en as words_en
from tiendo.evaluation.engine.wording import language
from tiendo.evaluation.engine.wording import vi as words_vi
from tiendo.evaluation.labels import status_text
from tiendo.evaluation.services import (
    PlanEvaluation,
)
from tiendo.org.models import OrgUnit
from tiendo.plans.models import Program, Target, Task

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
    bar: str = ""  # the targets by status as one stacked bar (SVG)


@dataclass(frozen=True)
class Latest:
    """The latest figure a verdict rests on, in words: shown beside the verdict when it is not
    of the judged year (the figures are old), with its progress and the projection."""

    year: int
    from_year: int | None
    amount: str  # "4.975 triệu USD" / "4,975 million USD"
    figure_type: str  # "số chính thức" / "official figure"
    progress: str  # "74,8%" / "74.8%" ("" when there is none)
    of_judged_year: bool
    projection: str  # "6.920,5 triệu USD" ("" when there is none)
    projection_year: int | None
    projection_method: str  # "linear_trend" | "straight_path" | ""


@dataclass(frozen=True)
class TargetRow:
    target: Target
    evaluation: engine.Evaluation
    sparkline: str
    chart: str
    sentence: str = ""  # the explanation in the interface language
    meaning: str = ""  # what the target asks, in the interface language
    latest: Latest | None = None


def status_counts(counts: dict[str, int]) -> tuple[StatusCount, ...]:
    return tuple(
        StatusCount(str(s), str(status_text(s)), counts.get(str(s), 0)) for s in STATUS_ORDER
    )


def _share(met: int, total: int) -> Decimal | None:
    return (Decimal(met) * 100 / total).quantize(Decimal("0.1")) if total else None


def _bar(number: int, counts: tuple[StatusCount, ...], total: int) -> str:
    return status_bar_svg(
        segments=[BarSegment(c.status, c.label, c.count) for c in counts],
        title=_("Chương trình %(number)s, %(total)s chỉ tiêu") % {"number": number, "total": total},
        ident=f"program-{number}",
    )


def program_summaries(*, result: PlanEvaluation) -> list[ProgramSummary]:
    summaries = []
    for program in result.programs:
        met = sum(1 for e in program.evaluations if e.met)
        total = len(program.evaluations)
        counts = status_counts(dict(program.counts))
        summaries.append(
            ProgramSummary(
                number=program.number,
                title=program.title,
                total=total,
                counts=counts,
                met=met,
                share_met_pct=_share(met, total),
                bar=_bar(program.number, counts, total),
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


def latest_figure(
    *, evaluation: engine.Evaluation, spec: engine.TargetSpec, lang: str = "vi"
) -> Latest | None:
    """The latest figure of an evaluation in words (None without a figure)."""
    if evaluation.latest_value is None or evaluation.latest_year is None:
        return None
    english = language(lang) == "en"
    words = words_en if english else words_vi
    qualifier = evaluation.latest_qualifier or "exact"
    progress = ""
    if evaluation.latest_progress_pct is not None:
        pct = evaluation.latest_progress_pct
        progress = words_en.amount(pct, "%") if english else format_percent(pct)
    projection = evaluation.projection
    return Latest(
        year=evaluation.latest_year,
        from_year=evaluation.latest_from_year,
        amount=words.figure_amount(
            value=evaluation.latest_value, unit=spec.unit, qualifier=qualifier
        ),
        figure_type=engine.figure_type_label(evaluation.latest_figure_type or "reported", lang),
        progress=progress,
        of_judged_year=evaluation.latest_year == evaluation.judged_year,
        projection=""
        if projection is None
        else words.amount(projection.value.quantize(Decimal("0.01")).normalize(), spec.unit),
        projection_year=None if projection is None else projection.year,
        projection_method="" if projection is None else projection.method,
    )


def _row(
    *,
    result: PlanEvaluation,
    target: Target,
    evaluation: engine.Evaluation,
    lang: str,
    sparkline: str = "",
    chart: str = "",
) -> TargetRow:
    spec = result.specs[target.code]
    return TargetRow(
        target=target,
        evaluation=evaluation,
        sparkline=sparkline,
        chart=chart,
        sentence=engine.evaluation_sentence(evaluation, lang),
        meaning=engine.target_meaning(spec, lang),
        latest=latest_figure(evaluation=evaluation, spec=spec, lang=lang),
    )


def attention_first(*, result: PlanEvaluation, limit: int = 8, lang: str = "vi") -> list[TargetRow]:
    """The targets that need attention first: not achieved, at risk, without figures."""
    rows = [
        (ATTENTION[e.status], t.position, t, e)
        for t, e in zip(result.targets, result.evaluations, strict=True)
        if e.status in ATTENTION
    ]
    rows.sort(key=lambda r: (r[0], r[1]))
    return [_row(result=result, target=t, evaluation=e, lang=lang) for _, _, t, e in rows[:limit]]


def target_rows(
    *,
    result: PlanEvaluation,
    program_number: int | None = None,
    code: str | None = None,
    with_chart: bool = False,
    lang: str = "vi",
) -> list[TargetRow]:
    """Rows of evaluated targets (of one program, or one target), with a small trend line and,
    when asked, the full chart (none for a target without figures)."""
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
            lang=lang,
        )
        sparkline = chart_svg(data, width=120, height=32, compact=True) if data else ""
        chart = chart_svg(data) if data is not None and with_chart else ""
        rows.append(
            _row(
                result=result,
                target=target,
                evaluation=evaluation,
                lang=lang,
                sparkline=sparkline,
                chart=chart,
            )
        )
    return rows


@dataclass(frozen=True)
class ProgramView:
    rows: list[TargetRow]
    tasks: list[Task]
    units: list[OrgUnit]


def program_view(
    *, result: PlanEvaluation, program: Program, status: str = "", unit: str = "", lang: str = "vi"
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
    rows = target_rows(result=result, program_number=program.number, lang=lang)
    if status:
        rows = [r for r in rows if str(r.evaluation.status) == status]
    if unit:
        rows = [r for r in rows if unit in target_units.get(r.target.code, set())]
        tasks = [t for t in tasks if any(a.unit.code == unit for a in t.assignments.all())]
    return ProgramView(rows=rows, tasks=tasks, units=units)
