"""Middleware of the pages.

- `LanguageMiddleware`: Vietnamese first: the language is the one the person chose (the language
  cookie set by the switch in the header), otherwise Vietnamese — never guessed from the
  browser's settings.
- `SecurityHeadersMiddleware`: a Content-Security-Policy that allows only this site (no inline
  script, no other origin: tiendo runs on an intranet without CDNs), and `Cache-Control:
  no-store` on every answer to a signed-in person or an API token (pages, evidence downloads,
  exports), so a shared computer's browser or a proxy keeps no copy (issue 13, item 7).
- `BusyMiddleware`: a view that failed because the database stayed locked longer than a request
  waits answers 503 "Hệ thống đang bận" with Retry-After (`busy_page`), not a 500. (A failure
  in a middleware — a session saved after the view — reaches the 500 handler,
  `tiendo.web.views.server_error`, which gives the same answer.)
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils import translation
from django.utils.cache import patch_vary_headers

from tiendo.core.http import (
    BUSY_RETRY_AFTER_SECONDS,
    busy_json_response,
    busy_log,
    busy_message,
    database_busy,
)


class LanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.languages = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if code not in self.languages:
            code = settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = code
        with translation.override(code):  # restored afterwards: nothing leaks to the thread
            response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", code)
        return response


CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "style-src-attr 'unsafe-inline'",  # a few width/visibility attributes; no style element
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if signed_in or "Authorization" in request.headers:
            response["Cache-Control"] = "no-store"
            response.headers.pop("Expires", None)
        return response


def busy_page(request: HttpRequest, exc: BaseException) -> HttpResponse:
    """503 + Retry-After: a page without anything read from the database (it is busy), or the
    API's error shape for an address under /api/."""
    if request.path.startswith("/api/"):
        return busy_json_response(request, exc)
    busy_log(request, exc)
    body: str
    try:
        body = loader.render_to_string("503.html", {"message": busy_message()})
    except Exception:  # the answer must not fail in its turn
        body = f"<h1>{busy_message()}</h1>"
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(BUSY_RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class BusyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if database_busy(exception):
            return busy_page(request, exception)
        return None
