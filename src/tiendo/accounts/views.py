"""Account pages: password change, the administrator's user list / create / disable.
Thin: services write, selectors read."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tiendo.org.models import OrgUnit

from . import selectors, services
from .models import Role
from .permissions import require_accounts_admin


def _errors(exc: ValidationError) -> dict[str, str]:
    if hasattr(exc, "error_dict"):
        return {k: " ".join(m for e in v for m in e.messages) for k, v in exc.error_dict.items()}
    return {"__all__": " ".join(exc.messages)}


@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    errors: dict[str, str] = {}
    if request.method == "POST":
        try:
            services.password_change(
                actor=request.user,
                old_password=request.POST.get("old_password", ""),
                new_password=request.POST.get("new_password", ""),
                new_password_again=request.POST.get("new_password_again", ""),
            )
        except ValidationError as exc:
            errors = _errors(exc)
        else:
            update_session_auth_hash(request, request.user)  # type: ignore[arg-type]
            messages.success(request, _("Đã đổi mật khẩu."))
            return redirect("accounts:password_change")
    return render(
        request, "accounts/password_change.html", {"errors": errors}, status=400 if errors else 200
    )


@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    users = list(selectors.users_list(actor=request.user))
    return render(request, "accounts/user_list.html", {"users": users})


@login_required
def user_create(request: HttpRequest) -> HttpResponse:
    require_accounts_admin(request.user)
    errors: dict[str, str] = {}
    data: Any = request.POST if request.method == "POST" else {}
    created: tuple[Any, str] | None = None
    if request.method == "POST":
        unit_id = data.get("unit") or None
        unit = (
            OrgUnit.objects.filter(pk=unit_id).first()
            if unit_id and str(unit_id).isdigit()
            else None
        )
        try:
            created = services.user_create(
                actor=request.user,
                username=data.get("username", ""),
                role=data.get("role", ""),
                unit=unit,
                email=data.get("email", ""),
                full_name=data.get("full_name", ""),
            )
        except ValidationError as exc:
            errors = _errors(exc)
    return render(
        request,
        "accounts/user_create.html",
        {
            "errors": errors,
            "data": data if not created else {},
            "roles": Role.choices,
            "units": OrgUnit.objects.order_by("name"),
            "created": created,
        },
        status=400 if errors else 200,
    )


@login_required
@require_POST
def user_disable(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        user = selectors.user_get(actor=request.user, user_id=pk)
    except get_user_model().DoesNotExist as exc:
        raise Http404(_("Không có tài khoản này.")) from exc
    services.user_disable(actor=request.user, user=user, reason=request.POST.get("reason", ""))
    messages.success(request, _("Đã khóa tài khoản %(u)s.") % {"u": user.get_username()})
    return redirect("accounts:user_list")
