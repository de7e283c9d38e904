"""Personal API tokens: created and revoked by their owner or an administrator (audited), and
checked for each API request. A token is a credential of the account, so it lives here; the API
(tiendo.api) only reads the `Authorization` header and calls `token_authenticate`."""

from __future__ import annotations

import functools
import hashlib
import secrets
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tiendo.audit.models import AuditAction
from tiendo.audit.services import audit_record
from tiendo.core.locks import write_best_effort
from tiendo.core.prepared import row_fetch_prepared, values_converted

from .models import ApiToken
from .permissions import NotAllowed, can_manage_accounts, require_authenticated
from .user_rows import UserColumns, user_columns

Actor = AbstractBaseUser | AnonymousUser | None
TOKEN_PREFIX = "tdo_"


def _user_or_none(actor: Actor) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _require_owner_or_admin(actor: Actor, user: Any) -> None:
    require_authenticated(actor)
    if getattr(actor, "pk", None) != user.pk and not can_manage_accounts(actor):
        raise NotAllowed(_("Chỉ chủ tài khoản hoặc quản trị hệ thống mới được quản lý mã API."))


@transaction.atomic
def token_create(
    *, actor: Actor, user: Any, name: str = "", check_actor: bool = True
) -> tuple[ApiToken, str]:
    """Create a token for `user`; return it and the raw token (shown once, never stored).
    `check_actor=False` is for `tiendo token create` (the machine's authority)."""
    if check_actor:
        _require_owner_or_admin(actor, user)
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name.strip()[:120],
        prefix=raw[:12],
        key_hash=token_hash(raw),
        created_at=timezone.now(),
        created_by=_user_or_none(actor),
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=token,
        changes={
            "user": {"before": None, "after": user.get_username()},
            "name": {"before": None, "after": token.name},
            "prefix": {"before": None, "after": token.prefix},
        },
    )
    return token, raw


@transaction.atomic
def token_revoke(*, actor: Actor, token: ApiToken, check_actor: bool = True) -> ApiToken:
    if check_actor:
        _require_owner_or_admin(actor, token.user)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=token,
            changes={"revoked_at": {"before": None, "after": token.revoked_at.isoformat()}},
        )
    return token


def token_authenticate(*, raw: str) -> Any | None:
    """The active user of an active token, or None. Records when the token was last used, at
    most once a minute and never at the cost of the request (tiendo.core.locks.write_best_effort).
    The token, its user and their profile are read by one statement of plain SQL, written once
    per process and prepared on PostgreSQL (`tiendo.accounts.user_rows`)."""
    if not raw or len(raw) > 200:
        return None
    sql, token_fields, columns = _token_sql()
    row = row_fetch_prepared(sql, [token_hash(raw)])
    if row is None:
        return None
    pk, prefix, last_used_at = values_converted(token_fields, row[: len(token_fields)])
    user = columns.user_from_row(row, start=len(token_fields))
    if not user.is_active:
        return None
    now = timezone.now()
    if last_used_at is None or (now - last_used_at).total_seconds() > 60:
        # Best effort: while a long write holds the database, the read goes on without it.
        write_best_effort(
            lambda: ApiToken.objects.filter(pk=pk).update(last_used_at=now),
            what=f"last use of API token {prefix}",
        )
    return user


@functools.cache
def _token_sql() -> tuple[str, tuple[Any, ...], UserColumns]:
    columns = user_columns(user_alias="u", profile_alias="p")
    token_fields = tuple(
        ApiToken._meta.get_field(name) for name in ("id", "prefix", "last_used_at")
    )
    sql = f"""
        SELECT t.id, t.prefix, t.last_used_at, {columns.sql}
        FROM {columns.tables} JOIN {ApiToken._meta.db_table} t ON t.user_id = u.id
        WHERE t.key_hash = %s AND t.revoked_at IS NULL
    """
    return sql, token_fields, columns
