"""Building the parts of a `Reason` from the engine's own values (figures, rules, grades)."""

from __future__ import annotations

from collections.abc import Iterable

from .. import reasons as r
from ..arithmetic import rounded
from ..compare import Grade, Rule
from ..result import Projection
from ..spec import Figure, TargetSpec

__all__ = [
    "estimate_note",
    "figure_ref",
    "grade_code",
    "projection_note",
    "relation",
    "target_ref",
    "uncertain_note",
]

_GRADES = {Grade.EXCEEDED: "exceeded", Grade.MET: "met", Grade.NOT_MET: "not_met"}


def grade_code(grade: Grade) -> str:
    return _GRADES[grade]


def figure_ref(figure: Figure, unit: str) -> r.FigureRef:
    return r.FigureRef(
        year=figure.year,
        value=figure.value,
        unit=unit,
        figure_type=figure.figure_type,
        qualifier=figure.qualifier,
        from_year=figure.from_year,
    )


def target_ref(spec: TargetSpec, noun: str = "level") -> r.TargetRef:
    """The target's figure as the noun of a relation: noun "level", "mean" or "increase"."""
    assert spec.value is not None and spec.comparator is not None
    return r.TargetRef(noun, spec.comparator, spec.value, spec.value_high, spec.unit)


def relation(spec: TargetSpec, rule: Rule, grade: Grade, noun: str = "level") -> r.Relation:
    """How a quantity graded `grade` stands against the target."""
    test = "range" if spec.comparator == "range" else rule.test
    minimum = maximum = None
    if spec.comparator == "approx" and grade == Grade.NOT_MET:
        minimum = rounded(rule.lo)
    elif spec.comparator == "approx" and grade == Grade.EXCEEDED:
        maximum = rounded(rule.hi)
    return r.Relation(test, grade_code(grade), target_ref(spec, noun), minimum, maximum)


def uncertain_note(uncertain: bool, figures: Iterable[Figure], unit: str) -> r.UncertainNote | None:
    """Why the verdict is uncertain: the first qualified figure it rests on."""
    if not uncertain:
        return None
    for figure in figures:
        if figure.qualifier != "exact":
            return r.UncertainNote(figure_ref(figure, unit))
    return r.UncertainNote(None)


def estimate_note(figures: Iterable[Figure]) -> r.EstimateNote | None:
    years = tuple(f.year for f in figures if f.figure_type == "estimate")
    return r.EstimateNote(years) if years else None


def projection_note(
    projection: Projection | None, unit: str, basis: str
) -> r.ProjectionNote | None:
    if projection is None:
        return None
    return r.ProjectionNote(
        projection.year, rounded(projection.value), unit, projection.method, basis
    )
