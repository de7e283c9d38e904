"""“Phân công và độ bao phủ”: the page, the delegation form with its confirm step, ending a
delegation, resolving a group; who may do what; pinned query counts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from tiendo.accounts.services import user_create
from tiendo.org.models import OrgUnit
from tiendo.plans.models import Assignment, Target, Task
from tiendo.plans.services import DelegationRequest, delegations_create

pytestmark = pytest.mark.django_db

PLAN = "lang-son-2020-2025"
BCSD = "ban-can-su-dang-uy-ban-nhan-dan-tinh"
PASSWORD = "mat-khau-rat-dai-9"


def account(username: str, role: str, unit: OrgUnit | None = None) -> Any:
    user, _ = user_create(
        actor=None, username=username, role=role, unit=unit, password=PASSWORD, check_actor=False
    )
    return user


@pytest.fixture
def w(builtin_plan: Any) -> dict[str, Any]:
    sct = OrgUnit.objects.create(
        code="so-cong-thuong", name="Sở Công Thương", short_name="Sở Công Thương", kind="department"
    )
    stc = OrgUnit.objects.create(code="so-tai-chinh", name="Sở Tài chính", kind="department")
    return {
        "plan": builtin_plan,
        "sct": sct,
        "stc": stc,
        "bcsd": OrgUnit.objects.get(code=BCSD),
        "monitor": account("vp", "monitor"),
        "admin": account("qt", "administrator"),
        "leader": account("ld", "leader"),
        "sct_reporter": account("bc.sct", "reporter", sct),
        "btc_reporter": account(
            "bc.btc", "reporter", OrgUnit.objects.get(code="ban-to-chuc-tinh-uy")
        ),
    }


def form_data(w: dict[str, Any], *codes: str, action: str = "preview", **extra: Any) -> dict:
    targets = Target.objects.filter(plan=w["plan"], code__in=codes)
    return {
        "from_unit": BCSD,
        "items": [f"target:{t.pk}" for t in targets],
        "to_units": [str(w["sct"].pk)],
        "role": "lead",
        "basis_text": "Kế hoạch 45/KH-UBND",
        "valid_from": "2025-01-01",
        "action": action,
        **extra,
    }


def text(response: Any) -> str:
    return response.content.decode()


def test_the_page_says_what_is_not_reportable_and_why(client, w):
    client.force_login(w["leader"])
    page = text(client.get(reverse("web:coverage", args=[PLAN])))
    # Ban Tổ chức has a reporter: program 7 (4 targets, 7 tasks) is reportable, nothing else
    assert "4/53 chỉ tiêu, 7/40 nhiệm vụ có đơn vị báo cáo" in page
    assert "Đơn vị chủ trì chưa có tài khoản cán bộ báo cáo" in page
    assert "Phân công thực hiện</a>" not in page, "leaders read, the office delegates"
    only = text(client.get(reverse("web:coverage", args=[PLAN]) + "?show=uncovered"))
    assert "Chương trình 7:" not in only and "Chương trình 1:" in only


def test_the_office_delegates_in_the_form_with_a_confirm_step(client, w):
    client.force_login(w["monitor"])
    url = reverse("web:delegation_new", args=[PLAN])
    page = client.get(url)
    assert page.status_code == 200 and "Sở Công Thương" in text(page)
    preview = client.post(url, form_data(w, "1.1", "1.2"))
    assert preview.status_code == 200
    body = text(preview)
    assert "Xác nhận phân công" in body and "Sẽ ghi nhận 2 phân công thực hiện" in body
    assert "báo cáo: <strong>Sở Công Thương</strong>" in body
    assert not Assignment.objects.filter(unit=w["sct"]).exists(), "a preview writes nothing"
    done = client.post(url, form_data(w, "1.1", "1.2", action="confirm"))
    assert done.status_code == 302 and done["Location"] == reverse("web:coverage", args=[PLAN])
    assert Assignment.objects.filter(unit=w["sct"], role="lead").count() == 2
    page = text(client.get(reverse("web:coverage", args=[PLAN])))
    assert "6/53 chỉ tiêu" in page
    assert 'BCSĐ UBND tỉnh</span> → <span class="chain-unit chain-last"' in page
    target_page = text(client.get(reverse("web:target_detail", args=[PLAN, "1.1"])))
    assert "Sở Công Thương" in target_page and "Chuỗi phân công" in target_page


def test_a_refused_delegation_keeps_the_input_and_says_why(client, w):
    client.force_login(w["monitor"])
    url = reverse("web:delegation_new", args=[PLAN])
    client.post(url, form_data(w, "1.1", action="confirm"))
    again = client.post(url, {**form_data(w, "1.1"), "to_units": [str(w["stc"].pk)]})
    assert again.status_code == 400
    body = text(again)
    assert "chỉ có một đơn vị chủ trì báo cáo tại một thời điểm" in body
    assert f'value="{w["stc"].pk}" checked' in body, "the choices are kept"
    missing = client.post(url, {**form_data(w), "items": [], "basis_text": ""})
    assert missing.status_code == 400
    assert "Hãy chọn ít nhất một chương trình" in text(missing)
    assert "Cần ghi căn cứ" in text(missing)


def test_who_may_open_the_delegation_form(client, w):
    url = reverse("web:delegation_new", args=[PLAN])
    for user, status in [
        (w["admin"], 200),
        (w["monitor"], 200),
        (w["leader"], 403),
        (w["sct_reporter"], 403),  # Sở Công Thương holds nothing yet
        (w["btc_reporter"], 200),  # Ban Tổ chức leads program 7: it may hand it on
    ]:
        client.force_login(user)
        assert client.get(url).status_code == status, user.username
    client.force_login(w["btc_reporter"])
    page = text(client.get(url))
    assert "Ban Tổ chức Tỉnh ủy" in page and "Văn phòng giao trực tiếp" not in page
    # a reporter cannot hand on another body's targets by forging the form
    forged = client.post(url, form_data(w, "1.1", action="confirm"))
    assert forged.status_code in (400, 403)
    assert not Assignment.objects.filter(unit=w["sct"]).exists()


def test_ending_a_delegation_in_the_browser(client, w):
    (node,) = delegations_create(
        actor=w["monitor"],
        plan=w["plan"],
        requests=[
            DelegationRequest(
                to_unit=w["sct"],
                role="lead",
                from_unit=w["bcsd"],
                target=Target.objects.get(plan=w["plan"], code="1.1"),
                valid_from=dt.date(2021, 3, 1),
                basis_text="KH 45",
            )
        ],
    )
    url = reverse("web:delegation_end", args=[PLAN, node.pk])
    client.force_login(w["leader"])
    assert client.get(url).status_code == 403
    client.force_login(w["monitor"])
    assert "Kế hoạch" not in text(client.get(url)) and "KH 45" in text(client.get(url))
    refused = client.post(url, {"end_date": "2025-06-30", "reason": ""})
    assert refused.status_code == 400 and "Cần ghi lý do" in text(refused)
    done = client.post(url, {"end_date": "2025-06-30", "reason": "Giao Sở Tài chính"})
    assert done.status_code == 302
    node.refresh_from_db()
    assert node.valid_to == dt.date(2025, 6, 30)


def test_resolving_a_group_in_the_browser(client, w):
    url = reverse("web:group_resolve", args=[PLAN, "cac-co-quan-lien-quan"])
    client.force_login(w["sct_reporter"])
    assert client.get(url).status_code == 403
    client.force_login(w["monitor"])
    assert client.get(url).status_code == 200
    data = {
        "members": [str(w["sct"].pk), str(w["stc"].pk)],
        "valid_from": "2025-01-01",
        "basis_text": "QĐ 12/QĐ-UBND",
    }
    preview = client.post(url, {**data, "action": "preview"})
    assert "Sẽ ghi nhận 12 phân công thực hiện" in text(preview)
    assert client.post(url, {**data, "action": "confirm"}).status_code == 302
    assert Assignment.objects.filter(parent__unit__code="cac-co-quan-lien-quan").count() == 12
    page = text(client.get(reverse("web:coverage", args=[PLAN])))
    assert "Đã giao cho" in page
    assert (
        client.get(reverse("web:group_resolve", args=[PLAN, "so-cong-thuong"])).status_code == 404
    )


def test_the_dashboard_tells_the_office_what_is_uncovered(client, w):
    url = reverse("web:plan_detail", args=[PLAN])
    client.force_login(w["monitor"])
    page = text(client.get(url))
    assert "4/53 chỉ tiêu, 7/40 nhiệm vụ có đơn vị báo cáo." in page
    assert "82 mục chưa có đơn vị nào được hỏi" in page
    assert reverse("web:coverage", args=[PLAN]) + "?show=uncovered" in page
    client.force_login(w["leader"])
    assert "chưa có đơn vị nào được hỏi" not in text(client.get(url))


def _many_delegations(w: dict[str, Any]) -> None:
    """Every target and task of programs 1–6 handed on, one delegation each, to six units."""
    units = [
        OrgUnit.objects.create(code=f"so-{n}", name=f"Sở {n}", kind="department") for n in range(6)
    ]
    for n, unit in enumerate(units):
        account(f"bc.{n}", "reporter", unit)
    items = [
        *({"target": t} for t in Target.objects.filter(plan=w["plan"], program__number__lte=6)),
        *({"task": t} for t in Task.objects.filter(plan=w["plan"], program__number__lte=6)),
    ]
    delegations_create(
        actor=w["monitor"],
        plan=w["plan"],
        requests=[
            DelegationRequest(
                to_unit=units[n % 6],
                role="lead",
                from_unit=w["bcsd"],
                valid_from=dt.date(2021, 3, 1),
                basis_text="KH 45",
                **item,  # type: ignore[arg-type]
            )
            for n, item in enumerate(items)
        ],
    )


@pytest.mark.parametrize(
    ("name", "queries"),
    [("coverage", 8), ("delegation_new", 10), ("plan_detail", 9)],
)
def test_query_counts_do_not_grow_with_the_delegations(
    client, w, django_assert_num_queries, name, queries
):
    url = reverse(f"web:{name}", args=[PLAN])
    client.force_login(w["monitor"])
    client.get(url)  # the plan's evaluation is cached; delegations do not change it
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
    _many_delegations(w)
    client.get(url)  # delegations change the plan's stamp: the first reading refills the cache
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
    if name == "coverage":
        assert "53/53 chỉ tiêu, 40/40 nhiệm vụ có đơn vị báo cáo" in text(response)
        assert text(response).count("Kết thúc</a>") == 82
