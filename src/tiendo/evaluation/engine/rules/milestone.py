"""Milestones (`milestone`): completed (a figure of 1) no later than the last year; before it,
the share of the work done against the straight path from 0 to 100 %."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from .. import reasons as r
from ..arithmetic import PROGRESS_QUANTUM, rounded
from ..compare import DONE_RULE, TRACK_STATUS, Grade, Verdict, combine, single
from ..figures import reading
from ..spec import Status
from .common import Case, Outcome, no_data, parts, progress_base, track_latest
from .phrases import uncertain_note

__all__ = ["evaluate_milestone"]


def evaluate_milestone(case: Case) -> Outcome:
    spec = case.spec
    if not case.chosen:
        return no_data(case, r.Missing("completion", case.as_of_year))
    verdicts = {y: DONE_RULE.judge(reading(f)) for y, f in case.chosen.items()}

    def done(pick: Callable[[Verdict], Grade]) -> int | None:
        return next((y for y, v in verdicts.items() if pick(v) >= Grade.MET), None)

    def status_of(year: int | None) -> Status:
        if year is not None:
            return Status.ACHIEVED if year <= spec.to_year else Status.NOT_ACHIEVED
        return Status.NOT_ACHIEVED if case.final else Status.AT_RISK

    done_year = done(lambda v: v.settled)
    worst, best = done(lambda v: v.worst), done(lambda v: v.best)
    uncertain = status_of(worst) != status_of(best)
    if done_year is not None:
        figure = case.chosen[done_year]
        status = status_of(done_year)
        return Outcome(
            status,
            parts(
                r.Completed(done_year, figure.figure_type, spec.to_year),
                uncertain_note(uncertain, [figure], ""),
            ),
            uncertain=uncertain,
            latest=figure,
            judged_value=figure.value,
            progress_pct=Decimal(100),
            used=(figure,),
            progress_holds=True,
        )
    latest = case.chosen[max(case.chosen)]
    done_pct = rounded(latest.value * 100, PROGRESS_QUANTUM)
    shown_pct = rounded(latest.value * 100)
    if case.final:
        status = Status.NOT_ACHIEVED
        head = r.NotCompleted(
            latest.year, shown_pct, latest.figure_type, spec.to_year, deadline_passed=True
        )
        return Outcome(
            status,
            parts(head, uncertain_note(uncertain, [latest], "")),
            uncertain=uncertain,
            latest=latest,
            judged_value=latest.value,
            progress_pct=done_pct,
            used=(latest,),
        )
    base = progress_base(case, latest.year, zero_start=True)
    track = track_latest(case, DONE_RULE, latest, base)
    status, track_uncertain = combine([track.verdict], single(TRACK_STATUS))
    uncertain = uncertain or track_uncertain
    used = tuple(f for f in (base.figure if base else None, latest) if f is not None)
    head = r.NotCompleted(
        latest.year,
        shown_pct,
        latest.figure_type,
        spec.to_year,
        deadline_passed=False,
        track=track.standing,
    )
    return Outcome(
        status,
        parts(head, uncertain_note(uncertain, used, "")),
        uncertain=uncertain,
        latest=latest,
        judged_value=latest.value,
        progress_pct=done_pct,
        used=used,
    )
