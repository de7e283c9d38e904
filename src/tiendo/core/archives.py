"""Office files (.docx, .xlsx) are zip archives: check one before any library opens it.

A 1 MB .docx can unpack to gigabytes (a "zip bomb") and take a worker's memory with it.
`zip_check` reads only the archive's central directory (names and declared sizes, a few bytes
per member) and refuses, with a Vietnamese message saying what to do, an archive with too many
members or whose members unpack to more than the limit in total; a member that declares a
compression ratio no real Office part reaches is refused too, since its declared size cannot be
trusted. Pure Python (no Django): the limits are passed in (settings `TIENDO_ZIP_MAX_BYTES`,
`TIENDO_ZIP_MAX_MEMBERS`).
"""

from __future__ import annotations

import io
import zipfile
from typing import IO

__all__ = ["MAX_RATIO", "ArchiveRefused", "megabytes", "zip_check"]

# Text XML compresses well, but not a thousand to one; a zip bomb does far beyond it.
MAX_RATIO = 1000


class ArchiveRefused(ValueError):
    """The archive is not opened; `message_vi` says why and what to do."""

    def __init__(self, message_vi: str) -> None:
        super().__init__(message_vi)
        self.message_vi = message_vi


def megabytes(n: int) -> str:
    """A size in MB the Vietnamese way, to one decimal when it has one: "1,2", "50"."""
    tenths = round(n * 10 / (1024 * 1024))
    whole, tenth = divmod(tenths, 10)
    return _count(whole) + (f",{tenth}" if tenth else "")


def _count(n: int) -> str:
    """A whole number the Vietnamese way (2.000)."""
    return f"{n:,}".replace(",", ".")


def zip_check(data: bytes | IO[bytes], *, max_bytes: int, max_members: int) -> None:
    """Raise ArchiveRefused unless `data` is a zip with at most `max_members` members that
    unpack to at most `max_bytes` in total. Reads no member's content."""
    stream = io.BytesIO(data) if isinstance(data, bytes | bytearray) else data
    position = stream.tell()
    try:
        with zipfile.ZipFile(stream) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise ArchiveRefused(
            "Tệp không mở được (tệp nén hỏng hoặc không đúng định dạng Office). "
            "Hãy lưu lại tệp bằng Word hoặc Excel rồi tải lên lại."
        ) from exc
    finally:
        stream.seek(position)
    if len(members) > max_members:
        raise ArchiveRefused(
            f"Tệp chứa {_count(len(members))} thành phần, quá giới hạn {_count(max_members)}; "
            "tệp Word/Excel bình thường không có nhiều như vậy. "
            "Hãy lưu lại tệp bằng Word hoặc Excel rồi tải lên lại."
        )
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if total > max_bytes or (member.file_size > 1024 * 1024 and ratio > MAX_RATIO):
            raise ArchiveRefused(
                f"Nội dung tệp khi giải nén vượt quá {megabytes(max_bytes)} MB (hoặc bị nén bất "
                "thường), nên hệ thống không mở. Hãy bỏ bớt hình ảnh, tách thành nhiều tệp "
                "hoặc lưu lại bằng Word/Excel rồi tải lên lại."
            )
