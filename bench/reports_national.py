"""Benchmark: report generation (Word, PDF, Excel) and evaluation of every plan, at N provinces.

Run:  python bench/reports_national.py --provinces 34
Uses a throw-away data folder (SQLite) unless DATABASE_URL is set (an empty, disposable
database). Generates the data (`tiendo demo generate`), then through the same functions as
`tiendo report` and `tiendo evaluate`: builds the results report of one plan and of all N plans
in each format, and evaluates all N plans as of 2025. Prints tables; the latest result is kept
in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from _common import machine, setup


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--provinces", type=int, default=34)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--home", help="reuse this data folder")
    args = parser.parse_args()
    info = setup(provinces=args.provinces, seed=args.seed, home=args.home)

    from django.db import connection

    from tiendo.evaluation.services import plan_evaluate
    from tiendo.exports.docx_render import report_docx
    from tiendo.exports.pdf_render import report_pdf
    from tiendo.exports.report import report_build
    from tiendo.exports.workbook import plan_targets_xlsx
    from tiendo.indicators.models import Figure
    from tiendo.ops.demo import demo_plan_code
    from tiendo.plans.models import Plan

    plans = list(Plan.objects.filter(code__in=[demo_plan_code(i) for i in range(args.provinces)]))
    plans.sort(key=lambda p: p.code)
    formats = {
        "Word (docx)": lambda p: report_docx(report=report_build(plan=p, as_of_year=2025)),
        "PDF": lambda p: report_pdf(report=report_build(plan=p, as_of_year=2025)),
        "Excel (xlsx)": lambda p: plan_targets_xlsx(plan=p, as_of_year=2025),
    }
    rows = []
    for name, make in formats.items():
        make(plans[0])  # warm up (fonts, templates)
        times, sizes = [], []
        for plan in plans:
            begin = time.perf_counter()
            data = make(plan)
            times.append(time.perf_counter() - begin)
            sizes.append(len(data))
        rows.append((name, times, sizes))

    evaluations = []
    begin_all = time.perf_counter()
    for plan in plans:
        begin = time.perf_counter()
        result = plan_evaluate(plan=plan, as_of_year=2025)
        evaluations.append(time.perf_counter() - begin)
        assert len(result.evaluations) == 53
    all_seconds = time.perf_counter() - begin_all

    print(f"machine: {machine(connection.vendor)}")
    print(
        f"data: {len(plans)} plans, {Figure.objects.count()} accepted figures "
        f"(generated {info['generated']} provinces in {info['generate_seconds']:.1f} s)"
    )
    print()
    print("| report | one plan | all plans | per plan median / max | size |")
    print("|---|---|---|---|---|")
    for name, times, sizes in rows:
        print(
            f"| {name} | {times[0]:.2f} s | {sum(times):.1f} s | "
            f"{statistics.median(times):.2f} / {max(times):.2f} s | "
            f"{statistics.median(sizes) / 1024:.0f} KB |"
        )
    print()
    print("| evaluation | value |")
    print("|---|---|")
    print(f"| plans evaluated (53 targets each) | {len(plans)} |")
    print(f"| all plans | {all_seconds * 1000:.0f} ms |")
    print(
        f"| per plan median / max | {statistics.median(evaluations) * 1000:.1f} / "
        f"{max(evaluations) * 1000:.1f} ms |"
    )


if __name__ == "__main__":
    sys.exit(main())
