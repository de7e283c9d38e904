"""Indicators as their own thing: the catalogue, and figures keyed by indicator, area and period
(step 1 of 3: new table and nullable columns; the target column stays until the data is moved)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0001_move_figure"),
        ("org", "0001_initial"),
        ("plans", "0002_assignment_unique_partial"),
    ]

    operations = [
        migrations.CreateModel(
            name="Indicator",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("code", models.SlugField(max_length=100, unique=True, verbose_name="mã")),
                ("name", models.CharField(max_length=300, verbose_name="tên chỉ số")),
                ("unit", models.CharField(blank=True, max_length=120, verbose_name="đơn vị tính")),
                (
                    "definition",
                    models.TextField(blank=True, verbose_name="khái niệm, phương pháp tính"),
                ),
                (
                    "source",
                    models.CharField(blank=True, max_length=300, verbose_name="nguồn số liệu"),
                ),
                (
                    "national_code",
                    models.CharField(
                        blank=True,
                        max_length=32,
                        verbose_name="mã trong hệ thống chỉ tiêu thống kê quốc gia",
                    ),
                ),
                (
                    "synonyms",
                    models.JSONField(
                        blank=True, default=list, verbose_name="tên gọi khác trong văn bản"
                    ),
                ),
            ],
            options={
                "verbose_name": "chỉ số",
                "verbose_name_plural": "chỉ số",
                "ordering": ["name", "code"],
            },
        ),
        migrations.AlterField(
            model_name="figure",
            name="target",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="figures",
                to="plans.target",
            ),
        ),
        migrations.AddField(
            model_name="figure",
            name="indicator",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="figures",
                to="indicators.indicator",
                verbose_name="chỉ số",
            ),
        ),
        migrations.AddField(
            model_name="figure",
            name="area",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="figures",
                to="org.orgunit",
                verbose_name="địa bàn",
            ),
        ),
        migrations.AddField(
            model_name="figure",
            name="from_year",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="Số liệu của cả giai đoạn (từ năm … đến năm): bình quân, lũy kế.",
                null=True,
                verbose_name="từ năm",
            ),
        ),
        migrations.AddField(
            model_name="figure",
            name="reported_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="reported_figures",
                to="org.orgunit",
                verbose_name="đơn vị báo cáo",
            ),
        ),
    ]
