from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tiendo.ops.demo import DEMO_PASSWORD, PROVINCES, demo_generate


class Command(BaseCommand):
    help = "Dữ liệu mẫu quy mô toàn quốc (chỉ để thử nghiệm, đo hiệu năng, đào tạo)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        generate = sub.add_parser(
            "generate",
            help="Tạo N tỉnh: chương trình, đơn vị, tài khoản, năm năm báo cáo, số liệu, nhật ký.",
        )
        generate.add_argument("--provinces", type=int, default=1, help=f"1..{len(PROVINCES)}")
        generate.add_argument("--seed", type=int, default=1)
        generate.add_argument("--password", default=DEMO_PASSWORD)

    def handle(self, *args: Any, **options: Any) -> None:
        if not 1 <= options["provinces"] <= len(PROVINCES):
            raise CommandError(f"--provinces phải từ 1 đến {len(PROVINCES)}.", returncode=2)
        started = time.perf_counter()
        result = demo_generate(
            provinces=options["provinces"], seed=options["seed"], password=options["password"]
        )
        seconds = time.perf_counter() - started
        for code in result.skipped:
            self.stdout.write(f"Đã có {code}: bỏ qua.")
        counts = ", ".join(f"{k}: {v}" for k, v in sorted(result.counts.items()))
        self.stdout.write(
            f"Đã tạo {len(result.plans)} tỉnh trong {seconds:.1f} s ({counts}). "
            f"Tài khoản <tỉnh>.theodoi, <tỉnh>.lanhdao, <tỉnh>.<đơn vị>; mật khẩu: {options['password']}"
        )
