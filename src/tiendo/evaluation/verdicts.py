"""What a figure being entered, or being reviewed, would make of its target: the engine's
verdict with that figure added to the ones already accepted, worded in the interface language.

The reporter sees it beside the value as it is typed (htmx), the reviewer beside each value of
the report before accepting it. Nothing is read here: the caller passes the accepted figures of
the indicator in the plan's area (the submission page has them already, for its history
column), so no query is made per row."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from tiendo.indicators.models import Figure as FigureRow
from tiendo.plans.models import Target

from . import engine
from .adapters import target_spec
from .labels import status_text


@dataclass(frozen=True)
class Verdict:
    """The status a value would give, its label and the sentence that explains it."""

    status: str
    label: str
    sentence: str


def figure_verdict(
    *,
    target: Target,
    term_from_year: int | None,
    accepted: Sequence[FigureRow],
    year: int,
    value: Decimal,
    figure_type: str,
    qualifier: str,
    lang: str,
    replaces_id: int | None = None,
) -> Verdict | None:
    """The verdict on `target` as of `year` if `value` were accepted for that year, after the
    figures already accepted (the new one counts as the latest). `replaces_id` is left out of
    those (the figure this very value already became, once accepted). None when the value
    cannot be judged (a figure type or qualifier the engine does not know)."""
    spec = target_spec(target=target, term_from_year=term_from_year)
    figures = [
        engine.Figure(
            year=row.year,
            from_year=row.from_year,
            value=row.value,
            figure_type=row.figure_type,
            qualifier=row.qualifier,
            order=row.pk,
            note=row.note,
        )
        for row in accepted
        if row.pk != replaces_id
    ]
    latest = max((f.order for f in figures), default=0) + 1
    try:
        figures.append(
            engine.Figure(
                year=year,
                value=value,
                figure_type=figure_type,
                qualifier=qualifier,
                order=latest,
            )
        )
    except (TypeError, ValueError):
        return None
    result = engine.evaluate_target(target=spec, figures=figures, as_of_year=year)
    return Verdict(
        status=str(result.status),
        label=str(status_text(result.status)),
        sentence=engine.evaluation_sentence(result, lang),
    )
