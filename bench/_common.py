"""Shared by the national-scale benchmarks: a data folder with N provinces of synthetic data
(`tiendo demo generate`), the production server (gunicorn, the command in docs/deployment.md)
as a subprocess on 127.0.0.1, and small HTTP helpers (standard library only)."""

from __future__ import annotations

import http.client
import json
import os
import platform
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PASSWORD = "demo-tiendo-2025"
BIN = Path(sys.executable).parent


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def setup(*, provinces: int, seed: int = 1, home: str | None = None) -> dict[str, Any]:
    """Point Django at a data folder (or DATABASE_URL), migrate, generate N provinces."""
    os.environ["TIENDO_HOME"] = (
        home or os.environ.get("TIENDO_HOME") or tempfile.mkdtemp(prefix="tiendo-bench-")
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tiendo.settings.production")
    os.environ.setdefault("TIENDO_REQUEST_LOG", "false")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from tiendo.ops.demo import demo_generate

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    result = demo_generate(provinces=provinces, seed=seed)
    return {
        "home": os.environ["TIENDO_HOME"],
        "vendor": connection.vendor,
        "generated": len(result.plans),
        "generate_seconds": time.perf_counter() - started,
    }


def machine(vendor: str) -> str:
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{'PostgreSQL' if vendor == 'postgresql' else 'SQLite'}"
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    port: int
    workers: int
    threads: int

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def server_start(
    *, workers: int | None = None, threads: int | None = None, log: Path | None = None
) -> Server:
    """gunicorn with tiendo's settings (tiendo.gunicorn_conf: its workers and threads unless
    given, each worker warmed up before it takes requests) on 127.0.0.1 only, as in
    docs/deployment.md."""
    from tiendo import gunicorn_conf

    workers = workers or gunicorn_conf.workers
    threads = threads or gunicorn_conf.threads
    port = free_port()
    log_path = log or Path(os.environ["TIENDO_HOME"]) / "bench-server.log"
    out = log_path.open("ab")
    log_start = out.tell()
    process = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "-c",
            "python:tiendo.gunicorn_conf",
            "tiendo.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--timeout",
            "60",
        ],
        env=dict(os.environ),
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    # Ready when every worker is: /readyz answers as soon as one is, and a worker still warming
    # up would take its share of the cores from the requests measured.
    warming = os.environ.get("TIENDO_WARM_UP", "true").lower() not in ("0", "false", "no", "off")
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the server stopped; see bench-server.log")
        try:
            status, _ = Http(port).get("/readyz")
        except OSError:
            status = 0
        if status == 200 and (not warming or _workers_ready(log_path, log_start) >= workers):
            return Server(process, port, workers, threads)
        time.sleep(0.2)
    raise RuntimeError("the server did not become ready")


def _workers_ready(log: Path, start: int) -> int:
    """How many workers logged the end of their warm-up since `start` (an offset in `log`)."""
    with log.open("rb") as lines:
        lines.seek(start)
        return lines.read().count(b"request threads connected")


# What a request meets on a keep-alive connection the server closed meanwhile.
STALE_CONNECTION = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)


class Http:
    """One keep-alive connection to 127.0.0.1 with a cookie jar and optional token."""

    def __init__(self, port: int, token: str | None = None) -> None:
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies: dict[str, str] = {}
        self.token = token
        self.used = False  # whether the connection carried a request already

    def request(
        self, method: str, path: str, body: Any = None, form: dict[str, str] | None = None
    ) -> tuple[int, bytes]:
        headers = {"Host": "127.0.0.1", "Accept-Language": "vi"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        data: bytes | None = None
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        elif body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        for attempt in (1, 2):
            reused = self.used
            try:
                self.conn.request(method, path, body=data, headers=headers)
                response = self.conn.getresponse()
                break
            except (http.client.HTTPException, OSError) as exc:
                # The server closes idle keep-alive connections; a request sent on one as it
                # closes finds it closed or reset before any answer. Browsers then send it once
                # more on a new connection, and so does this.
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                self.used = False
                stale = reused and isinstance(exc, STALE_CONNECTION)
                if attempt == 2 or not stale:
                    raise
        self.used = True
        payload = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, payload

    def get(self, path: str) -> tuple[int, bytes]:
        return self.request("GET", path)

    def login(self, username: str, password: str = PASSWORD) -> None:
        status, page = self.get("/login/")
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert match, "no CSRF token on the login page"
        status, _ = self.request(
            "POST",
            "/login/",
            form={
                "username": username,
                "password": password,
                "csrfmiddlewaretoken": match.group(1).decode(),
            },
        )
        assert status == 302, f"login of {username} failed ({status})"


def token_for(username: str) -> str:
    from django.contrib.auth import get_user_model

    from tiendo.accounts.tokens import token_create

    user = get_user_model().objects.get(username=username)
    return token_create(actor=None, user=user, check_actor=False)[1]
