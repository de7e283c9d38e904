"""Delegation (phân công thực hiện) and coverage: a lead body hands targets and tasks on to
departments; the deepest lead that can report is who a round asks; history is never rewritten;
successions carry delegations; the plan text is synced without touching them."""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from tiendo.accounts.permissions import NotAllowed
from tiendo.accounts.services import user_create
from tiendo.audit.models import AuditEntry
from tiendo.org.models import OrgUnit
from tiendo.plans.coverage import CoverageGap, plan_coverage
from tiendo.plans.document import PlanDocumentError
from tiendo.plans.models import Assignment, Program, Target, Task
from tiendo.plans.selectors import plan_document_build
from tiendo.plans.services import (
    DelegationPreview,
    DelegationRequest,
    delegation_create,
    delegation_end,
    delegations_create,
    group_resolve,
    plan_load,
    unit_succession_record,
)

pytestmark = pytest.mark.django_db

BCSD = "ban-can-su-dang-uy-ban-nhan-dan-tinh"
START = dt.date(2021, 3, 1)


def reporter(unit: OrgUnit, username: str) -> Any:
    user, _password = user_create(
        actor=None,
        username=username,
        role="reporter",
        unit=unit,
        password="mat-khau-rat-dai-9",
        check_actor=False,
    )
    return user


@pytest.fixture
def w(builtin_plan: Any) -> dict[str, Any]:
    def unit(code: str, name: str, short: str = "", **kw: Any) -> OrgUnit:
        return OrgUnit.objects.create(
            code=code, name=name, short_name=short, kind=kw.pop("kind", "department"), **kw
        )

    sct = unit("so-cong-thuong", "Sở Công Thương", "Sở Công Thương")
    stc = unit("so-tai-chinh", "Sở Tài chính", "Sở Tài chính")
    district = unit("ubnd-huyen-cao-loc", "UBND huyện Cao Lộc", kind="district")
    monitor, _ = user_create(
        actor=None,
        username="vp",
        role="monitor",
        unit_code="van-phong-tinh-uy",
        password="mat-khau-rat-dai-9",
        check_actor=False,
    )
    leader, _ = user_create(
        actor=None, username="ld", role="leader", password="mat-khau-rat-dai-9", check_actor=False
    )
    plan = builtin_plan
    return {
        "plan": plan,
        "bcsd": OrgUnit.objects.get(code=BCSD),
        "sct": sct,
        "stc": stc,
        "district": district,
        "monitor": monitor,
        "leader": leader,
        "sct_reporter": reporter(sct, "bc.sct"),
        "target": lambda code: Target.objects.get(plan=plan, code=code),
        "task": lambda code: Task.objects.get(plan=plan, code=code),
        "program": lambda n: Program.objects.get(plan=plan, number=n),
    }


def delegate(w: dict[str, Any], *, to: str = "sct", frm: str | None = "bcsd", **kw: Any) -> Any:
    kw.setdefault("role", "lead")
    kw.setdefault("valid_from", START)
    kw.setdefault("basis_text", "Kế hoạch 45/KH-UBND ngày 01/3/2021")
    return delegation_create(
        actor=kw.pop("actor", w["monitor"]),
        plan=w["plan"],
        from_unit=w[frm] if frm else None,
        to_units=[w[u] for u in to.split(",")],
        **kw,
    )


def item(w: dict[str, Any], code: str, on: dt.date = dt.date(2025, 12, 1)) -> Any:
    coverage = plan_coverage(plan=w["plan"], on=on)
    return next(i for i in coverage.items if i.code == code)


def test_a_delegated_target_is_reported_by_the_department_with_its_chain(w):
    before = item(w, "1.1")
    assert before.reporter is None and before.gap == CoverageGap.NO_REPORTER
    assert before.chain_text == "BCSĐ UBND tỉnh"

    (node,) = delegate(w, targets=[w["target"]("1.1")])

    after = item(w, "1.1")
    assert after.reporter == w["sct"]
    assert after.chain_text == "BCSĐ UBND tỉnh → Sở Công Thương"
    assert node.parent.unit == w["bcsd"] and node.origin == "delegation"
    assert item(w, "1.2").reporter is None, "only what was handed on moves"
    entry = AuditEntry.objects.get(object_type="plans.assignment", object_id=str(node.pk))
    assert entry.actor == w["monitor"] and entry.action == "create"
    assert entry.reason == "Kế hoạch 45/KH-UBND ngày 01/3/2021"
    assert entry.changes["parent"]["after"] == BCSD
    assert entry.changes["scope"]["after"] == "chỉ tiêu 1.1"


def test_a_program_delegation_covers_its_targets_and_tasks(w):
    delegate(w, programs=[w["program"](1)])
    coverage = plan_coverage(plan=w["plan"], on=dt.date(2025, 1, 1))
    program = coverage.programs[0]
    assert {i.reporter for i in [*program.targets, *program.tasks]} == {w["sct"]}
    assert len(program.targets) == 6 and len(program.tasks) == 4


def test_the_reasons_an_item_is_not_reportable(w):
    plan = w["plan"]
    # the lead has no reporter account
    delegate(w, to="stc", targets=[w["target"]("1.2")])
    assert item(w, "1.2").gap == CoverageGap.NO_REPORTER
    reporter(w["stc"], "bc.stc")
    assert item(w, "1.2").reporter == w["stc"]
    # the lead no longer exists
    w["stc"].valid_to = dt.date(2025, 2, 28)
    w["stc"].save()
    assert item(w, "1.2", on=dt.date(2025, 3, 1)).gap == CoverageGap.UNIT_GONE
    assert item(w, "1.2", on=dt.date(2025, 2, 1)).reporter == w["stc"]
    # no delegation below a group: the plan text gives a target to a collective body
    group = OrgUnit.objects.get(code="cac-so-ban-nganh-tinh")
    Assignment.objects.create(plan=plan, unit=group, role="lead", target=w["target"]("6.7"))
    assert item(w, "6.7").gap == CoverageGap.GROUP
    assert item(w, "6.7").chain_text == "Các sở, ban, ngành tỉnh"
    # nobody leads it at all
    Assignment.objects.filter(plan=plan, program__number=5, role="lead").delete()
    assert item(w, "5.1").gap == CoverageGap.NO_LEAD
    assert item(w, "5.1").gap_label == "Chưa có đơn vị chủ trì"


def test_one_reporting_lead_per_target_at_a_time(w):
    delegate(w, targets=[w["target"]("1.1")])
    with pytest.raises(ValidationError, match="chỉ có một đơn vị chủ trì báo cáo"):
        delegate(w, to="stc", targets=[w["target"]("1.1")])
    with pytest.raises(ValidationError, match="chỉ có một đơn vị chủ trì báo cáo"):
        delegate(w, to="stc", programs=[w["program"](1)])
    with pytest.raises(ValidationError, match="chỉ có một đơn vị chủ trì báo cáo"):
        delegate(w, to="sct,stc", targets=[w["target"]("1.3")])
    # coordinating, or leading a part, does not move the reporting
    delegate(w, to="stc", role="coordinate", targets=[w["target"]("1.1")])
    delegate(w, to="district", frm="sct", targets=[w["target"]("1.1")], part="Cửa khẩu Chi Ma")
    covered = item(w, "1.1")
    assert covered.reporter == w["sct"]
    assert w["stc"] in [n.unit for n in covered.coordinators]
    assert w["stc"] not in [n.unit for n in item(w, "1.2").coordinators]
    assert [n.part for n in covered.partial] == ["Cửa khẩu Chi Ma"]
    # the office cannot give a second lead beside the plan text's either
    with pytest.raises(ValidationError, match="hãy giao tiếp từ “BCSĐ UBND tỉnh”"):
        delegate(w, to="stc", frm=None, targets=[w["target"]("1.4")])
    assert Assignment.objects.filter(unit=w["stc"], role="lead").count() == 0, "nothing written"


def test_ending_and_delegating_again_keeps_the_history(w):
    target = w["target"]("1.1")
    (first,) = delegate(w, targets=[target])
    ended = delegation_end(
        actor=w["monitor"], node=first, end_date=dt.date(2025, 6, 30), reason="Giao lại"
    )
    assert [n.pk for n in ended] == [first.pk]
    reporter(w["stc"], "bc.stc")
    (second,) = delegate(w, to="stc", targets=[target], valid_from=dt.date(2025, 7, 1))
    assert Assignment.objects.filter(target=target, role="lead").count() == 2, "both kept"
    first.refresh_from_db()
    assert first.valid_to == dt.date(2025, 6, 30) and first.valid_from == START
    assert item(w, "1.1", on=dt.date(2025, 6, 30)).reporter == w["sct"]
    assert item(w, "1.1", on=dt.date(2025, 7, 1)).reporter == w["stc"]
    assert AuditEntry.objects.filter(object_id=str(first.pk), action="update").get().reason == (
        "Giao lại"
    )
    with pytest.raises(ValidationError, match="đã kết thúc"):
        delegation_end(actor=w["monitor"], node=first, end_date=dt.date(2025, 12, 1), reason="x")
    with pytest.raises(ValidationError, match="lý do"):
        delegation_end(actor=w["monitor"], node=second, end_date=dt.date(2025, 12, 1), reason="")


def test_ending_a_delegation_ends_the_ones_below_it(w):
    (top,) = delegate(w, programs=[w["program"](1)])
    (below,) = delegate(w, to="district", frm="sct", targets=[w["target"]("1.2")])
    ended = delegation_end(
        actor=w["monitor"], node=top, end_date=dt.date(2024, 12, 31), reason="Thôi giao"
    )
    assert {n.pk for n in ended} == {top.pk, below.pk}
    below.refresh_from_db()
    assert below.valid_to == dt.date(2024, 12, 31)
    assert item(w, "1.2").chain_text == "BCSĐ UBND tỉnh"


def test_the_plan_text_is_not_ended_by_hand(w):
    root = Assignment.objects.get(plan=w["plan"], unit=w["bcsd"], role="lead", program__number=1)
    with pytest.raises(ValidationError, match="văn bản chương trình"):
        delegation_end(actor=w["monitor"], node=root, end_date=dt.date(2025, 1, 1), reason="x")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"to": "district", "frm": "sct"}, "không chủ trì hay phối hợp chỉ tiêu 1.2"),
        ({"to": "bcsd", "frm": "sct", "targets": "1.1"}, "vòng lặp"),
        ({"to": "sct", "frm": "sct", "targets": "1.1"}, "vòng lặp"),
        (
            {"to": "district", "frm": "sct", "targets": "1.1", "valid_from": dt.date(2020, 1, 1)},
            "không bắt đầu trước cấp trên",
        ),
        ({"to": "gone"}, "không hoạt động vào ngày 01/03/2021"),
        ({"to": "group"}, "nhóm cơ quan"),
        ({"basis_text": " "}, "căn cứ"),
        ({"valid_to": dt.date(2020, 1, 1)}, "Ngày kết thúc phải sau"),
        ({"role": "monitor"}, "chủ trì hoặc phối hợp"),
        ({"to": "district", "frm": "stc_coord", "role": "lead"}, "chỉ giao tiếp phần phối hợp"),
    ],
)
def test_impossible_delegations_are_refused_and_change_nothing(w, change, message):
    delegate(w, targets=[w["target"]("1.1")])
    delegate(w, to="stc", role="coordinate", targets=[w["target"]("1.2")])
    w["gone"] = OrgUnit.objects.create(
        code="so-cu", name="Sở cũ", kind="department", valid_to=dt.date(2020, 12, 31)
    )
    w["group"] = OrgUnit.objects.get(code="cac-co-quan-lien-quan")
    w["stc_coord"] = w["stc"]
    kw: dict[str, Any] = {"targets": [w["target"](change.pop("targets", "1.2"))], **change}
    if kw.get("frm") == "stc_coord":
        kw["frm"] = "stc"
    count = Assignment.objects.count()
    with pytest.raises(ValidationError, match=message):
        delegate(w, **kw)
    assert Assignment.objects.count() == count


def test_who_may_delegate(w):
    target = w["target"]("1.1")
    other = reporter(w["stc"], "bc.stc")
    with pytest.raises(NotAllowed):
        delegate(w, targets=[target], actor=w["leader"])
    with pytest.raises(NotAllowed):
        delegate(w, targets=[target], actor=w["sct_reporter"])  # not BCSĐ's reporter
    delegate(w, targets=[target])
    # Sở Công Thương's own reporter hands its target on; another unit's reporter cannot
    with pytest.raises(NotAllowed):
        delegate(w, to="district", frm="sct", targets=[target], actor=other)
    (node,) = delegate(w, to="district", frm="sct", targets=[target], actor=w["sct_reporter"])
    assert node.parent.unit == w["sct"]
    with pytest.raises(NotAllowed):
        delegation_end(actor=other, node=node, end_date=dt.date(2025, 1, 1), reason="x")
    delegation_end(actor=w["sct_reporter"], node=node, end_date=dt.date(2025, 1, 1), reason="x")
    # a lead given directly (no delegating body) is the office's
    Assignment.objects.filter(plan=w["plan"], program__number=5, role="lead").delete()
    with pytest.raises(NotAllowed):
        delegate(w, frm=None, targets=[w["target"]("5.1")], actor=w["sct_reporter"])
    (root,) = delegate(w, frm=None, targets=[w["target"]("5.1")])
    assert root.parent is None and item(w, "5.1").reporter == w["sct"]


def test_preview_shows_what_changes_and_writes_nothing(w):
    count = Assignment.objects.count()
    preview = delegate(w, targets=[w["target"]("1.1"), w["target"]("1.2")], preview=True)
    assert isinstance(preview, DelegationPreview)
    assert Assignment.objects.count() == count
    assert [c.after.code for c in preview.changes] == ["1.1", "1.2"]
    change = preview.changes[0]
    assert change.before.chain_text == "BCSĐ UBND tỉnh" and change.before.reporter is None
    assert change.after.chain_text == "BCSĐ UBND tỉnh → Sở Công Thương"
    assert change.after.reporter == w["sct"]


def test_a_group_is_resolved_into_its_members(w):
    group = OrgUnit.objects.get(code="cac-co-quan-lien-quan")
    created = group_resolve(
        actor=w["monitor"],
        plan=w["plan"],
        group=group,
        members=[w["sct"], w["stc"]],
        valid_from=START,
        basis_text="Quyết định 12/QĐ-UBND",
    )
    assert isinstance(created, list) and len(created) == 12, "programs 1–6, two members"
    assert {n.role for n in created} == {"coordinate"}
    assert {n.parent.unit for n in created} == {group}
    coordinators = {n.unit for n in item(w, "1.1").coordinators}
    assert {w["sct"], w["stc"], group} <= coordinators
    again = group_resolve(
        actor=w["monitor"],
        plan=w["plan"],
        group=group,
        members=[w["sct"], w["district"]],
        valid_from=START,
        basis_text="QĐ 13",
        preview=True,
    )
    assert isinstance(again, DelegationPreview)
    assert len(again.nodes) == 6 and len(again.skipped) == 6, "Sở Công Thương already holds it"
    with pytest.raises(NotAllowed):
        group_resolve(
            actor=w["sct_reporter"],
            plan=w["plan"],
            group=group,
            members=[w["sct"]],
            valid_from=START,
            basis_text="x",
        )
    with pytest.raises(ValidationError, match="không phải là nhóm"):
        group_resolve(
            actor=w["monitor"],
            plan=w["plan"],
            group=w["sct"],
            members=[w["stc"]],
            valid_from=START,
            basis_text="x",
        )


def test_a_lead_group_resolves_to_one_member_only(w):
    group = OrgUnit.objects.get(code="cac-so-ban-nganh-tinh")
    Assignment.objects.create(plan=w["plan"], unit=group, role="lead", target=w["target"]("6.7"))
    kwargs: dict[str, Any] = {
        "actor": w["monitor"],
        "plan": w["plan"],
        "group": group,
        "valid_from": START,
        "basis_text": "QĐ 14",
    }
    with pytest.raises(ValidationError, match="chỉ có một đơn vị chủ trì báo cáo"):
        group_resolve(members=[w["sct"], w["stc"]], **kwargs)
    group_resolve(members=[w["sct"]], **kwargs)
    assert item(w, "6.7").chain_text == "Các sở, ban, ngành tỉnh → Sở Công Thương"
    assert item(w, "6.7").reporter == w["sct"]


def test_a_succession_carries_the_delegations_below(w):
    district = w["district"]
    reporter(district, "bc.caoloc")
    delegate(w, targets=[w["target"]("1.1")])
    delegate(
        w, to="district", frm="sct", targets=[w["target"]("1.1")], valid_from=dt.date(2022, 1, 1)
    )
    successor = OrgUnit.objects.create(
        code="dang-uy-ubnd-tinh",
        name="Đảng ủy Ủy ban nhân dân tỉnh",
        short_name="Đảng ủy UBND tỉnh",
        kind="party_committee",
        valid_from=dt.date(2025, 2, 1),
    )
    coverage_before = plan_coverage(plan=w["plan"], on=dt.date(2025, 3, 1)).as_json()
    unit_succession_record(
        predecessors=[w["bcsd"]],
        successor=successor,
        kind="rename",
        effective_date=dt.date(2025, 2, 1),
        legal_basis="Quyết định 05-QĐ/TU",
        actor=w["monitor"],
    )
    after = item(w, "1.1", on=dt.date(2025, 3, 1))
    assert after.chain_text == "Đảng ủy UBND tỉnh → Sở Công Thương → UBND huyện Cao Lộc"
    assert after.reporter == district
    assert [n.origin for n in after.chain] == ["succession", "delegation", "delegation"]
    assert after.chain[1].basis_text == "Kế hoạch 45/KH-UBND ngày 01/3/2021", "basis kept"
    old = item(w, "1.1", on=dt.date(2025, 1, 31))
    assert old.chain_text == "BCSĐ UBND tỉnh → Sở Công Thương → UBND huyện Cao Lộc"
    assert all(n.valid_to == dt.date(2025, 1, 31) for n in old.chain), "ended the day before"
    assert plan_coverage(plan=w["plan"], on=dt.date(2025, 3, 1)).as_json() == coverage_before
    assert Assignment.objects.filter(unit=w["bcsd"], valid_to=None).count() == 0
    # a department merging later carries its own delegation below the new body
    merged = OrgUnit.objects.create(
        code="so-cong-thuong-moi", name="Sở Công Thương (mới)", kind="department"
    )
    unit_succession_record(
        predecessors=[w["sct"]],
        successor=merged,
        kind="merge",
        effective_date=dt.date(2025, 7, 1),
        legal_basis="Quyết định 20/QĐ-UBND",
        actor=w["monitor"],
    )
    later = item(w, "1.1", on=dt.date(2025, 8, 1))
    assert later.chain_text == "Đảng ủy UBND tỉnh → Sở Công Thương (mới) → UBND huyện Cao Lộc"
    assert later.reporter == district


def test_plan_load_syncs_the_plan_text_and_never_touches_delegations(w):
    (node,) = delegate(w, programs=[w["program"](1)])
    document = plan_document_build(plan=w["plan"])
    assert all(a["unit"] != "so-cong-thuong" for a in document["assignments"])
    result = plan_load(document=copy.deepcopy(document), reason="Nạp lại")
    assert not result.changed
    revised = copy.deepcopy(document)
    revised["assignments"].append(
        {"unit": "van-phong-tinh-uy", "role": "coordinate", "scope": "program", "ref": 2}
    )
    assert plan_load(document=revised, reason="Bổ sung").changed
    assert Assignment.objects.filter(pk=node.pk, valid_to=None).exists()
    dropped = copy.deepcopy(revised)
    dropped["assignments"] = [
        a
        for a in dropped["assignments"]
        if not (a["unit"] == BCSD and a["scope"] == "program" and a["ref"] == 1)
    ]
    with pytest.raises(PlanDocumentError, match="còn 1 phân công thực hiện đang có hiệu lực"):
        plan_load(document=dropped, reason="Bỏ")
    assert Assignment.objects.filter(unit=w["bcsd"], program__number=1).exists()


def test_the_database_keeps_history_and_refuses_bad_nodes(w):
    target = w["target"]("1.1")
    (node,) = delegate(w, targets=[target])
    base = {"plan": w["plan"], "unit": w["sct"], "role": "lead", "target": target}
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.create(**base, origin="delegation", parent=node.parent, basis_text="x")
    Assignment.objects.filter(pk=node.pk).update(valid_to=dt.date(2024, 12, 31))
    Assignment.objects.create(
        **base, origin="delegation", parent=node.parent, basis_text="x", valid_from=START
    )
    bad = [
        {"origin": "delegation", "parent": node.parent},  # no basis
        {"origin": "plan", "parent": node.parent},  # the plan text hangs below nobody
        {"valid_from": dt.date(2025, 1, 2), "valid_to": dt.date(2025, 1, 1)},
        {"origin": "nowhere"},
    ]
    for fields in bad:
        with pytest.raises(IntegrityError), transaction.atomic():
            Assignment.objects.create(**{**base, "unit": w["stc"], **fields})


def test_bulk_delegation_does_not_query_per_delegation(w):
    def requests(n: int) -> list[DelegationRequest]:
        targets = list(Target.objects.filter(plan=w["plan"], program__number__lte=6))
        tasks = list(Task.objects.filter(plan=w["plan"], program__number__lte=6))
        items = [{"target": t} for t in targets] + [{"task": t} for t in tasks]
        return [
            DelegationRequest(
                to_unit=w["sct"],
                role="lead",
                from_unit=w["bcsd"],
                valid_from=START,
                basis_text="KH 45",
                **i,  # type: ignore[arg-type]
            )
            for i in items[:n]
        ]

    small, large = requests(5), requests(70)
    with CaptureQueriesContext(connection) as few:
        delegations_create(actor=w["monitor"], plan=w["plan"], requests=small)
    Assignment.objects.filter(origin="delegation").delete()
    AuditEntry.objects.all().delete()
    with CaptureQueriesContext(connection) as many:
        created = delegations_create(actor=w["monitor"], plan=w["plan"], requests=large)
    assert len(created) == 70
    # the same reads; the inserts may be split in batches by the database's parameter limit
    assert len(many.captured_queries) <= len(few.captured_queries) + 2 <= 20
    assert AuditEntry.objects.filter(object_type="plans.assignment").count() == 70


def test_coverage_command(w):
    out = io.StringIO()
    call_command("plan", "coverage", "lang-son-2020-2025", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert set(data) == {"targets", "tasks"}
    assert data["targets"]["total"] == 53 and data["tasks"]["total"] == 40
    assert data["targets"]["reportable"] == 0, "nobody can report yet: no reporter accounts"
    assert len(data["targets"]["uncovered"]) == 53 and data["tasks"]["uncovered"][0] == "NV1.1"
    # every target and task of programs 1–6 to Sở Công Thương, program 7's lead gets an account
    delegations_create(
        actor=None,
        plan=w["plan"],
        requests=[
            DelegationRequest(
                to_unit=w["sct"],
                role="lead",
                from_unit=w["bcsd"],
                program=p,
                valid_from=START,
                basis_text="KH 45",
            )
            for p in Program.objects.filter(plan=w["plan"], number__lte=6)
        ],
        check_actor=False,
    )
    reporter(OrgUnit.objects.get(code="ban-to-chuc-tinh-uy"), "bc.btc")
    out = io.StringIO()
    call_command("plan", "coverage", "lang-son-2020-2025", "--json", stdout=out)
    assert json.loads(out.getvalue()) == {
        "targets": {"total": 53, "reportable": 53, "uncovered": []},
        "tasks": {"total": 40, "reportable": 40, "uncovered": []},
    }
    text = io.StringIO()
    call_command("plan", "coverage", "lang-son-2020-2025", stdout=text)
    assert "53/53 chỉ tiêu, 40/40 nhiệm vụ có đơn vị báo cáo" in text.getvalue()
    assert "BCSĐ UBND tỉnh → Sở Công Thương" in text.getvalue()


def test_a_fresh_init_reports_honestly_what_is_not_reportable(db):
    """Plain `tiendo init`: the built-in plan and the demo accounts (three reporting units);
    programs 1–6 stay with the Ban cán sự đảng UBND tỉnh, which has no reporter account."""
    from tiendo.ops.setup import instance_setup

    instance_setup(collect_static=False)
    out = io.StringIO()
    call_command("plan", "coverage", "lang-son-2020-2025", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["targets"]["reportable"] == 25  # 2.2–2.12, 3.1–3.10, 7.1–7.4
    assert data["tasks"]["reportable"] == 7  # NV7.1–NV7.7
    assert data["targets"]["uncovered"][:3] == ["1.1", "1.2", "1.3"]
    assert "2.1" in data["targets"]["uncovered"] and "2.2" not in data["targets"]["uncovered"]
    text = io.StringIO()
    call_command("plan", "coverage", "lang-son-2020-2025", stdout=text)
    assert "25/53 chỉ tiêu, 7/40 nhiệm vụ có đơn vị báo cáo" in text.getvalue()
    assert "Đơn vị chủ trì chưa có tài khoản cán bộ báo cáo" in text.getvalue()
