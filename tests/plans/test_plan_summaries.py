"""The API's list of plans reads a page of plans with one statement compiled once per process
(prepared on PostgreSQL) and its length with another: what it gives is what the ORM's queryset
gives, for every page, filter and index, prepared or not."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tiendo.plans.models import Plan, PlanStatus
from tiendo.plans.selectors import PLAN_SUMMARY_FIELDS, plans_list, plans_summaries

pytestmark = pytest.mark.django_db


def _orm(*, include_drafts: bool = False, status: str | None = None) -> list[dict[str, Any]]:
    plans = plans_list(include_drafts=include_drafts).order_by("-term_from_year", "code")
    if status:
        plans = plans.filter(status=status)
    return list(plans.values(*PLAN_SUMMARY_FIELDS, "program_count", "target_count"))


@pytest.fixture
def plans(builtin_plan: Any) -> list[Plan]:
    made = [builtin_plan]
    for n, (status, year) in enumerate(
        [("active", 2025), ("closed", 2015), ("draft", 2030), ("active", 2020), ("closed", 2020)]
    ):
        made.append(
            Plan.objects.create(
                code=f"ke-hoach-{n}",
                number=f"{n}-CTr/TU",
                title=f"Chương trình {n}",
                area=builtin_plan.area,
                term_from_year=year,
                term_to_year=year + 5,
                status=status,
            )
        )
    return made


@pytest.mark.parametrize("prepare", [True, False])
def test_every_page_filter_and_index_reads_what_the_queryset_reads(
    plans: list[Plan], settings: Any, prepare: bool
) -> None:
    settings.TIENDO_DB_PREPARE = prepare
    for include_drafts, status in [
        (False, None),
        (True, None),
        (False, "active"),
        (False, "closed"),
        (True, "draft"),
    ]:
        expected = _orm(include_drafts=include_drafts, status=status)
        summaries = plans_summaries(include_drafts=include_drafts, status=status)
        assert len(summaries) == len(expected) > 0
        assert summaries[0 : len(expected)] == expected
        for start, stop in [(0, 2), (2, 4), (1, 100), (5, 10), (3, 3)]:
            assert summaries[start:stop] == expected[start:stop], (status, start, stop)
        assert summaries[::2] == expected[::2]
        assert summaries[-2:] == expected[-2:]
        assert summaries[0] == expected[0] and summaries[-1] == expected[-1]
        if len(expected) > 1:
            assert summaries[1] == expected[1] and summaries[-2] == expected[-2]
        with pytest.raises(IndexError):
            summaries[len(expected)]
    assert expected[0]["issue_date"] is None or hasattr(expected[0]["issue_date"], "year")
    drafts = plans_summaries(include_drafts=True, status=None)
    assert "draft" in {p["status"] for p in drafts[0:50]}
    assert "draft" not in {p["status"] for p in plans_summaries()[0:50]}


def test_a_status_that_is_none_lists_nothing_and_reads_nothing(plans: list[Plan]) -> None:
    with CaptureQueriesContext(connection) as queries:
        bogus = plans_summaries(status="khong-co")
        assert len(bogus) == 0 and bogus[0:50] == []
    assert len(queries) == 0


def test_a_page_is_one_query_and_its_length_another(plans: list[Plan]) -> None:
    summaries = plans_summaries()
    with CaptureQueriesContext(connection) as queries:
        page = summaries[0:3]
        total = len(summaries)
    assert len(page) == 3 and total == len(_orm())
    page_sql, count_sql = (q["sql"] for q in queries)
    assert "LIMIT" in page_sql and "COUNT(*)" in count_sql
    assert "plans_program" not in count_sql and "plans_target" not in count_sql
    assert PlanStatus.ACTIVE.value in {p["status"] for p in page}


def test_reading_the_whole_list_is_two_queries_not_one_per_plan(plans: list[Plan]) -> None:
    summaries = plans_summaries(include_drafts=True)
    with CaptureQueriesContext(connection) as queries:
        # iterating (list() would ask the length first)
        everything = [plan for plan in summaries]
    assert everything == _orm(include_drafts=True) and len(everything) == len(plans)
    assert len(queries) == 2
