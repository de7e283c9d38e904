"""The plan's stamp, run by every page of a plan, is planned once per database connection on
PostgreSQL (a prepared statement with a generic plan) and stays an ordinary query everywhere
else: same result, counted and logged like any other query."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tiendo.evaluation.selectors import plan_stamp
from tiendo.settings.database import databases

pytestmark = pytest.mark.django_db


def _prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [text for (text,) in cursor.fetchall()]


def test_the_stamp_is_the_same_prepared_or_not_and_counted_with_its_text(
    builtin_plan: Any, settings: Any
) -> None:
    settings.TIENDO_DB_PREPARE = False
    plain = plan_stamp(code=builtin_plan.code)
    settings.TIENDO_DB_PREPARE = True
    with CaptureQueriesContext(connection) as queries:
        prepared = plan_stamp(code=builtin_plan.code)
        again = plan_stamp(plan_id=builtin_plan.pk)
    assert prepared == plain == again and prepared is not None
    assert len(queries) == 2
    assert all("FROM plans_plan p" in (q["sql"] or "") for q in queries)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="prepared statements: PostgreSQL only"
)
def test_on_postgresql_the_stamp_is_a_prepared_statement_with_a_generic_plan(
    builtin_plan: Any, settings: Any
) -> None:
    settings.TIENDO_DB_PREPARE = True
    plan_stamp(code=builtin_plan.code)
    assert [s for s in _prepared_statements() if "FROM plans_plan p" in s]
    with connection.cursor() as cursor:
        cursor.execute("SHOW plan_cache_mode")
        assert cursor.fetchone() == ("force_generic_plan",)


def test_postgresql_connections_allow_tiendos_prepared_statement(
    monkeypatch: Any, tmp_path: Any
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db.example:5432/tiendo")
    options = databases(tmp_path)["default"]["OPTIONS"]
    assert "-c plan_cache_mode=force_generic_plan" in options["options"]
    assert options["prepare_threshold"] == 1_000_000
    monkeypatch.setenv("TIENDO_DB_PREPARE", "false")
    assert "prepare_threshold" not in databases(tmp_path)["default"]["OPTIONS"]
