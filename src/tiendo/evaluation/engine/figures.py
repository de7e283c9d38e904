"""Which figure counts for each year, and the interval a figure stands for.

For each year the figure that counts is the latest official one, else the latest reported one,
else the latest estimate ("latest" = highest `order`); figures after the as-of year are ignored.
A figure for a period (from_year … year) is not a figure of its last year: `select_figures`
leaves it out, and `select_period_figure` picks, by the same precedence, the one that covers
exactly a target's period.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from .intervals import INF, Bound, Interval
from .spec import ABOUT_PCT, FIGURE_TYPES, Figure

__all__ = ["by_year", "precedence", "reading", "select_figures", "select_period_figure"]


def reading(figure: Figure) -> Interval:
    """The interval a figure stands for, by its qualifier."""
    x = figure.value
    if figure.qualifier == "more_than":
        return Interval(Bound(x, 1), Bound(x), INF)
    if figure.qualifier == "about":
        d = abs(x) * ABOUT_PCT / 100
        return Interval(Bound(x - d), Bound(x), Bound(x + d))
    return Interval.exact(x)


def precedence(figure: Figure) -> tuple[int, int, Decimal, str, str]:
    # After type and order, the remaining fields only make the choice independent of input order.
    return (
        FIGURE_TYPES.index(figure.figure_type),
        figure.order,
        figure.value,
        figure.qualifier,
        figure.note,
    )


def by_year(figure: Figure) -> int:
    return figure.year


def select_figures(figures: Iterable[Figure], *, as_of_year: int) -> dict[int, Figure]:
    """The figure that counts for each year up to `as_of_year`, by year: the latest official
    figure, else the latest reported one, else the latest estimate. Period figures are left
    out."""
    chosen: dict[int, Figure] = {}
    for figure in figures:
        if figure.year > as_of_year or figure.is_period:
            continue
        current = chosen.get(figure.year)
        if current is None or precedence(figure) > precedence(current):
            chosen[figure.year] = figure
    return dict(sorted(chosen.items()))


def select_period_figure(
    figures: Iterable[Figure], *, from_year: int, to_year: int, as_of_year: int
) -> Figure | None:
    """The figure for the period from_year … to_year that counts (same precedence as for a
    year), if there is one by `as_of_year`; figures for other periods do not count."""
    best: Figure | None = None
    for figure in figures:
        if figure.from_year != from_year or figure.year != to_year or figure.year > as_of_year:
            continue
        if best is None or precedence(figure) > precedence(best):
            best = figure
    return best
