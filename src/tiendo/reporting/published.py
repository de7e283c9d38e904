"""Loading figures the office already holds (published statistics, earlier reports) as accepted
figures, from a CSV file — the same format as `tiendo evaluate --actuals`.

A figure equal to one already held (same target, year, type, value and qualifier) is skipped, so
loading a file twice changes nothing. A different value for a figure already held is recorded as
a correction of it, with the reason given; nothing is overwritten.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from tiendo.audit.models import AuditAction
from tiendo.audit.services import Actor, actor_user, audit_record
from tiendo.evaluation.actuals import TargetInfo, actuals_parse
from tiendo.indicators.models import Figure
from tiendo.plans.models import Plan


@dataclass
class PublishedLoadResult:
    created: int
    corrected: int
    unchanged: int


def _sources(text: str) -> dict[int, str]:
    """Line number → "source_url — quote" where the file has those columns."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    result = {}
    for row in reader:
        parts = [(row.get(name) or "").strip() for name in ("source", "source_url", "quote")]
        result[reader.line_num] = " — ".join(p for p in parts if p)
    return result


@transaction.atomic
def figures_load_published(
    *, plan: Plan, text: str, actor: Actor, reason: str
) -> PublishedLoadResult:
    """Load a CSV of figures as accepted figures of `plan`; refused whole on any bad line
    (raises tiendo.evaluation.actuals.ActualsError naming the line)."""
    if not reason.strip():
        raise ValueError("Cần ghi rõ căn cứ, nguồn của số liệu (lý do).")
    targets = {t.code: t for t in plan.targets.all()}
    parsed = actuals_parse(
        text=text,
        targets={code: TargetInfo(kind=t.kind) for code, t in targets.items()},
        first_year=plan.term_from_year - 1,
        last_year=plan.term_to_year,
    )
    sources = _sources(text)
    held: dict[tuple[str, int, str], Figure] = {}
    for figure in Figure.objects.filter(target__plan=plan).select_related("target").order_by("id"):
        held[(figure.target.code, figure.year, figure.figure_type)] = figure
    result = PublishedLoadResult(created=0, corrected=0, unchanged=0)
    now = timezone.now()
    for code, figures in parsed.items():
        for item in sorted(figures, key=lambda f: f.order):
            key = (code, item.year, item.figure_type)
            previous = held.get(key)
            if (
                previous is not None
                and previous.value == item.value
                and previous.qualifier == item.qualifier
            ):
                result.unchanged += 1
                continue
            figure = Figure.objects.create(
                target=targets[code],
                year=item.year,
                value=item.value,
                figure_type=item.figure_type,
                qualifier=item.qualifier,
                source=sources.get(item.order, ""),
                note=item.note,
                corrects=previous,
                correction_reason=reason.strip() if previous is not None else "",
                accepted_at=now,
                accepted_by=actor_user(actor),
            )
            audit_record(
                actor=actor,
                action=AuditAction.CREATE,
                obj=figure,
                changes={
                    "value": {
                        "before": None if previous is None else str(previous.value),
                        "after": str(item.value),
                    },
                    "figure_type": {"before": None, "after": item.figure_type},
                    "qualifier": {"before": None, "after": item.qualifier},
                },
                reason=reason.strip(),
                plan_code=plan.code,
            )
            held[key] = figure
            if previous is None:
                result.created += 1
            else:
                result.corrected += 1
    return result
