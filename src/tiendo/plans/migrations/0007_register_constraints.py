import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """The register's required fields and its integrity rules (after 0003 filled the gaps: on
    PostgreSQL a table cannot be altered in the transaction that updated its rows)."""

    dependencies = [
        ("plans", "0006_register"),
    ]

    operations = [
        migrations.AlterField(
            model_name="implementingdocument",
            name="date",
            field=models.DateField(verbose_name="ngày ban hành"),
        ),
        migrations.AlterField(
            model_name="implementingdocument",
            name="issuing_unit",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="implementing_documents",
                to="org.orgunit",
                verbose_name="đơn vị ban hành",
            ),
        ),
        migrations.AlterField(
            model_name="implementingdocument",
            name="programs",
            field=models.ManyToManyField(
                blank=True,
                related_name="implementing_documents",
                to="plans.program",
                verbose_name="chương trình",
            ),
        ),
        migrations.AddConstraint(
            model_name="implementingdocument",
            constraint=models.UniqueConstraint(
                fields=("plan", "number", "date"), name="impldoc_unique_number_date"
            ),
        ),
        migrations.AddConstraint(
            model_name="implementingdocument",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "kind__in",
                        [
                            "resolution",
                            "directive",
                            "conclusion",
                            "program",
                            "plan",
                            "project",
                            "decision",
                            "other",
                        ],
                    )
                ),
                name="impldoc_kind_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="implementingdocument",
            constraint=models.CheckConstraint(
                condition=models.Q(("number", ""), _negated=True), name="impldoc_number_not_empty"
            ),
        ),
        migrations.AddConstraint(
            model_name="implementingdocument",
            constraint=models.CheckConstraint(
                condition=models.Q(("title", ""), _negated=True), name="impldoc_title_not_empty"
            ),
        ),
        migrations.AddConstraint(
            model_name="implementingdocument",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("file", ""), ("file_kind", ""), ("file_size__isnull", True)),
                    models.Q(
                        models.Q(("file", ""), _negated=True),
                        ("file_kind__in", ["pdf", "docx"]),
                        ("file_size__gt", 0),
                    ),
                    _connector="OR",
                ),
                name="impldoc_file_complete",
            ),
        ),
    ]
