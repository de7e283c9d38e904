"""`tiendo init --demo`: a first run that is not empty, and says it holds sample data."""

from __future__ import annotations

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from tiendo.indicators.models import Figure
from tiendo.ops.setup import instance_setup
from tiendo.plans.models import Assignment, ImplementingDocument, Plan
from tiendo.reporting.models import ReportingRound, RoundStatus, SubmissionState
from tiendo.workprograms.models import WorkProgram

PLAN = "lang-son-2020-2025"


@pytest.fixture
def home(settings, tmp_path):
    settings.DATA_HOME = tmp_path  # the sample-data mark goes beside this test's data
    return tmp_path


def coverage() -> dict:
    out = io.StringIO()
    call_command("plan", "coverage", PLAN, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_init_demo_makes_every_target_and_task_reportable(db, home, client):
    result = instance_setup(collect_static=False, with_sample=True)
    assert result.sample is not None and result.sample.loaded
    assert coverage() == {
        "targets": {"total": 53, "reportable": 53, "uncovered": []},
        "tasks": {"total": 40, "reportable": 40, "uncovered": []},
    }
    plan = Plan.objects.get(code=PLAN)
    # the delegations hang below the lead body, on the basis of a registered plan
    trade = Assignment.objects.get(plan=plan, target__code="1.1", unit__code="so-cong-thuong")
    assert trade.parent is not None
    assert trade.parent.unit.code == "ban-can-su-dang-uy-ban-nhan-dan-tinh"
    assert trade.basis_document is not None and trade.basis_document.number == "45-KH/BCSĐ"
    recruits = Assignment.objects.get(plan=plan, target__code="6.1")
    assert recruits.unit.code == "bo-chi-huy-quan-su-tinh"
    # published figures, each with its source
    figures = Figure.objects.filter(area=plan.area)
    assert figures.count() >= 20
    assert all(f.source.startswith("http") and "Dữ liệu mẫu" in f.note for f in figures)
    assert figures.filter(indicator=plan.targets.get(code="5.6").indicator_ref, year=2025).count()
    # the register, the 2022 work program, one open round with reports in every state
    assert ImplementingDocument.objects.filter(plan=plan).count() >= 3
    assert WorkProgram.objects.get(plan=plan, year=2022).items.count() > 10
    rnd = ReportingRound.objects.get(plan=plan)
    assert rnd.status == RoundStatus.OPEN
    states = set(rnd.submissions.values_list("state", flat=True))
    assert {
        SubmissionState.DRAFT,
        SubmissionState.SUBMITTED,
        SubmissionState.RETURNED,
        SubmissionState.ACCEPTED,
    } <= states
    # every page says it is sample data
    client.force_login(get_user_model().objects.get(username="theodoi"))
    page = client.get(f"/plans/{PLAN}/").content.decode()
    assert "sample-banner" in page and "Dữ liệu mẫu" in page
    # a second run loads nothing more
    again = instance_setup(collect_static=False, with_sample=True)
    assert again.sample is not None and not again.sample.loaded
    assert ReportingRound.objects.filter(plan=plan).count() == 1


def test_plain_init_has_no_sample_banner(db, home, client):
    result = instance_setup(collect_static=False)
    assert result.sample is None
    assert coverage()["targets"]["reportable"] == 25
    client.force_login(get_user_model().objects.get(username="theodoi"))
    page = client.get(f"/plans/{PLAN}/").content.decode()
    assert "sample-banner" not in page
