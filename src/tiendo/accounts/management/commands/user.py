"""`tiendo user create NAME --role reporter --unit UNIT_CODE [--email E]` and
`tiendo user disable NAME [--reason R]`: scripted account set-up."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tiendo.accounts.models import Role
from tiendo.accounts.services import user_create, user_disable


class Command(BaseCommand):
    help = "Tạo hoặc khóa tài khoản (dùng cho kịch bản cài đặt)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser(
            "create", help="Tạo tài khoản; in mật khẩu sinh ngẫu nhiên một lần."
        )
        create.add_argument("username")
        create.add_argument("--role", required=True, choices=Role.values)
        create.add_argument(
            "--unit", dest="unit_code", default=None, help="mã đơn vị (OrgUnit.code)"
        )
        create.add_argument("--email", default="")
        create.add_argument("--name", dest="full_name", default="", help="họ và tên")
        disable = sub.add_parser("disable", help="Khóa tài khoản (giữ lịch sử).")
        disable.add_argument("username")
        disable.add_argument("--reason", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "create":
            try:
                user, password = user_create(
                    actor=None,
                    username=options["username"],
                    role=options["role"],
                    unit_code=options["unit_code"],
                    email=options["email"],
                    full_name=options["full_name"],
                    check_actor=False,
                )
            except ValidationError as exc:
                raise CommandError("; ".join(exc.messages)) from exc
            self.stdout.write(
                self.style.WARNING(
                    "Đã tạo tài khoản (mật khẩu chỉ hiển thị một lần):\n"
                    f"  tên đăng nhập: {user.get_username()}\n"
                    f"  mật khẩu:      {password}"
                )
            )
            return
        user_model = get_user_model()
        try:
            user = user_model.objects.get(username=options["username"])
        except user_model.DoesNotExist as exc:
            raise CommandError(f"Không có tài khoản “{options['username']}”.") from exc
        user_disable(actor=None, user=user, reason=options["reason"], check_actor=False)
        self.stdout.write(self.style.SUCCESS(f"Đã khóa tài khoản {user.get_username()}."))
