"""`tiendo backup` / `tiendo restore`: a round trip gives back every figure, file and audit
entry identical; a corrupt or mismatched archive, or a non-empty target, is refused with the
reason in Vietnamese."""

from __future__ import annotations

import io
import json
import sqlite3
import tarfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.reporting.conftest import PDF_BYTES, PNG_BYTES, SNN, SVH, sub_of
from tiendo.audit.models import AuditEntry
from tiendo.indicators.models import Figure
from tiendo.ops.services import (
    BackupError,
    backup_create,
    backup_extract,
    backup_key,
    backup_restore,
    backup_sign,
)
from tiendo.reporting.models import Evidence
from tiendo.reporting.services import (
    FigureInput,
    evidence_add,
    submission_accept,
    submission_save,
    submission_submit,
)

from .conftest import tiendo

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def reported(demo: dict[str, Any], rnd: Any, media: Path) -> dict[str, Any]:
    """Accepted figures (one a correction), evidence files and their audit entries."""
    monitor = demo["theodoi"]
    for code, username, values in (
        (SNN, "baocao.snn", ("12,5", "3")),
        (SVH, "baocao.svhttdl", ("7", "88")),
    ):
        reporter = demo[username]
        sub = sub_of(rnd, code)
        items = list(sub.figures.order_by("target__position")[:2])
        sub = submission_save(
            actor=reporter,
            submission=sub,
            version=sub.version,
            figures={
                items[0].target_id: FigureInput(value=values[0], source="Cục Thống kê"),
                items[1].target_id: FigureInput(value=values[1], note="ước tính"),
            },
        )
        evidence_add(
            actor=reporter,
            submission=sub,
            upload=SimpleUploadedFile("bao-cao.pdf", PDF_BYTES, content_type="application/pdf"),
        )
        evidence_add(
            actor=reporter,
            submission=sub,
            upload=SimpleUploadedFile("anh chup.png", PNG_BYTES, content_type="image/png"),
        )
        sub = submission_submit(actor=reporter, submission=sub, version=sub.version)
        submission_accept(actor=monitor, submission=sub, version=sub.version)
    assert Figure.objects.count() == 4 and Evidence.objects.count() == 4
    return demo


def _members(path: Path) -> dict[str, bytes]:
    with tarfile.open(path) as tar:
        return {
            m.name: tar.extractfile(m).read()  # type: ignore[union-attr]
            for m in tar.getmembers()
            if m.isfile()
        }


def _repack(source: Path, target: Path, change: Any) -> Path:
    members = _members(source)
    change(members)
    with tarfile.open(target, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return target


def test_round_trip_gives_back_every_figure_file_and_audit_entry(
    reported: dict[str, Any], media: Path, tmp_path: Path
) -> None:
    archive = backup_create(output=tmp_path / "sao-luu.tar.gz").path
    members = _members(archive)
    manifest = json.loads(members["manifest.json"])
    assert manifest["counts"]["indicators.figure"] == 4
    assert manifest["missing_files"] == []
    assert "sessions.session" not in manifest["counts"]
    evidence_files = {n for n in members if n.startswith("media/")}
    assert len(evidence_files) == 4

    # Restore into a fresh data folder (its own SQLite database), in a separate process: another
    # machine, so the operator brings the backup key along.
    home = tmp_path / "khoi-phuc"
    key = tmp_path / "khoa-sao-luu"
    key.write_bytes(backup_key())
    done = tiendo(home, "restore", str(archive), "--key-file", str(key))
    assert "Đã khôi phục" in done.stdout, done.stderr
    again = tiendo(home, "backup", "-o", str(tmp_path / "lan-hai.tar.gz"))
    assert "Đã sao lưu" in again.stdout, again.stderr
    second = _members(tmp_path / "lan-hai.tar.gz")
    data = {n: b for n, b in members.items() if n.startswith(("data/", "media/"))}
    assert data == {n: b for n, b in second.items() if n.startswith(("data/", "media/"))}

    # And read back directly: the same figures, audit entries and files.
    db = sqlite3.connect(home / "tiendo.sqlite3")
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    figures = db.execute(
        "SELECT id, indicator_id, year, value, figure_type, accepted_by_id FROM indicators_figure "
        "ORDER BY id"
    ).fetchall()
    assert [(f[0], f[1], f[2], f[4], f[5]) for f in figures] == [
        (f.pk, f.indicator_id, f.year, f.figure_type, f.accepted_by_id)
        for f in Figure.objects.order_by("pk")
    ]
    assert [float(f[3]) for f in figures] == [float(f.value) for f in Figure.objects.order_by("pk")]
    audits = db.execute(
        "SELECT id, action, object_type, object_id FROM audit_auditentry ORDER BY id"
    )
    assert list(audits) == list(
        AuditEntry.objects.order_by("pk").values_list("pk", "action", "object_type", "object_id")
    )
    for evidence in Evidence.objects.all():
        restored = home / "media" / evidence.file.name
        assert restored.read_bytes() == (media / evidence.file.name).read_bytes()


def test_restore_refuses_a_non_empty_target(reported: dict[str, Any], tmp_path: Path) -> None:
    archive = backup_create(output=tmp_path / "a.tar.gz").path
    with pytest.raises(BackupError, match="đã có dữ liệu"):
        backup_restore(archive=archive)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (
            lambda m: m.update({k: v + b"x" for k, v in m.items() if k.startswith("media/")}),
            "SHA-256",
        ),
        (
            lambda m: m.pop(next(k for k in m if k.startswith("data/indicators.figure"))),
            "thiếu tệp",
        ),
        (lambda m: m.update({"media/la.txt": b"?"}), "không có trong bản kê"),
        (lambda m: m.pop("manifest.json"), "thiếu bản kê"),
    ],
)
def test_a_corrupt_archive_is_refused_before_anything_is_written(
    reported: dict[str, Any], tmp_path: Path, change: Any, reason: str
) -> None:
    archive = backup_create(output=tmp_path / "a.tar.gz").path
    bad = _repack(archive, tmp_path / "b.tar.gz", change)
    with pytest.raises(BackupError, match=reason):
        backup_extract(archive=bad, into=tmp_path / "x")


def test_a_truncated_archive_is_refused(reported: dict[str, Any], tmp_path: Path) -> None:
    archive = backup_create(output=tmp_path / "a.tar.gz").path
    bad = tmp_path / "cut.tar.gz"
    bad.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    with pytest.raises(BackupError, match="bị hỏng"):
        backup_extract(archive=bad, into=tmp_path / "x")


@pytest.mark.parametrize(
    ("migrations", "reason"),
    [
        (lambda ms: [*ms, "reporting.9999_tuong_lai"], "mới hơn"),
        (lambda ms: [m for m in ms if m != "reporting.0003_reminder_for_date"], "khác phiên bản"),
    ],
)
def test_an_archive_of_another_schema_is_refused(
    reported: dict[str, Any], tmp_path: Path, migrations: Any, reason: str
) -> None:
    archive = backup_create(output=tmp_path / "a.tar.gz").path

    def change(members: dict[str, bytes]) -> None:  # by the operator, who has the key
        manifest = json.loads(members["manifest.json"])
        manifest["migrations"] = migrations(manifest["migrations"])
        members["manifest.json"] = json.dumps(manifest).encode()
        members["manifest.hmac"] = backup_sign(members["manifest.json"], key=backup_key()).encode()

    bad = _repack(archive, tmp_path / "b.tar.gz", change)
    with pytest.raises(BackupError, match=reason):
        backup_restore(archive=bad)
    assert Figure.objects.count() == 4


def test_restore_command_says_why_in_vietnamese(tmp_path: Path) -> None:
    bad = tmp_path / "khong-phai.tar.gz"
    bad.write_bytes(b"not an archive")
    result = tiendo(tmp_path / "home", "restore", str(bad), check=False)
    assert result.returncode == 2
    assert "Không khôi phục: Tệp sao lưu bị hỏng" in result.stderr
