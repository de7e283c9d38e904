"""Loading the built-in record of the 2025 reorganisation (`builtin/lang-son-2025.json`).

The record lists units with their validity dates and the successions between them, each with
its legal basis and public source. Loading it is idempotent and audited, and it never rewrites
what the office entered: a unit held under the same code keeps its name, kind and parent, and
only an empty validity date is filled in; a succession already recorded is left alone.

Successions go through a recorder passed in by the caller: set-up passes
`tiendo.plans.services.unit_succession_record`, so that the predecessors' assignments follow
to the successor (org sits below plans and cannot import it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.core.exceptions import ValidationError
from django.db import transaction

from tiendo.audit.models import AuditAction
from tiendo.audit.services import Actor, audit_record

from ..models import OrgUnit, OrgUnitKind, OrgUnitSuccession, SuccessionKind
from ..selectors import reorganisation_builtin_document
from .units import CLOSING_KINDS


class SuccessionRecorder(Protocol):
    """The signature of `tiendo.plans.services.unit_succession_record`."""

    def __call__(
        self,
        *,
        predecessors: Sequence[OrgUnit],
        successor: OrgUnit,
        kind: SuccessionKind | str,
        effective_date: dt.date,
        legal_basis: str,
        actor: Actor,
        transfer_assignments: bool = True,
    ) -> list[OrgUnitSuccession]: ...


@dataclass
class ReorganisationResult:
    units_created: list[str] = field(default_factory=list)
    dates_filled: list[str] = field(default_factory=list)
    successions_recorded: list[str] = field(default_factory=list)
    # what was left alone, and why (in the office's language)
    skipped: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.units_created or self.dates_filled or self.successions_recorded)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _reason(entry: dict[str, Any], sources: dict[str, dict[str, Any]]) -> str:
    """The audit reason of a unit: its legal basis and the public sources it was read from."""
    urls = [sources[key]["url"] for key in entry.get("sources", [])]
    parts = ["Sắp xếp tổ chức bộ máy năm 2025 (dữ liệu có sẵn)"]
    if entry.get("basis"):
        parts.append(entry["basis"])
    if urls:
        parts.append("nguồn: " + " ; ".join(urls))
    return " — ".join(parts)


def _units_ensure(
    *,
    entries: list[dict[str, Any]],
    ended_by_succession: set[str],
    sources: dict[str, dict[str, Any]],
    actor: Actor,
    result: ReorganisationResult,
) -> dict[str, OrgUnit]:
    """Create the units that are missing (parents come first in the record) and fill empty
    validity dates of those held. A unit that a succession of the record ends gets its end date
    from that succession, not here."""
    held = {u.code: u for u in OrgUnit.objects.filter(code__in=[e["code"] for e in entries])}
    for entry in entries:
        code = entry["code"]
        valid_from = _date(entry.get("valid_from"))
        valid_to = None if code in ended_by_succession else _date(entry.get("valid_to"))
        unit = held.get(code)
        if unit is None:
            parent = held.get(entry["parent"]) if entry.get("parent") else None
            if entry.get("parent") and parent is None:
                parent = OrgUnit.objects.filter(code=entry["parent"]).first()
            unit = OrgUnit.objects.create(
                code=code,
                name=entry["name"],
                short_name=entry.get("short_name", ""),
                kind=OrgUnitKind(entry["kind"]),
                parent=parent,
                valid_from=valid_from,
                valid_to=valid_to,
            )
            audit_record(
                actor=actor,
                action=AuditAction.CREATE,
                obj=unit,
                changes={
                    "name": {"before": None, "after": unit.name},
                    "kind": {"before": None, "after": unit.kind},
                    "parent": {"before": None, "after": parent.code if parent else None},
                    "valid_from": {"before": None, "after": entry.get("valid_from")},
                    "valid_to": {"before": None, "after": valid_to and valid_to.isoformat()},
                },
                reason=_reason(entry, sources),
            )
            held[code] = unit
            result.units_created.append(code)
            continue
        changes: dict[str, Any] = {}
        if valid_from is not None and unit.valid_from is None:
            if unit.valid_to is not None and unit.valid_to < valid_from:
                result.skipped.append(
                    f"{code}: đơn vị đang có hiệu lực đến {unit.valid_to:%d/%m/%Y}, trước ngày "
                    f"bắt đầu {valid_from:%d/%m/%Y} theo dữ liệu có sẵn; giữ nguyên."
                )
            else:
                unit.valid_from = valid_from
                changes["valid_from"] = {"before": None, "after": valid_from.isoformat()}
        if valid_to is not None and unit.valid_to is None:
            if unit.valid_from is not None and unit.valid_from > valid_to:
                result.skipped.append(
                    f"{code}: đơn vị chỉ có hiệu lực từ {unit.valid_from:%d/%m/%Y}, sau ngày "
                    f"kết thúc {valid_to:%d/%m/%Y} theo dữ liệu có sẵn; giữ nguyên."
                )
            else:
                unit.valid_to = valid_to
                changes["valid_to"] = {"before": None, "after": valid_to.isoformat()}
        if changes:
            unit.save(update_fields=list(changes))
            audit_record(
                actor=actor,
                action=AuditAction.UPDATE,
                obj=unit,
                changes=changes,
                reason=_reason(entry, sources),
            )
            result.dates_filled.append(code)
    return held


@transaction.atomic
def reorganisation_builtin_ensure(
    *, actor: Actor = None, record_succession: SuccessionRecorder
) -> ReorganisationResult:
    """Bring the units up to the built-in record of the 2025 reorganisation (safe to run any
    number of times). Each succession not yet held is recorded through `record_succession`; one
    that the office's own data makes impossible is left out and reported in `skipped`."""
    document = reorganisation_builtin_document()
    sources = {s["key"]: s for s in document["sources"]}
    successions: list[dict[str, Any]] = document["successions"]
    ended_by_succession = {
        code for s in successions if s["kind"] in CLOSING_KINDS for code in s["predecessors"]
    }
    result = ReorganisationResult()
    units = _units_ensure(
        entries=document["units"],
        ended_by_succession=ended_by_succession,
        sources=sources,
        actor=actor,
        result=result,
    )
    for entry in successions:
        predecessors = [units[code] for code in entry["predecessors"]]
        successor = units[entry["successor"]]
        held = set(
            OrgUnitSuccession.objects.filter(
                predecessor__in=predecessors, successor=successor
            ).values_list("predecessor_id", flat=True)
        )
        missing = [p for p in predecessors if p.pk not in held]
        if not missing:
            continue
        label = f"{', '.join(p.code for p in missing)} → {successor.code}"
        try:
            with transaction.atomic():
                record_succession(
                    predecessors=missing,
                    successor=successor,
                    kind=entry["kind"],
                    effective_date=dt.date.fromisoformat(entry["effective_date"]),
                    legal_basis=entry["legal_basis"],
                    actor=actor,
                    transfer_assignments=entry.get("transfer_assignments", True),
                )
        except ValidationError as exc:
            result.skipped.append(f"{label}: {' '.join(exc.messages)}")
            continue
        result.successions_recorded.append(label)
    return result
