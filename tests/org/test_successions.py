"""Units change: the district level was abolished and communes merged on 1 July 2025. The old
units keep their history; the successors take over the work and the next rounds."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from tiendo.audit.models import AuditEntry
from tiendo.org.models import OrgUnit
from tiendo.org.selectors import unit_successors_on, units_valid_on
from tiendo.plans.models import Assignment, Target
from tiendo.plans.services import unit_succession_record

JULY_1 = dt.date(2025, 7, 1)


@pytest.fixture
def communes(builtin_plan):
    district = OrgUnit.objects.create(code="huyen-cao-loc", name="Huyện Cao Lộc", kind="district")
    a = OrgUnit.objects.create(
        code="xa-a", name="Xã A", kind="commune", parent=district, valid_from=dt.date(2020, 1, 1)
    )
    b = OrgUnit.objects.create(code="xa-b", name="Xã B", kind="commune", parent=district)
    new = OrgUnit.objects.create(code="xa-moi", name="Xã Mới", kind="commune", valid_from=JULY_1)
    target = Target.objects.get(plan=builtin_plan, code="2.9")
    Assignment.objects.create(plan=builtin_plan, unit=a, role="lead", target=target)
    return {
        "district": district,
        "a": a,
        "b": b,
        "new": new,
        "target": target,
        "plan": builtin_plan,
    }


@pytest.mark.django_db
def test_a_merger_ends_the_old_units_links_them_and_hands_over_the_work(communes):
    links = unit_succession_record(
        predecessors=[communes["a"], communes["b"]],
        successor=communes["new"],
        kind="merge",
        effective_date=JULY_1,
        legal_basis="Nghị quyết 1672/NQ-UBTVQH15 ngày 16/6/2025",
        actor=None,
    )
    assert len(links) == 2
    communes["a"].refresh_from_db()
    assert communes["a"].valid_to == dt.date(2025, 6, 30), "ends the day before"
    assert communes["a"].valid_from == dt.date(2020, 1, 1), "history is not rewritten"
    assert Assignment.objects.filter(unit=communes["a"], target=communes["target"]).exists(), (
        "the old record stays"
    )
    assert Assignment.objects.filter(
        unit=communes["new"], target=communes["target"], role="lead"
    ).exists()
    assert set(units_valid_on(day=dt.date(2025, 6, 30)).filter(kind="commune")) == {
        communes["a"],
        communes["b"],
    }
    assert set(units_valid_on(day=JULY_1).filter(kind="commune")) == {communes["new"]}
    assert unit_successors_on(unit=communes["a"], day=dt.date(2026, 1, 1)) == [communes["new"]]
    assert unit_successors_on(unit=communes["a"], day=dt.date(2025, 1, 1)) == [communes["a"]]
    assert AuditEntry.objects.filter(object_type="org.orgunitsuccession").count() == 2


@pytest.mark.django_db
def test_successions_chain_through_several_changes(communes):
    later = OrgUnit.objects.create(
        code="phuong-z", name="Phường Z", kind="ward", valid_from=dt.date(2026, 1, 1)
    )
    unit_succession_record(
        predecessors=[communes["a"]],
        successor=communes["new"],
        kind="merge",
        effective_date=JULY_1,
        legal_basis="NQ 1",
        actor=None,
    )
    unit_succession_record(
        predecessors=[communes["new"]],
        successor=later,
        kind="rename",
        effective_date=dt.date(2026, 1, 1),
        legal_basis="NQ 2",
        actor=None,
    )
    assert unit_successors_on(unit=communes["a"], day=dt.date(2026, 3, 1)) == [later]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"legal_basis": " "}, "căn cứ"),
        ({"successor": "a"}, "không thể là"),
        ({"effective_date": dt.date(2025, 1, 1)}, "chỉ có hiệu lực từ"),
    ],
)
def test_impossible_successions_are_refused(communes, change, message):
    kwargs = {
        "predecessors": [communes["a"]],
        "successor": communes["new"],
        "kind": "merge",
        "effective_date": JULY_1,
        "legal_basis": "NQ 1672",
        "actor": None,
    }
    if "successor" in change:
        kwargs["successor"] = communes[change.pop("successor")]
    kwargs.update(change)
    with pytest.raises(ValidationError, match=message):
        unit_succession_record(**kwargs)
    communes["a"].refresh_from_db()
    assert communes["a"].valid_to is None


@pytest.mark.django_db
def test_a_round_after_the_merger_asks_the_successor(communes, django_user_model):
    from tiendo.accounts.services import user_create
    from tiendo.reporting.services import round_open

    monitor, _ = user_create(
        actor=None,
        username="vp",
        role="monitor",
        unit_code="van-phong-tinh-uy",
        password="mat-khau-rat-dai-3",
        check_actor=False,
    )
    for code in ("xa-a", "xa-moi"):  # a unit reports once it has a reporter account
        user_create(
            actor=None,
            username=f"bc.{code}",
            role="reporter",
            unit_code=code,
            password="mat-khau-rat-dai-3",
            check_actor=False,
        )
    unit_succession_record(
        predecessors=[communes["a"]],
        successor=communes["new"],
        kind="merge",
        effective_date=JULY_1,
        legal_basis="NQ 1672",
        actor=None,
    )
    rnd = round_open(
        actor=monitor,
        plan=communes["plan"],
        period_kind="year",
        year=2025,
        opens_on=dt.date(2025, 12, 1),
        deadline=dt.date(2025, 12, 20),
        uncovered_ok=True,
    )
    units = set(rnd.units.values_list("code", flat=True))
    assert "xa-moi" in units and "xa-a" not in units
    with pytest.raises(ValidationError, match="đơn vị kế thừa: Xã Mới"):
        round_open(
            actor=monitor,
            plan=communes["plan"],
            period_kind="half",
            number=2,
            year=2025,
            opens_on=dt.date(2025, 12, 1),
            deadline=dt.date(2025, 12, 20),
            uncovered_ok=True,
            units=[communes["a"]],
        )


@pytest.mark.django_db
def test_unit_command(communes):
    out = io.StringIO()
    call_command(
        "unit",
        "succeed",
        "xa-a",
        "xa-b",
        "--into",
        "xa-moi",
        "--date",
        "2025-07-01",
        "--basis",
        "NQ 1672",
        stdout=out,
    )
    assert "Đã ghi nhận 2 đơn vị cũ → Xã Mới" in out.getvalue()
    listing = io.StringIO()
    call_command("unit", "list", "--on", "2025-08-01", stdout=listing)
    assert "xa-moi" in listing.getvalue() and "xa-a\t" not in listing.getvalue()
    with pytest.raises(CommandError, match="Không có đơn vị: xa-khong-co"):
        call_command(
            "unit",
            "succeed",
            "xa-khong-co",
            "--into",
            "xa-moi",
            "--date",
            "2025-07-01",
            "--basis",
            "x",
        )
