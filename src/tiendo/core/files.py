"""What an uploaded file is, read from its first bytes (never from its name). Pure Python."""

from __future__ import annotations

import zipfile
from typing import IO

PDF_MAGIC = b"%PDF-"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
ZIP_MAGIC = b"PK\x03\x04"

# kind → the file-name endings that kind may have
EXTENSIONS: dict[str, tuple[str, ...]] = {
    "pdf": (".pdf",),
    "png": (".png",),
    "jpeg": (".jpg", ".jpeg"),
    "docx": (".docx",),
    "xlsx": (".xlsx",),
}


def file_kind_detect(stream: IO[bytes]) -> str | None:
    """ "pdf", "png", "jpeg" by their magic bytes; "docx" / "xlsx" as Office Open XML zips (a zip
    with [Content_Types].xml and word/ or xl/ parts). None for anything else. The stream is left
    at its start."""
    stream.seek(0)
    head = stream.read(16)
    stream.seek(0)
    if head.startswith(PDF_MAGIC):
        return "pdf"
    if head.startswith(PNG_MAGIC):
        return "png"
    if head.startswith(JPEG_MAGIC):
        return "jpeg"
    if head.startswith(ZIP_MAGIC):
        try:
            with zipfile.ZipFile(stream) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        finally:
            stream.seek(0)
        if "[Content_Types].xml" not in names:
            return None
        if any(name.startswith("word/") for name in names):
            return "docx"
        if any(name.startswith("xl/") for name in names):
            return "xlsx"
    return None
