"""Logging: plain lines for application messages; one JSON line per request (`tiendo.request`)
and per slow query (`tiendo.slow_query`), written to standard error (journald keeps them).

- `TIENDO_LOG_LEVEL` (INFO): level of the application log (WeasyPrint and fontTools log only
  their warnings: their progress lines are noise on the console of `tiendo report`).
- `TIENDO_REQUEST_LOG` (true): one JSON line per request (method, path, status, duration, user).
- `TIENDO_SLOW_QUERY_MS` (0 = off): log every SQL query slower than this many milliseconds, and
  count the queries of each request in its request line.
"""

from __future__ import annotations

from typing import Any

from .env import env_bool, env_int, env_str

TIENDO_REQUEST_LOG = env_bool("TIENDO_REQUEST_LOG", True)
TIENDO_SLOW_QUERY_MS = env_int("TIENDO_SLOW_QUERY_MS", 0)


def logging_config() -> dict[str, Any]:
    json_lines = {"handlers": ["json_lines"], "level": "INFO", "propagate": False}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
            "json_line": {"format": "%(message)s"},
        },
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": "plain"},
            "json_lines": {"class": "logging.StreamHandler", "formatter": "json_line"},
        },
        "root": {"handlers": ["console"], "level": env_str("TIENDO_LOG_LEVEL", "INFO")},
        "loggers": {
            "django.db.backends": {"level": "INFO"},
            # Libraries that narrate their work at INFO (WeasyPrint's "Step 5 - Creating
            # layout - Page 12", fontTools' subsetting): only their warnings reach the console.
            "weasyprint": {"level": "WARNING"},
            "fontTools": {"level": "WARNING"},
            "tiendo.request": json_lines,
            "tiendo.slow_query": json_lines,
        },
    }


LOGGING = logging_config()
