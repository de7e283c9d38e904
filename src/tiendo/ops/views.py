"""Readiness: `/readyz` answers 200 when the database is reachable and every migration of this
code is applied, else 503 with the reason as JSON (load balancers and systemd use it)."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .selectors import readiness_check


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    result = readiness_check()
    return JsonResponse(result.as_dict(), status=200 if result.ready else 503)
