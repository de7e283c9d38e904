"""Level targets (`level`): the figure of the last year against the target; before it, the
latest figure against the straight path from the baseline, with a projection."""

from __future__ import annotations

from .. import reasons as r
from ..compare import FINAL_STATUS, TRACK_STATUS, Rule, combine, progress_toward, single
from ..figures import reading
from ..projection import project
from ..result import Projection
from .common import (
    Base,
    Case,
    Outcome,
    no_data,
    parts,
    progress_base,
    track_latest,
    unit_share,
)
from .phrases import figure_ref, projection_note, relation, uncertain_note

__all__ = ["evaluate_level"]


def evaluate_level(case: Case) -> Outcome:
    spec, rule = case.spec, case.rule
    assert rule is not None
    if not case.final:
        return level_progress(case, rule)
    figure = case.chosen.get(spec.to_year)
    if figure is None:
        # Say where the figures were heading, and how far the latest one went.
        latest = case.chosen[max(case.chosen)] if case.chosen else None
        if latest is None:
            return no_data(case, r.Missing("year", spec.to_year))
        return no_data(
            case,
            r.Missing("year", spec.to_year),
            progress=progress_toward(rule, latest.value),
            projection=level_projection(case, progress_base(case, latest.year)),
        )
    verdict = rule.judge(reading(figure))
    status, uncertain = combine([verdict], single(FINAL_STATUS))
    return Outcome(
        status,
        parts(
            r.Reached(
                figure_ref(figure, case.unit),
                relation(spec, rule, verdict.settled),
                unit_share(case, figure),
            ),
            uncertain_note(uncertain, [figure], case.unit),
        ),
        uncertain=uncertain,
        latest=figure,
        judged_value=figure.value,
        progress_pct=progress_toward(rule, figure.value),
        used=(figure,),
    )


def level_projection(case: Case, base: Base | None) -> Projection | None:
    """The projection to the last year through the baseline and the figures since."""
    points = {y: f.value for y, f in case.chosen.items() if base is None or y >= base.year}
    if base is not None:
        points[base.year] = base.value
    return project(sorted(points.items()), case.spec.to_year)


def level_progress(case: Case, rule: Rule) -> Outcome:
    unit = case.unit
    if not case.chosen:
        return no_data(case, r.Missing("until", case.as_of_year))
    latest = case.chosen[max(case.chosen)]
    base = progress_base(case, latest.year)
    track = track_latest(case, rule, latest, base)
    status, uncertain = combine([track.verdict], single(TRACK_STATUS))
    projection = level_projection(case, base)
    used = tuple(f for f in (base.figure if base else None, latest) if f is not None)
    return Outcome(
        status,
        parts(
            r.Reached(figure_ref(latest, unit), track.standing, unit_share(case, latest)),
            uncertain_note(uncertain, used, unit),
            projection_note(projection, unit, "level"),
        ),
        uncertain=uncertain,
        latest=latest,
        judged_value=latest.value,
        progress_pct=progress_toward(rule, latest.value),
        projection=projection,
        used=used,
    )
