"""Sign-in by user name in any case or Unicode form: "TheoDoi" or a full-width "ｔｈｅｏｄｏｉ"
signs in the account "theodoi" (user names are stored normalised, `services.username_normalize`).
An account created before normalisation keeps signing in by its exact name."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from .services import username_normalize


class NormalisedModelBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        if username is not None:
            normal = username_normalize(username)
            user = super().authenticate(request, username=normal, password=password, **kwargs)
            if user is not None or normal == username:
                return user
        return super().authenticate(request, username=username, password=password, **kwargs)
