"""The user of a request, with their profile, from one row of plain SQL.

Every request reads its user (from the session, or from the API token) with the profile that
every permission check reads. Through the ORM that read cost more to build than to run:
~3.5 ms of CPU per request at 34 provinces, most of it Django's query compiler (a join and an
annotation), against well under 1 ms for PostgreSQL to answer. The statements that read a
user are therefore written once per process, here and by their callers
(`tiendo.reporting.selectors.notifications`, `tiendo.accounts.tokens`), and the row they
return is turned into the same objects the ORM gives: a `User` whose `profile` is read
(or known to be missing), with the values converted as the database backend converts them
(SQLite's booleans and dates).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connections
from django.db.models import Field, Model

from tiendo.core.prepared import values_converted

from .models import Profile

__all__ = ["UserColumns", "user_columns"]


@dataclass(frozen=True)
class UserColumns:
    """The columns of a user and their profile in a SELECT (`sql`), the tables they come from
    (`tables`: the users LEFT JOIN their profiles, with the aliases given), and how to build
    both objects from the row (`user_from_row`). Everything here is fixed per process."""

    sql: str
    tables: str
    user_fields: tuple[Field[Any, Any], ...]
    profile_fields: tuple[Field[Any, Any], ...]
    using: str
    user_model: type[Model]
    user_attnames: tuple[str, ...]
    profile_attnames: tuple[str, ...]
    user_profile_field: Any  # the user's reverse one-to-one to the profile
    profile_user_field: Any  # the profile's one-to-one to the user

    @property
    def width(self) -> int:
        return len(self.user_fields) + len(self.profile_fields)

    def user_from_row(self, row: Sequence[Any], start: int = 0) -> Any:
        """The user in `row[start : start + width]`, their profile read (None: no profile,
        so `user.profile` raises as it does after `select_related`)."""
        n = len(self.user_fields)
        user_values = values_converted(self.user_fields, row[start : start + n], self.using)
        profile_values = values_converted(
            self.profile_fields, row[start + n : start + self.width], self.using
        )
        user = self.user_model.from_db(self.using, self.user_attnames, user_values)
        profile: Model | None = None
        if profile_values[0] is not None:  # the profile's primary key: no profile without
            profile = Profile.from_db(self.using, self.profile_attnames, profile_values)
            self.profile_user_field.set_cached_value(profile, user)
        self.user_profile_field.set_cached_value(user, profile)
        return user


@functools.cache
def user_columns(*, user_alias: str, profile_alias: str, using: str = "default") -> UserColumns:
    """The user's and profile's columns, qualified by these table aliases, and the tables they
    come from: the users with their profiles LEFT JOINed (a user may have none)."""
    quote = connections[using].ops.quote_name
    user_model = get_user_model()
    user_fields = tuple(user_model._meta.concrete_fields)
    profile_fields = tuple(Profile._meta.concrete_fields)
    assert profile_fields[0].primary_key
    columns = [f"{user_alias}.{quote(str(f.column))}" for f in user_fields]
    columns += [f"{profile_alias}.{quote(str(f.column))}" for f in profile_fields]
    profile_user_field = Profile._meta.get_field("user")
    tables = (
        f"{quote(user_model._meta.db_table)} {user_alias}"
        f" LEFT JOIN {quote(Profile._meta.db_table)} {profile_alias}"
        f" ON {profile_alias}.{quote(str(profile_user_field.column))}"
        f" = {user_alias}.{quote(str(user_model._meta.pk.column))}"
    )
    return UserColumns(
        sql=", ".join(columns),
        tables=tables,
        user_fields=user_fields,
        profile_fields=profile_fields,
        using=using,
        user_model=user_model,
        user_attnames=tuple(f.attname for f in user_fields),
        profile_attnames=tuple(f.attname for f in profile_fields),
        user_profile_field=user_model._meta.get_field("profile"),
        profile_user_field=profile_user_field,
    )
