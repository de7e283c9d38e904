"""What the reporting pages share: reading numbers from a form or a query, and a
ValidationError as a dict of messages keyed by field."""

from __future__ import annotations

from django.core.exceptions import ValidationError


def _int(value: str | None, default: int = 0) -> int:
    try:
        return int(value or "")
    except ValueError:
        return default


def _error_dict(exc: ValidationError) -> dict[str, str]:
    if hasattr(exc, "error_dict"):
        return {
            k: str(v[0].messages[0] if hasattr(v[0], "messages") else v[0])
            for k, v in exc.error_dict.items()
        }
    return {"__all__": exc.messages[0]}
