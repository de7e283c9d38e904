"""The demo set that `tiendo up` creates on a fresh database: one monitor, one leader and
reporters for three units that lead real targets of the built-in plan.

A demo unit that no longer exists today (the 2025 reorganisation, loaded before the demo set,
merged Sở NN&PTNT into Sở Nông nghiệp và Môi trường on 1/3/2025) is replaced by the unit that
carries on its work today (`org.selectors.unit_successors_on`): the demo reporter belongs to a
unit that exists, and its delegations hang where rounds opened today will ask."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from tiendo.accounts.models import Role
from tiendo.accounts.services import user_create
from tiendo.audit.models import AuditAction
from tiendo.audit.services import audit_record
from tiendo.org.models import OrgUnit, OrgUnitKind
from tiendo.org.selectors import unit_successors_on
from tiendo.plans.models import Plan, Target
from tiendo.plans.services import target_assign

DEMO_UNITS = [
    (
        "so-nong-nghiep-va-phat-trien-nong-thon",
        "Sở Nông nghiệp và Phát triển nông thôn",
        "Sở NN&PTNT",
    ),
    ("so-van-hoa-the-thao-va-du-lich", "Sở Văn hóa, Thể thao và Du lịch", "Sở VHTTDL"),
]
# unit code → target codes it leads
DEMO_TARGETS = {
    "so-nong-nghiep-va-phat-trien-nong-thon": [f"2.{n}" for n in range(2, 13)],
    "so-van-hoa-the-thao-va-du-lich": [f"3.{n}" for n in range(1, 11)],
    "ban-to-chuc-tinh-uy": [f"7.{n}" for n in range(1, 5)],
}
DEMO_USERS = [
    ("theodoi", Role.MONITOR, "van-phong-tinh-uy", "Cán bộ Văn phòng Tỉnh ủy"),
    ("lanhdao", Role.LEADER, None, "Lãnh đạo Tỉnh ủy"),
    ("baocao.snn", Role.REPORTER, "so-nong-nghiep-va-phat-trien-nong-thon", "Cán bộ Sở NN&PTNT"),
    ("baocao.svhttdl", Role.REPORTER, "so-van-hoa-the-thao-va-du-lich", "Cán bộ Sở VHTTDL"),
    ("baocao.btc", Role.REPORTER, "ban-to-chuc-tinh-uy", "Cán bộ Ban Tổ chức Tỉnh ủy"),
]


@dataclass
class DemoAccount:
    username: str
    role: str
    unit: str
    password: str


def demo_units_ensure() -> dict[str, OrgUnit]:
    units: dict[str, OrgUnit] = {}
    for code, name, short in DEMO_UNITS:
        unit = OrgUnit.objects.filter(code=code).first()
        if unit is None:
            unit = OrgUnit.objects.create(
                code=code, name=name, short_name=short, kind=OrgUnitKind.DEPARTMENT
            )
            audit_record(
                actor=None,
                action=AuditAction.CREATE,
                obj=unit,
                changes={
                    "name": {"before": None, "after": name},
                    "kind": {"before": None, "after": "department"},
                },
                reason="Bộ dữ liệu mẫu",
            )
        units[code] = unit
    return units


def demo_units_current(*, codes: list[str]) -> dict[str, OrgUnit]:
    """Each demo unit code → the unit doing its work today (itself, or its single successor)."""
    today = timezone.localdate()
    current: dict[str, OrgUnit] = {}
    for unit in OrgUnit.objects.filter(code__in=codes):
        successors = unit_successors_on(unit=unit, day=today)
        if len(successors) == 1:
            current[unit.code] = successors[0]
    return current


def demo_assignments_ensure(*, plan: Plan) -> int:
    """Give the demo units the lead on their targets (audited). Returns how many targets."""
    demo_units_ensure()
    count = 0
    units = demo_units_current(codes=list(DEMO_TARGETS))
    targets = {t.code: t for t in Target.objects.filter(plan=plan)}
    for code, target_codes in DEMO_TARGETS.items():
        unit = units.get(code)
        if unit is None:
            continue
        for target_code in target_codes:
            target = targets.get(target_code)
            if target is not None:
                target_assign(actor=None, plan=plan, unit=unit, target=target, check_actor=False)
                count += 1
    return count


@transaction.atomic
def demo_set_ensure() -> list[DemoAccount]:
    """Create the demo units, assignments and accounts when none of the accounts exists yet.
    Returns the accounts with their passwords (shown once), or [] when already there."""
    user_model = get_user_model()
    if user_model.objects.filter(username__in=[u[0] for u in DEMO_USERS]).exists():
        return []
    demo_units_ensure()
    plan = Plan.objects.filter(code=settings.TIENDO_BUILTIN_PLAN).first()
    if plan is not None:
        demo_assignments_ensure(plan=plan)
    accounts: list[DemoAccount] = []
    current = demo_units_current(codes=[u[2] for u in DEMO_USERS if u[2]])
    for username, role, unit_code, full_name in DEMO_USERS:
        unit = current.get(unit_code) if unit_code else None
        if unit_code and unit is None:
            continue
        if unit is not None and unit.code != unit_code:
            full_name = f"Cán bộ {unit.short_name or unit.name}"
        _user, password = user_create(
            actor=None,
            username=username,
            role=role,
            unit=unit,
            full_name=full_name,
            check_actor=False,
        )
        accounts.append(
            DemoAccount(
                username=username,
                role=str(role.label),
                unit=str(unit) if unit else "",
                password=password,
            )
        )
    return accounts
