"""The audit log as people read it: names of things instead of codes and ids.

The log stores what changed as written by the service (`object_type` "plans.assignment", a field
"role" with the value "lead", a unit by its code). For the page, `audit_entries_shown` gives each
entry of a page with the object type's name (the model's verbose name: "Phân công"; figures of
the old and the new kind both read "Số liệu"), the field names (the fields' verbose names),
choice values as their labels ("Chủ trì"), units, submissions and indicators by their names, dates
and numbers the Vietnamese way. The names are read for the whole page at once: one query per kind
of thing referred to, whatever the number of entries.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from tiendo.accounts.models import Profile
from tiendo.audit.models import AuditEntry
from tiendo.core.numbers import format_file_size, format_number
from tiendo.evaluation.labels import status_text
from tiendo.indicators.models import Indicator
from tiendo.org.models import OrgUnit

from .models import Submission

__all__ = [
    "OBJECT_TYPE_GROUPS",
    "ChangeShown",
    "EntryShown",
    "audit_entries_shown",
    "object_type_label",
    "object_type_members",
]

# Object types written under another name before: the figures moved from reporting to
# indicators. A filter on the one finds the other.
OBJECT_TYPE_GROUPS: dict[str, tuple[str, ...]] = {
    "indicators.figure": ("indicators.figure", "reporting.figure"),
}
_LEGACY_TYPES: dict[str, str] = {"reporting.figure": "indicators.figure"}

# Names of fields recorded that are not fields of the model, or whose model gives no name of
# its own (a foreign key named only by its attribute).
_FIELD_NAMES: dict[str, Any] = {
    "period": gettext_lazy("kỳ báo cáo"),
    "unit": gettext_lazy("đơn vị"),
    "units": gettext_lazy("đơn vị"),
    "issuing_unit": gettext_lazy("cơ quan ban hành"),
    "plan": gettext_lazy("chương trình hành động"),
    "superseded_plan": gettext_lazy("chương trình được thay thế"),
    "program": gettext_lazy("chương trình"),
    "programs": gettext_lazy("chương trình"),
    "target": gettext_lazy("chỉ tiêu"),
    "targets": gettext_lazy("chỉ tiêu"),
    "task": gettext_lazy("nhiệm vụ"),
    "tasks": gettext_lazy("nhiệm vụ"),
    "round": gettext_lazy("đợt báo cáo"),
    "submission": pgettext_lazy("trường trong nhật ký", "báo cáo"),
    "figures": gettext_lazy("số liệu được ghi nhận"),
    "recipients": gettext_lazy("người nhận"),
    "counts": gettext_lazy("số chỉ tiêu theo kết quả"),
    "synonyms": gettext_lazy("tên gọi khác"),
    "size": gettext_lazy("dung lượng"),
    "user": gettext_lazy("người dùng"),
    "scope": gettext_lazy("phạm vi"),
    "basis": gettext_lazy("căn cứ phân công"),
}

# Things referred to by their code or id, shown by their name.
_REFERRED: dict[type[models.Model], str] = {
    OrgUnit: "unit",
    Submission: "submission",
    Indicator: "indicator",
}
# Recorded fields that are not fields of the model but refer to units.
_UNIT_LISTS = {"units"}
# Recorded fields that name a unit by its code where the model's field is something else (an
# assignment records the unit of the assignment it was delegated from).
_UNIT_CODES = {("plans.assignment", "parent")}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LONG = 240


@dataclass(frozen=True)
class ChangeShown:
    field: str
    before: str
    after: str
    created: bool  # no value before (a new object): only the value after is worth showing


@dataclass(frozen=True)
class EntryShown:
    entry: AuditEntry
    actor: str
    object_type: str
    object_label: str
    changes: tuple[ChangeShown, ...]


def _model(object_type: str) -> type[models.Model] | None:
    label = _LEGACY_TYPES.get(object_type, object_type)
    try:
        app_label, model_name = label.split(".")
        return apps.get_model(app_label, model_name)
    except (ValueError, LookupError):
        return None


def object_type_label(object_type: str) -> str:
    """ "plans.assignment" → "Phân công"; both kinds of figures → "Số liệu"."""
    model = _model(object_type)
    if model is None:
        return object_type
    return str(capfirst(model._meta.verbose_name))


def object_type_members(object_type: str) -> tuple[str, ...]:
    """The object types a filter on `object_type` finds (itself and its former names)."""
    return OBJECT_TYPE_GROUPS.get(object_type, (object_type,))


def _models_of(object_type: str) -> list[type[models.Model]]:
    model = _model(object_type)
    if model is None:
        return []
    if model is get_user_model():
        return [model, Profile]  # a person's role and unit live on their profile
    return [model]


def _field(object_type: str, name: str) -> models.Field[Any, Any] | None:
    for model in _models_of(object_type):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if isinstance(field, models.Field):
            return field
    return None


def _field_label(object_type: str, name: str) -> str:
    """The field's verbose name ("Vai trò"); the name kept here where the model has none of
    its own; the recorded name as a last resort."""
    field = _field(object_type, name)
    automatic = name.replace("_", " ")
    if name == "size":  # shown in KB/MB, not in bytes as the model's name says
        return str(capfirst(str(_FIELD_NAMES[name])))
    if field is not None and field.verbose_name and str(field.verbose_name) != automatic:
        return str(capfirst(str(field.verbose_name)))
    if name in _FIELD_NAMES:
        return str(capfirst(str(_FIELD_NAMES[name])))
    return str(capfirst(automatic))


_Names = dict[str, dict[str, str]]  # kind → code or id → name


def _refers_to(object_type: str, name: str) -> str | None:
    """ "unit", "submission" or "indicator" when the field holds the code or id of one."""
    if (object_type, name) in _UNIT_CODES:
        return "unit"
    field = _field(object_type, name)
    if field is None:
        return "unit" if name in _UNIT_LISTS else None
    related = field.related_model
    return _REFERRED.get(related) if isinstance(related, type) else None


def _keys(entries: Iterable[AuditEntry]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {kind: set() for kind in _REFERRED.values()}
    for entry in entries:
        for name, change in (entry.changes or {}).items():
            kind = _refers_to(entry.object_type, name)
            if kind is None or not isinstance(change, dict):
                continue
            for value in (change.get("before"), change.get("after")):
                items = value if isinstance(value, list) else [value]
                found[kind].update(str(v) for v in items if v not in (None, ""))
    return found


def _names(entries: Sequence[AuditEntry]) -> dict[str, dict[str, str]]:
    """The names of the units, submissions and indicators the entries refer to (by code or
    id): one query for each kind that occurs."""
    keys = _keys(entries)
    names: dict[str, dict[str, str]] = {kind: {} for kind in keys}
    if keys["unit"]:
        ids = {int(k) for k in keys["unit"] if k.isdigit()}
        units = OrgUnit.objects.filter(models.Q(code__in=keys["unit"]) | models.Q(pk__in=ids))
        for unit in units.only("pk", "code", "name"):
            names["unit"][unit.code] = unit.name
            names["unit"].setdefault(str(unit.pk), unit.name)
    if submission_ids := [int(k) for k in keys["submission"] if k.isdigit()]:
        for sub in Submission.objects.filter(pk__in=submission_ids).select_related("unit", "round"):
            names["submission"][str(sub.pk)] = f"{sub.unit.name} — {sub.round.period_label()}"
    if keys["indicator"]:
        for indicator in Indicator.objects.filter(code__in=keys["indicator"]).only("code", "name"):
            names["indicator"][indicator.code] = indicator.name
    return names


def _one(
    value: Any, *, refers: str | None, field: models.Field[Any, Any] | None, names: _Names
) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    key = str(value)
    if refers is not None:
        return names[refers].get(key, key)
    if field is not None and field.choices:
        choices = {str(v): str(label) for v, label in field.flatchoices}
        return choices.get(key, key)
    if isinstance(field, models.DecimalField | models.FloatField):
        try:
            number = Decimal(key)
        except InvalidOperation:
            return key
        return format_number(number)
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return value
    if len(key) > _LONG:
        return key[: _LONG - 1].rstrip() + "…"
    return key


def _value(
    value: Any,
    *,
    name: str,
    refers: str | None,
    field: models.Field[Any, Any] | None,
    names: _Names,
) -> str:
    if isinstance(value, list):
        return ", ".join(_one(v, refers=refers, field=field, names=names) for v in value) or "—"
    if isinstance(value, dict):
        if name == "counts":  # the targets by status at the close of a term
            return ", ".join(f"{status_text(k)} {v}" for k, v in value.items() if v) or "—"
        return ", ".join(f"{k}: {v}" for k, v in value.items()) or "—"
    if name == "size" and isinstance(value, int):
        return format_file_size(value)
    return _one(value, refers=refers, field=field, names=names)


_SCOPES: dict[str, Any] = {
    "program": gettext_lazy("chương trình"),
    "target": gettext_lazy("chỉ tiêu"),
    "task": gettext_lazy("nhiệm vụ"),
}


def _object_label(entry: AuditEntry) -> str:
    """The object's name as recorded; an assignment ("Sở VHTTDL – Chủ trì – target") names what
    it assigns ("… – chỉ tiêu 3.1")."""
    label = entry.object_label
    if entry.object_type == "plans.assignment":
        head, sep, scope = label.rpartition(" – ")
        if sep and scope in _SCOPES:
            change = (entry.changes or {}).get(scope)
            code = change.get("after") or change.get("before") if isinstance(change, dict) else None
            word = str(_SCOPES[scope])
            return f"{head} – {word} {code}" if code else f"{head} – {word}"
    return label


def _actor(entry: AuditEntry) -> str:
    user = entry.actor
    if user is None:
        return entry.actor_label
    full = user.get_full_name().strip()
    return (
        f"{full} ({entry.actor_label})"
        if full and full != entry.actor_label
        else full or (entry.actor_label)
    )


def audit_entries_shown(*, entries: Sequence[AuditEntry]) -> list[EntryShown]:
    """The entries of a page in words (the entries come with their actor: select_related)."""
    names = _names(entries)
    shown = []
    for entry in entries:
        changes = []
        for name, change in (entry.changes or {}).items():
            field = _field(entry.object_type, name)
            refers = _refers_to(entry.object_type, name)
            before = change.get("before") if isinstance(change, dict) else None
            after = change.get("after") if isinstance(change, dict) else change
            if before in (None, "", []) and after in (None, "", []):
                continue  # nothing before, nothing after (an empty field of a new object)
            changes.append(
                ChangeShown(
                    field=_field_label(entry.object_type, name),
                    before=_value(before, name=name, refers=refers, field=field, names=names),
                    after=_value(after, name=name, refers=refers, field=field, names=names),
                    created=before is None,
                )
            )
        shown.append(
            EntryShown(
                entry=entry,
                actor=_actor(entry),
                object_type=object_type_label(entry.object_type),
                object_label=_object_label(entry),
                changes=tuple(changes),
            )
        )
    return shown
