"""Data entry that never loses what was typed (issue 14, items 6, 8, 9): every action of the
submission page saves the typed values first; sending with empty rows asks, naming them; one
save makes one version; a value that cannot be stored exactly is refused, never rounded."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tiendo.reporting.models import SubmissionState
from tiendo.reporting.services import FigureInput, submission_save

from .conftest import BTC, PDF_BYTES, SNN, round_2024, sub_of

pytestmark = pytest.mark.django_db


def _page(client: Any, sub: Any) -> str:
    return client.get(reverse("reporting:submission", args=[sub.pk])).content.decode()


def test_uploading_evidence_keeps_the_typed_figures(
    client: Any, demo: dict[str, Any], rnd: Any
) -> None:
    sub = sub_of(rnd, SNN)
    t22 = sub.figures.get(target__code="2.2").target
    client.force_login(demo["baocao.snn"])
    url = reverse("reporting:submission", args=[sub.pk])
    page = _page(client, sub)
    # the upload is part of the one form, above the send button
    start = page.index('id="submission-form"')
    form = page[start : page.index("</form>", start)]
    assert 'name="file"' in form and 'value="upload"' in form
    assert form.index('value="upload"') < form.index('name="action" value="submit"')
    response = client.post(
        url,
        {
            "version": sub.version,
            f"figure-{t22.pk}-value": "9.150",
            f"figure-{t22.pk}-source": "Cục Thống kê",
            "action": "upload",
            "file": SimpleUploadedFile("bien-ban.pdf", PDF_BYTES),
        },
    )
    assert response.status_code == 302
    item = sub.figures.get(target=t22)
    assert item.value == 9150 and item.source == "Cục Thống kê"
    assert list(sub.evidence.values_list("name", flat=True)) == ["bien-ban.pdf"]
    assert 'value="9.150"' in _page(client, sub)


def test_removing_evidence_keeps_the_typed_figures(
    client: Any, demo: dict[str, Any], rnd: Any
) -> None:
    sub = sub_of(rnd, SNN)
    t22 = sub.figures.get(target__code="2.2").target
    client.force_login(demo["baocao.snn"])
    url = reverse("reporting:submission", args=[sub.pk])
    client.post(
        url,
        {
            "version": sub.version,
            "action": "upload",
            "file": SimpleUploadedFile("a.pdf", PDF_BYTES),
        },
    )
    sub.refresh_from_db()
    evidence = sub.evidence.get()
    response = client.post(
        url,
        {"version": sub.version, f"figure-{t22.pk}-value": "12", "action": f"remove-{evidence.pk}"},
    )
    assert response.status_code == 302
    assert sub.figures.get(target=t22).value == 12 and not sub.evidence.exists()


def test_an_upload_with_a_bad_draft_keeps_the_input_and_says_why(
    client: Any, demo: dict[str, Any], rnd: Any
) -> None:
    sub = sub_of(rnd, SNN)
    t23 = sub.figures.get(target__code="2.3").target
    client.force_login(demo["baocao.snn"])
    response = client.post(
        reverse("reporting:submission", args=[sub.pk]),
        {
            "version": sub.version,
            f"figure-{t23.pk}-value": "120",
            "action": "upload",
            "file": SimpleUploadedFile("a.pdf", PDF_BYTES),
        },
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert 'value="120"' in text and "“a.pdf” chưa được tải lên" in text
    assert not sub.evidence.exists()


def test_sending_with_empty_rows_asks_naming_them(
    client: Any, demo: dict[str, Any], rnd: Any
) -> None:
    sub = sub_of(rnd, SNN)
    codes = sorted(sub.figures.values_list("target__code", flat=True))
    first = sub.figures.get(target__code=codes[0]).target
    client.force_login(demo["baocao.snn"])
    url = reverse("reporting:submission", args=[sub.pk])
    response = client.post(
        url, {"version": sub.version, f"figure-{first.pk}-value": "5", "action": "submit"}
    )
    assert response.status_code == 302
    sub.refresh_from_db()
    assert sub.state == SubmissionState.DRAFT and sub.figures.get(target=first).value == 5
    page = client.get(response["Location"]).content.decode()
    assert 'id="send"' in page and f"chỉ tiêu {codes[1]}" in page
    assert f"chỉ tiêu {codes[0]}," not in page  # the filled row is not named
    assert 'value="submit-empty"' in page
    # without asking, a plain GET shows no confirmation
    assert 'id="send"' not in _page(client, sub)


def test_a_full_report_is_sent_at_once_with_one_version(
    client: Any, demo: dict[str, Any], rnd: Any
) -> None:
    sub = sub_of(rnd, SNN)
    data: dict[str, Any] = {"version": sub.version, "action": "submit"}
    for n, item in enumerate(sub.figures.select_related("target")):
        data[f"figure-{item.target_id}-value"] = str(n + 1)
    for item in sub.tasks.all():
        data[f"task-{item.task_id}-narrative"] = "Đã triển khai"
    client.force_login(demo["baocao.snn"])
    before = sub.version
    response = client.post(reverse("reporting:submission", args=[sub.pk]), data)
    assert response.status_code == 302 and "confirm" not in response["Location"]
    sub.refresh_from_db()
    assert sub.state == SubmissionState.SUBMITTED
    assert sub.version == before + 1


def test_a_save_without_change_makes_no_new_version(
    client: Any, demo: dict[str, Any], rnd: Any
) -> None:
    sub = sub_of(rnd, SNN)
    t22 = sub.figures.get(target__code="2.2").target
    client.force_login(demo["baocao.snn"])
    url = reverse("reporting:submission", args=[sub.pk])
    client.post(url, {"version": sub.version, f"figure-{t22.pk}-value": "7", "action": "save"})
    sub.refresh_from_db()
    saved = sub.version
    client.post(url, {"version": saved, f"figure-{t22.pk}-value": "7", "action": "save"})
    sub.refresh_from_db()
    assert sub.version == saved


@pytest.mark.parametrize("text", ["0,0000001", "1,1234567", "12.345,0000005"])
def test_a_value_that_cannot_be_stored_exactly_is_refused(
    client: Any, demo: dict[str, Any], rnd: Any, text: str
) -> None:
    sub = sub_of(rnd, SNN)
    t22 = sub.figures.get(target__code="2.2").target
    client.force_login(demo["baocao.snn"])
    response = client.post(
        reverse("reporting:submission", args=[sub.pk]),
        {"version": sub.version, f"figure-{t22.pk}-value": text, "action": "save"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "không tự làm tròn" in page and f'value="{text}"' in page
    assert sub.figures.get(target=t22).value is None
    check = client.post(
        reverse("reporting:figure_check", args=[sub.pk, t22.pk]),
        {f"figure-{t22.pk}-value": text},
    ).content.decode()
    assert "6 chữ số" in check


def test_six_decimals_and_trailing_zeros_are_kept_exactly(demo: dict[str, Any], rnd: Any) -> None:
    sub = sub_of(rnd, SNN)
    t22 = sub.figures.get(target__code="2.2").target
    sub = submission_save(
        actor=demo["baocao.snn"],
        submission=sub,
        version=sub.version,
        figures={t22.pk: FigureInput(value="0,000001")},
    )
    assert str(sub.figures.get(target=t22).value.normalize()) == "0.000001"
    submission_save(
        actor=demo["baocao.snn"],
        submission=sub,
        version=sub.version,
        figures={t22.pk: FigureInput(value="3,50000000")},
    )
    assert sub.figures.get(target=t22).value == 3.5


def test_after_acceptance_the_old_return_reason_is_history(
    client: Any, demo: dict[str, Any], rnd: Any
) -> None:
    from tiendo.reporting.services import (
        submission_accept,
        submission_return,
        submission_submit,
    )

    from .conftest import BTC

    office = demo["theodoi"]
    sub = sub_of(rnd, BTC)
    sub = submission_submit(actor=demo["baocao.btc"], submission=sub, version=sub.version)
    sub = submission_return(actor=office, submission=sub, version=sub.version, reason="Thiếu 7.3")
    client.force_login(office)
    page = _page(client, sub)
    assert "<dt>Lý do trả lại</dt><dd>Thiếu 7.3</dd>" in page
    sub = submission_submit(actor=demo["baocao.btc"], submission=sub, version=sub.version)
    page = _page(client, sub)
    # the review form: accept first, return looking different
    assert page.index('value="accept"') < page.index('value="return"')
    assert 'class="btn-secondary return"' in page
    sub = submission_accept(actor=office, submission=sub, version=sub.version)
    page = _page(client, sub)
    assert "<dt>Lý do trả lại</dt>" not in page
    assert "Lần trả lại trước" in page and "Thiếu 7.3" in page


def test_a_number_for_a_qualitative_target_is_refused_not_a_server_error(
    client: Any, demo: dict[str, Any]
) -> None:
    """A qualitative target (6.6: border security) is judged by assessment; a number typed for
    it has no indicator to become a figure of. It is refused with the reason, on the page and in
    the API, instead of failing when the report is sent (a 500 found by the load test)."""
    from tiendo.accounts.tokens import token_create
    from tiendo.org.models import OrgUnit
    from tiendo.plans.models import Target
    from tiendo.plans.services import target_assign

    plan = demo["plan"]
    t66 = Target.objects.get(plan=plan, code="6.6")
    target_assign(actor=demo["theodoi"], plan=plan, unit=OrgUnit.objects.get(code=BTC), target=t66)
    sub = sub_of(round_2024(demo), BTC)
    client.force_login(demo["baocao.btc"])
    page = client.post(
        reverse("reporting:submission", args=[sub.pk]),
        {"version": sub.version, f"figure-{t66.pk}-value": "1", "action": "save"},
    )
    assert page.status_code == 400
    assert "được đánh giá bằng nhận xét" in page.content.decode()
    assert sub.figures.get(target=t66).value is None
    token = token_create(actor=None, user=demo["baocao.btc"], check_actor=False)[1]
    api = client.put(
        f"/api/v1/submissions/{sub.pk}",
        data={"version": sub.version, "figures": [{"target": "6.6", "value": "1"}]},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert api.status_code == 422, api.content  # the API's answer to invalid data
    assert "được đánh giá bằng nhận xét" in json.dumps(api.json(), ensure_ascii=False)
