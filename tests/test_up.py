"""`tiendo up` on a fresh data folder: sets up, serves with gunicorn, stops cleanly on Ctrl-C,
and a second run finds its data."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def tiendo_command() -> list[str]:
    script = Path(sys.executable).with_name("tiendo")
    return [str(script)] if script.exists() else [sys.executable, "-m", "tiendo"]


def run_up(home: Path, port: int) -> tuple[str, int]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env["TIENDO_HOME"] = str(home)
    process = subprocess.Popen(
        [*tiendo_command(), "up", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        # a fresh data folder is set up first (migrations, the built-in plan): on a busy
        # machine that alone took over a minute
        deadline = time.monotonic() + 180
        status = None
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/healthz", timeout=2
                ) as response:
                    status = response.status
                    break
            except OSError:
                if process.poll() is not None:
                    break
                time.sleep(0.3)
        assert status == 200, "tiendo up did not answer /healthz within 180 s"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=5) as response:
            page = response.read().decode()
        assert "Đăng nhập" in page
        with urllib.request.urlopen(
            f"http://127.0.0.1:{port}/static/tiendo/tiendo.css", timeout=5
        ) as response:
            assert response.status == 200
    finally:
        process.send_signal(signal.SIGINT)
        try:
            output, _ = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
    return output, process.returncode


@pytest.mark.skipif(sys.platform == "win32", reason="gunicorn serves on POSIX systems")
def test_up_serves_then_stops_cleanly_and_a_second_run_keeps_the_data(tmp_path):
    home = tmp_path / "data"
    first, code = run_up(home, free_port())
    assert code == 0, first
    assert "Đã nạp chương trình hành động có sẵn: lang-son-2020-2025" in first
    assert "tên đăng nhập: admin" in first
    assert "mật khẩu:" in first
    assert (home / "secret_key").exists() and (home / "tiendo.sqlite3").exists()
    key = (home / "secret_key").read_text()

    second, code = run_up(home, free_port())
    assert code == 0, second
    assert "mật khẩu:" not in second, "the administrator's password is printed once only"
    assert "Đã nạp chương trình" not in second
    assert (home / "secret_key").read_text() == key

    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env["TIENDO_HOME"] = str(home)
    listing = subprocess.run(
        [*tiendo_command(), "plan", "list"], env=env, capture_output=True, text=True, check=True
    )
    assert listing.stdout.count("lang-son-2020-2025") == 1
    assert "7 chương trình, 53 chỉ tiêu" in listing.stdout
