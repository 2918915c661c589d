"""Consent records move to accounts (issue 16: accounts is below privacy and must not import it).

Here privacy lets go of the model, in Django's state only: the table and its rows stay, and
accounts.0007_consentrecord takes them over (run_before: privacy's hold ends before accounts' begins).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0001_initial"),
    ]
    run_before = [
        ("accounts", "0007_consentrecord"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ConsentRecord")],
            database_operations=[],
        ),
    ]
