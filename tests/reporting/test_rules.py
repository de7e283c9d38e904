"""Validation messages, concurrent edits, evidence checks, urging digests and `tiendo remind`,
and the audit entry of each write."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from tiendo.audit.models import AuditEntry
from tiendo.org.models import OrgUnit
from tiendo.plans.models import Task
from tiendo.reporting.models import Reminder, SubmissionState
from tiendo.reporting.services import (
    FigureInput,
    StaleVersion,
    TaskInput,
    evidence_add,
    evidence_delete,
    reminders_due_send,
    submission_accept,
    submission_return,
    submission_save,
    submission_submit,
    units_urge,
)

from .conftest import BTC, PDF_BYTES, PNG_BYTES, SNN, SVH, office_bytes, sub_of

pytestmark = pytest.mark.django_db


def _errors(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, str]:
    return {k: v[0].messages[0] for k, v in exc.value.error_dict.items()}


@pytest.mark.parametrize(
    ("code", "text", "message"),
    [
        ("2.2", "abc", "Chỉ tiêu 2.2: “abc” không phải là số. Hãy viết như 6.650, 6650 hoặc 3,5."),
        ("2.3", "120", "Chỉ tiêu 2.3: tỷ lệ (%) phải trong khoảng 0 đến 100, không phải 120."),
        ("2.3", "-1", "Chỉ tiêu 2.3: tỷ lệ (%) phải trong khoảng 0 đến 100, không phải -1."),
        ("2.2", "-5", "Chỉ tiêu 2.2: số liệu không được âm (-5)."),
    ],
)
def test_value_messages(demo: dict[str, Any], rnd: Any, code: str, text: str, message: str) -> None:
    sub = sub_of(rnd, SNN)
    target = sub.figures.get(target__code=code).target
    with pytest.raises(ValidationError) as exc:
        submission_save(
            actor=demo["baocao.snn"],
            submission=sub,
            version=sub.version,
            figures={target.pk: FigureInput(value=text)},
        )
    assert _errors(exc) == {f"figure-{target.pk}-value": message}
    sub.refresh_from_db()
    assert sub.version == 1  # nothing written


@pytest.mark.parametrize(
    ("text", "value"), [("6.650", 6650), ("6650", 6650), ("3,5", "3.5"), ("1.234,5", "1234.5")]
)
def test_number_formats(demo: dict[str, Any], rnd: Any, text: str, value: Any) -> None:
    from decimal import Decimal

    sub = sub_of(rnd, SNN)
    target = sub.figures.get(target__code="2.2").target
    submission_save(
        actor=demo["baocao.snn"],
        submission=sub,
        version=sub.version,
        figures={target.pk: FigureInput(value=text)},
    )
    assert sub.figures.get(target=target).value == Decimal(str(value))


def test_year_outside_the_round_and_task_percent(demo: dict[str, Any], rnd: Any) -> None:
    sub = sub_of(rnd, BTC)
    target = sub.figures.get(target__code="7.1").target
    task = Task.objects.get(code="NV7.1", plan=demo["plan"])
    with pytest.raises(ValidationError) as exc:
        submission_save(
            actor=demo["baocao.btc"],
            submission=sub,
            version=sub.version,
            figures={target.pk: FigureInput(value="10", year="2019")},
            tasks={task.pk: TaskInput(status="in_progress", percent_done="150")},
        )
    errors = _errors(exc)
    assert (
        errors[f"figure-{target.pk}-year"]
        == "Chỉ tiêu 7.1: năm 2019 nằm ngoài đợt báo cáo (đợt này báo cáo năm 2024)."
    )
    assert errors[f"task-{task.pk}-percent_done"].startswith(
        "Nhiệm vụ NV7.1: phần trăm hoàn thành phải là số nguyên từ 0 đến 100"
    )


def test_two_editors_never_overwrite_each_other(demo: dict[str, Any], rnd: Any) -> None:
    from django.contrib.auth import get_user_model

    from tiendo.accounts.services import user_create

    second, _pw = user_create(
        actor=None, username="baocao.btc2", role="reporter", unit_code=BTC, check_actor=False
    )
    second = get_user_model().objects.get(pk=second.pk)
    first_view = sub_of(rnd, BTC)
    second_view = sub_of(rnd, BTC)
    target = first_view.figures.get(target__code="7.1").target
    submission_save(
        actor=demo["baocao.btc"],
        submission=first_view,
        version=first_view.version,
        figures={target.pk: FigureInput(value="2000")},
    )
    with pytest.raises(StaleVersion) as exc:
        submission_save(
            actor=second,
            submission=second_view,
            version=second_view.version,
            figures={target.pk: FigureInput(value="1")},
        )
    assert "vừa được người khác thay đổi" in exc.value.message
    assert exc.value.current.version == 2
    assert first_view.figures.get(target=target).value == 2000


def test_two_reviewers_never_overwrite_each_other(demo: dict[str, Any], rnd: Any) -> None:
    from tiendo.accounts.services import user_create

    other_monitor, _pw = user_create(
        actor=None,
        username="theodoi2",
        role="monitor",
        unit_code="van-phong-tinh-uy",
        check_actor=False,
    )
    sub = sub_of(rnd, BTC)
    sub = submission_submit(actor=demo["baocao.btc"], submission=sub, version=sub.version)
    seen_by_both = sub.version
    submission_accept(actor=demo["theodoi"], submission=sub, version=seen_by_both)
    with pytest.raises(StaleVersion) as exc:
        submission_return(actor=other_monitor, submission=sub, version=seen_by_both, reason="Sai")
    assert exc.value.current.state == SubmissionState.ACCEPTED


def test_stale_form_post_shows_current_state(client: Any, demo: dict[str, Any], rnd: Any) -> None:
    from django.urls import reverse

    sub = sub_of(rnd, BTC)
    target = sub.figures.get(target__code="7.1").target
    old_version = sub.version
    submission_save(
        actor=demo["baocao.btc"],
        submission=sub,
        version=old_version,
        figures={target.pk: FigureInput(value="2000")},
    )
    client.force_login(demo["baocao.btc"])
    response = client.post(
        reverse("reporting:submission", args=[sub.pk]),
        {"version": old_version, f"figure-{target.pk}-value": "5"},
    )
    assert response.status_code == 409
    text = response.content.decode()
    assert "vừa được người khác thay đổi" in text and 'value="2.000"' in text


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("a.pdf", PDF_BYTES, "pdf"),
        ("b.png", PNG_BYTES, "png"),
        ("c.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 20, "jpeg"),
        ("d.docx", office_bytes("word"), "docx"),
        ("e.xlsx", office_bytes("xl"), "xlsx"),
    ],
)
def test_evidence_kinds_from_content(
    demo: dict[str, Any], rnd: Any, name: str, content: bytes, kind: str
) -> None:
    sub = sub_of(rnd, BTC)
    evidence = evidence_add(
        actor=demo["baocao.btc"], submission=sub, upload=SimpleUploadedFile(name, content)
    )
    assert evidence.kind == kind and evidence.size == len(content)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "gia.pdf",
            PNG_BYTES,
            "Tệp “gia.pdf” có tên đuôi .pdf nhưng nội dung là PNG: tệp không đúng như tên gọi.",
        ),
        (
            "virus.pdf",
            b"MZ\x90\x00this is an exe",
            "Tệp “virus.pdf” không phải PDF, Word (.docx), Excel (.xlsx), JPEG hay PNG (kiểm tra theo nội dung tệp).",
        ),
        (
            "zip.docx",
            office_bytes("other")[:0] + b"PK\x03\x04garbage",
            "Tệp “zip.docx” không phải PDF, Word (.docx), Excel (.xlsx), JPEG hay PNG (kiểm tra theo nội dung tệp).",
        ),
    ],
)
def test_evidence_not_what_it_claims(
    demo: dict[str, Any], rnd: Any, name: str, content: bytes, message: str
) -> None:
    sub = sub_of(rnd, BTC)
    with pytest.raises(ValidationError) as exc:
        evidence_add(
            actor=demo["baocao.btc"], submission=sub, upload=SimpleUploadedFile(name, content)
        )
    assert _errors(exc) == {"file": message}


def test_evidence_too_big(demo: dict[str, Any], rnd: Any, settings: Any) -> None:
    settings.TIENDO_EVIDENCE_MAX_BYTES = 1024 * 1024
    sub = sub_of(rnd, BTC)
    big = PDF_BYTES + b"0" * (1024 * 1024 + 1)
    with pytest.raises(ValidationError) as exc:
        evidence_add(
            actor=demo["baocao.btc"], submission=sub, upload=SimpleUploadedFile("lon.pdf", big)
        )
    assert _errors(exc)["file"] == "Tệp “lon.pdf” quá lớn (1,0 MB); chỉ nhận tệp tới 1 MB."


def test_urge_digest_one_per_unit(demo: dict[str, Any], rnd: Any, mailoutbox: Any) -> None:
    snn, btc, svh = (OrgUnit.objects.get(code=c) for c in (SNN, BTC, SVH))
    btc.email = "bantochuc@langson.gov.vn"
    btc.save()
    demo["baocao.btc"].email = "btc@langson.gov.vn"
    demo["baocao.btc"].save()
    # SVH has sent its report: nothing to urge there.
    sub = sub_of(rnd, SVH)
    submission_submit(actor=demo["baocao.svhttdl"], submission=sub, version=sub.version)
    Task.objects.filter(code="NV7.2", plan=demo["plan"]).update(due_date=dt.date(2024, 6, 30))
    # Tasks under way are not late; one not started three years after the program is.
    Task.objects.filter(plan=demo["plan"]).exclude(code="NV7.2").update(status="in_progress")
    sent = units_urge(
        actor=demo["theodoi"],
        reporting_round=rnd,
        unit_ids=[snn.pk, btc.pk, svh.pk],
        today=dt.date(2024, 12, 22),
    )
    assert sorted(r.unit.code for r in sent) == sorted([SNN, BTC])
    assert len(mailoutbox) == 1  # SNN has no e-mail address: in-app notification only
    mail = mailoutbox[0]
    assert sorted(mail.to) == ["bantochuc@langson.gov.vn", "btc@langson.gov.vn"]
    assert "quá hạn 2 ngày" in mail.body and "NV7.2" in mail.body and "NV7.1" not in mail.body
    reminder = Reminder.objects.get(unit=btc)
    assert (
        reminder.recipients == sorted(mail.to)
        and reminder.sent_by == demo["theodoi"]
        and reminder.body == mail.body
    )
    assert (
        demo["baocao.btc"].notifications.count() == 1
        and demo["baocao.snn"].notifications.count() == 1
    )
    assert AuditEntry.objects.filter(action="send", object_type="reporting.reminder").count() == 2


def test_remind_command_before_and_after_deadline(demo: dict[str, Any], rnd: Any) -> None:
    out = StringIO()
    call_command("remind", "--today", "2024-12-10", stdout=out)
    assert "Đã gửi 0 thư đôn đốc." in out.getvalue()
    call_command("remind", "--today", "2024-12-17", "--days-before", "3", stdout=out)
    # the three reporting units (groups and bodies without a reporter are never asked)
    assert Reminder.objects.filter(trigger="before_deadline").count() == 3
    call_command("remind", "--today", "2024-12-17", stdout=out)  # same day again: nothing new
    assert Reminder.objects.count() == 3
    sent = reminders_due_send(today=dt.date(2024, 12, 21), round_id=rnd.pk)
    assert len(sent) == 3 and {r.trigger for r in sent} == {"overdue"}


def test_each_write_is_audited(demo: dict[str, Any], rnd: Any) -> None:
    reporter, monitor = demo["baocao.btc"], demo["theodoi"]
    sub = sub_of(rnd, BTC)
    target = sub.figures.get(target__code="7.1").target
    start = AuditEntry.objects.count()
    sub = submission_save(
        actor=reporter,
        submission=sub,
        version=sub.version,
        figures={target.pk: FigureInput(value="2.000")},
    )
    entry = AuditEntry.objects.latest("id")
    assert (
        entry.actor == reporter
        and entry.action == "update"
        and entry.plan_code == demo["plan"].code
    )
    assert entry.changes["7.1.value"] == {"before": None, "after": "2.000"}
    evidence = evidence_add(
        actor=reporter, submission=sub, upload=SimpleUploadedFile("a.pdf", PDF_BYTES)
    )
    assert AuditEntry.objects.latest("id").object_type == "reporting.evidence"
    evidence_delete(actor=reporter, evidence=evidence)
    assert AuditEntry.objects.latest("id").action == "delete"
    sub = submission_submit(actor=reporter, submission=sub, version=sub.version)
    assert AuditEntry.objects.latest("id").changes == {
        "state": {"before": "draft", "after": "submitted"}
    }
    sub = submission_return(
        actor=monitor, submission=sub, version=sub.version, reason="Thiếu nguồn"
    )
    entry = AuditEntry.objects.latest("id")
    assert entry.reason == "Thiếu nguồn" and entry.actor == monitor
    sub = submission_submit(actor=reporter, submission=sub, version=sub.version)
    submission_accept(actor=monitor, submission=sub, version=sub.version)
    kinds = list(AuditEntry.objects.filter(id__gt=start).values_list("object_type", "action"))
    assert ("indicators.figure", "create") in kinds
    assert kinds.count(("reporting.submission", "state")) == 4


def test_audit_entries_cannot_be_edited_through_the_application(
    client: Any, demo: dict[str, Any], rnd: Any
) -> None:
    from django.urls import reverse

    client.force_login(demo["theodoi"])
    assert client.post(reverse("reporting:audit_list")).status_code in (200, 405)
    count = AuditEntry.objects.count()
    client.post(reverse("reporting:audit_list"), {"object_type": "x"})
    assert AuditEntry.objects.count() == count
