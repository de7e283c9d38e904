"""Evidence files: what a file is, read from its first bytes (never from its name), by
`tiendo.core.files` (the register of implementing documents checks its files the same way)."""

from __future__ import annotations

from typing import IO

from tiendo.core.files import file_kind_detect

from .models import EvidenceKind


def evidence_kind_detect(stream: IO[bytes]) -> str | None:
    """PDF, PNG, JPEG by their magic bytes; DOCX / XLSX as Office Open XML zips. None for
    anything else."""
    kind = file_kind_detect(stream)
    return EvidenceKind(kind) if kind is not None else None


EXTENSIONS = {
    EvidenceKind.PDF: (".pdf",),
    EvidenceKind.PNG: (".png",),
    EvidenceKind.JPEG: (".jpg", ".jpeg"),
    EvidenceKind.DOCX: (".docx",),
    EvidenceKind.XLSX: (".xlsx",),
}
