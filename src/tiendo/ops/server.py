"""The production server: gunicorn, run in-process by `tiendo up` with the settings of
`tiendo.gunicorn_conf` (the same file the systemd unit of docs/deployment.md uses)."""

from __future__ import annotations

from typing import Any

from django.core.wsgi import get_wsgi_application
from gunicorn.app.base import Application

CONFIG = "python:tiendo.gunicorn_conf"


class _Server(Application):
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        self.load_config_from_module_name_or_filename(CONFIG)
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        # The same application as tiendo.wsgi, with the settings `tiendo up` already chose.
        return get_wsgi_application()


def serve(*, host: str, port: int, workers: int | None = None, threads: int | None = None) -> None:
    """Serve until interrupted; Ctrl-C (SIGINT) or SIGTERM stops it cleanly. Workers and
    threads default to those of `tiendo.gunicorn_conf`."""
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    options: dict[str, Any] = {"bind": bind}
    if workers is not None:
        options["workers"] = workers
    if threads is not None:
        options["threads"] = threads
    _Server(options).run()
