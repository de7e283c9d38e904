"""Whether this instance holds sample data (dữ liệu mẫu): `tiendo init --demo` marks the data
folder, every page then says so. A file beside the database, not a row: the banner costs no
query on any page."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

MARKER = "du-lieu-mau.txt"


def _marker() -> Path:
    return Path(settings.DATA_HOME) / MARKER


def sample_data_present() -> bool:
    """Whether sample data was loaded into this instance."""
    return _marker().exists()


def sample_data_mark(*, text: str) -> None:
    """Mark the instance as holding sample data (`text` says what was loaded)."""
    path = _marker()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
