"""Database helpers shared by the apps.

- `lock_wait(seconds)`: inside the block, a statement waits at most this long for a lock
  (SQLite's busy timeout, PostgreSQL's lock_timeout), instead of the request's usual wait
  (`TIENDO_DB_BUSY_TIMEOUT`).
- `write_best_effort(write, what=…)`: a write that must never fail what the request is really
  doing (recording when an API token was last used during a read): it waits briefly, in its own
  savepoint, and a busy database is logged and skipped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import DatabaseError, connections, transaction

from .http import database_busy

__all__ = ["lock_wait", "write_best_effort"]

logger = logging.getLogger("tiendo.busy")


@contextmanager
def lock_wait(seconds: float, *, using: str = "default") -> Iterator[None]:
    """Wait at most `seconds` for a lock in the block (a transaction of its own)."""
    connection = connections[using]
    milliseconds = max(1, int(seconds * 1000))
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA busy_timeout")
            before = int(cursor.fetchone()[0])
            cursor.execute(f"PRAGMA busy_timeout = {milliseconds}")
        try:
            with transaction.atomic(using=using):
                yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA busy_timeout = {before}")
        return
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('lock_timeout', %s, true)", [f"{milliseconds}ms"])
        yield


def write_best_effort(
    write: Callable[[], Any], *, what: str, seconds: float = 0.2, using: str = "default"
) -> bool:
    """Run `write` waiting at most `seconds` for a lock; True when it was written. A busy
    database is logged and skipped; any other error is raised."""
    try:
        with lock_wait(seconds, using=using):
            write()
    except DatabaseError as exc:
        if not database_busy(exc):
            raise
        logger.warning("skipped while the database is busy: %s (%s)", what, exc)
        return False
    return True
