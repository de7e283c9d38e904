"""The plan, program, target and revision pages: content in Vietnamese, sign-in required, and a
pinned number of queries that does not grow with the plan."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.helpers import series_of
from tiendo.org.models import OrgUnit
from tiendo.plans.models import Assignment, Target, Task

PLAN = "lang-son-2020-2025"


def test_healthz_answers_when_the_database_does(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/plans/",
        f"/plans/{PLAN}/",
        f"/plans/{PLAN}/programs/1/",
        f"/plans/{PLAN}/targets/1.1/",
    ],
)
def test_pages_need_sign_in(client, builtin_plan, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


@pytest.mark.django_db
def test_home_goes_to_the_only_plan(staff_client, builtin_plan):
    response = staff_client.get("/")
    assert response.status_code == 302 and response["Location"] == f"/plans/{PLAN}/"


@pytest.mark.django_db
def test_plan_page(staff_client, builtin_plan):
    page = staff_client.get(f"/plans/{PLAN}/").content.decode()
    assert "23-CTr/TU" in page
    assert "27/08/2021" in page
    assert "Tiếp tục tập trung phát triển nhanh kinh tế cửa khẩu" in page
    assert "Ban cán sự đảng UBND tỉnh" in page or "BCSĐ UBND tỉnh" in page
    assert "Tập trung nguồn lực đầu tư xây dựng kết cấu hạ tầng" in page
    assert "Văn phòng Tỉnh ủy" in page and "Theo dõi, đôn đốc" in page
    assert "31/12/2021" in page
    assert "04-CTr/TU" in page


@pytest.mark.django_db
def test_program_page_writes_each_target_in_words(staff_client, builtin_plan):
    page = staff_client.get(f"/plans/{PLAN}/programs/1/").content.decode()
    assert "Đến năm 2025 đạt khoảng 6.650 triệu USD" in page
    assert page.count('id="task-NV1.') == 4
    page7 = staff_client.get(f"/plans/{PLAN}/programs/7/").content.decode()
    assert "Mỗi năm 2021–2025" in page7 and "2.000 đảng viên" in page7


@pytest.mark.django_db
def test_target_page(staff_client, builtin_plan):
    page = staff_client.get(f"/plans/{PLAN}/targets/5.6/").content.decode()
    assert "Tỷ lệ hộ nghèo" in page
    assert "dưới 3%" in page
    assert "Đến năm 2025, tỷ lệ hộ nghèo &lt; 3%" in page
    page = staff_client.get(f"/plans/{PLAN}/targets/2.1/").content.decode()
    assert "3–3,5%/năm" in page and " %" not in page.split("<main")[1], "65%, never 65 %"


@pytest.mark.django_db
def test_revision_page_shows_the_version(staff_client, builtin_plan):
    page = staff_client.get(f"/plans/{PLAN}/revisions/1/").content.decode()
    assert "Phiên bản 1" in page and "Thêm chỉ tiêu 1.1" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        f"/plans/{PLAN}/programs/9/",
        f"/plans/{PLAN}/targets/9.9/",
        "/plans/khong-co/",
        f"/plans/{PLAN}/revisions/7/",
    ],
)
def test_missing_things_are_404(staff_client, builtin_plan, url):
    assert staff_client.get(url).status_code == 404


def grow_plan(plan, factor: int) -> None:
    """Add (factor - 1) times as many targets, tasks, assignments and figures to program 2."""
    from django.utils import timezone

    from tiendo.indicators.models import Figure, Indicator

    program = plan.programs.get(number=2)
    unit = OrgUnit.objects.create(code="so-thu", name="Sở thử", kind="department")
    base_targets = list(Target.objects.filter(plan=plan, program=program))
    base_tasks = list(Task.objects.filter(plan=plan, program=program))
    for copy in range(1, factor):
        for target in base_targets:
            clone = Target.objects.create(
                plan=plan,
                program=program,
                code=f"{target.code}.{copy}",
                position=1000 + copy,
                kind=target.kind,
                comparator=target.comparator,
                value=target.value,
                value_high=target.value_high,
                unit=target.unit,
                from_year=target.from_year,
                to_year=target.to_year,
                indicator=target.indicator,
                indicator_ref=Indicator.objects.create(
                    code=f"clone-{target.pk}-{copy}", name=f"{target.indicator} ({copy})"
                )
                if target.kind != "qualitative"
                else None,
            )
            Assignment.objects.create(plan=plan, unit=unit, role="lead", target=clone)
            if clone.kind != "qualitative":
                Figure.objects.bulk_create(
                    Figure(
                        **series_of(clone),
                        year=year,
                        value=Decimal(year - 2000),
                        figure_type=kind,
                        accepted_at=timezone.now(),
                    )
                    for year in range(2020, 2026)
                    for kind in ("estimate", "official")
                )
        for task in base_tasks:
            clone_task = Task.objects.create(
                plan=plan,
                program=program,
                code=f"{task.code}.{copy}",
                position=1000 + copy,
                text=task.text,
            )
            Assignment.objects.create(plan=plan, unit=unit, role="coordinate", task=clone_task)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "queries"),
    [
        (f"/plans/{PLAN}/", 18),  # + the other plans, for the switch between terms
        (f"/plans/{PLAN}/programs/2/", 12),
        (f"/plans/{PLAN}/programs/2/?unit=so-thu&status=no_data", 12),
        # + what every target page of the plan shows, read once for all: the targets, their
        # figures, assessments, coverage (five) and the same indicators in other plans
        (f"/plans/{PLAN}/targets/2.2/", 15),
        ("/plans/", 3),
    ],
)
def test_query_count_is_pinned_and_does_not_grow(
    staff_client, builtin_plan, django_assert_num_queries, url, queries
):
    with django_assert_num_queries(queries):
        assert staff_client.get(url).status_code == 200
    grow_plan(builtin_plan, 10)
    with django_assert_num_queries(queries):
        assert staff_client.get(url).status_code == 200
    assert Target.objects.filter(plan=builtin_plan).count() > 100


def add_figures(plan) -> None:
    from django.utils import timezone

    from tiendo.indicators.models import Figure

    now = timezone.now()
    rows = {
        "5.6": [(2024, "3.36", "official"), (2025, "1.36", "estimate"), (2025, "2.32", "official")],
        "2.9": [(2025, "106", "reported")],
        "7.1": [(2021, "2100", "official"), (2022, "2050", "official"), (2023, "1990", "estimate")],
    }
    for code, figures in rows.items():
        target = Target.objects.get(plan=plan, code=code)
        for year, value, kind in figures:
            Figure.objects.create(
                **series_of(target),
                year=year,
                value=Decimal(value),
                figure_type=kind,
                accepted_at=now,
            )


@pytest.mark.django_db
def test_dashboard_counts_targets_by_status_and_lists_what_needs_attention(
    staff_client, builtin_plan
):
    add_figures(builtin_plan)
    page = staff_client.get(f"/plans/{PLAN}/?as_of=2025").content.decode()
    assert "Tình hình thực hiện các chỉ tiêu" in page and "(2025)" in page
    assert "1/53" in page, "one target met (5.6) out of 53"
    assert "Cần chú ý trước" in page
    attention = page.split("Cần chú ý trước")[1]
    assert attention.index("2.9.") < attention.index("7.1."), "not achieved before at risk/no data"
    assert 'class="badge not_achieved">Không đạt' in page


@pytest.mark.django_db
def test_as_of_selector_returns_only_the_dashboard_to_htmx(staff_client, builtin_plan):
    response = staff_client.get(f"/plans/{PLAN}/?as_of=2023", HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="dashboard"')
    assert "<html" not in body and "(2023)" in body


@pytest.mark.django_db
def test_program_filters_by_status_and_unit_and_works_without_javascript(
    staff_client, builtin_plan
):
    add_figures(builtin_plan)
    page = staff_client.get(
        f"/plans/{PLAN}/programs/5/?as_of=2025&status=achieved"
    ).content.decode()
    assert 'href="/plans/lang-son-2020-2025/targets/5.6/?as_of=2025"' in page
    assert "targets/5.1/" not in page
    assert "<noscript>" in page, "the filter form submits as a normal form without JavaScript"
    fragment = staff_client.get(
        f"/plans/{PLAN}/programs/7/?as_of=2023&status=at_risk", HTTP_HX_REQUEST="true"
    ).content.decode()
    assert fragment.lstrip().startswith('<section id="results"') and "targets/7.1/" in fragment


@pytest.mark.django_db
def test_target_page_draws_the_chart_and_lists_figures(staff_client, builtin_plan):
    add_figures(builtin_plan)
    page = staff_client.get(f"/plans/{PLAN}/targets/5.6/?as_of=2025").content.decode()
    assert "<svg" in page and "Mục tiêu 3%" in page
    assert "2024: 3,36; 2025: 2,32" in page, "the chart says in words what it draws"
    assert "Số chính thức" in page and "Ước thực hiện" in page
    assert 'class="badge achieved">Đạt' in page


def add_old_figures(plan) -> None:
    """1.1 has figures up to 2023 only: as of 2025 its data is old."""
    from django.utils import timezone

    from tiendo.indicators.models import Figure

    target = Target.objects.get(plan=plan, code="1.1")
    for year, value in ((2021, "3100"), (2022, "4000"), (2023, "4975")):
        Figure.objects.create(
            **series_of(target),
            year=year,
            value=Decimal(value),
            figure_type="official",
            accepted_at=timezone.now(),
        )


@pytest.mark.django_db
def test_dashboard_draws_one_bar_per_program_in_the_words_of_the_tiles(staff_client, builtin_plan):
    add_figures(builtin_plan)
    page = staff_client.get(f"/plans/{PLAN}/?as_of=2025").content.decode()
    bars = page.split('<figure class="program-bars">')[1].split("</figure>")[0]
    assert bars.count('<svg xmlns="http://www.w3.org/2000/svg" class="status-bar"') == 7
    assert "Chương trình 2, 12 chỉ tiêu: Không đạt: 1; Chưa có số liệu: 11" in bars
    assert "Chương trình 5, 6 chỉ tiêu: Đạt: 1; Chưa có số liệu: 5" in bars
    legend = bars.split('<ul class="bars">')[0]
    for word in ("Đạt", "Không đạt", "Chưa có số liệu", "Cần đánh giá"):
        assert f"</svg> {word}</li>" in legend, word
    assert 'href="/plans/lang-son-2020-2025/programs/2/?as_of=2025"' in bars


@pytest.mark.django_db
def test_program_page_draws_a_trend_line_beside_each_status(staff_client, builtin_plan):
    add_figures(builtin_plan)
    page = staff_client.get(f"/plans/{PLAN}/programs/5/?as_of=2025").content.decode()
    row = page.split('href="/plans/lang-son-2020-2025/targets/5.6/?as_of=2025"')[1].split("</tr>")[
        0
    ]
    cell = row.split('<td class="status-trend')[1]
    assert cell.index('class="badge achieved">Đạt') < cell.index('<span class="spark"><svg')
    assert "2024: 3,36; 2025: 2,32" in cell, "the trend line says what it draws"
    row = page.split('href="/plans/lang-son-2020-2025/targets/5.1/?as_of=2025"')[1].split("</tr>")[
        0
    ]
    assert "<svg" not in row, "no trend line without a figure"


@pytest.mark.django_db
def test_progress_is_shown_only_for_a_figure_of_the_judged_year(staff_client, builtin_plan):
    add_old_figures(builtin_plan)
    page = staff_client.get(f"/plans/{PLAN}/programs/1/?as_of=2025").content.decode()
    row = page.split('href="/plans/lang-son-2020-2025/targets/1.1/?as_of=2025"')[1].split("</tr>")[
        0
    ]
    cells = row.split("<td")
    assert 'class="badge no_data">Chưa có số liệu' in row
    assert cells[3].split(">", 1)[1].startswith("—</td>"), "no progress beside no data"
    assert "đến 2023 đạt 74,8% mục tiêu" in cells[2], "the old figure's progress, with its year"
    assert "dự báo 2025:" in cells[2]
    target = staff_client.get(f"/plans/{PLAN}/targets/1.1/?as_of=2025").content.decode()
    assert "<dt>Tiến độ</dt>" not in target
    assert (
        "Số liệu gần nhất (2023):</strong> 4.975 triệu USD (số chính thức). "
        "Tính đến năm 2023 đạt 74,8% mục tiêu." in target
    )
    assert "Dự báo năm 2025: " in target and "(theo xu hướng tuyến tính)" in target
    assert '<line class="projection"' in target, "the projection is drawn on the chart"
    judged = staff_client.get(f"/plans/{PLAN}/targets/1.1/?as_of=2023").content.decode()
    assert "<dt>Tiến độ</dt><dd>74,8%</dd>" in judged
    assert "Số liệu gần nhất" not in judged, "the figure is of the judged year: nothing is old"


@pytest.mark.django_db
def test_no_empty_chart_for_a_target_without_figures(staff_client, builtin_plan):
    page = staff_client.get(f"/plans/{PLAN}/targets/2.2/?as_of=2025").content.decode()
    assert "<svg" not in page and "chart-card" not in page


@pytest.mark.django_db
def test_pages_show_the_engines_sentences_without_a_repeated_ending(staff_client, builtin_plan):
    add_old_figures(builtin_plan)
    sentence = (
        "Chưa có số liệu năm 2025; số liệu gần nhất là năm 2023: 4.975 triệu USD (số chính thức);"
    )
    for url in (f"/plans/{PLAN}/?as_of=2025", f"/plans/{PLAN}/targets/1.1/?as_of=2025"):
        page = staff_client.get(url).content.decode()
        assert sentence in page, url
        assert ": chưa có số liệu." not in page and "chưa có số liệu: chưa" not in page
