from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tiendo.org.models import OrgUnit, SuccessionKind
from tiendo.org.selectors import units_valid_on
from tiendo.plans.services import unit_succession_record


class Command(BaseCommand):
    help = "Đơn vị: list [--on NGÀY] | succeed CŨ... --into MỚI --date NGÀY --basis CĂN_CỨ [--kind merge]."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list", help="Các đơn vị có hiệu lực vào một ngày.")
        listing.add_argument(
            "--on", type=dt.date.fromisoformat, help="Ngày (YYYY-MM-DD), mặc định hôm nay."
        )
        succeed = sub.add_parser(
            "succeed", help="Ghi nhận sáp nhập, chia tách, đổi tên, chuyển giao."
        )
        succeed.add_argument("old", nargs="+", help="Mã các đơn vị cũ.")
        succeed.add_argument("--into", required=True, help="Mã đơn vị kế thừa.")
        succeed.add_argument(
            "--date", required=True, type=dt.date.fromisoformat, help="Ngày có hiệu lực."
        )
        succeed.add_argument("--basis", required=True, help="Căn cứ (văn bản quyết định).")
        succeed.add_argument("--kind", default="merge", choices=[k.value for k in SuccessionKind])
        succeed.add_argument(
            "--keep-assignments",
            action="store_true",
            help="Không chuyển phân công sang đơn vị kế thừa.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "list":
            day = options["on"] or dt.date.today()
            for unit in units_valid_on(day=day).order_by("kind", "name"):
                self.stdout.write(f"{unit.code}\t{unit.get_kind_display()}\t{unit.name}")
            return
        units = {
            u.code: u for u in OrgUnit.objects.filter(code__in=[*options["old"], options["into"]])
        }
        missing = [c for c in [*options["old"], options["into"]] if c not in units]
        if missing:
            raise CommandError(f"Không có đơn vị: {', '.join(missing)}.", returncode=2)
        try:
            links = unit_succession_record(
                predecessors=[units[c] for c in options["old"]],
                successor=units[options["into"]],
                kind=options["kind"],
                effective_date=options["date"],
                legal_basis=options["basis"],
                actor=None,
                transfer_assignments=not options["keep_assignments"],
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages), returncode=2) from None
        self.stdout.write(
            self.style.SUCCESS(f"Đã ghi nhận {len(links)} đơn vị cũ → {units[options['into']]}.")
        )
