"""Pages rendered once for everyone, kept in the cache behind the plan's stamp.

A plan's dashboard, its program pages and its target pages show the same thing to every reader
(the header, the navigation and what depends on who reads are outside them). Each is rendered
once per plan, page, as-of year, language and day, and kept while the plan's stamp — one query
that changes whenever anything they read changes — is the same; serving it then costs that
query and the page's layout. The key also holds a digest of the installed code, so a page
rendered by another version of tiendo is never served."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

import tiendo
from tiendo.core.memo import memo_get_or_build
from tiendo.evaluation.selectors import PlanStamp
from tiendo.evaluation.services import CACHE_SECONDS


@functools.cache
def code_digest() -> str:
    """A digest of the installed code, templates and translations: a page rendered by another
    version of tiendo is never served from the cache."""
    digest = hashlib.sha256()
    root = Path(tiendo.__file__).parent
    for path in sorted(root.rglob("*")):
        if path.suffix in {".py", ".html", ".mo"} and path.is_file():
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def page_cache_key(
    *, page: str, stamp: PlanStamp, version: str, as_of: int, args: tuple[object, ...] = ()
) -> str:
    """Letters, digits, "-" and ":" only, short: safe for every cache backend. `args` (what
    the reader asked for: a target's code, a filter) enter as a digest."""
    language = translation.get_language() or "vi"
    language = "".join(c for c in language.lower() if c.isalnum() or c == "-")[:8] or "vi"
    asked = hashlib.sha256(repr(args).encode()).hexdigest()[:16] if args else "-"
    today = timezone.localdate().isoformat()
    return (
        f"tiendo:page:{page}:{code_digest()}:{stamp.plan_id}:{as_of}:{language}:{today}:"
        f"{asked}:{version}"
    )


def page_parts(
    *,
    key: str,
    template: str,
    names: tuple[str, ...],
    context: Callable[[], tuple[dict[str, object], bool] | None],
) -> dict[str, SafeString] | None:
    """The named partials of `template`, from the cache under `key`, else rendered (without the
    request: nothing in them depends on who asks) from what `context()` returns: the template's
    context, and whether to keep the result (not for a filter naming nothing known, so that
    arbitrary requests cannot fill the cache). None when what was asked for does not exist."""

    def build() -> tuple[dict[str, str] | None, bool]:
        made = context()
        if made is None:
            return None, False
        values, keep = made
        return {name: str(render_to_string(f"{template}#{name}", values)) for name in names}, keep

    parts = memo_get_or_build(key=key, build=build, timeout=CACHE_SECONDS)
    if parts is None:
        return None
    return {name: mark_safe(parts[name]) for name in names}
