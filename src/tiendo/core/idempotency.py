"""Doing a write once per client key: a client that retries a request (because the answer got
lost, or because it sent it twice at once) with the same key gets the first answer again and
nothing is written twice.

The key is claimed in the same transaction as the write, before it: a second request with the
key waits for the first one's transaction (PostgreSQL: on the unique index; SQLite: on the
database's write lock, transactions being IMMEDIATE), then finds the stored answer and replays
it. If the first request fails, its claim rolls back with it and the next one does the write."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import IdempotencyRecord

MAX_KEY_LENGTH = 200


class IdempotencyKeyReused(Exception):
    """The key was already used for a request with a different content."""


@dataclass(frozen=True)
class IdempotentResult:
    body: dict[str, Any]
    status_code: int
    replayed: bool


def request_fingerprint(content: Any) -> str:
    """A SHA-256 of the request's content (JSON-compatible data), independent of key order."""
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, cls=DjangoJSONEncoder)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def idempotent_replay(*, user: Any, key: str, fingerprint: str) -> IdempotentResult | None:
    """The stored answer for this user's key, or None when the key is new. Raises
    IdempotencyKeyReused when the key was used for another request."""
    record = IdempotencyRecord.objects.filter(user=user, key=key).first()
    if record is None:
        return None
    if record.request_hash != fingerprint:
        raise IdempotencyKeyReused(key)
    return IdempotentResult(
        body=dict(record.response), status_code=record.status_code, replayed=True
    )


def idempotent_run(
    *,
    user: Any,
    key: str,
    fingerprint: str,
    write: Callable[[], dict[str, Any]],
    status_code: int = 200,
) -> IdempotentResult:
    """Run `write` (which returns the answer's JSON body) once for this user and key, in one
    transaction with the record of its answer. A request that finds the key taken gets the
    stored answer (`replayed=True`), also when it arrived while the first one was running."""
    for _attempt in range(3):
        found = idempotent_replay(user=user, key=key, fingerprint=fingerprint)
        if found is not None:
            return found
        with transaction.atomic():
            try:
                with transaction.atomic():
                    record = IdempotencyRecord.objects.create(
                        user=user,
                        key=key,
                        request_hash=fingerprint,
                        status_code=status_code,
                        response={},
                        created_at=timezone.now(),
                    )
            except IntegrityError:
                record = None  # another request holds the key: its answer is read above
            if record is not None:
                body = write()
                record.response = json.loads(json.dumps(body, cls=DjangoJSONEncoder))
                record.save(update_fields=["response"])
                return IdempotentResult(body=body, status_code=status_code, replayed=False)
    raise RuntimeError(f"idempotency key {key!r}: neither claimed nor answered")
