"""Writes of indicators and figures.

- The catalogue: `indicator_resolve` finds the indicator a target measures (by code, or by its
  name or a synonym with the same unit of measure) or creates it; `indicator_catalogue_ensure`
  loads the built-in catalogue; `indicator_update` is the office's edit, audited.
- Figures: `figures_record` is the one rule for accepting figures, used by the review of a
  submission, by `tiendo figures load` and by the demo data. A figure equal to the one already
  held for the same indicator, area, period and type is skipped; a different one is recorded as a
  correction of it, with the reason; nothing is ever overwritten.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import resources
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from tiendo.accounts.permissions import require_monitor
from tiendo.audit.models import AuditAction
from tiendo.audit.services import (
    Actor,
    AuditRow,
    actor_user,
    audit_record,
    audit_record_many,
    diff_fields,
)
from tiendo.core.text import normalize_space, slug

from .models import Figure, FigureType, Indicator, Qualifier

CATALOGUE_FILE = "builtin/catalogue.json"

__all__ = [
    "FigureRecord",
    "FiguresRecorded",
    "figures_record",
    "indicator_catalogue_ensure",
    "indicator_resolve",
    "indicator_update",
    "name_key",
]


def name_key(text: str) -> str:
    """The form in which two names are compared: spaces collapsed, case folded."""
    return normalize_space(text).casefold()


def unit_key(text: str) -> str:
    """The form in which two units of measure are compared: what a plan adds in brackets
    ("xã (trên 181 xã)") and a per-year suffix ("đảng viên/năm", "%/năm") set aside."""
    text = re.sub(r"\([^)]*\)", " ", text)
    text = re.sub(r"\s*/\s*năm\s*$", "", normalize_space(text), flags=re.IGNORECASE)
    return name_key(text)


def _unique_code(base: str) -> str:
    base = slug(base, max_length=90) or "chi-so"
    taken = set(Indicator.objects.filter(code__startswith=base).values_list("code", flat=True))
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def indicator_match(*, name: str, unit: str | None) -> Indicator | None:
    """The catalogue's indicator with this name (or a synonym of it) and unit of measure
    (`unit` None: any unit — a reduction target's "%/năm" is not the unit of its figures)."""
    wanted = name_key(name)
    wanted_unit = None if unit is None else unit_key(unit)
    candidates = Indicator.objects.filter(Q(name__iexact=normalize_space(name)) | ~Q(synonyms=[]))
    for indicator in candidates.order_by("id"):
        if wanted_unit is not None and unit_key(indicator.unit) != wanted_unit:
            continue
        names = [indicator.name, *indicator.synonyms]
        if any(name_key(n) == wanted for n in names):
            return indicator
    return None


def indicator_resolve(
    *,
    name: str,
    unit: str | None,
    code: str | None = None,
    actor: Actor = None,
    reason: str = "",
) -> Indicator:
    """The indicator a target measures: the one with `code` when given (it must exist), else
    the catalogue's match by name or synonym and unit, else a new indicator (audited).
    `unit` None when the target's unit is not the unit of its figures (see `figure_unit`)."""
    if code:
        found = Indicator.objects.filter(code=code).first()
        if found is None:
            raise ValidationError(f"Không có chỉ số mã “{code}” trong danh mục.")
        return found
    found = indicator_match(name=name, unit=unit)
    if found is not None:
        return found
    unit = (unit or "").strip()
    suffix = f" {unit}" if unit and Indicator.objects.filter(code=slug(name, max_length=90)) else ""
    indicator = Indicator.objects.create(
        code=_unique_code(f"{name}{suffix}"), name=normalize_space(name), unit=unit
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=indicator,
        changes={
            "name": {"before": None, "after": indicator.name},
            "unit": {"before": None, "after": indicator.unit},
        },
        reason=reason or "Chỉ số mới theo chỉ tiêu của chương trình",
    )
    return indicator


def figure_unit(*, kind: str, unit: str) -> str | None:
    """The unit of a target's figures, as far as its words tell: the target's own unit, except
    for a yearly reduction ("giảm 5%/năm" is judged on yearly counts, whose unit it does not
    say)."""
    return None if kind == "annual_reduction" else unit


CATALOGUE_FIELDS = ("name", "unit", "definition", "source", "national_code", "synonyms")


def indicator_catalogue_document() -> list[dict[str, Any]]:
    """The built-in catalogue shipped inside the package (with its sources)."""
    text = resources.files("tiendo.indicators").joinpath(CATALOGUE_FILE).read_text("utf-8")
    entries: list[dict[str, Any]] = json.loads(text)["indicators"]
    return entries


@transaction.atomic
def indicator_catalogue_ensure(*, actor: Actor = None) -> int:
    """Add the built-in catalogue's indicators that are not held yet (by code; an indicator
    created earlier under the same name and unit takes the catalogue's code and details).
    Never overwrites what the office edited. Returns how many indicators were added or linked."""
    count = 0
    held = {i.code: i for i in Indicator.objects.all()}
    for entry in indicator_catalogue_document():
        if entry["code"] in held:
            continue
        values = {k: entry.get(k, [] if k == "synonyms" else "") for k in CATALOGUE_FIELDS}
        existing = indicator_match(name=entry["name"], unit=entry.get("unit", ""))
        if existing is not None:
            before = {"code": existing.code, **{k: getattr(existing, k) for k in values}}
            existing.code = entry["code"]
            for key, value in values.items():
                setattr(existing, key, value)
            existing.save()
            audit_record(
                actor=actor,
                action=AuditAction.UPDATE,
                obj=existing,
                changes=diff_fields(before, {"code": entry["code"], **values}),
                reason="Bổ sung từ danh mục chỉ số có sẵn",
            )
            held[entry["code"]] = existing
        else:
            indicator = Indicator.objects.create(code=entry["code"], **values)
            audit_record(
                actor=actor,
                action=AuditAction.CREATE,
                obj=indicator,
                changes={k: {"before": None, "after": v} for k, v in values.items()},
                reason="Danh mục chỉ số có sẵn",
            )
            held[entry["code"]] = indicator
        count += 1
    return count


@transaction.atomic
def indicator_update(
    *, actor: Actor, indicator: Indicator, values: dict[str, Any], reason: str
) -> Indicator:
    """The office edits an indicator's description (not its code: figures and plans refer to
    it). Audited with the reason."""
    require_monitor(actor)
    unknown = set(values) - set(CATALOGUE_FIELDS)
    if unknown:
        raise ValidationError(f"Không sửa được trường: {', '.join(sorted(unknown))}.")
    if not reason.strip():
        raise ValidationError({"reason": "Cần ghi lý do sửa chỉ số."})
    if "name" in values and not normalize_space(str(values["name"])):
        raise ValidationError({"name": "Tên chỉ số không được để trống."})
    if "synonyms" in values:
        values["synonyms"] = [normalize_space(str(s)) for s in values["synonyms"] if str(s).strip()]
    before = {k: getattr(indicator, k) for k in values}
    diff = diff_fields(before, values)
    if not diff:
        return indicator
    for key in diff:
        setattr(indicator, key, values[key])
    indicator.save(update_fields=list(diff))
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=indicator, changes=diff, reason=reason)
    return indicator


# --- Figures ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FigureRecord:
    """One figure to accept. `from_year` only for a period figure (giai đoạn from_year–year).
    `reason` and `accepted_at`, when given, stand for this figure instead of the call's (figures
    of several submissions accepted together, each with its own reason and time)."""

    indicator_id: int
    area_id: int
    year: int
    value: Decimal
    figure_type: str = FigureType.OFFICIAL
    qualifier: str = Qualifier.EXACT
    from_year: int | None = None
    source: str = ""
    note: str = ""
    reported_by_id: int | None = None
    correction_reason: str = ""
    label: str = ""  # how the audit log names it, e.g. "Chỉ tiêu 2.3 năm 2024"
    reason: str = ""
    accepted_at: dt.datetime | None = None

    @property
    def key(self) -> tuple[int, int, int, int | None, str]:
        return (self.indicator_id, self.area_id, self.year, self.from_year, self.figure_type)


@dataclass
class FiguresRecorded:
    created: list[Figure] = field(default_factory=list)
    corrected: list[Figure] = field(default_factory=list)
    unchanged: list[FigureRecord] = field(default_factory=list)
    # the accepted figure that stands for each record, in the order given
    figures: list[Figure | None] = field(default_factory=list)


def _figure_audit(
    record: FigureRecord,
    figure: Figure,
    previous: Figure | None,
    actor: Actor,
    reason: str,
    plan_code: str,
) -> AuditRow:
    changes: dict[str, Any] = {
        "year": {"before": None, "after": record.year},
        "value": {
            "before": None if previous is None else str(previous.value),
            "after": str(record.value),
        },
        "figure_type": {"before": None, "after": record.figure_type},
        "qualifier": {"before": None, "after": record.qualifier},
    }
    if record.from_year:
        changes["from_year"] = {"before": None, "after": record.from_year}
    if previous is not None:
        changes["corrects"] = {"before": None, "after": previous.pk}
    return AuditRow(
        actor=actor,
        action=AuditAction.CREATE,
        object_type=Figure._meta.label_lower,
        object_id=str(figure.pk),
        object_label=record.label or f"Số liệu năm {figure.period_label}",
        changes=changes,
        reason=(figure.correction_reason or record.reason or reason).strip(),
        plan_code=plan_code,
        at=figure.accepted_at,
    )


def figure_key(figure: Figure) -> tuple[int, int, int, int | None, str]:
    return (figure.indicator_id, figure.area_id, figure.year, figure.from_year, figure.figure_type)


def figures_held(
    records: Sequence[FigureRecord],
) -> dict[tuple[int, int, int, int | None, str], Figure]:
    """The latest accepted figure for each record's indicator, area, period and type."""
    if not records:
        return {}
    series = {(r.indicator_id, r.area_id) for r in records}
    # One condition per column (not one per series: many ORed conditions cost more to build
    # than the rows they save); the few figures of other series it reads are left out here.
    figures = Figure.objects.filter(
        indicator_id__in={i for i, _a in series},
        area_id__in={a for _i, a in series},
        year__in={r.year for r in records},
        figure_type__in={r.figure_type for r in records},
    ).order_by("id")
    held: dict[tuple[int, int, int, int | None, str], Figure] = {}
    for figure in figures:
        if (figure.indicator_id, figure.area_id) in series:
            held[figure_key(figure)] = figure
    return held


def figure_differs(held: Figure, record: FigureRecord) -> bool:
    return held.value != record.value or held.qualifier != record.qualifier


def figures_record(
    *,
    records: Sequence[FigureRecord],
    actor: Actor,
    reason: str = "",
    plan_code: str = "",
    skip_unchanged: bool = True,
    accepted_at: dt.datetime | None = None,
) -> FiguresRecorded:
    """Accept figures (call inside the caller's transaction; the caller checks permissions).

    A record equal to the latest accepted figure of its series (same value and qualifier) is
    skipped when `skip_unchanged`; one that differs becomes a correction of it and needs a
    reason (the record's `correction_reason`, else its `reason`, else `reason`). Each new figure
    gets one audit entry, at the time it was accepted (`accepted_at`, now by default). Figures
    are created in bulk: the cost does not grow with a query per figure."""
    result = FiguresRecorded(figures=[None] * len(records))
    held = figures_held(records)
    now = accepted_at or timezone.now()
    user = actor_user(actor)
    audits: list[AuditRow] = []
    remaining = list(enumerate(records))
    while remaining:
        # A series given twice in one call: the later record is weighed against the earlier
        # one, so it waits for the next round (one round in the usual case).
        this_round: list[tuple[int, FigureRecord]] = []
        later: list[tuple[int, FigureRecord]] = []
        seen: set[tuple[int, int, int, int | None, str]] = set()
        for index, record in remaining:
            (later if record.key in seen else this_round).append((index, record))
            seen.add(record.key)
        pending: list[tuple[int, FigureRecord, Figure, Figure | None]] = []
        for index, record in this_round:
            previous = held.get(record.key)
            if previous is not None and skip_unchanged and not figure_differs(previous, record):
                result.unchanged.append(record)
                result.figures[index] = previous
                continue
            why = (
                (record.correction_reason or record.reason or reason).strip()
                if previous is not None
                else ""
            )
            if previous is not None and not why:
                raise ValidationError(
                    f"{record.label or 'Số liệu'}: đã có số liệu được chấp nhận; "
                    "số mới là đính chính, cần ghi lý do đính chính."
                )
            figure = Figure(
                indicator_id=record.indicator_id,
                area_id=record.area_id,
                year=record.year,
                from_year=record.from_year,
                value=record.value,
                figure_type=record.figure_type,
                qualifier=record.qualifier,
                source=record.source,
                note=record.note,
                reported_by_id=record.reported_by_id,
                corrects=previous,
                correction_reason=why,
                accepted_at=record.accepted_at or now,
                accepted_by=user,
            )
            pending.append((index, record, figure, previous))
        # SQLite (3.35+) and PostgreSQL return the new ids from a bulk insert.
        Figure.objects.bulk_create([figure for _i, _r, figure, _p in pending])
        for index, record, figure, previous in pending:
            (result.corrected if previous is not None else result.created).append(figure)
            result.figures[index] = figure
            held[record.key] = figure
            audits.append(_figure_audit(record, figure, previous, actor, reason, plan_code))
        remaining = later
    audit_record_many(rows=audits)
    return result
