"""The access log keeps the id of a worker-built export, no longer a foreign key to reports (issue 16:
privacy is below reports). The column, its index and its values stay: only the constraint goes."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0002_consentrecord_to_accounts"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The same column, export_id, as a plain indexed number.
            database_operations=[
                migrations.AlterField(
                    model_name="recordaccess",
                    name="export",
                    field=models.BigIntegerField(blank=True, null=True, db_index=True, db_column="export_id"),
                ),
            ],
            state_operations=[
                migrations.RemoveField(model_name="recordaccess", name="export"),
                migrations.AddField(
                    model_name="recordaccess",
                    name="export_id",
                    field=models.BigIntegerField(blank=True, null=True, db_index=True),
                ),
            ],
        ),
    ]
