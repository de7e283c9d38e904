"""The API of responsibility: coverage (the same JSON as the command), delegations listed,
created (with a preview), ended, groups resolved; the same rules and permissions as the pages."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.management import call_command

from tiendo.org.models import OrgUnit
from tiendo.plans.models import Assignment

pytestmark = pytest.mark.django_db
PLAN = "lang-son-2020-2025"
BCSD = "ban-can-su-dang-uy-ban-nhan-dan-tinh"
BTC = "ban-to-chuc-tinh-uy"


@pytest.fixture
def sct(demo: dict[str, Any]) -> OrgUnit:
    return OrgUnit.objects.create(code="so-cong-thuong", name="Sở Công Thương", kind="department")


def body(**extra: Any) -> dict[str, Any]:
    return {
        "from_unit": BCSD,
        "to_units": ["so-cong-thuong"],
        "role": "lead",
        "targets": ["1.1", "1.2"],
        "valid_from": "2025-01-01",
        "basis_text": "Kế hoạch 45/KH-UBND",
        **extra,
    }


def test_coverage_is_the_same_json_as_the_command(api_as: Any, demo: dict[str, Any]) -> None:
    out = io.StringIO()
    call_command("plan", "coverage", PLAN, "--json", stdout=out)
    response = api_as("lanhdao").get(f"/plans/{PLAN}/coverage")
    assert response.status_code == 200
    data = response.json()
    assert {k: v for k, v in data.items() if k != "items"} == json.loads(out.getvalue())
    assert data["targets"]["reportable"] == 25 and "1.1" in data["targets"]["uncovered"]
    detail = api_as("baocao.snn").get(f"/plans/{PLAN}/coverage", detail="true").json()
    item = next(i for i in detail["items"] if i["code"] == "2.2")
    assert item["chain"] == [BCSD, "so-nong-nghiep-va-phat-trien-nong-thon"]
    assert item["reporter"] == "so-nong-nghiep-va-phat-trien-nong-thon" and item["gap"] is None
    gap = next(i for i in detail["items"] if i["code"] == "1.1")
    assert gap["gap"] == "no_reporter" and gap["reporter"] is None
    assert api_as("lanhdao").get("/plans/khong-co/coverage").status_code == 404


def test_the_office_delegates_with_a_preview_then_for_real(
    api_as: Any, demo: dict[str, Any], sct: OrgUnit
) -> None:
    api = api_as("theodoi")
    preview = api.post(f"/plans/{PLAN}/delegations", body(preview=True))
    assert preview.status_code == 200, preview.content
    data = preview.json()
    assert [n["ref"] for n in data["nodes"]] == ["1.1", "1.2"]
    assert data["nodes"][0]["id"] is None and data["nodes"][0]["from_unit"] == BCSD
    assert data["changes"][0]["after"]["chain"] == [BCSD, "so-cong-thuong"]
    assert not Assignment.objects.filter(unit=sct).exists()
    created = api.post(f"/plans/{PLAN}/delegations", body())
    assert created.status_code == 201
    assert {n["ref"] for n in created.json()} == {"1.1", "1.2"}
    listed = api.get(f"/plans/{PLAN}/delegations").json()
    assert {(n["unit"], n["ref"], n["from_unit"]) for n in listed} >= {
        ("so-cong-thuong", "1.1", BCSD),
        ("so-cong-thuong", "1.2", BCSD),
    }
    # one reporting lead per target at a time: the same rule as the form
    again = api.post(f"/plans/{PLAN}/delegations", body(to_units=[BTC], targets=["1.1"]))
    assert again.status_code == 422
    assert "một đơn vị chủ trì báo cáo" in again.json()["error"]["details"][0]["message"]
    node = Assignment.objects.get(unit=sct, target__code="1.1")
    ended = api.post(
        f"/plans/{PLAN}/delegations/{node.pk}/end",
        {"end_date": "2025-06-30", "reason": "Giao lại"},
    )
    assert ended.status_code == 200 and ended.json()[0]["valid_to"] == "2025-06-30"
    history = api.get(f"/plans/{PLAN}/delegations", history="true").json()
    assert any(n["id"] == node.pk and n["valid_to"] == "2025-06-30" for n in history)
    current = api.get(f"/plans/{PLAN}/delegations", on="2025-07-01").json()
    assert all(n["id"] != node.pk for n in current)


def test_bad_input_is_refused_with_the_field(api_as: Any, demo: dict[str, Any], sct: OrgUnit):
    api = api_as("theodoi")
    unknown = api.post(f"/plans/{PLAN}/delegations", body(targets=["9.9"], to_units=["khong-co"]))
    assert unknown.status_code == 422
    fields = {d["field"] for d in unknown.json()["error"]["details"]}
    assert "targets" in fields or "to_units" in fields
    assert api.post(f"/plans/{PLAN}/delegations", body(role="boss")).status_code == 422
    assert not Assignment.objects.filter(unit=sct).exists()


@pytest.mark.parametrize(
    ("user", "from_unit", "status"),
    [
        ("quantri", BCSD, 201),
        ("theodoi", BCSD, 201),
        ("lanhdao", BCSD, 403),
        ("baocao.btc", BCSD, 403),  # not its own body's part
        ("baocao.btc", BTC, 201),  # Ban Tổ chức hands on what it leads
        ("baocao.snn", BTC, 403),
    ],
)
def test_who_may_delegate_through_the_api(
    api_as: Any, demo: dict[str, Any], sct: OrgUnit, user: str, from_unit: str, status: int
) -> None:
    targets = ["7.1"] if from_unit == BTC else ["1.1"]
    response = api_as(user).post(
        f"/plans/{PLAN}/delegations", body(from_unit=from_unit, targets=targets)
    )
    assert response.status_code == status, response.content
    if status == 403:
        assert response.json()["error"]["code"] == "forbidden"


def test_resolving_a_group_through_the_api(api_as: Any, demo: dict[str, Any], sct: OrgUnit):
    payload = {"members": ["so-cong-thuong"], "valid_from": "2025-01-01", "basis_text": "QĐ 12"}
    url = f"/plans/{PLAN}/groups/cac-co-quan-lien-quan/resolve"
    assert api_as("baocao.btc").post(url, payload).status_code == 403
    created = api_as("theodoi").post(url, payload)
    assert created.status_code == 201 and len(created.json()) == 6
    assert {n["role"] for n in created.json()} == {"coordinate"}
