"""Writing many rows that each take their own values: one parametrised statement sent with
executemany.

Django's `bulk_update` (and `Case(When(pk=...))`) builds an expression per row and per field,
and `bulk_create` a model instance per row: about a millisecond a row, which made a round of
the demo data take seconds. `rows_update` and `rows_insert` send one UPDATE or INSERT for all
rows instead; each value is prepared by its field (`get_db_prep_save`), so dates, decimals,
JSON and foreign keys are written as the ORM writes them, on SQLite and PostgreSQL alike. For
the bulk forms of services, where the rows' primary keys are not needed afterwards.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connections, models, router

__all__ = ["rows_insert", "rows_update"]


def rows_update(
    model: type[models.Model],
    *,
    fields: Sequence[str],
    rows: Sequence[Sequence[Any]],
    match: Sequence[str] = ("pk",),
    among: tuple[str, Sequence[Any]] | None = None,
    increment: str | None = None,
) -> int:
    """For each row, UPDATE the model's table SET `fields` to the row's first values WHERE
    the `match` fields equal its last values [AND the `among` field is one of its values]; with
    `increment`, that integer field also goes up by one. Returns how many rows were changed (a
    row whose conditions no longer hold is left as it is and not counted)."""
    if not rows:
        return 0
    meta = model._meta
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    written = [_field(meta, name) for name in fields]
    matched = [_field(meta, name) for name in match]
    sets = [f"{quote(_column(f))} = %s" for f in written]
    if increment is not None:
        column = quote(_column(_field(meta, increment)))
        sets.append(f"{column} = {column} + 1")
    where = [f"{quote(_column(f))} = %s" for f in matched]
    extra: list[Any] = []
    if among is not None:
        name, values = among
        field = _field(meta, name)
        where.append(f"{quote(_column(field))} IN ({', '.join(['%s'] * len(values))})")
        extra = [field.get_db_prep_save(v, connection) for v in values]
    sql = f"UPDATE {quote(meta.db_table)} SET {', '.join(sets)} WHERE {' AND '.join(where)}"
    columns = written + matched
    params = []
    for row in rows:
        if len(row) != len(columns):
            raise ValueError(f"a row has {len(row)} values for {len(columns)} fields")
        params.append(
            [f.get_db_prep_save(v, connection) for f, v in zip(columns, row, strict=True)] + extra
        )
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
        return int(cursor.rowcount)


def rows_insert(
    model: type[models.Model], *, fields: Sequence[str], rows: Sequence[Sequence[Any]]
) -> int:
    """INSERT one row of the model's table per row of values for `fields`; every other column
    takes its field's default, as `Model()` would give it. Returns how many rows were
    written (their primary keys are not read back)."""
    if not rows:
        return 0
    meta = model._meta
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    given = [_field(meta, name) for name in fields]
    names = {f.name for f in given}
    defaults = [
        (f, f.get_db_prep_save(f.get_default(), connection))
        for f in meta.concrete_fields
        if f.name not in names and not f.primary_key
    ]
    columns = given + [f for f, _v in defaults]
    placeholders = ", ".join(["%s"] * len(columns))
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(_column(f)) for f in columns)}) "
        f"VALUES ({placeholders})"
    )
    tail = [value for _f, value in defaults]
    params = []
    for row in rows:
        if len(row) != len(given):
            raise ValueError(f"a row has {len(row)} values for {len(given)} fields")
        params.append(
            [f.get_db_prep_save(v, connection) for f, v in zip(given, row, strict=True)] + tail
        )
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
    return len(params)


def _field(meta: Any, name: str) -> models.Field[Any, Any]:
    field = meta.pk if name == "pk" else meta.get_field(name)
    if not isinstance(field, models.Field) or field.column is None:
        raise ValueError(f"{meta.label}.{name} is not a column")
    return field


def _column(field: models.Field[Any, Any]) -> str:
    assert field.column is not None
    return field.column
