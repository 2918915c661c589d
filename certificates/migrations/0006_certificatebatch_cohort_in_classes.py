"""A certificate batch's class is now classes.Cohort: the same table (courses_cohort), so only Django's
state changes. Runs between classes' 0001 (which takes the model over) and courses' 0010 (which forgets it)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0005_coursecertificatetemplate"),
        ("classes", "0001_initial"),
    ]
    run_before = [("courses", "0010_classes_move_to_their_own_app")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="certificatebatch",
                    name="cohort",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="certificate_batches",
                        to="classes.cohort",
                        verbose_name="class",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
