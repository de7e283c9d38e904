"""`tiendo figures load`: published figures become accepted figures; twice changes nothing; a
different value is a correction, never an overwrite; a bad file changes nothing."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from tests.helpers import figures_of
from tiendo.audit.models import AuditEntry
from tiendo.evaluation.services import plan_evaluate
from tiendo.indicators.models import Figure

PLAN = "lang-son-2020-2025"


def load(path, reason="Số liệu công bố") -> str:
    out = io.StringIO()
    call_command("figures", "load", str(path), "--plan", PLAN, "--reason", reason, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_published_figures_load_once_and_feed_the_evaluation(builtin_plan, shared_dir):
    path = shared_dir / "data/lang-son-reported-figures.csv"
    assert "Đã nạp 23 số liệu mới, 0 số đính chính; 0 số đã có" in load(path)
    assert "Đã nạp 0 số liệu mới, 0 số đính chính; 23 số đã có" in load(path)
    assert Figure.objects.count() == 23
    figure = figures_of(builtin_plan.targets.get(code="5.6")).get(year=2025, figure_type="official")
    assert figure.value == Decimal("2.32")
    assert "langson.gov.vn" in figure.source and "2,32%" in figure.source
    assert AuditEntry.objects.filter(object_type="indicators.figure").count() == 23
    result = plan_evaluate(plan=builtin_plan, as_of_year=2025).by_code()
    assert result["5.6"].status == "achieved" and result["2.5"].status == "exceeded"


@pytest.mark.django_db
def test_a_different_value_is_recorded_as_a_correction(builtin_plan, tmp_path):
    path = tmp_path / "a.csv"
    path.write_text('code,year,value,figure\n5.6,2025,"2,30",official\n', encoding="utf-8")
    load(path)
    path.write_text('code,year,value,figure\n5.6,2025,"2,32",official\n', encoding="utf-8")
    assert "1 số đính chính" in load(path, reason="Quyết định phê duyệt kết quả rà soát")
    first, second = Figure.objects.order_by("id")
    assert first.value == Decimal("2.30") and second.corrects == first
    assert second.correction_reason == "Quyết định phê duyệt kết quả rà soát"
    assert plan_evaluate(plan=builtin_plan, as_of_year=2025).by_code()[
        "5.6"
    ].latest_value == Decimal("2.32")


@pytest.mark.django_db
def test_a_bad_line_refuses_the_whole_file(builtin_plan, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("code,year,value\n5.6,2025,2\n9.9,2025,1\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"Dòng 3: không có chỉ tiêu mã “9\.9”"):
        load(path)
    assert Figure.objects.count() == 0


@pytest.mark.django_db
def test_a_period_figure_is_held_and_decides_an_average_growth_target(builtin_plan, tmp_path):
    """Issue 15: provinces often publish only the period figure ("giai đoạn 2021–2025 tăng
    bình quân 6,14%/năm"); loaded with its from_year, it is kept as a figure of the period and
    the evaluation of 2.1 (3–3,5 %/năm over 2021–2025) uses it, saying so."""
    path = tmp_path / "giai-doan.csv"
    path.write_text(
        'code,year,value,figure,from_year\n2.1,2025,"6,14",official,2021\n', encoding="utf-8"
    )
    assert "Đã nạp 1 số liệu mới" in load(path)
    figure = figures_of(builtin_plan.targets.get(code="2.1")).get()
    assert (figure.from_year, figure.year, figure.period_label) == (2021, 2025, "2021–2025")
    result = plan_evaluate(plan=builtin_plan, as_of_year=2025).by_code()["2.1"]
    assert result.status == "exceeded"
    assert "2021–2025" in result.explanation and "6,14" in result.explanation
    assert "Đã nạp 0 số liệu mới, 0 số đính chính; 1 số đã có" in load(path)
