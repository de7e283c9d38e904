"""Where a series is heading: the value of its trend in the target's last year.

With ≥ 3 points the least-squares line ("linear_trend"), with 2 the straight line through them
("straight_path"), none from a single point; a projection of non-negative figures stays ≥ 0.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal, localcontext

from .arithmetic import PRECISION, divide, rounded
from .intervals import ZERO
from .result import Projection
from .spec import Figure, TargetSpec

__all__ = ["project", "project_mean", "trend"]


def trend(points: Sequence[tuple[int, Decimal]], year: int) -> Decimal:
    """The value in `year` of the least-squares line through ≥ 2 (year, value) points (with
    two points, the straight line through them)."""
    with localcontext() as ctx:
        ctx.prec = PRECISION
        n = Decimal(len(points))
        mean_x = sum((Decimal(x) for x, _ in points), ZERO) / n
        mean_y = sum((y for _, y in points), ZERO) / n
        sxx = sum(((x - mean_x) ** 2 for x, _ in points), ZERO)
        sxy = sum(((x - mean_x) * (y - mean_y) for x, y in points), ZERO)
        return mean_y + sxy / sxx * (year - mean_x)


def project(points: Sequence[tuple[int, Decimal]], to_year: int) -> Projection | None:
    """Project to `to_year`: the least-squares line over ≥ 3 yearly points ("linear_trend"),
    else the straight line through the two points ("straight_path"); none from a single
    point. A projection of non-negative figures is not allowed below zero."""
    if len(points) < 2:
        return None
    value = trend(points, to_year)
    if value < 0 and all(y >= 0 for _, y in points):
        value = ZERO
    method = "straight_path" if len(points) == 2 else "linear_trend"
    return Projection(year=to_year, value=rounded(value), method=method)


def project_mean(spec: TargetSpec, rates: Mapping[int, Figure]) -> Projection:
    """The mean over the whole period: with ≥ 3 rates, the years without a figure take the
    linear trend of the rates; else the mean so far is held ("straight_path")."""
    assert spec.from_year is not None
    points = [(y, f.value) for y, f in rates.items()]
    years = range(spec.from_year, spec.to_year + 1)
    if len(points) < 3:
        mean = divide(sum((v for _, v in points), ZERO), Decimal(len(points)))
        return Projection(spec.to_year, rounded(mean), "straight_path")
    values = [rates[y].value if y in rates else trend(points, y) for y in years]
    mean = divide(sum(values, ZERO), Decimal(len(values)))
    return Projection(spec.to_year, rounded(mean), "linear_trend")
