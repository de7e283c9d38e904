from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tiendo.evaluation.actuals import ActualsError
from tiendo.plans.models import Plan
from tiendo.reporting.published import figures_load_published


class Command(BaseCommand):
    help = (
        "Số liệu đã có (công bố, báo cáo trước): figures load FILE.csv --plan CODE --reason LÝ_DO."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser(
            "load",
            help="Nạp số liệu từ tệp CSV code,year,value[,qualifier,figure,note,source_url,quote].",
        )
        load.add_argument("file", type=Path)
        load.add_argument("--plan", required=True)
        load.add_argument("--reason", required=True, help="Căn cứ, nguồn của số liệu.")

    def handle(self, *args: Any, **options: Any) -> None:
        plan = Plan.objects.filter(code=options["plan"]).first()
        if plan is None:
            raise CommandError(
                f"Không có chương trình hành động “{options['plan']}”.", returncode=2
            )
        try:
            text = options["file"].read_text(encoding="utf-8")
            result = figures_load_published(
                plan=plan, text=text, actor=None, reason=options["reason"]
            )
        except FileNotFoundError:
            raise CommandError(f"Không tìm thấy tệp {options['file']}.", returncode=2) from None
        except (ActualsError, ValueError) as exc:
            raise CommandError(
                f"Tệp bị từ chối, không có gì thay đổi. {exc}", returncode=2
            ) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã nạp {result.created} số liệu mới, {result.corrected} số đính chính; "
                f"{result.unchanged} số đã có, giữ nguyên."
            )
        )
