"""The office adjusts the plan in the browser (section II.4): download the plan document, upload
the revised one with its decision; a bad file changes nothing."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tiendo.accounts.services import user_create
from tiendo.plans.models import PlanRevision, Target

PLAN = "lang-son-2020-2025"


@pytest.fixture
def office(client, builtin_plan):
    user, _ = user_create(
        actor=None,
        username="vp",
        role="monitor",
        unit_code="van-phong-tinh-uy",
        password="mat-khau-rat-dai-4",
        check_actor=False,
    )
    client.force_login(user)
    return client


def upload(client, document, **fields):
    data = (
        json.dumps(document, ensure_ascii=False).encode()
        if not isinstance(document, bytes)
        else document
    )
    return client.post(
        f"/plans/{PLAN}/dieu-chinh/",
        {
            "file": SimpleUploadedFile("plan.json", data, content_type="application/json"),
            "decision_ref": fields.get("decision_ref", "Kết luận 120-KL/TU ngày 30/6/2023"),
            "date": "2023-06-30",
            "reason": "Điều chỉnh chỉ tiêu kim ngạch",
        },
    )


@pytest.mark.django_db
def test_download_adjust_and_see_the_new_revision(office, builtin_plan):
    response = office.get(f"/plans/{PLAN}/tai-lieu.json")
    assert response["Content-Disposition"] == f'attachment; filename="{PLAN}.json"'
    document = json.loads(response.content)
    document["targets"][0]["value"] = "7000"
    response = upload(office, document)
    assert response.status_code == 302 and response["Location"] == f"/plans/{PLAN}/revisions/2/"
    revision = PlanRevision.objects.get(plan=builtin_plan, number=2)
    assert revision.decision_ref == "Kết luận 120-KL/TU ngày 30/6/2023"
    assert "Sửa chỉ tiêu 1.1: value" in revision.changes
    assert Target.objects.get(plan=builtin_plan, code="1.1").value == Decimal("7000")
    assert "Bổ sung, điều chỉnh chương trình" in office.get(f"/plans/{PLAN}/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["targets"][0].update(comparator="range"), "Lỗi tại $.targets[0].value_high"),
        (lambda d: d.update(code="khac"), "Lỗi tại $.code"),
        (lambda d: b"{ not json", "JSON không hợp lệ ở dòng 1"),
    ],
)
def test_a_bad_file_changes_nothing(office, builtin_plan, mutate, message):
    document = json.loads(office.get(f"/plans/{PLAN}/tai-lieu.json").content)
    changed = mutate(document)
    response = upload(office, changed if isinstance(changed, bytes) else document)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert PlanRevision.objects.filter(plan=builtin_plan).count() == 1


@pytest.mark.django_db
def test_only_the_office_adjusts(client, builtin_plan):
    user, _ = user_create(
        actor=None, username="ld", role="leader", password="mat-khau-rat-dai-5", check_actor=False
    )
    client.force_login(user)
    assert client.get(f"/plans/{PLAN}/dieu-chinh/").status_code == 403
    assert "Bổ sung, điều chỉnh chương trình" not in client.get(f"/plans/{PLAN}/").content.decode()
