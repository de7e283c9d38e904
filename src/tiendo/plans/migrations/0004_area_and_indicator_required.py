"""Constraints that the data migration `indicators.0003` made true: a plan in force has an area,
a target that figures are reported for has an indicator, a plan does not follow itself."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0003_fill_series"),
        ("plans", "0003_plan_area_follows_target_indicator"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="plan",
            constraint=models.CheckConstraint(
                condition=models.Q(("follows", models.F("pk")), _negated=True),
                name="plan_not_own_successor",
            ),
        ),
        migrations.AddConstraint(
            model_name="plan",
            constraint=models.CheckConstraint(
                condition=models.Q(("status", "draft"), ("area__isnull", False), _connector="OR"),
                name="plan_area_when_active",
            ),
        ),
        migrations.AddConstraint(
            model_name="target",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("kind", "qualitative"), ("indicator_ref__isnull", False), _connector="OR"
                ),
                name="target_measured_has_indicator",
            ),
        ),
    ]
