from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from tiendo.ops.demo_builtin import SampleResult
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
    if result.sample is not None:
        report_sample(command, result.sample)


def report_sample(command: BaseCommand, sample: SampleResult) -> None:
    if not sample.loaded:
        command.stdout.write("Dữ liệu mẫu đã có sẵn, không nạp lại.")
        return
    c = sample.counts
    command.stdout.write(
        "Đã nạp dữ liệu mẫu (mọi trang đều ghi “Dữ liệu mẫu”): "
        f"{c.get('delegations', 0)} phân công thực hiện, {c.get('figures', 0)} số liệu công bố "
        f"có nguồn, {c.get('documents', 0)} văn bản triển khai, chương trình công tác năm 2022, "
        f"một đợt báo cáo đang mở ({c.get('submissions', 0)} báo cáo)."
    )
    if sample.accounts:
        lines = ["Tài khoản cán bộ báo cáo mẫu (chỉ hiển thị một lần, hãy lưu lại):"]
        lines += [f"  {a.username:<16} {a.password:<18} {a.unit}" for a in sample.accounts]
        command.stdout.write(command.style.WARNING("\n".join(lines)))


class Command(BaseCommand):
    help = "Chuẩn bị thư mục dữ liệu: cơ sở dữ liệu, chương trình có sẵn, tài khoản quản trị (không chạy máy chủ)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--demo",
            action="store_true",
            help="Nạp thêm dữ liệu mẫu: phân công, số liệu công bố, chương trình công tác, "
            "văn bản triển khai, một đợt báo cáo đang mở.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report_setup(self, instance_setup(with_sample=options["demo"]))
        self.stdout.write(self.style.SUCCESS("Sẵn sàng."))
