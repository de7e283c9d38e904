from __future__ import annotations

import os
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tiendo.ops.management.commands.init import report_setup
from tiendo.ops.server import serve
from tiendo.ops.setup import instance_setup


class Command(BaseCommand):
    help = "Chuẩn bị dữ liệu rồi chạy máy chủ (gunicorn) tại http://127.0.0.1:8000."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("TIENDO_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("TIENDO_PORT", "8000")))
        parser.add_argument(
            "--demo",
            action="store_true",
            help="Nạp thêm dữ liệu mẫu (như tiendo init --demo).",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="Số tiến trình phục vụ (mặc định TIENDO_WORKERS, hoặc 4 cho mỗi lõi CPU, tối đa 16).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report_setup(self, instance_setup(with_sample=options["demo"]))
        host, port = options["host"], options["port"]
        shown = f"[{host}]" if ":" in host else host
        self.stdout.write(
            self.style.SUCCESS(f"tiendo đang chạy tại http://{shown}:{port}/  (Ctrl-C để dừng)")
        )
        self.stdout.flush()
        serve(host=host, port=port, workers=options["workers"])
