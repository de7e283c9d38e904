"""`tiendo plan load`: a bad file is refused whole with the JSON path of its first error and
changes nothing; a good change makes a revision, keeps the earlier version readable, and is
audited."""

from __future__ import annotations

import copy
import io
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction

from tiendo.audit.models import AuditEntry
from tiendo.org.models import OrgUnit
from tiendo.plans.document import PlanDocumentError
from tiendo.plans.models import Assignment, Plan, PlanRevision, Program, Target, Task
from tiendo.plans.services import plan_builtin_document, plan_load


def small_document() -> dict:
    return {
        "format": "tiendo.plan/1",
        "code": "thu-nghiem",
        "number": "01-CTr/TU",
        "title": "Chương trình thử nghiệm",
        "term": {"from_year": 2025, "to_year": 2030},
        "units": [{"key": "van-phong", "name": "Văn phòng Tỉnh ủy", "kind": "office"}],
        "programs": [{"number": 1, "title": "Kinh tế"}],
        "targets": [
            {
                "code": "1.1",
                "program": 1,
                "kind": "level",
                "comparator": "range",
                "value": "3",
                "value_high": 3.5,
                "unit": "%",
                "to_year": 2030,
                "indicator": "Tỷ lệ",
            }
        ],
        "tasks": [{"code": "NV1.1", "program": 1, "text": "Làm tốt."}],
        "assignments": [{"unit": "van-phong", "role": "monitor", "scope": "plan"}],
    }


def db_state() -> tuple[int, ...]:
    return (
        Plan.objects.count(),
        Program.objects.count(),
        Target.objects.count(),
        Task.objects.count(),
        Assignment.objects.count(),
        OrgUnit.objects.count(),
        PlanRevision.objects.count(),
        AuditEntry.objects.count(),
    )


def load_file(tmp_path, content: str) -> str:
    path = tmp_path / "plan.json"
    path.write_text(content, encoding="utf-8")
    out = io.StringIO()
    call_command("plan", "load", str(path), stdout=out)
    return out.getvalue()


BAD_DOCUMENTS = [
    (lambda d: d.pop("title"), "$", "title"),
    (lambda d: d["targets"][0].update(value_high=None), "$.targets[0].value_high", "cận trên"),
    (lambda d: d["targets"][0].update(value_high="2"), "$.targets[0].value_high", "lớn hơn"),
    (lambda d: d["targets"][0].update(program=9), "$.targets[0].program", "chương trình 9"),
    (lambda d: d["targets"][0].update(kind="milestone"), "$.targets[0].comparator", "milestone"),
    (lambda d: d["targets"][0].update(kind="annual"), "$.targets[0].from_year", "năm bắt đầu"),
    (lambda d: d["targets"][0].update(kind="tuyệt vời"), "$.targets[0].kind", "không hợp lệ"),
    (lambda d: d["targets"][0].update(value="nhiều"), "$.targets[0].value", "không hợp lệ"),
    (lambda d: d["assignments"][0].update(unit="khong-co"), "$.assignments[0].unit", "khong-co"),
    (
        lambda d: d["assignments"][0].update(scope="target", ref="9.9"),
        "$.assignments[0].ref",
        "9.9",
    ),
    (lambda d: d["tasks"].append(dict(d["tasks"][0])), "$.tasks[1].code", "đã dùng"),
    (lambda d: d.update(term={"from_year": 2030, "to_year": 2025}), "$.term", "năm bắt đầu"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("mutate", "path", "words"), BAD_DOCUMENTS)
def test_a_bad_document_is_refused_whole_with_its_path(mutate, path, words, builtin_plan, tmp_path):
    document = small_document()
    document["targets"].append(
        {
            "code": "1.2",
            "program": 1,
            "kind": "milestone",
            "to_year": 2027,
            "indicator": "Xong đường",
        }
    )
    mutate(document)
    before = db_state()
    with pytest.raises(CommandError) as caught:
        load_file(tmp_path, json.dumps(document, ensure_ascii=False))
    message = str(caught.value)
    assert f"Lỗi tại {path}:" in message
    assert words in message
    assert db_state() == before


@pytest.mark.django_db
def test_invalid_json_names_line_and_column(db, tmp_path):
    before = db_state()
    with pytest.raises(CommandError, match=r"dòng 4, cột 1"):
        load_file(tmp_path, '{\n "format": "tiendo.plan/1",\n "code": \n}')
    assert db_state() == before


@pytest.mark.django_db
def test_an_error_late_in_a_good_plan_leaves_the_held_plan_untouched(builtin_plan):
    document = plan_builtin_document()
    document["targets"][0]["value"] = "7000"
    document["targets"][-1]["comparator"] = None
    before = db_state()
    with pytest.raises(PlanDocumentError) as caught:
        plan_load(document=document)
    assert caught.value.path == "$.targets[52].comparator"
    assert db_state() == before
    assert Target.objects.get(plan=builtin_plan, code="1.1").value == Decimal("6650")


@pytest.mark.django_db
def test_an_adjustment_makes_a_revision_and_keeps_the_earlier_version(builtin_plan, tmp_path):
    document = plan_builtin_document()
    document["targets"][0]["value"] = 7000
    document["tasks"].append({"code": "NV1.5", "program": 1, "text": "Nhiệm vụ bổ sung."})
    path = tmp_path / "adjusted.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    out = io.StringIO()
    call_command(
        "plan",
        "load",
        str(path),
        "--reason",
        "Điều chỉnh chỉ tiêu",
        "--decision",
        "Kết luận 99-KL/TU",
        "--date",
        "2023-06-30",
        stdout=out,
    )
    assert "phiên bản 2" in out.getvalue()
    revision = PlanRevision.objects.get(plan=builtin_plan, number=2)
    assert revision.decision_ref == "Kết luận 99-KL/TU"
    assert revision.date.isoformat() == "2023-06-30"
    assert "Sửa chỉ tiêu 1.1: value" in revision.changes
    assert "Thêm nhiệm vụ NV1.5" in revision.changes
    first = PlanRevision.objects.get(plan=builtin_plan, number=1).snapshot
    assert first["targets"][0]["value"] == "6650"
    assert revision.snapshot["targets"][0]["value"] == "7000"
    entry = AuditEntry.objects.filter(object_type="plans.target", action="update").get()
    assert entry.changes == {"value": {"before": "6650", "after": "7000"}}
    assert entry.reason == "Điều chỉnh chỉ tiêu"
    old = io.StringIO()
    call_command("plan", "show", "lang-son-2020-2025", "--json", "--revision", "1", stdout=old)
    assert json.loads(old.getvalue())["targets"][0]["value"] == "6650"


@pytest.mark.django_db
def test_removing_a_target_from_the_document_removes_it_with_an_audit_entry(db):
    document = small_document()
    document["targets"].append(
        {
            "code": "1.2",
            "program": 1,
            "kind": "milestone",
            "to_year": 2027,
            "indicator": "Xong đường",
        }
    )
    plan_load(document=document)
    smaller = copy.deepcopy(document)
    smaller["targets"].pop()
    result = plan_load(document=smaller)
    assert result.changed and result.revision is not None and result.revision.number == 2
    assert list(Target.objects.values_list("code", flat=True)) == ["1.1"]
    assert AuditEntry.objects.filter(object_type="plans.target", action="delete").count() == 1


@pytest.mark.django_db
def test_a_new_plan_is_audited_row_by_row_and_loading_it_again_changes_nothing(db):
    """A new plan's rows are written together, each with its own audit entry (what it was
    created with) and its line in the revision's changes; the same document again is a no-op."""
    doc = small_document()
    doc["programs"].append({"number": 2, "title": "Xã hội"})
    doc["tasks"].append({"code": "NV2.1", "program": 2, "text": "Chăm lo an sinh."})
    result = plan_load(document=doc, reason="Nạp lần đầu")
    plan = result.plan
    assert result.created and result.revision is not None
    assert [(p.number, p.title) for p in plan.programs.order_by("number")] == [
        (1, "Kinh tế"),
        (2, "Xã hội"),
    ]
    task = Task.objects.get(plan=plan, code="NV2.1")
    assert (task.program.number, task.position) == (2, 2)
    created = AuditEntry.objects.filter(plan_code="thu-nghiem", action="create")
    programs, tasks = ["plans.program"] * 2, ["plans.task"] * 2
    assert sorted(created.values_list("object_type", flat=True)) == sorted(
        ["org.orgunit", "plans.plan", *programs, "plans.target", *tasks, "plans.assignment"]
    )
    entry = created.get(object_type="plans.task", object_id=str(task.pk))
    assert entry.changes["code"] == {"before": None, "after": "NV2.1"}
    assert entry.changes["program"] == {"before": None, "after": str(task.program_id)}
    assert entry.reason == "Nạp lần đầu"
    assert {"Thêm chương trình 2", "Thêm nhiệm vụ NV2.1", "Thêm chỉ tiêu 1.1"} <= set(
        result.revision.changes
    )
    before = db_state()
    again = plan_load(document=doc, reason="Nạp lại")
    assert not again.changed and db_state() == before


@pytest.mark.django_db
def test_plan_list(builtin_plan):
    out = io.StringIO()
    call_command("plan", "list", stdout=out)
    assert "lang-son-2020-2025\t23-CTr/TU\t2020–2025" in out.getvalue()
    assert "7 chương trình, 53 chỉ tiêu" in out.getvalue()


@pytest.mark.django_db
def test_show_unknown_plan(db):
    with pytest.raises(CommandError, match="Không có chương trình hành động “khong-co”"):
        call_command("plan", "show", "khong-co")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields",
    [
        {"comparator": "range", "value": Decimal(3), "value_high": None},
        {"comparator": "range", "value": Decimal(3), "value_high": Decimal(2)},
        {"comparator": "ge", "value": Decimal(3), "value_high": Decimal(4)},
        {"kind": "milestone", "comparator": "ge", "value": Decimal(1)},
        {"kind": "qualitative", "comparator": "", "value": Decimal(1)},
        {"comparator": "", "value": None},
        {"kind": "annual", "from_year": None},
        {"from_year": 2031},
        {"baseline_value": Decimal(1), "baseline_year": None},
        {"tolerance_pct": Decimal(5)},
    ],
)
def test_the_database_rejects_impossible_targets(fields, builtin_plan):
    program = builtin_plan.programs.get(number=1)
    values = {
        "plan": builtin_plan,
        "program": program,
        "code": "9.9",
        "kind": "level",
        "comparator": "ge",
        "value": Decimal(1),
        "to_year": 2025,
        "indicator": "x",
    }
    values.update(fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Target.objects.create(**values)


@pytest.mark.django_db
@pytest.mark.parametrize("scope", ["plan", "program", "target", "task"])
def test_the_database_rejects_a_duplicate_assignment(scope, builtin_plan):
    unit = OrgUnit.objects.get(code="van-phong-tinh-uy")
    fields = {
        "plan": {},
        "program": {"program": builtin_plan.programs.get(number=3)},
        "target": {"target": Target.objects.get(plan=builtin_plan, code="3.1")},
        "task": {"task": Task.objects.get(plan=builtin_plan, code="NV3.1")},
    }[scope]
    Assignment.objects.create(plan=builtin_plan, unit=unit, role="coordinate", **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.create(plan=builtin_plan, unit=unit, role="coordinate", **fields)
