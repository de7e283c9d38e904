from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tiendo.exports.docx_render import report_docx
from tiendo.exports.pdf_render import PdfUnavailable, report_pdf
from tiendo.exports.report import report_build
from tiendo.exports.workbook import plan_targets_xlsx
from tiendo.plans.models import Plan

FORMATS = ("docx", "pdf", "txt", "xlsx")


class Command(BaseCommand):
    help = "Xuất báo cáo kết quả thực hiện một chương trình hành động (Word, PDF, văn bản, Excel)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--plan", required=True, help="Mã chương trình hành động.")
        parser.add_argument(
            "--as-of", type=int, dest="as_of", help="Năm đánh giá (mặc định: năm nay)."
        )
        parser.add_argument("--format", choices=FORMATS, default="docx", help="Định dạng tệp.")
        parser.add_argument(
            "-o",
            "--output",
            type=Path,
            help="Tệp kết quả (mặc định: <mã>-<năm>.<định dạng>; “-” là đầu ra chuẩn).",
        )
        parser.add_argument(
            "--date",
            help="Ngày ghi trên báo cáo, YYYY-MM-DD (mặc định: dự thảo đã lưu hoặc hôm nay).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        plan = Plan.objects.filter(code=options["plan"]).first()
        if plan is None:
            raise CommandError(
                f"Không có chương trình hành động “{options['plan']}”.", returncode=2
            )
        as_of = options["as_of"] or dt.date.today().year
        if not 1945 <= as_of <= 2100:
            raise CommandError(f"Năm đánh giá {as_of} không hợp lệ.", returncode=2)
        today = None
        if options["date"]:
            try:
                today = dt.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(
                    f"Ngày “{options['date']}” không đúng dạng YYYY-MM-DD.", returncode=2
                ) from None
        fmt = options["format"]
        output: Path | None = options["output"]
        summary = ""
        if fmt == "xlsx":
            data = plan_targets_xlsx(plan=plan, as_of_year=as_of)
        else:
            report = report_build(plan=plan, as_of_year=as_of, today=today)
            summary = f" ({len(report.evaluation.evaluations)} chỉ tiêu)"
            if fmt == "docx":
                data = report_docx(report=report)
            elif fmt == "pdf":
                try:
                    data = report_pdf(report=report)
                except PdfUnavailable as exc:
                    raise CommandError(str(exc), returncode=3) from None
            else:
                data = report.text().encode("utf-8")
        if output is not None and str(output) == "-":
            sys.stdout.buffer.write(data)
            return
        path = output or Path(f"{plan.code}-{as_of}.{fmt}")
        path.write_bytes(data)
        self.stdout.write(f"Đã ghi {path}{summary}.")
