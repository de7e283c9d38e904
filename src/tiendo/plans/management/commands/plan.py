from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tiendo.plans.coverage import plan_coverage
from tiendo.plans.document import PlanDocumentError, document_read_file
from tiendo.plans.models import Plan
from tiendo.plans.selectors import plan_document_build, plans_list
from tiendo.plans.services import plan_load


class Command(BaseCommand):
    help = (
        "Chương trình hành động: list | show CODE [--json] | load FILE | "
        "coverage CODE [--json] [--on NGÀY]."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("list", help="Liệt kê các chương trình hành động.")
        show = sub.add_parser("show", help="In một chương trình hành động.")
        show.add_argument("code")
        show.add_argument("--json", action="store_true", help="In theo định dạng tài liệu JSON.")
        show.add_argument("--revision", type=int, help="In một phiên bản cũ (số phiên bản).")
        coverage = sub.add_parser(
            "coverage",
            help="Độ bao phủ: chỉ tiêu, nhiệm vụ nào có đơn vị báo cáo, cái nào chưa và vì sao.",
        )
        coverage.add_argument("code")
        coverage.add_argument(
            "--json",
            action="store_true",
            help='In {"targets": {"total", "reportable", "uncovered"}, "tasks": {...}}.',
        )
        coverage.add_argument(
            "--on", type=dt.date.fromisoformat, help="Vào ngày (YYYY-MM-DD), mặc định hôm nay."
        )
        load = sub.add_parser("load", help="Tạo hoặc cập nhật một chương trình từ tệp JSON.")
        load.add_argument("file", type=Path)
        load.add_argument("--reason", default="", help="Lý do bổ sung, điều chỉnh.")
        load.add_argument("--decision", default="", help="Văn bản quyết định bổ sung, điều chỉnh.")
        load.add_argument(
            "--date", type=dt.date.fromisoformat, help="Ngày của văn bản (YYYY-MM-DD)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "list":
            for plan in plans_list(include_drafts=True):
                self.stdout.write(
                    f"{plan.code}\t{plan.number}\t{plan.term_from_year}–{plan.term_to_year}\t"
                    f"{plan.get_status_display()}\t{getattr(plan, 'program_count', 0)} chương trình, "
                    f"{getattr(plan, 'target_count', 0)} chỉ tiêu\t{plan.title}"
                )
        elif action == "show":
            self._show(options["code"], as_json=options["json"], revision=options["revision"])
        elif action == "load":
            self._load(options)
        elif action == "coverage":
            self._coverage(options["code"], as_json=options["json"], on=options["on"])

    def _coverage(self, code: str, *, as_json: bool, on: dt.date | None) -> None:
        plan = Plan.objects.filter(code=code).first()
        if plan is None:
            raise CommandError(f"Không có chương trình hành động “{code}”.")
        coverage = plan_coverage(plan=plan, on=on)
        if as_json:
            self.stdout.write(json.dumps(coverage.as_json(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            f"{plan.number or plan.code}: ngày {coverage.on:%d/%m/%Y}, "
            f"{coverage.targets_reportable}/{len(coverage.targets)} chỉ tiêu, "
            f"{coverage.tasks_reportable}/{len(coverage.tasks)} nhiệm vụ có đơn vị báo cáo."
        )
        for program in coverage.programs:
            self.stdout.write(f"\nChương trình {program.program.number}: {program.program.title}")
            for item in [*program.targets, *program.tasks]:
                who = (
                    f"báo cáo: {item.reporter}"
                    if item.reporter is not None
                    else f"CHƯA CÓ ĐƠN VỊ BÁO CÁO — {item.gap_label}"
                )
                chain = item.chain_text or ", ".join(str(n.unit) for n in item.competing) or "—"
                self.stdout.write(f"  {item.code:>6}  {chain}  ({who})")

    def _show(self, code: str, *, as_json: bool, revision: int | None) -> None:
        plan = Plan.objects.filter(code=code).first()
        if plan is None:
            raise CommandError(f"Không có chương trình hành động “{code}”.")
        if revision is not None:
            found = plan.revisions.filter(number=revision).first()
            if found is None:
                raise CommandError(f"Chương trình “{code}” không có phiên bản {revision}.")
            document = found.snapshot
        else:
            document = plan_document_build(plan=plan)
        if as_json:
            self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{document['number']} — {document['title']}")
        self.stdout.write(f"Nhiệm kỳ {document['term']['from_year']}–{document['term']['to_year']}")
        for program in document["programs"]:
            targets = [t for t in document["targets"] if t["program"] == program["number"]]
            tasks = [t for t in document["tasks"] if t["program"] == program["number"]]
            self.stdout.write(f"\nChương trình {program['number']}: {program['title']}")
            self.stdout.write(f"  {len(targets)} chỉ tiêu, {len(tasks)} nhiệm vụ, giải pháp")
            for target in targets:
                self.stdout.write(f"  {target['code']:>5}  {target['indicator']}")

    def _load(self, options: dict[str, Any]) -> None:
        try:
            document = document_read_file(options["file"])
            result = plan_load(
                document=document,
                reason=options["reason"],
                decision_ref=options["decision"],
                revision_date=options["date"],
            )
        except PlanDocumentError as exc:
            raise CommandError(
                f"Tệp bị từ chối, không có gì thay đổi. Lỗi tại {exc.path}: {exc.message}"
            ) from exc
        if not result.changed:
            self.stdout.write(f"Không có thay đổi: “{result.plan.code}” đã đúng như tệp.")
        elif result.created:
            self.stdout.write(self.style.SUCCESS(f"Đã tạo “{result.plan.code}” (phiên bản 1)."))
        else:
            assert result.revision is not None
            self.stdout.write(
                self.style.SUCCESS(
                    f"Đã cập nhật “{result.plan.code}” (phiên bản {result.revision.number}, "
                    f"{len(result.changes)} thay đổi)."
                )
            )
            for line in result.changes:
                self.stdout.write(f"  - {line}")
