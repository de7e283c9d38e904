"""The production server: gunicorn, run in-process by `tiendo up`."""

from __future__ import annotations

from typing import Any

from django.core.wsgi import get_wsgi_application
from gunicorn.app.base import BaseApplication


class _Server(BaseApplication):
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        # The same application as tiendo.wsgi, with the settings `tiendo up` already chose.
        return get_wsgi_application()


def serve(*, host: str, port: int, workers: int = 2, threads: int = 4) -> None:
    """Serve until interrupted; Ctrl-C (SIGINT) or SIGTERM stops it cleanly."""
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    _Server(
        {
            "bind": bind,
            "workers": workers,
            "worker_class": "gthread",
            "threads": threads,
            "timeout": 60,
            "graceful_timeout": 10,
            # Requests are logged by tiendo's own middleware (one JSON line each).
            "accesslog": None,
            "control_socket_disable": True,
            "errorlog": "-",
            "loglevel": "info",
        }
    ).run()
