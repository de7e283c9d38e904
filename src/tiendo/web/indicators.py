"""What the indicator pages show: one indicator's series of figures (the figure that counts for
each year, official and estimates told apart) and the targets of every plan that measure it, on
one chart; its figures with their sources and corrections."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from tiendo.evaluation import engine
from tiendo.evaluation.adapters import target_meaning_text, target_spec
from tiendo.evaluation.charts import SeriesChart, SeriesGoal, goal_level, series_chart_svg
from tiendo.indicators.models import Figure, Indicator
from tiendo.org.models import OrgUnit
from tiendo.plans.models import Plan, Target

__all__ = ["IndicatorTarget", "IndicatorView", "indicator_view", "plan_label"]


@dataclass(frozen=True)
class IndicatorTarget:
    target: Target
    plan: Plan
    meaning: str
    drawn: bool  # whether its level is on the chart (it sets one on the figures' scale)


@dataclass(frozen=True)
class IndicatorView:
    indicator: Indicator
    targets: list[IndicatorTarget]
    plans: list[Plan]
    figures: list[Figure]
    area: OrgUnit | None  # the area whose series is drawn
    other_areas: list[OrgUnit]
    chart: str


def plan_label(plan: Plan) -> str:
    """How a plan is named on the chart: its number and term ("23-CTr/TU, 2020–2025")."""
    return f"{plan.number or plan.code}, {plan.term_from_year}–{plan.term_to_year}"


def _engine_figure(figure: Figure) -> engine.Figure:
    return engine.Figure(
        year=figure.year,
        from_year=figure.from_year,
        value=figure.value,
        figure_type=figure.figure_type,
        qualifier=figure.qualifier,
        order=figure.pk,
    )


def _chart_area(targets: list[Target], figures: list[Figure]) -> int | None:
    """The area whose series is drawn: the area of the latest plan that measures the
    indicator, else the area with the most figures."""
    for target in reversed(targets):
        if target.plan.area_id is not None:
            return target.plan.area_id
    counts = Counter(f.area_id for f in figures)
    return counts.most_common(1)[0][0] if counts else None


def indicator_view(
    *, indicator: Indicator, targets: list[Target], figures: list[Figure]
) -> IndicatorView:
    """The indicator page from the indicator, the targets that measure it (earlier terms
    first) and its figures (every area): no query."""
    area_id = _chart_area(targets, figures)
    series = [_engine_figure(f) for f in figures if f.area_id == area_id]
    last_year = max([f.year for f in figures] + [t.to_year for t in targets], default=0)
    chosen = engine.select_figures(sorted(series, key=lambda f: f.order), as_of_year=last_year)
    plans: list[Plan] = []
    for target in targets:
        if target.plan not in plans:
            plans.append(target.plan)
    rows: list[IndicatorTarget] = []
    goals: list[SeriesGoal] = []
    for target in targets:
        plan = target.plan
        spec = target_spec(target=target, term_from_year=plan.term_from_year)
        low, high, _base = goal_level(spec=spec, chosen=chosen)
        drawn = low is not None and plan.area_id == area_id
        if drawn and low is not None:
            start = target.from_year or min(plan.term_from_year + 1, target.to_year)
            goals.append(
                SeriesGoal(
                    label=f"{plan.number or plan.code} · {target.code}",
                    plan_index=plans.index(plan),
                    from_year=start,
                    to_year=target.to_year,
                    low=low,
                    high=high,
                )
            )
        rows.append(
            IndicatorTarget(
                target=target, plan=plan, meaning=target_meaning_text(target=target), drawn=drawn
            )
        )
    chart = ""
    if chosen or goals:
        chart = series_chart_svg(
            SeriesChart(
                title=indicator.name,
                unit=indicator.unit,
                points=tuple((y, f.value, f.figure_type) for y, f in sorted(chosen.items())),
                goals=tuple(goals),
                plans=tuple(plan_label(p) for p in plans),
            )
        )
    areas: dict[int, OrgUnit] = {f.area_id: f.area for f in figures}
    area = areas.get(area_id) if area_id is not None else None
    if area is None:
        area = next((t.plan.area for t in targets if t.plan.area_id == area_id), None)
    return IndicatorView(
        indicator=indicator,
        targets=rows,
        plans=plans,
        figures=figures,
        area=area,
        other_areas=[a for pk, a in areas.items() if pk != area_id],
        chart=chart,
    )
