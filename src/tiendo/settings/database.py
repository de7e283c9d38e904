"""Database: SQLite in the data folder (WAL), or PostgreSQL through DATABASE_URL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url

from .env import env_int, env_str


def databases(home: Path) -> dict[str, dict[str, Any]]:
    url = env_str("DATABASE_URL")
    if url:
        config: dict[str, Any] = dict(
            dj_database_url.parse(url, conn_max_age=env_int("TIENDO_DB_CONN_MAX_AGE", 60))
        )
        if config["ENGINE"] == "django.db.backends.sqlite3":
            config.setdefault("OPTIONS", {}).update(_sqlite_options())
        return {"default": config}
    return {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(home / "tiendo.sqlite3"),
            "OPTIONS": _sqlite_options(),
        }
    }


def _sqlite_options() -> dict[str, Any]:
    return {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
            "PRAGMA busy_timeout=5000;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
