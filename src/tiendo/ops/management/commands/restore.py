from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tiendo.ops.services import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Khôi phục một tệp sao lưu vào cơ sở dữ liệu và thư mục dữ liệu trống; kiểm tra toàn bộ "
        "tệp (mã kiểm tra, phiên bản) trước khi ghi."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "archive", type=Path, help="Tệp sao lưu (.tar.gz) do tiendo backup tạo."
        )
        parser.add_argument(
            "--key-file",
            type=Path,
            help="Tệp khóa sao lưu của máy đã sao lưu (mặc định: backup_key trong thư mục dữ liệu).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = backup_restore(archive=options["archive"], key_file=options["key_file"])
        except BackupError as exc:
            raise CommandError(f"Không khôi phục: {exc}", returncode=2) from None
        self.stdout.write(
            f"Đã khôi phục bản sao lưu lúc {result.created_at} vào {settings.DATA_HOME}: "
            f"{result.tables} bảng, {result.rows} dòng, {result.files} tệp. "
            "Chạy `tiendo init` (tệp tĩnh) rồi `tiendo up`."
        )
