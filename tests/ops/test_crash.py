"""Crash safety: the real server (`tiendo up`, SQLite) takes a burst of reports and acceptances
through the API, is killed with SIGKILL in the middle, and restarts. Every acknowledged write
(a 2xx answer received) is there, the database passes `PRAGMA integrity_check`, and nothing is
half-written (no accepted Figure without its accepted submission, no half-saved draft)."""

from __future__ import annotations

import http.client
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from .conftest import free_port, sqlite_env, tiendo, tiendo_command

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="gunicorn serves on POSIX")

SETUP = """
import datetime as dt, json
from django.contrib.auth import get_user_model
from tiendo.accounts.tokens import token_create
from tiendo.plans.models import Plan
from tiendo.reporting.services import round_open
users = {u.username: u for u in get_user_model().objects.all()}
plan = Plan.objects.get(code="lang-son-2020-2025")
units = ["so-nong-nghiep-va-moi-truong", "so-van-hoa-the-thao-va-du-lich", "ban-to-chuc-tinh-uy"]
from tiendo.org.models import OrgUnit
chosen = list(OrgUnit.objects.filter(code__in=units))
today = dt.date.today()  # the units that report today (Sở NN&MT since 1/3/2025)
periods = [("year", 1)] + [("half", n) for n in (1, 2)] + [("quarter", n) for n in (1, 2, 3, 4)]
for year in range(2021, 2026):
    for kind, number in periods:
        round_open(actor=users["theodoi"], plan=plan, period_kind=kind, year=year, number=number,
                   opens_on=today, deadline=today + dt.timedelta(days=30), units=chosen,
                   uncovered_ok=True)
tokens = {name: token_create(actor=None, user=users[name], check_actor=False)[1]
          for name in ("theodoi", "baocao.snn", "baocao.svhttdl", "baocao.btc")}
open(OUT, "w").write(json.dumps(tokens))
"""

REPORTERS = {
    "so-nong-nghiep-va-moi-truong": "baocao.snn",
    "so-van-hoa-the-thao-va-du-lich": "baocao.svhttdl",
    "ban-to-chuc-tinh-uy": "baocao.btc",
}


def start(home: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(
            [*tiendo_command(), "up", "--port", str(port), "--workers", "2"],
            env=sqlite_env(home),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: SIGKILL reaches every worker
        )


def wait_ready(port: int, process: subprocess.Popen[bytes], seconds: float = 40) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/readyz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        assert process.poll() is None, "the server stopped"
        time.sleep(0.2)
    raise AssertionError("the server was not ready in time")


class Client:
    def __init__(self, port: int, token: str) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        self.headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

    def call(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        data = json.dumps(body) if body is not None else None
        self.conn.request(method, f"/api/v1{path}", body=data, headers=self.headers)
        response = self.conn.getresponse()
        payload = response.read()
        return response.status, json.loads(payload) if payload else None


def test_acknowledged_writes_survive_sigkill(tmp_path: Path) -> None:
    home, log = tmp_path / "data", tmp_path / "server.log"
    tiendo(home, "init")
    tokens_file = tmp_path / "tokens.json"
    tiendo(home, "shell", "-v", "0", "-c", f"OUT = {str(tokens_file)!r}\n" + SETUP)
    tokens = json.loads(tokens_file.read_text())
    port = free_port()
    server = start(home, port, log)
    try:
        wait_ready(port, server)
        lister = Client(port, tokens["theodoi"])
        status, page = lister.call("GET", "/submissions?page_size=200")
        assert status == 200, page
        work = [s for s in page["items"] if s["unit"] in REPORTERS]
        assert len(work) == 105

        acked: list[tuple[str, int, Any]] = []  # (operation, submission id, what)
        lock = threading.Lock()
        queue = list(enumerate(work))

        def flow() -> None:
            try:
                while True:
                    with lock:
                        if not queue:
                            return
                        index, sub = queue.pop(0)
                    reporter = Client(port, tokens[REPORTERS[sub["unit"]]])
                    monitor = Client(port, tokens["theodoi"])
                    status, detail = reporter.call("GET", f"/submissions/{sub['id']}")
                    values = {
                        f["target"]: f"{(index % 50) + 1}.{len(f['target'])}"
                        for f in detail["figures"]
                    }
                    status, body = reporter.call(
                        "PUT",
                        f"/submissions/{sub['id']}",
                        {
                            "version": detail["version"],
                            "figures": [
                                {"target": t, "value": v, "correction_reason": "cập nhật"}
                                for t, v in values.items()
                            ],
                        },
                    )
                    if status != 200:
                        continue
                    with lock:
                        acked.append(("save", sub["id"], values))
                    status, body = reporter.call(
                        "POST", f"/submissions/{sub['id']}/submit", {"version": body["version"]}
                    )
                    if status != 200:
                        continue
                    with lock:
                        acked.append(("submit", sub["id"], None))
                    status, body = monitor.call(
                        "POST", f"/submissions/{sub['id']}/accept", {"version": body["version"]}
                    )
                    if status == 200:
                        with lock:
                            acked.append(("accept", sub["id"], values))
            except (OSError, http.client.HTTPException, ValueError):
                return  # the server died under us: what was not acknowledged does not count

        threads = [threading.Thread(target=flow) for _ in range(6)]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with lock:
                accepted = sum(1 for a in acked if a[0] == "accept")
            if accepted >= 12:
                break
            time.sleep(0.02)
        os.killpg(server.pid, signal.SIGKILL)  # the crash, in the middle of the burst
        server.wait(timeout=10)
        for thread in threads:
            thread.join(timeout=15)
        with lock:
            acked_now = list(acked)
        accepts = [a for a in acked_now if a[0] == "accept"]
        assert accepts, "nothing was accepted before the crash"
        assert len(accepts) < len(work), "the crash came after the burst"
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)

    # Restart on the same data folder: it comes back, serves and takes writes again.
    port = free_port()
    server = start(home, port, log)
    try:
        wait_ready(port, server)
        monitor = Client(port, tokens["theodoi"])
        status, page = monitor.call("GET", "/submissions?state=submitted&page_size=200")
        assert status == 200
        if page["items"]:
            pending = page["items"][0]
            status, _ = monitor.call(
                "POST", f"/submissions/{pending['id']}/accept", {"version": pending["version"]}
            )
            assert status == 200
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)

    db = sqlite3.connect(home / "tiendo.sqlite3")
    assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    state = dict(db.execute("SELECT id, state FROM reporting_submission"))
    figures = {
        (sid, code): (value, figure_id)
        for sid, code, value, figure_id in db.execute(
            "SELECT sf.submission_id, t.code, sf.value, sf.figure_id FROM reporting_submissionfigure sf "
            "JOIN plans_target t ON t.id = sf.target_id"
        )
    }
    accepted_values = dict(db.execute("SELECT id, value FROM indicators_figure"))

    def same(stored: Any, sent: str) -> bool:
        return stored is not None and Decimal(str(stored)) == Decimal(sent)

    for operation, sid, values in acked_now:
        if operation == "save":
            assert all(same(figures[(sid, t)][0], v) for t, v in values.items()), sid
        elif operation == "submit":
            assert state[sid] in ("submitted", "accepted"), sid
        else:
            assert state[sid] == "accepted", sid
            for target, value in values.items():
                _stored, figure_id = figures[(sid, target)]
                assert figure_id is not None and same(accepted_values[figure_id], value)

    # Nothing half-written: a draft is wholly saved or untouched; a Figure only comes from an
    # accepted submission; an accepted submission has all its figures and its audit entry.
    by_submission: dict[int, list[Any]] = {}
    for (sid, _code), (value, figure_id) in figures.items():
        by_submission.setdefault(sid, []).append((value, figure_id))
    for sid, items in by_submission.items():
        filled = [v is not None for v, _f in items]
        assert all(filled) or not any(filled), f"submission {sid} half-saved"
        linked = [f is not None for _v, f in items]
        assert all(linked) == (state[sid] == "accepted") or not any(filled), sid
    orphans = db.execute(
        "SELECT COUNT(*) FROM indicators_figure f WHERE NOT EXISTS (SELECT 1 FROM "
        "reporting_submissionfigure sf JOIN reporting_submission s ON s.id = sf.submission_id "
        "WHERE sf.figure_id = f.id AND s.state = 'accepted')"
    ).fetchone()
    assert orphans == (0,)
    audited = {
        int(object_id)
        for (object_id,) in db.execute(
            "SELECT object_id FROM audit_auditentry WHERE object_type = 'reporting.submission' "
            "AND action = 'state' AND changes LIKE '%\"accepted\"%'"
        )
    }
    assert audited == {sid for sid, s in state.items() if s == "accepted"}
