"""Issue 17 item 3: the server is warmed up before its workers start, so the first request of
each plan's page at a burst finds the page in the shared cache."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.helpers import account
from tiendo.web.warmup import server_warm_up

pytestmark = pytest.mark.django_db


@pytest.fixture
def floor(client: Any, builtin_plan: Any) -> int:
    """A leader signed in on `client`; the queries of the cheapest signed-in page."""
    client.force_login(account("ld", "leader"))
    client.get(reverse("accounts:password_change"))
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("accounts:password_change"))
    return len(queries)


def test_after_the_warm_up_the_first_dashboard_is_served_from_the_cache(
    client, builtin_plan, floor, django_assert_num_queries
):
    result = server_warm_up(close_connections=False)
    assert result.plans == 1 and result.programs == 7
    assert result.templates > 20 and not result.problems

    # the plan's stamp, the open rounds' panel: no evaluation, no render of the cached parts
    with django_assert_num_queries(floor + 2):
        page = client.get(f"/plans/{builtin_plan.code}/").content.decode()
    assert "Tình hình thực hiện các chỉ tiêu" in page
    assert f'hx-get="/plans/{builtin_plan.code}/"' in page, "the as-of form asks this page"
    with django_assert_num_queries(floor + 1):  # a program page: the plan's stamp
        page = client.get(f"/plans/{builtin_plan.code}/programs/3/").content.decode()
    assert "Mục tiêu cụ thể" in page


def test_the_warm_up_never_stops_the_server(monkeypatch, builtin_plan):
    from tiendo.web import warmup

    def broken(**_kwargs: object) -> None:
        raise RuntimeError("cơ sở dữ liệu chưa sẵn sàng")

    monkeypatch.setattr(warmup, "plan_page", broken)
    result = server_warm_up(close_connections=False)
    assert result.problems == ["cơ sở dữ liệu chưa sẵn sàng"]


def test_a_worker_waits_for_the_one_filling_the_cache_and_is_not_taken_for_hung(
    builtin_plan, settings, monkeypatch
):
    """While one worker renders the pages into the shared cache, the next waits for it (then
    finds them there) instead of rendering them too on the same cores; it tells gunicorn it is
    alive meanwhile."""
    import fcntl
    import threading
    import time

    from tiendo.web import warmup

    rendered: list[float] = []
    real_plan_page = warmup.plan_page

    def plan_page(**kwargs: Any) -> Any:
        rendered.append(time.monotonic())
        return real_plan_page(**kwargs)

    monkeypatch.setattr(warmup, "plan_page", plan_page)
    beats: list[float] = []
    with (settings.DATA_HOME / "warmup.lock").open("a") as other_worker:
        fcntl.flock(other_worker, fcntl.LOCK_EX)  # another worker is filling the cache
        done: list[float] = []

        def other_worker_done() -> None:
            done.append(time.monotonic())
            fcntl.flock(other_worker, fcntl.LOCK_UN)

        threading.Timer(1.5, other_worker_done).start()
        result = server_warm_up(
            budget_seconds=10, close_connections=False, alive=lambda: beats.append(time.monotonic())
        )
    assert rendered and done and rendered[0] >= done[0], "no page rendered before the other ended"
    assert len([b for b in beats if b < done[0]]) >= 3, "alive while waiting"
    assert result.plans == 1 and result.programs == 7 and not result.problems


def test_a_worker_warmed_from_the_shared_cache_holds_the_evaluations_too(
    client, builtin_plan, floor, django_assert_num_queries
):
    """The second worker finds the pages in the shared cache; it still loads each plan's
    evaluation and what its target pages read into its own memory, so its first target page
    only renders."""
    from django.core.cache import cache

    from tiendo.core.memo import memo_clear

    server_warm_up(close_connections=False)  # the first worker
    memo_clear()  # another process: the shared cache filled, its own memory empty
    server_warm_up(close_connections=False)
    cache.clear()  # what it holds, it holds in its own memory
    # + the plan's stamp: no query of the plan's evaluation, nor of what its target pages
    # show (the targets, their figures, assessments, chains and other plans' targets)
    with django_assert_num_queries(floor + 1):
        page = client.get(f"/plans/{builtin_plan.code}/targets/2.2/").content.decode()
    assert "Diện tích trồng rừng mới" in page


@pytest.mark.django_db(transaction=True)
def test_each_request_thread_has_its_connection_open_before_the_first_request(builtin_plan):
    """The worker's request threads (gunicorn's executor) each open their database connection
    during the warm-up, not at the first request of a burst."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections

    from tiendo.web.warmup import server_threads_connect

    def on_every_thread(executor: ThreadPoolExecutor, task: Any) -> list[Any]:
        together = threading.Barrier(3)  # each task on a thread of its own

        def run() -> Any:
            together.wait(timeout=10)
            return task()

        return [f.result(timeout=20) for f in [executor.submit(run) for _n in range(3)]]

    with ThreadPoolExecutor(max_workers=3) as executor:
        assert on_every_thread(executor, lambda: connections["default"].connection) == [None] * 3
        assert server_threads_connect(executor=executor, threads=3) == 3
        try:
            held = on_every_thread(executor, lambda: connections["default"].connection)
            assert all(c is not None for c in held) and len({id(c) for c in held}) == 3
        finally:
            on_every_thread(executor, connections.close_all)


def test_the_server_hook_warms_up_then_connects_the_request_threads(monkeypatch):
    """gunicorn's hook, in each worker before its first request: the warm-up, then the
    connections of the worker's request threads (on the executor gthread runs them on)."""
    from types import SimpleNamespace

    from tiendo import gunicorn_conf
    from tiendo.web import warmup

    done: list[tuple[str, object]] = []
    monkeypatch.setattr(warmup, "server_warm_up", lambda **kw: done.append(("warm", kw)))
    monkeypatch.setattr(warmup, "server_threads_connect", lambda **kw: done.append(("connect", kw)))
    monkeypatch.setattr(gunicorn_conf.gc, "freeze", lambda: done.append(("freeze", None)))
    executor = object()
    worker = SimpleNamespace(notify=lambda: None, tpool=executor, cfg=SimpleNamespace(threads=3))
    gunicorn_conf.post_worker_init(worker)
    assert [step for step, _kw in done] == ["warm", "connect", "freeze"]
    assert done[1][1] == {"executor": executor, "threads": 3}

    done.clear()  # a worker without request threads (not gthread): only the warm-up
    gunicorn_conf.post_worker_init(SimpleNamespace(notify=lambda: None))
    assert [step for step, _kw in done] == ["warm", "freeze"]


def test_after_the_warm_up_the_first_request_finds_the_urls_compiled(builtin_plan, monkeypatch):
    """Django builds its URL tables lazily, per language, at a process's first `reverse()`
    (~90 ms at a worker's first page): the warm-up builds them for every language."""
    from django.urls import URLResolver, clear_url_caches
    from django.utils import translation

    clear_url_caches()  # as in a new worker process
    result = server_warm_up(close_connections=False)
    assert result.urls > 100 and not result.problems

    built: list[str | None] = []
    real_populate = URLResolver._populate

    def populate(self: URLResolver) -> None:
        built.append(translation.get_language())
        real_populate(self)

    monkeypatch.setattr(URLResolver, "_populate", populate)
    for language in ("vi", "en"):
        with translation.override(language):
            assert reverse("web:plan_detail", args=[builtin_plan.code])
            assert reverse("api-v1:openapi-json")
    assert built == []
