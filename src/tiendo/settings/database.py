"""Database: SQLite in the data folder (WAL), or PostgreSQL through DATABASE_URL.

Waiting for a lock is bounded: a request that cannot get the database within
`TIENDO_DB_BUSY_TIMEOUT` seconds (default 10) fails with a "database is locked" (SQLite) or
"lock timeout" (PostgreSQL `lock_timeout`) error, which the web pages and the API answer with
503 "Hệ thống đang bận" and a Retry-After header (`tiendo.core.http.database_busy`), never a 500.
`TIENDO_DB_STATEMENT_TIMEOUT` (seconds, PostgreSQL, default 0 = off) bounds one statement.
`TIENDO_DB_PREPARE` (PostgreSQL, default true): the statements every request runs (the session,
the user or API token, a plan's stamp) are prepared (`tiendo.core.prepared`); false behind a
pooler in transaction mode.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url

from .env import env_bool, env_int, env_str


def databases(home: Path) -> dict[str, dict[str, Any]]:
    # Each server thread keeps its connection between requests (a PostgreSQL connection costs
    # a few milliseconds to open, an SQLite one its PRAGMAs): only its first request opens it.
    conn_max_age = env_int("TIENDO_DB_CONN_MAX_AGE", 60)
    url = env_str("DATABASE_URL")
    if url:
        config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=conn_max_age))
        options = config.setdefault("OPTIONS", {})
        if config["ENGINE"] == "django.db.backends.sqlite3":
            options.update(_sqlite_options())
        elif "postgresql" in config["ENGINE"]:
            options["options"] = " ".join(
                filter(None, [options.get("options", ""), _postgresql_timeouts()])
            )
            if prepared_statements():
                # psycopg prepares nothing when this is None (Django's default); Django's
                # cursors never prepare whatever it is: only tiendo.core.prepared's does
                options.setdefault("prepare_threshold", 1_000_000)
        return {"default": config}
    return {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(home / "tiendo.sqlite3"),
            "CONN_MAX_AGE": conn_max_age,
            "OPTIONS": _sqlite_options(),
        }
    }


def prepared_statements() -> bool:
    """Whether tiendo prepares its most frequent statement on PostgreSQL
    (`tiendo.core.prepared`); `TIENDO_DB_PREPARE=false` behind a pooler in transaction mode."""
    return env_bool("TIENDO_DB_PREPARE", True)


def busy_timeout_seconds() -> int:
    """How long a statement waits for a lock held by another transaction (at least 1 s)."""
    return max(1, env_int("TIENDO_DB_BUSY_TIMEOUT", 10))


def _sqlite_options() -> dict[str, Any]:
    # `timeout` is SQLite's busy handler: a writer waits this long for the write lock, then
    # fails with "database is locked" (answered 503). Writes take the lock at BEGIN
    # (IMMEDIATE), so a transaction never fails half-way for want of it.
    return {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": busy_timeout_seconds(),
    }


def _postgresql_timeouts() -> str:
    parts = [f"-c lock_timeout={busy_timeout_seconds() * 1000}"]
    # The statements tiendo prepares (tiendo.core.prepared: the plan's stamp; Django prepares
    # none) are planned once per connection, not again for each value.
    parts.append("-c plan_cache_mode=force_generic_plan")
    statement = env_int("TIENDO_DB_STATEMENT_TIMEOUT", 0)
    if statement > 0:
        parts.append(f"-c statement_timeout={statement * 1000}")
    return " ".join(parts)
