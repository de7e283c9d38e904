"""The register of implementing documents and the yearly work programs through /api/v1: the same
rules as the pages (who reads what, who writes what, what is refused), the same services."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from tiendo.audit.models import AuditEntry
from tiendo.plans.models import ImplementingDocument

pytestmark = pytest.mark.django_db

PLAN = "lang-son-2020-2025"
BCSD = "ban-can-su-dang-uy-ban-nhan-dan-tinh"
BTC = "ban-to-chuc-tinh-uy"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SAMPLE = (
    Path(__file__).resolve().parents[2] / "docs" / "samples" / "chuong-trinh-cong-tac-2022.xlsx"
)
DOCS = f"/plans/{PLAN}/implementing-documents"


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _body(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "unit": BTC,
        "kind": "directive",
        "number": "08-CT/TU",
        "date": "2021-12-20",
        "title": "Chỉ thị về công tác phát triển đảng viên",
        "programs": [7],
        "targets": ["7.1"],
        "tasks": [],
    }
    body.update(changes)
    return body


def test_a_reporter_records_for_their_own_unit_and_reads_only_its_entries(
    api_as: Any, demo: dict[str, Any]
) -> None:
    btc = api_as("baocao.btc")
    created = btc.post(DOCS, _body())
    assert created.status_code == 201, created.content
    doc = created.json()
    assert (doc["unit"], doc["programs"], doc["targets"]) == (BTC, [7], ["7.1"])
    assert AuditEntry.objects.filter(
        object_type="plans.implementingdocument", object_id=doc["id"], action="create"
    ).exists()
    refused = btc.post(DOCS, _body(unit=BCSD, number="09-CT/TU"))
    assert refused.status_code == 403
    office = api_as("theodoi")
    assert (
        office.post(DOCS, _body(unit=BCSD, number="2399/KH-UBND", programs=[1])).status_code == 201
    )
    assert [d["number"] for d in btc.get(DOCS).json()["items"]] == ["08-CT/TU"]
    assert len(api_as("lanhdao").get(DOCS).json()["items"]) == 2
    other = office.get(DOCS, unit=BCSD).json()["items"]
    assert [d["number"] for d in other] == ["2399/KH-UBND"]
    assert btc.get(f"{DOCS}/{other[0]['id']}").status_code == 404
    assert api_as("baocao.snn").get(f"{DOCS}/{doc['id']}").status_code == 404
    # A leader reads but does not write.
    assert api_as("lanhdao").post(DOCS, _body(number="10-CT/TU")).status_code == 403


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"date": "2030-01-01"}, "date", "tương lai"),
        ({"programs": [9]}, "programs", "không có chương trình 9"),
        ({"targets": ["9.9"]}, "targets", "không có chỉ tiêu 9.9"),
        ({"unit": "khong-co"}, "unit", "Không có đơn vị"),
        ({"programs": [], "targets": []}, "programs", "ít nhất một"),
    ],
)
def test_bad_entries_are_refused_with_the_field(
    api_as: Any, demo: dict[str, Any], changes: dict[str, Any], field: str, words: str
) -> None:
    response = api_as("theodoi").post(DOCS, _body(**changes))
    assert response.status_code == 422
    details = response.json()["error"]["details"]
    assert any(d["field"] == field and words in d["message"] for d in details), details
    assert not ImplementingDocument.objects.exists()


def test_change_file_and_delete(api_as: Any, demo: dict[str, Any]) -> None:
    btc = api_as("baocao.btc")
    doc = btc.post(DOCS, _body()).json()
    url = f"{DOCS}/{doc['id']}"
    changed = btc.put(url, _body(title="Chỉ thị (sửa)", tasks=["NV7.1"]))
    assert changed.status_code == 200 and changed.json()["tasks"] == ["NV7.1"]
    headers = btc.headers
    fake = btc.client.post(
        f"/api/v1{url}/file",
        {"file": SimpleUploadedFile("chi-thi.pdf", b"PK\x03\x04 not a pdf")},
        headers=headers,
    )
    assert fake.status_code == 422
    uploaded = btc.client.post(
        f"/api/v1{url}/file", {"file": SimpleUploadedFile("chi-thi.pdf", PDF)}, headers=headers
    )
    assert uploaded.status_code == 200 and uploaded.json()["file_kind"] == "pdf"
    download = btc.client.get(f"/api/v1{url}/file", headers=headers)
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert (
        api_as("baocao.snn")
        .client.delete(f"/api/v1{url}", headers=api_as("baocao.snn").headers)
        .status_code
        == 404
    )
    assert btc.client.delete(f"/api/v1{url}", headers=headers).status_code == 204
    assert not ImplementingDocument.objects.exists()


def test_the_register_state_on_a_day(api_as: Any, demo: dict[str, Any]) -> None:
    office = api_as("theodoi")
    office.post(DOCS, _body(unit=BCSD, number="2399/KH-UBND", date="2021-11-26", programs=[1, 2]))
    office.post(DOCS, _body(unit=BCSD, number="45/KH-UBND", date="2022-03-01", programs=[3]))
    state = office.get(f"/plans/{PLAN}/register", as_of="2022-06-30").json()
    assert state["as_of"] == "2022-06-30"
    assert state["deadlines"][0]["due_date"] == "2021-12-31"
    by_program = {o["program"]: (o["status"], o["days"]) for o in state["obligations"]}
    assert by_program == {
        1: ("on_time", 0),
        2: ("on_time", 0),
        3: ("late", 60),
        4: ("missing", 181),
        5: ("missing", 181),
        6: ("missing", 181),
        7: ("missing", 181),
    }
    assert state["counts"] == {"on_time": 2, "late": 1, "missing": 4}
    own = api_as("baocao.btc").get(f"/plans/{PLAN}/register", as_of="2022-06-30").json()
    assert [(o["unit"], o["program"]) for o in own["obligations"]] == [(BTC, 7)]
    nobody = api_as("baocao.snn").get(f"/plans/{PLAN}/register").json()
    assert nobody["obligations"] == []


def test_work_programs_read_and_outcome_written_by_the_office(
    api_as: Any, demo: dict[str, Any]
) -> None:
    call_command(
        "workprogram", "load", str(SAMPLE), "--plan", PLAN, "--year", "2022", stdout=io.StringIO()
    )
    office = api_as("theodoi")
    years = office.get(f"/plans/{PLAN}/work-programs").json()
    assert [(y["year"], y["item_count"]) for y in years] == [(2022, 17)]
    year = office.get(f"/plans/{PLAN}/work-programs/2022", as_of="2022-04-15").json()
    assert [i["number"] for i in year["items"] if i["late"]] == [1, 2, 3, 4, 5]
    for_program_4 = office.get(f"/plans/{PLAN}/work-programs/2022", program=4).json()
    assert [i["number"] for i in for_program_4["items"]] == [1, 5, 8, 9, 11, 15]
    assert api_as("baocao.btc").get(f"/plans/{PLAN}/work-programs").status_code == 403
    assert office.get(f"/plans/{PLAN}/work-programs/2023").status_code == 404

    doc = office.post(
        DOCS, _body(unit=BCSD, number="15-ĐA/TU", date="2022-02-10", programs=[1])
    ).json()
    url = f"/plans/{PLAN}/work-programs/2022/items/2/outcome"
    assert (
        api_as("lanhdao").put(url, {"outcome": "issued", "document": doc["id"]}).status_code == 403
    )
    missing = office.put(url, {"outcome": "postponed", "reason": ""})
    assert missing.status_code == 422
    assert missing.json()["error"]["details"][0]["field"] == "reason"
    done = office.put(url, {"outcome": "issued", "document": doc["id"]})
    assert done.status_code == 200, done.content
    item = done.json()
    assert (item["outcome"]["code"], item["document"]["number"], item["late"]) == (
        "issued",
        "15-ĐA/TU",
        False,
    )
