"""Reading settings from the environment, and the data folder with its generated secret key."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def data_home() -> Path:
    """The data folder: TIENDO_HOME, or ./var below the current directory.

    Files the process creates from here on — the SQLite database and its journal, backups,
    uploaded files, the cache, logs — are readable by the service user (and its group) only:
    the process's umask becomes 027 (files 0640, folders 0750; issue 13, item 8)."""
    os.umask(0o027)
    home = Path(os.environ.get("TIENDO_HOME", "var")).expanduser().resolve()
    home.mkdir(parents=True, exist_ok=True, mode=0o750)
    return home


def secret_key(home: Path) -> str:
    """TIENDO_SECRET_KEY, or a key generated once into the data folder (never committed)."""
    from_env = os.environ.get("TIENDO_SECRET_KEY")
    if from_env:
        return from_env
    path = home / "secret_key"
    if not path.exists():
        key = secrets.token_urlsafe(50)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(key)
    return path.read_text().strip()
