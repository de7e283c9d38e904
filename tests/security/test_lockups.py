"""Issue 13, item 1: a long upload does not lock the site.

Reading and checking an upload (a plan document to import, a data-entry workbook, a plan file,
a file of published figures) happens outside any transaction; the writes come in one short
transaction at the end. A lock that is held too long anyway answers 503 "Hệ thống đang bận" with
Retry-After, never a 500. These tests run on a SQLite file with real threads."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import psycopg.errors
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, connection, connections
from django.test import Client
from django.urls import reverse

from tiendo.plans.models import Plan
from tiendo.reporting.models import SubmissionFigure

pytestmark = pytest.mark.django_db(transaction=True)

SEED = "seed/chuong-trinh-hanh-dong-lang-son-2020-2025.txt"
SNN = "so-nong-nghiep-va-phat-trien-nong-thon"

if connection.vendor != "sqlite":  # pragma: no cover - the lead runs PostgreSQL separately
    pytest.skip("the lock tests drive SQLite's write lock directly", allow_module_level=True)


class Blocked:
    """Replace `name` in `module` by a wrapper that signals `started` and waits for `release`
    before calling the original: a stage of work that takes as long as the test wants."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> None:
        self.started = threading.Event()
        self.release = threading.Event()
        original = getattr(module, name)

        def slow(*args: Any, **kwargs: Any) -> Any:
            self.started.set()
            self.release.wait(timeout=30)
            return original(*args, **kwargs)

        monkeypatch.setattr(module, name, slow)


class Worker(threading.Thread):
    """Run `work` in a thread with its own database connection; keep its result or error."""

    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__(daemon=True)
        self.work = work
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self.work()
        except BaseException as exc:  # reported by the test
            self.error = exc
        finally:
            connections.close_all()


def _write_lock_is_free() -> bool:
    """Whether another connection can take SQLite's write lock within a second."""
    probe = sqlite3.connect(connection.settings_dict["NAME"], timeout=1, isolation_level=None)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        probe.close()


@contextmanager
def _held_write_lock() -> Iterator[None]:
    holder = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_sign_in_and_save_while_a_long_import_runs(
    people: dict[str, Any], rnd: Any, shared_dir: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tiendo.importer import services as importer

    blocked = Blocked(monkeypatch, importer, "parse_plan_text")
    office = Client(raise_request_exception=False)
    office.force_login(people["theodoi"])
    upload = SimpleUploadedFile("du-thao.txt", (shared_dir / SEED).read_bytes())
    importing = Worker(
        lambda: office.post(reverse("importer:upload"), {"file": upload, "code": "du-thao-dai"})
    )
    importing.start()
    try:
        assert blocked.started.wait(timeout=30), "the import never started parsing"
        reporter = Client(raise_request_exception=False)
        signed_in = reporter.post(
            reverse("login"),
            {"username": "baocao.snn", "password": people["passwords"]["baocao.snn"]},
        )
        assert signed_in.status_code == 302, "signing in waited for the import"
        sub = rnd.submissions.get(unit__code=SNN)
        row = SubmissionFigure.objects.filter(submission=sub).first()
        assert row is not None
        saved = reporter.post(
            reverse("reporting:submission", args=[sub.pk]),
            {"version": sub.version, f"figure-{row.target_id}-value": "12", "action": "save"},
        )
        assert saved.status_code == 302, "saving a report waited for the import"
    finally:
        blocked.release.set()
        importing.join(timeout=60)
    assert importing.error is None
    assert importing.result.status_code == 302
    assert Plan.objects.get(code="du-thao-dai").status == "draft"
    row.refresh_from_db()
    assert row.value == 12


def test_a_lock_held_too_long_answers_503_with_retry_after(
    people: dict[str, Any], rnd: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(connection.settings_dict["OPTIONS"], "timeout", 1)
    connection.close()  # the next query connects with the short busy timeout
    reporter = Client(raise_request_exception=False)
    sub = rnd.submissions.get(unit__code=SNN)
    row = SubmissionFigure.objects.filter(submission=sub).first()
    assert row is not None
    with _held_write_lock():
        signed_in = reporter.post(
            reverse("login"),
            {"username": "baocao.snn", "password": people["passwords"]["baocao.snn"]},
        )
    assert signed_in.status_code == 503
    assert signed_in["Retry-After"].isdigit()
    assert "Hệ thống đang bận, vui lòng thử lại sau ít phút" in signed_in.content.decode()

    reporter.force_login(people["baocao.snn"])
    with _held_write_lock():
        saved = reporter.post(
            reverse("reporting:submission", args=[sub.pk]),
            {"version": sub.version, f"figure-{row.target_id}-value": "12", "action": "save"},
        )
        page = reporter.get(reverse("reporting:submission", args=[sub.pk]))
    assert saved.status_code == 503 and saved["Retry-After"].isdigit()
    assert page.status_code == 200, "reading is never blocked by a writer"
    row.refresh_from_db()
    assert row.value is None  # nothing half-saved


def _import(people: dict[str, Any], shared_dir: Any) -> Callable[[], Any]:
    from tiendo.importer.services import plan_import

    data = (shared_dir / SEED).read_bytes()
    return lambda: plan_import(
        data=data, filename="du-thao.txt", actor=people["theodoi"], code="du-thao-khoa"
    )


def _workbook(people: dict[str, Any], rnd: Any) -> Callable[[], Any]:
    from tiendo.exports.workbook import entry_workbook_apply, entry_workbook_xlsx

    sub = rnd.submissions.select_related("round__plan", "unit").get(unit__code=SNN)
    data = entry_workbook_xlsx(actor=people["baocao.snn"], submission=sub)
    return lambda: entry_workbook_apply(actor=people["baocao.snn"], submission=sub, data=data)


def _figures(people: dict[str, Any]) -> Callable[[], Any]:
    from tiendo.reporting.published import figures_load_published

    return lambda: figures_load_published(
        plan=people["plan"],
        text="code,year,value\n2.2,2021,9000\n",
        actor=None,
        reason="Niên giám thống kê 2021",
    )


def _plan_file(people: dict[str, Any]) -> Callable[[], Any]:
    from tiendo.plans.services import plan_builtin_document, plan_load

    document = plan_builtin_document()
    document["title"] += " (bổ sung)"
    return lambda: plan_load(document=document, reason="Bổ sung", decision_ref="1/QĐ")


@pytest.mark.parametrize(
    ("entry", "module", "stage"),
    [
        ("import", "tiendo.importer.services", "parse_plan_text"),
        ("workbook", "tiendo.exports.workbook", "entry_workbook_read"),
        ("figures", "tiendo.reporting.published", "actuals_parse"),
        ("plan", "tiendo.plans.services.documents", "document_validate"),
    ],
)
def test_reading_an_upload_holds_no_lock(
    entry: str,
    module: str,
    stage: str,
    people: dict[str, Any],
    rnd: Any,
    shared_dir: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """While a file is read and checked (the slow stage, held open here), the database's write
    lock is free: everyone else can write. The work then completes."""
    import importlib

    work = {
        "import": lambda: _import(people, shared_dir),
        "workbook": lambda: _workbook(people, rnd),
        "figures": lambda: _figures(people),
        "plan": lambda: _plan_file(people),
    }[entry]()
    blocked = Blocked(monkeypatch, importlib.import_module(module), stage)
    worker = Worker(work)
    worker.start()
    try:
        assert blocked.started.wait(timeout=30)
        free = _write_lock_is_free()
    finally:
        blocked.release.set()
        worker.join(timeout=60)
    assert worker.error is None, worker.error
    assert free, f"{entry}: the write lock was held while the file was read"


def test_busy_is_recognised_for_sqlite_and_postgresql() -> None:
    from tiendo.core.http import database_busy

    def wrapped(cause: BaseException) -> OperationalError:
        try:
            raise OperationalError(str(cause)) from cause
        except OperationalError as exc:
            return exc

    assert database_busy(OperationalError("database is locked"))
    assert database_busy(wrapped(sqlite3.OperationalError("database is locked")))
    assert database_busy(wrapped(psycopg.errors.LockNotAvailable("lock timeout")))
    assert database_busy(wrapped(psycopg.errors.QueryCanceled("statement timeout")))
    assert not database_busy(OperationalError("no such table: x"))
    assert not database_busy(ValueError("database is locked"))
    assert not database_busy(None)


def _api_headers(people: dict[str, Any], username: str) -> dict[str, str]:
    from tiendo.accounts.tokens import token_create

    _token, raw = token_create(actor=None, user=people[username], check_actor=False)
    return {"Authorization": f"Bearer {raw}"}


def test_an_api_read_never_fails_for_recording_the_tokens_last_use(
    people: dict[str, Any], rnd: Any
) -> None:
    from tiendo.accounts.models import ApiToken

    headers = _api_headers(people, "lanhdao")
    client = Client(raise_request_exception=False)
    with _held_write_lock():  # a long import writing, say
        answer = client.get("/api/v1/plans", headers=headers)
    assert answer.status_code == 200, answer.content
    assert ApiToken.objects.get(user=people["lanhdao"]).last_used_at is None  # skipped, logged
    assert client.get("/api/v1/plans", headers=headers).status_code == 200
    assert ApiToken.objects.get(user=people["lanhdao"]).last_used_at is not None


def test_an_api_write_while_the_database_is_busy_answers_503_in_the_error_shape(
    people: dict[str, Any], rnd: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    headers = _api_headers(people, "baocao.snn")
    sub = rnd.submissions.get(unit__code=SNN)
    monkeypatch.setitem(connection.settings_dict["OPTIONS"], "timeout", 1)
    connection.close()
    client = Client(raise_request_exception=False)
    with _held_write_lock():
        answer = client.put(
            f"/api/v1/submissions/{sub.pk}",
            {"version": sub.version, "figures": [{"target": "2.2", "value": "12"}]},
            content_type="application/json",
            headers=headers,
        )
    assert answer.status_code == 503, answer.content
    assert answer["Retry-After"].isdigit()
    error = answer.json()["error"]
    assert error["code"] == "busy" and "Hệ thống đang bận" in error["message"]
