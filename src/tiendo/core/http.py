"""HTTP helpers: request typing for views that use django-htmx; the Content-Disposition of a
download with a Vietnamese file name."""

from __future__ import annotations

from urllib.parse import quote

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from .text import slug


class HtmxHttpRequest(HttpRequest):
    """A request that went through HtmxMiddleware: `request.htmx` is truthy for htmx requests."""

    htmx: HtmxDetails


def content_disposition(*, filename: str, fallback: str | None = None, inline: bool = False) -> str:
    """A Content-Disposition value that keeps a Vietnamese file name: an ASCII `filename` for
    old clients (`fallback`, else the name without diacritics) and the UTF-8 `filename*`
    (RFC 6266) that browsers save under: "Nhập số liệu - Sở NN&PTNT - Năm 2025.xlsx"."""
    stem, dot, ext = filename.rpartition(".")
    if fallback is None:
        fallback = f"{slug(stem) or 'tep'}{dot}{ext}" if dot else slug(filename) or "tep"
    ascii_name = fallback.encode("ascii", "ignore").decode().replace("\\", "").replace('"', "")
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"
