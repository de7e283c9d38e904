"""Loading figures the office already holds (published statistics, earlier reports) as accepted
figures, from a CSV file — the same format as `tiendo evaluate --actuals`.

The figures become figures of the targets' indicators in the plan's area, through the one rule
for accepting figures (`tiendo.indicators.services.figures_record`): a figure equal to one already
held is skipped, so loading a file twice changes nothing; a different value for a figure already
held is recorded as a correction of it, with the reason given; nothing is overwritten.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.db import transaction

from tiendo.audit.services import Actor
from tiendo.evaluation.actuals import TargetInfo, actuals_parse
from tiendo.indicators.services import FigureRecord, figures_record
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


def figures_load_published(
    *, plan: Plan, text: str, actor: Actor, reason: str
) -> PublishedLoadResult:
    """Load a CSV of figures as accepted figures of `plan`; refused whole on any bad line
    (raises tiendo.evaluation.actuals.ActualsError naming the line). The file is read and
    checked before the one transaction that records the figures."""
    if not reason.strip():
        raise ValueError("Cần ghi rõ căn cứ, nguồn của số liệu (lý do).")
    if plan.area_id is None:
        raise ValueError("Chương trình chưa có địa bàn: chưa nạp được số liệu.")
    area_id: int = plan.area_id
    targets = {t.code: t for t in plan.targets.all()}
    parsed = actuals_parse(
        text=text,
        targets={
            code: TargetInfo(kind=t.kind, from_year=t.from_year, to_year=t.to_year)
            for code, t in targets.items()
        },
        first_year=plan.term_from_year - 1,
        last_year=plan.term_to_year,
    )
    sources = _sources(text)
    records = []
    for code, figures in parsed.items():
        target = targets[code]
        if target.indicator_ref_id is None:
            continue  # a qualitative target has no figures (actuals_parse refuses them anyway)
        for item in sorted(figures, key=lambda f: f.order):
            records.append(
                FigureRecord(
                    indicator_id=target.indicator_ref_id,
                    area_id=area_id,
                    year=item.year,
                    from_year=item.from_year,
                    value=item.value,
                    figure_type=item.figure_type,
                    qualifier=item.qualifier,
                    source=sources.get(item.order, ""),
                    note=item.note,
                    label=f"Chỉ tiêu {code} "
                    + (
                        f"giai đoạn {item.from_year}–{item.year}"
                        if item.from_year
                        else f"năm {item.year}"
                    ),
                )
            )
    with transaction.atomic():
        recorded = figures_record(
            records=records, actor=actor, reason=reason.strip(), plan_code=plan.code
        )
    return PublishedLoadResult(
        created=len(recorded.created),
        corrected=len(recorded.corrected),
        unchanged=len(recorded.unchanged),
    )
