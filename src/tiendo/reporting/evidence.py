"""Evidence files: what a file is, read from its first bytes (never from its name)."""

from __future__ import annotations

import zipfile
from typing import IO

from .models import EvidenceKind

PDF_MAGIC = b"%PDF-"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
ZIP_MAGIC = b"PK\x03\x04"


def evidence_kind_detect(stream: IO[bytes]) -> str | None:
    """PDF, PNG, JPEG by their magic bytes; DOCX / XLSX as Office Open XML zips (a zip with
    [Content_Types].xml and word/ or xl/ parts). None for anything else."""
    stream.seek(0)
    head = stream.read(16)
    stream.seek(0)
    if head.startswith(PDF_MAGIC):
        return EvidenceKind.PDF
    if head.startswith(PNG_MAGIC):
        return EvidenceKind.PNG
    if head.startswith(JPEG_MAGIC):
        return EvidenceKind.JPEG
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
            return EvidenceKind.DOCX
        if any(name.startswith("xl/") for name in names):
            return EvidenceKind.XLSX
    return None


EXTENSIONS = {
    EvidenceKind.PDF: (".pdf",),
    EvidenceKind.PNG: (".png",),
    EvidenceKind.JPEG: (".jpg", ".jpeg"),
    EvidenceKind.DOCX: (".docx",),
    EvidenceKind.XLSX: (".xlsx",),
}
