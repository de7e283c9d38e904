"""The user of each request is read with plain SQL (tiendo.accounts.user_rows): what it gives
must be what the ORM gives — the same values with the same types, the profile read, a missing
profile missing, the unread count — on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from tests.helpers import account
from tiendo.accounts.models import Profile
from tiendo.accounts.tokens import token_authenticate, token_create
from tiendo.reporting.models import Notification
from tiendo.reporting.selectors import user_with_unread_get

pytestmark = pytest.mark.django_db


def _as_orm_reads(user: object) -> dict[str, object]:
    return {f.attname: getattr(user, f.attname) for f in get_user_model()._meta.concrete_fields}


def test_the_user_of_a_request_is_the_one_the_orm_reads(django_assert_num_queries) -> None:
    user = account("ld", "leader")
    user.last_login = timezone.now() - dt.timedelta(days=2)
    user.is_staff = True
    user.save()
    for n in range(3):
        Notification.objects.create(user=user, subject=f"s{n}", body="b", created_at=timezone.now())
    Notification.objects.filter(subject="s0").update(read_at=timezone.now())

    with django_assert_num_queries(1):
        read = user_with_unread_get(user_id=str(user.pk))  # as the session keeps it
        assert read.profile.role == "leader"  # read with it: no query of its own
        assert read.unread_notifications == 2
    orm = get_user_model().objects.get(pk=user.pk)
    assert _as_orm_reads(read) == _as_orm_reads(orm)
    for name, value in _as_orm_reads(read).items():
        assert type(value) is type(getattr(orm, name)), name  # SQLite's booleans and dates
    assert read.profile.user is read and read.profile.pk == orm.profile.pk
    assert read.profile.created_at == orm.profile.created_at
    assert not read._state.adding and read._state.db == "default"


def test_a_user_without_a_profile_has_none_as_after_select_related() -> None:
    bare = get_user_model().objects.create_user(username="khong-ho-so", password="x")
    read = user_with_unread_get(user_id=bare.pk)
    with pytest.raises(Profile.DoesNotExist):
        read.profile  # noqa: B018
    assert read.unread_notifications == 0
    with pytest.raises(get_user_model().DoesNotExist):
        user_with_unread_get(user_id=bare.pk + 1000)
    with pytest.raises(get_user_model().DoesNotExist):
        user_with_unread_get(user_id="không phải số")


def test_a_token_gives_its_user_with_the_profile(builtin_plan, django_assert_num_queries) -> None:
    from tiendo.org.models import OrgUnit

    user = account("bc", "reporter", unit=OrgUnit.objects.order_by("pk").first())
    token, raw = token_create(actor=None, user=user, check_actor=False)
    assert token_authenticate(raw=raw) == user  # first use: recorded
    token.refresh_from_db()
    assert token.last_used_at is not None
    with django_assert_num_queries(1):  # used again within the minute: only the read
        read = token_authenticate(raw=raw)
        assert read.profile.role == "reporter" and read.profile.unit_id == user.profile.unit_id
    assert _as_orm_reads(read) == _as_orm_reads(get_user_model().objects.get(pk=user.pk))
    assert token_authenticate(raw=raw + "x") is None
    user.is_active = False
    user.save()
    assert token_authenticate(raw=raw) is None


def test_a_session_is_read_as_django_keeps_it(client, settings) -> None:
    """tiendo.accounts.sessions reads Django's session rows with plain SQL: a signed-in user
    stays signed in, an expired session or a forged key signs out, signing out ends it."""
    from django.contrib.sessions.models import Session

    assert settings.SESSION_ENGINE == "tiendo.accounts.sessions"
    user = account("ld", "leader")
    client.force_login(user)
    page = "/accounts/mat-khau/"
    assert client.get(page).status_code == 200
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - dt.timedelta(1))
    assert client.get(page).status_code == 302  # expired: to the sign-in page
    client.force_login(user)
    client.cookies[settings.SESSION_COOKIE_NAME] = "x" * 32
    assert client.get(page).status_code == 302
    client.force_login(user)
    assert client.get(page).status_code == 200
    client.post("/logout/")
    assert client.get(page).status_code == 302
