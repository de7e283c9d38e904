"""Charts as SVG text: a target's yearly figures against the target, and a program's targets
counted by status. Pure Python (no Django); the words in Vietnamese or English (`lang`).

The same SVG is used on screen, in print and in exported reports: no JavaScript, no external
service. Nothing depends on colour alone: estimates are hollow circles, published and official
figures filled ones; the target is a band (range) or a thick line; the straight path from the
baseline is dotted; the projection is dashed and ends in a hollow circle; each status of a bar
has its own pattern and its count written in it. Every chart carries a <title> and a <desc>
that say the same in words. Axes have round ticks (0, 2.000, 4.000 …); a rate (a unit in %)
stays within 0–100%.

Over 600 lines: every chart of the pages is drawn here as inline SVG (no JavaScript library on
the intranet) with one set of scales, ticks and colours; splitting by chart would copy them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from html import escape

from tiendo.core.numbers import format_number

from .engine import Evaluation, Figure, TargetSpec, select_figures
from .engine.wording import en as words_en
from .engine.wording import language
from .engine.wording import vi as words_vi

__all__ = [
    "BarSegment",
    "ChartData",
    "SeriesChart",
    "SeriesGoal",
    "axis_ticks",
    "chart_data",
    "chart_svg",
    "goal_level",
    "series_chart_svg",
    "status_bar_svg",
    "status_swatch_svg",
]

_INK = "#1b1f24"
_MUTED = "#57606a"
_GRID = "#d0d7de"
_SERIES = "#0b5cad"
_TARGET = "#a4161a"
_PROJECTION = "#8a5a00"

# Kinds whose yearly figure is compared with the target value directly.
_DIRECT = {"level", "annual", "maintain", "avg_growth"}

_WORDS: dict[str, dict[str, str]] = {
    "vi": {
        "official": "Số chính thức / công bố",
        "estimate": "Ước tính",
        "target": "Mục tiêu",
        "projection": "Dự báo",
        "path": "Lộ trình",
        "no_data": "Chưa có số liệu.",
        "goal": "Mục tiêu {goal}",
        "projected": "Dự báo năm {year}: {value}",
        "base_plus": "Mức cần đạt: {base} năm {year} + {value}",
        "done": "1 = hoàn thành",
        "reduction": "Mỗi năm phải giảm ít nhất {value} so với năm trước",
        "estimate_mark": " (ước tính)",
        "type.estimate": "ước tính",
        "type.reported": "số công bố",
        "type.official": "số chính thức",
    },
    "en": {
        "official": "Official or reported figure",
        "estimate": "Estimate",
        "target": "Target",
        "projection": "Projection",
        "path": "Straight path",
        "no_data": "No data yet.",
        "goal": "Target {goal}",
        "projected": "Projection for {year}: {value}",
        "base_plus": "Level required: {base} in {year} + {value}",
        "done": "1 = completed",
        "reduction": "Each year at least {value} below the year before",
        "estimate_mark": " (estimate)",
        "type.estimate": "estimate",
        "type.reported": "reported figure",
        "type.official": "official figure",
    },
}


def _words(lang: str) -> dict[str, str]:
    return _WORDS[language(lang)]


def _number(value: Decimal, lang: str, places: int | None = None) -> str:
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places))
    if language(lang) == "en":
        return words_en.format_number(value)
    return format_number(value)


def _amount(value: Decimal, unit: str, lang: str) -> str:
    """A number and its unit ("3%", "6.650 triệu USD"; in English "6,650 million USD")."""
    if language(lang) == "en":
        return words_en.amount(value, unit)
    return words_vi.amount(value, unit)


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
    lang: str = "vi"

    @property
    def is_rate(self) -> bool:
        """A percentage ("%", "%/năm"): its axis is labelled in % and kept within 0–100."""
        return self.unit.strip().startswith("%")


def chart_data(
    *,
    spec: TargetSpec,
    figures: Sequence[Figure],
    evaluation: Evaluation,
    as_of_year: int,
    first_year: int,
    lang: str = "vi",
) -> ChartData | None:
    """What to draw for a target; None when there is nothing to draw: a qualitative target, or
    no figure up to the as-of year (an empty chart says nothing)."""
    if spec.kind == "qualitative":
        return None
    words = _words(lang)
    chosen = select_figures(figures, as_of_year=as_of_year)
    points = tuple(
        (year, figure.value, figure.figure_type) for year, figure in sorted(chosen.items())
    )
    if not points:
        return None
    note = ""
    target_from = spec.from_year or spec.to_year
    low, high, base = goal_level(spec=spec, chosen=chosen)
    if spec.kind == "increase" and low is not None and base is not None:
        target_from = spec.to_year
        base_year = (spec.from_year or spec.to_year) - 1
        note = words["base_plus"].format(
            base=_number(base, lang), year=base_year, value=_number(spec.value or Decimal(0), lang)
        )
    elif spec.kind == "milestone":
        low = Decimal(1)
        target_from = spec.to_year
        note = words["done"]
    elif spec.kind == "annual_reduction":
        note = words["reduction"].format(value=_amount(spec.value or Decimal(0), "%", lang))
    if spec.kind == "level":
        target_from = first_year
    path = None
    if low is not None and spec.kind in {"level", "increase"}:
        start_year, start_value = _path_start(spec, points)
        if start_year < spec.to_year:
            path = ((start_year, start_value), (spec.to_year, low))
    projection = None
    if evaluation.projection is not None:
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
        lang=language(lang),
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


def axis_ticks(low: Decimal, high: Decimal, *, rate: bool = False, most: int = 5) -> list[Decimal]:
    """Round ticks covering [low, high]: steps of 1, 2 or 5 times a power of ten, at most
    `most` intervals (0, 2.000, 4.000, 6.000, 8.000). A rate is never drawn past 100% while its
    values stay within it, and one above 50% is drawn on the whole 0–100% scale."""
    if high < low:
        low, high = high, low
    if rate and low >= 0 and 50 < high <= 100:  # a share of the whole: the whole scale
        return [Decimal(v) for v in range(0, 101, 20)]
    if high == low:
        high = low + (abs(low) or Decimal(1))
    wanted = (high - low) / most
    power = Decimal(1).scaleb(wanted.adjusted())
    step = power * 10
    for factor in (Decimal(1), Decimal(2), Decimal(5), Decimal(10)):
        if power * factor >= wanted:
            step = power * factor
            break
    start = (low / step).to_integral_value(rounding=ROUND_FLOOR) * step
    end = (high / step).to_integral_value(rounding=ROUND_CEILING) * step
    if rate and low >= 0 and high <= 100:
        end = min(end, Decimal(100))
    count = int((end - start) / step)
    ticks = [start + step * i for i in range(count + 1)]
    if ticks[-1] < end:
        ticks.append(end)
    return [t.normalize() if t else Decimal(0) for t in ticks]


def _legend_items(data: ChartData) -> list[tuple[str, str]]:
    """(symbol SVG at x=0, label) of what the chart draws."""
    words = _words(data.lang)
    items = []
    kinds = {kind for _, _, kind in data.points}
    if kinds - {"estimate"}:
        items.append(
            (
                f'<circle cx="6" cy="0" r="5" fill="{_SERIES}" stroke="{_SERIES}" stroke-width="2"/>',
                words["official"],
            )
        )
    if "estimate" in kinds:
        items.append(
            (
                f'<circle cx="6" cy="0" r="5" fill="#fff" stroke="{_SERIES}" stroke-width="2"/>',
                words["estimate"],
            )
        )
    if data.target_low is not None:
        items.append(
            (
                f'<line x1="0" x2="22" y1="0" y2="0" stroke="{_TARGET}" stroke-width="3"/>',
                words["target"],
            )
        )
    if data.projection is not None:
        items.append(
            (
                f'<line x1="0" x2="22" y1="0" y2="0" stroke="{_PROJECTION}" stroke-width="2" '
                f'stroke-dasharray="6 4"/>',
                words["projection"],
            )
        )
    if data.path is not None:
        items.append(
            (
                f'<line x1="0" x2="22" y1="0" y2="0" stroke="{_MUTED}" stroke-width="1.5" '
                f'stroke-dasharray="2 3"/>',
                words["path"],
            )
        )
    return items


def _text_width(text: str, size: int = 11) -> int:
    """A generous estimate of a label's width in a sans-serif font."""
    return int(len(text) * size * 0.62) + 4


def _legend_rows(data: ChartData, *, left: int, right: int) -> list[list[tuple[int, str, str]]]:
    """The legend laid out in rows: (x, symbol, label)."""
    rows: list[list[tuple[int, str, str]]] = [[]]
    x = left
    for symbol, label in _legend_items(data):
        width = 28 + _text_width(label) + 18
        if rows[-1] and x + width > right:
            rows.append([])
            x = left
        rows[-1].append((x, symbol, label))
        x += width
    return rows if rows[0] else []


def chart_svg(
    data: ChartData, *, width: int = 640, height: int = 260, compact: bool = False
) -> str:
    """Draw the chart. `compact` draws a small trend line for tables (no axes, no legend)."""
    legend = [] if compact else _legend_rows(data, left=8, right=width - 8)
    pad_left = Decimal(4 if compact else 64)
    pad_right = Decimal(6 if compact else 24)
    pad_top = Decimal(5 if compact else 16)
    pad_bottom = Decimal(5 if compact else 30 + 18 * len(legend))
    w = Decimal(width)
    h = Decimal(height if compact else height + 18 * max(len(legend) - 1, 0))
    values = [p[1] for p in data.points]
    for extra in (data.target_low, data.target_high):
        if extra is not None:
            values.append(extra)
    for segment in (data.path, data.projection):
        if segment is not None:
            values.extend(v for _, v in segment)
    ticks = axis_ticks(min([Decimal(0), *values]), max(values), rate=data.is_rate)
    lo, hi = ticks[0], ticks[-1]
    if hi < max(values):  # a rate above 100%: the axis follows the figures
        hi = max(values)
    years = max(data.last_year - data.first_year, 1)

    def x(year: int) -> Decimal:
        return pad_left + (w - pad_left - pad_right) * (year - data.first_year) / years

    def y(value: Decimal) -> Decimal:
        return pad_top + (h - pad_top - pad_bottom) * (hi - value) / (hi - lo)

    ident = _id(data) + ("-s" if compact else "")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart{" chart-compact" if compact else ""}" '
        f'viewBox="0 0 {width} {_fmt(h)}" width="{width}" height="{_fmt(h)}" role="img" '
        f'aria-labelledby="t-{ident} d-{ident}" font-family="DejaVu Sans, Arial, sans-serif">',
        f'<title id="t-{ident}">{escape(data.title)}</title>',
        f'<desc id="d-{ident}">{escape(_description(data))}</desc>',
    ]
    if not compact:
        for tick in ticks:
            yy = _fmt(y(tick))
            label = _amount(tick, "%", data.lang) if data.is_rate else _number(tick, data.lang)
            parts.append(
                f'<line x1="{_fmt(pad_left)}" x2="{_fmt(w - pad_right)}" y1="{yy}" y2="{yy}" '
                f'stroke="{_GRID}" stroke-width="1"/>'
                f'<text x="{_fmt(pad_left - 6)}" y="{yy}" font-size="11" fill="{_MUTED}" '
                f'text-anchor="end" dominant-baseline="middle">{escape(label)}</text>'
            )
        for year in range(data.first_year, data.last_year + 1):
            parts.append(
                f'<text x="{_fmt(x(year))}" y="{_fmt(h - pad_bottom + 16)}" font-size="11" '
                f'fill="{_MUTED}" text-anchor="middle">{year}</text>'
            )
    if data.target_low is not None:
        x1, x2 = x(data.target_from_year), x(data.target_to_year)
        if x2 - x1 < 6:
            x1 = x2 - 6
        if data.target_high is not None:
            top, bottom = y(data.target_high), y(data.target_low)
            parts.append(
                f'<rect x="{_fmt(x1)}" y="{_fmt(top)}" width="{_fmt(max(x2 - x1, Decimal(6)))}" '
                f'height="{_fmt(bottom - top)}" fill="{_TARGET}" fill-opacity="0.15" '
                f'stroke="{_TARGET}" stroke-width="1"/>'
            )
        else:
            yy = _fmt(y(data.target_low))
            parts.append(
                f'<line x1="{_fmt(x1)}" x2="{_fmt(x2)}" y1="{yy}" y2="{yy}" stroke="{_TARGET}" '
                f'stroke-width="{"1.5" if compact else "3"}"/>'
            )
    if data.path is not None:
        (ya, va), (yb, vb) = data.path
        parts.append(
            f'<line x1="{_fmt(x(ya))}" y1="{_fmt(y(va))}" x2="{_fmt(x(yb))}" y2="{_fmt(y(vb))}" '
            f'stroke="{_MUTED}" stroke-width="{"1" if compact else "1.5"}" stroke-dasharray="2 3"/>'
        )
    if data.projection is not None:
        (ya, va), (yb, vb) = data.projection
        words = _words(data.lang)
        dash = "3 2" if compact else "6 4"
        parts.append(
            f'<line class="projection" x1="{_fmt(x(ya))}" y1="{_fmt(y(va))}" x2="{_fmt(x(yb))}" '
            f'y2="{_fmt(y(vb))}" stroke="{_PROJECTION}" stroke-width="{"1.5" if compact else "2"}" '
            f'stroke-dasharray="{dash}"/>'
        )
        parts.append(
            f'<circle cx="{_fmt(x(yb))}" cy="{_fmt(y(vb))}" r="{"2" if compact else "4"}" '
            f'fill="#fff" stroke="{_PROJECTION}" stroke-width="2"><title>'
            + escape(
                words["projected"].format(
                    year=yb, value=_amount(vb.quantize(Decimal("0.01")), data.unit, data.lang)
                )
            )
            + "</title></circle>"
        )
    if len(data.points) > 1:
        line = " ".join(f"{_fmt(x(p[0]))},{_fmt(y(p[1]))}" for p in data.points)
        parts.append(
            f'<polyline points="{line}" fill="none" stroke="{_SERIES}" '
            f'stroke-width="{"1.5" if compact else "2"}"/>'
        )
    radius = "2.5" if compact else "5"
    words = _words(data.lang)
    for year, value, kind in data.points:
        fill = "#fff" if kind == "estimate" else _SERIES
        label = words.get(f"type.{kind}", kind)
        parts.append(
            f'<circle cx="{_fmt(x(year))}" cy="{_fmt(y(value))}" r="{radius}" fill="{fill}" '
            f'stroke="{_SERIES}" stroke-width="2">'
            f"<title>{year}: {escape(_amount(value, data.unit, data.lang))} ({label})</title>"
            "</circle>"
        )
    for row, items in enumerate(legend):
        yy = _fmt(h - 12 - 18 * (len(legend) - 1 - row))
        for left, symbol, label in items:
            parts.append(
                f'<g transform="translate({left} {yy})">{symbol}'
                f'<text x="28" y="0" font-size="11" fill="{_INK}" dominant-baseline="middle">'
                f"{escape(label)}</text></g>"
            )
    parts.append("</svg>")
    return "".join(parts)


def _id(data: ChartData) -> str:
    code = data.title.split(". ")[0]
    return "c-" + ("".join(ch if ch.isalnum() else "-" for ch in code) or "x")


def _description(data: ChartData) -> str:
    words = _words(data.lang)
    if not data.points:
        text = words["no_data"].rstrip(".")
    else:
        text = "; ".join(
            f"{year}: {_number(value, data.lang)}"
            f"{words['estimate_mark'] if kind == 'estimate' else ''}"
            for year, value, kind in data.points
        )
    if data.target_low is not None:
        if data.target_high is not None:
            goal = f"{_number(data.target_low, data.lang)}–"
            goal += _amount(data.target_high, data.unit, data.lang)
        else:
            goal = _amount(data.target_low, data.unit, data.lang)
        text += ". " + words["goal"].format(goal=goal)
    if data.projection is not None:
        (year, value) = data.projection[1]
        text += ". " + words["projected"].format(
            year=year, value=_amount(value.quantize(Decimal("0.01")), data.unit, data.lang)
        )
    if data.note:
        text += f". {data.note}"
    return text + "."


# --- Targets counted by status: one horizontal stacked bar ---------------------------------

# The colours of the status badges (tiendo.css), and a pattern for each status so that a bar
# reads without colour (and in a black-and-white print): (fill, ink, pattern).
_STATUS_STYLE: dict[str, tuple[str, str, str]] = {
    "exceeded": ("#dafbe1", "#1a7f37", "diagonal"),
    "achieved": ("#dafbe1", "#1a7f37", "plain"),
    "on_track": ("#ddf4ff", "#0b5cad", "dots"),
    "at_risk": ("#fff3c4", "#8a5a00", "back-diagonal"),
    "not_achieved": ("#ffe1de", "#b3261e", "cross"),
    "no_data": ("#eaeef2", "#57606a", "plain"),
    "needs_assessment": ("#eaeef2", "#57606a", "horizontal"),
}


def status_colours(status: str) -> tuple[str, str]:
    """The background and the ink of a status's badge ("#dafbe1", "#1a7f37"), for the other
    places that colour a status (the workbooks)."""
    fill, ink, _ = _STATUS_STYLE.get(status, ("#eaeef2", "#57606a", "plain"))
    return fill, ink


@dataclass(frozen=True)
class BarSegment:
    status: str
    label: str  # the status's word, as on the tiles ("Vượt", "Exceeded")
    count: int


def _pattern(pid: str, status: str) -> str:
    fill, ink, kind = _STATUS_STYLE.get(status, ("#eaeef2", "#57606a", "plain"))
    shapes = {
        "plain": "",
        "diagonal": f'<path d="M-1 7 L7 -1" stroke="{ink}" stroke-width="1.4"/>',
        "back-diagonal": f'<path d="M-1 -1 L7 7" stroke="{ink}" stroke-width="1.4"/>',
        "cross": f'<path d="M-1 7 L7 -1 M-1 -1 L7 7" stroke="{ink}" stroke-width="1"/>',
        "dots": f'<circle cx="3" cy="3" r="1.2" fill="{ink}"/>',
        "horizontal": f'<path d="M0 3 L6 3" stroke="{ink}" stroke-width="1.2"/>',
    }[kind]
    return (
        f'<pattern id="{pid}" width="6" height="6" patternUnits="userSpaceOnUse">'
        f'<rect width="6" height="6" fill="{fill}"/>{shapes}</pattern>'
    )


def status_bar_svg(
    *, segments: Sequence[BarSegment], title: str, ident: str, height: int = 26
) -> str:
    """One horizontal bar divided by status, each part as wide as its share, in the badges'
    colours with a pattern per status, its count written in it when it fits, and its word and
    count in a <title>. `title` names the bar in words (the accessible name). The bar takes the
    width of its container (parts in %) at a fixed height, so its numbers are never scaled."""
    shown = [s for s in segments if s.count > 0]
    total = sum(s.count for s in shown)
    safe = "".join(ch if ch.isalnum() else "-" for ch in ident)
    words = "; ".join(f"{s.label}: {s.count}" for s in shown)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="status-bar" width="100%" '
        f'height="{height}" role="img" aria-labelledby="bt-{safe}" '
        f'font-family="DejaVu Sans, Arial, sans-serif">',
        f'<title id="bt-{safe}">{escape(title)}{": " if words else ""}{escape(words)}</title>',
        "<defs>" + "".join(_pattern(f"bp-{safe}-{s.status}", s.status) for s in shown) + "</defs>",
    ]
    start = Decimal(0)
    for segment in shown:
        share = Decimal(100) * segment.count / total
        _, ink, _ = _STATUS_STYLE.get(segment.status, ("", "#57606a", ""))
        parts.append(
            f'<g class="seg {segment.status}"><title>{escape(segment.label)}: {segment.count}'
            f'</title><rect x="{_fmt(start)}%" y="0.5" width="{_fmt(share)}%" '
            f'height="{height - 1}" fill="url(#bp-{safe}-{segment.status})" stroke="{ink}" '
            f'stroke-width="1"/>'
        )
        # Written in the part when it fits on a phone-wide bar (about 300 px).
        if share * 3 >= 8 * len(str(segment.count)) + 6:
            parts.append(
                f'<text x="{_fmt(start + share / 2)}%" y="{height / 2:.1f}" font-size="13" '
                f'font-weight="700" fill="{_INK}" text-anchor="middle" '
                f'dominant-baseline="central" paint-order="stroke" stroke="#fff" '
                f'stroke-width="4" stroke-linejoin="round">{segment.count}</text>'
            )
        parts.append("</g>")
        start += share
    parts.append("</svg>")
    return "".join(parts)


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


def status_swatch_svg(*, status: str, size: int = 14) -> str:
    """The pattern of a status as a small square, for the legend of the bars."""
    status = status if status in _STATUS_STYLE else "no_data"
    pid = f"sw-{status}"
    _, ink, _ = _STATUS_STYLE.get(status, ("", "#57606a", ""))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="swatch" width="{size}" height="{size}" '
        f'viewBox="0 0 {size} {size}" aria-hidden="true" focusable="false"><defs>'
        f"{_pattern(pid, status)}</defs>"
        f'<rect x="0.5" y="0.5" width="{size - 1}" height="{size - 1}" fill="url(#{pid})" '
        f'stroke="{ink}"/></svg>'
    )


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
