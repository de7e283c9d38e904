from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tiendo.evaluation import engine
from tiendo.evaluation.actuals import ActualsError, TargetInfo, actuals_parse
from tiendo.evaluation.services import PlanEvaluation, plan_evaluate
from tiendo.plans.models import Plan

STATUS_ORDER = [
    "exceeded",
    "achieved",
    "on_track",
    "at_risk",
    "not_achieved",
    "no_data",
    "needs_assessment",
]


class Command(BaseCommand):
    help = "Đánh giá các chỉ tiêu của một chương trình hành động."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--plan", required=True, help="Mã chương trình hành động.")
        parser.add_argument(
            "--as-of", type=int, dest="as_of", help="Năm đánh giá (mặc định: năm nay)."
        )
        parser.add_argument(
            "--actuals",
            type=Path,
            help="Tệp CSV code,year,value[,qualifier,figure,note,from_year]: đánh giá giả định, không ghi gì vào cơ sở dữ liệu (from_year: số liệu cả giai đoạn from_year–year).",
        )
        parser.add_argument("--json", action="store_true", help="In kết quả dạng JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        plan = Plan.objects.filter(code=options["plan"]).first()
        if plan is None:
            raise CommandError(
                f"Không có chương trình hành động “{options['plan']}”.", returncode=2
            )
        as_of = options["as_of"] or dt.date.today().year
        figures = None
        if options["actuals"] is not None:
            figures = self._read_actuals(plan, options["actuals"])
        result = plan_evaluate(plan=plan, as_of_year=as_of, figures=figures)
        if options["json"]:
            payload = [e.to_dict() for e in result.evaluations]
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
        else:
            self._table(result, what_if=figures is not None)

    def _read_actuals(self, plan: Plan, path: Path) -> dict[str, list[engine.Figure]]:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise CommandError(f"Không tìm thấy tệp {path}.", returncode=2) from None
        except UnicodeDecodeError:
            raise CommandError(f"Tệp {path} không phải văn bản UTF-8.", returncode=2) from None
        targets = {
            t.code: TargetInfo(kind=t.kind, from_year=t.from_year, to_year=t.to_year)
            for t in plan.targets.only("code", "kind", "from_year", "to_year")
        }
        try:
            return actuals_parse(
                text=text,
                targets=targets,
                first_year=plan.term_from_year - 1,
                last_year=plan.term_to_year,
            )
        except ActualsError as exc:
            raise CommandError(f"{path}: {exc}", returncode=2) from None

    def _table(self, result: PlanEvaluation, *, what_if: bool) -> None:
        plan = result.plan
        write = self.stdout.write
        write(f"{plan.number} — đánh giá đến năm {result.as_of_year}")
        if what_if:
            write("(Đánh giá giả định theo tệp số liệu; không ghi vào cơ sở dữ liệu.)")
        for program in result.programs:
            write("")
            write(f"Chương trình {program.number}: {program.title}")
            write(f"  {'Mã':<6}{'Đánh giá':<18}{'Năm':>6}  {'Số liệu':>12}  Giải thích")
            for evaluation in program.evaluations:
                value = (
                    engine.format_value(evaluation.latest_value)
                    if evaluation.latest_value is not None
                    else "—"
                )
                write(
                    f"  {evaluation.code:<6}{engine.STATUS_LABELS[evaluation.status]:<18}"
                    f"{evaluation.latest_year or '—':>6}  {value:>12}  {evaluation.explanation}"
                )
            write("  Cộng: " + _counts_text(program.counts))
        write("")
        write(
            f"Toàn chương trình ({len(result.evaluations)} chỉ tiêu): "
            + _counts_text(result.counts)
        )


def _counts_text(counts: Any) -> str:
    parts = [
        f"{engine.STATUS_LABELS[engine.Status(s)]} {counts[s]}"
        for s in STATUS_ORDER
        if counts.get(s)
    ]
    return ", ".join(parts) if parts else "—"
