"""Step 3 of 3: a figure belongs to an indicator, a year (or period) and an area; the target
column goes (the figure serves every target of every plan that uses its indicator), and the table
takes the app's name."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0003_fill_series"),
        ("org", "0001_initial"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="figure", name="figure_target_year_idx"),
        migrations.RemoveField(model_name="figure", name="target"),
        migrations.AlterField(
            model_name="figure",
            name="indicator",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="figures",
                to="indicators.indicator",
                verbose_name="chỉ số",
            ),
        ),
        migrations.AlterField(
            model_name="figure",
            name="area",
            field=models.ForeignKey(
                help_text="Địa bàn mà số liệu mô tả (tỉnh; xã, phường nếu số liệu của xã, phường).",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="figures",
                to="org.orgunit",
                verbose_name="địa bàn",
            ),
        ),
        migrations.AlterModelOptions(
            name="figure",
            options={
                "ordering": ["indicator", "area", "year", "id"],
                "verbose_name": "số liệu",
                "verbose_name_plural": "số liệu",
            },
        ),
        migrations.AlterModelTable(name="figure", table=None),
        migrations.AddIndex(
            model_name="figure",
            index=models.Index(fields=["indicator", "area", "year"], name="figure_series_idx"),
        ),
        migrations.AddConstraint(
            model_name="figure",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("from_year__isnull", True),
                    models.Q(("from_year__gte", 1945), ("from_year__lt", models.F("year"))),
                    _connector="OR",
                ),
                name="figure_period_order",
            ),
        ),
    ]
