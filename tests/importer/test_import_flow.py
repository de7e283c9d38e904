"""`tiendo import` and the review in the browser: a document becomes a draft, is corrected item
by item beside its source sentences, and is published. A draft never feeds dashboards."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from tiendo.accounts.services import user_create
from tiendo.audit.models import AuditEntry
from tiendo.importer.models import ImportedDocument
from tiendo.plans.models import Plan, PlanRevision, Target

SEED = "seed/chuong-trinh-hanh-dong-lang-son-2020-2025.txt"


@pytest.fixture
def monitor(db):
    user, _ = user_create(
        actor=None,
        username="vanphong",
        role="monitor",
        unit_code=None,
        password="mat-khau-rat-dai-1",
        check_actor=False,
    )
    return user


@pytest.fixture
def monitor_client(client, monitor):
    client.force_login(monitor)
    return client


def test_import_json_prints_the_document_without_saving(db, shared_dir):
    out = io.StringIO()
    call_command("import", str(shared_dir / SEED), "--json", stdout=out)
    document = json.loads(out.getvalue())
    assert len(document["programs"]) == 7 and len(document["targets"]) == 53
    assert document["status"] == "draft"
    assert isinstance(document["unparsed"], list)
    assert Plan.objects.count() == 0


def test_import_saves_a_draft_that_loads_again_unchanged(db, shared_dir):
    out = io.StringIO()
    call_command("import", str(shared_dir / SEED), "--code", "ls-du-thao", stdout=out)
    assert "Đã lưu dự thảo “ls-du-thao”: 7 chương trình, 53 chỉ tiêu, 40 nhiệm vụ" in out.getvalue()
    assert "Bộ đọc chưa chắc về 0 chỉ tiêu và cần xem lại 5 chỉ tiêu" in out.getvalue()
    assert "Chỉ số: 0 chỉ tiêu dùng chỉ số có sẵn trong danh mục, 51 chỉ số mới." in out.getvalue()
    plan = Plan.objects.get(code="ls-du-thao")
    assert plan.status == "draft"
    assert PlanRevision.objects.filter(plan=plan).count() == 0, (
        "a draft is not yet a plan of record"
    )
    imported = ImportedDocument.objects.get(plan=plan)
    assert (
        imported.text.startswith("\n\nCHƯƠNG TRÌNH HÀNH ĐỘNG")
        or "CHƯƠNG TRÌNH HÀNH ĐỘNG" in imported.text
    )
    assert Target.objects.get(plan=plan, code="5.6").value == Decimal("3")


@pytest.mark.django_db
def test_import_never_overwrites_an_active_plan(builtin_plan, shared_dir):
    with pytest.raises(CommandError) as caught:
        call_command("import", str(shared_dir / SEED), "--code", "lang-son-2020-2025")
    assert "không được ghi đè" in str(caught.value)
    assert caught.value.returncode == 2


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("trong.txt", b"", "Tệp trống"),
        ("anh.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "Hãy tải lên"),
        ("cu.doc", b"\xd0\xcf\x11\xe0" + b"\x00" * 100, ".docx"),
    ],
)
def test_refused_files_say_what_to_do(db, tmp_path, name, data, words):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(CommandError) as caught:
        call_command("import", str(path))
    assert words in str(caught.value)
    assert Plan.objects.count() == 0


def test_review_in_the_browser_then_publish(monitor_client, shared_dir):
    upload = SimpleUploadedFile(
        "ctr.txt", (shared_dir / SEED).read_bytes(), content_type="text/plain"
    )
    response = monitor_client.post("/nhap-chuong-trinh/", {"file": upload, "code": "ls-moi"})
    assert response.status_code == 302 and response["Location"] == "/nhap-chuong-trinh/ls-moi/"

    page = monitor_client.get("/nhap-chuong-trinh/ls-moi/").content.decode()
    assert "<q>tỷ lệ hộ nghèo &lt; 3%</q>" in page, "each target is shown with its source words"
    assert "- Đến năm 2025, tỷ lệ hộ nghèo &lt; 3%." in page, "and the whole source line"
    assert 'id="t-2.2"' in page and 'id="k-NV2.1"' in page

    # A correction typed the Vietnamese way, then a bad one that is refused with the user's input kept.
    fields = {
        "original": "2.2",
        "code": "2.2",
        "program": "2",
        "indicator": "Diện tích trồng rừng mới",
        "kind": "annual",
        "comparator": "ge",
        "value": "9.500",
        "value_high": "",
        "unit": "ha/năm",
        "from_year": "2021",
        "to_year": "2025",
        "source_text": "Trồng rừng mới 9.000 ha/năm",
    }
    assert monitor_client.post("/nhap-chuong-trinh/ls-moi/chi-tieu/", fields).status_code == 302
    assert Target.objects.get(plan__code="ls-moi", code="2.2").value == Decimal("9500")
    bad = monitor_client.post(
        "/nhap-chuong-trinh/ls-moi/chi-tieu/", {**fields, "comparator": "range", "value": "3,5"}
    )
    assert bad.status_code == 400
    body = bad.content.decode()
    assert "cận trên" in body and 'value="3,5"' in body
    assert Target.objects.get(plan__code="ls-moi", code="2.2").value == Decimal("9500")

    # Add a target, remove another, fix a task.
    added = {
        **fields,
        "original": "",
        "code": "2.13",
        "kind": "level",
        "value": "70",
        "unit": "%",
        "from_year": "",
        "indicator": "Tỷ lệ mới",
    }
    assert monitor_client.post("/nhap-chuong-trinh/ls-moi/chi-tieu/", added).status_code == 302
    assert monitor_client.post("/nhap-chuong-trinh/ls-moi/chi-tieu/2.12/bo/").status_code == 302
    assert (
        monitor_client.post(
            "/nhap-chuong-trinh/ls-moi/nhiem-vu/NV2.1/", {"text": "Nội dung đã sửa."}
        ).status_code
        == 302
    )
    plan = Plan.objects.get(code="ls-moi")
    assert set(plan.targets.values_list("code", flat=True)) >= {"2.13"}
    assert not plan.targets.filter(code="2.12").exists()
    assert plan.tasks.get(code="NV2.1").text == "Nội dung đã sửa."
    assert AuditEntry.objects.filter(
        plan_code="ls-moi", reason__startswith="Sửa chỉ tiêu 2.2"
    ).exists()

    # The draft does not feed dashboards; publishing makes it active with its first revision.
    assert monitor_client.get("/plans/ls-moi/").status_code == 404
    response = monitor_client.post(
        "/nhap-chuong-trinh/ls-moi/cong-bo/", {"decision_ref": "23-CTr/TU"}
    )
    assert response.status_code == 302 and response["Location"] == "/plans/ls-moi/"
    plan.refresh_from_db()
    assert plan.status == "active"
    assert PlanRevision.objects.get(plan=plan).number == 1
    assert monitor_client.get("/plans/ls-moi/").status_code == 200


def test_only_the_office_imports(client, db, shared_dir):
    user, _ = user_create(
        actor=None,
        username="lanhdao",
        role="leader",
        password="mat-khau-rat-dai-2",
        check_actor=False,
    )
    client.force_login(user)
    assert client.get("/nhap-chuong-trinh/").status_code == 403
    upload = SimpleUploadedFile("ctr.txt", (shared_dir / SEED).read_bytes())
    assert client.post("/nhap-chuong-trinh/", {"file": upload}).status_code == 403
    assert Plan.objects.count() == 0
