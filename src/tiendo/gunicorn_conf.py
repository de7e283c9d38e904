"""The production server's gunicorn settings, the same for `tiendo up` and for the systemd unit
of docs/deployment.md (`gunicorn -c python:tiendo.gunicorn_conf tiendo.wsgi:application`).

On 2 cores: 2 worker processes (one per core: Python runs one thread at a time per process)
with 4 threads each, so a request waiting on the database does not hold a core. The application
is loaded once in the master process and warmed up there (`tiendo.web.warmup`) before the
workers are forked, so that the first seconds of a burst — everyone opening the dashboard at
the reporting deadline — find compiled templates, loaded translations and each plan's page in
the shared cache instead of paying for them in every worker at once."""

from __future__ import annotations

import os
from typing import Any

bind = os.environ.get("TIENDO_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("TIENDO_WORKERS", "2"))
worker_class = "gthread"
threads = int(os.environ.get("TIENDO_THREADS", "4"))
timeout = 60
graceful_timeout = 10
# keep a browser's connection between its requests (users click every second or two)
keepalive = 5
preload_app = True
# Requests are logged by tiendo's own middleware (one JSON line each).
accesslog = None
errorlog = "-"
loglevel = "info"
control_socket_disable = True


def when_ready(server: Any) -> None:
    """In the master, after the application is loaded and before any worker is forked."""
    # Imported here: gunicorn reads this file before Django is set up (the application is
    # loaded afterwards, `preload_app`).
    from django.db import connections

    from tiendo.web.warmup import server_warm_up

    if os.environ.get("TIENDO_WARM_UP", "true").lower() in ("0", "false", "no", "off"):
        connections.close_all()  # a forked worker must not share the master's connections
        return
    server_warm_up()
