"""Issue 13, item 2: text typed by users is written into every spreadsheet and CSV file as text,
never as a live formula, and comes back unchanged when a workbook is uploaded again."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.helpers import series_of
from tiendo.indicators.models import Figure
from tiendo.plans.models import Target

pytestmark = pytest.mark.django_db

SNN = "so-nong-nghiep-va-phat-trien-nong-thon"
NOTE = '=HYPERLINK("http://x.example","click")'
SOURCE = "+1-2+cmd|' /C calc'!A0"
REASON = "@SUM(1,2)"
NARRATIVE = "-2+3 trên địa bàn =A1"


def _figure(target: Target, *, source: str) -> Figure:
    return Figure.objects.create(
        **series_of(target),
        year=2021,
        value=6650,
        figure_type="official",
        source=source,
        accepted_at=timezone.now(),
    )


def _text_cells(data: bytes) -> dict[tuple[str, str], Any]:
    wb = load_workbook(io.BytesIO(data))
    return {
        (ws.title, c.coordinate): c for ws in wb.worksheets for row in ws.iter_rows() for c in row
    }


def _no_formula(data: bytes) -> None:
    formulas = [
        f"{sheet}!{coord}: {cell.value}"
        for (sheet, coord), cell in _text_cells(data).items()
        if cell.data_type == "f"
    ]
    assert not formulas, formulas


def test_data_entry_workbook_keeps_formula_like_text_as_text_and_round_trips(
    people: dict[str, Any], rnd: Any
) -> None:
    from tiendo.exports.workbook import entry_workbook_apply, entry_workbook_xlsx
    from tiendo.reporting.services import FigureInput, TaskInput, submission_save

    reporter = people["baocao.snn"]
    sub = rnd.submissions.select_related("round__plan", "unit").get(unit__code=SNN)
    figure = sub.figures.select_related("target").order_by("target__position").first()
    task = sub.tasks.order_by("task__position").first()
    tasks = {task.task_id: TaskInput(narrative=NARRATIVE)} if task else {}
    sub = submission_save(
        actor=reporter,
        submission=sub,
        version=sub.version,
        figures={
            figure.target_id: FigureInput(
                value="12", source=SOURCE, note=NOTE, correction_reason=REASON
            )
        },
        tasks=tasks,
    )
    data = entry_workbook_xlsx(actor=reporter, submission=sub)
    _no_formula(data)
    cells = _text_cells(data)
    found = {cell.value: cell for cell in cells.values() if cell.value in (NOTE, SOURCE, REASON)}
    assert set(found) == {NOTE, SOURCE, REASON}
    for cell in found.values():
        assert cell.data_type == "s"
        assert cell.quotePrefix, "Excel must keep it text when the cell is edited"

    applied = entry_workbook_apply(actor=reporter, submission=sub, data=data)
    row = applied.submission.figures.get(target_id=figure.target_id)
    assert (row.note, row.source, row.correction_reason) == (NOTE, SOURCE, REASON)
    if task:
        assert applied.submission.tasks.get(task_id=task.task_id).narrative == NARRATIVE


def test_targets_workbook_and_report_xlsx_write_text_as_text(
    people: dict[str, Any], tmp_path: Path
) -> None:
    from tiendo.exports.workbook import plan_targets_xlsx

    plan = people["plan"]
    target = Target.objects.get(plan=plan, code="2.2")
    _figure(target, source=NOTE)
    Target.objects.filter(pk=target.pk).update(unit="=1+1")
    data = plan_targets_xlsx(plan=plan, as_of_year=2021)
    _no_formula(data)
    values = {cell.value for cell in _text_cells(data).values()}
    assert NOTE in values and "=1+1" in values

    out = tmp_path / "bao-cao.xlsx"
    call_command("report", "--plan", plan.code, "--as-of", "2021", "--format", "xlsx", "-o", out)
    _no_formula(out.read_bytes())
    with zipfile.ZipFile(out) as archive:
        sheets = " ".join(
            archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/")
        )
    assert not re.search(r"<f[ >]", sheets), "a formula element in the sheet XML"


def test_open_data_csv_neutralises_formulas_and_keeps_numbers(
    people: dict[str, Any], client: Any
) -> None:
    plan = people["plan"]
    target = Target.objects.get(plan=plan, code="2.2")
    _figure(target, source=NOTE)
    response = client.get(reverse("exports:open_data", args=[plan.code, "csv"]))
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    row = next(r for r in rows if r["target_code"] == "2.2")
    assert row["source"] == "'" + NOTE
    assert row["value"] == "6650"


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+84 912", "'+84 912"),
        ("-cmd", "'-cmd"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-3.5", "-3.5"),
        ("Sở Tài chính", "Sở Tài chính"),
        (6650, 6650),
        (None, None),
    ],
)
def test_csv_rule(value: Any, written: Any) -> None:
    from tiendo.core.spreadsheet import csv_value

    assert csv_value(value) == written
