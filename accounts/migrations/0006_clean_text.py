"""Names stored before single-line text was cleaned (core.text) lose controls and bidi overrides, in NFC.

Residents' names reach screens and certificates; the guardian's name is the profile's other one-line
field a person types. Certificates already issued are not touched: their snapshot is what was printed.
"""

from django.db import migrations

from core.text import clean_single_line_columns


def clean_text(apps, schema_editor):
    clean_single_line_columns(apps.get_model("accounts", "User"), ["first_name", "last_name"])
    clean_single_line_columns(apps.get_model("accounts", "LearnerProfile"), ["guardian_name"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_user_erased_at"),
    ]

    operations = [
        migrations.RunPython(clean_text, migrations.RunPython.noop, elidable=True),
    ]
