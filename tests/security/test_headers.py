"""Issue 13, item 7: a Content-Security-Policy that allows this site only (no inline script: the
pages have none), and `Cache-Control: no-store` on what a signed-in person or an API token gets —
pages and evidence downloads — so that a shared computer keeps no copy."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db
SNN = "so-nong-nghiep-va-phat-trien-nong-thon"


def _policy(answer: Any) -> dict[str, str]:
    header = answer["Content-Security-Policy"]
    return {
        part.split()[0]: " ".join(part.split()[1:])
        for part in (p.strip() for p in header.split(";"))
        if part
    }


def _no_inline_script(html: str) -> None:
    inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert not [s for s in inline if "application/json" not in s], inline
    assert not re.search(r"\son[a-z]+\s*=", html), re.search(r"\son[a-z]+\s*=.{0,60}", html)


def test_every_page_allows_only_this_site(people: dict[str, Any]) -> None:
    anonymous = Client()
    login = anonymous.get(reverse("login"))
    policy = _policy(login)
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
    _no_inline_script(login.content.decode())
    signed_in = Client()
    signed_in.force_login(people["theodoi"])
    for url in ("/", reverse("web:plan_detail", args=[people["plan"].code])):
        answer = signed_in.get(url, follow=True)
        assert answer.status_code == 200
        assert _policy(answer)["script-src"] == "'self'"
        _no_inline_script(answer.content.decode())


def test_signed_in_pages_and_evidence_are_not_stored(people: dict[str, Any], rnd: Any) -> None:
    from tiendo.reporting.services import evidence_add

    client = Client()
    client.force_login(people["baocao.snn"])
    sub = rnd.submissions.get(unit__code=SNN)
    page = client.get(reverse("reporting:submission", args=[sub.pk]))
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    evidence = evidence_add(
        actor=people["baocao.snn"],
        submission=sub,
        upload=SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"),
    )
    download = client.get(reverse("reporting:evidence_download", args=[sub.pk, evidence.pk]))
    assert download.status_code == 200 and download["Cache-Control"] == "no-store"


def test_api_answers_to_a_token_are_not_stored(people: dict[str, Any]) -> None:
    from tiendo.accounts.tokens import token_create

    _token, raw = token_create(actor=None, user=people["lanhdao"], check_actor=False)
    answer = Client().get("/api/v1/plans", headers={"Authorization": f"Bearer {raw}"})
    assert answer.status_code == 200 and answer["Cache-Control"] == "no-store"
