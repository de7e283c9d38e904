"""The register pages: the office sees per lead body and program what is on time, late or missing
(with days overdue); a unit's reporter sees and records its own; the form refuses bad input and
keeps what was typed; the query count does not grow with the number of documents."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tiendo.org.models import OrgUnit
from tiendo.plans.models import ImplementingDocument, Program, Target
from tiendo.plans.services import DocumentInput, implementing_document_record

pytestmark = pytest.mark.django_db

BCSD = "ban-can-su-dang-uy-ban-nhan-dan-tinh"
BTC = "ban-to-chuc-tinh-uy"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def people(builtin_plan: Any) -> dict[str, Any]:
    from tiendo.ops.demo_accounts import demo_set_ensure

    demo_set_ensure()
    return {"plan": builtin_plan, **{u.username: u for u in get_user_model().objects.all()}}


def _url(people: dict[str, Any], name: str = "web:register", *args: Any) -> str:
    return reverse(name, args=[people["plan"].code, *args])


def _record(
    people: dict[str, Any], unit: str, number: str, date: dt.date, programs: list[int]
) -> Any:
    plan = people["plan"]
    return implementing_document_record(
        actor=people["theodoi"],
        plan=plan,
        data=DocumentInput(
            unit=OrgUnit.objects.get(code=unit),
            kind="plan",
            number=number,
            date=date,
            title=f"Kế hoạch {number}",
            programs=list(Program.objects.filter(plan=plan, number__in=programs)),
        ),
        today=dt.date(2026, 11, 1),
    )


def test_the_office_sees_on_time_late_and_missing_per_lead_body_and_program(
    client: Any, people: dict[str, Any]
) -> None:
    _record(people, BCSD, "2399/KH-UBND", dt.date(2021, 11, 26), [1, 2])
    _record(people, BCSD, "45/KH-UBND", dt.date(2022, 3, 1), [3])
    client.force_login(people["theodoi"])
    page = client.get(_url(people) + "?as_of=2022-06-30")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Thời hạn 31/12/2021" in body
    matrix = body.split('class="register-matrix"')[1].split("</table>")[0]
    assert matrix.count("Đúng hạn") == 2
    assert "Muộn 60 ngày" in matrix
    assert matrix.count("Chưa ban hành") == 4 + 1  # four cells and the footer row
    assert "quá hạn 181 ngày" in matrix
    missing = body.split('id="missing"')[1].split("</ul>")[0]
    assert "Ban cán sự đảng Ủy ban nhân dân tỉnh" in missing and "Ban Tổ chức Tỉnh ủy" in missing
    assert f"?unit={BTC}&amp;program=7" in missing
    assert "2399/KH-UBND" in body.split('id="documents"')[1]


def test_a_reporter_sees_and_records_only_their_own_units_documents(
    client: Any, people: dict[str, Any]
) -> None:
    _record(people, BCSD, "2399/KH-UBND", dt.date(2021, 11, 26), [1])
    client.force_login(people["baocao.btc"])
    body = client.get(_url(people) + "?as_of=2022-01-10").content.decode()
    assert "Văn bản đơn vị phải ban hành" in body
    assert "Ban Tổ chức" in body and "2399/KH-UBND" not in body
    assert "BCSĐ UBND tỉnh" not in body.split('class="register-matrix"')[1].split("</table>")[0]
    program7 = Program.objects.get(plan=people["plan"], number=7)
    target = Target.objects.get(plan=people["plan"], code="7.1")
    # The unit field is fixed to the reporter's unit, whatever is posted.
    response = client.post(
        _url(people, "web:register_record"),
        {
            "unit": OrgUnit.objects.get(code=BCSD).pk,
            "kind": "directive",
            "number": "08-CT/TU",
            "date": "2021-12-20",
            "title": "Chỉ thị về công tác phát triển đảng viên",
            "programs": [program7.pk],
            "targets": [target.pk],
            "file": SimpleUploadedFile("chi-thi.pdf", PDF),
        },
    )
    assert response.status_code == 302
    doc = ImplementingDocument.objects.get(number="08-CT/TU")
    assert doc.issuing_unit.code == BTC and doc.file_kind == "pdf"
    assert list(doc.targets.all()) == [target]
    body = client.get(_url(people) + "?as_of=2022-01-10").content.decode()
    assert "Đúng hạn" in body and "08-CT/TU" in body
    # The file is there for the unit and for the office; another unit's reporter gets a 404.
    file_url = _url(people, "web:register_file", doc.pk)
    assert client.get(file_url).status_code == 200
    client.force_login(people["baocao.snn"])
    assert client.get(file_url).status_code == 404
    assert client.get(_url(people, "web:register_edit", doc.pk)).status_code == 404


def test_a_bad_entry_is_refused_and_what_was_typed_stays(
    client: Any, people: dict[str, Any]
) -> None:
    client.force_login(people["theodoi"])
    program1 = Program.objects.get(plan=people["plan"], number=1)
    response = client.post(
        _url(people, "web:register_record"),
        {
            "unit": OrgUnit.objects.get(code=BCSD).pk,
            "kind": "plan",
            "number": "12/KH-UBND",
            "date": "2031-01-01",
            "title": "Kế hoạch thực hiện chương trình",
            "programs": [program1.pk],
            "file": SimpleUploadedFile("ke-hoach.pdf", b"PK\x03\x04 not a pdf"),
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "còn ở tương lai" in body
    assert 'value="12/KH-UBND"' in body
    assert f'value="{program1.pk}" id="p{program1.pk}" checked' in body
    assert not ImplementingDocument.objects.exists()


def test_leaders_read_but_cannot_record_and_accounts_without_a_role_are_refused(
    client: Any, people: dict[str, Any], django_user_model: Any
) -> None:
    client.force_login(people["lanhdao"])
    body = client.get(_url(people)).content.decode()
    assert "Sổ văn bản triển khai" in body
    assert _url(people, "web:register_record") not in body
    assert client.get(_url(people, "web:register_record")).status_code == 403
    nobody = django_user_model.objects.create_user(username="khach", password="mat-khau-dai-1")
    client.force_login(nobody)
    assert client.get(_url(people)).status_code == 403


def test_the_office_edits_and_removes_an_entry(client: Any, people: dict[str, Any]) -> None:
    doc = _record(people, BCSD, "2399/KH-UBND", dt.date(2021, 11, 26), [1])
    client.force_login(people["theodoi"])
    edit = _url(people, "web:register_edit", doc.pk)
    page = client.get(edit).content.decode()
    assert 'value="2399/KH-UBND"' in page and 'value="26/11/2021"' in page
    response = client.post(
        edit,
        {
            "unit": doc.issuing_unit_id,
            "kind": "plan",
            "number": "2399/KH-UBND",
            "date": "2021-11-26",
            "title": "Kế hoạch thực hiện Chương trình hành động số 23-CTr/TU",
            "programs": [
                p.pk for p in Program.objects.filter(plan=people["plan"], number__in=[1, 2])
            ],
        },
    )
    assert response.status_code == 302
    doc.refresh_from_db()
    assert sorted(p.number for p in doc.programs.all()) == [1, 2]
    response = client.post(_url(people, "web:register_delete", doc.pk))
    assert response.status_code == 302
    assert not ImplementingDocument.objects.exists()


def test_the_plan_page_and_the_navigation_lead_to_the_register(
    client: Any, people: dict[str, Any]
) -> None:
    client.force_login(people["theodoi"])
    body = client.get(reverse("web:plan_detail", args=[people["plan"].code])).content.decode()
    assert _url(people) in body
    assert reverse("web:register_home") in body.split("</nav>")[0]
    assert client.get(reverse("web:register_home")).url == _url(people)


@pytest.mark.parametrize("documents", [1, 12])
def test_the_register_page_query_count_does_not_grow_with_documents(
    client: Any, people: dict[str, Any], django_assert_num_queries: Any, documents: int
) -> None:
    for n in range(documents):
        _record(people, BCSD if n % 2 else BTC, f"{n + 1}/KH", dt.date(2021, 10, 1), [1 + n % 7])
    client.force_login(people["theodoi"])
    # session, user with profile (navigation), plan, deadlines and their units, programs,
    # documents with their units, programs, targets and tasks, lead assignments, units
    with django_assert_num_queries(12):
        response = client.get(_url(people) + "?as_of=2022-06-30")
    assert response.status_code == 200
