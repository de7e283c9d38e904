from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tiendo.ops.services import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Sao lưu toàn bộ dữ liệu (cơ sở dữ liệu và tệp tải lên) vào một tệp .tar.gz có bản kê "
        "mã kiểm tra SHA-256; chạy được khi máy chủ đang hoạt động."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "-o",
            "--output",
            type=Path,
            help="Tệp sao lưu (mặc định: $TIENDO_HOME/backups/tiendo-YYYYmmdd-HHMMSS.tar.gz).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = backup_create(output=options["output"])
        except BackupError as exc:
            raise CommandError(str(exc), returncode=2) from None
        self.stdout.write(
            f"Đã sao lưu vào {result.path}: {result.tables} bảng, {result.rows} dòng, "
            f"{result.files} tệp, {result.bytes / 1_048_576:.1f} MB."
        )
        for name in result.missing_files:
            self.stderr.write(f"Cảnh báo: thiếu tệp tải lên {name} (có trong dữ liệu).")
