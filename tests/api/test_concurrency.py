"""API writes under concurrency (several threads, each with its own database connection, the
requests released at the same moment):

- a bulk upsert without `version` writes over whatever is current: every request succeeds, one
  after the other, none is refused as stale and none is lost;
- retries with the same Idempotency-Key get the first request's answer, never a 409, and the
  write happens once."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from tiendo.audit.models import AuditEntry
from tiendo.core.models import IdempotencyRecord
from tiendo.reporting.models import Submission, SubmissionFigure

from .conftest import Api

pytestmark = pytest.mark.django_db(transaction=True)
SNN = "so-nong-nghiep-va-phat-trien-nong-thon"
THREADS = 4


def at_once(calls: list[Callable[[], Any]]) -> list[Any]:
    """Run the calls in threads released together; return their results in order."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[index] = calls[index]()
        except Exception as exc:  # reported by the assertions below
            results[index] = exc
        finally:
            connection.close()  # this thread's connection

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    return results


def _submission(rnd: Any) -> Submission:
    return Submission.objects.get(round=rnd, unit__code=SNN)


def test_writes_without_version_all_land(api_as: Any, rnd: Any) -> None:
    sub = _submission(rnd)
    targets = list(
        SubmissionFigure.objects.filter(submission=sub)
        .order_by("target__position")
        .values_list("target__code", flat=True)[:THREADS]
    )
    reporters = [api_as("baocao.snn") for _ in targets]
    audits = AuditEntry.objects.filter(object_type="reporting.submission").count()

    def upsert(api: Api, target: str, value: int) -> Any:
        return lambda: api.post(
            f"/submissions/{sub.pk}/figures", {"figures": [{"target": target, "value": value}]}
        )

    responses = at_once(
        [
            upsert(api, target, 40 + i)
            for i, (api, target) in enumerate(zip(reporters, targets, strict=True))
        ]
    )
    assert [getattr(r, "status_code", r) for r in responses] == [200] * THREADS
    assert sorted(r.json()["submission"]["version"] for r in responses) == list(
        range(2, 2 + THREADS)
    )
    sub.refresh_from_db()
    assert sub.version == 1 + THREADS
    values = dict(
        SubmissionFigure.objects.filter(submission=sub, target__code__in=targets).values_list(
            "target__code", "value"
        )
    )
    assert {code: int(value) for code, value in values.items()} == {
        target: 40 + i for i, target in enumerate(targets)
    }
    assert AuditEntry.objects.filter(object_type="reporting.submission").count() == audits + THREADS


def test_retries_with_the_same_key_get_the_first_answer(api_as: Any, rnd: Any) -> None:
    sub = _submission(rnd)
    body = {"figures": [{"target": "2.4", "value": "98.5", "qualifier": "about"}]}
    clients = [api_as("baocao.snn") for _ in range(THREADS)]
    for api in clients[1:]:  # the same person's token, as a retrying client would have
        api.headers = clients[0].headers
    audits = AuditEntry.objects.filter(object_type="reporting.submission").count()

    responses = at_once(
        [
            (
                lambda api=api: api.post(
                    f"/submissions/{sub.pk}/figures", body, headers={"Idempotency-Key": "retry-1"}
                )
            )
            for api in clients
        ]
    )
    assert [getattr(r, "status_code", r) for r in responses] == [200] * THREADS
    answers = [r.json() for r in responses]
    assert sorted(a["replayed"] for a in answers) == [False] + [True] * (THREADS - 1)
    assert all(a["submission"] == answers[0]["submission"] for a in answers)
    assert answers[0]["submission"]["version"] == 2
    sub.refresh_from_db()
    assert sub.version == 2
    assert AuditEntry.objects.filter(object_type="reporting.submission").count() == audits + 1
    assert IdempotencyRecord.objects.filter(key="retry-1").count() == 1

    # A later retry gets the same answer; the same key with another body is refused.
    again = clients[0].post(
        f"/submissions/{sub.pk}/figures", body, headers={"Idempotency-Key": "retry-1"}
    )
    assert again.status_code == 200 and again.json()["submission"] == answers[0]["submission"]
    other = {"figures": [{"target": "2.4", "value": "97"}]}
    clash = clients[0].post(
        f"/submissions/{sub.pk}/figures", other, headers={"Idempotency-Key": "retry-1"}
    )
    assert clash.status_code == 409 and clash.json()["error"]["code"] == "conflict"
