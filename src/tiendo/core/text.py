"""Text helpers for Vietnamese, in pure Python (no Django)."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalize_space", "slug"]


def slug(text: str, *, max_length: int = 80) -> str:
    """An ASCII key for a Vietnamese name: "Ban Tổ chức Tỉnh ủy" -> "ban-to-chuc-tinh-uy"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    key = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return key[:max_length].rstrip("-")


def normalize_space(text: str) -> str:
    """Collapse runs of white space to one space and trim; NFC-normalise."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()
