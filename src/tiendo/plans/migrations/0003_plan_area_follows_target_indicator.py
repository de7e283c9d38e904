"""A plan's area and the plan it follows (kế thừa); a target's indicator (nullable until the data
migration `indicators.0003` fills it; the constraints come in `plans.0004`)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0002_indicator_and_figure_series"),
        ("org", "0001_initial"),
        ("plans", "0002_assignment_unique_partial"),
    ]

    operations = [
        migrations.AddField(
            model_name="plan",
            name="area",
            field=models.ForeignKey(
                blank=True,
                help_text="Địa bàn mà số liệu của các chỉ tiêu mô tả (thường là tỉnh).",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="plans_for_area",
                to="org.orgunit",
                verbose_name="địa bàn",
            ),
        ),
        migrations.AddField(
            model_name="plan",
            name="follows",
            field=models.ForeignKey(
                blank=True,
                help_text="Chương trình của nhiệm kỳ trước mà chương trình này tiếp nối.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="followed_by",
                to="plans.plan",
                verbose_name="kế thừa chương trình",
            ),
        ),
        migrations.AddField(
            model_name="target",
            name="indicator_ref",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="targets",
                to="indicators.indicator",
                verbose_name="chỉ số",
            ),
        ),
    ]
