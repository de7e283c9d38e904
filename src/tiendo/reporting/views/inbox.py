"""A user's notifications, and marking one read."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..models import Notification


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    items = list(selectors.notifications_for_user(actor=request.user)[:100])
    return render(request, "reporting/notifications.html", {"notifications": items})


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        note = selectors.notification_get(actor=request.user, notification_id=pk)
    except Notification.DoesNotExist as exc:
        raise Http404(_("Không có thông báo này.")) from exc
    note = services.notification_mark_read(actor=request.user, notification=note)
    if getattr(request, "htmx", False):
        return render(request, "reporting/_notification.html", {"n": note})
    return redirect("reporting:notifications")
