from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from tiendo.ops.setup import SetupResult, instance_setup


def report_setup(command: BaseCommand, result: SetupResult) -> None:
    command.stdout.write(f"Thư mục dữ liệu: {settings.DATA_HOME}")
    if result.plan_loaded:
        command.stdout.write(
            f"Đã nạp chương trình hành động có sẵn: {settings.TIENDO_BUILTIN_PLAN}"
        )
    if result.admin_username:
        command.stdout.write(
            command.style.WARNING(
                "Đã tạo tài khoản quản trị (chỉ hiển thị một lần, hãy lưu lại):\n"
                f"  tên đăng nhập: {result.admin_username}\n"
                f"  mật khẩu:      {result.admin_password}"
            )
        )
    if result.demo_accounts:
        lines = ["Đã tạo các tài khoản mẫu (chỉ hiển thị một lần, hãy lưu lại):"]
        lines += [
            f"  {a.username:<16} {a.password:<18} {a.role}" + (f" – {a.unit}" if a.unit else "")
            for a in result.demo_accounts
        ]
        command.stdout.write(command.style.WARNING("\n".join(lines)))


class Command(BaseCommand):
    help = "Chuẩn bị thư mục dữ liệu: cơ sở dữ liệu, chương trình có sẵn, tài khoản quản trị (không chạy máy chủ)."

    def handle(self, *args: Any, **options: Any) -> None:
        report_setup(self, instance_setup())
        self.stdout.write(self.style.SUCCESS("Sẵn sàng."))
