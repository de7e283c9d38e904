"""Issue 13, item 6: user names are normalised (NFKC/NFC, case-folded) and unique in that form —
a name differing from an existing one only by case or Unicode form gets a clear message, not a
500 — e-mails and lengths are validated, and behind the documented nginx (a trusted-proxy
setting) lockouts key on the real client address instead of locking everyone out."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.urls import reverse

from tiendo.accounts.services import user_create

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["THEODOI", "ｔｈｅｏｄｏｉ", " TheoDoi "])
def test_a_name_that_differs_only_by_case_or_form_is_refused_clearly(
    people: dict[str, Any], name: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        user_create(actor=people["admin"], username=name, role="leader")
    assert "Tên đăng nhập “theodoi” đã có." in refused.value.message_dict["username"]


def test_names_are_stored_normalised_and_sign_in_in_any_case(people: dict[str, Any]) -> None:
    user, password = user_create(actor=people["admin"], username="Nguyễn.Văn.An", role="leader")
    assert user.username == "nguyễn.văn.an"
    client = Client()
    answer = client.post(reverse("login"), {"username": "NGUYỄN.VĂN.AN", "password": password})
    assert answer.status_code == 302


@pytest.mark.parametrize(
    ("fields", "key", "message"),
    [
        ({"username": "a b"}, "username", "chỉ gồm chữ, số"),
        ({"username": "x" * 151}, "username", "tối đa 150"),
        ({"username": "moi", "email": "khong-phai-thu"}, "email", "không hợp lệ"),
        ({"username": "moi", "full_name": "Lê \u202eVăn"}, "full_name", "hướng chữ"),
        ({"username": "moi", "full_name": "A " * 80}, "full_name", "tối đa 150"),
    ],
)
def test_bad_account_fields_get_a_message(
    people: dict[str, Any], fields: dict[str, str], key: str, message: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        user_create(actor=people["admin"], role="leader", **fields)
    assert message in " ".join(refused.value.message_dict[key])


def _fail(client: Client, ip: str) -> int:
    return client.post(
        reverse("login"),
        {"username": "theodoi", "password": "sai-mat-khau"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=ip,
    ).status_code


@override_settings(TIENDO_TRUSTED_PROXIES=1)
def test_behind_the_proxy_a_lockout_keys_on_the_real_client(people: dict[str, Any]) -> None:
    attacker = Client()
    for _ in range(5):
        _fail(attacker, "10.0.0.66")
    assert _fail(attacker, "10.0.0.66") == 429
    colleague = Client()
    answer = colleague.post(
        reverse("login"),
        {"username": "theodoi", "password": people["passwords"]["theodoi"]},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="10.0.0.7",
    )
    assert answer.status_code == 302


def test_without_the_setting_a_forged_header_changes_nothing(people: dict[str, Any]) -> None:
    client = Client()
    for n in range(5):
        _fail(client, f"10.0.1.{n}")  # a new forged address each time
    assert _fail(client, "10.0.1.99") == 429


def test_the_password_change_form_is_throttled_like_sign_in(people: dict[str, Any]) -> None:
    from django.core.cache import cache

    cache.clear()
    client = Client()
    client.force_login(people["baocao.snn"])
    url = reverse("accounts:password_change")
    new = {"new_password": "Mat-khau-moi-2026!", "new_password_again": "Mat-khau-moi-2026!"}
    for _ in range(5):
        answer = client.post(url, {"old_password": "doan-sai", **new})
        assert "Mật khẩu hiện tại không đúng" in answer.content.decode()
    right = {"old_password": people["passwords"]["baocao.snn"], **new}
    answer = client.post(url, right)
    assert answer.status_code == 400
    assert "quá 5 lần; hãy thử lại sau 15 phút" in answer.content.decode()
    people["baocao.snn"].refresh_from_db()
    assert people["baocao.snn"].check_password(people["passwords"]["baocao.snn"])
    cache.clear()
