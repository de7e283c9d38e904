"""`tiendo term close CODE --as-of YEAR --reason … --user NAME`: close a plan's term — freeze
its evaluation as of the term's last year, keep the final report (Word) with it, optionally the
signed report — and `tiendo term show CODE`: the frozen verdicts beside today's.

It lives in exports because closing makes the final report; the closing itself is
`tiendo.evaluation.services.plan_close`, the same service as everywhere else."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from tiendo.accounts.permissions import NotAllowed
from tiendo.evaluation.labels import status_text
from tiendo.evaluation.selectors import closure_get, closure_verdicts
from tiendo.evaluation.services import closure_file_attach, plan_close, plan_evaluate
from tiendo.exports.docx_render import report_docx
from tiendo.exports.report import report_build
from tiendo.plans.models import Plan


class Command(BaseCommand):
    help = (
        "Kết thúc nhiệm kỳ của chương trình hành động: close CODE --as-of NĂM --reason LÝ_DO "
        "--user TÊN [--decision VĂN_BẢN] [--date YYYY-MM-DD] [--signed TỆP]; show CODE [--json]."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        close = sub.add_parser(
            "close",
            help="Chốt đánh giá đến năm cuối nhiệm kỳ, lưu báo cáo tổng kết; không mở đợt mới.",
        )
        close.add_argument("code")
        close.add_argument(
            "--as-of",
            type=int,
            dest="as_of",
            help="Năm cuối nhiệm kỳ (để xác nhận; mặc định theo chương trình).",
        )
        close.add_argument("--reason", required=True, help="Lý do, căn cứ kết thúc nhiệm kỳ.")
        close.add_argument(
            "--user", required=True, help="Tài khoản Văn phòng thực hiện (ghi vào nhật ký)."
        )
        close.add_argument("--decision", default="", help="Văn bản quyết định, kết luận.")
        close.add_argument(
            "--date",
            type=dt.date.fromisoformat,
            help="Ngày kết thúc (YYYY-MM-DD), mặc định hôm nay.",
        )
        close.add_argument("--signed", type=Path, help="Tệp báo cáo đã ký (PDF) để lưu kèm.")
        show = sub.add_parser(
            "show", help="Đánh giá khi kết thúc nhiệm kỳ và theo số liệu hiện nay."
        )
        show.add_argument("code")
        show.add_argument("--json", action="store_true", help="In theo định dạng JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        plan = Plan.objects.filter(code=options["code"]).first()
        if plan is None:
            raise CommandError(
                f"Không có chương trình hành động “{options['code']}”.", returncode=2
            )
        if options["action"] == "close":
            self._close(plan, options)
        else:
            self._show(plan, as_json=options["json"])

    def _close(self, plan: Plan, options: dict[str, Any]) -> None:
        as_of = options["as_of"]
        if as_of is not None and as_of != plan.term_to_year:
            raise CommandError(
                f"Đánh giá khi kết thúc nhiệm kỳ là đến năm cuối nhiệm kỳ ({plan.term_to_year}) "
                f"của “{plan.code}”, không phải năm {as_of}.",
                returncode=2,
            )
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"Không có tài khoản “{options['user']}”.", returncode=2)
        signed: bytes | None = None
        if options["signed"] is not None:
            try:
                signed = options["signed"].read_bytes()
            except OSError as exc:
                raise CommandError(
                    f"Không đọc được tệp {options['signed']}: {exc}", returncode=2
                ) from None
        today = options["date"] or timezone.localdate()
        try:
            with transaction.atomic():
                closure = plan_close(
                    actor=user,
                    plan=plan,
                    today=today,
                    reason=options["reason"],
                    decision_ref=options["decision"],
                )
                report = report_build(plan=plan, as_of_year=closure.as_of_year, today=today)
                closure_file_attach(
                    actor=user,
                    closure=closure,
                    content=report_docx(report=report),
                    filename=f"{plan.code}-tong-ket-{closure.as_of_year}.docx",
                    signed=False,
                )
                if signed is not None:
                    closure_file_attach(
                        actor=user,
                        closure=closure,
                        content=signed,
                        filename=options["signed"].name,
                        signed=True,
                    )
        except NotAllowed as exc:
            raise CommandError(str(exc.message), returncode=2) from None
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages), returncode=2) from None
        counts = ", ".join(f"{status_text(k)}: {v}" for k, v in sorted(closure.counts.items()) if v)
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã kết thúc nhiệm kỳ {plan.term_from_year}–{plan.term_to_year} của "
                f"“{plan.code}” ngày {closure.closed_on:%d/%m/%Y}; đánh giá đến năm "
                f"{closure.as_of_year} đã được chốt ({len(closure.evaluations)} chỉ tiêu — "
                f"{counts})."
            )
        )
        self.stdout.write(f"Báo cáo tổng kết: {closure.report_file.name}")
        if closure.signed_report:
            self.stdout.write(f"Báo cáo đã ký: {closure.signed_report_name}")

    def _show(self, plan: Plan, *, as_json: bool) -> None:
        closure = closure_get(plan=plan)
        if closure is None:
            raise CommandError(f"Chương trình “{plan.code}” chưa kết thúc nhiệm kỳ.", returncode=1)
        now = plan_evaluate(plan=plan, as_of_year=closure.as_of_year)
        verdicts = closure_verdicts(closure=closure, evaluations=now.evaluations)
        if as_json:
            body = {
                "plan": plan.code,
                "closed_on": closure.closed_on.isoformat(),
                "as_of": closure.as_of_year,
                "decision_ref": closure.decision_ref,
                "counts": closure.counts,
                "targets": {code: v.as_json() for code, v in verdicts.items()},
            }
            self.stdout.write(json.dumps(body, ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            f"{plan.number or plan.code}: kết thúc ngày {closure.closed_on:%d/%m/%Y}, đánh giá "
            f"đến năm {closure.as_of_year}."
        )
        changed = [v for v in verdicts.values() if v.changed]
        if not changed:
            self.stdout.write("Không có chỉ tiêu nào đổi đánh giá theo số liệu hiện nay.")
        for v in changed:
            self.stdout.write(
                f"  {v.code:>6}  Đánh giá khi kết thúc nhiệm kỳ: {v.label} · "
                f"theo số liệu hiện nay: {v.current_label}"
            )
