"""ApiToken moved from the `api` app to `accounts`, IdempotencyRecord to `core`: the migrations
change Django's picture of the models only. A database from before the move keeps its tokens
(they still sign in) and its idempotency records, the content types follow the models, and the
move can be undone."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tiendo.accounts.models import ApiToken
from tiendo.accounts.tokens import token_authenticate
from tiendo.core.models import IdempotencyRecord

# The last migrations before the move (`core` had none).
BEFORE = [("api", "0001_initial"), ("accounts", "0001_initial"), ("core", None)]
BEFORE_NODES = [
    ("api", "0001_initial"),
    ("accounts", "0001_initial"),
    ("contenttypes", "0002_remove_content_type_name"),
]
RAW = "tdo_" + "a" * 43


def migrate(targets: list[tuple[str, str | None]] | None = None) -> Any:
    """Migrate the test database back to before the move (`BEFORE`), or forward to the latest
    migrations (None); return the models as they are at that point."""
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    executor.migrate(targets or leaves)
    loader = MigrationExecutor(connection).loader
    return loader.project_state(BEFORE_NODES if targets else leaves).apps


@pytest.fixture
def back_to_latest() -> Any:
    """Whatever happens in the test, the database ends at the latest migrations."""
    yield
    migrate()


@pytest.mark.django_db(transaction=True)
def test_tokens_and_idempotency_records_survive_the_move(back_to_latest: Any) -> None:
    old = migrate(BEFORE)
    with pytest.raises(LookupError):
        old.get_model("accounts", "ApiToken")
    user = old.get_model("auth", "User").objects.create(username="hethong", is_active=True)
    token = old.get_model("api", "ApiToken").objects.create(
        user=user,
        name="hệ thống tỉnh",
        prefix=RAW[:12],
        key_hash=hashlib.sha256(RAW.encode()).hexdigest(),
        created_at=timezone.now(),
    )
    record = old.get_model("api", "IdempotencyRecord").objects.create(
        user=user,
        key="k-1",
        request_hash="h" * 64,
        status_code=200,
        response={"replayed": False, "updated": ["2.4"]},
        created_at=timezone.now(),
    )
    # The old database's content types name the `api` app.
    content_types = old.get_model("contenttypes", "ContentType").objects
    content_types.filter(model__in=["apitoken", "idempotencyrecord"]).delete()
    token_type = content_types.create(app_label="api", model="apitoken")
    record_type = content_types.create(app_label="api", model="idempotencyrecord")

    migrate()
    ContentType.objects.clear_cache()
    moved = ApiToken.objects.get()
    assert (moved.pk, moved.name, moved.prefix) == (token.pk, "hệ thống tỉnh", RAW[:12])
    assert token_authenticate(raw=RAW) == get_user_model().objects.get(username="hethong")
    kept = IdempotencyRecord.objects.get()
    assert (kept.pk, kept.key, kept.response) == (record.pk, "k-1", record.response)
    assert ContentType.objects.get_for_model(ApiToken).pk == token_type.pk
    assert ContentType.objects.get_for_model(IdempotencyRecord).pk == record_type.pk
    assert not ContentType.objects.filter(app_label="api").exists()
    # New rows go to the same tables.
    assert ApiToken._meta.db_table == "api_apitoken"
    assert IdempotencyRecord._meta.db_table == "api_idempotencyrecord"

    # Undone, the rows are the old models' again; redone, they are back.
    old = migrate(BEFORE)
    assert old.get_model("api", "ApiToken").objects.get().prefix == RAW[:12]
    assert old.get_model("api", "IdempotencyRecord").objects.get().key == "k-1"
    assert content_types.filter(app_label="api").count() == 2
    migrate()
    assert ApiToken.objects.get().pk == token.pk


@pytest.mark.django_db(transaction=True)
def test_a_new_database_has_no_model_left_in_the_api_app() -> None:
    executor = MigrationExecutor(connection)
    state = executor.loader.project_state(executor.loader.graph.leaf_nodes())
    assert [m for (app, m) in state.models if app == "api"] == []
    assert ("accounts", "apitoken") in state.models
    assert ("core", "idempotencyrecord") in state.models
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
