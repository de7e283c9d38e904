"""Editing the plan one item at a time (section II.4): each edit goes through the same
`plan_load` as an upload of the plan document, so a plan of record gets a new revision with the
decision, and the earlier revisions keep what they said."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tiendo.accounts.permissions import NotAllowed
from tiendo.accounts.services import user_create
from tiendo.plans.document import PlanDocumentError
from tiendo.plans.models import Assignment, Breakthrough, PlanRevision, Target, Task
from tiendo.plans.selectors import plan_document_build
from tiendo.plans.services import (
    PlanDecision,
    plan_breakthrough_remove,
    plan_breakthrough_save,
    plan_load,
    plan_target_check,
    plan_target_remove,
    plan_target_save,
    plan_task_remove,
    plan_task_save,
)

DECISION = PlanDecision(
    reason="Điều chỉnh theo kết quả giữa kỳ",
    decision_ref="Kết luận 120-KL/TU ngày 30/6/2023",
    date=dt.date(2023, 6, 30),
)


@pytest.fixture
def office(builtin_plan):
    user, _ = user_create(
        actor=None,
        username="vp",
        role="monitor",
        unit_code="van-phong-tinh-uy",
        password="mat-khau-rat-dai-4",
        check_actor=False,
    )
    return user


def target_values(plan, code: str, **changes):
    held = next(t for t in plan_document_build(plan=plan)["targets"] if t["code"] == code)
    values = {k: v for k, v in held.items() if k not in ("code", "indicator_code")}
    return {**values, **changes}


@pytest.mark.django_db
def test_editing_a_target_value_makes_a_revision_and_keeps_the_old_one(builtin_plan, office):
    before = Target.objects.get(plan=builtin_plan, code="1.1").value
    result = plan_target_save(
        plan=builtin_plan,
        actor=office,
        original="1.1",
        values=target_values(builtin_plan, "1.1", value="7000"),
        decision=DECISION,
    )
    assert result.revision is not None and result.revision.number == 2
    assert result.revision.reason == DECISION.reason
    assert result.revision.decision_ref == DECISION.decision_ref
    assert result.revision.date == dt.date(2023, 6, 30)
    assert result.changes == ["Sửa chỉ tiêu 1.1: value"]
    assert Target.objects.get(plan=builtin_plan, code="1.1").value == Decimal("7000")
    first = PlanRevision.objects.get(plan=builtin_plan, number=1)
    old = next(t for t in first.snapshot["targets"] if t["code"] == "1.1")
    assert Decimal(old["value"]) == before != Decimal("7000")


@pytest.mark.django_db
def test_adding_a_target_places_it_in_its_program_and_resolves_its_indicator(builtin_plan, office):
    values = {
        "code": "1.99",
        "program": 1,
        "kind": "level",
        "comparator": "ge",
        "value": "120",
        "value_high": None,
        "tolerance_pct": None,
        "unit": "doanh nghiệp",
        "from_year": None,
        "to_year": 2025,
        "indicator": "Số doanh nghiệp logistics",
        "source_text": "có ít nhất 120 doanh nghiệp logistics",
        "baseline": {"value": "80", "year": 2020},
    }
    result = plan_target_save(
        plan=builtin_plan, actor=office, original=None, values=values, decision=DECISION
    )
    assert "Thêm chỉ tiêu 1.99" in result.changes
    target = Target.objects.get(plan=builtin_plan, code="1.99")
    assert target.baseline_value == Decimal("80") and target.baseline_year == 2020
    assert target.indicator_ref is not None
    codes = [t["code"] for t in plan_document_build(plan=builtin_plan)["targets"]]
    last_of_program_1 = max(i for i, c in enumerate(codes) if c.startswith("1."))
    assert codes[last_of_program_1] == "1.99" and codes[last_of_program_1 + 1].startswith("2.")


@pytest.mark.django_db
def test_removing_a_target_drops_its_assignments_and_is_a_revision(builtin_plan, office):
    document = plan_document_build(plan=builtin_plan)
    document["assignments"].append(
        {"unit": "van-phong-tinh-uy", "role": "monitor", "scope": "target", "ref": "2.1"}
    )
    plan_load(document=document, reason="Văn phòng theo dõi chỉ tiêu 2.1")
    assert Assignment.objects.filter(plan=builtin_plan, target__code="2.1").exists()
    result = plan_target_remove(plan=builtin_plan, actor=office, code="2.1", decision=DECISION)
    assert result.revision is not None
    assert any(c.startswith("Xóa chỉ tiêu") for c in result.changes)
    assert not Target.objects.filter(plan=builtin_plan, code="2.1").exists()
    assert not Assignment.objects.filter(plan=builtin_plan, target__code="2.1").exists()
    earlier = PlanRevision.objects.get(plan=builtin_plan, number=2)
    assert any(t["code"] == "2.1" for t in earlier.snapshot["targets"])


@pytest.mark.django_db
def test_an_invalid_value_is_refused_with_its_field_and_nothing_changes(builtin_plan, office):
    with pytest.raises(PlanDocumentError) as caught:
        plan_target_save(
            plan=builtin_plan,
            actor=office,
            original="1.1",
            values=target_values(builtin_plan, "1.1", comparator="range", value_high="100"),
            decision=DECISION,
        )
    assert caught.value.path.endswith(".value_high")
    assert "cận trên phải lớn hơn cận dưới" in caught.value.message
    assert PlanRevision.objects.filter(plan=builtin_plan).count() == 1
    with pytest.raises(PlanDocumentError) as caught:
        plan_target_check(
            plan=builtin_plan,
            original="1.1",
            values=target_values(builtin_plan, "1.1", baseline={"value": "1", "year": 2030}),
        )
    assert caught.value.path.endswith(".baseline.year")


@pytest.mark.django_db
def test_a_plan_of_record_needs_the_decision(builtin_plan, office):
    with pytest.raises(PlanDocumentError) as caught:
        plan_target_save(
            plan=builtin_plan,
            actor=office,
            original="1.1",
            values=target_values(builtin_plan, "1.1", value="7000"),
            decision=PlanDecision(reason="Sửa"),
        )
    assert caught.value.path == "$.decision_ref"
    assert Target.objects.get(plan=builtin_plan, code="1.1").value != Decimal("7000")


@pytest.mark.django_db
def test_only_the_office_edits(builtin_plan):
    leader, _ = user_create(
        actor=None, username="ld", role="leader", password="mat-khau-rat-dai-5", check_actor=False
    )
    with pytest.raises(NotAllowed):
        plan_task_remove(plan=builtin_plan, actor=leader, code="1.1", decision=DECISION)


@pytest.mark.django_db
def test_tasks_are_added_edited_and_removed(builtin_plan, office):
    task = Task.objects.filter(plan=builtin_plan).order_by("position").first()
    assert task is not None
    plan_task_save(
        plan=builtin_plan,
        actor=office,
        original=task.code,
        values={"program": task.program.number, "text": "Nội dung mới", "status": "in_progress"},
        decision=DECISION,
    )
    task.refresh_from_db()
    assert (task.text, task.status) == ("Nội dung mới", "in_progress")
    plan_task_save(
        plan=builtin_plan,
        actor=office,
        original=None,
        values={
            "code": "nv-moi",
            "program": 7,
            "text": "Nhiệm vụ bổ sung",
            "due_date": "2024-12-31",
            "status": "not_started",
        },
        decision=DECISION,
    )
    added = Task.objects.get(plan=builtin_plan, code="nv-moi")
    assert added.due_date == dt.date(2024, 12, 31) and added.program.number == 7
    with pytest.raises(PlanDocumentError, match="đã dùng"):
        plan_task_save(
            plan=builtin_plan,
            actor=office,
            original=None,
            values={"code": "1.1", "program": 1, "text": "x", "status": "not_started"},
            decision=DECISION,
        )
    plan_task_remove(plan=builtin_plan, actor=office, code="nv-moi", decision=DECISION)
    assert not Task.objects.filter(plan=builtin_plan, code="nv-moi").exists()
    assert PlanRevision.objects.filter(plan=builtin_plan).count() == 4


@pytest.mark.django_db
def test_breakthroughs_are_added_edited_and_removed(builtin_plan, office):
    task = Task.objects.filter(plan=builtin_plan).order_by("position").first()
    assert task is not None
    plan_breakthrough_save(
        plan=builtin_plan,
        actor=office,
        original=None,
        values={"number": 9, "text": "Chuyển đổi số", "programs": [1, 3], "tasks": [task.code]},
        decision=DECISION,
    )
    item = Breakthrough.objects.get(plan=builtin_plan, number=9)
    assert sorted(p.number for p in item.programs.all()) == [1, 3]
    assert [t.code for t in item.tasks.all()] == [task.code]
    plan_breakthrough_save(
        plan=builtin_plan,
        actor=office,
        original=9,
        values={"text": "Chuyển đổi số toàn diện", "programs": [2], "tasks": []},
        decision=DECISION,
    )
    item.refresh_from_db()
    assert item.text == "Chuyển đổi số toàn diện"
    assert [p.number for p in item.programs.all()] == [2] and not item.tasks.exists()
    plan_breakthrough_remove(plan=builtin_plan, actor=office, number=9, decision=DECISION)
    assert not Breakthrough.objects.filter(plan=builtin_plan, number=9).exists()


@pytest.mark.django_db
def test_a_draft_is_changed_in_place_without_a_revision(builtin_plan, office):
    builtin_plan.status = "draft"
    builtin_plan.save(update_fields=["status"])
    count = PlanRevision.objects.filter(plan=builtin_plan).count()
    result = plan_target_save(
        plan=builtin_plan,
        actor=office,
        original="1.1",
        values=target_values(builtin_plan, "1.1", value="7000"),
        decision=PlanDecision(),
    )
    assert result.changed and result.revision is None
    assert PlanRevision.objects.filter(plan=builtin_plan).count() == count
    assert Target.objects.get(plan=builtin_plan, code="1.1").value == Decimal("7000")
