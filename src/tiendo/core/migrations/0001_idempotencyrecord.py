"""IdempotencyRecord moves here from the `api` app. Only Django's picture of the models changes:
the table (`api_idempotencyrecord`) and its rows stay as they are."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from tiendo.core.migration_helpers import content_type_move


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("api", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="IdempotencyRecord",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("key", models.CharField(max_length=200, verbose_name="khóa")),
                        (
                            "request_hash",
                            models.CharField(max_length=64, verbose_name="mã băm yêu cầu"),
                        ),
                        ("status_code", models.PositiveSmallIntegerField()),
                        ("response", models.JSONField()),
                        ("created_at", models.DateTimeField()),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "khóa chống lặp",
                        "verbose_name_plural": "khóa chống lặp",
                        "db_table": "api_idempotencyrecord",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("user", "key"), name="idempotency_unique_key"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        content_type_move("idempotencyrecord", old="api", new="core"),
    ]
