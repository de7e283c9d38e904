"""Inline validation of a typed value (htmx on change), with the same rules as saving."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tiendo.plans.models import Target

from .conftest import SNN, sub_of


def test_a_value_is_checked_as_it_is_typed(client: Any, demo: dict[str, Any], rnd: Any) -> None:
    submission = sub_of(rnd, SNN)
    target = Target.objects.get(plan=demo["plan"], code="2.3")
    url = reverse("reporting:figure_check", args=[submission.pk, target.pk])
    key = f"figure-{target.pk}-value"
    client.force_login(demo["baocao.snn"])
    bad = client.post(url, {key: "120"}, HTTP_HX_REQUEST="true").content.decode()
    assert "phải trong khoảng 0 đến 100" in bad and f'id="{key}-error"' in bad
    assert "không phải là số" in client.post(url, {key: "sáu mươi"}).content.decode()
    good = client.post(url, {key: "66,2"}).content.decode()
    assert f'<span id="{key}-error" class="verdict"' in good and 'role="alert"' not in good
    # Beside a good value: the status it would give, as the engine judges it (the round's year,
    # 2024, is before the target's last year: the value is compared with the path to 65 %).
    assert "Có khả năng đạt" in good and "66,2%" in good
    final = {
        key: "66,2",
        f"figure-{target.pk}-year": "2025",
        f"figure-{target.pk}-figure_type": "official",
    }
    assert "Vượt" in client.post(url, final).content.decode()
    short = client.post(url, {**final, key: "60"}).content.decode()
    assert "Không đạt" in short and "60%" in short
    assert client.post(url, {key: ""}).content.decode().strip() == (
        f'<span id="{key}-error" class="verdict" aria-live="polite"></span>'
    )
    page = client.get(reverse("reporting:submission", args=[submission.pk])).content.decode()
    assert f'hx-post="{url}"' in page


def test_another_unit_cannot_use_the_check(client: Any, demo: dict[str, Any], rnd: Any) -> None:
    submission = sub_of(rnd, SNN)
    target = Target.objects.get(plan=demo["plan"], code="2.3")
    client.force_login(demo["baocao.btc"])
    response = client.post(reverse("reporting:figure_check", args=[submission.pk, target.pk]), {})
    assert response.status_code in (403, 404)
