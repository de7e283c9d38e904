"""Writes of accounts: create, disable, change a password. Every write is audited."""

from __future__ import annotations

import re
import secrets
import unicodedata
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tiendo.audit.models import AuditAction
from tiendo.audit.services import audit_record
from tiendo.core.text import bidi_controls_in, text_nfc
from tiendo.org.models import OrgUnit

from .models import Profile, Role
from .permissions import NotAllowed, require_accounts_admin, require_authenticated

Actor = AbstractBaseUser | AnonymousUser | None


def password_generate() -> str:
    """A password people can copy: 16 URL-safe characters."""
    return secrets.token_urlsafe(12)


USERNAME_RE = re.compile(r"[\w.@+-]+")


def username_normalize(raw: str) -> str:
    """The one form of a user name: compatibility-normalised (NFKC, as Django does, so that a
    full-width "ｔｈｅｏｄｏｉ" is "theodoi"), case-folded, trimmed, then NFC. Two names equal
    in this form are the same account."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFKC", raw).strip().casefold())


@transaction.atomic
def user_create(
    *,
    actor: Actor,
    username: str,
    role: Role | str,
    unit: OrgUnit | None = None,
    unit_code: str | None = None,
    email: str = "",
    full_name: str = "",
    password: str | None = None,
    check_actor: bool = True,
) -> tuple[Any, str]:
    """Create an account and its profile; return (user, password). The password is generated
    unless given, and shown to the caller once. `check_actor=False` is for set-up scripts
    (`tiendo user create`, the demo set), which run with the machine's authority."""
    if check_actor:
        require_accounts_admin(actor)
    user_model = get_user_model()
    username = username_normalize(username)
    email = email.strip()
    full_name = text_nfc(full_name).strip()
    errors: dict[str, str] = {}
    if not username:
        errors["username"] = _("Cần nhập tên đăng nhập.")
    elif len(username) > 150 or not USERNAME_RE.fullmatch(username):
        errors["username"] = _(
            "Tên đăng nhập chỉ gồm chữ, số và các dấu . @ + - _ (tối đa 150 ký tự)."
        )
    elif username in {
        username_normalize(u) for u in user_model.objects.values_list("username", flat=True)
    }:
        errors["username"] = _("Tên đăng nhập “%(name)s” đã có.") % {"name": username}
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = _("Địa chỉ thư điện tử “%(e)s” không hợp lệ.") % {"e": email}
    if len(full_name) > 150 or bidi_controls_in(full_name):
        errors["full_name"] = _("Họ tên tối đa 150 ký tự và không chứa ký tự điều khiển hướng chữ.")
    if role not in Role.values:
        errors["role"] = _("Vai trò không hợp lệ.")
    if unit is None and unit_code:
        unit = OrgUnit.objects.filter(code=unit_code).first()
        if unit is None:
            errors["unit"] = _("Không có đơn vị mã “%(code)s”.") % {"code": unit_code}
    if role == Role.REPORTER and unit is None and "unit" not in errors:
        errors["unit"] = _("Cán bộ báo cáo phải thuộc một đơn vị.")
    if errors:
        raise ValidationError(errors)
    password = password or password_generate()
    first, _sep, last = full_name.rpartition(" ")
    try:
        with transaction.atomic():
            user = user_model.objects.create_user(
                username=username,
                email=email,
                password=password,
                first_name=first,
                last_name=last,
            )
    except IntegrityError as exc:  # created meanwhile by someone else
        raise ValidationError(
            {"username": _("Tên đăng nhập “%(name)s” đã có.") % {"name": username}}
        ) from exc
    profile = Profile.objects.create(user=user, unit=unit, role=role)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=user,
        object_type="auth.user",
        changes={
            "username": {"before": None, "after": username},
            "email": {"before": None, "after": email},
            "role": {"before": None, "after": str(role)},
            "unit": {"before": None, "after": unit.code if unit else None},
        },
    )
    del profile
    return user, password


@transaction.atomic
def user_disable(*, actor: Actor, user: Any, reason: str = "", check_actor: bool = True) -> Any:
    """Disable an account (it keeps its history; it can no longer log in)."""
    if check_actor:
        require_accounts_admin(actor)
        if actor is not None and getattr(actor, "pk", None) == user.pk:
            raise NotAllowed(_("Không thể tự khóa tài khoản của chính mình."))
    if not user.is_active:
        return user
    user.is_active = False
    user.save(update_fields=["is_active"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=user,
        object_type="auth.user",
        changes={"is_active": {"before": True, "after": False}},
        reason=reason,
    )
    return user


@transaction.atomic
def user_enable(*, actor: Actor, user: Any, reason: str = "") -> Any:
    require_accounts_admin(actor)
    if user.is_active:
        return user
    user.is_active = True
    user.save(update_fields=["is_active"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=user,
        object_type="auth.user",
        changes={"is_active": {"before": False, "after": True}},
        reason=reason,
    )
    return user


@transaction.atomic
def password_change(
    *, actor: Actor, old_password: str, new_password: str, new_password_again: str
) -> None:
    """The logged-in person changes their own password."""
    require_authenticated(actor)
    assert actor is not None
    user: Any = actor
    errors: dict[str, list[str]] = {}
    # Throttled like sign-in: after AXES_FAILURE_LIMIT wrong current passwords, refused for
    # AXES_COOLOFF_TIME even with the right one (a stolen session cannot guess the password).
    key = f"tiendo:password-change-failures:{user.pk}"
    limit = int(settings.AXES_FAILURE_LIMIT)
    cooloff = int(settings.AXES_COOLOFF_TIME.total_seconds())
    if int(cache.get(key, 0)) >= limit:
        raise ValidationError(
            {
                "old_password": [
                    _("Đã nhập sai mật khẩu hiện tại quá %(n)s lần; hãy thử lại sau %(m)s phút.")
                    % {"n": limit, "m": cooloff // 60}
                ]
            }
        )
    if not user.check_password(old_password):
        errors["old_password"] = [_("Mật khẩu hiện tại không đúng.")]
        cache.set(key, int(cache.get(key, 0)) + 1, cooloff)
    if new_password != new_password_again:
        errors["new_password_again"] = [_("Hai lần nhập mật khẩu mới không khớp.")]
    else:
        try:
            password_validation.validate_password(new_password, user)
        except ValidationError as exc:
            errors["new_password"] = list(exc.messages)
    if errors:
        raise ValidationError(errors)
    cache.delete(key)
    user.set_password(new_password)
    user.save(update_fields=["password"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=user,
        object_type="auth.user",
        changes={"password": {"before": "***", "after": "***"}},
    )
