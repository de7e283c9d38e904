"""Text helpers for Vietnamese, in pure Python (no Django)."""

from __future__ import annotations

import posixpath
import re
import unicodedata

__all__ = [
    "BIDI_CONTROLS",
    "EXCEL_CELL_MAX",
    "bidi_controls_in",
    "filename_shorten",
    "normalize_space",
    "slug",
    "text_nfc",
]

# Characters that reorder the text around them when displayed (U+202A–U+202E embeddings and
# overrides, U+2066–U+2069 isolates, the marks U+200E, U+200F, U+061C): in a name they can make
# "gpj.exe" read "exe.jpg" or pass one person off as another.
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)
# The most characters an Excel cell holds: longer text is cut when the workbook is opened.
EXCEL_CELL_MAX = 32_767


def slug(text: str, *, max_length: int = 80) -> str:
    """An ASCII key for a Vietnamese name: "Ban Tổ chức Tỉnh ủy" -> "ban-to-chuc-tinh-uy"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    key = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return key[:max_length].rstrip("-")


def normalize_space(text: str) -> str:
    """Collapse runs of white space to one space and trim; NFC-normalise."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def text_nfc(text: str) -> str:
    """Text as stored: NFC-normalised ("ệ" typed as e + combining marks becomes one character),
    line ends as "\\n"."""
    return unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")


def bidi_controls_in(text: str) -> bool:
    """Whether the text holds a character that reorders what is displayed around it."""
    return any(ch in BIDI_CONTROLS for ch in text)


def filename_shorten(name: str, *, max_length: int) -> str:
    """A file name safe to keep and show: the last path part, NFC, without control or
    formatting characters (bidi overrides among them), at most `max_length` characters — when
    shortened, the stem is cut and the extension kept ("báo cáo … .pdf")."""
    name = posixpath.basename(name.replace("\\", "/"))
    name = "".join(
        ch for ch in unicodedata.normalize("NFC", name) if unicodedata.category(ch)[0] != "C"
    ).strip()
    if len(name) <= max_length:
        return name
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem or len(extension) > 10 or " " in extension:
        return name[:max_length].rstrip()
    keep = max_length - len(extension) - 1
    return f"{stem[:keep].rstrip(' .')}.{extension}"
