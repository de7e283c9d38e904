"""The production server's gunicorn settings, the same for `tiendo up` and for the systemd unit
of docs/deployment.md (`gunicorn -c python:tiendo.gunicorn_conf tiendo.wsgi:application`).

Processes, not threads: 4 worker processes per core (8 on 2 cores; 16 at most), one request
at a time each. Python runs one thread at a time per process, and a thread back from the database waits
for the others of its process to give way; the operating system shares the cores among
processes more fairly. On 2 cores with 50 users the load test measured the dashboard's p95 after
the start at 79–156 ms with 8 × 1 against 147–195 ms with 2 × 4 (docs/benchmarks.md). Each worker
warms itself up (`tiendo.web.warmup`) after loading the application and before it accepts its
first request, so that the first seconds of a burst — everyone opening the dashboard at the
reporting deadline — find the views imported, the templates compiled, the translations loaded
and each plan's page in the shared cache instead of paying for them all at once. The
application is not preloaded in the master, so that `systemctl reload` (HUP) starts workers
with the new code while the old ones finish their requests."""

from __future__ import annotations

import gc
import os
from typing import Any

bind = os.environ.get("TIENDO_BIND", "127.0.0.1:8000")
# each worker holds one database connection and ~60–100 MB once warmed up: at most 16 by
# default, well below PostgreSQL's 100 connections, also with a second app server
WORKERS_PER_CORE, WORKERS_MAX = 4, 16
workers = int(
    os.environ.get(
        "TIENDO_WORKERS", str(min(WORKERS_PER_CORE * (os.cpu_count() or 1), WORKERS_MAX))
    )
)
worker_class = "gthread"
threads = int(os.environ.get("TIENDO_THREADS", "1"))
timeout = 60
graceful_timeout = 10
# keep a browser's connection between its requests (users click every second or two)
keepalive = 5
# Requests are logged by tiendo's own middleware (one JSON line each).
accesslog = None
errorlog = "-"
loglevel = "info"
control_socket_disable = True


def post_worker_init(worker: Any) -> None:
    """In each worker, after it loaded the application and before it accepts requests."""
    if os.environ.get("TIENDO_WARM_UP", "true").lower() in ("0", "false", "no", "off"):
        return
    # Imported here: gunicorn reads this file before Django is set up (each worker loads the
    # application, and so Django, before this hook runs).
    from tiendo.web.warmup import server_threads_connect, server_warm_up

    server_warm_up(alive=worker.notify)
    # the gthread worker's request threads (its executor exists before this hook runs)
    executor = getattr(worker, "tpool", None)
    if executor is not None:
        server_threads_connect(executor=executor, threads=worker.cfg.threads)
    # What the worker loaded and warmed (modules, templates, each plan's evaluation and pages
    # kept in memory) stays for its life: moved out of the garbage collector's sight. At 34
    # provinces a full collection then walks only what came after, instead of ~260 000 objects
    # (measured: ~175 ms, during which no thread of the worker runs, to ~0 ms).
    gc.freeze()
