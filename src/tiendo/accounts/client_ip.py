"""The client's address for lockouts (django-axes' AXES_CLIENT_IP_CALLABLE).

Behind the documented nginx every request arrives from 127.0.0.1; keyed on that, five wrong
passwords from one person would lock the name for everyone. With TIENDO_TRUSTED_PROXIES = n
(the number of proxies in front of tiendo that append to X-Forwarded-For), the client is the
n-th address from the right of that header — entries further left were written by the client
and may be forged. Without the setting the header is ignored."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    trusted = int(getattr(settings, "TIENDO_TRUSTED_PROXIES", 0) or 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if trusted <= 0 or not forwarded:
        return remote
    hops = [h.strip() for h in forwarded.split(",") if h.strip()]
    if len(hops) < trusted:
        return remote
    candidate = hops[-trusted]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
