"""Exact bounds and intervals: a value, a value approached from one side, or ±infinity.

A figure "hơn X" is the open interval (X, ∞) and "khoảng X" is X ± 5 %; the engine works a verdict
out over the whole interval. `Bound` keeps "just above X" exact without any epsilon.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

__all__ = ["INF", "ZERO", "Bound", "Interval"]


@dataclass(frozen=True, order=True)
class Bound:
    """A number, a number approached from below (side -1) or above (+1), or ±Infinity.

    Ordered lexicographically, so (X, +1) is above X and below every number above X: that is
    how "hơn X" (X excluded) is compared exactly.
    """

    value: Decimal
    side: int = 0

    def __neg__(self) -> Bound:
        return Bound(-self.value, -self.side)

    def __add__(self, other: Bound) -> Bound:
        total = self.value + other.value
        if not total.is_finite():
            return Bound(total)
        side = self.side + other.side
        return Bound(total, (side > 0) - (side < 0))

    def __sub__(self, other: Bound) -> Bound:
        return self + -other

    def times(self, factor: Decimal) -> Bound:
        if factor == 0:
            return Bound(Decimal(0))
        product = self.value * factor
        return Bound(product, self.side * (1 if factor > 0 else -1) if product.is_finite() else 0)


INF = Bound(Decimal("Infinity"))

ZERO = Decimal(0)


@dataclass(frozen=True)
class Interval:
    """What a figure (or a quantity computed from figures) may be: lo ≤ point ≤ hi, except
    that for "hơn X" the point X itself lies just below the open interval (X, ∞)."""

    lo: Bound
    point: Bound
    hi: Bound

    @classmethod
    def exact(cls, value: Decimal) -> Interval:
        bound = Bound(value)
        return cls(bound, bound, bound)

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.point + other.point, self.hi + other.hi)

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.point, -self.lo)

    def __sub__(self, other: Interval) -> Interval:
        return self + -other

    def times(self, factor: Decimal) -> Interval:
        if factor < 0:
            return (-self).times(-factor)
        return Interval(self.lo.times(factor), self.point.times(factor), self.hi.times(factor))
