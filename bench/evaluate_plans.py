"""Benchmark: evaluate 100 plans of 53 targets with 6 years of figures each, through the service.

Run:  python bench/evaluate_plans.py [--plans 100] [--years 6]
Uses a throw-away data folder (SQLite) unless DATABASE_URL is set (then that database must be
empty and disposable). Prints a table; the latest result is kept in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import copy
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--plans", type=int, default=100)
    parser.add_argument("--years", type=int, default=6)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    os.environ.setdefault("TIENDO_HOME", tempfile.mkdtemp(prefix="tiendo-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tiendo.settings.production")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from tiendo.evaluation.services import plan_evaluate
    from tiendo.indicators.models import Figure
    from tiendo.plans.models import Plan, Target
    from tiendo.plans.services import plan_builtin_document, plan_load

    call_command("migrate", verbosity=0)
    rng = random.Random(args.seed)
    base = plan_builtin_document()
    started = time.perf_counter()
    for number in range(args.plans):
        document = copy.deepcopy(base)
        document["code"] = f"bench-{number:03d}"
        if not Plan.objects.filter(code=document["code"]).exists():
            plan_load(document=document, reason="benchmark")
    load_seconds = time.perf_counter() - started

    started = time.perf_counter()
    years = list(range(2025 - args.years + 1, 2026))
    now = timezone.now()
    with transaction.atomic():
        if not Figure.objects.exists():
            rows = []
            for target in Target.objects.filter(plan__code__startswith="bench-").exclude(
                kind="qualitative"
            ):
                scale = target.value or Decimal(1)
                for year in years:
                    value = (
                        Decimal(1)
                        if target.kind == "milestone"
                        else (scale * Decimal(rng.uniform(0.7, 1.2))).quantize(Decimal("0.01"))
                    )
                    rows.append(
                        Figure(
                            target=target,
                            year=year,
                            value=value,
                            figure_type="estimate",
                            accepted_at=now,
                        )
                    )
                    if rng.random() < 0.5:
                        rows.append(
                            Figure(
                                target=target,
                                year=year,
                                value=value * Decimal("1.01"),
                                figure_type="official",
                                accepted_at=now,
                            )
                        )
            Figure.objects.bulk_create(rows, batch_size=2000)
    figure_seconds = time.perf_counter() - started

    plans = list(Plan.objects.filter(code__startswith="bench-").order_by("code"))
    timings = []
    for plan in plans:
        begin = time.perf_counter()
        result = plan_evaluate(plan=plan, as_of_year=2025)
        timings.append(time.perf_counter() - begin)
        assert len(result.evaluations) == 53
    total = sum(timings)
    targets = 53 * len(plans)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {connection.vendor}"
    )
    print(
        f"setup: {len(plans)} plans loaded in {load_seconds:.1f} s; {Figure.objects.count()} figures in {figure_seconds:.1f} s"
    )
    print()
    print("| what | value |")
    print("|---|---|")
    print(f"| plans evaluated | {len(plans)} |")
    print(f"| targets evaluated | {targets} |")
    print(f"| total time | {total:.2f} s |")
    print(
        f"| per plan: median / p95 / max | {statistics.median(timings) * 1000:.1f} / {sorted(timings)[int(len(timings) * 0.95) - 1] * 1000:.1f} / {max(timings) * 1000:.1f} ms |"
    )
    print(f"| per target | {total / targets * 1000:.2f} ms |")


if __name__ == "__main__":
    sys.exit(main())
