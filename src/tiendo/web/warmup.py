"""Warming the server up before it takes requests (issue 17: the deadline burst).

When every user arrives at once, the first requests of each worker paid for what is done once
per process — importing the views, compiling their URL patterns and the templates, loading the
translations, digesting the code for the cache keys — and every plan's first page paid for its
evaluation and its rendering, its open rounds' panel included. Each gunicorn worker runs this
before it accepts requests (hook `post_worker_init`, see `tiendo.gunicorn_conf`); the first one
fills the shared cache with each plan's page, what its target pages read and its program pages
for this year while the others wait, then they find them there. It never stops the server from
starting: anything that fails is logged and left to the first request."""

from __future__ import annotations

import fcntl
import logging
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.template import engines
from django.template.utils import get_app_template_dirs
from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse
from django.utils import timezone, translation

from tiendo.evaluation.selectors import plan_stamp
from tiendo.evaluation.services import plan_evaluate, plan_overview_cached
from tiendo.plans.selectors import plans_list, program_numbers

from .page_cache import code_digest
from .plan_pages import plan_page, program_page, round_panel_cached, target_pages_inputs

log = logging.getLogger("tiendo.warmup")


@dataclass
class WarmUp:
    urls: int = 0
    templates: int = 0
    plans: int = 0
    programs: int = 0
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)


def _templates_compile() -> int:
    """Compile every template of tiendo's apps into the cached loader, and import the
    context processors (imported at the first page rendered: ~25 ms). Once per process."""
    count = 0
    for engine in engines.all():
        django_engine = getattr(engine, "engine", None)  # Django's, behind the backend
        if django_engine is not None:
            django_engine.template_context_processors  # noqa: B018 (imported on first use)
    for directory in get_app_template_dirs("templates"):
        root = Path(directory)
        if "tiendo" not in root.parts:
            continue
        for path in sorted(root.rglob("*.html")):
            for engine in engines.all():
                engine.get_template(str(path.relative_to(root)))
            count += 1
    return count


def _urls_prepare() -> int:
    """Compile every URL pattern and build the tables `reverse()` reads (the root's and each
    namespace's), in each language. Django does both lazily, on a process's first requests:
    at 34 provinces a worker's first page spent ~90 ms there, most of it on the navigation's
    first links. Returns how many patterns there are."""
    count = 0
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            resolvers = [get_resolver()]
            while resolvers:
                resolver = resolvers.pop()
                for entry in resolver.url_patterns:
                    entry.pattern.regex  # noqa: B018 (compiled on first use)
                    count += 1
                    if isinstance(entry, URLResolver):
                        resolvers.append(entry)
            # a name no namespace has: reverse() builds the namespace's table looking for it
            namespaces = [("", get_resolver())]
            while namespaces:
                path, resolver = namespaces.pop()
                with suppress(NoReverseMatch):
                    reverse(f"{path}tiendo-warm-up")
                for namespace, (_prefix, inner) in resolver.namespace_dict.items():
                    namespaces.append((f"{path}{namespace}:", inner))
    return count


@contextmanager
def _one_worker_at_a_time(
    *, alive: Callable[[], None] | None, wait_seconds: float
) -> Iterator[None]:
    """One worker fills the shared cache while the others wait (then find the pages there and
    only read them) instead of all rendering the same pages at once on the same cores. A lock
    file in the data folder; waits at most `wait_seconds`, calling `alive` meanwhile."""
    path = Path(settings.DATA_HOME) / "warmup.lock"
    with path.open("a") as handle:
        deadline = time.monotonic() + wait_seconds
        locked = False
        while not locked:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                locked = True
            except BlockingIOError:
                if time.monotonic() > deadline:
                    break
                if alive:
                    alive()
                time.sleep(0.2)
        try:
            yield
        finally:
            if locked:
                fcntl.flock(handle, fcntl.LOCK_UN)


def _pages_fill(
    *, result: WarmUp, began: float, budget_seconds: float, alive: Callable[[], None] | None
) -> None:
    """Each plan of record's dashboard (with its open rounds' panel) and what its target pages
    read, then each one's program pages (default language, the year they open on), until `budget_seconds` after
    `began`."""
    year = timezone.localdate().year
    with translation.override(settings.LANGUAGE_CODE):
        stamps = []
        for plan in plans_list():
            if time.perf_counter() - began > budget_seconds:
                result.problems.append("hết thời gian dành cho việc chuẩn bị")
                return
            stamp = plan_stamp(plan_id=plan.pk)
            if stamp is None:
                continue
            # the year the page opens on (web.views._as_of without ?as_of=)
            as_of = min(year, stamp.term_to_year)
            plan_page(stamp=stamp, as_of=as_of)
            # the evaluation in this worker's memory too (the API's, a target page's), also
            # when another worker rendered the page
            plan_evaluate(plan=plan_overview_cached(stamp=stamp), as_of_year=as_of, stamp=stamp)
            # what its target pages read, so that a first target page only renders
            target_pages_inputs(stamp=stamp)
            # the open rounds' panel the office and leaders see on it
            round_panel_cached(stamp=stamp)
            stamps.append(stamp)
            result.plans += 1
            if alive:
                alive()
        for stamp in stamps:
            for number in program_numbers(plan_id=stamp.plan_id):
                if time.perf_counter() - began > budget_seconds:
                    result.problems.append("hết thời gian dành cho việc chuẩn bị")
                    return
                program_page(stamp=stamp, number=number, as_of=min(year, stamp.term_to_year))
                result.programs += 1
            if alive:
                alive()


def server_threads_connect(*, executor: Executor, threads: int) -> int:
    """Open the database connection of each of a worker's request threads before the first
    request (gunicorn's gthread worker runs its requests on `executor`, `threads` threads),
    and read a plan's stamp on it (it reads most of the tables a page reads), so that the
    first requests of a burst do not each open a connection and fill the database's caches
    for it (measured at 34 provinces on PostgreSQL: ~10–18 ms to open one, its first page
    ~10 ms slower). The tasks wait for each other: each runs on a thread of its own. The
    connections stay open (`TIENDO_DB_CONN_MAX_AGE`). Returns how many were opened."""
    if threads < 1:
        return 0
    all_started = threading.Barrier(threads)
    first = next(iter(plans_list()), None)
    connections.close_all()  # this thread's own: the request threads use theirs

    def connect() -> bool:
        try:
            all_started.wait(timeout=10)
        except threading.BrokenBarrierError:
            return False
        try:
            if first is None:
                connections["default"].ensure_connection()
            else:
                plan_stamp(plan_id=first.pk)
        except Exception as exc:  # never in the way of the server starting
            log.warning("warm-up: a request thread could not connect: %s", exc)
            return False
        return True

    tasks = [executor.submit(connect) for _n in range(threads)]
    opened = sum(task.result(timeout=30) for task in tasks)
    log.info("warm-up: %d of %d request threads connected", opened, threads)
    return opened


def server_warm_up(
    *,
    budget_seconds: float = 30.0,
    close_connections: bool = True,
    alive: Callable[[], None] | None = None,
) -> WarmUp:
    """Load what every worker needs once, and fill the shared cache with each plan of record's
    page, then its program pages (default language, this year) — within `budget_seconds`, after
    waiting (at most as long) for another worker filling it. Closes the database connection it
    opened (the worker's requests run on other threads, with their own). `alive` is called
    after each step (gunicorn's `worker.notify`: a worker busy warming up, or waiting for
    another, is not taken for a hung one)."""
    began = time.perf_counter()
    result = WarmUp()
    try:
        # imports every view and the API, compiles their patterns
        result.urls = _urls_prepare()
        result.templates = _templates_compile()
        if alive:
            alive()
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                translation.gettext("Chương trình hành động")
        code_digest()
        with _one_worker_at_a_time(alive=alive, wait_seconds=budget_seconds):
            _pages_fill(
                result=result,
                began=time.perf_counter(),
                budget_seconds=budget_seconds,
                alive=alive,
            )
    except Exception as exc:
        log.warning("warm-up stopped: %s", exc, exc_info=True)
        result.problems.append(str(exc))
    finally:
        if close_connections:
            connections.close_all()
    result.seconds = time.perf_counter() - began
    log.info(
        "warm-up: %d templates, %d plans, %d program pages in %.1f s",
        result.templates,
        result.plans,
        result.programs,
        result.seconds,
    )
    return result
