"""Indicators across plans and terms (issue 15): the indicator pages, and the Done-when test —
a second plan imported from its text measures indicators of the first; one series of figures
serves both."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest

from tests.helpers import series_of
from tiendo.accounts.models import Role
from tiendo.accounts.services import user_create
from tiendo.evaluation.services import plan_evaluate
from tiendo.importer.services import draft_target_save, plan_import
from tiendo.indicators.models import Figure, Indicator
from tiendo.indicators.services import FigureRecord, figures_record
from tiendo.plans.models import Plan, PlanStatus
from tiendo.plans.services import plan_publish

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "lang-son-2025-2030-test.txt"
FOREST = "ty-le-che-phu-rung"

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(builtin_plan):
    user, _password = user_create(
        actor=None,
        username="vanphong.tu",
        role=Role.MONITOR,
        full_name="Văn phòng",
        check_actor=False,
    )
    return user


@pytest.fixture
def office_client(client, office):
    client.force_login(office)
    return client


def _record(target, year: int, value: str, kind: str = "official", **extra) -> None:
    figures_record(
        records=[
            FigureRecord(
                **series_of(target), year=year, value=Decimal(value), figure_type=kind, **extra
            )
        ],
        actor=None,
    )


def _next_plan(office) -> Plan:
    """The 2025–2030 program imported from its text the way `tiendo import` does, its
    indicators linked, published."""
    imported = plan_import(
        data=FIXTURE.read_bytes(), filename=FIXTURE.name, actor=office, code="lang-son-2025-2030"
    )
    plan = imported.plan
    assert plan.status == PlanStatus.DRAFT
    # The importer proposes the catalogue's indicator for each target (by name or synonym and
    # unit); the office confirms the proposals in the review (a target it would link elsewhere
    # is saved with that indicator's code) and publishes.
    for target in plan.targets.select_related("indicator_ref"):
        draft_target_save(
            plan=plan,
            actor=office,
            code=target.code,
            values={"indicator_code": target.indicator_ref.code},
        )
    plan_publish(plan=plan, actor=office, reason="Công bố chương trình nhiệm kỳ 2025–2030")
    plan.refresh_from_db()
    return plan


def test_done_when_both_plans_share_one_series_and_one_figure_counts_for_both(
    builtin_plan, office, office_client
):
    old = builtin_plan
    old_forest = old.targets.get(indicator_ref__code=FOREST)
    _record(old_forest, 2020, "62.8")
    _record(old_forest, 2023, "63.9")
    _record(old_forest, 2024, "64.5", "estimate")

    new = _next_plan(office)
    new_forest = new.targets.get(indicator_ref__code=FOREST)
    # linked to the catalogue's indicator, not to a new one: the same series
    assert new_forest.indicator_ref_id == old_forest.indicator_ref_id
    assert new.area_id == old.area_id
    assert new.follows_id == old.pk  # the next term's program, proposed by the importer
    linked = {t.indicator_ref.code for t in new.targets.select_related("indicator_ref")}
    assert linked == {
        FOREST,
        "kim-ngach-xnk-qua-dia-ban",
        "ty-le-dan-nong-thon-dung-nuoc-hvs",
        "ty-le-ho-ngheo",
        "ty-le-lao-dong-qua-dao-tao",
        "so-dang-vien-moi",
    }

    # one figure, accepted once, counts for the evaluation of both plans
    _record(new_forest, 2025, "65")
    assert Figure.objects.filter(indicator__code=FOREST, year=2025).count() == 1
    old_eval = plan_evaluate(plan=old, as_of_year=2025).by_code()[old_forest.code]
    new_eval = plan_evaluate(plan=new, as_of_year=2025).by_code()[new_forest.code]
    assert old_eval.status == "achieved"
    assert "65" in old_eval.explanation
    assert new_eval.latest_year == 2025 and new_eval.latest_value == Decimal("65")

    page = office_client.get(f"/chi-so/{FOREST}/")
    assert page.status_code == 200
    html = page.content.decode()
    # both plans' targets, one chart with both targets' levels and one series of figures
    assert f"/plans/{old.code}/targets/{old_forest.code}/" in html
    assert f"/plans/{new.code}/targets/{new_forest.code}/" in html
    assert html.count("<svg") == 1
    chart = html[html.index("<svg") : html.index("</svg>")]
    assert "23-CTr/TU, 2020–2025" in chart and "05-CTr/TU, 2025–2030" in chart
    assert re.search(r"Mục tiêu 23-CTr/TU · [\d.]+: 65 %", chart)
    assert re.search(r"Mục tiêu 05-CTr/TU · [\d.]+: 66 %", chart)
    # the series: 2020, 2023 official (filled), 2024 estimate (hollow), 2025 official
    assert chart.count('data-kind="official"') == 3
    assert chart.count('data-kind="estimate"') == 1
    assert "2024: 64,5 (ước tính)" in chart


def test_the_indicator_list_and_page_describe_the_indicator(staff_client, builtin_plan):
    forest = Indicator.objects.get(code=FOREST)
    target = builtin_plan.targets.get(indicator_ref=forest)
    _record(target, 2024, "64.9", source="Cục Thống kê tỉnh, Niên giám 2024")
    _record(target, 2024, "65.1", correction_reason="Số chính thức sau rà soát")
    listing = staff_client.get("/chi-so/").content.decode()
    assert f'href="/chi-so/{FOREST}/"' in listing
    assert forest.name in listing
    html = staff_client.get(f"/chi-so/{FOREST}/").content.decode()
    assert forest.name in html and forest.unit in html
    if forest.source:
        assert forest.source in html
    assert "Cục Thống kê tỉnh, Niên giám 2024" in html
    assert "Số chính thức sau rà soát" in html  # the correction and its reason
    assert staff_client.get("/chi-so/khong-co/").status_code == 404


def _grow(plan, office) -> None:
    """More figures, years and areas: the indicator pages' query counts must not grow."""
    for code in ("ty-le-che-phu-rung", "ty-le-ho-ngheo"):
        target = plan.targets.filter(indicator_ref__code=code).first()
        for year in range(2015, 2026):
            _record(target, year, str(60 + year - 2015), "estimate")


@pytest.mark.parametrize(("url", "queries"), [("/chi-so/", 3), (f"/chi-so/{FOREST}/", 5)])
def test_indicator_page_query_counts_are_pinned(
    office_client, builtin_plan, office, django_assert_num_queries, url, queries
):
    with django_assert_num_queries(queries):
        assert office_client.get(url).status_code == 200
    _grow(builtin_plan, office)
    _next_plan(office)
    with django_assert_num_queries(queries):
        assert office_client.get(url).status_code == 200


def test_open_data_of_indicators_has_the_sdmx_columns(client, builtin_plan):
    target = builtin_plan.targets.get(indicator_ref__code=FOREST)
    _record(target, 2024, "64.5", "estimate")
    _record(target, 2024, "64.9", source="Niên giám thống kê 2024")
    _record(target, 2023, "63.9", "reported")
    body = client.get("/du-lieu-mo/chi-so.csv").content.decode("utf-8-sig")
    lines = body.splitlines()
    assert lines[0].split(",")[:6] == [
        "INDICATOR",
        "INDICATOR_NAME",
        "REF_AREA",
        "REF_AREA_NAME",
        "TIME_PERIOD",
        "OBS_VALUE",
    ]
    assert {"UNIT_MEASURE", "OBS_STATUS", "SOURCE"} <= set(lines[0].split(","))
    rows = [line for line in lines[1:] if line.startswith(FOREST)]
    assert len(rows) == 2  # one row per indicator × year × area: the figure that counts
    assert ",2024,64.9," in rows[1] and ",A," in rows[1] and "Niên giám" in rows[1]
    assert ",2023,63.9," in rows[0] and ",P," in rows[0]
    one = client.get(f"/du-lieu-mo/chi-so/{FOREST}.json").json()
    assert [o["TIME_PERIOD"] for o in one["observations"]] == ["2023", "2024"]
    assert client.get("/du-lieu-mo/chi-so/khong-co.csv").status_code == 404


_ = dt
