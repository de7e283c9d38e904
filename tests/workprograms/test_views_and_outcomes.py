"""The year's list by month with late items first (on fixed dates), what each year's work program
did for a program, and recording an item's outcome (the office only; audited; checked)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command

from tiendo.accounts.permissions import NotAllowed
from tiendo.audit.models import AuditEntry
from tiendo.org.models import OrgUnit
from tiendo.plans.models import Program
from tiendo.plans.services import DocumentInput, implementing_document_record
from tiendo.workprograms import selectors
from tiendo.workprograms.models import WorkProgram, WorkProgramItem
from tiendo.workprograms.services import item_outcome_record

SAMPLE = (
    Path(__file__).resolve().parents[2] / "docs" / "samples" / "chuong-trinh-cong-tac-2022.xlsx"
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(builtin_plan: Any) -> dict[str, Any]:
    from tiendo.ops.demo_accounts import demo_set_ensure

    demo_set_ensure()
    call_command("workprogram", "load", str(SAMPLE), "--plan", builtin_plan.code, "--year", "2022")
    users = {u.username: u for u in get_user_model().objects.all()}
    return {"plan": builtin_plan, "wp": WorkProgram.objects.get(), **users}


def _view(loaded: dict[str, Any], as_of: dt.date, program: Program | None = None) -> Any:
    wp = selectors.workprogram_get(plan=loaded["plan"], year=2022)
    return selectors.workprogram_year_view(work_program=wp, as_of=as_of, program=program)


def test_late_items_come_first_and_the_rest_by_month_with_quarters_after_their_last_month(
    loaded: dict[str, Any],
) -> None:
    view = _view(loaded, dt.date(2022, 4, 15))
    # Due in January, February, March and in Q1 with no outcome: late on 15 April.
    assert [(r.item.number, r.days_late) for r in view.late] == [
        (1, 74),
        (2, 74),
        (3, 46),
        (4, 15),
        (5, 15),
    ]
    labels = [g.label for g in view.groups]
    assert labels == [
        "Tháng 4",
        "Tháng 5",
        "Tháng 6",
        "Tháng 7",
        "Tháng 8",
        "Tháng 9",
        "Quý III",
        "Tháng 10",
        "Tháng 12",
        "Quý IV",
    ]
    # The last day of the period is not late yet; the day after is.
    assert [r.item.number for r in _view(loaded, dt.date(2022, 1, 31)).late] == []
    assert [r.item.number for r in _view(loaded, dt.date(2022, 2, 1)).late] == [1, 2]
    # An outcome (postponed, dropped) is never late.
    end = _view(loaded, dt.date(2023, 1, 1))
    assert 7 not in [r.item.number for r in end.late] and 11 not in [
        r.item.number for r in end.late
    ]
    assert (
        len(end.late) == 15
        and end.groups
        and all(r.item.outcome != "pending" for g in end.groups for r in g.rows)
    )


def test_per_program_each_year_shows_what_served_it(loaded: dict[str, Any]) -> None:
    plan = loaded["plan"]
    program2 = Program.objects.get(plan=plan, number=2)
    history = selectors.program_work_history(program=program2, as_of=dt.date(2023, 1, 1))
    assert [h.work_program.year for h in history] == [2022]
    # named program 2 (items 1, 5, 7, 8, 9, 15 name all seven programs)
    assert [r.item.number for r in history[0].rows] == [1, 5, 7, 8, 9, 15]
    program4 = Program.objects.get(plan=plan, number=4)
    rows = selectors.program_work_history(program=program4, as_of=dt.date(2023, 1, 1))[0].rows
    assert [(r.item.number, r.item.outcome) for r in rows] == [
        (1, "pending"),
        (5, "pending"),
        (8, "pending"),
        (9, "pending"),
        (11, "dropped"),
        (15, "pending"),
    ]


def test_the_office_records_an_outcome_audited_and_checked(loaded: dict[str, Any]) -> None:
    plan = loaded["plan"]
    item = WorkProgramItem.objects.get(number=2)
    doc = implementing_document_record(
        actor=loaded["theodoi"],
        plan=plan,
        data=DocumentInput(
            unit=OrgUnit.objects.get(code="ban-can-su-dang-uy-ban-nhan-dan-tinh"),
            kind="project",
            number="15-ĐA/TU",
            date=dt.date(2022, 2, 10),
            title="Đề án phát triển kinh tế cửa khẩu",
            programs=[Program.objects.get(plan=plan, number=1)],
        ),
        today=dt.date(2022, 3, 1),
    )
    for user in ("baocao.btc", "lanhdao"):
        with pytest.raises(NotAllowed):
            item_outcome_record(actor=loaded[user], item=item, outcome="issued", document=doc)
    with pytest.raises(ValidationError) as caught:
        item_outcome_record(actor=loaded["theodoi"], item=item, outcome="issued")
    assert "sổ văn bản triển khai" in caught.value.message_dict["document"][0]
    with pytest.raises(ValidationError) as caught:
        item_outcome_record(actor=loaded["theodoi"], item=item, outcome="postponed", reason=" ")
    assert "lý do" in caught.value.message_dict["reason"][0]
    item_outcome_record(actor=loaded["theodoi"], item=item, outcome="issued", document=doc)
    item.refresh_from_db()
    assert (item.outcome, item.outcome_document, item.outcome_recorded_by) == (
        "issued",
        doc,
        loaded["theodoi"],
    )
    entry = AuditEntry.objects.get(object_type="workprograms.workprogramitem", action="state")
    assert entry.changes["outcome"] == {"before": "pending", "after": "issued"}
    assert entry.changes["outcome_document"] == {"before": None, "after": "15-ĐA/TU"}
    # No longer late; the register entry it rests on cannot be removed.
    assert 2 not in [r.item.number for r in _view(loaded, dt.date(2022, 4, 15)).late]
    from tiendo.plans.services import implementing_document_delete

    with pytest.raises(ValidationError) as caught:
        implementing_document_delete(actor=loaded["theodoi"], document=doc)
    assert "căn cứ vào văn bản này" in caught.value.messages[0]
    # Back to pending clears the document and the reason.
    item_outcome_record(actor=loaded["theodoi"], item=item, outcome="pending", reason="x")
    item.refresh_from_db()
    assert (item.outcome, item.outcome_document, item.outcome_reason) == ("pending", None, "")
