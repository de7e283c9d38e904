"""Warming the server up before it takes requests (issue 17: the deadline burst).

When every user arrives at once, the first requests of each worker paid for what is done once
per process — importing the views, compiling the templates, loading the translations, digesting
the code for the cache keys — and every plan's first page paid for its evaluation and its
rendering. Each gunicorn worker runs this before it accepts requests (hook `post_worker_init`,
see `tiendo.gunicorn_conf`); the first one fills the shared cache with each plan's page and its
program pages for this year, the next finds them there. It never stops the server from starting: anything that fails is
logged and left to the first request."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.template import engines
from django.template.utils import get_app_template_dirs
from django.urls import get_resolver
from django.utils import timezone, translation

from tiendo.evaluation.selectors import plan_stamp
from tiendo.plans.selectors import plans_list, program_numbers

from .page_cache import code_digest
from .plan_pages import plan_page, program_page

log = logging.getLogger("tiendo.warmup")


class _OutOfTime(Exception):
    pass


@dataclass
class WarmUp:
    templates: int = 0
    plans: int = 0
    programs: int = 0
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)


def _templates_compile() -> int:
    """Compile every template of tiendo's apps into the cached loader (once per process)."""
    count = 0
    for directory in get_app_template_dirs("templates"):
        root = Path(directory)
        if "tiendo" not in root.parts:
            continue
        for path in sorted(root.rglob("*.html")):
            for engine in engines.all():
                engine.get_template(str(path.relative_to(root)))
            count += 1
    return count


def server_warm_up(
    *,
    budget_seconds: float = 30.0,
    close_connections: bool = True,
    alive: Callable[[], None] | None = None,
) -> WarmUp:
    """Load what every worker needs once, and fill the shared cache with each plan of record's
    page, then its program pages (default language, this year) — within `budget_seconds`.
    Closes the database connection it opened (the worker's requests run on other threads, with
    their own). `alive` is called after each step (gunicorn's `worker.notify`: a worker busy warming up is not
    taken for a hung one)."""
    began = time.perf_counter()
    result = WarmUp()
    try:
        get_resolver().url_patterns  # noqa: B018 (imports every view and the API)
        result.templates = _templates_compile()
        if alive:
            alive()
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                translation.gettext("Chương trình hành động")
        code_digest()
        year = timezone.localdate().year
        with translation.override(settings.LANGUAGE_CODE):
            stamps = []
            for plan in plans_list():  # every dashboard first, then every program page
                if time.perf_counter() - began > budget_seconds:
                    result.problems.append("hết thời gian dành cho việc chuẩn bị")
                    break
                stamp = plan_stamp(plan_id=plan.pk)
                if stamp is None:
                    continue
                # the year the page opens on (web.views._as_of without ?as_of=)
                plan_page(stamp=stamp, as_of=min(year, stamp.term_to_year))
                stamps.append(stamp)
                result.plans += 1
                if alive:
                    alive()
            for stamp in stamps:
                for number in program_numbers(plan_id=stamp.plan_id):
                    if time.perf_counter() - began > budget_seconds:
                        result.problems.append("hết thời gian dành cho việc chuẩn bị")
                        raise _OutOfTime
                    program_page(stamp=stamp, number=number, as_of=min(year, stamp.term_to_year))
                    result.programs += 1
                if alive:
                    alive()
    except _OutOfTime:
        pass
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
