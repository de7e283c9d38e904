"""Synthetic national-scale data: `tiendo demo generate --provinces N --seed S`.

Each province gets:

- its plan: a copy of the built-in plan document (53 targets, 40 tasks, 7 programs) with the
  province's name, a plan code `demo-<province>-2020-2025` and unit keys prefixed with the
  province, loaded through the service `plan_load` (validated, audited, first revision);
- about 65 organisational units: the document's 15, 12 departments, 8 districts (abolished on
  30/06/2025) and 24 communes/wards under them, of which 16 merged on 01/07/2025 into 8 new
  communes (`OrgUnitSuccession`, kind merge);
- lead assignments: every target and every task to a department (as `target_assign` would);
- accounts: a monitor (`<province>.theodoi`), a leader (`<province>.lanhdao`) and a reporter per
  reporting unit, all with the password given (one hash computed once);
- five years of reporting (2021–2025), written by `demo_reporting` through the reporting
  services themselves: per year a "6 tháng cuối năm" round with estimates and a "Năm" round
  with official figures, each opened, filled in, submitted, reviewed and closed by the
  province's monitor and reporters (the last round is still open: its submissions are in every
  state).

Units, assignments and accounts are written in bulk (the services that make them one at a time
would take minutes per province), with the audit entries their services write, through
`tiendo.audit.services.audit_record_many`.

Deterministic: every value comes from `random.Random(f"{seed}-{province}")` and every
timestamp from the calendar (plan-load audit times are set to the plan's issue date; the
services are given the time of each act), so the same seed gives the same data (primary keys
aside, when the database is not empty).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import random
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from tiendo.accounts.models import Profile, Role
from tiendo.audit.models import AuditAction, AuditEntry
from tiendo.audit.services import AuditRow, audit_record_many, audit_row
from tiendo.indicators.services import indicator_catalogue_ensure
from tiendo.org.models import OrgUnit, OrgUnitKind, OrgUnitSuccession, SuccessionKind
from tiendo.plans.models import Assignment, AssignmentRole, Plan, PlanRevision, Target, Task
from tiendo.plans.services import plan_builtin_document, plan_load

from .demo_reporting import Province, at, reporting_generate

PROVINCES = [
    "Hà Nội",
    "Huế",
    "Lai Châu",
    "Điện Biên",
    "Sơn La",
    "Lạng Sơn",
    "Quảng Ninh",
    "Thanh Hóa",
    "Nghệ An",
    "Hà Tĩnh",
    "Cao Bằng",
    "Tuyên Quang",
    "Lào Cai",
    "Thái Nguyên",
    "Phú Thọ",
    "Bắc Ninh",
    "Hưng Yên",
    "Hải Phòng",
    "Ninh Bình",
    "Quảng Trị",
    "Đà Nẵng",
    "Quảng Ngãi",
    "Gia Lai",
    "Khánh Hòa",
    "Lâm Đồng",
    "Đắk Lắk",
    "Hồ Chí Minh",
    "Đồng Nai",
    "Tây Ninh",
    "Cần Thơ",
    "Vĩnh Long",
    "Đồng Tháp",
    "Cà Mau",
    "An Giang",
]
DEPARTMENTS = [
    ("so-tai-chinh", "Sở Tài chính"),
    ("so-cong-thuong", "Sở Công Thương"),
    ("so-nong-nghiep-va-moi-truong", "Sở Nông nghiệp và Môi trường"),
    ("so-xay-dung", "Sở Xây dựng"),
    ("so-giao-duc-va-dao-tao", "Sở Giáo dục và Đào tạo"),
    ("so-y-te", "Sở Y tế"),
    ("so-van-hoa-the-thao-va-du-lich", "Sở Văn hóa, Thể thao và Du lịch"),
    ("so-khoa-hoc-va-cong-nghe", "Sở Khoa học và Công nghệ"),
    ("so-noi-vu", "Sở Nội vụ"),
    ("so-tu-phap", "Sở Tư pháp"),
    ("so-dan-toc-va-ton-giao", "Sở Dân tộc và Tôn giáo"),
    ("cuc-thong-ke-tinh", "Cục Thống kê tỉnh"),
]
DISTRICTS = 8
COMMUNES_PER_DISTRICT = 3
MERGE_DATE = dt.date(2025, 7, 1)
DEMO_PASSWORD = "demo-tiendo-2025"
DEMO_REASON = "Bộ dữ liệu mẫu"

__all__ = [
    "DEMO_PASSWORD",
    "PROVINCES",
    "DemoResult",
    "demo_generate",
    "demo_plan_code",
    "province_slug",
]


@dataclass
class DemoResult:
    plans: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def province_slug(name: str) -> str:
    table = str.maketrans(
        "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ",
        "aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd",
    )
    return "-".join(name.lower().translate(table).split())


def demo_plan_code(index: int) -> str:
    return f"demo-{province_slug(PROVINCES[index])}-2020-2025"


def _document(index: int) -> dict[str, Any]:
    name = PROVINCES[index]
    slug = province_slug(name)
    base = plan_builtin_document()
    text = json.dumps(base, ensure_ascii=False).replace("Lạng Sơn", name)
    doc: dict[str, Any] = json.loads(text)
    keys = {u["key"] for u in base["units"]}

    def key(k: str | None) -> str | None:
        return f"{slug}-{k}" if k in keys else k

    doc["code"] = demo_plan_code(index)
    doc["number"] = f"{index + 10}-CTr/TU"
    doc["issuing_unit"] = key(doc["issuing_unit"])
    doc["area"] = key(doc["area"])
    for unit in doc["units"]:
        unit["key"] = key(unit["key"])
        unit["parent"] = key(unit["parent"])
        if name not in unit["name"]:
            unit["name"] = f"{unit['name']} {name}"
    for assignment in doc["assignments"]:
        assignment["unit"] = key(assignment["unit"])
    for deadline in doc["deadlines"]:
        deadline["units"] = [key(u) for u in deadline["units"]]
    return copy.deepcopy(doc)


@dataclass
class _Setup:
    """What the province's set-up writes before reporting: the audit rows of its units,
    assignments and accounts, all at the plan's issue time."""

    name: str
    slug: str
    plan: Plan
    issued: dt.datetime
    units: int  # how many organisational units the province has
    audits: list[AuditRow] = field(default_factory=list)

    def audit(self, obj: Any, changes: dict[str, Any], **extra: Any) -> None:
        extra.setdefault("plan_code", self.plan.code)
        self.audits.append(
            audit_row(
                actor=None,
                action=AuditAction.CREATE,
                obj=obj,
                changes=changes,
                at=self.issued,
                **extra,
            )
        )


def _plan(index: int) -> _Setup:
    """The province's plan, through `plan_load`, dated from its issue."""
    name = PROVINCES[index]
    document = _document(index)
    plan = plan_load(document=document, reason=f"Dữ liệu mẫu: tỉnh {name}").plan
    issued = at(plan.issue_date or dt.date(2021, 1, 1))
    AuditEntry.objects.filter(plan_code=plan.code).update(at=issued)
    PlanRevision.objects.filter(plan=plan).update(created_at=issued)
    return _Setup(
        name=name,
        slug=province_slug(name),
        plan=plan,
        issued=issued,
        units=len(document["units"]),
    )


def _units(setup: _Setup) -> list[OrgUnit]:
    """Departments, districts and their communes, and the mergers of 1 July 2025. Returns the
    departments."""
    name, slug = setup.name, setup.slug
    created, abolished = dt.date(2019, 1, 1), MERGE_DATE - dt.timedelta(days=1)
    departments = [
        OrgUnit(
            code=f"{slug}-{code}",
            name=f"{title} {name}",
            short_name=title,
            kind=OrgUnitKind.DEPARTMENT,
        )
        for code, title in DEPARTMENTS
    ]
    districts = [
        OrgUnit(
            code=f"{slug}-huyen-{d + 1}",
            name=f"Huyện {d + 1} ({name})",
            kind=OrgUnitKind.DISTRICT,
            valid_from=created,
            valid_to=abolished,
        )
        for d in range(DISTRICTS)
    ]
    OrgUnit.objects.bulk_create(departments + districts)
    communes = [
        OrgUnit(
            code=f"{slug}-xa-{d + 1}-{c + 1}",
            name=f"{'Phường' if c == 2 else 'Xã'} {d + 1}.{c + 1} ({name})",
            kind=OrgUnitKind.WARD if c == 2 else OrgUnitKind.COMMUNE,
            parent=district,
            valid_from=created,
            valid_to=abolished if c < 2 else None,
        )
        for d, district in enumerate(districts)
        for c in range(COMMUNES_PER_DISTRICT)
    ]
    merged = [
        OrgUnit(
            code=f"{slug}-xa-moi-{d + 1}",
            name=f"Xã mới {d + 1} ({name})",
            kind=OrgUnitKind.COMMUNE,
            valid_from=MERGE_DATE,
        )
        for d in range(DISTRICTS)
    ]
    OrgUnit.objects.bulk_create(communes + merged)
    OrgUnitSuccession.objects.bulk_create(
        OrgUnitSuccession(
            predecessor=communes[d * COMMUNES_PER_DISTRICT + c],
            successor=merged[d],
            kind=SuccessionKind.MERGE,
            effective_date=MERGE_DATE,
            legal_basis="Nghị quyết sắp xếp đơn vị hành chính cấp xã năm 2025",
        )
        for d in range(DISTRICTS)
        for c in range(2)
    )
    setup.units += len(departments + districts + communes + merged)
    for unit in departments + districts + communes + merged:
        changes = {
            "name": {"before": None, "after": unit.name},
            "kind": {"before": None, "after": unit.kind},
        }
        setup.audit(unit, changes, reason=DEMO_REASON, plan_code="")
    return departments


def _assignments(setup: _Setup, departments: list[OrgUnit]) -> list[OrgUnit]:
    """Every target and every task of the plan led by a department. Returns the units that
    lead something, by name."""
    plan = setup.plan
    targets = list(Target.objects.filter(plan=plan).order_by("position"))
    tasks = list(Task.objects.filter(plan=plan).order_by("position"))
    count = len(departments)
    assignments = [
        Assignment(plan=plan, unit=departments[n % count], role=AssignmentRole.LEAD, target=t)
        for n, t in enumerate(targets)
    ] + [
        Assignment(plan=plan, unit=departments[(n * 5) % count], role=AssignmentRole.LEAD, task=t)
        for n, t in enumerate(tasks)
    ]
    Assignment.objects.bulk_create(assignments)
    for a in assignments:
        ref = a.target or a.task
        assert ref is not None
        changes = {
            "unit": {"before": None, "after": a.unit.code},
            "role": {"before": None, "after": AssignmentRole.LEAD.value},
            "target" if a.target else "task": {"before": None, "after": ref.code},
        }
        setup.audit(a, changes, object_label=f"{a.unit} – {ref.code}")
    # the units that lead something (they report once their reporter accounts exist)
    return sorted({a.unit_id: a.unit for a in assignments}.values(), key=lambda u: u.name)


def _accounts(setup: _Setup, password_hash: str, reporting_units: list[OrgUnit]) -> Province:
    """A monitor in the office, a leader, and a reporter for each unit that leads something."""
    slug = setup.slug
    office = OrgUnit.objects.get(code=f"{slug}-van-phong-tinh-uy")
    people = [(f"{slug}.theodoi", Role.MONITOR, office), (f"{slug}.lanhdao", Role.LEADER, None)]
    people += [
        (f"{slug}.{u.code[len(slug) + 1 :]}"[:150], Role.REPORTER, u) for u in reporting_units
    ]
    user_model = get_user_model()
    users = user_model.objects.bulk_create(
        user_model(
            username=username,
            password=password_hash,
            first_name="Cán bộ",
            last_name=str(unit or setup.name),
            date_joined=setup.issued,
        )
        for username, _role, unit in people
    )
    profiles = Profile.objects.bulk_create(
        Profile(user=user, unit=unit, role=role)
        for user, (_u, role, unit) in zip(users, people, strict=True)
    )
    Profile.objects.filter(user__in=users).update(created_at=setup.issued)
    for user, profile, (username, role, home) in zip(users, profiles, people, strict=True):
        user.profile = profile  # the services check roles: no query per user
        changes = {
            "username": {"before": None, "after": username},
            "email": {"before": None, "after": ""},
            "role": {"before": None, "after": str(role)},
            "unit": {"before": None, "after": home.code if home else None},
        }
        setup.audit(user, changes, plan_code="")
    return Province(
        plan=setup.plan,
        monitor=users[0],
        units=reporting_units,
        reporter_of={unit.pk: users[n + 2] for n, unit in enumerate(reporting_units)},
        users=len(users),
    )


def _province(index: int, seed: int, password_hash: str) -> dict[str, int]:
    setup = _plan(index)
    departments = _units(setup)
    reporting_units = _assignments(setup, departments)
    province = _accounts(setup, password_hash, reporting_units)
    audit_record_many(rows=setup.audits)
    counts = reporting_generate(province=province, rng=random.Random(f"{seed}-{index}"))
    return {**counts, "units": setup.units, "users": province.users}


def demo_generate(*, provinces: int, seed: int = 1, password: str = DEMO_PASSWORD) -> DemoResult:
    """Create the first `provinces` provinces' data (see module doc); provinces whose plan is
    already held are skipped, so a larger N later adds the missing ones."""
    if not 1 <= provinces <= len(PROVINCES):
        raise ValueError(f"provinces must be 1..{len(PROVINCES)}")
    password_hash = make_password(password)
    result = DemoResult()
    totals: dict[str, int] = {}
    indicator_catalogue_ensure()
    for index in range(provinces):
        code = demo_plan_code(index)
        if Plan.objects.filter(code=code).exists():
            result.skipped.append(code)
            continue
        before = AuditEntry.objects.count()
        with transaction.atomic():
            counts = _province(index, seed, password_hash)
        counts["audit"] = AuditEntry.objects.count() - before
        result.plans.append(code)
        for key, value in counts.items():
            totals[key] = totals.get(key, 0) + value
    result.counts = totals
    return result
