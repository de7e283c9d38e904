from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tiendo.accounts.models import ApiToken
from tiendo.accounts.tokens import token_create, token_revoke


class Command(BaseCommand):
    help = "Quản lý mã truy cập API cá nhân: tạo (in ra một lần), thu hồi, liệt kê."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Tạo mã cho một tài khoản; mã chỉ in ra một lần.")
        create.add_argument("username")
        create.add_argument("--name", default="", help="Tên gợi nhớ (hệ thống dùng mã).")
        revoke = sub.add_parser("revoke", help="Thu hồi mã theo đầu mã, hoặc mọi mã của tài khoản.")
        revoke.add_argument("prefix", nargs="?", help="Đầu mã (12 ký tự đầu, như tdo_AbCdEfGh).")
        revoke.add_argument("--user", help="Thu hồi mọi mã còn hiệu lực của tài khoản này.")
        listing = sub.add_parser("list", help="Liệt kê mã (không in mã).")
        listing.add_argument("username", nargs="?")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        users = get_user_model().objects
        if action == "create":
            user = users.filter(username=options["username"]).first()
            if user is None:
                raise CommandError(f"Không có tài khoản “{options['username']}”.", returncode=2)
            if not user.is_active:
                raise CommandError(f"Tài khoản “{user.get_username()}” đã bị khóa.", returncode=2)
            _token, raw = token_create(
                actor=None, user=user, name=options["name"], check_actor=False
            )
            self.stdout.write(raw)
            self.stderr.write(
                "Mã chỉ hiện một lần; hãy lưu lại ngay. Gửi kèm: Authorization: Bearer <mã>"
            )
            return
        if action == "revoke":
            tokens = ApiToken.objects.filter(revoked_at__isnull=True)
            if options["user"]:
                tokens = tokens.filter(user__username=options["user"])
            elif options["prefix"]:
                tokens = tokens.filter(prefix=options["prefix"][:12])
            else:
                raise CommandError("Cần đầu mã hoặc --user.", returncode=2)
            found = list(tokens.select_related("user"))
            if not found:
                raise CommandError("Không có mã nào còn hiệu lực khớp.", returncode=2)
            for token in found:
                token_revoke(actor=None, token=token, check_actor=False)
            self.stdout.write(f"Đã thu hồi {len(found)} mã.")
            return
        tokens = ApiToken.objects.select_related("user").order_by("user__username", "-created_at")
        if options.get("username"):
            tokens = tokens.filter(user__username=options["username"])
        for token in tokens:
            state = "còn hiệu lực" if token.active else "đã thu hồi"
            self.stdout.write(
                f"{token.prefix}  {token.user.get_username()}  {token.name or '-'}  "
                f"{token.created_at:%d/%m/%Y}  {state}"
            )
