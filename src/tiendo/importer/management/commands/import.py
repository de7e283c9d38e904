from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tiendo.importer.services import (
    ImportRefused,
    document_propose,
    import_size_check,
    plan_import,
)


class Command(BaseCommand):
    help = "Nhập chương trình hành động từ văn bản (.txt, .md, .docx, .pdf) thành dự thảo."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--json",
            action="store_true",
            help="Chỉ in tài liệu đọc được (kèm “unparsed”), không lưu.",
        )
        parser.add_argument(
            "--code", help="Mã của dự thảo (mặc định: theo số, ký hiệu hoặc tên tệp)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            import_size_check(size=path.stat().st_size)  # before reading it
            data = path.read_bytes()
        except FileNotFoundError:
            raise CommandError(f"Không tìm thấy tệp {path}.", returncode=2) from None
        except ImportRefused as exc:
            raise CommandError(f"{path.name}: {exc.message}", returncode=2) from None
        try:
            if options["json"]:
                proposal = document_propose(data=data, filename=path.name, code=options["code"])
                self.stdout.write(json.dumps(proposal.document, ensure_ascii=False, indent=2))
                return
            imported = plan_import(
                data=data,
                filename=path.name,
                actor=None,
                code=options["code"],
                check_permission=False,
            )
        except ImportRefused as exc:
            raise CommandError(f"{path.name}: {exc.message}", returncode=2) from None
        plan = imported.plan
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã lưu dự thảo “{plan.code}”: {plan.programs.count()} chương trình, "
                f"{plan.targets.count()} chỉ tiêu, {plan.tasks.count()} nhiệm vụ; "
                f"{len(imported.unparsed)} dòng chưa hiểu cần xem lại."
            )
        )
        targets = imported.proposal.get("targets", [])
        unsure = sum(t.get("confidence") == "low" for t in targets)
        check = sum(t.get("confidence") == "medium" for t in targets)
        indicators = imported.proposal.get("indicators", {}).values()
        matched = sum(i["how"] != "new" for i in indicators)
        if unsure or check:
            self.stdout.write(
                f"Bộ đọc chưa chắc về {unsure} chỉ tiêu và cần xem lại {check} chỉ tiêu "
                "(trang xem lại đưa các chỉ tiêu này lên đầu, kèm lý do)."
            )
        self.stdout.write(
            f"Chỉ số: {matched} chỉ tiêu dùng chỉ số có sẵn trong danh mục, "
            f"{len(imported.proposal.get('created_indicators', []))} chỉ số mới."
        )
        self.stdout.write("Xem lại và công bố trên trang “Nhập chương trình” của tiendo.")
