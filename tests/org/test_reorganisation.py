"""The 2025 reorganisation of the built-in plan's units, shipped as data with its sources:
departments merged on 1/3/2025, the district level ended on 30/6/2025, 65 communes and wards
from 1/7/2025. Rounds from then on ask the successors; old figures keep their reporter."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command

from tiendo.accounts.services import user_create
from tiendo.audit.models import AuditEntry
from tiendo.core.text import slug
from tiendo.indicators.models import Figure
from tiendo.indicators.services import FigureRecord, figures_record
from tiendo.org.models import OrgUnit, OrgUnitKind, OrgUnitSuccession, SuccessionKind
from tiendo.org.selectors import (
    reorganisation_builtin_document,
    reorganisation_builtin_unit,
    unit_successors_on,
)
from tiendo.org.services import reorganisation_builtin_ensure
from tiendo.plans.models import Assignment, Target
from tiendo.plans.services import plan_builtin_document, unit_succession_record
from tiendo.reporting.services import round_open

DOC = reorganisation_builtin_document()
UNITS = {u["code"]: u for u in DOC["units"]}
SOURCES = {s["key"]: s for s in DOC["sources"]}
MARCH_1 = dt.date(2025, 3, 1)
JULY_1 = dt.date(2025, 7, 1)

# The departments the built-in plan's targets are usually delegated to (shared/domain/README.md),
# with the codes that demo data and delegations use.
DELEGATION_UNITS = [
    "so-cong-thuong",
    "so-nong-nghiep-va-phat-trien-nong-thon",
    "so-khoa-hoc-va-cong-nghe",
    "so-van-hoa-the-thao-va-du-lich",
    "so-giao-thong-van-tai",
    "so-xay-dung",
    "so-giao-duc-va-dao-tao",
    "so-lao-dong-thuong-binh-va-xa-hoi",
    "so-y-te",
    "bao-hiem-xa-hoi-tinh",
    "bo-chi-huy-quan-su-tinh",
    "cong-an-tinh",
    "bo-chi-huy-bo-doi-bien-phong-tinh",
    "so-ngoai-vu",
    "ban-quan-ly-khu-kinh-te-cua-khau-dong-dang-lang-son",
    "ban-to-chuc-tinh-uy",
]


def load() -> Any:
    return reorganisation_builtin_ensure(record_succession=unit_succession_record)


def units_listed(day: str) -> set[str]:
    out = io.StringIO()
    call_command("unit", "list", "--on", day, stdout=out)
    return {line.split("\t")[0] for line in out.getvalue().splitlines() if line}


# --- the record itself --------------------------------------------------------------------------


def test_every_fact_of_the_record_names_its_public_source() -> None:
    for key, source in SOURCES.items():
        assert source["url"].startswith(("http://", "https://")), key
        assert source["quote"].strip() and source["gave"].strip(), key
    for unit in DOC["units"]:
        assert all(key in SOURCES for key in unit["sources"]), unit["code"]
        if unit["valid_from"] or unit["valid_to"]:  # a dated change needs its basis and source
            assert unit["basis"].strip() and unit["sources"], unit["code"]
    urls = {s["url"] for s in SOURCES.values()}
    for s in DOC["successions"]:
        assert s["source_url"] in urls and s["quote"].strip(), s["successor"]
        assert 0 < len(s["legal_basis"]) <= 300  # OrgUnitSuccession.legal_basis
        assert SuccessionKind(s["kind"])
    for fact in DOC["not_shipped"]:
        assert fact["why"].strip() and fact["how"].strip()
        assert all(key in SOURCES for key in fact["sources"])


def test_the_record_is_consistent_with_itself_and_with_the_built_in_plan() -> None:
    assert len(UNITS) == len(DOC["units"]), "codes are unique"
    seen: set[str] = set()
    for unit in DOC["units"]:  # parents come first; kinds are known
        assert unit["parent"] is None or unit["parent"] in seen, unit["code"]
        assert OrgUnitKind(unit["kind"])
        seen.add(unit["code"])
    for s in DOC["successions"]:
        day = dt.date.fromisoformat(s["effective_date"])
        successor = UNITS[s["successor"]]
        assert successor["valid_to"] is None
        assert successor["valid_from"] in (None, s["effective_date"])
        for code in s["predecessors"]:
            assert UNITS[code]["valid_to"] == (day - dt.timedelta(days=1)).isoformat(), code
    plan_units = {u["key"]: u for u in plan_builtin_document()["units"]}
    for code, unit in UNITS.items():  # a unit the plan also ships is described the same way
        if code in plan_units:
            for key in ("name", "short_name", "kind", "parent", "valid_from", "valid_to"):
                assert plan_units[code][key] == unit[key], (code, key)
        else:  # stable codes: the slug of the name
            assert code == slug(unit["name"]) or code in {
                "uy-ban-nhan-dan-tinh",
                "bao-hiem-xa-hoi-tinh",
            }, code


def test_the_record_covers_the_delegated_departments_districts_and_new_communes() -> None:
    assert [c for c in DELEGATION_UNITS if c not in UNITS] == []
    assert reorganisation_builtin_unit(code="so-y-te")["name"] == "Sở Y tế"
    assert reorganisation_builtin_unit(code="khong-co") is None
    districts = [u for u in DOC["units"] if u["kind"] == "district"]
    assert len(districts) == 11 and {u["valid_to"] for u in districts} == {"2025-06-30"}
    communes = [u for u in DOC["units"] if u["kind"] == "commune"]
    wards = [u for u in DOC["units"] if u["kind"] == "ward"]
    assert (len(communes), len(wards)) == (61, 4)
    assert {u["valid_from"] for u in communes + wards} == {"2025-07-01"}
    assert all("1672/NQ-UBTVQH15" in u["basis"] for u in communes + wards)


# --- loading ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_loading_ends_the_old_units_and_the_list_of_a_day_shows_the_successors(builtin_plan):
    result = load()
    assert result.skipped == []
    assert len(result.successions_recorded) == len(DOC["successions"])
    july = units_listed("2025-07-01")
    assert {
        "so-nong-nghiep-va-moi-truong",
        "so-dan-toc-va-ton-giao",
        "so-xay-dung",
        "so-tai-chinh",
        "xa-that-khe",
        "phuong-dong-kinh",
        "so-y-te",
        "ban-to-chuc-tinh-uy",
    } <= july
    ended = {
        "so-nong-nghiep-va-phat-trien-nong-thon",
        "so-tai-nguyen-va-moi-truong",
        "so-giao-thong-van-tai",
        "so-lao-dong-thuong-binh-va-xa-hoi",
        "ban-dan-toc-tinh",
        "huyen-cao-loc",
        "thanh-pho-lang-son",
    }
    assert july.isdisjoint(ended)
    assert len([c for c in july if c.startswith(("xa-", "phuong-"))]) == 65
    february = units_listed("2025-02-28")
    assert {"so-nong-nghiep-va-phat-trien-nong-thon", "huyen-cao-loc"} <= february
    assert "so-nong-nghiep-va-moi-truong" not in february and "xa-that-khe" not in february
    june = units_listed("2025-06-30")
    assert "huyen-cao-loc" in june and "xa-that-khe" not in june
    old = OrgUnit.objects.get(code="so-nong-nghiep-va-phat-trien-nong-thon")
    assert [u.code for u in unit_successors_on(unit=old, day=JULY_1)] == [
        "so-nong-nghiep-va-moi-truong"
    ]
    link = OrgUnitSuccession.objects.get(predecessor=old)
    assert link.effective_date == MARCH_1 and "04" in link.legal_basis


@pytest.mark.django_db
def test_loading_twice_changes_nothing_and_every_change_is_audited_with_its_source(builtin_plan):
    first = load()
    counts = (
        OrgUnit.objects.count(),
        OrgUnitSuccession.objects.count(),
        AuditEntry.objects.count(),
    )
    second = load()
    assert not second.changed and second.skipped == []
    assert counts == (
        OrgUnit.objects.count(),
        OrgUnitSuccession.objects.count(),
        AuditEntry.objects.count(),
    )
    assert len(first.units_created) == len(UNITS) - 3  # the plan ships three of them
    for code in first.units_created:
        unit = OrgUnit.objects.get(code=code)
        (entry,) = AuditEntry.objects.filter(
            object_type="org.orgunit", object_id=str(unit.pk), action="create"
        )
        assert entry.reason.startswith("Sắp xếp tổ chức bộ máy năm 2025"), code
        for key in UNITS[code]["sources"]:
            assert SOURCES[key]["url"] in entry.reason, (code, key)
    ended = AuditEntry.objects.filter(object_type="org.orgunit", action="update")
    assert ended.filter(object_label="Sở NN&PTNT", reason__contains="04").exists()


@pytest.mark.django_db
def test_what_the_office_entered_is_kept(builtin_plan):
    office = OrgUnit.objects.create(
        code="so-y-te", name="Sở Y tế tỉnh Lạng Sơn", short_name="SYT", kind="department"
    )
    mine = OrgUnit.objects.create(
        code="so-nong-nghiep-va-moi-truong", name="Sở NN và MT", kind="department"
    )
    wrong = OrgUnit.objects.create(
        code="xa-thong-nhat",
        name="Xã Thống Nhất",
        kind="commune",
        valid_to=dt.date(2025, 6, 30),  # the office's record of the old commune of that name
    )
    result = load()
    office.refresh_from_db()
    mine.refresh_from_db()
    wrong.refresh_from_db()
    assert (office.name, office.short_name, office.valid_to) == (
        "Sở Y tế tỉnh Lạng Sơn",
        "SYT",
        None,
    )
    assert (mine.name, mine.valid_from) == ("Sở NN và MT", MARCH_1), "an empty date is filled in"
    assert wrong.valid_from is None and any("xa-thong-nhat" in s for s in result.skipped)


@pytest.mark.django_db
def test_a_succession_the_office_data_makes_impossible_is_reported_not_forced(builtin_plan):
    OrgUnit.objects.create(
        code="so-xay-dung", name="Sở Xây dựng", kind="department", valid_to=dt.date(2024, 12, 31)
    )
    result = load()
    assert any(s.startswith("so-giao-thong-van-tai → so-xay-dung") for s in result.skipped)
    assert OrgUnit.objects.get(code="so-giao-thong-van-tai").valid_to is None
    assert len(result.successions_recorded) == len(DOC["successions"]) - 1


@pytest.mark.django_db
def test_set_up_loads_the_reorganisation_after_the_built_in_plan(db):
    from tiendo.ops.setup import instance_setup

    result = instance_setup(collect_static=False)
    assert result.notes == []
    assert OrgUnit.objects.get(code="huyen-dinh-lap").valid_to == dt.date(2025, 6, 30)
    assert OrgUnitSuccession.objects.count() == sum(
        len(s["predecessors"]) for s in DOC["successions"]
    )
    instance_setup(collect_static=False)
    assert OrgUnitSuccession.objects.count() == sum(
        len(s["predecessors"]) for s in DOC["successions"]
    )


# --- rounds and figures -------------------------------------------------------------------------


@pytest.fixture
def delegated(builtin_plan):
    """A database of before the reorganisation: the office delegated the forest targets to the
    agriculture department, which reported its 2024 forest cover."""
    department = OrgUnit.objects.create(
        code="so-nong-nghiep-va-phat-trien-nong-thon",
        name="Sở Nông nghiệp và Phát triển nông thôn",
        short_name="Sở NN&PTNT",
        kind="department",
    )
    target = Target.objects.get(plan=builtin_plan, code="2.3")
    Assignment.objects.create(plan=builtin_plan, unit=department, role="lead", target=target)
    recorded = figures_record(
        records=[
            FigureRecord(
                indicator_id=target.indicator_ref_id,
                area_id=builtin_plan.area_id,
                year=2024,
                value=Decimal("63.5"),
                reported_by_id=department.pk,
            )
        ],
        actor=None,
    )
    monitor, _pw = user_create(actor=None, username="theodoi", role="monitor", check_actor=False)
    # rounds ask a unit only when it can report: it has a reporter account (the cascade)
    user_create(
        actor=None, username="baocao.snn", role="reporter", unit=department, check_actor=False
    )
    return {
        "plan": builtin_plan,
        "department": department,
        "target": target,
        "figure": recorded.figures[0],
        "monitor": monitor,
    }


def asked(rnd: Any) -> dict[str, list[str]]:
    return {
        s.unit.code: sorted(f.target.code for f in s.figures.all())
        for s in rnd.submissions.select_related("unit").prefetch_related("figures__target")
    }


@pytest.mark.django_db
def test_a_round_opened_after_the_reorganisation_asks_the_successor_not_the_ended_unit(delegated):
    load()
    successor = OrgUnit.objects.get(code="so-nong-nghiep-va-moi-truong")
    user_create(
        actor=None, username="baocao.snnmt", role="reporter", unit=successor, check_actor=False
    )
    rnd = round_open(
        actor=delegated["monitor"],
        plan=delegated["plan"],
        period_kind="year",
        year=2025,
        opens_on=dt.date(2025, 12, 1),
        deadline=dt.date(2025, 12, 20),
        uncovered_ok=True,  # only 2.3 is handed to a unit that reports, knowingly
    )
    units = asked(rnd)
    assert "so-nong-nghiep-va-phat-trien-nong-thon" not in units
    assert "2.3" in units["so-nong-nghiep-va-moi-truong"]
    # the old assignment stays as the record of who was responsible before
    assert Assignment.objects.filter(
        unit=delegated["department"], target=delegated["target"]
    ).exists()


@pytest.mark.django_db
def test_a_round_opened_before_the_merger_still_asks_the_old_department(delegated):
    load()
    rnd = round_open(
        actor=delegated["monitor"],
        plan=delegated["plan"],
        period_kind="year",
        year=2024,
        opens_on=dt.date(2024, 12, 1),
        deadline=dt.date(2024, 12, 20),
        uncovered_ok=True,  # only 2.3 is handed to a unit that reports, knowingly
    )
    units = asked(rnd)
    assert "2.3" in units["so-nong-nghiep-va-phat-trien-nong-thon"]
    assert "so-nong-nghiep-va-moi-truong" not in units


@pytest.mark.django_db
def test_old_figures_stay_attributed_to_the_unit_that_reported_them(delegated):
    load()
    figure = Figure.objects.get(pk=delegated["figure"].pk)
    assert figure.reported_by == delegated["department"]
    assert figure.reported_by.valid_to == dt.date(2025, 2, 28)
