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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connections
from django.db.models import Field, Model

from .models import Profile

__all__ = ["UserColumns", "user_columns", "values_converted"]

Converter = Callable[[Any, Any, Any], Any]


@dataclass(frozen=True)
class UserColumns:
    """The columns of a user and their profile in a SELECT (`sql`, with the table aliases
    given), and how to build both from the row (`user_from_row`)."""

    sql: str
    user_fields: tuple[Field[Any, Any], ...]
    profile_fields: tuple[Field[Any, Any], ...]
    using: str

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
        user_model = get_user_model()
        user = user_model.from_db(self.using, [f.attname for f in self.user_fields], user_values)
        profile: Model | None = None
        if profile_values[0] is not None:  # the profile's primary key: no profile without
            profile = Profile.from_db(
                self.using, [f.attname for f in self.profile_fields], profile_values
            )
            Profile._meta.get_field("user").set_cached_value(profile, user)
        user_model._meta.get_field("profile").set_cached_value(user, profile)
        return user


def values_converted(
    fields: Sequence[Field[Any, Any]], values: Sequence[Any], using: str = "default"
) -> list[Any]:
    """These fields' values as read by plain SQL, converted as the ORM converts them."""
    connection = connections[using]
    out = list(values)
    for i, field in enumerate(fields):
        column, converters = _converters(field, connection.alias)
        for convert in converters:
            out[i] = convert(out[i], column, connection)
    return out


@functools.cache
def _converters(field: Field[Any, Any], using: str) -> tuple[Any, tuple[Converter, ...]]:
    """What the ORM applies to this field's value as read from the database (per backend),
    with the column expression it passes them."""
    connection = connections[using]
    column = field.get_col(field.model._meta.db_table)
    converters = connection.ops.get_db_converters(column) + field.get_db_converters(connection)
    return column, tuple(converters)


@functools.cache
def user_columns(*, user_alias: str, profile_alias: str, using: str = "default") -> UserColumns:
    """The user's and profile's columns, qualified by these table aliases (the profile is
    expected LEFT JOINed: a user may have none)."""
    quote = connections[using].ops.quote_name
    user_fields = tuple(get_user_model()._meta.concrete_fields)
    profile_fields = tuple(Profile._meta.concrete_fields)
    assert profile_fields[0].primary_key
    columns = [f"{user_alias}.{quote(str(f.column))}" for f in user_fields]
    columns += [f"{profile_alias}.{quote(str(f.column))}" for f in profile_fields]
    return UserColumns(
        sql=", ".join(columns),
        user_fields=user_fields,
        profile_fields=profile_fields,
        using=using,
    )
