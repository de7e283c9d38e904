"""Comparing a quantity with what the target asks: the rule, the grades, the verdicts.

`target_rule` turns a target's comparator and value(s) into a `Rule`; `Rule.judge` grades a
quantity (an `Interval`) at its point and over its whole interval; `combine` turns the grades of
one or more judgments into a status, flagged uncertain where the interval leaves it open.
Comparisons never divide: the straight path is compared after multiplying both sides.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import IntEnum

from .arithmetic import PROGRESS_QUANTUM, divide, rounded
from .intervals import Bound, Interval
from .spec import DEFAULT_TOLERANCE_PCT, LE_PROGRESS_CAP, Status, TargetSpec

__all__ = [
    "DONE_RULE",
    "FINAL_STATUS",
    "TRACK_STATUS",
    "Grade",
    "Rule",
    "Verdict",
    "combine",
    "progress_toward",
    "single",
    "target_rule",
    "track_verdict",
]


class Grade(IntEnum):
    NOT_MET = 0
    MET = 1
    EXCEEDED = 2


@dataclass(frozen=True)
class Verdict:
    """The grade at the figure's own value (`point`) and the lowest and highest grade over the
    interval the figure stands for."""

    point: Grade
    worst: Grade
    best: Grade

    @property
    def settled(self) -> Grade:
        """The grade over the whole interval if it is the same everywhere, else the point's."""
        return self.worst if self.worst == self.best else self.point

    def capped(self) -> Verdict:
        cap = Grade.MET
        return Verdict(min(self.point, cap), min(self.worst, cap), min(self.best, cap))


@dataclass(frozen=True)
class Rule:
    """A comparison of a quantity with thresholds.

    test: "at_least" (met if q ≥ lo, exceeded if q > hi: ge, approx, range), "above" (q > lo: gt),
    "at_most" (q ≤ hi: le), "below" (q < hi: lt), "within" (lo ≤ q ≤ hi: eq).
    aim: the value the straight path aims at (the lowest/highest value still met, or the centre
    for "within"). nominal: the value progress percentages are measured against.
    """

    test: str
    lo: Decimal
    hi: Decimal
    aim: Decimal
    nominal: Decimal

    @property
    def direction(self) -> int:
        """+1 if more is better, -1 if less is better, 0 if closer to the centre is better."""
        return {"at_least": 1, "above": 1, "at_most": -1, "below": -1}.get(self.test, 0)

    def times(self, factor: Decimal) -> Rule:
        """The same rule on a quantity multiplied by `factor` (> 0)."""
        return Rule(
            self.test, self.lo * factor, self.hi * factor, self.aim * factor, self.nominal * factor
        )

    def grade(self, q: Bound) -> Grade:
        lo, hi = Bound(self.lo), Bound(self.hi)
        match self.test:
            case "at_least":
                if q > hi:
                    return Grade.EXCEEDED
                return Grade.MET if q >= lo else Grade.NOT_MET
            case "above":
                return Grade.MET if q > lo else Grade.NOT_MET
            case "at_most":
                return Grade.MET if q <= hi else Grade.NOT_MET
            case "below":
                return Grade.MET if q < hi else Grade.NOT_MET
        return Grade.MET if lo <= q <= hi else Grade.NOT_MET

    def judge(self, q: Interval) -> Verdict:
        """Grade the quantity at its point and over its interval. The grade only changes at
        the thresholds, so the interval's ends and each threshold (approached from both sides)
        that lies inside it are enough."""
        candidates = [q.lo, q.hi]
        for threshold in {self.lo, self.hi}:
            for side in (-1, 0, 1):
                bound = Bound(threshold, side)
                if q.lo <= bound <= q.hi:
                    candidates.append(bound)
        grades = [self.grade(c) for c in candidates]
        return Verdict(self.grade(q.point), min(grades), max(grades))


def target_rule(spec: TargetSpec) -> Rule | None:
    """The rule a quantity must meet for the target (None for targets without a number)."""
    t = spec.value
    if t is None or spec.comparator is None:
        return None
    tol = DEFAULT_TOLERANCE_PCT if spec.tolerance_pct is None else spec.tolerance_pct
    d = abs(t) * tol / 100
    match spec.comparator:
        case "ge":
            return Rule("at_least", t, t, t, t)
        case "gt":
            return Rule("above", t, t, t, t)
        case "le":
            return Rule("at_most", t, t, t, t)
        case "lt":
            return Rule("below", t, t, t, t)
        case "approx":
            return Rule("at_least", t - d, t + d, t - d, t)
        case "range":
            high = spec.value_high if spec.value_high is not None else t
            return Rule("at_least", t, high, t, t)
    return Rule("within", t - d, t + d, t, t)


DONE_RULE = Rule("at_least", Decimal(1), Decimal(1), Decimal(1), Decimal(1))

FINAL_STATUS = {
    Grade.EXCEEDED: Status.EXCEEDED,
    Grade.MET: Status.ACHIEVED,
    Grade.NOT_MET: Status.NOT_ACHIEVED,
}

TRACK_STATUS = {
    Grade.EXCEEDED: Status.ON_TRACK,
    Grade.MET: Status.ON_TRACK,
    Grade.NOT_MET: Status.AT_RISK,
}


def combine(
    verdicts: Sequence[Verdict], aggregate: Callable[[list[Grade]], Status]
) -> tuple[Status, bool]:
    """The status of a set of judgments and whether the qualifiers make it uncertain: if the
    aggregate is the same with every figure at its worst and at its best, that is the status;
    otherwise the status of the settled grades, flagged uncertain."""
    worst = aggregate([v.worst for v in verdicts])
    best = aggregate([v.best for v in verdicts])
    if worst == best:
        return worst, False
    return aggregate([v.settled for v in verdicts]), True


def single(mapping: Mapping[Grade, Status]) -> Callable[[list[Grade]], Status]:
    return lambda grades: mapping[grades[0]]


def track_verdict(q: Interval, path: Interval, rule: Rule, scale: Decimal) -> Verdict:
    """Is `q` at least as good as the straight-path value `path` (both multiplied by `scale`)?
    More-is-better: q ≥ path; less-is-better: q ≤ path; "within": q is at least as close to the
    centre as the path (or inside the tolerance band)."""
    zero = Decimal(0)
    if rule.direction > 0:
        return Rule("at_least", zero, zero, zero, zero).judge(q - path).capped()
    if rule.direction < 0:
        return Rule("at_most", zero, zero, zero, zero).judge(q - path).capped()
    centre = rule.aim * scale
    half = max(abs(path.point.value - centre), (rule.hi - rule.aim) * scale)
    return Rule("within", centre - half, centre + half, centre, centre).judge(q)


def progress_toward(rule: Rule, value: Decimal) -> Decimal | None:
    """Progress towards the target in %: value/target for more-is-better and "within" targets;
    target/value (capped at LE_PROGRESS_CAP) for less-is-better targets."""
    nominal = rule.nominal
    if rule.direction < 0:
        if nominal <= 0:
            return None
        if value <= 0:
            return LE_PROGRESS_CAP
        return min(rounded(divide(nominal * 100, value), PROGRESS_QUANTUM), LE_PROGRESS_CAP)
    if nominal == 0:
        return None
    return rounded(divide(value * 100, nominal), PROGRESS_QUANTUM)
