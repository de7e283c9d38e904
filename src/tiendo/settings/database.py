"""Database: SQLite in the data folder (WAL), or PostgreSQL through DATABASE_URL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url

from .env import env_int, env_str


def databases(home: Path) -> dict[str, dict[str, Any]]:
    # Each server thread keeps its connection between requests (a PostgreSQL connection costs
    # a few milliseconds to open, an SQLite one its PRAGMAs): only its first request opens it.
    conn_max_age = env_int("TIENDO_DB_CONN_MAX_AGE", 60)
    url = env_str("DATABASE_URL")
    if url:
        config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=conn_max_age))
        if config["ENGINE"] == "django.db.backends.sqlite3":
            config.setdefault("OPTIONS", {}).update(_sqlite_options())
        return {"default": config}
    return {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(home / "tiendo.sqlite3"),
            "CONN_MAX_AGE": conn_max_age,
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
