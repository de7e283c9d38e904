"""ApiToken moves here from the `api` app: a personal token is a credential of the account.
Only Django's picture of the models changes: the table (`api_apitoken`) and its rows stay."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from tiendo.core.migration_helpers import content_type_move


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("api", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ApiToken",
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
                        (
                            "name",
                            models.CharField(
                                blank=True, max_length=120, verbose_name="tên gợi nhớ"
                            ),
                        ),
                        ("prefix", models.CharField(max_length=12, verbose_name="đầu mã")),
                        (
                            "key_hash",
                            models.CharField(
                                max_length=64, unique=True, verbose_name="mã băm SHA-256"
                            ),
                        ),
                        ("created_at", models.DateTimeField(verbose_name="tạo lúc")),
                        (
                            "last_used_at",
                            models.DateTimeField(
                                blank=True, null=True, verbose_name="dùng lần cuối"
                            ),
                        ),
                        (
                            "revoked_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="thu hồi lúc"),
                        ),
                        (
                            "created_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="api_tokens",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "mã truy cập API",
                        "verbose_name_plural": "mã truy cập API",
                        "db_table": "api_apitoken",
                        "ordering": ["user", "-created_at"],
                    },
                ),
            ],
            database_operations=[],
        ),
        content_type_move("apitoken", old="api", new="accounts"),
    ]
