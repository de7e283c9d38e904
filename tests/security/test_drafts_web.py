"""Issue 13, item 3 (pages and exports): a draft plan is the office's work. For everyone else —
anonymous visitors, reporters, leaders — a draft's code answers exactly like a code that does
not exist (404, or the same refusal), on every page, download and form that takes a plan code,
and nothing of the draft shows. The URLs are enumerated from Django's URL resolver, so a new
page that takes a plan code is walked without changing this test."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tiendo.plans.models import Plan, PlanStatus

pytestmark = pytest.mark.django_db

MARK = "ZQXJ"  # a word only the draft contains
DRAFT = "du-thao-mat"
MISSING = "khong-co-ma-nay"
NON_OFFICE = ("anonymous", "baocao.snn", "lanhdao")
OFFICE = ("theodoi", "quantri")


@pytest.fixture
def draft(people: dict[str, Any]) -> Plan:
    from tiendo.plans.services import plan_builtin_document, plan_load

    document = plan_builtin_document()
    document.update(code=DRAFT, number=f"99-{MARK}/TU", status="draft")
    document["title"] = f"Dự thảo {MARK} chưa công bố"
    document["targets"][0]["indicator"] = f"{MARK} tỷ lệ bí mật"
    document["targets"][0]["indicator_code"] = None
    return plan_load(document=document, record_revision=False).plan


def _patterns(
    patterns: list[Any], prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str, set[str]]]:
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if route.startswith(("api/", "admin/")):
                continue  # the API has its own walk (tests/api); the admin is Django's
            inner = f"{namespace}:{entry.namespace}" if entry.namespace else namespace
            yield from _patterns(entry.url_patterns, route, inner.strip(":"))
        elif isinstance(entry, URLPattern) and entry.name:
            params = set(entry.pattern.regex.groupindex)
            if "code" in params:
                name = f"{namespace}:{entry.name}" if namespace else entry.name
                yield name, route, params


def plan_code_urls() -> list[tuple[str, dict[str, Any]]]:
    """Every named web URL with a `code` parameter, with sample values for its other ones."""
    samples: dict[str, list[Any]] = {
        "target_code": ["1.1"],
        "task_code": ["1.1"],
        "number": [1],
        "pk": [1],
        "year": [2024],
        "unit_code": ["so-nong-nghiep"],
        "kind": ["chi-tieu", "nhiem-vu", "dot-pha"],
        "ref": ["1.1"],
        "fmt": ["csv", "json", "docx", "pdf", "xlsx"],
    }
    found = []
    for name, route, params in _patterns(get_resolver().url_patterns):
        unknown = params - {"code"} - set(samples)
        assert not unknown, f"{route}: add sample values for {unknown} to this test"
        others = sorted(params - {"code"})
        for values in itertools.product(*(samples[p] for p in others)):
            found.append((name, dict(zip(others, values, strict=True))))
    return found


URLS = plan_code_urls()


def _client(people: dict[str, Any], role: str) -> Client:
    client = Client(raise_request_exception=False)
    if role != "anonymous":
        client.force_login(people[role] if role != "quantri" else people["admin"])
    return client


def test_the_walk_covers_the_pages_that_take_a_plan_code() -> None:
    names = {name for name, _ in URLS}
    assert {
        "web:plan_detail",
        "web:plan_document",
        "exports:targets_xlsx",
        "exports:report",
        "exports:report_download",
        "exports:open_data",
        "importer:review",
        "importer:target_save",
    } <= names, names


@pytest.mark.parametrize("role", NON_OFFICE)
def test_a_draft_does_not_exist_for_anyone_but_the_office(
    people: dict[str, Any], draft: Plan, role: str
) -> None:
    client = _client(people, role)
    targets = draft.targets.count()
    leaks = []
    for name, kwargs in URLS:
        for method in ("get", "post"):
            answers = {}
            for code in (DRAFT, MISSING):
                url = reverse(name, kwargs={"code": code, **kwargs})
                response = getattr(client, method)(url)
                body = b"".join(response) if response.streaming else response.content
                answers[code] = (response.status_code, MARK.encode() in body)
            draft_status, shown = answers[DRAFT]
            if shown or draft_status in (200, 500) or answers[DRAFT] != answers[MISSING]:
                leaks.append(f"{method.upper()} {name} {kwargs}: {answers}")
    assert not leaks, "\n".join(leaks)
    draft.refresh_from_db()
    assert draft.status == PlanStatus.DRAFT and draft.targets.count() == targets


@pytest.mark.parametrize("role", OFFICE)
def test_the_office_reads_drafts(people: dict[str, Any], draft: Plan, role: str) -> None:
    client = _client(people, role)
    failures = [
        (name, kwargs, status)
        for name, kwargs in URLS
        if (status := client.get(reverse(name, kwargs={"code": DRAFT, **kwargs})).status_code)
        >= 500
    ]
    assert not failures
    data = client.get(reverse("web:plan_document", args=[DRAFT]))
    assert data.status_code == 200 and MARK in data.content.decode()
    if role == "theodoi":
        review = client.get(reverse("importer:review", args=[DRAFT]))
        assert review.status_code == 200 and MARK in review.content.decode()


def test_the_audit_log_keeps_drafts_from_the_others(people: dict[str, Any], draft: Plan) -> None:
    leader = _client(people, "lanhdao")
    page = leader.get(reverse("reporting:audit_list"))
    entry = f"({DRAFT})"  # how an entry names its plan (the log in words: "… (du-thao-mat)")
    assert page.status_code == 200 and entry not in page.content.decode()
    filtered = leader.get(reverse("reporting:audit_list") + f"?plan={DRAFT}").content.decode()
    assert entry not in filtered and "Không có mục nào." in filtered
    office = _client(people, "theodoi")
    assert entry in office.get(reverse("reporting:audit_list") + f"?plan={DRAFT}").content.decode()
