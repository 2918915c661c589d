"""Classes move to their own app (classes/migrations/0001_initial.py, which runs first and copies each
enrolment's class into classes.CohortEnrolment): the old column goes, and courses forgets the three
models whose tables classes now owns, without touching the tables."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0009_coursepage_certificate_template_moves_to_certificates"),
    ]

    operations = [
        migrations.RemoveField(model_name="enrolment", name="cohort"),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Attendance"),
                migrations.DeleteModel(name="CohortSession"),
                migrations.DeleteModel(name="Cohort"),
            ],
            database_operations=[],
        ),
    ]
