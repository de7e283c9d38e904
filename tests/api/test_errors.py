"""Every answer of the API is JSON in its one error shape — also for an address it does not have
(404), a method an address does not take (405) and a body larger than Django accepts (413) —
and the answer for another unit's object is the answer for an object that does not exist."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from tiendo.reporting.models import Submission

pytestmark = pytest.mark.django_db
SNN = "so-nong-nghiep-va-phat-trien-nong-thon"
SVH = "so-van-hoa-the-thao-va-du-lich"


def error_of(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    assert body["error"]["message"]
    return body["error"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/khong-co",
        "/api/v1/plans/lang-son-2020-2025/khong-co",
        "/api/v1/submissions/1/khong-co/2",
        "/api/v1/plans/",  # a trailing slash the API does not use
        "/api/v1/",
    ],
)
def test_unknown_addresses_answer_json_404(api_as: Any, path: str) -> None:
    for client, headers in ((Client(), {}), (api_as("lanhdao").client, api_as("lanhdao").headers)):
        for method in ("get", "post", "delete"):
            response = getattr(client, method)(path, headers=headers)
            assert error_of(response, 404)["code"] == "not_found"


def test_a_method_the_address_does_not_take_answers_json_405(api_as: Any, rnd: Any) -> None:
    api = api_as("baocao.snn")
    mine = Submission.objects.get(round=rnd, unit__code=SNN).pk
    cases = [
        ("delete", "/api/v1/plans", "GET"),
        ("post", "/api/v1/plans/lang-son-2020-2025", "GET"),
        ("patch", f"/api/v1/submissions/{mine}", "GET, PUT"),
        ("get", f"/api/v1/submissions/{mine}/submit", "POST"),
        ("put", "/api/v1/figures", "GET"),
    ]
    for method, path, allowed in cases:
        response = getattr(api.client, method)(path, headers=api.headers)
        error = error_of(response, 405)
        assert error["code"] == "method_not_allowed"
        assert set(response["Allow"].split(", ")) == set(allowed.split(", "))
        assert method.upper() in error["message"]
    # Without a token the answer is the same: the address and its methods are public.
    assert error_of(Client().delete("/api/v1/plans"), 405)["code"] == "method_not_allowed"


def test_a_body_over_the_request_limit_answers_json_413(
    api_as: Any, rnd: Any, settings: Any
) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    api = api_as("baocao.snn")
    mine = Submission.objects.get(round=rnd, unit__code=SNN)
    body = {
        "version": mine.version,
        "figures": [{"target": "2.2", "value": "9100", "note": "x" * 4000}] * 3,
    }
    assert len(json.dumps(body)) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    for response in (
        api.put(f"/submissions/{mine.pk}", body),
        api.post(f"/submissions/{mine.pk}/figures", body),
    ):
        error = error_of(response, 413)
        assert error["code"] == "too_large"
        assert "9 KB" in error["message"]
    mine.refresh_from_db()
    assert mine.version == 1  # nothing was written
    small = {"version": 1, "figures": [{"target": "2.2", "value": "9100"}]}
    assert api.put(f"/submissions/{mine.pk}", small).status_code == 200


def test_another_units_objects_answer_like_missing_ones(api_as: Any, rnd: Any) -> None:
    """A reporter cannot tell another unit's submission from an id that does not exist, for
    reads and for writes."""
    reporter = api_as("baocao.snn")
    theirs = Submission.objects.get(round=rnd, unit__code=SVH).pk
    missing = 987654
    assert not Submission.objects.filter(pk=missing).exists()
    calls = [
        ("get", "/submissions/{id}", None),
        ("put", "/submissions/{id}", {"version": 1, "figures": []}),
        ("post", "/submissions/{id}/submit", {"version": 1}),
        ("post", "/submissions/{id}/figures", {"figures": [{"target": "2.2", "value": 1}]}),
    ]
    for method, path, body in calls:
        answers = []
        for pk in (theirs, missing):
            url = path.format(id=pk)
            response = (
                reporter.get(url) if method == "get" else getattr(reporter, method)(url, body)
            )
            answers.append((response.status_code, error_of(response, 404)))
        assert answers[0] == answers[1], (method, path)
    assert reporter.get("/submissions", unit=SVH).json()["count"] == 0
    # The office, who may read it, is told it may not change it.
    office = api_as("theodoi")
    assert error_of(office.put(f"/submissions/{theirs}", {"version": 1}), 403)["code"] == (
        "forbidden"
    )
