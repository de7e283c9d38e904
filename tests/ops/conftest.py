from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.reporting.conftest import demo, rnd  # noqa: F401  (fixtures)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def tiendo_command() -> list[str]:
    script = Path(sys.executable).with_name("tiendo")
    return [str(script)] if script.exists() else [sys.executable, "-m", "tiendo"]


def sqlite_env(home: Path) -> dict[str, str]:
    """The environment of a `tiendo` process on SQLite in `home` (never the test database)."""
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env["TIENDO_HOME"] = str(home)
    return env


def tiendo(home: Path, *args: str, check: bool = True, **kwargs: Any) -> Any:
    return subprocess.run(
        [*tiendo_command(), *args],
        env=sqlite_env(home),
        capture_output=True,
        text=True,
        check=check,
        timeout=120,
        **kwargs,
    )
