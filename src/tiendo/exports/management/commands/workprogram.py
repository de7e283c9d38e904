"""`tiendo workprogram load|show|export`: a year's work program of the Executive and Standing
Committees. It lives with the exports because it also writes the office's Word table; loading
and reading go through `tiendo.workprograms` (services, selectors) like the pages do."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from tiendo.exports.workprogram_docx import workprogram_docx
from tiendo.plans.models import Plan
from tiendo.workprograms import selectors
from tiendo.workprograms.models import WorkProgram
from tiendo.workprograms.services import workprogram_load
from tiendo.workprograms.spreadsheet import SheetError, sheet_csv, sheet_xlsx

FORMATS = ("docx", "xlsx", "csv")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"Ngày “{text}” không đúng dạng YYYY-MM-DD.", returncode=2) from None


class Command(BaseCommand):
    help = "Chương trình công tác năm: load FILE | show | export (--plan CODE --year Y)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help="Nạp chương trình công tác một năm từ tệp .xlsx/.csv.")
        load.add_argument("file", type=Path)
        show = sub.add_parser("show", help="In chương trình công tác một năm.")
        show.add_argument("--json", action="store_true", help="In dạng JSON.")
        show.add_argument("--as-of", dest="as_of", help="Ngày xét quá hạn, YYYY-MM-DD.")
        export = sub.add_parser("export", help="Xuất ra Word (bảng của Văn phòng), Excel, CSV.")
        export.add_argument("--format", choices=FORMATS, default="docx")
        export.add_argument("-o", "--output", type=Path, help="Tệp kết quả (“-”: đầu ra chuẩn).")
        export.add_argument("--date", help="Ngày ghi trên văn bản Word, YYYY-MM-DD.")
        for p in (load, show, export):
            p.add_argument("--plan", required=True, help="Mã chương trình hành động.")
            p.add_argument("--year", type=int, required=True, help="Năm của chương trình công tác.")

    def handle(self, *args: Any, **options: Any) -> None:
        plan = Plan.objects.filter(code=options["plan"]).first()
        if plan is None:
            raise CommandError(
                f"Không có chương trình hành động “{options['plan']}”.", returncode=2
            )
        if options["action"] == "load":
            self._load(plan, options["file"], options["year"])
            return
        try:
            wp = selectors.workprogram_get(plan=plan, year=options["year"])
        except WorkProgram.DoesNotExist:
            raise CommandError(
                f"Chưa có chương trình công tác năm {options['year']} của “{plan.code}”.",
                returncode=2,
            ) from None
        if options["action"] == "show":
            as_of = _date(options["as_of"]) if options["as_of"] else timezone.localdate()
            self._show(wp, as_json=options["json"], as_of=as_of)
        else:
            self._export(plan, wp, options)

    def _load(self, plan: Plan, path: Path, year: int) -> None:
        try:
            data = path.read_bytes()
        except OSError:
            raise CommandError(f"Không đọc được tệp {path}.", returncode=2) from None
        try:
            result = workprogram_load(
                actor=None, plan=plan, year=year, data=data, filename=path.name, check_actor=False
            )
        except SheetError as exc:
            raise CommandError(f"Tệp bị từ chối, không có gì thay đổi. {exc}") from exc
        items = result.work_program.items.count()
        verb = "Đã nạp" if result.created else "Đã cập nhật"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} chương trình công tác năm {year} ({items} nội dung; thêm "
                f"{result.added}, sửa {result.changed}, bỏ {result.removed})."
            )
        )

    def _show(self, wp: WorkProgram, *, as_json: bool, as_of: dt.date) -> None:
        if as_json:
            document = selectors.workprogram_document(work_program=wp)
            self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
            return
        view = selectors.workprogram_year_view(work_program=wp, as_of=as_of)
        self.stdout.write(f"{wp.title or wp} — {wp.plan.number or wp.plan.code}")
        if view.late:
            self.stdout.write(f"\nQuá hạn, chưa có kết quả (tính đến {as_of:%d/%m/%Y}):")
            for row in view.late:
                self._line(row.item, f" — quá hạn {row.days_late} ngày")
        for group in view.groups:
            self.stdout.write(f"\n{group.label}")
            for row in group.rows:
                self._line(row.item, "")

    def _line(self, item: Any, suffix: str) -> None:
        programs = ", ".join(str(p.number) for p in item.programs.all())
        outcome = selectors.OUTCOME_TEXT[item.outcome]
        if item.outcome_document is not None:
            outcome += f" ({item.outcome_document.number})"
        elif item.outcome_reason:
            outcome += f" ({item.outcome_reason})"
        self.stdout.write(
            f"  {item.number:>3}. {item.content}\n"
            f"       {item.preparing_unit.name} · {item.due_label} · "
            f"{selectors.CONSIDERED_BY_TEXT[item.considered_by]}"
            + (f" · CT {programs}" if programs else "")
            + f" · {outcome}{suffix}"
        )

    def _export(self, plan: Plan, wp: WorkProgram, options: dict[str, Any]) -> None:
        document = selectors.workprogram_document(work_program=wp)
        fmt = options["format"]
        if fmt == "docx":
            today = _date(options["date"]) if options["date"] else timezone.localdate()
            data = workprogram_docx(plan=plan, document=document, today=today)
        elif fmt == "xlsx":
            data = sheet_xlsx(document)
        else:
            data = sheet_csv(document)
        output: Path | None = options["output"]
        if output is not None and str(output) == "-":
            sys.stdout.buffer.write(data)
            return
        path = output or Path(f"chuong-trinh-cong-tac-{wp.year}.{fmt}")
        path.write_bytes(data)
        self.stdout.write(f"Đã ghi {path} ({len(document['items'])} nội dung).")
