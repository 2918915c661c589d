"""Consent records move here from privacy (issue 16: accounts is below privacy and must not import it).

The table privacy made (privacy_consentrecord) and every row in it are kept: the model is taken over
in Django's state (privacy.0002_consentrecord_to_accounts let go of it first), then the table is
renamed to accounts' name. Its content type follows, so that its permissions and any history entry
still point to it.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import IntegrityError, migrations, models, transaction


def content_type_to(app_label, other_app_label):
    def move(apps, schema_editor):
        content_type = apps.get_model("contenttypes", "ContentType")
        db_alias = schema_editor.connection.alias
        try:
            with transaction.atomic(using=db_alias):
                content_type.objects.using(db_alias).filter(app_label=other_app_label, model="consentrecord").update(
                    app_label=app_label
                )
        except IntegrityError:
            # Both exist already (a database where accounts' was made meanwhile): as Django does for a
            # renamed model, leave them; remove_stale_contenttypes asks what to do with the old one.
            pass

    return move


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_clean_text"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ConsentRecord",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("privacy-notice", "Privacy notice"),
                                    ("optional-data", "Optional data (gender, birth year)"),
                                ],
                                max_length=20,
                                verbose_name="kind",
                            ),
                        ),
                        (
                            "action",
                            models.CharField(
                                choices=[("given", "Given"), ("withdrawn", "Withdrawn")],
                                default="given",
                                max_length=10,
                                verbose_name="action",
                            ),
                        ),
                        ("notice_version", models.CharField(max_length=20, verbose_name="privacy notice version")),
                        ("at", models.DateTimeField(verbose_name="at")),
                        (
                            "recorded_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="recorded by",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="consents",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="resident",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "consent record",
                        "verbose_name_plural": "consent records",
                        "ordering": ["user", "at", "pk"],
                        "db_table": "privacy_consentrecord",
                    },
                ),
            ],
            database_operations=[],
        ),
        # privacy_consentrecord → accounts_consentrecord, rows and all.
        migrations.AlterModelTable(name="consentrecord", table=None),
        migrations.RunPython(content_type_to("accounts", "privacy"), content_type_to("privacy", "accounts")),
    ]
