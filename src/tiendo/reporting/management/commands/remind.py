"""`tiendo remind [--round ID] [--days-before 3]`: for cron, once a day. Sends one digest per
unit that has not submitted `days-before` days before the deadline, and to the late units after
it (at most once a day); records what was sent."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tiendo.reporting.services import reminders_due_send


class Command(BaseCommand):
    help = "Đôn đốc tự động (chạy hằng ngày bằng cron): nhắc trước hạn và khi quá hạn."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--round", dest="round_id", type=int, default=None, help="chỉ đợt báo cáo này"
        )
        parser.add_argument(
            "--days-before", type=int, default=3, help="nhắc trước hạn bao nhiêu ngày (mặc định 3)"
        )
        parser.add_argument(
            "--today", type=dt.date.fromisoformat, default=None, help=argparse_suppress()
        )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = reminders_due_send(
            today=options["today"], round_id=options["round_id"], days_before=options["days_before"]
        )
        for reminder in sent:
            to = ", ".join(reminder.recipients) or "(chỉ thông báo trong ứng dụng)"
            self.stdout.write(f"Đã gửi đôn đốc tới {reminder.unit}: {to}")
        self.stdout.write(self.style.SUCCESS(f"Đã gửi {len(sent)} thư đôn đốc."))


def argparse_suppress() -> str:
    import argparse

    return argparse.SUPPRESS
