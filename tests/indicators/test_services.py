"""The catalogue of indicators and the one rule for accepting figures."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tiendo.accounts.models import Role
from tiendo.accounts.permissions import NotAllowed
from tiendo.accounts.services import user_create
from tiendo.audit.models import AuditEntry
from tiendo.indicators.models import Figure, Indicator
from tiendo.indicators.services import (
    FigureRecord,
    figure_unit,
    figures_record,
    indicator_catalogue_document,
    indicator_catalogue_ensure,
    indicator_resolve,
    indicator_update,
    unit_key,
)
from tiendo.org.models import OrgUnit
from tiendo.org.services import area_name_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def area() -> OrgUnit:
    return OrgUnit.objects.create(code="tinh-lang-son", name="Tỉnh Lạng Sơn", kind="province")


@pytest.fixture
def forest() -> Indicator:
    indicator_catalogue_ensure()
    return Indicator.objects.get(code="ty-le-che-phu-rung")


def test_the_built_in_catalogue_loads_once_and_covers_every_measured_seed_target(shared_dir):
    import csv

    entries = indicator_catalogue_document()
    assert indicator_catalogue_ensure() == len(entries)
    assert indicator_catalogue_ensure() == 0
    assert Indicator.objects.count() == len(entries)
    assert AuditEntry.objects.filter(object_type="indicators.indicator").count() == len(entries)
    rows = list(csv.DictReader((shared_dir / "seed/lang-son-2020-2025-targets.csv").open()))
    measured = [r for r in rows if r["kind"] != "qualitative"]
    for row in measured:  # every measured target's wording finds its indicator
        unit = figure_unit(kind=row["kind"], unit=row["unit"])
        assert indicator_resolve(name=row["indicator"], unit=unit).code in {
            e["code"] for e in entries
        }, row["code"]
    assert Indicator.objects.count() == len(entries)  # and nothing new was created


@pytest.mark.parametrize(
    ("a", "b"),
    [("xã (trên 181 xã)", "xã"), ("đảng viên/năm", "đảng viên"), ("%/năm", "%"), ("Ha", "ha")],
)
def test_units_of_measure_compare_without_what_plans_add(a: str, b: str) -> None:
    assert unit_key(a) == unit_key(b)


def test_a_name_with_another_unit_is_another_indicator(forest):
    assert indicator_resolve(name="Tỷ lệ che phủ rừng", unit="%") == forest
    other = indicator_resolve(name="Tỷ lệ che phủ rừng", unit="ha")
    assert other != forest and other.code.startswith("ty-le-che-phu-rung-")
    with pytest.raises(ValidationError, match="khong-co"):
        indicator_resolve(name="x", unit="", code="khong-co")


@pytest.mark.parametrize(
    ("issuer", "place", "expected"),
    [
        ("Ban Chấp hành Đảng bộ tỉnh Lạng Sơn", "", ("Tỉnh Lạng Sơn", "tỉnh")),
        ("Đảng bộ xã Tân Thanh", "", ("Xã Tân Thanh", "xã")),
        ("Tỉnh ủy", "Lạng Sơn", ("Tỉnh Lạng Sơn", "tỉnh")),
        ("Huyện ủy Cao Lộc", "", ("Huyện Cao Lộc", "huyện")),
        ("Đảng ủy phường Đông Kinh", "", ("Phường Đông Kinh", "phường")),
        ("Tỉnh ủy", "", None),
        ("Ban cán sự đảng Ủy ban nhân dân tỉnh", "Lạng Sơn", None),
    ],
)
def test_the_area_a_party_committee_governs(issuer, place, expected) -> None:
    assert area_name_for(issuer_name=issuer, place=place) == expected


def _record(forest: Indicator, area: OrgUnit, value: str, **kw) -> FigureRecord:
    return FigureRecord(
        indicator_id=forest.pk, area_id=area.pk, year=2025, value=Decimal(value), **kw
    )


def test_figures_are_never_overwritten_and_a_correction_needs_its_reason(forest, area):
    first = figures_record(records=[_record(forest, area, "65")], actor=None)
    assert len(first.created) == 1 and first.figures[0].value == Decimal("65")
    again = figures_record(records=[_record(forest, area, "65")], actor=None)
    assert again.created == [] and len(again.unchanged) == 1
    assert again.figures[0] == first.figures[0]
    with pytest.raises(ValidationError, match="lý do đính chính"):
        figures_record(records=[_record(forest, area, "66")], actor=None)
    fixed = figures_record(
        records=[_record(forest, area, "66", correction_reason="Số liệu rà soát")], actor=None
    )
    assert fixed.corrected[0].corrects == first.figures[0]
    assert Figure.objects.get(pk=first.figures[0].pk).value == Decimal("65")
    # A period figure and an estimate are other series: no correction needed.
    period = figures_record(
        records=[
            _record(forest, area, "65.5", from_year=2021),
            _record(forest, area, "66.5", figure_type="estimate"),
        ],
        actor=None,
    )
    assert len(period.created) == 2
    entries = AuditEntry.objects.filter(object_type="indicators.figure")
    assert entries.count() == Figure.objects.count() == 4
    assert entries.filter(changes__corrects__after=first.figures[0].pk).count() == 1


def test_the_same_series_twice_in_one_call_makes_the_later_a_correction(forest, area):
    result = figures_record(
        records=[_record(forest, area, "64"), _record(forest, area, "65")],
        actor=None,
        reason="Tệp số liệu: dòng sau thay dòng trước",
    )
    first, second = result.figures
    assert first is not None and second is not None
    assert second.corrects_id == first.pk and result.created == [first]
    assert result.corrected == [second]


def test_only_the_office_edits_an_indicator_and_every_edit_is_audited(forest):
    office, _ = user_create(
        actor=None, username="vp", role=Role.MONITOR, full_name="VP", check_actor=False
    )
    with pytest.raises(NotAllowed):
        indicator_update(actor=None, indicator=forest, values={"source": "x"}, reason="r")
    with pytest.raises(ValidationError, match="lý do"):
        indicator_update(actor=office, indicator=forest, values={"source": "x"}, reason=" ")
    indicator_update(
        actor=office,
        indicator=forest,
        values={"source": "Chi cục Kiểm lâm", "synonyms": ["Độ che phủ rừng", " "]},
        reason="Bổ sung nguồn",
    )
    forest.refresh_from_db()
    assert forest.source == "Chi cục Kiểm lâm" and forest.synonyms == ["Độ che phủ rừng"]
    entry = AuditEntry.objects.filter(object_type="indicators.indicator", actor=office).get()
    assert entry.reason == "Bổ sung nguồn" and "source" in entry.changes
