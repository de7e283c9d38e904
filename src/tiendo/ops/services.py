"""Backups and restores.

A backup is one `.tar.gz` archive:

- `manifest.json`: format, time, tiendo and Django versions, database engine, the applied
  migrations, the row count of every table, and the size and SHA-256 of every other member;
- `data/<app>.<model>.jsonl`: every table (auto-created many-to-many tables too), one JSON line
  per row in primary-key order, after a first line naming the columns;
- `media/...`: the uploaded files (evidence) of MEDIA_ROOT.

Why rows as JSON and not `pg_dump` or SQLite's backup API: one format for both databases (an
office that outgrows SQLite restores its SQLite backup into PostgreSQL), no external binary
whose version must match the server, a content checksum per table that is the same whatever
engine wrote it, and a file an IT person can inspect. Consistency while the app runs: all
tables are read inside one read transaction — REPEATABLE READ, READ ONLY on PostgreSQL (one
snapshot), a deferred `BEGIN` on SQLite in WAL mode (a reader sees one snapshot and does not
block writers). Sessions are left out (they are tied to the secret key; people log in again).

Restore checks the whole archive before it touches anything: every member listed with the
right size and checksum, nothing extra, the same migrations as this code, an empty target
(no rows in the application tables, no uploaded files). Then it migrates, loads every table in
one transaction (foreign keys are checked at commit), resets the id sequences and moves the
files into MEDIA_ROOT. Every refusal raises BackupError with the reason in Vietnamese.

Authenticity (issue 13, item 8): checksums alone only catch accidents — whoever edits an archive
can recompute them. `manifest.hmac` holds an HMAC-SHA256 of `manifest.json` under the backup key,
a random key created once in the data folder (`backup_key`, mode 0600, or the file named by
TIENDO_BACKUP_KEY_FILE). Restore checks it before reading anything else, so an archive edited
without the key is refused. To restore on another machine, the operator brings the key file
along (`tiendo restore --key-file …`). The archive and the backups folder are readable by the
service user only (0600 / 0700).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import io
import json
import os
import secrets
import shutil
import tarfile
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

import django
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connections, models, transaction
from django.utils import timezone

import tiendo

from .selectors import migrations_applied, migrations_on_disk

FORMAT = "tiendo.backup/1"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.hmac"
EXCLUDED_MODELS = {"sessions.session"}
CHUNK = 2000


class BackupError(Exception):
    """A backup or restore refused; the message says why, in Vietnamese."""


@dataclass
class BackupResult:
    path: Path
    tables: int
    rows: int
    files: int
    bytes: int
    missing_files: list[str] = field(default_factory=list)


@dataclass
class RestoreResult:
    tables: int
    rows: int
    files: int
    created_at: str


def _models() -> list[type[models.Model]]:
    """Every concrete table, in a stable order (auto-created many-to-many tables included)."""
    found = [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed
        and not m._meta.proxy
        and m._meta.label_lower not in EXCLUDED_MODELS
        and m._meta.concrete_model is m
    ]
    return sorted(found, key=lambda m: m._meta.label_lower)


def _columns(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [f for f in model._meta.concrete_fields]


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    raise TypeError(f"cannot write {type(value).__name__} to a backup")


def _line(value: Any) -> bytes:
    return (
        json.dumps(
            value, default=_json_default, ensure_ascii=False, sort_keys=True, separators=(",", ":")
        )
        + "\n"
    ).encode("utf-8")


def _sha256_file(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


@contextmanager
def _snapshot(using: str) -> Iterator[None]:
    """One consistent read of the whole database while the app keeps writing."""
    connection = connections[using]
    if connection.in_atomic_block:  # already inside a transaction (tests, callers): read there
        yield
        return
    if connection.vendor == "sqlite":
        # Django's SQLite connections start transactions with BEGIN IMMEDIATE (the write lock);
        # a backup only reads, so it takes a deferred read transaction: a snapshot in WAL mode.
        mode = getattr(connection, "transaction_mode", None)
        connection.transaction_mode = "DEFERRED"  # type: ignore[attr-defined]
        try:
            with transaction.atomic(using=using):
                yield
        finally:
            connection.transaction_mode = mode  # type: ignore[attr-defined]
        return
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def _table_write(model: type[models.Model], out: BinaryIO, using: str) -> int:
    columns = _columns(model)
    out.write(_line({"model": model._meta.label_lower, "columns": [f.attname for f in columns]}))
    rows = 0
    queryset = (
        model._base_manager.using(using).order_by("pk").values_list(*[f.attname for f in columns])
    )
    for row in queryset.iterator(chunk_size=CHUNK):
        out.write(_line(list(row)))
        rows += 1
    return rows


def _media_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def backup_key_path() -> Path:
    return Path(
        getattr(settings, "TIENDO_BACKUP_KEY_FILE", None) or (settings.DATA_HOME / "backup_key")
    )


def backup_key(*, path: Path | None = None, create: bool = False) -> bytes:
    """The key that authenticates backups. Created (random, mode 0600) when `create` and missing;
    BackupError when it is needed and missing."""
    path = Path(path or backup_key_path())
    if not path.exists() and create:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
    try:
        key = path.read_text("ascii").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise BackupError(
            f"Không đọc được khóa sao lưu {path}. Khi khôi phục trên máy khác, hãy mang theo tệp "
            "khóa của máy đã sao lưu (tiendo restore --key-file <tệp khóa>)."
        ) from exc
    if len(key) < 32:
        raise BackupError(f"Khóa sao lưu {path} không hợp lệ (quá ngắn).")
    return key.encode("ascii")


def backup_sign(manifest: bytes, *, key: bytes) -> str:
    """The HMAC-SHA256 (hex) of a manifest under the backup key."""
    return hmac.new(key, manifest, hashlib.sha256).hexdigest()


def backup_default_path() -> Path:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return Path(settings.DATA_HOME) / "backups" / f"tiendo-{stamp}.tar.gz"


def backup_create(*, output: Path | None = None, using: str = "default") -> BackupResult:
    """Write one consistent archive of the database and the uploaded files (see module doc)."""
    output = Path(output or backup_default_path())
    if not output.parent.exists():
        output.parent.mkdir(parents=True, mode=0o700)
    key = backup_key(create=True)
    connection = connections[using]
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix=".backup-", dir=output.parent) as tmp:
        staging = Path(tmp)
        (staging / "data").mkdir()
        counts: dict[str, int] = {}
        with _snapshot(using):
            applied = migrations_applied(using=using)
            for model in _models():
                label = model._meta.label_lower
                with (staging / "data" / f"{label}.jsonl").open("wb") as handle:
                    counts[label] = _table_write(model, handle, using)
            referenced: set[str] = set()
            for model in _models():
                for f in _columns(model):
                    if isinstance(f, models.FileField):
                        names = model._base_manager.using(using).values_list(f.attname, flat=True)
                        referenced.update(n for n in names if n)
        media = _media_files(media_root)
        present = {p.relative_to(media_root).as_posix() for p in media}
        members: list[tuple[str, Path]] = [
            (f"data/{p.name}", p) for p in sorted((staging / "data").iterdir())
        ]
        members += [(f"media/{p.relative_to(media_root).as_posix()}", p) for p in media]
        files = []
        for name, path in members:
            sha, size = _sha256_file(path)
            files.append({"path": name, "size": size, "sha256": sha})
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "tiendo_version": tiendo.__version__,
            "django_version": django.get_version(),
            "database": connection.vendor,
            "migrations": sorted(f"{a}.{n}" for a, n in applied),
            "counts": counts,
            "files": files,
            "missing_files": sorted(referenced - present),
        }
        partial = output.with_name(output.name + ".part")
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
        os.chmod(partial, 0o600)
        with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
            signature = backup_sign(data, key=key).encode("ascii")
            for member, content in ((MANIFEST, data), (SIGNATURE, signature)):
                info = tarfile.TarInfo(member)
                info.size = len(content)
                info.mtime = int(timezone.now().timestamp())
                archive.addfile(info, io.BytesIO(content))
            for name, path in members:
                archive.add(path, arcname=name, recursive=False)
        with partial.open("rb") as handle:
            os.fsync(handle.fileno())
        partial.replace(output)
    return BackupResult(
        path=output,
        tables=len(counts),
        rows=sum(counts.values()),
        files=len(media),
        bytes=output.stat().st_size,
        missing_files=manifest["missing_files"],  # type: ignore[arg-type]
    )


# --- Verification -----------------------------------------------------------------------------


def _safe_name(name: str) -> bool:
    parts = Path(name).parts
    return bool(parts) and not Path(name).is_absolute() and ".." not in parts


def backup_extract(*, archive: Path, into: Path, key: bytes | None = None) -> dict[str, Any]:
    """Extract and verify an archive into `into`; return its manifest. Raises BackupError when
    the archive is unreadable, not signed with the backup key (`key`, by default this data
    folder's), a member is missing, extra or altered, or the format is unknown."""
    if not archive.is_file():
        raise BackupError(f"Không tìm thấy tệp sao lưu {archive}.")
    try:
        with tarfile.open(archive, "r:*") as tar:
            names = []
            for member in tar:
                if not (member.isfile() or member.isdir()) or not _safe_name(member.name):
                    raise BackupError(
                        f"Tệp sao lưu chứa mục không hợp lệ: “{member.name}”; không khôi phục."
                    )
                names.append(member.name)
                tar.extract(member, into, filter="data")
    except BackupError:
        raise
    except (tarfile.TarError, EOFError, OSError, ValueError) as exc:
        raise BackupError(
            f"Tệp sao lưu bị hỏng hoặc không phải tệp sao lưu của tiendo ({exc.__class__.__name__}: {exc})."
        ) from exc
    manifest_path = into / MANIFEST
    if not manifest_path.is_file():
        raise BackupError("Tệp sao lưu thiếu bản kê (manifest.json); không khôi phục.")
    signature_path = into / SIGNATURE
    if not signature_path.is_file():
        raise BackupError(
            "Tệp sao lưu không có chữ ký (manifest.hmac): không rõ nguồn gốc; không khôi phục."
        )
    expected = backup_sign(manifest_path.read_bytes(), key=key or backup_key())
    if not hmac.compare_digest(signature_path.read_bytes().strip(), expected.encode("ascii")):
        raise BackupError(
            "Chữ ký của tệp sao lưu không khớp với khóa sao lưu: tệp đã bị sửa, hoặc được tạo ở "
            "máy khác (khi đó hãy dùng --key-file với tệp khóa của máy đó); không khôi phục."
        )
    try:
        manifest: dict[str, Any] = json.loads(manifest_path.read_text("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise BackupError("Bản kê (manifest.json) của tệp sao lưu bị hỏng.") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(
            f"Tệp sao lưu có định dạng “{manifest.get('format') if isinstance(manifest, dict) else '?'}”, "
            f"không phải {FORMAT}."
        )
    listed = {f["path"]: f for f in manifest.get("files", [])}
    for name, entry in sorted(listed.items()):
        path = into / name
        if not _safe_name(name) or not path.is_file():
            raise BackupError(f"Tệp sao lưu thiếu tệp “{name}” có trong bản kê; không khôi phục.")
        sha, size = _sha256_file(path)
        if size != entry["size"] or sha != entry["sha256"]:
            raise BackupError(
                f"Tệp “{name}” trong bản sao lưu sai mã kiểm tra SHA-256 (dữ liệu đã bị thay đổi "
                "hoặc hỏng); không khôi phục."
            )
    extra = sorted(
        n
        for n in names
        if n not in (MANIFEST, SIGNATURE) and n not in listed and not (into / n).is_dir()
    )
    if extra:
        raise BackupError(
            f"Tệp sao lưu chứa tệp không có trong bản kê: “{extra[0]}”; không khôi phục."
        )
    for label in manifest.get("counts", {}):
        if f"data/{label}.jsonl" not in listed:
            raise BackupError(f"Tệp sao lưu thiếu dữ liệu của bảng {label}; không khôi phục.")
    return manifest


def _migration_check(manifest: dict[str, Any]) -> None:
    archived = set(manifest.get("migrations", []))
    code = {f"{a}.{n}" for a, n in migrations_on_disk()}
    newer = sorted(archived - code)
    older = sorted(code - archived)
    if newer:
        raise BackupError(
            "Bản sao lưu được tạo bởi phiên bản tiendo mới hơn (có migration "
            f"{newer[0]} mà phiên bản này không có). Hãy cài đúng phiên bản "
            f"{manifest.get('tiendo_version', '?')} hoặc mới hơn rồi khôi phục."
        )
    if older:
        raise BackupError(
            "Cấu trúc dữ liệu của bản sao lưu khác phiên bản tiendo này (thiếu migration "
            f"{older[0]}). Hãy khôi phục bằng phiên bản {manifest.get('tiendo_version', '?')} "
            "rồi nâng cấp."
        )
    tables = {m._meta.label_lower for m in _models()}
    unknown = sorted(set(manifest.get("counts", {})) - tables)
    if unknown:
        raise BackupError(f"Bản sao lưu có bảng {unknown[0]} mà phiên bản này không có.")


def _target_check(using: str) -> None:
    connection = connections[using]
    existing = set(connection.introspection.table_names())
    for model in _models():
        if model._meta.app_label in {"contenttypes", "auth"} and model._meta.model_name in {
            "contenttype",
            "permission",
        }:
            continue
        if model._meta.db_table in existing and model._base_manager.using(using).exists():
            raise BackupError(
                "Cơ sở dữ liệu đích đã có dữ liệu (bảng "
                f"{model._meta.db_table}); chỉ khôi phục vào cơ sở dữ liệu trống. Hãy tạo cơ sở "
                "dữ liệu mới (hoặc thư mục dữ liệu TIENDO_HOME mới) rồi chạy lại."
            )
    media = _media_files(Path(settings.MEDIA_ROOT))
    if media:
        raise BackupError(
            f"Thư mục tệp tải lên {settings.MEDIA_ROOT} đã có tệp; chỉ khôi phục vào thư mục "
            "dữ liệu trống."
        )


def _rows(path: Path) -> Iterator[tuple[str, list[str], list[Any]]]:
    with path.open("rb") as handle:
        header = json.loads(handle.readline())
        for raw in handle:
            yield header["model"], header["columns"], json.loads(raw)


def _table_load(model: type[models.Model], path: Path, using: str) -> int:
    connection = connections[using]
    fields = {f.attname: f for f in _columns(model)}
    with path.open("rb") as handle:
        header = json.loads(handle.readline())
        columns = header["columns"]
        if set(columns) != set(fields):
            raise BackupError(
                f"Cột của bảng {model._meta.label_lower} trong bản sao lưu khác phiên bản này."
            )
        insert_fields = [fields[c] for c in columns]
        batch_size = max(1, min(500, connection.ops.bulk_batch_size(insert_fields, [None] * 500)))
        batch: list[models.Model] = []
        count = 0
        for raw in handle:
            values = json.loads(raw)
            obj = model()
            for f, value in zip(insert_fields, values, strict=True):
                setattr(obj, f.attname, _value(f, value))
            batch.append(obj)
            if len(batch) >= batch_size:
                model._base_manager.using(using)._insert(  # type: ignore[attr-defined]
                    batch, fields=insert_fields, using=using, raw=True
                )
                count += len(batch)
                batch = []
        if batch:
            model._base_manager.using(using)._insert(  # type: ignore[attr-defined]
                batch, fields=insert_fields, using=using, raw=True
            )
            count += len(batch)
    return count


def _value(f: models.Field[Any, Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(f, models.JSONField):
        return value
    if isinstance(f, models.BinaryField):
        return bytes.fromhex(value)
    if isinstance(f, models.DateTimeField):
        return dt.datetime.fromisoformat(value)
    if isinstance(f, models.DateField):
        return dt.date.fromisoformat(value)
    if isinstance(f, models.ForeignKey):
        return f.target_field.to_python(value)
    return f.to_python(value)


def backup_restore(
    *, archive: Path, using: str = "default", key_file: Path | None = None
) -> RestoreResult:
    """Restore an archive into an empty database and data folder (see module doc); `key_file`
    is the backup key of the machine that made it, when it is not this one's."""
    home = Path(settings.DATA_HOME)
    with tempfile.TemporaryDirectory(prefix=".restore-", dir=home) as tmp:
        staging = Path(tmp)
        key = backup_key(path=key_file) if key_file else None
        manifest = backup_extract(archive=archive, into=staging, key=key)
        _migration_check(manifest)
        _target_check(using)
        call_command("migrate", interactive=False, verbosity=0, database=using)
        connection = connections[using]
        chosen = [m for m in _models() if m._meta.label_lower in manifest["counts"]]
        total = 0
        with transaction.atomic(using=using):
            with connection.cursor() as cursor:
                # Rows that migrate itself created (content types, permissions) come back with
                # the archive's ids; foreign keys are checked at commit.
                for model in reversed(chosen):
                    cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")
            for model in chosen:
                label = model._meta.label_lower
                loaded = _table_load(model, staging / "data" / f"{label}.jsonl", using)
                if loaded != manifest["counts"][label]:
                    raise BackupError(
                        f"Bảng {label}: đọc được {loaded} dòng, bản kê ghi {manifest['counts'][label]}."
                    )
                total += loaded
            statements = connection.ops.sequence_reset_sql(no_style(), chosen)
            if statements:
                with connection.cursor() as cursor:
                    for sql in statements:
                        cursor.execute(sql)
            connection.check_constraints()
        ContentType.objects.clear_cache()
        media_root = Path(settings.MEDIA_ROOT)
        media_dir = staging / "media"
        moved = 0
        if media_dir.is_dir():
            for path in sorted(p for p in media_dir.rglob("*") if p.is_file()):
                target = media_root / path.relative_to(media_dir)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(str(path), target)
                moved += 1
    return RestoreResult(
        tables=len(chosen), rows=total, files=moved, created_at=str(manifest.get("created_at"))
    )
