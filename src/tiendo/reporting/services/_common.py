"""What the reporting services share: the acting user, the clock, the JSON form of a value in
the audit log, and the optimistic version check of submissions.

A write names the version of the submission it read; the service runs
UPDATE ... WHERE version = n AND state IN (...), and raises `StaleVersion` when someone else
wrote first. Many submissions are claimed in one statement (`_claim_many`), one in the same way.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from tiendo.audit.services import Actor, actor_user
from tiendo.core.db import rows_update
from tiendo.core.numbers import format_number

from ..models import ReportingRound, Submission

__all__ = ["Actor", "StaleVersion", "SubmissionStep"]

FOREIGN_KEYS = {"updated_by", "reviewed_by"}  # written by id


class StaleVersion(Exception):
    """Someone else changed the submission since it was read. `current` is its state now."""

    def __init__(self, current: Submission) -> None:
        self.current = current
        self.message = _(
            "Báo cáo này vừa được người khác thay đổi (hiện ở trạng thái “%(state)s”). "
            "Thay đổi của bạn chưa được lưu; trang hiển thị nội dung mới nhất."
        ) % {"state": current.get_state_display()}
        super().__init__(self.message)


@dataclass(frozen=True, kw_only=True)
class SubmissionStep:
    """One submission moved on by one person: the version they read, and when they acted (now,
    unless the caller records an act of another time, as the demo data does)."""

    submission: Submission
    version: int
    actor: Actor
    at: dt.datetime | None = None


def _now() -> dt.datetime:
    return timezone.now()


def _j(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format_number(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


Claim = tuple[SubmissionStep, Iterable[str], dict[str, Any]]


def _claim_many(claims: Sequence[Claim]) -> list[Submission]:
    """Write `fields` to each claimed submission, and its version + 1, its time and its author,
    where it still has the version the step read and one of the given states: one statement
    for them all (`rows_update`). Returns the submissions as they are now (with round, plan and
    unit), in order. Raises StaleVersion naming the first submission someone else changed in
    between; nothing is written then (the caller's transaction is rolled back)."""
    if not claims:
        return []
    now = _now()
    updated = 0
    groups: dict[tuple[tuple[str, ...], tuple[str, ...]], list[list[Any]]] = defaultdict(list)
    written: list[dict[str, Any]] = []
    for step, states, fields in claims:
        values = {"updated_at": step.at or now, "updated_by": actor_user(step.actor), **fields}
        written.append(values)
        names = tuple(f"{k}_id" if k in FOREIGN_KEYS else k for k in values)
        row = [v.pk if k in FOREIGN_KEYS and v is not None else v for k, v in values.items()]
        groups[(tuple(states), names)].append([*row, step.submission.pk, step.version])
    for (states, names), rows in groups.items():
        updated += rows_update(
            Submission,
            fields=names,
            rows=rows,
            match=("pk", "version"),
            among=("state", states),
            increment="version",
        )
    if updated == len(claims) and all(_as_read(step) for step, _s, _f in claims):
        return [
            _written(step.submission, values)
            for (step, _s, _f), values in zip(claims, written, strict=True)
        ]
    current = _submissions_reload([step.submission for step, _s, _f in claims])
    if updated != len(claims):
        stale = next(
            (
                sub
                for sub, (step, _s, _f) in zip(current, claims, strict=True)
                if sub.version != step.version + 1 or sub.updated_at != (step.at or now)
            ),
            current[0],
        )
        raise StaleVersion(stale)
    return current


def _as_read(step: SubmissionStep) -> bool:
    """Whether the step's object is the submission at the version claimed, with its round,
    plan and unit: every write raises the version, so after the claim the row is that object
    with the claim's values, and need not be read again."""
    return step.submission.version == step.version and _related_loaded(step.submission)


def _written(submission: Submission, values: dict[str, Any]) -> Submission:
    current = copy.copy(submission)
    for name, value in values.items():
        setattr(current, name, value)
    current.version = submission.version + 1
    return current


def _related_loaded(submission: Submission) -> bool:
    return (
        Submission.round.is_cached(submission)
        and ReportingRound.plan.is_cached(submission.round)
        and Submission.unit.is_cached(submission)
    )


def _submissions_reload(submissions: Sequence[Submission]) -> list[Submission]:
    """The submissions as they are now, in order, with their round, plan and unit (which never
    change): taken from the objects given when they carry them, else read with them. One
    query either way."""
    ids = [s.pk for s in submissions]
    if not all(_related_loaded(s) for s in submissions):
        found = Submission.objects.select_related("round__plan", "unit").in_bulk(ids)
        return [found[pk] for pk in ids]
    found = Submission.objects.in_bulk(ids)
    current = []
    for old in submissions:
        sub = found[old.pk]
        sub.round = old.round
        sub.unit = old.unit
        current.append(sub)
    return current
