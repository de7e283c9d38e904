"""The API app keeps no models: ApiToken moved to `accounts` (a credential of the account) and
IdempotencyRecord to `core`. Their tables stay; only Django's picture of the models changes."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0001_initial"),
        ("accounts", "0002_apitoken"),
        ("core", "0001_idempotencyrecord"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="ApiToken"),
                migrations.DeleteModel(name="IdempotencyRecord"),
            ],
            database_operations=[],
        ),
    ]
