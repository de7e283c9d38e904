"""Charts of a target's yearly figures against the target, as SVG text. Pure Python (no Django).

The same SVG is used on screen, in print and in exported reports: no JavaScript, no external
service. Estimates are drawn as hollow circles, published and official figures as filled ones;
the target is a band (range) or a line; the straight path from the baseline is dotted; the
projection is dashed. Every chart carries a <title> and a <desc> that say the same in words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from tiendo.core.numbers import format_number

from .engine import Evaluation, Figure, TargetSpec, select_figures

__all__ = [
    "ChartData",
    "SeriesChart",
    "SeriesGoal",
    "chart_data",
    "chart_svg",
    "goal_level",
    "series_chart_svg",
]

_INK = "#1b1f24"
_MUTED = "#57606a"
_GRID = "#d0d7de"
_SERIES = "#0b5cad"
_TARGET = "#a4161a"
_PROJECTION = "#8a5a00"

# Kinds whose yearly figure is compared with the target value directly.
_DIRECT = {"level", "annual", "maintain", "avg_growth"}


@dataclass(frozen=True)
class ChartData:
    title: str
    unit: str
    first_year: int
    last_year: int
    points: tuple[tuple[int, Decimal, str], ...]  # (year, value, figure type)
    target_low: Decimal | None
    target_high: Decimal | None
    target_from_year: int
    target_to_year: int
    path: tuple[tuple[int, Decimal], tuple[int, Decimal]] | None
    projection: tuple[tuple[int, Decimal], tuple[int, Decimal]] | None
    note: str = ""


def chart_data(
    *,
    spec: TargetSpec,
    figures: Sequence[Figure],
    evaluation: Evaluation,
    as_of_year: int,
    first_year: int,
) -> ChartData | None:
    """What to draw for a target; None for targets without figures to draw (qualitative)."""
    if spec.kind == "qualitative":
        return None
    chosen = select_figures(figures, as_of_year=as_of_year)
    points = tuple(
        (year, figure.value, figure.figure_type) for year, figure in sorted(chosen.items())
    )
    note = ""
    target_from = spec.from_year or spec.to_year
    low, high, base = goal_level(spec=spec, chosen=chosen)
    if spec.kind == "increase" and low is not None and base is not None:
        target_from = spec.to_year
        base_year = (spec.from_year or spec.to_year) - 1
        note = (
            f"Mức cần đạt: {format_number(base)} năm {base_year} + {format_number(spec.value or 0)}"
        )
    elif spec.kind == "milestone":
        low = Decimal(1)
        target_from = spec.to_year
        note = "1 = hoàn thành"
    elif spec.kind == "annual_reduction":
        note = f"Mỗi năm phải giảm ít nhất {format_number(spec.value or 0)}% so với năm trước"
    if spec.kind == "level":
        target_from = first_year
    path = None
    if low is not None and spec.kind in {"level", "increase"} and points:
        start_year, start_value = _path_start(spec, points)
        if start_year < spec.to_year:
            path = ((start_year, start_value), (spec.to_year, low))
    projection = None
    if evaluation.projection is not None and points:
        last = points[-1]
        if evaluation.projection.year > last[0]:
            projection = (
                (last[0], last[1]),
                (evaluation.projection.year, evaluation.projection.value),
            )
    years = [p[0] for p in points] + [spec.to_year, first_year]
    return ChartData(
        title=f"{spec.code}. {spec.indicator}",
        unit=spec.unit,
        first_year=min(years),
        last_year=max([*years, spec.to_year]),
        points=points,
        target_low=low,
        target_high=high,
        target_from_year=target_from,
        target_to_year=spec.to_year,
        path=path,
        projection=projection,
        note=note,
    )


def goal_level(
    *, spec: TargetSpec, chosen: dict[int, Figure]
) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """The level a target sets on the scale of its figures: (low, high, base). Direct kinds
    (level, annual, maintain, average growth) set their value; an increase sets the base year's
    value plus the increase (the base is the stated baseline, else the figure of that year);
    other kinds set no level on that scale (all None)."""
    if spec.kind in _DIRECT and spec.value is not None:
        return spec.value, spec.value_high, None
    if spec.kind == "increase" and spec.value is not None:
        base_year = (spec.from_year or spec.to_year) - 1
        base = spec.baseline_value if spec.baseline_year == base_year else None
        if base is None and base_year in chosen:
            base = chosen[base_year].value
        if base is not None:
            return base + spec.value, None, base
    return None, None, None


def _path_start(
    spec: TargetSpec, points: tuple[tuple[int, Decimal, str], ...]
) -> tuple[int, Decimal]:
    if spec.baseline_value is not None and spec.baseline_year is not None:
        return spec.baseline_year, spec.baseline_value
    return points[0][0], points[0][1]


def _fmt(value: Decimal) -> str:
    return f"{value:.1f}"


def chart_svg(
    data: ChartData, *, width: int = 640, height: int = 260, compact: bool = False
) -> str:
    """Draw the chart. `compact` draws a small trend line for tables (no axes, no legend)."""
    pad_left = Decimal(4 if compact else 64)
    pad_right = Decimal(4 if compact else 16)
    pad_top = Decimal(4 if compact else 16)
    pad_bottom = Decimal(4 if compact else 48)
    w, h = Decimal(width), Decimal(height)
    values = [p[1] for p in data.points]
    for extra in (data.target_low, data.target_high):
        if extra is not None:
            values.append(extra)
    for segment in (data.path, data.projection):
        if segment is not None:
            values.extend(v for _, v in segment)
    lo = min([Decimal(0), *values]) if values else Decimal(0)
    hi = max(values) if values else Decimal(1)
    if hi == lo:
        hi = lo + 1
    hi = hi + (hi - lo) * Decimal("0.08")
    years = max(data.last_year - data.first_year, 1)

    def x(year: int) -> Decimal:
        return pad_left + (w - pad_left - pad_right) * (year - data.first_year) / years

    def y(value: Decimal) -> Decimal:
        return pad_top + (h - pad_top - pad_bottom) * (hi - value) / (hi - lo)

    desc = _description(data)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart{" chart-compact" if compact else ""}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-labelledby="t-{_id(data)} d-{_id(data)}" font-family="DejaVu Sans, Arial, sans-serif">',
        f'<title id="t-{_id(data)}">{escape(data.title)}</title>',
        f'<desc id="d-{_id(data)}">{escape(desc)}</desc>',
    ]
    if not compact:
        for i in range(5):
            value = lo + (hi - lo) * i / 4
            yy = _fmt(y(value))
            parts.append(
                f'<line x1="{_fmt(pad_left)}" x2="{_fmt(w - pad_right)}" y1="{yy}" y2="{yy}" stroke="{_GRID}" stroke-width="1"/>'
            )
            parts.append(
                f'<text x="{_fmt(pad_left - 6)}" y="{yy}" font-size="11" fill="{_MUTED}" text-anchor="end" dominant-baseline="middle">{escape(format_number(value, 0 if hi - lo >= 20 else 1))}</text>'
            )
        for year in range(data.first_year, data.last_year + 1):
            parts.append(
                f'<text x="{_fmt(x(year))}" y="{_fmt(h - pad_bottom + 16)}" font-size="11" fill="{_MUTED}" text-anchor="middle">{year}</text>'
            )
    if data.target_low is not None:
        x1, x2 = x(data.target_from_year), x(data.target_to_year)
        if x2 - x1 < 6:
            x1 = x2 - 6
        if data.target_high is not None:
            top, bottom = y(data.target_high), y(data.target_low)
            parts.append(
                f'<rect x="{_fmt(x1)}" y="{_fmt(top)}" width="{_fmt(max(x2 - x1, Decimal(6)))}" height="{_fmt(bottom - top)}" fill="{_TARGET}" fill-opacity="0.15" stroke="{_TARGET}" stroke-width="1"/>'
            )
        else:
            yy = _fmt(y(data.target_low))
            parts.append(
                f'<line x1="{_fmt(x1)}" x2="{_fmt(x2)}" y1="{yy}" y2="{yy}" stroke="{_TARGET}" stroke-width="2.5"/>'
            )
    if data.path is not None:
        (ya, va), (yb, vb) = data.path
        parts.append(
            f'<line x1="{_fmt(x(ya))}" y1="{_fmt(y(va))}" x2="{_fmt(x(yb))}" y2="{_fmt(y(vb))}" stroke="{_MUTED}" stroke-width="1.5" stroke-dasharray="2 3"/>'
        )
    if data.projection is not None:
        (ya, va), (yb, vb) = data.projection
        parts.append(
            f'<line x1="{_fmt(x(ya))}" y1="{_fmt(y(va))}" x2="{_fmt(x(yb))}" y2="{_fmt(y(vb))}" stroke="{_PROJECTION}" stroke-width="2" stroke-dasharray="6 4"/>'
        )
        parts.append(
            f'<circle cx="{_fmt(x(yb))}" cy="{_fmt(y(vb))}" r="3.5" fill="#fff" stroke="{_PROJECTION}" stroke-width="2"/>'
        )
    if len(data.points) > 1:
        line = " ".join(f"{_fmt(x(p[0]))},{_fmt(y(p[1]))}" for p in data.points)
        parts.append(f'<polyline points="{line}" fill="none" stroke="{_SERIES}" stroke-width="2"/>')
    radius = "2.5" if compact else "5"
    for year, value, kind in data.points:
        fill = "#fff" if kind == "estimate" else _SERIES
        label = {"estimate": "ước tính", "reported": "số công bố", "official": "số chính thức"}.get(
            kind, kind
        )
        parts.append(
            f'<circle cx="{_fmt(x(year))}" cy="{_fmt(y(value))}" r="{radius}" fill="{fill}" stroke="{_SERIES}" stroke-width="2">'
            f"<title>{year}: {escape(format_number(value))} {escape(data.unit)} ({label})</title></circle>"
        )
    if not compact:
        parts.append(_legend(data, h))
    parts.append("</svg>")
    return "".join(parts)


def _legend(data: ChartData, h: Decimal) -> str:
    yy = _fmt(h - 12)
    items = [
        f'<circle cx="70" cy="{yy}" r="5" fill="{_SERIES}" stroke="{_SERIES}" stroke-width="2"/>'
        f'<text x="80" y="{yy}" font-size="11" fill="{_INK}" dominant-baseline="middle">Số chính thức / công bố</text>',
        f'<circle cx="250" cy="{yy}" r="5" fill="#fff" stroke="{_SERIES}" stroke-width="2"/>'
        f'<text x="260" y="{yy}" font-size="11" fill="{_INK}" dominant-baseline="middle">Ước tính</text>',
    ]
    if data.target_low is not None:
        items.append(
            f'<line x1="330" x2="352" y1="{yy}" y2="{yy}" stroke="{_TARGET}" stroke-width="2.5"/>'
            f'<text x="358" y="{yy}" font-size="11" fill="{_INK}" dominant-baseline="middle">Mục tiêu</text>'
        )
    if data.projection is not None:
        items.append(
            f'<line x1="430" x2="452" y1="{yy}" y2="{yy}" stroke="{_PROJECTION}" stroke-width="2" stroke-dasharray="6 4"/>'
            f'<text x="458" y="{yy}" font-size="11" fill="{_INK}" dominant-baseline="middle">Dự báo</text>'
        )
    if data.path is not None:
        items.append(
            f'<line x1="520" x2="542" y1="{yy}" y2="{yy}" stroke="{_MUTED}" stroke-width="1.5" stroke-dasharray="2 3"/>'
            f'<text x="548" y="{yy}" font-size="11" fill="{_INK}" dominant-baseline="middle">Lộ trình</text>'
        )
    return "".join(items)


def _id(data: ChartData) -> str:
    return (
        "".join(ch if ch.isalnum() else "-" for ch in data.title.split(".")[0] + data.title[:2])
        or "c"
    )


def _description(data: ChartData) -> str:
    if not data.points:
        text = "Chưa có số liệu."
    else:
        text = "; ".join(
            f"{year}: {format_number(value)}{' (ước tính)' if kind == 'estimate' else ''}"
            for year, value, kind in data.points
        )
    if data.target_low is not None:
        goal = format_number(data.target_low)
        if data.target_high is not None:
            goal += f" – {format_number(data.target_high)}"
        text += f". Mục tiêu {goal} {data.unit}".rstrip()
    if data.projection is not None:
        text += f". Dự báo năm {data.projection[1][0]}: {format_number(data.projection[1][1].quantize(Decimal('0.01')))}"
    if data.note:
        text += f". {data.note}"
    return text + "."


# --- One indicator across plans ------------------------------------------------------------------

# One colour per plan on the indicator chart (red like the single-target chart first).
_PLAN_COLOURS = ("#a4161a", "#6a4c93", "#2b7a0b", "#8a5a00", "#0f5257")


@dataclass(frozen=True)
class SeriesGoal:
    """A target of one plan drawn on an indicator's chart: its level from `from_year` to
    `to_year` (a band when `high`), in the colour of its plan (`plan_index`)."""

    label: str  # "23-CTr/TU · 2.2"
    plan_index: int
    from_year: int
    to_year: int
    low: Decimal
    high: Decimal | None = None


@dataclass(frozen=True)
class SeriesChart:
    """An indicator's series (the figure that counts for each year) with the targets of every
    plan that measures it."""

    title: str
    unit: str
    points: tuple[tuple[int, Decimal, str], ...]  # (year, value, figure type)
    goals: tuple[SeriesGoal, ...]
    plans: tuple[str, ...]  # legend label of each plan, by plan_index

    @property
    def first_year(self) -> int:
        years = [p[0] for p in self.points] + [g.from_year for g in self.goals]
        return min(years) if years else 0

    @property
    def last_year(self) -> int:
        years = [p[0] for p in self.points] + [g.to_year for g in self.goals]
        return max(years) if years else 0


def series_chart_svg(data: SeriesChart, *, width: int = 720, height: int = 300) -> str:
    """Draw an indicator's series and every plan's targets on it on one chart: filled circles
    for official and published figures, hollow ones for estimates; each plan's targets in its
    own colour, labelled with the plan and the target's code."""
    legend_rows = 1 + (len(data.plans) + 1) // 2
    pad_left, pad_right, pad_top = Decimal(64), Decimal(24), Decimal(16)
    pad_bottom = Decimal(32 + 18 * legend_rows)
    w, h = Decimal(width), Decimal(height + 18 * (legend_rows - 1))
    values = [p[1] for p in data.points]
    for goal in data.goals:
        values.append(goal.low)
        if goal.high is not None:
            values.append(goal.high)
    lo = min([Decimal(0), *values]) if values else Decimal(0)
    hi = max(values) if values else Decimal(1)
    if values and min(values) > hi / 2:
        # A line chart of a series far from zero (forest cover 62–66 %): the axis starts near
        # the lowest value so that the changes from year to year can be seen.
        lo = min(values) - (hi - min(values)) * Decimal("0.25") - Decimal("0.5")
        lo = max(lo, Decimal(0))
    if hi == lo:
        hi = lo + 1
    hi = hi + (hi - lo) * Decimal("0.12")
    first, last = data.first_year, data.last_year
    span = max(last - first, 1)

    def x(year: int) -> Decimal:
        return pad_left + (w - pad_left - pad_right) * (year - first) / span

    def y(value: Decimal) -> Decimal:
        return pad_top + (h - pad_top - pad_bottom) * (hi - value) / (hi - lo)

    ident = "s-" + "".join(ch if ch.isalnum() else "-" for ch in data.title[:24])
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-series" '
        f'viewBox="0 0 {width} {_fmt(h)}" width="{width}" height="{_fmt(h)}" role="img" '
        f'aria-labelledby="t-{ident} d-{ident}" font-family="DejaVu Sans, Arial, sans-serif">',
        f'<title id="t-{ident}">{escape(data.title)}</title>',
        f'<desc id="d-{ident}">{escape(_series_description(data))}</desc>',
    ]
    for i in range(5):
        value = lo + (hi - lo) * i / 4
        yy = _fmt(y(value))
        parts.append(
            f'<line x1="{_fmt(pad_left)}" x2="{_fmt(w - pad_right)}" y1="{yy}" y2="{yy}" '
            f'stroke="{_GRID}" stroke-width="1"/>'
            f'<text x="{_fmt(pad_left - 6)}" y="{yy}" font-size="11" fill="{_MUTED}" '
            f'text-anchor="end" dominant-baseline="middle">'
            f"{escape(format_number(value, 0 if hi - lo >= 20 else 1))}</text>"
        )
    step = 1 if span <= 12 else 2
    axis_y = _fmt(h - pad_bottom + 16)
    for year in range(first, last + 1, step):
        parts.append(
            f'<text x="{_fmt(x(year))}" y="{axis_y}" font-size="11" fill="{_MUTED}" '
            f'text-anchor="middle">{year}</text>'
        )
    for goal in data.goals:
        colour = _PLAN_COLOURS[goal.plan_index % len(_PLAN_COLOURS)]
        x1, x2 = x(goal.from_year), x(goal.to_year)
        if x2 - x1 < 8:
            x1 = x2 - 8
        tip = f"{goal.label}: {format_number(goal.low)}"
        if goal.high is not None:
            tip += f" – {format_number(goal.high)}"
            top, bottom = y(goal.high), y(goal.low)
            parts.append(
                f'<rect x="{_fmt(x1)}" y="{_fmt(top)}" width="{_fmt(x2 - x1)}" '
                f'height="{_fmt(bottom - top)}" fill="{colour}" fill-opacity="0.15" '
                f'stroke="{colour}" stroke-width="1"><title>{escape(tip)}</title></rect>'
            )
            label_y = top - 4
        else:
            level = y(goal.low)
            parts.append(
                f'<line x1="{_fmt(x1)}" x2="{_fmt(x2)}" y1="{_fmt(level)}" y2="{_fmt(level)}" '
                f'stroke="{colour}" stroke-width="2.5"><title>{escape(tip)}</title></line>'
            )
            label_y = level - 5
        code = goal.label.rsplit("·", 1)[-1].strip()
        parts.append(
            f'<text x="{_fmt(x1)}" y="{_fmt(label_y)}" font-size="11" fill="{colour}" '
            f'text-anchor="start">{escape(code)}</text>'
        )
    if len(data.points) > 1:
        line = " ".join(f"{_fmt(x(p[0]))},{_fmt(y(p[1]))}" for p in data.points)
        parts.append(f'<polyline points="{line}" fill="none" stroke="{_SERIES}" stroke-width="2"/>')
    for year, value, kind in data.points:
        fill = "#fff" if kind == "estimate" else _SERIES
        label = {"estimate": "ước tính", "reported": "số công bố", "official": "số chính thức"}.get(
            kind, kind
        )
        parts.append(
            f'<circle cx="{_fmt(x(year))}" cy="{_fmt(y(value))}" r="5" fill="{fill}" '
            f'stroke="{_SERIES}" stroke-width="2" data-kind="{escape(kind)}">'
            f"<title>{year}: {escape(format_number(value))} {escape(data.unit)} ({label})</title>"
            "</circle>"
        )
    base = h - pad_bottom + 40
    parts.append(
        f'<circle cx="70" cy="{_fmt(base)}" r="5" fill="{_SERIES}" stroke="{_SERIES}" '
        'stroke-width="2"/>'
        f'<text x="80" y="{_fmt(base)}" font-size="11" fill="{_INK}" '
        'dominant-baseline="middle">Số chính thức / công bố</text>'
        f'<circle cx="250" cy="{_fmt(base)}" r="5" fill="#fff" stroke="{_SERIES}" '
        'stroke-width="2"/>'
        f'<text x="260" y="{_fmt(base)}" font-size="11" fill="{_INK}" '
        'dominant-baseline="middle">Ước tính</text>'
    )
    for index, plan in enumerate(data.plans):
        colour = _PLAN_COLOURS[index % len(_PLAN_COLOURS)]
        row, col = divmod(index, 2)
        ly = base + 18 * (row + 1)
        lx = Decimal(70 + col * 320)
        parts.append(
            f'<line x1="{_fmt(lx - 8)}" x2="{_fmt(lx + 14)}" y1="{_fmt(ly)}" y2="{_fmt(ly)}" '
            f'stroke="{colour}" stroke-width="2.5"/>'
            f'<text x="{_fmt(lx + 20)}" y="{_fmt(ly)}" font-size="11" fill="{_INK}" '
            f'dominant-baseline="middle">Mục tiêu: {escape(plan)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _series_description(data: SeriesChart) -> str:
    if data.points:
        text = "; ".join(
            f"{year}: {format_number(value)}{' (ước tính)' if kind == 'estimate' else ''}"
            for year, value, kind in data.points
        )
    else:
        text = "Chưa có số liệu"
    for goal in data.goals:
        level = format_number(goal.low)
        if goal.high is not None:
            level += f" – {format_number(goal.high)}"
        years = f"{goal.from_year}–{goal.to_year}" if goal.from_year < goal.to_year else ""
        text += f". Mục tiêu {goal.label}: {level} {data.unit}".rstrip()
        text += f" ({years or goal.to_year})"
    return text + "."
