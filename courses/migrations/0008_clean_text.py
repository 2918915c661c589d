"""Classes' names, meetings' titles and venues, and facilitators' completion notes stored before
single-line text was cleaned (core.text): no controls or bidi overrides, in NFC.

Page titles are left alone: staff wrote them, reviewers published them, and each page's revisions
hold the same title; rewriting the live row alone would make it differ from its latest revision.
Every edit from now on is cleaned by the admin's forms, and certificates clean the course's title
when they print it.
"""

from django.db import migrations

from core.text import clean_single_line_columns


def clean_text(apps, schema_editor):
    clean_single_line_columns(apps.get_model("courses", "Cohort"), ["name"])
    clean_single_line_columns(apps.get_model("courses", "CohortSession"), ["title", "venue"])
    clean_single_line_columns(apps.get_model("courses", "Enrolment"), ["completion_note"])


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0007_coursegrant"),
    ]

    operations = [
        migrations.RunPython(clean_text, migrations.RunPython.noop, elidable=True),
    ]
