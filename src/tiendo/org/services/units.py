"""Writes of organisational units: recording that units merged, split, were renamed or handed
over their work. History is never rewritten: the old units keep their rows, figures and
assignments; they get an end date and links to the units that carry on. Handing their
responsibilities in plans to the successor is `tiendo.plans.services.unit_succession_record`."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction

from tiendo.audit.models import AuditAction
from tiendo.audit.services import Actor, audit_record
from tiendo.core.text import normalize_space, slug

from ..models import OrgUnit, OrgUnitKind, OrgUnitSuccession, SuccessionKind

CLOSING_KINDS = {SuccessionKind.MERGE, SuccessionKind.SPLIT, SuccessionKind.RENAME}


@transaction.atomic
def succession_links_record(
    *,
    predecessors: Sequence[OrgUnit],
    successor: OrgUnit,
    kind: SuccessionKind | str,
    effective_date: dt.date,
    legal_basis: str,
    actor: Actor,
) -> list[OrgUnitSuccession]:
    """`successor` takes over from `predecessors` on `effective_date`: for a merger, split or
    renaming the predecessors end the day before (a transfer of work leaves them in place), and
    each gets a succession link to the successor."""
    kind = SuccessionKind(kind)
    if not predecessors:
        raise ValidationError("Cần ít nhất một đơn vị cũ.")
    if any(p.pk == successor.pk for p in predecessors):
        raise ValidationError("Đơn vị kế thừa không thể là một trong các đơn vị cũ.")
    if not legal_basis.strip():
        raise ValidationError("Cần ghi căn cứ (số, ngày văn bản quyết định).")
    if successor.valid_to is not None and successor.valid_to < effective_date:
        raise ValidationError(
            f"Đơn vị kế thừa “{successor}” đã hết hiệu lực trước ngày {effective_date:%d/%m/%Y}."
        )
    if successor.valid_from is not None and successor.valid_from > effective_date:
        raise ValidationError(
            f"Đơn vị kế thừa “{successor}” chỉ có hiệu lực từ {successor.valid_from:%d/%m/%Y}."
        )
    links = []
    last_day = effective_date - dt.timedelta(days=1)
    for unit in predecessors:
        if kind in CLOSING_KINDS and (unit.valid_to is None or unit.valid_to > last_day):
            if unit.valid_from is not None and unit.valid_from > last_day:
                raise ValidationError(
                    f"Đơn vị “{unit}” chỉ có hiệu lực từ {unit.valid_from:%d/%m/%Y}."
                )
            before = unit.valid_to
            unit.valid_to = last_day
            unit.save(update_fields=["valid_to"])
            audit_record(
                actor=actor,
                action=AuditAction.UPDATE,
                obj=unit,
                changes={
                    "valid_to": {
                        "before": before.isoformat() if before else None,
                        "after": last_day.isoformat(),
                    }
                },
                reason=legal_basis,
            )
        link, created = OrgUnitSuccession.objects.get_or_create(
            predecessor=unit,
            successor=successor,
            defaults={"kind": kind, "effective_date": effective_date, "legal_basis": legal_basis},
        )
        if created:
            audit_record(
                actor=actor,
                action=AuditAction.CREATE,
                obj=link,
                changes={
                    "kind": {"before": None, "after": str(kind)},
                    "effective_date": {"before": None, "after": effective_date.isoformat()},
                },
                reason=legal_basis,
            )
        links.append(link)
    return links


AREA_LEVELS = "tỉnh|thành phố|huyện|thị xã|quận|xã|phường|thị trấn"
# "Ban Chấp hành Đảng bộ tỉnh Lạng Sơn", "Đảng bộ xã Tân Thanh"
AREA_PATTERN = re.compile(rf"^(?:ban chấp hành )?đảng bộ ({AREA_LEVELS}) (.+)$", re.IGNORECASE)
# "Tỉnh ủy Lạng Sơn", "Huyện ủy Cao Lộc", "Đảng ủy xã Tân Thanh", or "Tỉnh ủy" alone
COMMITTEE_PATTERN = re.compile(
    rf"^(?:(tỉnh|thành|huyện|thị|quận) ủy|đảng ủy ({AREA_LEVELS}))(?: (.+))?$", re.IGNORECASE
)
COMMITTEE_LEVELS = {"tỉnh": "tỉnh", "thành": "thành phố", "huyện": "huyện", "thị": "thị xã"}
AREA_KINDS = {
    "tỉnh": OrgUnitKind.PROVINCE,
    "thành phố": OrgUnitKind.PROVINCE,
    "huyện": OrgUnitKind.DISTRICT,
    "thị xã": OrgUnitKind.DISTRICT,
    "quận": OrgUnitKind.DISTRICT,
    "xã": OrgUnitKind.COMMUNE,
    "phường": OrgUnitKind.WARD,
    "thị trấn": OrgUnitKind.TOWNSHIP,
}


def area_name_for(*, issuer_name: str, place: str = "") -> tuple[str, str] | None:
    """The name and level of the territory a Party committee governs, read from its name
    (and the place of issue when the name does not say it): "Ban Chấp hành Đảng bộ tỉnh Lạng
    Sơn" → ("Tỉnh Lạng Sơn", "tỉnh"); "Tỉnh ủy" issued in Lạng Sơn → ("Tỉnh Lạng Sơn", "tỉnh")."""
    name = normalize_space(issuer_name)
    match = AREA_PATTERN.match(name)
    if match:
        level, where = match.group(1).lower(), match.group(2)
    else:
        committee = COMMITTEE_PATTERN.match(name)
        if committee is None:
            return None
        level = (
            COMMITTEE_LEVELS[committee.group(1).lower()]
            if committee.group(1)
            else committee.group(2).lower()
        )
        where = committee.group(3) or normalize_space(place)
        if not where:
            return None
    where = where.strip()
    return f"{level[0].upper()}{level[1:]} {where}", level


def area_for_issuer(
    *, issuer: OrgUnit | None, fallback_name: str, actor: Actor, place: str = ""
) -> OrgUnit:
    """The territory a plan's figures describe, when the plan does not name it: the area that
    the issuing Party committee governs ("Ban Chấp hành Đảng bộ tỉnh Lạng Sơn" → "Tỉnh Lạng
    Sơn", created if missing), else the issuing body itself, else a unit named after the plan."""
    if issuer is not None:
        found = area_name_for(issuer_name=issuer.name, place=place)
        if found is None:
            return issuer
        name, kind = found[0], AREA_KINDS[found[1]]
    else:
        name, kind = fallback_name, OrgUnitKind.OTHER
    unit = OrgUnit.objects.filter(code=slug(name)).first()
    if unit is None:
        unit = OrgUnit.objects.create(code=slug(name), name=name, kind=kind)
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=unit,
            changes={
                "name": {"before": None, "after": name},
                "kind": {"before": None, "after": str(kind)},
            },
            reason="Địa bàn của chương trình hành động",
        )
    return unit
