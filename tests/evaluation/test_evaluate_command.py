"""`tiendo evaluate`: the what-if from a CSV, the accepted figures of the database, refusals."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.helpers import series_of
from tiendo.evaluation.models import Assessment
from tiendo.evaluation.services import assessment_record, plan_evaluate
from tiendo.indicators.models import Figure
from tiendo.plans.models import Target

PLAN = "lang-son-2020-2025"


def evaluate(*args: str) -> str:
    out = io.StringIO()
    call_command("evaluate", "--plan", PLAN, *args, stdout=out)
    return out.getvalue()


def write_csv(tmp_path, text: str):
    path = tmp_path / "actuals.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.django_db
def test_published_figures_as_of_2025(builtin_plan, shared_dir):
    csv_path = str(shared_dir / "data/lang-son-reported-figures.csv")
    result = {
        e["code"]: e
        for e in json.loads(evaluate("--actuals", csv_path, "--as-of", "2025", "--json"))
    }
    assert len(result) == 53
    # 5.6: the official 2,32 % wins over the estimate 1,36 %; below 3 %: achieved.
    assert result["5.6"]["status"] == "achieved" and result["5.6"]["met"] is True
    assert result["5.6"]["latest_value"] == "2.32"
    assert "2,32%" in result["5.6"]["explanation"]
    # 3.1: "hơn 4,4 triệu" against "trên 4,4 triệu": more than 4,4 is above 4,4.
    assert result["3.1"]["status"] == "achieved"
    # 3.2: about 4.500 against more than 5.200: not achieved.
    assert result["3.2"]["status"] == "not_achieved" and result["3.2"]["met"] is False
    # 2.5: OCOP stock 215 in 2025 against 11 in 2020: +204 ≥ 50.
    assert result["2.5"]["status"] == "exceeded"
    # 2.9–2.11: 106, 28, 10 communes against 115, 32, 12.
    assert [result[c]["status"] for c in ("2.9", "2.10", "2.11")] == ["not_achieved"] * 3
    # Qualitative targets wait for a reviewer.
    assert result["6.6"]["status"] == "needs_assessment" and result["6.6"]["met"] is None
    # Keys of every object.
    assert set(result["1.1"]) >= {
        "code",
        "status",
        "met",
        "latest_year",
        "latest_value",
        "target",
        "progress_pct",
        "projection",
        "years_met",
        "years_judged",
        "explanation",
    }
    assert result["1.1"]["target"] == "Đến năm 2025 đạt khoảng 6.650 triệu USD"


@pytest.mark.django_db
def test_what_if_writes_nothing(builtin_plan, shared_dir):
    evaluate("--actuals", str(shared_dir / "data/lang-son-reported-figures.csv"), "--as-of", "2025")
    assert Figure.objects.count() == 0


@pytest.mark.django_db
def test_plain_output_groups_by_program_with_totals(builtin_plan, tmp_path):
    text = evaluate(
        "--actuals", write_csv(tmp_path, 'code,year,value\n5.6,2025,"2,32"\n'), "--as-of", "2025"
    )
    assert "Chương trình 5:" in text
    assert "5.6" in text and "Đạt" in text
    assert "Toàn chương trình (53 chỉ tiêu): Đạt 1, Chưa có số liệu 50, Cần đánh giá 2" in text


@pytest.mark.django_db
def test_accepted_figures_and_assessments_from_the_database(builtin_plan, django_user_model):
    target = Target.objects.get(plan=builtin_plan, code="7.1")
    for year, value in [(2021, 2100), (2022, 2050), (2023, 1990)]:
        Figure.objects.create(
            **series_of(target),
            year=year,
            value=Decimal(value),
            figure_type="official",
            accepted_at=timezone.now(),
        )
    reviewer = django_user_model.objects.create_user(username="reviewer")
    assessment_record(
        target=Target.objects.get(plan=builtin_plan, code="6.6"),
        year=2023,
        status="on_track",
        reasons="Biên giới ổn định, không có vụ việc phức tạp.",
        actor=reviewer,
    )
    result = plan_evaluate(plan=builtin_plan, as_of_year=2023).by_code()
    assert result["7.1"].status == "at_risk", "2023 fell short of 2.000, so the term cannot be met"
    assert result["6.6"].status == "on_track"
    assert Assessment.objects.count() == 1
    counts = plan_evaluate(plan=builtin_plan, as_of_year=2023).counts
    assert counts["at_risk"] == 1 and counts["on_track"] == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "Tệp trống"),
        ("ma,nam,gia_tri\n5.6,2025,2\n", "Dòng 1: tiêu đề phải có các cột code,year,value"),
        ("code,year,value\n9.9,2025,2\n", "Dòng 2: không có chỉ tiêu mã “9.9”"),
        ("code,year,value\n5.6,2025,hai\n", "Dòng 2: giá trị “hai” không phải là số"),
        (
            "code,year,value\n5.6,2025,2\n5.6,2025,3\n",
            "Dòng 3: chỉ tiêu 5.6 năm 2025 đã có số liệu loại “official” ở dòng 2",
        ),
        ("code,year,value\n5.6,2031,2\n", "Dòng 2: năm 2031 nằm ngoài nhiệm kỳ (2019–2025"),
        ("code,year,value\n6.6,2025,1\n", "Dòng 2: chỉ tiêu 6.6 là chỉ tiêu định tính"),
        ("code,year,value,figure\n5.6,2025,2,guess\n", "Dòng 2: loại số liệu “guess” không hợp lệ"),
        (
            "code,year,value,qualifier\n5.6,2025,2,roughly\n",
            "Dòng 2: mức chính xác “roughly” không hợp lệ",
        ),
        ("code,year,value\n", "không có dòng số liệu nào"),
        ("code,year,value\n1.4,2024,2\n", "Dòng 2: chỉ tiêu 1.4 là mốc hoàn thành"),
        (
            "code,year,value,from_year\n2.1,2025,6.14,2020\n",
            "Dòng 2: giai đoạn 2020–2025 không khớp giai đoạn 2021–2025 của chỉ tiêu 2.1",
        ),
        (
            "code,year,value,from_year\n5.6,2025,2,2021\n",
            "Dòng 2: số liệu cả giai đoạn 2021–2025 chỉ dùng cho chỉ tiêu tăng bình quân",
        ),
        (
            "code,year,value,from_year\n2.1,2025,6.14,hai\n",
            "Dòng 2: năm bắt đầu giai đoạn “hai” không phải là số nguyên",
        ),
        (
            "code,year,value,from_year\n2.1,2025,6.14,2021\n2.1,2025,6.2,2021\n",
            "Dòng 3: chỉ tiêu 2.1 giai đoạn 2021–2025 đã có số liệu loại “official” ở dòng 2",
        ),
    ],
)
def test_bad_actuals_are_refused_with_the_line_and_exit_status_2(
    content, message, builtin_plan, tmp_path
):
    out = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command(
            "evaluate",
            "--plan",
            PLAN,
            "--actuals",
            write_csv(tmp_path, content),
            "--json",
            stdout=out,
        )
    assert message in str(caught.value)
    assert caught.value.returncode == 2
    assert out.getvalue() == "", "no partial results"


@pytest.mark.django_db
def test_estimate_and_official_of_the_same_year_are_both_allowed(builtin_plan, tmp_path):
    content = 'code,year,value,figure\n5.6,2025,"1,36",estimate\n5.6,2025,"2,32",official\n'
    result = {
        e["code"]: e
        for e in json.loads(
            evaluate("--actuals", write_csv(tmp_path, content), "--as-of", "2025", "--json")
        )
    }
    assert result["5.6"]["latest_value"] == "2.32"


def test_unknown_plan_exits_2(db):
    with pytest.raises(CommandError) as caught:
        call_command("evaluate", "--plan", "khong-co")
    assert caught.value.returncode == 2


@pytest.mark.django_db
def test_a_figure_for_the_period_judges_2_1_exceeded(builtin_plan, tmp_path, shared_dir):
    """Issue 15: the row 2.1,2025,6.14 with from_year 2021 is the 2021–2025 mean growth
    (3–3,5 %/năm targeted): exceeded, the explanation naming the period figure; alongside the
    published yearly figures (2023, 2024 only) it still decides."""
    published = (shared_dir / "data/lang-son-reported-figures.csv").read_text(encoding="utf-8")
    header, *rows = published.splitlines()
    content = "\n".join(
        [f"{header},from_year", *(f"{row}," for row in rows), "2.1,2025,6.14,,official,,,,2021"]
    )
    result = {
        e["code"]: e
        for e in json.loads(
            evaluate("--actuals", write_csv(tmp_path, content), "--as-of", "2025", "--json")
        )
    }
    assert result["2.1"]["status"] == "exceeded"
    assert result["2.1"]["latest_from_year"] == 2021
    assert "Bình quân giai đoạn 2021–2025 tăng 6,14%/năm" in result["2.1"]["explanation"]
    assert "số liệu của cả giai đoạn" in result["2.1"]["explanation"]
    assert result["5.6"]["status"] == "achieved"  # the yearly rows are read as before
