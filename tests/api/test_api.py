"""The REST API: tokens, every endpoint, every role, another unit's objects, error bodies."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from openapi_spec_validator import validate

from tests.helpers import series_of
from tiendo.accounts.models import ApiToken, Profile, Role
from tiendo.accounts.permissions import NotAllowed
from tiendo.accounts.tokens import token_create, token_hash, token_revoke
from tiendo.audit.models import AuditEntry
from tiendo.core.models import IdempotencyRecord
from tiendo.indicators.models import Figure
from tiendo.reporting.models import Submission

from .conftest import Api

pytestmark = pytest.mark.django_db
PLAN = "lang-son-2020-2025"
SNN = "so-nong-nghiep-va-phat-trien-nong-thon"
SVH = "so-van-hoa-the-thao-va-du-lich"
ROLES = ["quantri", "theodoi", "lanhdao", "baocao.snn"]


def error_of(response: Any) -> dict[str, Any]:
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    return body["error"]


def sub_id(rnd: Any, unit: str) -> int:
    return Submission.objects.get(round=rnd, unit__code=unit).pk


# --- Tokens -------------------------------------------------------------------------------------


def test_token_command_prints_once_stores_hash_and_revokes(demo):
    out, err = io.StringIO(), io.StringIO()
    call_command("token", "create", "baocao.snn", "--name", "hệ thống tỉnh", stdout=out, stderr=err)
    raw = out.getvalue().strip()
    assert raw.startswith("tdo_") and len(raw) > 40
    token = ApiToken.objects.get()
    assert token.key_hash == token_hash(raw) and raw not in json.dumps(
        list(ApiToken.objects.values()), default=str
    )
    assert Api(raw).get("/plans").status_code == 200
    listing = io.StringIO()
    call_command("token", "list", stdout=listing)
    assert token.prefix in listing.getvalue() and raw not in listing.getvalue()
    call_command("token", "revoke", token.prefix, stdout=io.StringIO())
    response = Api(raw).get("/plans")
    assert response.status_code == 401
    assert error_of(response)["code"] == "unauthenticated"


def test_tokens_by_owner_or_administrator(demo):
    _t, _raw = token_create(actor=demo["baocao.snn"], user=demo["baocao.snn"])
    token, _raw = token_create(actor=demo["admin"], user=demo["lanhdao"])
    with pytest.raises(NotAllowed):
        token_create(actor=demo["theodoi"], user=demo["lanhdao"])
    with pytest.raises(NotAllowed):
        token_revoke(actor=demo["baocao.snn"], token=token)
    token_revoke(actor=demo["lanhdao"], token=token)
    assert AuditEntry.objects.filter(object_type="accounts.apitoken").count() == 3


def test_no_or_bad_token(demo):
    for api in (Api(None), Api("tdo_khong-dung")):
        response = api.get("/plans")
        assert response.status_code == 401
        assert "Authorization" in error_of(response)["message"]
    user = demo["baocao.snn"]
    user.is_active = False
    user.save()
    _t, raw = token_create(actor=None, user=user, check_actor=False)
    assert Api(raw).get("/plans").status_code == 401


# --- Plans, targets, tasks, units, evaluation ---------------------------------------------------


@pytest.mark.parametrize("username", ROLES)
def test_plan_reads_for_every_role(api_as, username, rnd):
    api = api_as(username)
    plans = api.get("/plans").json()
    assert plans["count"] == 1 and plans["items"][0]["code"] == PLAN
    doc = api.get(f"/plans/{PLAN}").json()
    assert doc["code"] == PLAN and len(doc["targets"]) == 53
    programs = api.get(f"/plans/{PLAN}/programs").json()
    assert [p["number"] for p in programs] == list(range(1, 8))
    targets = api.get(f"/plans/{PLAN}/targets", page_size=100).json()
    assert targets["count"] == 53
    assert api.get(f"/plans/{PLAN}/targets", program=5).json()["count"] == 6
    led = api.get(f"/plans/{PLAN}/targets", unit=SNN).json()
    assert [t["code"] for t in led["items"]] == [f"2.{n}" for n in range(2, 13)]
    tasks = api.get(f"/plans/{PLAN}/tasks", page_size=10).json()
    assert tasks["count"] == 40 and len(tasks["items"]) == 10
    assert api.get(f"/plans/{PLAN}/tasks", status="done").json()["count"] == 0
    units = api.get("/units").json()
    assert any(u["code"] == SNN for u in units["items"])
    assert api.get("/plans/khong-co").status_code == 404


def test_evaluation_is_the_evaluate_command(api_as, builtin_plan):
    Figure.objects.create(
        **series_of(builtin_plan.targets.get(code="5.6")),
        year=2025,
        value="2.32",
        figure_type="official",
        accepted_at="2025-12-01T00:00:00Z",
    )
    out = io.StringIO()
    call_command("evaluate", "--plan", PLAN, "--as-of", "2025", "--json", stdout=out)
    body = api_as("lanhdao").get(f"/plans/{PLAN}/evaluation", as_of=2025).json()
    assert body["evaluations"] == json.loads(out.getvalue())
    assert body["counts"]["achieved"] >= 1 and sum(body["counts"].values()) == 53
    bad = api_as("lanhdao").get(f"/plans/{PLAN}/evaluation", as_of=99999)
    assert bad.status_code == 422 and error_of(bad)["code"] == "invalid_request"
    assert error_of(bad)["details"][0]["field"].endswith("as_of")


# --- Rounds and submissions: reads ---------------------------------------------------------------


def test_rounds_by_role(api_as, rnd, demo):
    for username in ("quantri", "theodoi", "lanhdao", "baocao.snn"):
        body = api_as(username).get("/rounds", year=2024).json()
        assert [r["id"] for r in body["items"]] == [rnd.pk]
        assert api_as(username).get(f"/rounds/{rnd.pk}").json()["period_label"] == "Năm 2024"
    # A user without a role reads the plan but not the rounds.
    plain = get_user_model().objects.create_user(username="khach", password="x-y-z-12345678")
    _t, raw = token_create(actor=None, user=plain, check_actor=False)
    assert Api(raw).get("/plans").status_code == 200
    assert Api(raw).get("/rounds").status_code == 403
    # A reporter of a unit that does not report in the round does not see it.
    from tiendo.org.models import OrgUnit

    other = OrgUnit.objects.create(code="so-khac", name="Sở khác", kind="department")
    user = get_user_model().objects.create_user(username="baocao.khac", password="x-y-z-1234567")
    Profile.objects.create(user=user, unit=other, role=Role.REPORTER)
    _t, raw = token_create(actor=None, user=user, check_actor=False)
    assert Api(raw).get("/rounds").json()["count"] == 0
    assert Api(raw).get(f"/rounds/{rnd.pk}").status_code == 404
    assert Api(raw).get("/rounds/999999999999").status_code == 422


def test_submissions_reads_and_other_units(api_as, rnd):
    mine, theirs = sub_id(rnd, SNN), sub_id(rnd, SVH)
    reporter = api_as("baocao.snn")
    listed = reporter.get("/submissions").json()
    assert [s["id"] for s in listed["items"]] == [mine]
    assert reporter.get("/submissions", unit=SVH).json()["count"] == 0
    detail = reporter.get(f"/submissions/{mine}").json()
    assert detail["unit"] == SNN and next(f["target"] for f in detail["figures"]) == "2.2"
    # Another unit's submission answers exactly like one that does not exist: ids of other
    # units' work cannot be probed.
    theirs_answer = reporter.get(f"/submissions/{theirs}")
    missing_answer = reporter.get("/submissions/424242")
    assert theirs_answer.status_code == missing_answer.status_code == 404
    assert error_of(theirs_answer) == error_of(missing_answer)
    assert error_of(theirs_answer)["code"] == "not_found"
    for username in ("quantri", "theodoi", "lanhdao"):
        api = api_as(username)
        assert api.get("/submissions", round=rnd.pk).json()["count"] >= 2
        assert api.get(f"/submissions/{theirs}").status_code == 200
        assert api.get("/submissions", state="draft", unit=SVH).json()["count"] == 1


# --- Submissions: writes -------------------------------------------------------------------------


def test_reporter_updates_and_submits_monitor_returns_and_accepts(api_as, rnd):
    mine = sub_id(rnd, SNN)
    reporter, monitor = api_as("baocao.snn"), api_as("theodoi")
    body = {
        "version": 1,
        "figures": [
            {"target": "2.3", "value": "63.5", "figure_type": "official", "source": "Cục Thống kê"},
            {"target": "2.2", "value": 9100},
        ],
        "tasks": [],
    }
    saved = reporter.put(f"/submissions/{mine}", body)
    assert saved.status_code == 200, saved.content
    figures = {f["target"]: f for f in saved.json()["figures"]}
    assert figures["2.3"]["value"] == "63.5" and figures["2.2"]["value"] == "9100"
    assert saved.json()["version"] == 2
    stale = reporter.put(f"/submissions/{mine}", body)
    assert stale.status_code == 409 and error_of(stale)["code"] == "stale_version"
    bad = reporter.put(
        f"/submissions/{mine}", {"version": 2, "figures": [{"target": "2.3", "value": "120"}]}
    )
    assert bad.status_code == 422
    assert error_of(bad)["details"][0]["field"] == "figures.0.value"
    not_mine = reporter.put(
        f"/submissions/{mine}", {"version": 2, "figures": [{"target": "3.1", "value": "4"}]}
    )
    assert not_mine.status_code == 422 and "3.1" in error_of(not_mine)["message"]
    # Others may not write: those who may read it get 403; another unit's reporter, who may
    # not even read it, gets the 404 of a submission that does not exist.
    for username in ("theodoi", "lanhdao", "quantri"):
        assert api_as(username).put(f"/submissions/{mine}", {"version": 2}).status_code == 403
    assert api_as("baocao.svhttdl").put(f"/submissions/{mine}", {"version": 2}).status_code == 404
    for username in ("baocao.snn", "lanhdao", "quantri"):
        assert (
            api_as(username).post(f"/submissions/{mine}/accept", {"version": 2}).status_code == 403
        )
    assert (
        api_as("baocao.svhttdl").post(f"/submissions/{mine}/submit", {"version": 2}).status_code
        == 404
    )
    sent = reporter.post(f"/submissions/{mine}/submit", {"version": 2})
    assert sent.status_code == 200 and sent.json()["state"] == "submitted"
    returned = monitor.post(f"/submissions/{mine}/return", {"version": 3, "reason": "Thiếu nguồn"})
    assert returned.status_code == 200 and returned.json()["state"] == "returned"
    assert returned.json()["return_reason"] == "Thiếu nguồn"
    again = reporter.post(f"/submissions/{mine}/submit", {"version": 4})
    assert again.json()["state"] == "resubmitted"
    accepted = monitor.post(f"/submissions/{mine}/accept", {"version": 5})
    assert accepted.status_code == 200 and accepted.json()["state"] == "accepted"
    # The accepted figures are published on /figures.
    published = api_as("lanhdao").get("/figures", plan=PLAN, year=2024).json()
    assert {(f["target"], f["value"]) for f in published["items"]} == {
        ("2.3", "63.5"),
        ("2.2", "9100"),
    }
    assert api_as("lanhdao").get("/figures", target="2.3").json()["count"] == 1
    assert api_as("lanhdao").get("/figures", program=3).json()["count"] == 0


def test_figures_bulk_upsert_is_idempotent(api_as, rnd):
    mine = sub_id(rnd, SNN)
    reporter = api_as("baocao.snn")
    body = {"version": 1, "figures": [{"target": "2.4", "value": "98.5", "qualifier": "about"}]}
    first = reporter.post(f"/submissions/{mine}/figures", body, headers={"Idempotency-Key": "k-1"})
    assert first.status_code == 200, first.content
    assert first.json()["replayed"] is False and first.json()["submission"]["version"] == 2
    audits = AuditEntry.objects.count()
    replay = reporter.post(f"/submissions/{mine}/figures", body, headers={"Idempotency-Key": "k-1"})
    assert replay.status_code == 200 and replay.json()["replayed"] is True
    assert replay.json()["submission"] == first.json()["submission"]
    assert AuditEntry.objects.count() == audits
    assert Submission.objects.get(pk=mine).version == 2
    other = dict(body, figures=[{"target": "2.4", "value": "97"}])
    clash = reporter.post(f"/submissions/{mine}/figures", other, headers={"Idempotency-Key": "k-1"})
    assert clash.status_code == 409 and error_of(clash)["code"] == "conflict"
    # client_key in the body, no version: written over the current version.
    keyed = {"client_key": "k-2", "figures": [{"target": "2.5", "value": "120"}]}
    assert reporter.post(f"/submissions/{mine}/figures", keyed).status_code == 200
    assert reporter.post(f"/submissions/{mine}/figures", keyed).json()["replayed"] is True
    assert IdempotencyRecord.objects.count() == 2
    # Another unit's reporter (to whom the submission does not exist) and the office may not.
    assert (
        api_as("baocao.svhttdl")
        .post(f"/submissions/{mine}/figures", keyed | {"client_key": "x"})
        .status_code
        == 404
    )
    assert (
        api_as("theodoi")
        .post(f"/submissions/{mine}/figures", keyed | {"client_key": "y"})
        .status_code
        == 403
    )


# --- OpenAPI and docs ---------------------------------------------------------------------------


def test_openapi_validates_and_docs_are_served_locally(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.json()
    validate(spec)
    paths = set(spec["paths"])
    for path in (
        "/api/v1/plans",
        "/api/v1/plans/{code}",
        "/api/v1/plans/{code}/programs",
        "/api/v1/plans/{code}/targets",
        "/api/v1/plans/{code}/tasks",
        "/api/v1/plans/{code}/evaluation",
        "/api/v1/units",
        "/api/v1/rounds",
        "/api/v1/rounds/{round_id}",
        "/api/v1/submissions",
        "/api/v1/submissions/{submission_id}",
        "/api/v1/submissions/{submission_id}/submit",
        "/api/v1/submissions/{submission_id}/accept",
        "/api/v1/submissions/{submission_id}/return",
        "/api/v1/submissions/{submission_id}/figures",
        "/api/v1/figures",
    ):
        assert path in paths
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower() and "https://" not in html


def test_query_counts_are_pinned(api_as, rnd, django_assert_num_queries):
    monitor = api_as("theodoi")
    monitor.get("/plans")  # the token's last use is recorded once a minute
    with django_assert_num_queries(TARGETS_QUERIES):
        assert monitor.get(f"/plans/{PLAN}/targets", page_size=100).status_code == 200
    with django_assert_num_queries(SUBMISSIONS_QUERIES):
        assert monitor.get("/submissions").status_code == 200
    with django_assert_num_queries(DETAIL_QUERIES):
        assert monitor.get(f"/submissions/{sub_id(rnd, SNN)}").status_code == 200


TARGETS_QUERIES = 3
SUBMISSIONS_QUERIES = 2
DETAIL_QUERIES = 5
