"""Organisations' names stored before single-line text was cleaned (core.text): no controls or bidi
overrides, in NFC. The name is printed on certificates and shown on course pages. A name whose clean
form another organisation has already is left for staff to tell apart (core.text explains why)."""

from django.db import migrations

from core.text import clean_single_line_columns


def clean_text(apps, schema_editor):
    clean_single_line_columns(apps.get_model("organisations", "Organisation"), ["name", "contact_phone"])


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0003_organisation_collection"),
    ]

    operations = [
        migrations.RunPython(clean_text, migrations.RunPython.noop, elidable=True),
    ]
