"""Reads of operations: readiness (database reachable, no unapplied migrations)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.db import DatabaseError, connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder


@cache
def migrations_on_disk() -> frozenset[tuple[str, str]]:
    """Every migration this code ships (app label, name); read once per process."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    replaced = {key for m in loader.disk_migrations.values() for key in (m.replaces or [])}
    return frozenset(key for key in loader.disk_migrations if key not in replaced)


def migrations_applied(*, using: str = "default") -> frozenset[tuple[str, str]]:
    """The migrations recorded as applied in the database (empty when there is no table)."""
    recorder = MigrationRecorder(connections[using])
    if not recorder.has_table():
        return frozenset()
    return frozenset(recorder.applied_migrations().keys())


@dataclass
class Readiness:
    ready: bool
    reason: str = ""
    unapplied: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"status": "ready" if self.ready else "unavailable"}
        if self.reason:
            data["reason"] = self.reason
        if self.unapplied:
            data["unapplied_migrations"] = self.unapplied
        return data


def readiness_check(*, using: str = "default") -> Readiness:
    try:
        with connections[using].cursor() as cursor:
            cursor.execute("SELECT 1")
        applied = migrations_applied(using=using)
    except DatabaseError as exc:
        return Readiness(
            ready=False, reason=f"Không kết nối được cơ sở dữ liệu: {exc.__class__.__name__}"
        )
    missing = sorted(f"{app}.{name}" for app, name in migrations_on_disk() - applied)
    if missing:
        return Readiness(
            ready=False,
            reason=f"Còn {len(missing)} migration chưa áp dụng (chạy: tiendo migrate).",
            unapplied=missing,
        )
    return Readiness(ready=True)
