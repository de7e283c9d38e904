"""Issue 13, item 5: text round trips that used to change data. One limit per text field, the
same on the page, in the API and in the data-entry workbook, stated in the refusal, and below
what an Excel cell holds (32,767 characters), so a note survives download → upload unchanged;
text is stored NFC-normalised."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from tiendo.core.text import EXCEL_CELL_MAX
from tiendo.reporting.services import TEXT_LIMITS, FigureInput, TaskInput, submission_save

pytestmark = pytest.mark.django_db
SNN = "so-nong-nghiep-va-phat-trien-nong-thon"


def _api(people: dict[str, Any]) -> Client:
    from tiendo.accounts.tokens import token_create

    _token, raw = token_create(actor=None, user=people["baocao.snn"], check_actor=False)
    return Client(headers={"Authorization": f"Bearer {raw}"})


def test_every_limit_fits_in_an_excel_cell() -> None:
    assert max(TEXT_LIMITS.values()) < EXCEL_CELL_MAX


def test_a_note_over_its_limit_is_refused_alike_on_the_page_and_in_the_api(
    people: dict[str, Any], rnd: Any
) -> None:
    sub = rnd.submissions.select_related("round__plan", "unit").get(unit__code=SNN)
    figure = sub.figures.select_related("target").order_by("target__position").first()
    too_long = "ghi chú " * 1300  # 10.400 characters
    with pytest.raises(ValidationError) as refused:
        submission_save(
            actor=people["baocao.snn"],
            submission=sub,
            version=sub.version,
            figures={figure.target_id: FigureInput(value="12", note=too_long)},
        )
    message = refused.value.message_dict[f"figure-{figure.target_id}-note"][0]
    assert "10.399 ký tự, quá giới hạn 10.000 ký tự" in message, message
    answer = _api(people).put(
        f"/api/v1/submissions/{sub.pk}",
        {"version": sub.version, "figures": [{"target": figure.target.code, "note": too_long}]},
        content_type="application/json",
    )
    assert answer.status_code == 422, answer.content
    assert "quá giới hạn 10.000 ký tự" in answer.json()["error"]["message"]
    figure.refresh_from_db()
    assert figure.note == ""


def test_the_longest_note_and_narrative_survive_the_workbook_round_trip(
    people: dict[str, Any], rnd: Any
) -> None:
    from tiendo.exports.workbook import entry_workbook_apply, entry_workbook_xlsx

    reporter = people["baocao.snn"]
    sub = rnd.submissions.select_related("round__plan", "unit").get(unit__code=SNN)
    figure = sub.figures.select_related("target").order_by("target__position").first()
    task = sub.tasks.order_by("task__position").first()
    note = ("Số liệu của Cục Thống kê; " * 400)[: TEXT_LIMITS["note"]].strip()
    narrative = ("Đã triển khai xong; " * 1100)[: TEXT_LIMITS["narrative"]].strip()
    sub = submission_save(
        actor=reporter,
        submission=sub,
        version=sub.version,
        figures={figure.target_id: FigureInput(value="12", note=note)},
        tasks={task.task_id: TaskInput(narrative=narrative)} if task else {},
    )
    data = entry_workbook_xlsx(actor=reporter, submission=sub)
    applied = entry_workbook_apply(actor=reporter, submission=sub, data=data)
    assert applied.submission.figures.get(target_id=figure.target_id).note == note
    if task:
        assert applied.submission.tasks.get(task_id=task.task_id).narrative == narrative


def test_text_is_stored_nfc_normalised(people: dict[str, Any], rnd: Any) -> None:
    sub = rnd.submissions.select_related("round__plan", "unit").get(unit__code=SNN)
    figure = sub.figures.select_related("target").order_by("target__position").first()
    typed = unicodedata.normalize("NFD", "Nguồn: Cục Thống kê tỉnh Lạng Sơn")
    assert typed != unicodedata.normalize("NFC", typed)
    answer = _api(people).put(
        f"/api/v1/submissions/{sub.pk}",
        {"version": sub.version, "figures": [{"target": figure.target.code, "source": typed}]},
        content_type="application/json",
    )
    assert answer.status_code == 200, answer.content
    figure.refresh_from_db()
    assert figure.source == "Nguồn: Cục Thống kê tỉnh Lạng Sơn"
