"""Issue 13, item 8: the database, backups and uploaded files are readable by the service user
(and its group) only, and a backup is authenticated: an archive edited by someone without the
backup key is refused even when its checksums were recomputed; another machine restores it with
the key file the operator brings along."""

from __future__ import annotations

import hashlib
import io
import json
import stat
import tarfile
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from tiendo.ops.services import BackupError, backup_create, backup_extract, backup_key

pytestmark = pytest.mark.django_db
SNN = "so-nong-nghiep-va-phat-trien-nong-thon"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _members(path: Path) -> dict[str, bytes]:
    with tarfile.open(path) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}  # type: ignore[union-attr]


def _repack(members: dict[str, bytes], target: Path) -> Path:
    with tarfile.open(target, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return target


def test_backups_and_their_key_are_private(people: dict[str, Any], tmp_path: Path) -> None:
    archive = backup_create(output=tmp_path / "sao-luu" / "a.tar.gz").path
    assert _mode(archive) == 0o600
    assert _mode(archive.parent) == 0o700
    assert _mode(Path(settings.DATA_HOME) / "backup_key") == 0o600
    assert "manifest.hmac" in _members(archive)


def test_an_edited_archive_with_recomputed_checksums_is_refused(
    people: dict[str, Any], tmp_path: Path
) -> None:
    archive = backup_create(output=tmp_path / "a.tar.gz").path
    members = _members(archive)
    name = next(k for k in members if k.startswith("data/org."))
    members[name] = members[name] + b"\n"  # any change: a row added, a role raised …
    manifest = json.loads(members["manifest.json"])
    for entry in manifest["files"]:  # the attacker recomputes every checksum
        if entry["path"] == name:
            entry["sha256"] = hashlib.sha256(members[name]).hexdigest()
            entry["size"] = len(members[name])
    members["manifest.json"] = json.dumps(manifest).encode()
    edited = _repack(members, tmp_path / "b.tar.gz")
    with pytest.raises(BackupError, match="Chữ ký của tệp sao lưu không khớp"):
        backup_extract(archive=edited, into=tmp_path / "x")
    del members["manifest.hmac"]
    unsigned = _repack(members, tmp_path / "c.tar.gz")
    with pytest.raises(BackupError, match="không có chữ ký"):
        backup_extract(archive=unsigned, into=tmp_path / "y")


def test_another_machine_needs_the_key_file(people: dict[str, Any], tmp_path: Path) -> None:
    archive = backup_create(output=tmp_path / "a.tar.gz").path
    other_key = tmp_path / "other_key"
    backup_key(path=other_key, create=True)
    with pytest.raises(BackupError, match="không khớp"):
        backup_extract(archive=archive, into=tmp_path / "x", key=backup_key(path=other_key))
    brought = tmp_path / "mang-theo.key"
    brought.write_bytes((Path(settings.DATA_HOME) / "backup_key").read_bytes())
    manifest = backup_extract(archive=archive, into=tmp_path / "y", key=backup_key(path=brought))
    assert manifest["format"] == "tiendo.backup/1"
    with pytest.raises(BackupError, match="--key-file"):
        backup_key(path=tmp_path / "khong-co")


def test_the_database_and_uploads_are_not_world_readable(
    people: dict[str, Any], rnd: Any, settings: Any, tmp_path: Path
) -> None:
    from tiendo.reporting.services import evidence_add

    settings.MEDIA_ROOT = tmp_path / "media"
    sub = rnd.submissions.get(unit__code=SNN)
    evidence = evidence_add(
        actor=people["baocao.snn"],
        submission=sub,
        upload=SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"),
    )
    path = Path(evidence.file.path)
    assert _mode(path) & 0o007 == 0, oct(_mode(path))
    assert _mode(path.parent) & 0o007 == 0, oct(_mode(path.parent))
    database = Path(connection.settings_dict["NAME"])
    if database.is_file():
        assert _mode(database) & 0o007 == 0, oct(_mode(database))
