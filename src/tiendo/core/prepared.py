"""Statements run by every request, planned once per database connection.

Django never prepares its statements (its PostgreSQL cursors bind parameters on the client).
For a statement that every page of a plan runs and that costs more to plan than to execute —
the plan's stamp, ~30 scalar subqueries — PostgreSQL's planning was about half of its time:
measured at 34 provinces, 200 interleaved runs, 2.7 ms prepared (generic plan) against 5.7 ms
planned each time. `row_fetch_prepared` runs such a statement as a server-side prepared
statement on PostgreSQL (psycopg prepares it on the connection at its first run, and
`plan_cache_mode=force_generic_plan`, set on tiendo's connections, keeps PostgreSQL from
planning it again for each value), and as an ordinary statement elsewhere. It goes through
Django's cursor wrapper, so it is counted and logged like any other query. Its users: the
plan's stamp (`tiendo.evaluation.selectors`), the session (`tiendo.accounts.sessions`), the
signed-in user and the API token (`tiendo.accounts.user_rows`), the API's list of plans
(`tiendo.plans.selectors.plans_summaries`). `values_converted` converts what such a statement
reads as the ORM converts it.

`TIENDO_DB_PREPARE=false` turns it off (behind a pooler in transaction mode, such as
PgBouncer's, where a statement prepared on one server connection is not on the next).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

import psycopg
from django.conf import settings
from django.db import connections
from django.db.models import Field

__all__ = ["row_fetch_prepared", "rows_fetch_prepared", "values_converted"]

Converter = Callable[[Any, Any, Any], Any]


def row_fetch_prepared(
    sql: str, params: Sequence[Any], *, using: str = "default"
) -> tuple[Any, ...] | None:
    """The first row of `sql` (placeholders `%s`), or None."""
    rows = _run(sql, params, using=using, first=True)
    return rows[0] if rows else None


def rows_fetch_prepared(
    sql: str, params: Sequence[Any], *, using: str = "default"
) -> list[tuple[Any, ...]]:
    """Every row of `sql` (placeholders `%s`)."""
    return _run(sql, params, using=using, first=False)


def _run(sql: str, params: Sequence[Any], *, using: str, first: bool) -> list[tuple[Any, ...]]:
    connection = connections[using]
    if connection.vendor != "postgresql" or not getattr(settings, "TIENDO_DB_PREPARE", True):
        cursor_context: Any = connection.cursor()
    else:
        connection.ensure_connection()
        # Django's wrapper (counted, logged, execute wrappers) around a cursor of our own
        cursor_context = connection._prepare_cursor(  # type: ignore[attr-defined]
            _PreparedCursor(connection.connection, with_text=connection.queries_logged)
        )
    with cursor_context as cursor:
        cursor.execute(sql, params)
        if first:
            row = cursor.fetchone()
            return [] if row is None else [tuple(row)]
        return [tuple(row) for row in cursor.fetchall()]


def values_converted(
    fields: Sequence[Field[Any, Any]], values: Sequence[Any], using: str = "default"
) -> list[Any]:
    """These fields' values as read by plain SQL, converted as the ORM converts them (per
    backend: SQLite's booleans, dates and decimals)."""
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


class _PreparedCursor(psycopg.Cursor[Any]):
    """A psycopg cursor binding its parameters on the server and preparing what it runs.
    `with_text`: the statement's text is kept where Django's query log reads it (psycopg
    keeps none for a prepared statement), so that DEBUG and the tests' query capture show it."""

    def __init__(self, connection: Any, *, with_text: bool = False) -> None:
        super().__init__(connection)
        self.with_text = with_text

    def execute(self, query: Any, params: Any = None, **kwargs: Any) -> Any:
        kwargs["prepare"] = True
        result = super().execute(query, params, **kwargs)
        if self.with_text and self._query is None:
            self._query = self._convert_query(query, params)
        return result
