"""Issue 13, item 4: an Office file (.docx, .xlsx) is opened only after its zip was checked —
members unpacking to at most TIENDO_ZIP_MAX_BYTES in total, at most TIENDO_ZIP_MAX_MEMBERS
members — and imports are refused above TIENDO_IMPORT_MAX_BYTES before they are read. A refused
file gets a Vietnamese message and changes nothing. (The API's 413 for a body over Django's
limit is tested in tests/api/test_errors.py.)"""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from tiendo.core.archives import ArchiveRefused, zip_check
from tiendo.importer.models import ImportedDocument
from tiendo.importer.readers import DocumentRefused, read_document
from tiendo.plans.models import Plan
from tiendo.reporting.models import Submission

SNN = "so-nong-nghiep-va-phat-trien-nong-thon"
MB = 1024 * 1024


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _bomb(part: str) -> bytes:
    """A small Office-looking zip whose one big part unpacks to 60 MB of spaces."""
    return _zip(
        {
            "[Content_Types].xml": b"<Types/>",
            part: b"<?xml version='1.0'?>" + b" " * (60 * MB),
        }
    )


def _many(prefix: str, n: int) -> bytes:
    return _zip(
        {"[Content_Types].xml": b"<Types/>", **{f"{prefix}{i}.xml": b"x" for i in range(n)}}
    )


@pytest.fixture(scope="module")
def docx_bomb() -> bytes:
    return _bomb("word/document.xml")


def test_the_zip_check_reads_declared_sizes_only(docx_bomb: bytes) -> None:
    assert len(docx_bomb) < MB  # small on the wire …
    with pytest.raises(ArchiveRefused, match="50 MB"):  # … too big unpacked
        zip_check(docx_bomb, max_bytes=50 * MB, max_members=2000)
    with pytest.raises(ArchiveRefused, match=r"2\.001 thành phần, quá giới hạn 2\.000"):
        zip_check(_many("word/p", 2000), max_bytes=50 * MB, max_members=2000)
    zip_check(_many("word/p", 1999), max_bytes=50 * MB, max_members=2000)
    with pytest.raises(ArchiveRefused, match="không mở được"):
        zip_check(b"PK\x03\x04 not really a zip", max_bytes=50 * MB, max_members=2000)


def test_a_docx_bomb_is_refused_before_it_is_opened(
    docx_bomb: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    import docx

    def never(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("python-docx opened a zip bomb")

    monkeypatch.setattr(docx, "Document", never)
    with pytest.raises(DocumentRefused) as refused:
        read_document(data=docx_bomb, filename="chuong-trinh.docx")
    assert "vượt quá 50 MB" in refused.value.message_vi


@pytest.mark.django_db
def test_importing_a_docx_bomb_on_the_page_shows_why_and_saves_nothing(
    people: dict[str, Any], docx_bomb: bytes
) -> None:
    client = Client()
    client.force_login(people["theodoi"])
    plans = Plan.objects.count()
    upload = io.BytesIO(docx_bomb)
    upload.name = "chuong-trinh.docx"
    answer = client.post(reverse("importer:upload"), {"file": upload, "code": ""})
    assert answer.status_code == 200
    assert "vượt quá 50 MB" in answer.content.decode()
    assert Plan.objects.count() == plans and not ImportedDocument.objects.exists()


@pytest.mark.django_db
def test_an_import_over_the_size_cap_is_refused_on_the_page_and_in_the_command(
    people: dict[str, Any], settings: Any, tmp_path: Any
) -> None:
    settings.TIENDO_IMPORT_MAX_BYTES = 1 * MB
    text = "CHƯƠNG TRÌNH HÀNH ĐỘNG\n".encode() + b"a" * int(1.2 * MB)
    client = Client()
    client.force_login(people["theodoi"])
    plans = Plan.objects.count()
    upload = io.BytesIO(text)
    upload.name = "chuong-trinh.txt"
    answer = client.post(reverse("importer:upload"), {"file": upload, "code": ""})
    assert "Tệp quá lớn (1,2 MB; tối đa 1 MB)" in answer.content.decode()
    path = tmp_path / "chuong-trinh.txt"
    path.write_bytes(text)
    with pytest.raises(CommandError, match="Tệp quá lớn"):
        call_command("import", str(path))
    assert Plan.objects.count() == plans


@pytest.mark.django_db
def test_an_xlsx_bomb_or_an_oversized_workbook_is_refused_and_the_draft_kept(
    people: dict[str, Any], rnd: Any, settings: Any
) -> None:
    submission = Submission.objects.get(round=rnd, unit__code=SNN)
    version = submission.version
    client = Client()
    client.force_login(people["baocao.snn"])
    url = reverse("exports:entry_upload", args=[submission.pk])

    def post(data: bytes) -> str:
        upload = io.BytesIO(data)
        upload.name = "mau-nhap-lieu.xlsx"
        answer = client.post(url, {"file": upload})
        assert answer.status_code == 422
        return answer.content.decode()

    assert "vượt quá 50 MB" in post(_bomb("xl/worksheets/sheet1.xml"))
    assert "quá giới hạn 2.000" in post(_many("xl/worksheets/s", 2500))
    settings.TIENDO_IMPORT_MAX_BYTES = 1 * MB
    assert "Tệp quá lớn (1,2 MB; tối đa 1 MB)" in post(b"PK" + b"x" * int(1.2 * MB))
    submission.refresh_from_db()
    assert submission.version == version


# --- Issue 13, item 9: a long evidence file name keeps its extension --------------------------


@pytest.mark.django_db
def test_a_long_evidence_file_name_keeps_its_extension(people: dict[str, Any], rnd: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tiendo.reporting.models import Evidence

    submission = Submission.objects.get(round=rnd, unit__code=SNN)
    long_name = "Báo cáo kết quả thực hiện " * 12 + "\u202egpj.pdf"  # 300+ characters
    client = Client()
    client.force_login(people["baocao.snn"])
    answer = client.post(
        reverse("reporting:evidence_upload", args=[submission.pk]),
        {
            "file": SimpleUploadedFile(
                long_name, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
            )
        },
    )
    assert answer.status_code == 302, answer.content.decode()[:2000]
    evidence = Evidence.objects.get(submission=submission)
    assert len(evidence.name) <= 200 and evidence.name.endswith(".pdf")
    assert evidence.name.startswith("Báo cáo kết quả thực hiện") and "\u202e" not in evidence.name
    download = client.get(reverse("reporting:evidence_download", args=[submission.pk, evidence.pk]))
    assert download.status_code == 200
    assert ".pdf" in download["Content-Disposition"]
    assert evidence.file.name.endswith(".pdf")
